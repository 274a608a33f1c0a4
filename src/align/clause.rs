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
#[derive(Default)]
pub struct Windows {
    /// Each clause's byte range in the sentence.
    pub clauses: Vec<(usize, usize)>,
    /// Each clause's content keys (by `key_of`), sorted and unique.
    pub keys: Vec<Vec<u64>>,
    /// Each window: its first and last clause (inclusive), in order.
    pub runs: Vec<(usize, usize)>,
}

impl Windows {
    /// The byte range of window `run` in its sentence.
    pub fn range(&self, (first, last): (usize, usize)) -> (usize, usize) {
        (self.clauses[first].0, self.clauses[last].1)
    }
}

/// The claim windows of `text`: none when the sentence is a single clause (the
/// sentence itself is then its only claim). Clauses are cut between words, so
/// a window's words are its clauses' words. `tokens`, the sentence's own,
/// give each clause the words that start inside it when they know where
/// their words start (ASCII text); otherwise each clause is tokenized.
/// `key_of` hashes a word's content key.
pub fn windows(
    text: &str,
    tokens: Option<&Tokens>,
    key_of: impl Fn(&str) -> Option<u64>,
) -> Windows {
    let clauses = clauses(text);
    if clauses.len() < 2 {
        return Windows::default();
    }
    let starts = tokens.and_then(|t| t.starts().map(|s| (t, s)));
    let mut keys = Vec::with_capacity(clauses.len());
    let mut stats = Vec::with_capacity(clauses.len());
    for &(start, end) in &clauses {
        let own;
        let words: Vec<&str> = match starts {
            Some((tokens, starts)) => {
                let first = starts.partition_point(|&s| (s as usize) < start);
                let last = starts.partition_point(|&s| (s as usize) < end);
                (first..last).map(|i| tokens.word(i)).collect()
            }
            None => {
                own = tokenize(&text[start..end]);
                own.words().collect()
            }
        };
        stats.push(read(&words));
        let mut k: Vec<u64> = words.iter().filter_map(|w| key_of(w)).collect();
        k.sort_unstable();
        k.dedup();
        keys.push(k);
    }
    let mut runs = Vec::new();
    'runs: for first in 0..clauses.len() {
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
                break 'runs;
            }
        }
    }
    Windows {
        clauses,
        keys,
        runs,
    }
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
fn read(words: &[&str]) -> Clause {
    let (mut saying, mut content_words, mut verb) = (false, 0, false);
    for &w in words {
        let flags = WORD_FLAGS.get(w).copied().unwrap_or(0);
        saying |= flags & SAYS != 0;
        verb |= flags & VERB != 0 || (w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing")));
        content_words += usize::from(w != "#" && content_key(w).is_some());
    }
    Clause {
        attribution: saying && words.len() <= MAX_ATTRIBUTION_WORDS,
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
        let w = windows(text, None, |_| None);
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

    /// The words of each clause as the sentence's own tokens give them, and
    /// as tokenizing the clause alone does: the same, on tricky text and on
    /// random text built from pieces that sit at clause cuts.
    #[test]
    fn a_sentences_own_tokens_give_each_clause_its_words() {
        let pieces = [
            "1,200",
            "3.5",
            "5%",
            "co-operation",
            "well-",
            "-known",
            "didn't",
            "\"",
            "\"Yes,\"",
            ",",
            ";",
            ":",
            " - ",
            "but",
            "while",
            "said",
            "officials",
            "the",
            "rose",
            "had",
            "killed",
            "Smith's",
            "(AP)",
            "#",
            "x",
            "1.",
            "2,",
            "and",
            "per cent",
        ];
        let mut seed = 11u64;
        let mut texts: Vec<String> = (0..400)
            .map(|_| {
                let mut text = String::new();
                for _ in 0..12 {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    let piece = pieces[(seed >> 33) as usize % pieces.len()];
                    let glue = if seed >> 62 == 0 { "" } else { " " };
                    text.push_str(piece);
                    text.push_str(glue);
                }
                text
            })
            .collect();
        texts.push("Some 1,200 homes lost power, officials said, but 3.5% of them had it back: \"quickly,\" she said.".into());
        texts.push("\"We offered co-operation,\" she said; \"they didn't accept 5%.\"".into());
        let key = |w: &str| {
            Some(
                w.bytes()
                    .fold(7u64, |h, b| h.wrapping_mul(31) ^ u64::from(b)),
            )
        };
        for text in &texts {
            let tokens = tokenize(text);
            let (own, alone) = (windows(text, Some(&tokens), key), windows(text, None, key));
            assert_eq!(own.clauses, alone.clauses, "{text}");
            assert_eq!(own.keys, alone.keys, "{text}");
            assert_eq!(own.runs, alone.runs, "{text}");
        }
        assert!(
            texts
                .iter()
                .filter(|t| !windows(t, None, key).runs.is_empty())
                .count()
                > 50
        );
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
