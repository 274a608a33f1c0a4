//! Synonyms from WordNet 3.1: which words share a sense, so that a pair that
//! says "purchase" for "buy" is not scored as if the words differed.
//!
//! `data/wordnet-synonyms.txt` holds one synset a line, its single-word lemmas
//! (see `scripts/wordnet_table.py`; WordNet's licence is beside it, in
//! `data/WORDNET-LICENSE`). An inflected word is looked up by WordNet's own
//! suffix rules (morphy's), without its list of irregular forms.

use std::cell::RefCell;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

const TABLE: &str = include_str!("../../data/wordnet-synonyms.txt");

/// Each word of the table with the synsets (line numbers) it is in.
static SYNSETS: LazyLock<FxHashMap<&'static str, Box<[u32]>>> = LazyLock::new(|| {
    let mut table: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    let lines = TABLE.lines().filter(|l| !l.starts_with('#'));
    for (line, words) in (0u32..).zip(lines) {
        for word in words.split(' ') {
            table.entry(word).or_default().push(line);
        }
    }
    table
        .into_iter()
        .map(|(word, lines)| (word, lines.into_boxed_slice()))
        .collect()
});

/// WordNet's detachment rules (morphy), nouns, verbs and adjectives at once:
/// a suffix and what replaces it.
const RULES: &[(&str, &str)] = &[
    ("s", ""),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
    ("es", "e"),
    ("es", ""),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
    ("er", ""),
    ("est", ""),
    ("er", "e"),
    ("est", "e"),
];

/// Words looked up on one thread, at most this many: past it the memo starts over.
const MEMO_WORDS: usize = 1 << 18;

thread_local! {
    /// The synsets `look_up` gave each word already met on this thread: a
    /// corpus repeats its words, and the suffix rules cost a dozen probes.
    static MEMO: RefCell<FxHashMap<Box<str>, Box<[u32]>>> = RefCell::default();
}

/// Calls `f` with the synsets of `word` and of its base forms, sorted and unique.
pub fn with_synsets<R>(word: &str, f: impl FnOnce(&[u32]) -> R) -> R {
    MEMO.with_borrow_mut(|memo| {
        if let Some(synsets) = memo.get(word) {
            return f(synsets);
        }
        let mut synsets = Vec::new();
        look_up(word, |s| synsets.push(s));
        synsets.sort_unstable();
        synsets.dedup();
        let result = f(&synsets);
        if memo.len() >= MEMO_WORDS {
            memo.clear();
        }
        memo.insert(word.into(), synsets.into_boxed_slice());
        result
    })
}

/// Whether WordNet knows `word` as written (no suffix rules): the check by
/// which a verb's base form is chosen ("forced" -> force, "packed" -> pack).
pub fn knows(word: &str) -> bool {
    SYNSETS.contains_key(word)
}

/// Whether two words share a WordNet synset, through their inflections.
pub fn synonyms(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let x = with_synsets(a, <[u32]>::to_vec);
    with_synsets(b, |y| sorted_share(&x, y))
}

/// Whether two sorted lists share an element.
fn sorted_share(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Every synset of `word` and of its base forms, some more than once: what
/// `with_synsets` remembers.
fn look_up(word: &str, mut found: impl FnMut(u32)) {
    let table = &*SYNSETS;
    let mut visit = |w: &str| {
        if let Some(lines) = table.get(w) {
            lines.iter().copied().for_each(&mut found);
        }
    };
    visit(word);
    let mut base = String::new();
    for &(suffix, with) in RULES {
        let Some(stem) = word.strip_suffix(suffix) else {
            continue;
        };
        if stem.len() < 2 {
            continue;
        }
        base.clear();
        base.push_str(stem);
        base.push_str(with);
        visit(&base);
        // "stopped", "running": the consonant doubled before the suffix.
        let bytes = stem.as_bytes();
        if with.is_empty() && bytes.len() > 2 && bytes[bytes.len() - 1] == bytes[bytes.len() - 2] {
            visit(&stem[..stem.len() - 1]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(word: &str) -> Vec<u32> {
        with_synsets(word, <[u32]>::to_vec)
    }

    fn share(a: &str, b: &str) -> bool {
        let b = of(b);
        of(a).iter().any(|s| b.contains(s))
    }

    #[test]
    fn finds_synonyms_through_inflections() {
        assert!(share("purchased", "buying"));
        assert!(share("stopped", "halts"));
        assert!(!share("purchase", "walk"));
        assert!(of("zzzz").is_empty());
    }
}
