//! Where and when a figure holds: the scope that narrows it (a window, a rate,
//! a start, a part of the whole), the named place it is about, and its role
//! (the story's figure, a past event's, an age, the old value of a change).
//!
//! Words that are no scope stay out: a news day ("on Tuesday"), a day that
//! dates a statement ("police said on Saturday"), a record comparison ("the
//! most since the 2009 season", "the highest in the province's history").

use std::sync::LazyLock;

use regex::Regex;

use super::At;
use super::tables::{Cue, cue_ending_at, is_record_word, is_speech_verb};
use super::words::{breaks_clause, clause_end, clause_start, fold_name};
use crate::pattern::{Captures, Pattern};
use crate::quantity::{Kind, Quantity, Role};
use crate::text::{DAYS, MONTHS};
use crate::tokens::{Tok, Tokens};

/// Phrases that narrow a figure to part of the story: a time window, a rate,
/// a start, a part of the place, or the whole nation.
static SCOPE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?ix)(?-u:\b)(?:
        (?:in|within|during|over|for|throughout)\ the\ (?:last|past|previous|first)\ (?P<n>[\w-]+\ )?(?P<win>hour|day|week|month|year|decade|weekend)s?
        |(?P<rel>last|this|next)\ (?P<rwin>week|month|year|weekend|season)
        |(?P<rate>per|a|an|each|every)\ (?P<unit>second|minute|hour|day|night|week|month|year)
        |since\ (?P<since>(?:the\ )?(?:\d[\w.]*|jan\w*|feb\w*|mar\w*|apr\w*|may|june?|july?|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|monday|tuesday|wednesday|thursday|friday|saturday|sunday|last\ \w+|(?:start|beginning|outbreak|end)\ of\ the\ \w+|\w+\ (?:began|started|broke\ out)))
        |in\ the\ (?:\w+\ )?(?P<part>city|town|village|province|region|county|district|capital|camp|neighbou?rhood|state|area)
        |(?P<national>nationwide|countrywide|nationally|across\ the\ country|in\ the\ country)
        |(?P<day>(?:on\ )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|overnight))(?P<alone>\ alone)?
        |(?P<total>in\ total|in\ all|so\ far|to\ date|altogether)
        |(?:before|prior\ to)\ the\ (?P<prior>\w+)
        |(?P<def>including|excluding|not\ including|without|plus)\ (?P<defn>debt|fees|taxes|tax|bonuses|inflation|vat|interest|costs)
        |(?:in|during|for|last|this)\ (?P<month>january|february|march|april|may|june|july|august|september|october|november|december)(?:\ (?P<myear>1[89]\d\d|20\d\d))?
        |(?:in|during|for|of)\ (?P<year>1[89]\d\d|20\d\d)
        )(?-u:\b)",
    )
});

/// A named place a figure is about: "in Holton", "near Port Said".
static PLACE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?-u:\b)(?i:in|at|near|around|outside|across|to|from)\s+(?P<place>\p{Lu}[\w’'.-]*(?:\s+\p{Lu}[\w’'.-]*){0,3})",
    )
});

/// Words after "in" that open no place name.
const NOT_PLACES: &[&str] = &[
    "the", "a", "an", "this", "that", "his", "her", "their", "its",
];

/// How many years before the article's a year must be to make its figure a
/// past event's.
const PAST_YEARS: i32 = 5;

/// A cue further than this many bytes from its figure belongs to another clause.
const REACH: usize = 80;

/// Whether a lower-case word is a month or a day name.
pub fn is_calendar(word: &str) -> bool {
    MONTHS.contains(&word) || DAYS.contains(&word)
}

/// Bytes between a figure `[start, end)` and a cue `[at, at_end)` (0 when
/// they touch); a cue before the figure counts a few bytes more.
fn distance(start: usize, end: usize, at: usize, at_end: usize) -> usize {
    if at >= end {
        at - end
    } else {
        start.saturating_sub(at_end) + 8
    }
}

/// The scope of every figure of the sentence (`None` for the rest).
pub fn assign(s: &Tokens, qs: &[Quantity], at: &[At], figures: &[usize]) -> Vec<Option<String>> {
    let mut scopes: Vec<Option<(usize, bool, String)>> = vec![None; qs.len()];
    let text = s.text;
    for caps in SCOPE.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        let Some(key) = scope_key(s, &caps, m.start()) else {
            continue;
        };
        let rate = caps.name("rate").is_some();
        // The nearest figure, not across a clause break; a rate only right after its figure.
        let nearest = figures
            .iter()
            .copied()
            .filter(|&i| {
                let q = &qs[i];
                // A figure inside the cue ("in the last 24 hours") is part of it.
                !(q.start >= m.start() && q.end <= m.end()) && q.kind.is_figure()
            })
            .filter(|&i| !rate || (m.start() >= qs[i].end && m.start() - qs[i].end <= 24))
            .filter(|&i| same_clause(s, at[i], m.start()))
            .map(|i| (distance(qs[i].start, qs[i].end, m.start(), m.end()), i))
            .min();
        let Some((d, i)) = nearest else { continue };
        // A span of time is narrowed only by where, or by a rate ("8 hours a day").
        let spatial = key.starts_with("in the") || key == "national";
        if qs[i].kind == Kind::Duration && !spatial && !rate {
            continue;
        }
        // A time (a window, a rate, a start, a day, a month) narrows a count
        // more than a part of a place does: it wins, then the nearer.
        let timely = !spatial && !key.starts_with("including") && !key.starts_with("excluding");
        let better = scopes[i].as_ref().is_none_or(|(best, was_timely, _)| {
            (timely, std::cmp::Reverse(d)) > (*was_timely, std::cmp::Reverse(*best))
        });
        if d <= REACH && better {
            scopes[i] = Some((d, timely, key));
        }
    }
    scopes.into_iter().map(|s| s.map(|(_, _, k)| k)).collect()
}

/// Whether byte `at` lies in the clause of the figure at `f`, or opens the
/// sentence or clause before it as an adverbial set off by one comma ("In
/// the last 24 hours, 40 people died").
fn same_clause(s: &Tokens, f: At, at: usize) -> bool {
    let tok = s.toks.partition_point(|t| t.start < at);
    let (lo, hi) = if tok < f.first {
        (tok, f.first)
    } else {
        (f.next, tok)
    };
    let breaks: Vec<usize> = (lo..hi).filter(|&k| breaks_clause(s, k)).collect();
    match breaks.as_slice() {
        [] => true,
        [comma] if tok < f.first && s.raw(*comma) == "," => tok == 0 || breaks_clause(s, tok - 1),
        _ => false,
    }
}

/// One spelling per scope ("within the past week" and "in the last week" are
/// one), or `None` for words that are no scope here.
fn scope_key(s: &Tokens, caps: &Captures<'_>, at: usize) -> Option<String> {
    let get = |n: &str| caps.name(n).map(|m| m.as_str().trim().to_lowercase());
    let before: Vec<&str> = s.lower[..at].split_whitespace().collect();
    if let Some(win) = get("win") {
        let n = get("n").filter(|n| n != "few").unwrap_or_default();
        return Some(format!("last {n} {win}").replace("  ", " "));
    }
    if let (Some(rel), Some(win)) = (get("rel"), get("rwin")) {
        // "said last week" dates the statement, not the figure.
        let said = before.last().is_some_and(|w| is_speech_verb(w));
        return (!said).then(|| format!("{rel} {win}"));
    }
    if let Some(unit) = get("unit") {
        // "a week-long pause" is no rate.
        let end = caps.get(0).map_or(at, |m| m.end());
        if s.text[end..].starts_with('-') {
            return None;
        }
        return Some(format!("per {unit}"));
    }
    if let Some(since) = get("since") {
        // "the most since the 2009 season" compares with a record.
        let record = before.iter().rev().take(8).any(|w| is_record_word(w));
        return (!record).then(|| format!("since {}", since.trim_start_matches("the ")));
    }
    if let Some(part) = get("part") {
        let record = before.iter().rev().take(6).any(|w| is_record_word(w));
        return (!record).then(|| format!("in the {part}"));
    }
    if let Some(month) = get("month") {
        // "since it was declared in June": the month dates the start.
        if before.iter().rev().take(5).any(|w| *w == "since") {
            return None;
        }
        // "May" capitalised mid-sentence is the month; "in may" no sentence writes.
        let year = get("myear").map(|y| format!(" {y}")).unwrap_or_default();
        return Some(format!("in {month}{year}"));
    }
    if let Some(year) = get("year") {
        let record = before.iter().rev().take(6).any(|w| is_record_word(w));
        return (!record).then(|| format!("in {year}"));
    }
    if get("day").is_some() {
        // A day is a window only of a running total ("20 were arrested on
        // Friday", "31 injured on Tuesday alone"); it only dates a statement
        // ("police said on Tuesday") or a one-off event ("the quake struck on
        // Wednesday"): `assign` keeps it for counts of cumulative events.
        let said = before.last().is_some_and(|w| is_speech_verb(w));
        return (!said).then(|| {
            if get("alone").is_some() {
                "one day alone".to_owned()
            } else {
                "one day".to_owned()
            }
        });
    }
    if let Some(anchor) = get("prior") {
        return Some(format!("before {anchor}"));
    }
    if get("total").is_some() {
        return Some("total".to_owned());
    }
    if let (Some(def), Some(what)) = (get("def"), get("defn")) {
        return Some(format!("{def} {what}"));
    }
    get("national").map(|_| "national".to_owned())
}

/// Whether two scopes can narrow one measure: equal, or a total and a count
/// since a start (both cumulative).
pub fn same_scope(a: &str, b: &str) -> bool {
    let cumulative = |s: &str| s == "total" || s.starts_with("since ");
    a == b || (cumulative(a) && cumulative(b))
}

/// The years (1800 to 2099) a sentence names, but after "since" (a start,
/// or a record: "the most since 2009"): the times its figures are of.
pub(crate) fn years(s: &Tokens) -> Vec<u16> {
    let mut years: Vec<u16> = (0..s.toks.len())
        .filter(|&k| {
            s.kind(k) == Some(Tok::Num)
                && s.raw(k).len() == 4
                && (1800.0..2100.0).contains(&s.toks[k].value)
                && !(k > 0 && s.low(k - 1) == "since")
                && !(k > 0 && s.raw(k - 1) == "$")
        })
        .map(|k| s.toks[k].value as u16)
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// Every named place of a sentence: its match's byte span and its folded name.
pub fn places(s: &Tokens) -> Vec<(usize, usize, String)> {
    PLACE
        .captures_iter(s.text)
        .filter_map(|caps| {
            let (m, name) = (caps.get(0)?, caps.name("place")?);
            let first = name.as_str().split_whitespace().next()?.to_lowercase();
            if is_calendar(first.trim_end_matches('.')) || NOT_PLACES.contains(&first.as_str()) {
                return None;
            }
            let folded = fold_name(name.as_str());
            // A full stop that ends the sentence is no part of the name.
            let end = name.start() + name.as_str().trim_end_matches(['.', '-', '\'', '’']).len();
            (!folded.is_empty()).then(|| (m.start(), end, folded))
        })
        .collect()
}

/// The named place nearest the figure at `at` among the sentence's `places`,
/// in its clause (or fronted before a comma: "In Port Vingrad, five people
/// were taken into custody").
pub fn place(s: &Tokens, at: At, places: &[(usize, usize, String)]) -> Option<String> {
    if places.is_empty() {
        return None;
    }
    let (mut lo, hi) = (clause_start(s, at.first), clause_end(s, at.next));
    if lo >= 2 && s.raw(lo - 1) == "," {
        let before = clause_start(s, lo - 1);
        if s.low(before) == "in"
            || s.low(before) == "at"
            || (before + 1 < lo && s.low(before + 1) == "in")
        {
            lo = before;
        }
    }
    let from = s.toks.get(lo).map_or(0, |t| t.start);
    let to = s.toks.get(hi).map_or(s.text.len(), |t| t.start);
    let (fs, fe) = (
        s.toks.get(at.first).map_or(0, |t| t.start),
        s.toks.get(at.next.saturating_sub(1)).map_or(0, |t| t.end),
    );
    places
        .iter()
        .filter(|(start, end, _)| *start >= from && *end <= to)
        .map(|(start, end, name)| (distance(fs, fe, *start, *end), name))
        .filter(|(d, _)| *d <= REACH)
        .min()
        .map(|(_, name)| name.clone())
}

/// The role of figure `i`: the old value of a change, an age, a past event's
/// figure (a year before `year` in its clause, or a past cue), or the story's.
pub fn role(s: &Tokens, qs: &[Quantity], i: usize, at: At, year: Option<i32>) -> Role {
    let q = &qs[i];
    if superseded(s.text, q) {
        return Role::Old;
    }
    if q.unit == "year_of_age" || appositive_age(s, q, at) {
        return Role::Age;
    }
    // The figure's clause, and the clause a relative clause hangs on
    // ("the 1987 flood, which destroyed 2,000 homes").
    let mut start = clause_start(s, at.first);
    if start > 0 && matches!(s.low(start), "which" | "when" | "that" | "who") {
        start = clause_start(s, start - 1);
    }
    let end = clause_end(s, at.next);
    let (from, to) = (
        s.toks.get(start).map_or(0, |t| t.start),
        s.toks.get(end).map_or(s.text.len(), |t| t.start),
    );
    // A year at least `PAST_YEARS` before the article's: an event of a year
    // or two ago is often the story's own (a trial of last year's attack).
    let past_year = qs.iter().any(|y| {
        y.kind == Kind::Year
            && y.start >= from
            && y.end <= to
            && year.is_some_and(|now| (y.value as i32) + PAST_YEARS <= now)
    });
    let words: Vec<&str> = (start..at.first).map(|k| s.low(k)).collect();
    let past_cue = (0..words.len()).any(|k| cue_ending_at(&words, k) == Some(Cue::Past));
    if past_year || past_cue {
        Role::Past
    } else {
        Role::Story
    }
}

/// "said Ana Ruiz, 47,", "Smith, 61, a teacher": a small bare count between
/// commas right after a name, or after "aged".
fn appositive_age(s: &Tokens, q: &Quantity, at: At) -> bool {
    let bare = q.kind == Kind::Count
        && q.unit.is_empty()
        && q.value.fract() == 0.0
        && (1.0..=120.0).contains(&q.value)
        && q.hedge == crate::quantity::Hedge::Exact;
    if !bare || at.first == 0 {
        return false;
    }
    if matches!(s.low(at.first - 1), "aged" | "age") {
        return true;
    }
    let after = s.raw(at.next);
    at.first >= 2
        && s.raw(at.first - 1) == ","
        && s.capitalised(at.first - 2)
        && (matches!(after, "," | ")" | ";") || at.next >= s.toks.len() || after == ".")
        && s.kind(at.first - 2) == Some(Tok::Word)
}

/// A figure the sentence itself replaces ("rose from 30 to 45", "up from 30"):
/// the old value, which no outlet states as current.
pub fn superseded(text: &str, q: &Quantity) -> bool {
    static FROM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:from|compared\s+(?:with|to)|previous(?:ly)?|earlier\s+estimate\s+of)\s*$",
        )
        .expect("from pattern is valid")
    });
    let Some(before) = text.get(..q.start) else {
        return false;
    };
    let mut from = before.len().saturating_sub(64);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    FROM.is_match(&before[from..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_and_place_read_ascii_text_as_with_unicode_classes() {
        let sentences = [
            "In the last 24 hours, 40 people died in the city of Holton, police said on Monday.",
            "Since March, 3,000 homes near Port Said were flooded, up from 12 last week.",
            "During the past few days in the Kasai province, around New Ulm, 7 died nationwide.",
            "IN THE LAST WEEK at Fort   Lee 9 were hurt, 30 cars a minute since Jan.",
        ];
        for pattern in [&*SCOPE, &*PLACE] {
            for sentence in sentences {
                assert!(
                    crate::pattern::copies_agree(pattern, sentence),
                    "{sentence}"
                );
            }
        }
    }
}
