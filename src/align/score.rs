//! The sentence-pair scorer shared by `compare` and `pairs`.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::text::fold;

/// Words too common to say anything about a claim.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by",
    "with", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "it",
    "its", "that", "this", "these", "those", "which", "who", "whom", "he", "she", "they", "we",
    "i", "you", "his", "her", "their", "our", "not", "no", "said", "says", "would", "will",
    "could", "can", "also", "than", "there", "after", "before", "about", "into", "over", "up",
    "out", "if", "so", "such", "more", "most", "all", "some", "any", "other",
];

/// A sentence prepared for scoring: its content words, numbers masked.
#[derive(Debug, Clone, Default)]
pub struct Features {
    words: Vec<String>,
}

/// Scores sentence pairs with word weights from a reference collection.
#[derive(Debug, Clone, Default)]
pub struct Scorer {
    document_frequency: FxHashMap<String, u32>,
    documents: u32,
}

impl Scorer {
    /// Learns word rarity from the sentences that will be compared.
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut scorer = Self::default();
        for text in texts {
            scorer.documents += 1;
            let words: FxHashSet<String> = content_words(text).into_iter().collect();
            for w in words {
                *scorer.document_frequency.entry(w).or_default() += 1;
            }
        }
        scorer
    }

    pub fn features(&self, text: &str) -> Features {
        let mut words = content_words(text);
        words.sort_unstable();
        words.dedup();
        Features { words }
    }

    fn weight(&self, word: &str) -> f64 {
        let df = self.document_frequency.get(word).copied().unwrap_or(0) as f64;
        ((1.0 + self.documents as f64) / (1.0 + df)).ln() + 1.0
    }

    /// Weighted Dice overlap of content words, in [0, 1].
    pub fn score(&self, a: &Features, b: &Features) -> f64 {
        let (mut shared, mut total) = (0.0, 0.0);
        let (mut i, mut j) = (0, 0);
        while i < a.words.len() || j < b.words.len() {
            match (a.words.get(i), b.words.get(j)) {
                (Some(x), Some(y)) if x == y => {
                    let w = self.weight(x);
                    shared += 2.0 * w;
                    total += 2.0 * w;
                    i += 1;
                    j += 1;
                }
                (Some(x), Some(y)) if x < y => {
                    total += self.weight(x);
                    i += 1;
                }
                (Some(x), None) => {
                    total += self.weight(x);
                    i += 1;
                }
                (_, Some(y)) => {
                    total += self.weight(y);
                    j += 1;
                }
                (None, None) => break,
            }
        }
        if total == 0.0 { 0.0 } else { shared / total }
    }
}

/// Lower-cased content words with numbers masked as `#`, lightly stemmed.
fn content_words(text: &str) -> Vec<String> {
    fold(text)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(w))
        .map(|w| {
            if w.chars().any(|c| c.is_ascii_digit()) {
                "#".to_owned()
            } else {
                stem(w).to_owned()
            }
        })
        .collect()
}

fn stem(w: &str) -> &str {
    if w.len() > 4 && w.ends_with("ies") || w.len() > 3 && w.ends_with("ss") {
        w
    } else if w.len() > 3 && w.ends_with('s') {
        &w[..w.len() - 1]
    } else {
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paraphrase_with_other_figure_scores_high() {
        let texts = [
            "The storm destroyed 120 homes in the valley, officials said.",
            "Officials said the storm destroyed 150 homes in the valley.",
            "The mayor opened a new bridge on Monday.",
        ];
        let scorer = Scorer::new(texts);
        let f: Vec<Features> = texts.iter().map(|t| scorer.features(t)).collect();
        assert!(scorer.score(&f[0], &f[1]) > 0.9);
        assert!(scorer.score(&f[0], &f[2]) < 0.2);
    }
}
