//! News rules on top of sentencex: enumerated lists, ellipses that open the next
//! sentence, and clock times followed by a day. Each rule fixes a measured miss of
//! sentencex on the Golden Rules or on news text, and is tested below.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Span;

/// A list marker at the start of an item: "1.", "2)", "1.)", "a.", "• 9.", "⁃10.".
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)((?:[•⁃▪‣◦\-*]\s?)?(\d{1,3}|[a-z])(?:\.\)|\.|\)))\s")
        .expect("marker pattern is valid")
});

/// A list marker opening a piece: lists are only looked for in pieces that start with one.
static MARKER_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[•⁃▪‣◦\-*]\s?)?(?:\d{1,3}|[a-z])(?:\.\)|\.|\))\s")
        .expect("marker pattern is valid")
});

/// A piece that is nothing but a list marker, left alone by sentencex ("1.").
static MARKER_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[•⁃▪‣◦\-*]\s?)?(?:\d{1,3}|[a-z])(?:\.\)|\.|\))$").expect("marker-only pattern")
});

/// A sentence that ends with a word's stop and then a spaced ellipsis ("words. . . .").
/// In quoted text the ellipsis opens the next sentence (an omission), so it moves there.
static STOP_THEN_ELLIPSIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}](\.)\s(\.\s\.\s\.)$").expect("ellipsis pattern"));

/// "5 p.m." at the end of a piece...
static CLOCK_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\d\s?[ap]\.m\.$").expect("clock pattern"));

/// ...followed by a day or zone, which continues the sentence: "at 5 p.m. Tuesday".
static DAY_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|[ECMP][SD]?T|GMT|UTC|local time|today|tonight|yesterday|tomorrow)(?-u:\b)")
        .expect("day pattern")
});

/// A courtesy or rank title at the end of a piece never ends a sentence ("said Ms.").
const TITLES: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Mx.", "Dr.", "Prof.", "Gov.", "Sen.", "Sens.", "Rep.", "Reps.", "Lt.",
    "Col.", "Gen.", "Sgt.", "Capt.", "Adm.", "Maj.", "Cmdr.", "Rev.", "Hon.", "Pres.", "Supt.",
    "Det.", "Amb.",
];

fn ends_with_title(s: &str) -> bool {
    s.ends_with('.')
        && s.rsplit(char::is_whitespace)
            .next()
            .is_some_and(|w| TITLES.contains(&w))
}

/// A quoted question or exclamation...
static QUOTE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"[?!]["'”’]$"#).expect("quote pattern is valid"));

/// ...and the short attribution that completes it: "“Who pays?” Lee asked."
static ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\p{Lu}[\p{L}.'’-]*\s+){1,3}(?:said|says|asked|asks|added|adds|wrote|replied|shouted|wondered|told\s+\p{L}+)(?:\s[^.!?]{0,60})?\.$")
        .expect("attribution pattern is valid")
});

/// Sentence ends sentencex misses: a closing quote then a figure ("“Go.” 25 died"),
/// and the month "May." (which it takes for the verb's abbreviation) before a capital.
static MISSED_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"[.!?]["”’]\s+\d|(?-u:\b)May\.\s+\p{Lu}"#).expect("missed-end pattern is valid")
});

/// Cuts a piece at the markers of an enumerated list written on one line
/// ("1. The first item 2. The second item"): markers must run in sequence from the
/// start of the piece, so "No. 2 priority" or "Plan B." never cut.
pub fn list_items(piece: &str) -> Vec<usize> {
    if !MARKER_FIRST.is_match(piece) {
        return Vec::new();
    }
    let mut cuts = Vec::new();
    let mut expected: Option<u32> = None;
    for caps in MARKER.captures_iter(piece) {
        let (Some(marker), Some(value)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        let value = ordinal(value.as_str());
        match expected {
            None if marker.start() == 0 => {}
            None => return Vec::new(),
            Some(want) if value == Some(want) => {}
            Some(_) => continue,
        }
        cuts.push(marker.start());
        expected = value.map(|v| v + 1);
    }
    if cuts.len() < 2 { Vec::new() } else { cuts }
}

fn ordinal(s: &str) -> Option<u32> {
    match s.parse() {
        Ok(n) => Some(n),
        Err(_) => s.chars().next().map(|c| u32::from(c) - u32::from('a') + 1),
    }
}

/// Applies the merge and move rules to the sentences of one piece, in place.
pub fn repair(text: &str, spans: &mut Vec<Span>) {
    let mut cut = Vec::with_capacity(spans.len());
    for &span in spans.iter() {
        cut_missed_ends(text, span, &mut cut);
    }
    let mut out: Vec<Span> = Vec::with_capacity(cut.len());
    for span in cut {
        if let Some(prev) = out.last_mut() {
            let before = &text[prev.start..prev.end];
            let here = &text[span.start..span.end];
            // Cheap tests on the last characters first: these run on every sentence.
            let tail = before
                .get(before.len().saturating_sub(8)..)
                .unwrap_or(before);
            if (before.len() <= 8 && MARKER_ONLY.is_match(before))
                || ends_with_title(before)
                || (tail.ends_with("m.") && CLOCK_END.is_match(before) && DAY_START.is_match(here))
                || (QUOTE_END.is_match(tail) && ATTRIBUTION.is_match(here))
            {
                prev.end = span.end;
                continue;
            }
            if let Some((stop, ellipsis)) = before
                .ends_with(". . .")
                .then(|| STOP_THEN_ELLIPSIS.captures(before))
                .flatten()
                .and_then(|c| Some((c.get(1)?, c.get(2)?)))
            {
                // Keep the word's stop; the spaced ellipsis after it starts this sentence.
                let cut = prev.start + stop.end();
                let moved = prev.start + ellipsis.start();
                *prev = Span::new(prev.start, cut);
                out.push(Span::new(moved, span.end));
                continue;
            }
        }
        out.push(span);
    }
    *spans = out;
}

/// `span` cut after each stop that `MISSED_END` finds inside it.
fn cut_missed_ends(text: &str, span: Span, out: &mut Vec<Span>) {
    let body = &text[span.start..span.end];
    if !body.contains(['"', '\u{201d}', '\u{2019}']) && !body.contains("May.") {
        out.push(span);
        return;
    }
    let mut start = 0;
    for m in MISSED_END.find_iter(body) {
        // The stop (and closing quote) stay; the cut falls at the first space.
        let Some(space) = body[m.start()..m.end()].find(char::is_whitespace) else {
            continue;
        };
        let end = m.start() + space;
        let next = end + body[end..].len() - body[end..].trim_start().len();
        out.push(Span::new(span.start + start, span.start + end));
        start = next;
    }
    out.push(Span::new(span.start + start, span.end));
}

#[cfg(test)]
mod tests {
    use super::list_items;

    #[test]
    fn finds_items_of_a_numbered_list() {
        assert_eq!(list_items("1. The first item 2. The second item"), [0, 18]);
        assert_eq!(list_items("a. one b. two c. three"), [0, 7, 14]);
    }

    #[test]
    fn ignores_numbers_that_are_not_a_list() {
        assert!(list_items("It was the No. 2 priority. 3. Next").is_empty());
        assert!(list_items("He ranked 2. Then 3. came").is_empty());
    }
}
