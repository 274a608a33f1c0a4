//! A hand-written splitter, measured against sentencex as the engine under the
//! same line and news rules (see `golden.rs`). It lives in the tests because
//! sentencex won the comparison; it stays so the comparison can be re-run.

use crossclaim::model::Span;

/// Abbreviations that do not end a sentence before a capitalised word.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gov", "sen", "sens", "rep", "reps", "lt",
    "col", "gen", "sgt", "capt", "cmdr", "adm", "maj", "no", "nos", "mt", "ft", "vs", "dept",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ariz",
    "calif", "fla", "ill", "mass", "mich", "minn", "tex", "va", "wash", "p", "pp", "fig", "est",
];

/// Words that start a sentence after a multi-period abbreviation ("the U.S. How ...").
const STARTERS: &[&str] = &[
    "A", "An", "And", "But", "He", "How", "I", "In", "It", "She", "That", "The", "There", "They",
    "This", "We", "What", "When", "Why", "You",
];

fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{2026}')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']')
}

/// Sentence spans of `text` (untrimmed; the caller trims).
pub fn split(text: &str) -> Vec<Span> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        if !is_stop(chars[i].1) {
            i += 1;
            continue;
        }
        let first_stop = i;
        while i < chars.len() && is_stop(chars[i].1) {
            i += 1;
        }
        let only_period = i - first_stop == 1 && chars[first_stop].1 == '.';
        while i < chars.len() && is_closer(chars[i].1) {
            i += 1;
        }
        let end = chars.get(i).map_or(text.len(), |c| c.0);
        let spaced = i < chars.len() && chars[i].1.is_whitespace();
        let mut j = i;
        while j < chars.len() && chars[j].1.is_whitespace() {
            j += 1;
        }
        let Some(&(next_at, next)) = chars.get(j) else {
            break;
        };
        // The token before the stops: back to the last space.
        let token_start = chars[..first_stop]
            .iter()
            .rposition(|c| c.1.is_whitespace())
            .map_or(0, |p| chars[p].0 + chars[p].1.len_utf8());
        let token = &text[token_start..chars[first_stop].0];
        let word = token
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let next_word: String = text[next_at..]
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let boundary = if !next.is_uppercase()
            && !matches!(next, '"' | '\u{201c}' | '\'' | '\u{2018}')
        {
            false
        } else if !spaced {
            // "world.Today": only between words, never inside e-mail addresses or URLs.
            only_period
                && word.chars().count() >= 2
                && !text[token_start..]
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .contains(['@', '/', ':'])
                && text[next_at..]
                    .chars()
                    .nth(1)
                    .is_some_and(char::is_lowercase)
        } else if token_start == start
            && token
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
            && token.len() <= 3
        {
            false // a list marker opening the sentence
        } else if only_period && token.contains('.') && word.chars().count() == 1 {
            STARTERS.contains(&next_word.as_str()) // "U.S." then a capitalised word
        } else if only_period && ABBREVIATIONS.contains(&word.to_lowercase().as_str()) {
            false
        } else if only_period && word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
            // An initial after a capitalised name ("Albert I. Jones"); "you and I." ends.
            let before = text[..token_start]
                .trim_end()
                .rsplit(' ')
                .next()
                .unwrap_or("");
            !before.chars().next().is_some_and(char::is_uppercase)
        } else {
            true
        };
        if boundary {
            out.push(Span::new(start, end));
            start = end;
        }
        i = j.max(i);
    }
    if start < text.len() {
        out.push(Span::new(start, text.len()));
    }
    out
}
