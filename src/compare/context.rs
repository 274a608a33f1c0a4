//! Reads what a figure measures from the words around it: the thing counted,
//! the event and the scope. The quantity stage reads some of this too; the
//! comparison reads it again here because it needs one consistent reading for
//! every figure of a story, with cues shared between the figures of a sentence
//! (an event word belongs to the nearest figure) and its neighbouring sentence.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use super::noun::{head_noun, noun_class, subject_noun};
use crate::pattern::{Captures, Pattern};
use crate::quantity::{Kind, Quantity};
use crate::text::{DAYS, MONTHS};

/// Event words and the event they normalise to, in the order the pattern
/// tries them (`(?ix)` syntax). "toll" alone is a death toll in news.
const EVENT_WORDS: &[(&str, &str)] = &[
    (
        "deaths",
        r"killed|killing|kills|died|die|dead|deaths?|death\ toll|toll|fatalities|perished|lost\ their\ lives|claimed\ (?:the\ )?lives|bodies",
    ),
    (
        "injured",
        r"injured|injuring|injuries|wounded|wounding|hurt",
    ),
    ("trapped", r"trapped|stranded"),
    ("displaced", r"displaced|fled|homeless|made\ refugees"),
    ("evacuated", r"evacuated|evacuation|evacuate"),
    (
        "arrested",
        r"arrested|arrests|detained|detentions|taken\ into\ custody|in\ custody",
    ),
    (
        "sheltered",
        r"sheltering|sheltered|shelters?|housing|housed",
    ),
    ("vaccinated", r"vaccinated|vaccinations?|inoculated"),
    (
        "deployed",
        r"deployed|deploy|deploying|dispatched|stationed",
    ),
    ("missing", r"missing|unaccounted"),
    ("rescued", r"rescued"),
    ("infected", r"infected|infections|cases|sickened"),
    (
        "laid_off",
        r"laid\ off|lay\ off|let\ go|layoffs?|job\ cuts|cut\ jobs|axed",
    ),
    (
        "striking",
        r"joined\ the\ (?:strike|walkout)|on\ strike|striking|walked\ out",
    ),
    ("cancelled", r"cancell?ed|cancell?ations?|grounded"),
    ("fined", r"fined|ordered\ to\ pay|in\ damages|penalty"),
    ("destroyed", r"destroyed|razed|flattened"),
    ("damaged", r"damaged"),
    ("spilled", r"spilled|spill|leaked|leak|gushed|released"),
    ("burned", r"burned|burnt|scorched|charred|blackened"),
    ("flooded", r"flooded|inundated|submerged"),
    (
        "covered",
        r"covers|covered|covering|spans|spanned|blankets|blanketed",
    ),
    (
        "attended",
        r"marched|rallied|protested|attended|turned\ out|demonstrated",
    ),
];

/// Any event word. No capture groups: the search stays in the fast engines,
/// and `event_of` names the event of each (short) match afterwards. Word
/// boundaries here and in the other cue patterns are ASCII (`(?-u:\b)`): the
/// lazy DFA cannot follow a Unicode `\b` past a non-ASCII byte (a dash, a
/// curly quote), and the slow engines would then scan the whole sentence.
pub(super) static EVENT: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<&str> = EVENT_WORDS.iter().map(|&(_, w)| w).collect();
    Regex::new(&format!(r"(?ix)(?-u:\b)(?:{})(?-u:\b)", words.join("|")))
        .expect("event pattern is valid")
});

/// One anchored pattern per event, in `EVENT_WORDS` order.
static EVENT_NAMES: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(EVENT_WORDS.iter().map(|&(_, w)| format!(r"(?ix)^(?:{w})$")))
        .expect("event name patterns are valid")
});

/// The event an `EVENT` match names: the first event whose words match it
/// whole, as the alternation tries them in that order.
fn event_of(word: &str) -> Option<&'static str> {
    let matched = EVENT_NAMES.matches(word);
    matched.iter().next().map(|i| EVENT_WORDS[i].0)
}

/// Events whose counts only grow: a higher figure in a later article is news, not a conflict.
pub const CUMULATIVE: &[&str] = &[
    "deaths",
    "injured",
    "displaced",
    "evacuated",
    "arrested",
    "vaccinated",
    "rescued",
    "infected",
    "destroyed",
    "damaged",
    "spilled",
    "burned",
    "flooded",
];

/// Events that count a present state (people still trapped, missing): on two dates
/// the figure may move either way.
pub const STATE: &[&str] = &["trapped", "missing", "sheltered"];

/// Phrases that narrow a figure to part of the story: a time window or a place within it.
static SCOPE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?ix)(?-u:\b)(?:
        (?:in|within|during|over|for)\ the\ (?:last|past|previous)\ (?P<n>\w+\ )?(?P<win>hour|day|week|month|year)s?
        |(?P<rel>last|this)\ (?P<rwin>week|month|year|weekend)
        |(?P<day>yesterday|today|overnight|on\ (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))
        |since\ (?P<since>[\w.]+)
        |(?:in|during|a|the|by)\ (?P<year>1[89]\d\d|20\d\d)(?-u:\b)
        |in\ the\ (?:\w+\ )?(?P<place>city|town|village|province|region|county|district|capital|camp|neighbou?rhood|state)
        )(?-u:\b)",
    )
});

/// A named place a figure is about: "in Holton", "near Port Said", "around
/// New Ulm". Two figures of the same measure in different named places do not
/// meet; a figure that names no place meets either.
static PLACE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?-u:\b)(?i:in|at|near|around|outside|across)\s+(?P<place>\p{Lu}[\w’'.-]*(?:\s+\p{Lu}[\w’'.-]*){0,3})",
    )
});

/// Words after "in" that open no place name (months and days aside).
const NOT_PLACES: &[&str] = &[
    "the", "a", "an", "this", "that", "his", "her", "their", "its",
];

/// A place further than this many bytes from a figure is another clause's.
const PLACE_REACH: usize = 80;

/// What one figure measures, as read from its sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading {
    /// The counted thing (head noun), folded to a class: "people", "war", "pause".
    pub thing: String,
    pub event: String,
    pub scope: String,
    /// The named place, lower-cased without a possessive; empty when none.
    pub place: String,
}

/// Figures on each side of a cue that can be its nearest (quantities may nest).
const NEIGHBOURS: usize = 4;

/// Reads every figure of one sentence; `previous` is the sentence before it in the
/// same article, whose event is borrowed when this sentence names none.
pub fn read_sentence(text: &str, qs: &[Quantity], previous: Option<&str>) -> Vec<Reading> {
    let anchors: Vec<usize> = qs.iter().map(|q| q.end.min(text.len())).collect();
    let figures: Vec<usize> = (0..qs.len())
        .filter(|&i| qs[i].kind.is_figure() && !superseded(text, &qs[i]))
        .collect();
    // Spans of time take no event ("died during the three-day siege" is about the
    // deaths), so event words go to the nearest other figure.
    let counts: Vec<usize> = figures
        .iter()
        .copied()
        .filter(|&i| qs[i].kind != Kind::Duration)
        .collect();
    // A figure inside the cue ("in the last 24 hours") is part of it, not what it narrows.
    // Figures are in text order, so the nearest lie just around the cue: a
    // binary search and a few neighbours, not a scan (a sentence can hold
    // thousands of figures).
    let nearest_in = |pool: &[usize], at: usize, len: usize| -> Option<usize> {
        let split = pool.partition_point(|&i| qs[i].start < at);
        let before = pool[..split].iter().rev().take(NEIGHBOURS).rev();
        let after = pool[split..]
            .iter()
            .filter(|&&i| qs[i].start >= at + len)
            .take(NEIGHBOURS);
        before
            .chain(after)
            .copied()
            .min_by_key(|&i| distance(qs[i].start, anchors[i], at, at + len))
    };
    let mut events = vec![String::new(); qs.len()];
    let mut best = vec![usize::MAX; qs.len()];
    for m in EVENT.find_iter(text) {
        let Some(name) = event_of(m.as_str()) else {
            continue;
        };
        if let Some(i) = nearest_in(&counts, m.start(), m.len()) {
            let d = distance(qs[i].start, anchors[i], m.start(), m.end());
            // Far-off event words belong to another clause.
            if d < best[i] && d <= 90 {
                best[i] = d;
                events[i] = name.to_owned();
            }
        }
    }
    let borrowed = previous
        .filter(|_| figures.len() == 1)
        .and_then(|p| EVENT.find(p))
        .and_then(|m| event_of(m.as_str()));
    let mut scopes = vec![String::new(); qs.len()];
    for caps in SCOPE.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        // "Police said on Saturday" dates the statement, not the count.
        if caps.name("day").is_some() && after_speech(&text[..m.start()]) {
            continue;
        }
        if let Some(i) = nearest_in(&figures, m.start(), m.len()) {
            let key = scope_key(&caps);
            // A span of time is not narrowed by when it was mentioned ("a ten-day
            // ceasefire that unraveled last week"); only by where.
            if qs[i].kind != Kind::Duration || key.starts_with("in the") {
                scopes[i] = key;
            }
        }
    }
    let mut places = vec![String::new(); qs.len()];
    for caps in PLACE.captures_iter(text) {
        let (Some(m), Some(name)) = (caps.get(0), caps.name("place")) else {
            continue;
        };
        let name = place_key(name.as_str());
        if name.is_empty() {
            continue;
        }
        if let Some(i) = nearest_in(&figures, m.start(), m.len())
            && distance(qs[i].start, anchors[i], m.start(), m.end()) <= PLACE_REACH
            && places[i].is_empty()
        {
            places[i] = name;
        }
    }
    qs.iter()
        .enumerate()
        .map(|(i, q)| {
            let mut event = std::mem::take(&mut events[i]);
            if event.is_empty() && q.kind == Kind::Count {
                event = borrowed.unwrap_or_default().to_owned();
            }
            Reading {
                thing: head_noun(text, q)
                    .or_else(|| {
                        matches!(q.kind, Kind::Percent | Kind::Money)
                            .then(|| subject_noun(text, q))
                            .flatten()
                    })
                    .map(|n| noun_class(&n))
                    .unwrap_or_default(),
                event,
                scope: std::mem::take(&mut scopes[i]),
                place: std::mem::take(&mut places[i]),
            }
        })
        .collect()
}

/// Whether `before` ends with a verb of saying ("officials said").
fn after_speech(before: &str) -> bool {
    let last = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    matches!(
        last.to_ascii_lowercase().as_str(),
        "said" | "says" | "told" | "announced" | "reported" | "stated" | "added"
    )
}

/// A place name as compared: lower case, no possessive, no leading time word;
/// empty when only a time word was caught ("in March").
fn place_key(raw: &str) -> String {
    let words: Vec<String> = raw
        .split_whitespace()
        .map(|w| {
            w.trim_end_matches(['.', ','])
                .trim_end_matches("’s")
                .trim_end_matches("'s")
                .to_lowercase()
        })
        .collect();
    if words.first().is_none_or(|w| {
        [MONTHS, DAYS, NOT_PLACES]
            .iter()
            .any(|list| list.contains(&w.as_str()))
    }) {
        return String::new();
    }
    words.join(" ")
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
    // Only the words just before the figure matter: look at a short tail, cut at
    // a word boundary, so a sentence of many figures is not read once per figure.
    let Some(before) = text.get(..q.start) else {
        return false;
    };
    let mut from = before.len().saturating_sub(64);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    if from > 0 {
        from = before[from..]
            .find(|c: char| !c.is_alphanumeric())
            .map_or(before.len(), |i| from + i);
    }
    FROM.is_match(&before[from..])
}

/// Bytes between a figure and a cue (0 when they touch or overlap). A cue before
/// the figure counts a few bytes further: in "80 people were trapped and 12 were
/// injured", "trapped" tells what the 80 are, not the 12.
fn distance(start: usize, end: usize, at: usize, at_end: usize) -> usize {
    if at >= end {
        at - end
    } else {
        start.saturating_sub(at_end) + 8
    }
}

/// One spelling per scope: "within the past week" and "in the last week" are one.
fn scope_key(caps: &Captures<'_>) -> String {
    let get = |n: &str| caps.name(n).map(|m| m.as_str().trim().to_lowercase());
    if let Some(win) = get("win") {
        let n = get("n").filter(|n| n != "few").unwrap_or_default();
        return format!("last {n} {win}").replace("  ", " ");
    }
    if let (Some(rel), Some(win)) = (get("rel"), get("rwin")) {
        return format!("{rel} {win}");
    }
    if get("day").is_some() {
        return "one day".to_owned();
    }
    if let Some(since) = get("since") {
        return format!("since {since}");
    }
    // "killed five people in 1984", "a 1990 poll": another time than the story's.
    if let Some(year) = get("year") {
        return format!("in {year}");
    }
    get("place")
        .map(|p| format!("in the {p}"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::extract;

    #[test]
    fn scope_and_place_read_ascii_text_as_with_unicode_classes() {
        let sentences = [
            "In the last 24 hours, 40 people died in the city of Holton, police said on Monday.",
            "Since March, 3,000 homes near Port Said were flooded, up from 12 last week.",
            "During the past few days in the Kasai province, around New Ulm, 7 died in 1984.",
            "IN THE LAST WEEK at Fort   Lee 9 were hurt, today and overnight since Jan.",
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

    fn read(text: &str) -> Vec<Reading> {
        read_sentence(text, &extract(text), None)
    }

    #[test]
    fn each_event_word_names_its_event_after_a_non_ascii_byte() {
        let text = "Rescuers — exhausted — said the Death Toll rose; 40 were trapped, \
                    flights were cancelled and homes flooded.";
        let named: Vec<&str> = EVENT
            .find_iter(text)
            .filter_map(|m| event_of(m.as_str()))
            .collect();
        assert_eq!(
            named,
            ["deaths", "deaths", "trapped", "cancelled", "flooded"]
        );
        assert_eq!(event_of("lay off"), Some("laid_off"));
        assert_eq!(event_of("walkout"), None);
    }

    #[test]
    fn head_noun_skips_adjectives_before_it() {
        let r = read("They fought a three-year civil war, which ended.");
        assert_eq!(r[0].thing, "war");
    }

    #[test]
    fn event_word_belongs_to_the_nearest_figure() {
        let r = read("Some 80 people were trapped and 12 people were injured.");
        assert_eq!(r[0].event, "trapped");
        assert_eq!(r[1].event, "injured");
    }

    #[test]
    fn past_and_last_week_are_one_scope() {
        let a = read("More than 30 people died in the last week.");
        let b = read("Dozens of people, 40 in all, were killed within the past week.");
        assert_eq!(a[0].scope, "last week");
        assert_eq!(b.last().map(|r| r.scope.as_str()), Some("last week"));
    }

    #[test]
    fn borrows_event_from_previous_sentence() {
        let text = "Officials counted 45 people.";
        let r = read_sentence(text, &extract(text), Some("The storm killed many."));
        assert_eq!(r[0].event, "deaths");
    }
}
