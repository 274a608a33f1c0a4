//! Claims inside a sentence: a news sentence often states two claims, or one
//! claim wrapped in attribution ("..., the deputy minister said in response to
//! the warning"). Another outlet may carry only one of them, in a sentence of
//! its own. So the scorer also compares the sentence's claim windows: runs of
//! its clauses with the attribution clauses left out.
//!
//! Clauses are cut at commas, semicolons, colons, dashes, quotation marks and
//! the conjunctions that join two statements ("but", "while", ...). Hand-written:
//! a parser would be more exact, but this is cheap, and needs no model.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::lexicon::{Tokens, content_key, tokenize};

/// A window needs this many content words to state a claim of its own.
const MIN_CONTENT_WORDS: usize = 4;
/// Windows join at most this many consecutive clauses.
const MAX_CLAUSES: usize = 3;
/// At most this many windows per sentence: long sentences stay cheap.
const MAX_WINDOWS: usize = 12;
/// A clause of at most this many words with a verb of saying is attribution.
const MAX_ATTRIBUTION_WORDS: usize = 10;

/// Words that open a second statement within one sentence.
const CONJUNCTIONS: &[&str] = &[
    "but", "while", "whereas", "although", "though", "unless", "yet",
];

/// Auxiliaries: with a past participle, the cheap sign that a window has a verb.
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "can", "could", "may", "might", "must", "should", "shall", "do", "does", "did",
];

/// Irregular past forms news writes most: verbs with no "-ed" to see.
const IRREGULAR_PAST: &[&str] = &[
    "began", "became", "brought", "bought", "broke", "built", "came", "caught", "chose", "cut",
    "dealt", "drew", "drove", "fell", "felt", "fled", "flew", "fought", "found", "gave", "got",
    "grew", "held", "hit", "hung", "kept", "knew", "laid", "led", "left", "lost", "made", "meant",
    "met", "paid", "put", "quit", "ran", "rose", "sank", "sat", "saw", "sent", "set", "shot",
    "shut", "sold", "sought", "spent", "spoke", "spread", "stood", "struck", "swept", "took",
    "thought", "threw", "told", "tore", "went", "won", "wrote", "said",
];

/// Verbs of saying: a short clause with one of them names a source, not a claim.
const SAYING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "reported",
    "reports",
    "added",
    "adds",
    "continued",
    "stated",
    "states",
    "wrote",
    "writes",
    "noted",
    "explained",
    "insisted",
    "according",
    "quoted",
    "statement",
];

/// A sentence's clauses, each read once, and its claim windows as runs of them.
pub struct Windows {
    /// Each clause: its byte range in the sentence and its tokens.
    pub clauses: Vec<((usize, usize), Tokens)>,
    /// Each window: its first and last clause (inclusive), in order.
    pub runs: Vec<(usize, usize)>,
}

impl Windows {
    /// The byte range of window `run` in its sentence.
    pub fn range(&self, (first, last): (usize, usize)) -> (usize, usize) {
        (self.clauses[first].0.0, self.clauses[last].0.1)
    }
}

/// The claim windows of `text`: none when the sentence is a single clause (the
/// sentence itself is then its only claim). Clauses are cut between words, so
/// a window's words are its clauses' words, and each clause is tokenized once.
pub fn windows(text: &str) -> Windows {
    let ranges = clauses(text);
    if ranges.len() < 2 {
        return Windows {
            clauses: Vec::new(),
            runs: Vec::new(),
        };
    }
    let clauses: Vec<((usize, usize), Tokens)> = ranges
        .into_iter()
        .map(|(s, e)| ((s, e), tokenize(&text[s..e])))
        .collect();
    let stats: Vec<Clause> = clauses.iter().map(|(_, tokens)| read(tokens)).collect();
    let mut runs = Vec::new();
    for first in 0..clauses.len() {
        let (mut content, mut verb) = (0, false);
        for (last, clause) in stats.iter().enumerate().skip(first).take(MAX_CLAUSES) {
            if clause.attribution {
                break;
            }
            content += clause.content_words;
            verb |= clause.verb;
            let whole = first == 0 && last == stats.len() - 1;
            if !whole && content >= MIN_CONTENT_WORDS && verb {
                runs.push((first, last));
            }
            if runs.len() == MAX_WINDOWS {
                return Windows { clauses, runs };
            }
        }
    }
    Windows { clauses, runs }
}

/// What a window needs to know of each of its clauses, read in one pass.
struct Clause {
    attribution: bool,
    content_words: usize,
    verb: bool,
}

/// A clause of few words with a verb of saying is attribution. A window states
/// something only with a verb: a name with its title ("Jane Roe, the harbour
/// master,") is shared by every sentence about her and is no claim.
fn read(tokens: &Tokens) -> Clause {
    let (mut saying, mut content_words, mut verb) = (false, 0, false);
    for w in tokens.words() {
        let flags = WORD_FLAGS.get(w).copied().unwrap_or(0);
        saying |= flags & SAYS != 0;
        verb |= flags & VERB != 0 || (w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing")));
        content_words += usize::from(w != "#" && content_key(w).is_some());
    }
    Clause {
        attribution: saying && tokens.word_count() <= MAX_ATTRIBUTION_WORDS,
        content_words,
        verb,
    }
}

/// A verb of saying (`SAYING`).
const SAYS: u8 = 1;
/// A sign of a verb: an auxiliary or an irregular past form.
const VERB: u8 = 2;

/// The word lists as one table, looked up once per word.
static WORD_FLAGS: LazyLock<FxHashMap<&'static str, u8>> = LazyLock::new(|| {
    let mut table: FxHashMap<&'static str, u8> = FxHashMap::default();
    for &w in SAYING {
        *table.entry(w).or_default() |= SAYS;
    }
    for &w in AUXILIARIES.iter().chain(IRREGULAR_PAST) {
        *table.entry(w).or_default() |= VERB;
    }
    table
});

/// Cuts `text` into clauses: byte ranges that tile the trimmed text.
fn clauses(text: &str) -> Vec<(usize, usize)> {
    let mut cuts = vec![0];
    let bytes = text.as_bytes();
    let mut words = text.char_indices().peekable();
    while let Some((i, c)) = words.next() {
        let next = words.peek().map(|&(_, n)| n);
        match c {
            // A stop inside a number ("1,200", "3.5") is no break.
            ',' | ';' | ':' if next.is_none_or(char::is_whitespace) => cuts.push(i + 1),
            '—' | '–' => {
                cuts.push(i);
                cuts.push(i + c.len_utf8());
            }
            '"' | '“' | '”' => {
                let opening =
                    c == '“' || (c == '"' && (i == 0 || bytes[i - 1].is_ascii_whitespace()));
                cuts.push(if opening { i } else { i + c.len_utf8() });
            }
            c if c.is_whitespace() => {
                let rest = &text[i + c.len_utf8()..];
                let word = rest
                    .split(|ch: char| !ch.is_alphabetic())
                    .next()
                    .unwrap_or("");
                if CONJUNCTIONS.contains(&word) {
                    cuts.push(i);
                }
            }
            _ => {}
        }
    }
    cuts.push(text.len());
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|w| trim(text, w[0], w[1]))
        .collect()
}

/// The range without surrounding whitespace and dashes; `None` when nothing is left.
fn trim(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let piece = &text[start..end];
    let junk = |c: char| c.is_whitespace() || matches!(c, '—' | '–' | '-');
    let left = piece.len() - piece.trim_start_matches(junk).len();
    let right = piece.trim_end_matches(junk).len();
    (left < right).then(|| (start + left, start + right))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The claim windows of `text`, as byte ranges into it, in order.
    fn claim_windows(text: &str) -> Vec<(usize, usize)> {
        let w = windows(text);
        w.runs.iter().map(|&run| w.range(run)).collect()
    }

    fn window_texts(text: &str) -> Vec<&str> {
        claim_windows(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn leaves_out_the_attribution_after_a_quote() {
        let w =
            window_texts("\"The bridge will reopen on Friday after the repairs,\" the mayor said.");
        assert_eq!(
            w,
            ["\"The bridge will reopen on Friday after the repairs,\""]
        );
    }

    #[test]
    fn splits_two_statements_joined_by_but() {
        let w = window_texts(
            "The council approved the new budget for the harbour, but the union rejected the pay offer for dock workers.",
        );
        assert!(w.contains(&"The council approved the new budget for the harbour,"));
        assert!(w.contains(&"but the union rejected the pay offer for dock workers."));
    }

    #[test]
    fn keeps_numbers_with_commas_in_one_clause() {
        let w = window_texts(
            "Some 1,200 homes lost power across the northern valley, officials said on Monday.",
        );
        assert_eq!(
            w,
            ["Some 1,200 homes lost power across the northern valley,"]
        );
    }

    #[test]
    fn a_name_with_its_title_is_no_claim() {
        let w = window_texts(
            "Jane Roe, the harbour master of the port authority, opened the new quay on Monday.",
        );
        assert!(!w.contains(&"Jane Roe, the harbour master of the port authority,"));
        assert!(w.iter().any(|x| x.contains("opened the new quay")));
    }

    #[test]
    fn a_single_clause_has_no_windows() {
        assert!(window_texts("The storm destroyed 120 homes in the valley.").is_empty());
    }

    #[test]
    fn windows_are_byte_ranges_of_the_text() {
        let text = "“We offered talks — twice,” she said, “and they refused every one of them.”";
        for (s, e) in claim_windows(text) {
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e) && s < e);
        }
    }
}
