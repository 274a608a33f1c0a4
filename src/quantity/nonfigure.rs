//! Numbers that are not figures to compare: years, dates, clock times, ordinals,
//! phone numbers, addresses, list markers, labels ("No. 2", "Exit 436"), model
//! names ("F-16", "777F"), seasons ("2012-13"), "a week ago", "a third night"
//! and "all five". They keep a kind (year, date, time, ordinal, other) that the
//! comparison stage never compares, or are dropped when not numbers at all.
//! Names, codes and results are judged in names.rs, number words in words.rs.

use super::Kind;
use super::magnitudes::magnitude;
use super::names;
use super::numbers::Num;
use super::words;
use crate::text::MONTHS;
use crate::tokens::{Tok, Tokens};

/// What to do with a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Verdict {
    Figure,
    /// A figure of a kind its unit does not give: an earthquake's magnitude
    /// ("magnitude 6.1", "a 5.9-magnitude quake", "6.0 on the Richter scale").
    Magnitude,
    /// Not a figure: its kind, and the token after everything it spans.
    Not(Kind, usize),
    /// Not a number at all ("the one you mentioned").
    Drop,
    /// Part of a name ("Boeing 777", "BBC One"): kind `other`; numbers listed
    /// after it are names too ("Internet Explorer 8 and 9").
    Name(usize),
}

/// Words after which a number is a label, not an amount.
const LABELS: &[&str] = &[
    "no",
    "nr",
    "nrs",
    "number",
    "version",
    "exit",
    "route",
    "highway",
    "chapter",
    "article",
    "section",
    "page",
    "room",
    "flight",
    "resolution",
    "phase",
    "level",
    "grade",
    "class",
    "model",
    "channel",
    "gate",
    "step",
    "item",
    "rule",
    "episode",
    "season",
    "issue",
    "suite",
    "district",
    "zone",
    "line",
    "platform",
    "account",
    "versions",
    "code",
    "pin",
    "apartment",
    "building",
    "paragraph",
    "amendment",
    "category",
    "stage",
    "title",
    "week",
    "day",
    "round",
    "game",
];
const STREETS: &[&str] = &[
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "boulevard",
    "blvd",
    "lane",
    "drive",
    "way",
    "place",
    "square",
    "court",
    "terrace",
];
/// Prepositions that make a four-digit number a year ("in 2011").
const YEAR_PREP: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "of",
    "from",
    "during",
    "before",
    "after",
    "to",
    "and",
    "early",
    "late",
    "mid",
    "the",
    "fiscal",
    "year",
    "between",
    "through",
    "circa",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    ",",
    "into",
    "throughout",
    "entering",
    "ending",
];

/// The word before token `i`, skipping a full stop ("Sept. 20", "No. 2").
fn word_before<'s>(s: &'s Tokens<'_>, i: usize) -> (&'s str, usize) {
    let mut j = i;
    while j > 0 {
        j -= 1;
        if s.low(j) != "." {
            return (s.low(j), j);
        }
    }
    ("", usize::MAX)
}

fn is_month(w: &str) -> bool {
    MONTHS.contains(&w)
}

/// Decides whether the number `n` (with a unit ending at `after`, if any) is a figure.
/// `hedged` says a hedge stands before it ("more than 2000" is no year).
pub(super) fn judge(
    s: &Tokens,
    n: &Num,
    unit: Option<Kind>,
    currency: bool,
    after: usize,
    hedged: bool,
) -> Verdict {
    let (first, next) = (n.first, n.next);
    let prev = first.checked_sub(1).map_or("", |p| s.low(p));
    let (word, word_at) = word_before(s, first);
    let next_w = s.low(next);
    let raw = &s.text[s.toks[first].start..s.toks[next - 1].end];
    if let Some(v) = words::judge(s, n, unit, hedged) {
        return v;
    }
    // "the one you mentioned", "one another"; not "that one in every 500".
    if raw.eq_ignore_ascii_case("one")
        && (matches!(
            prev,
            "the" | "this" | "that" | "which" | "each" | "any" | "every" | "no" | "another"
        ) || next_w == "another")
        && !(next_w == "in" && s.low(next + 1) == "every")
    {
        return Verdict::Drop;
    }
    // "one of the first examples" picks one out of a group; it counts nothing,
    // unless hedged ("at least one of the hospitals").
    if raw.eq_ignore_ascii_case("one") && next_w == "of" && !hedged {
        return Verdict::Not(Kind::Other, next);
    }
    // "the first half of the year", "in the quarter": a period, not a fraction.
    if (raw.eq_ignore_ascii_case("half") || raw.eq_ignore_ascii_case("quarter"))
        && matches!(
            prev,
            "first"
                | "second"
                | "third"
                | "fourth"
                | "last"
                | "final"
                | "latter"
                | "former"
                | "the"
                | "this"
                | "that"
                | "each"
                | "every"
                | "per"
                | "next"
                | "its"
                | "their"
                | "his"
                | "her"
                | "our"
        )
    {
        return Verdict::Not(Kind::Other, next);
    }
    // "One-fourth is a fraction number": the number named, not an amount stated.
    if unit.is_none() && !currency && mentioned(s, next) {
        return Verdict::Not(Kind::Other, next);
    }
    // "a third night", "as did a third", "an eighth-round decision": an ordinal.
    // A fraction is "a third of ..." or a share after "by": "cut by a third".
    if article_ordinal(raw)
        && next_w != "of"
        && !hedged
        && !matches!(prev, "by" | "than" | "only" | "just" | "over" | "under")
    {
        return Verdict::Not(Kind::Ordinal, next);
    }
    // "24703 L-202": a code follows.
    if s.kind(next) == Some(Tok::Word)
        && s.low(next + 1) == "-"
        && s.glued(next + 1)
        && s.kind(next + 2) == Some(Tok::Num)
        && s.glued(next + 2)
    {
        return Verdict::Not(Kind::Other, next + 3);
    }
    if s.glued(next) && matches!(next_w, "st" | "nd" | "rd" | "th") {
        return Verdict::Not(Kind::Ordinal, next + 1);
    }
    if next_w == ":" && s.glued(next) && s.kind(next + 1) == Some(Tok::Num) && s.glued(next + 1) {
        // "11:47:35": seconds too.
        let mut end = next + 2;
        if s.low(end) == ":"
            && s.glued(end)
            && s.kind(end + 1) == Some(Tok::Num)
            && s.glued(end + 1)
        {
            end += 2;
        }
        if matches!(s.low(end), "am" | "pm") {
            end += 1;
        }
        return Verdict::Not(Kind::Time, end);
    }
    let dotted = matches!(next_w, "a" | "p") && s.low(next + 1) == "." && s.low(next + 2) == "m";
    let oclock = next_w == "o" && s.low(next + 2) == "clock";
    if matches!(next_w, "am" | "pm") || dotted || oclock {
        return Verdict::Not(Kind::Time, next + 1);
    }
    if unit.is_none() && magnitude(s, first, next) {
        return Verdict::Magnitude;
    }
    if matches!(word, "rated" | "scale") && unit.is_none() {
        return Verdict::Not(Kind::Other, next);
    }
    if let Some(end) = digit_chain(s, first, next) {
        return Verdict::Not(if end.1 { Kind::Date } else { Kind::Other }, end.0);
    }
    if unit.is_none()
        && !currency
        && let Some(v) = names::judge(s, n, hedged)
    {
        return v;
    }
    // "1+1" is arithmetic; "Dow +0.4%" a signed figure.
    if prev == "+" && s.glued(first) && unit.is_none() && !currency {
        return Verdict::Not(Kind::Other, next);
    }
    let year_like =
        n.bare_digits && raw.len() == 4 && (1800.0..=2100.0).contains(&n.value) && !hedged;
    // "in 2006 dollars": the year of the money's value.
    if year_like && currency && matches!(prev, "in" | "constant") && s.kind(next) == Some(Tok::Word)
    {
        return Verdict::Not(Kind::Year, next + 1);
    }
    if code_before(s, first) && !currency && n.value >= 0.0 {
        if year_like {
            return Verdict::Not(Kind::Year, next);
        }
        // "IE6", "G20": a name; "IE8 and 9" lists more of it.
        return Verdict::Name(next);
    }
    if unit.is_none() && !currency {
        if year_like && s.glued(next) && next_w == "s" {
            return Verdict::Not(Kind::Year, next + 1);
        }
        // Letters glued after that are no unit: "777F", "13F", "24703L202".
        if s.glued(next) && s.kind(next) == Some(Tok::Word) {
            let mut end = next + 1;
            while s.glued(end) && matches!(s.kind(end), Some(Tok::Word | Tok::Num)) {
                end += 1;
            }
            return Verdict::Not(Kind::Other, end);
        }
        // "24703 m212".
        if s.kind(next) == Some(Tok::Word)
            && s.kind(next + 1) == Some(Tok::Num)
            && s.glued(next + 1)
        {
            return Verdict::Not(Kind::Other, next + 2);
        }
    }
    if year_like && !currency && unit.is_none() {
        // "2012-13" is a season; "1995-01" a month.
        if next_w == "-" && s.glued(next) && s.kind(next + 1) == Some(Tok::Num) && s.glued(next + 1)
        {
            let tail = s.raw(next + 1);
            let month = tail.len() == 2 && s.toks[next + 1].value <= 12.0;
            let kind = if month { Kind::Date } else { Kind::Year };
            return Verdict::Not(kind, next + 2);
        }
        let noun_next = s.kind(next) == Some(Tok::Word)
            && !s.capitalised(next)
            && next_w.ends_with('s')
            && !YEAR_PREP.contains(&next_w);
        if !noun_next || YEAR_PREP.contains(&word) {
            return Verdict::Not(Kind::Year, next);
        }
    }
    let small = n.bare_digits && n.value <= 31.0;
    if n.bare_digits && is_month(word) && word_at + 2 >= first {
        // "October 1-2": both days.
        let days = next_w == "-" && s.glued(next) && s.kind(next + 1) == Some(Tok::Num);
        return Verdict::Not(Kind::Date, if days { next + 2 } else { next });
    }
    if small && (is_month(next_w) || (matches!(next_w, "of" | "in") && is_month(s.low(next + 1)))) {
        return Verdict::Not(Kind::Date, next);
    }
    // "55.96 degrees in longitude", "30 degrees north": a position.
    let position = |w: &str| {
        matches!(
            w,
            "longitude" | "latitude" | "north" | "south" | "east" | "west"
        )
    };
    if unit == Some(Kind::Temperature)
        && (matches!(s.low(after), "angle" | "angles" | "turn" | "turns")
            || position(s.low(after))
            || (s.low(after) == "in" && position(s.low(after + 1)))
            || matches!(word, "rotate" | "rotated" | "turn" | "turned" | "a"))
    {
        return Verdict::Not(Kind::Other, next);
    }
    if n.bare_digits && unit.is_none() && !currency {
        // "versions 6, 7, 8 and 9": a label, and the numbers listed after it.
        if LABELS.contains(&word)
            && (word != "no" || s.low(first - 1) == ".")
            && word != "week"
            && word != "day"
        {
            return Verdict::Name(next);
        }
        if prev == "#" {
            return Verdict::Not(Kind::Other, next);
        }
        // "123 Random Street", "325 E. Dahlia Ave.": an address.
        let street = (next..next + 5)
            .take_while(|&k| s.capitalised(k) || s.low(k) == ".")
            .any(|k| k > next && STREETS.contains(&s.low(k)));
        if s.capitalised(next) && street {
            return Verdict::Not(Kind::Other, next);
        }
        if raw.len() == 5
            && first > 0
            && s.raw(first - 1).len() == 2
            && s.raw(first - 1).chars().all(|c| c.is_ascii_uppercase())
        {
            return Verdict::Not(Kind::Other, next);
        }
        if (first == 0 || matches!(prev, ";" | "(")) && next_w == ")" {
            return Verdict::Not(Kind::Other, next + 1);
        }
        if first == 0 && next_w == "." && next + 1 < s.toks.len() {
            return Verdict::Not(Kind::Other, next + 1);
        }
    }
    // "all five": a set already known, not an amount reported.
    if word == "all" && unit.is_none() && !currency {
        return Verdict::Not(Kind::Other, next);
    }
    if first >= 2
        && matches!(
            (s.low(first - 2), prev),
            ("<", ">") | ("=", ">") | ("=", "<")
        )
    {
        return Verdict::Not(Kind::Other, next);
    }
    Verdict::Figure
}

/// Letters glued before the number through a chain of glued tokens ("F-16",
/// "scp2-173"), except a scale glued to digits ("5k-20k").
fn code_before(s: &Tokens, first: usize) -> bool {
    let mut k = first;
    while k > 0 && s.glued(k) {
        k -= 1;
        if s.kind(k) == Some(Tok::Punct) && !matches!(s.low(k), "-" | "/") {
            return false;
        }
        if s.kind(k) == Some(Tok::Word) {
            let suffix = k > 0 && s.glued(k) && s.kind(k - 1) == Some(Tok::Num);
            // "sub-7nm", "minus-20": a bound or a sign, not a code.
            let sign = matches!(
                s.low(k),
                "sub" | "minus" | "negative" | "mid" | "over" | "under"
            );
            if !suffix && !sign {
                return true;
            }
        }
    }
    false
}

/// Digit groups joined by "-" or "/" three or more times ("222-2222-2222",
/// "9/11/2001"): the token after them and whether it reads as a date.
fn digit_chain(s: &Tokens, first: usize, next: usize) -> Option<(usize, bool)> {
    let mut groups = 1;
    let mut end = next;
    let mut sep = "";
    while matches!(s.low(end), "-" | "/")
        && s.glued(end)
        && s.kind(end + 1) == Some(Tok::Num)
        && s.glued(end + 1)
    {
        sep = if sep.is_empty() { s.low(end) } else { sep };
        groups += 1;
        end += 2;
    }
    let before_joined = first > 1
        && matches!(s.low(first - 1), "-" | "/")
        && s.glued(first)
        && s.kind(first - 2) == Some(Tok::Num);
    let slash_pair = groups == 2 && sep == "/";
    if groups >= 3 || (before_joined && groups >= 2) || slash_pair {
        let date = sep == "/" || (groups == 3 && s.raw(first).len() == 4);
        return Some((end, date));
    }
    None
}

/// "a third", "an eighth": an article and an ordinal word (not "half" or "quarter").
fn article_ordinal(raw: &str) -> bool {
    let Some((a, w)) = raw.split_once(' ') else {
        return false;
    };
    (a.eq_ignore_ascii_case("a") || a.eq_ignore_ascii_case("an"))
        && [
            "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        ]
        .iter()
        .any(|o| w.eq_ignore_ascii_case(o))
}

/// "is a (prime) number", "is a fraction" after a number: it is talked about as a number.
fn mentioned(s: &Tokens, next: usize) -> bool {
    matches!(s.low(next), "is" | "are")
        && matches!(s.low(next + 1), "a" | "an")
        && (next + 2..next + 5).any(|k| {
            matches!(
                s.low(k),
                "number" | "numeral" | "fraction" | "digit" | "integer" | "decimal"
            )
        })
}
