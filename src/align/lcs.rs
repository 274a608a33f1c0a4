//! Indel similarity, the measure rapidfuzz's `indel::normalized_similarity`
//! computes: `1 - (|a| + |b| - 2 LCS) / (|a| + |b|)`, from the longest common
//! subsequence by the bit-parallel algorithm of Hyyrö (one machine word holds
//! 64 positions of `a`, and each element of `b` costs a few word operations).
//!
//! rapidfuzz builds its bit tables for every pair it is given. Here each
//! sentence builds its tables once (`Positions`, `Letters`), and a pair costs
//! one pass over the other sentence. Sequences the tables cannot hold (past 64
//! words, or text with other characters than lower-case ASCII letters, spaces
//! and `#`) go to rapidfuzz: the result is the same number either way.

use rapidfuzz::distance::indel;

/// The longest word sequence `Positions` holds: one machine word of positions.
const MAX_WORDS: usize = 64;

/// Where each distinct element of a sequence stands: the element and the bit
/// set of its positions, sorted by element. Empty past `MAX_WORDS` elements.
#[derive(Debug, Clone, Default)]
pub struct Positions(Vec<(u64, u64)>);

impl Positions {
    pub fn of(sequence: &[u64]) -> Self {
        if sequence.len() > MAX_WORDS {
            return Self::default();
        }
        let mut at: Vec<(u64, u64)> = sequence
            .iter()
            .enumerate()
            .map(|(i, &x)| (x, 1 << i))
            .collect();
        at.sort_unstable_by_key(|&(x, _)| x);
        at.dedup_by(|next, kept| {
            let same = next.0 == kept.0;
            if same {
                kept.1 |= next.1;
            }
            same
        });
        Self(at)
    }
}

/// The indel similarity of two word sequences, given their `Positions`.
pub fn words(a: &[u64], at_a: &Positions, b: &[u64], at_b: &Positions) -> f64 {
    if a.len() > MAX_WORDS || b.len() > MAX_WORDS {
        return indel::normalized_similarity(a, b);
    }
    // For each position of `b`, the positions of `a` holding the same element:
    // one merge of the two sorted tables.
    let mut matches = [0u64; MAX_WORDS];
    let (x, y) = (&at_a.0, &at_b.0);
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        match x[i].0.cmp(&y[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let mut bits = y[j].1;
                while bits != 0 {
                    matches[bits.trailing_zeros() as usize] = x[i].1;
                    bits &= bits - 1;
                }
                i += 1;
                j += 1;
            }
        }
    }
    let mut s = [!0u64];
    for &m in &matches[..b.len()] {
        step(&mut s, std::slice::from_ref(&m));
    }
    normalized(a.len(), b.len(), common(&s, a.len()))
}

/// Symbols of `Letters`: `a`-`z`, space and `#` (a masked number).
const SYMBOLS: usize = 28;
/// The longest text `Letters` holds, in 64-character blocks.
const MAX_BLOCKS: usize = 8;

fn symbol(b: u8) -> Option<usize> {
    match b {
        b'a'..=b'z' => Some(usize::from(b - b'a')),
        b' ' => Some(26),
        b'#' => Some(27),
        _ => None,
    }
}

/// Where each symbol stands in a text: for each symbol, one bit set per
/// 64-character block. Empty when the text has another character or is too long.
#[derive(Debug, Clone, Default)]
pub struct Letters {
    blocks: usize,
    table: Vec<u64>,
}

impl Letters {
    pub fn of(text: &str) -> Self {
        let blocks = text.len().div_ceil(64);
        if blocks > MAX_BLOCKS || !text.bytes().all(|b| symbol(b).is_some()) {
            return Self::default();
        }
        let mut table = vec![0u64; SYMBOLS * blocks];
        for (i, b) in text.bytes().enumerate() {
            if let Some(s) = symbol(b) {
                table[s * blocks + i / 64] |= 1 << (i % 64);
            }
        }
        Self { blocks, table }
    }

    fn holds(&self, text: &str) -> bool {
        !self.table.is_empty() || text.is_empty()
    }
}

/// The indel similarity of two texts by characters, given their `Letters`.
pub fn text(a: &str, letters_a: &Letters, b: &str, letters_b: &Letters) -> f64 {
    if !(letters_a.holds(a) && letters_b.holds(b)) {
        return indel::normalized_similarity(a.chars(), b.chars());
    }
    let blocks = letters_a.blocks;
    let mut s = [!0u64; MAX_BLOCKS];
    let none = [0u64; MAX_BLOCKS];
    for byte in b.bytes() {
        let m = symbol(byte).map_or(&none[..blocks], |sym| {
            &letters_a.table[sym * blocks..(sym + 1) * blocks]
        });
        step(&mut s[..blocks], m);
    }
    normalized(a.len(), b.len(), common(&s[..blocks], a.len()))
}

/// One element of `b`: `s = (s + u) | (s - u)` with `u = s & m`, carried
/// across the blocks.
fn step(s: &mut [u64], m: &[u64]) {
    let mut carry = false;
    for (word, &matches) in s.iter_mut().zip(m) {
        let u = *word & matches;
        let (sum, c1) = word.overflowing_add(u);
        let (sum, c2) = sum.overflowing_add(u64::from(carry));
        carry = c1 || c2;
        *word = sum | (*word - u);
    }
}

/// The LCS length: the zero bits of `s` among the first `len` positions.
fn common(s: &[u64], len: usize) -> usize {
    s.iter()
        .enumerate()
        .map(|(k, &word)| {
            let bits = len.saturating_sub(64 * k).min(64);
            let mask = if bits == 64 { !0 } else { (1u64 << bits) - 1 };
            (!word & mask).count_ones() as usize
        })
        .sum()
}

/// rapidfuzz's normalisation, to the last bit.
fn normalized(la: usize, lb: usize, lcs: usize) -> f64 {
    let maximum = la + lb;
    let distance = maximum - 2 * lcs;
    let normalized_distance = if maximum == 0 {
        0.0
    } else {
        distance as f64 / maximum as f64
    };
    1.0 - normalized_distance
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(text: &str) -> Vec<u64> {
        text.bytes().map(|b| u64::from(b % 7)).collect()
    }

    #[test]
    fn word_similarity_equals_rapidfuzz() {
        let texts = [
            "",
            "a",
            "abcabcabc",
            "cbacbacba",
            "the quick brown fox jumps over the lazy dog again and again",
            &"xyzzy".repeat(13),
            &"xyzzy".repeat(12),
        ];
        for a in texts {
            for b in texts {
                let (x, y) = (hashes(a), hashes(b));
                let ours = words(&x, &Positions::of(&x), &y, &Positions::of(&y));
                let theirs = indel::normalized_similarity(&x, &y);
                assert_eq!(ours.to_bits(), theirs.to_bits(), "{a:?} / {b:?}");
            }
        }
    }

    #[test]
    fn text_similarity_equals_rapidfuzz() {
        let long = "storm # homes the valley destroyed ".repeat(9);
        let texts = [
            "",
            "a",
            "# killed people said police",
            "# died people police told reporters",
            "officials said the storm destroyed # homes in the valley",
            "caf\u{e9} opened",
            "Mixed Case",
            &long,
            &long[..130],
            &"x".repeat(600),
        ];
        for a in texts {
            for b in texts {
                let ours = text(a, &Letters::of(a), b, &Letters::of(b));
                let theirs = indel::normalized_similarity(a.chars(), b.chars());
                assert_eq!(ours.to_bits(), theirs.to_bits(), "{a:?} / {b:?}");
            }
        }
    }
}
