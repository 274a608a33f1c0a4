//! The sentence-pair scorer shared by `compare` and `pairs`.
//!
//! Several lexical measures (rarity-weighted overlap, containment, word order,
//! character edits, bigrams, WordNet synonyms, figures and negations) are combined by a logistic
//! model whose weights were fitted on the MRPC training split only, by
//! `cargo run --release --example tune_align` (see that file). Numbers are masked
//! in every text measure: outlets round and update figures, compare looks at them.

use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHasher};

use super::clause;
use rayon::prelude::*;

use super::lcs::{self, Letters, Positions};
use super::lexicon::{Tokens, content_key, tokenize};
use super::thesaurus;

/// How many measures `pair_features` returns.
pub const FEATURES: usize = 29;

/// Names of the measures, in order (for the tuning report).
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "weighted_dice",
    "weighted_containment",
    "token_sort_ratio",
    "word_order",
    "bigram_dice",
    "length_ratio",
    "numbers_differ",
    "numbers_one_side",
    "negation_mismatch",
    "unmatched_rare",
    "unmatched_share_min",
    "unmatched_share_max",
    "length_difference",
    "trigram_dice",
    "name_dice",
    "weighted_dice_squared",
    "unmatched_words_min",
    "unmatched_words_max",
    "shared_words",
    "bigram_containment",
    "numbers_unmatched",
    "soft_coverage_min",
    "soft_coverage_max",
    "quote_mismatch",
    "char_trigram_dice",
    "content_order",
    "numbers_shared",
    "unmatched_synonym_share_min",
    "unmatched_synonym_share_max",
];

/// Logistic weights over `pair_features`, then the bias; from `examples/tune_align.rs`.
pub const WEIGHTS: [f64; FEATURES + 1] = [
    -3.5991, -1.7373, 2.4833, 8.8030, 2.1514, -2.3588, -0.4540, -0.1062, -1.0953, -0.3454, 1.7373,
    -1.8760, -4.6144, -3.4919, -0.3598, 3.1192, -0.5745, 0.2911, 0.6854, -3.3512, -1.0793, -0.4801,
    -0.0381, -0.2809, 1.9531, -3.4795, 0.2482, -5.0366, -1.4832, 4.2264,
];

/// The default threshold on the score: best mean of accuracy and F1 on MRPC train.
pub const DEFAULT_THRESHOLD: f64 = 0.485;

/// Pairs whose rarity-weighted word overlap (Dice) is below this score 0 without
/// the full model. At the default threshold no MRPC train decision changes up to
/// 0.35 (`scripts/eval_mrpc.py`); skipping most pairs of a story this cheaply is
/// what keeps grouping linear in practice.
pub const MIN_OVERLAP: f64 = 0.3;

/// A pair of claim windows is only scored when their weighted overlap (Dice)
/// reaches this: windows are short, and short texts that share less are not
/// one claim.
pub const WINDOW_OVERLAP: f64 = 0.5;

/// A sentence prepared for scoring: what the cheap gate and the key
/// measures read, and the rest of the model's inputs, built when a pair of
/// the sentence first gets past the gate (a fifth of sentences never do).
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Content keys, sorted and unique.
    keys: Packed,
    /// For each key: its rarity weight, whether it is rare (in at most two
    /// sentences), and the letters it has as a bit set (see `near`).
    key_info: Vec<KeyInfo>,
    /// The words (numbers masked), the numbers and the negations.
    tokens: Tokens,
    /// Which key each content word has (see `Words`).
    word_keys: Vec<(u32, u32)>,
    /// Content keys hashed, in sentence order.
    key_sequence: Vec<u64>,
    /// Content keys hashed with their rarity weight, sorted by hash: the cheap gate.
    weighted: Vec<(u64, f64)>,
    weight_total: f64,
    /// The sentence (or window): the model reads its names and quotation
    /// marks from it, and `Scorer::features` finds its claim windows in it.
    text: Box<str>,
    /// The claims inside the sentence, attribution left out (see `clause`):
    /// found with the features by `Scorer::prepared`, which has the tokens.
    windows: OnceLock<Vec<Window>>,
    /// Built from `text` and `tokens` on first use.
    model: OnceLock<Model>,
}

/// The rest of what the pair model reads of a sentence.
#[derive(Debug, Clone)]
struct Model {
    /// Every word hashed, in order (numbers masked).
    sequence: Vec<u64>,
    /// Every word sorted and joined by spaces (numbers masked).
    sorted_text: String,
    /// Hashes of adjacent word pairs, sorted and unique.
    bigrams: Vec<u64>,
    /// Hashes of word triples, sorted and unique.
    trigrams: Vec<u64>,
    /// Capitalised words not opening the sentence (names), hashed, sorted, unique.
    names: Vec<u64>,
    quoted: bool,
    /// Character trigrams of the masked words, hashed, sorted, unique.
    char_trigrams: Vec<u64>,
    /// The WordNet synsets of the words behind each key (see `thesaurus`):
    /// key `i` has `key_synsets[synset_ends[i - 1]..synset_ends[i]]`, sorted.
    key_synsets: Vec<u32>,
    synset_ends: Vec<u32>,
    /// All of the sentence's synsets, sorted and unique.
    synsets: Vec<u32>,
    /// Bit tables of `sorted_text`, `sequence` and the key sequence for the
    /// indel measures (see `lcs`).
    sorted_letters: Letters,
    sequence_at: Positions,
    key_sequence_at: Positions,
}

impl Model {
    /// The model's inputs for the sentence of `f`.
    fn of(f: &Features) -> Self {
        let (text, tokens) = (&*f.text, &f.tokens);
        let sequence: Vec<u64> = tokens.words().map(hash_of).collect();
        let mut bigrams: Vec<u64> = sequence.windows(2).map(hash_of).collect();
        bigrams.sort_unstable();
        bigrams.dedup();
        let mut trigrams: Vec<u64> = sequence.windows(3).map(hash_of).collect();
        trigrams.sort_unstable();
        trigrams.dedup();
        let mut sorted: Vec<&str> = tokens.words().collect();
        sort_texts(&mut sorted);
        let sorted_text = sorted.join(" ");
        let (key_synsets, synset_ends, synsets) = synsets_of(tokens, &f.word_keys, f.keys.len());
        Self {
            names: names(text),
            quoted: text.contains(['"', '\u{201c}', '\u{201d}']),
            char_trigrams: char_trigrams(tokens.joined()),
            bigrams,
            trigrams,
            key_synsets,
            synset_ends,
            synsets,
            sorted_letters: Letters::of(&sorted_text),
            sequence_at: Positions::of(&sequence),
            key_sequence_at: Positions::of(&f.key_sequence),
            sequence,
            sorted_text,
        }
    }
}

/// One claim window of a sentence: its keys for the cheap gate, and its
/// features, prepared only when a pair gets past the gate.
#[derive(Debug, Clone)]
struct Window {
    range: (usize, usize),
    weighted: Vec<(u64, f64)>,
    weight_total: f64,
    features: OnceLock<Features>,
}

/// A sentence or one of its windows, as the window loop of `score_parts` sees it.
#[derive(Clone, Copy)]
enum Part<'f> {
    Whole(&'f Features),
    Window(&'f Features, &'f Window),
}

impl<'f> Part<'f> {
    fn weighted(self) -> (&'f [(u64, f64)], f64) {
        match self {
            Part::Whole(f) => (&f.weighted, f.weight_total),
            Part::Window(_, w) => (&w.weighted, w.weight_total),
        }
    }

    /// The part's bytes in its sentence.
    fn range(self) -> (usize, usize) {
        match self {
            Part::Whole(f) => (0, f.text.len()),
            Part::Window(_, w) => w.range,
        }
    }

    fn features(self, scorer: &Scorer) -> &'f Features {
        match self {
            Part::Whole(f) => f,
            Part::Window(parent, w) => w
                .features
                .get_or_init(|| scorer.prepare(&parent.text[w.range.0..w.range.1])),
        }
    }
}

/// What the pair loop needs of one content key, looked up once per sentence.
#[derive(Debug, Clone, Copy)]
struct KeyInfo {
    weight: f64,
    rare: bool,
    letters: u64,
    /// The key's first bytes, for cheap comparisons (see `key_order`).
    prefix: u64,
    /// The key's length in bytes.
    len: usize,
}

/// Short strings in one buffer, in order: a sentence's content keys, with
/// one allocation for all of them.
#[derive(Debug, Clone, Default)]
struct Packed {
    text: String,
    ends: Vec<u32>,
}

impl Packed {
    fn with_capacity(bytes: usize, strings: usize) -> Self {
        Self {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(strings),
        }
    }

    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len() as u32);
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    fn last(&self) -> Option<&str> {
        self.len().checked_sub(1).map(|i| self.get(i))
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }
}

impl Features {
    /// The rest of the model's inputs, built on first use.
    fn model(&self) -> &Model {
        self.model.get_or_init(|| Model::of(self))
    }

    /// The content keys hashed, each with its rarity weight, sorted by hash:
    /// what the candidate stage and the cheap gate merge.
    pub fn weighted_keys(&self) -> &[(u64, f64)] {
        &self.weighted
    }
}

/// One sentence's words: its tokens, the content keys of its words hashed
/// in sentence order (stop words left out), the keys sorted and unique,
/// each with its hash, and which key each content word has (its position
/// among the tokens, then the key's index).
struct Words {
    tokens: Tokens,
    key_sequence: Vec<u64>,
    keys: Packed,
    key_hashes: Vec<u64>,
    word_keys: Vec<(u32, u32)>,
}

impl Words {
    fn of(text: &str) -> Self {
        let tokens = tokenize(text);
        let mut key_sequence = Vec::with_capacity(tokens.word_count());
        // Sorted by their prefixes first, as `sort_texts` sorts.
        let mut found: Vec<(u64, &str, u32)> = Vec::with_capacity(tokens.word_count());
        for (at, word) in (0u32..).zip(tokens.words()) {
            if let Some(key) = content_key(word) {
                key_sequence.push(hash_of(key));
                found.push((prefix(key), key, at));
            }
        }
        found.sort_unstable();
        let mut keys = Packed::with_capacity(tokens.joined().len(), found.len());
        let mut key_hashes = Vec::with_capacity(found.len());
        let mut word_keys = Vec::with_capacity(found.len());
        for &(_, key, at) in &found {
            if keys.last() != Some(key) {
                keys.push(key);
                key_hashes.push(hash_of(key));
            }
            word_keys.push((at, keys.len() as u32 - 1));
        }
        word_keys.sort_unstable();
        Self {
            tokens,
            key_sequence,
            keys,
            key_hashes,
            word_keys,
        }
    }
}

/// Scores sentence pairs with word weights from a reference collection.
#[derive(Debug, Clone, Default)]
pub struct Scorer {
    /// In how many sentences each content key (by its hash) is.
    document_frequency: FxHashMap<u64, u32>,
    documents: u32,
}

fn hash_of<T: Hash + ?Sized>(x: &T) -> u64 {
    let mut h = FxHasher::default();
    x.hash(&mut h);
    h.finish()
}

impl Scorer {
    /// Learns word rarity from the sentences that will be compared.
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut scorer = Self::default();
        for text in texts {
            scorer.count(&Words::of(text).key_hashes);
        }
        scorer
    }

    /// A scorer that learns from `texts`, and their features: each text is
    /// read once, in parallel.
    pub fn prepared(texts: &[&str]) -> (Self, Vec<Features>) {
        let words: Vec<Words> = texts.par_iter().map(|t| Words::of(t)).collect();
        let mut scorer = Self::default();
        for w in &words {
            scorer.count(&w.key_hashes);
        }
        // Every sentence's windows are found now, from its tokens: most
        // sentences meet a pair that needs them.
        let features = texts
            .par_iter()
            .zip(words)
            .map(|(text, words)| Features {
                windows: OnceLock::from(scorer.find_windows(text, Some(&words.tokens))),
                ..scorer.features_of(text, words)
            })
            .collect();
        (scorer, features)
    }

    /// Counts one sentence's keys (unique, hashed) into the document frequencies.
    fn count(&mut self, keys: &[u64]) {
        self.documents += 1;
        for &k in keys {
            *self.document_frequency.entry(k).or_insert(0) += 1;
        }
    }

    /// Prepares one sentence; cheap enough to do once per sentence, not per pair.
    pub fn features(&self, text: &str) -> Features {
        Features {
            windows: OnceLock::new(),
            ..self.features_of(text, Words::of(text))
        }
    }

    /// The claim windows of a sentence, found once; each window's keys are
    /// read then, its other features only when a pair needs them.
    fn windows<'f>(&self, f: &'f Features) -> &'f [Window] {
        f.windows.get_or_init(|| self.find_windows(&f.text, None))
    }

    /// The claim windows of `text` (see `clause::windows`, which `tokens`,
    /// the sentence's own, spare tokenizing each clause again).
    fn find_windows(&self, text: &str, tokens: Option<&Tokens>) -> Vec<Window> {
        let found = clause::windows(text, tokens, |w| content_key(w).map(hash_of));
        found
            .runs
            .iter()
            .map(|&(first, last)| {
                let mut keys = found.keys[first..=last].concat();
                keys.sort_unstable();
                keys.dedup();
                let (weighted, weight_total) =
                    weighted(&keys, keys.iter().map(|&k| self.weight(k)));
                Window {
                    range: found.range((first, last)),
                    weighted,
                    weight_total,
                    features: OnceLock::new(),
                }
            })
            .collect()
    }

    /// A window's features: no windows of its own.
    fn prepare(&self, text: &str) -> Features {
        self.features_of(text, Words::of(text))
    }

    /// The features of `text`, whose words are `words`: no windows, the
    /// model built on first use.
    fn features_of(&self, text: &str, words: Words) -> Features {
        let Words {
            tokens,
            key_sequence,
            keys,
            key_hashes,
            word_keys,
        } = words;
        let key_info: Vec<KeyInfo> = keys
            .iter()
            .zip(&key_hashes)
            .map(|(k, h)| {
                let df = self.document_frequency.get(h).copied().unwrap_or(0);
                KeyInfo {
                    weight: self.weight_of(df),
                    rare: df <= 2,
                    letters: letters(k),
                    prefix: prefix(k),
                    len: k.len(),
                }
            })
            .collect();
        let (weighted, weight_total) = weighted(&key_hashes, key_info.iter().map(|k| k.weight));
        Features {
            keys,
            key_info,
            tokens,
            word_keys,
            key_sequence,
            weighted,
            weight_total,
            text: text.into(),
            windows: OnceLock::from(Vec::new()),
            model: OnceLock::new(),
        }
    }

    /// The rarity weight of a key, by its hash.
    fn weight(&self, key: u64) -> f64 {
        self.weight_of(self.document_frequency.get(&key).copied().unwrap_or(0))
    }

    /// The rarity weight of a key found in `df` of the sentences.
    fn weight_of(&self, df: u32) -> f64 {
        ((1.0 + self.documents as f64) / (1.0 + f64::from(df))).ln() + 1.0
    }

    /// The measures the logistic model combines, each in [0, 1].
    pub fn pair_features(&self, a: &Features, b: &Features) -> [f64; FEATURES] {
        let (ma, mb) = (a.model(), b.model());
        let Overlap {
            shared,
            only_a,
            only_b,
            rare_a,
            rare_b,
            common,
            synonym_a,
            synonym_b,
        } = key_overlap(a, b);
        let (miss_a, miss_b) = (a.keys.len() as f64 - common, b.keys.len() as f64 - common);
        let shared_bigrams = sorted_intersection(&ma.bigrams, &mb.bigrams) as f64;
        let (soft_a, soft_b) = soft_coverage(a, b);
        let bigram_containment = ratio(
            shared_bigrams,
            ma.bigrams.len().min(mb.bigrams.len()) as f64,
        );
        let (total_a, total_b) = (shared + only_a, shared + only_b);
        let dice = ratio(2.0 * shared, total_a + total_b);
        let containment = ratio(shared, total_a.min(total_b));
        let token_sort = lcs::text(
            &ma.sorted_text,
            &ma.sorted_letters,
            &mb.sorted_text,
            &mb.sorted_letters,
        );
        let word_order = lcs::words(&ma.sequence, &ma.sequence_at, &mb.sequence, &mb.sequence_at);
        let bigram = ratio(
            2.0 * shared_bigrams,
            (ma.bigrams.len() + mb.bigrams.len()) as f64,
        );
        let (la, lb) = (ma.sequence.len() as f64, mb.sequence.len() as f64);
        let length = ratio(la.min(lb), la.max(lb));
        let both_numbers = !a.tokens.numbers.is_empty() && !b.tokens.numbers.is_empty();
        let numbers_differ = both_numbers && a.tokens.numbers != b.tokens.numbers;
        let one_side = a.tokens.numbers.is_empty() != b.tokens.numbers.is_empty();
        let negation = (a.tokens.negations > 0) != (b.tokens.negations > 0);
        let unmatched_rare = ratio(rare_a.max(rare_b), 1.0 + rare_a.max(rare_b));
        let (share_a, share_b) = (ratio(only_a, total_a), ratio(only_b, total_b));
        let (reworded_a, reworded_b) = (
            ratio(only_a - synonym_a, total_a),
            ratio(only_b - synonym_b, total_b),
        );
        let trigram = ratio(
            2.0 * sorted_intersection(&ma.trigrams, &mb.trigrams) as f64,
            (ma.trigrams.len() + mb.trigrams.len()) as f64,
        );
        let names = if ma.names.is_empty() && mb.names.is_empty() {
            1.0
        } else {
            ratio(
                2.0 * sorted_intersection(&ma.names, &mb.names) as f64,
                (ma.names.len() + mb.names.len()) as f64,
            )
        };
        [
            dice,
            containment,
            token_sort,
            word_order,
            bigram,
            length,
            f64::from(u8::from(numbers_differ)),
            f64::from(u8::from(one_side)),
            f64::from(u8::from(negation)),
            unmatched_rare,
            share_a.min(share_b),
            share_a.max(share_b),
            ((la - lb).abs() / 20.0).min(1.0),
            trigram,
            names,
            dice * dice,
            (miss_a.min(miss_b) / 10.0).min(1.0),
            (miss_a.max(miss_b) / 10.0).min(1.0),
            (common / 20.0).min(1.0),
            bigram_containment,
            (numbers_unmatched(a, b) / 4.0).min(1.0),
            soft_a.min(soft_b),
            soft_a.max(soft_b),
            f64::from(u8::from(ma.quoted != mb.quoted)),
            ratio(
                2.0 * sorted_intersection(&ma.char_trigrams, &mb.char_trigrams) as f64,
                (ma.char_trigrams.len() + mb.char_trigrams.len()) as f64,
            ),
            lcs::words(
                &a.key_sequence,
                &ma.key_sequence_at,
                &b.key_sequence,
                &mb.key_sequence_at,
            ),
            (sorted_intersection_str(&a.tokens.numbers, &b.tokens.numbers) as f64 / 2.0).min(1.0),
            reworded_a.min(reworded_b),
            reworded_a.max(reworded_b),
        ]
    }

    /// The probability-like score in [0, 1] that two sentences, taken whole,
    /// state the same claim: what `crossclaim pairs` prints.
    pub fn score(&self, a: &Features, b: &Features) -> f64 {
        self.score_parts(a, b, &WEIGHTS).0
    }

    /// The score with which `compare` groups claims: the same model on the two
    /// sentences or on the best pair of their claim windows, whichever is
    /// higher. A sentence that adds a second claim, or wraps the claim in
    /// attribution, still meets the sentence that states that claim alone.
    pub fn claim_score(&self, a: &Features, b: &Features) -> f64 {
        self.claim_score_sharing(a, b, shared_weight(a, b))
    }

    /// `claim_score` when the weight of the content keys the two share is
    /// already known (the candidate stage sums it for many pairs at once).
    pub fn claim_score_sharing(&self, a: &Features, b: &Features, shared: f64) -> f64 {
        let (whole, window) = self.score_parts_sharing(a, b, shared, &WEIGHTS);
        whole.max(window)
    }

    /// `claim_score_sharing` in full: the score of the sentences whole, of
    /// their best pair of claim windows, and which windows those are.
    pub fn claim_match(&self, a: &Features, b: &Features, shared: f64) -> ClaimMatch {
        let (whole, window, windows) = self.score_parts_ranged(a, b, shared, &WEIGHTS);
        ClaimMatch {
            whole,
            window,
            windows,
        }
    }

    /// The model's score of the whole pair, and of its best window pair (a
    /// sentence stands for itself too). Windows are only looked at when the
    /// smaller sentence's rare words are mostly in the other: the cheap gate.
    pub fn score_parts(
        &self,
        a: &Features,
        b: &Features,
        weights: &[f64; FEATURES + 1],
    ) -> (f64, f64) {
        self.score_parts_sharing(a, b, shared_weight(a, b), weights)
    }

    fn score_parts_sharing(
        &self,
        a: &Features,
        b: &Features,
        shared: f64,
        weights: &[f64; FEATURES + 1],
    ) -> (f64, f64) {
        let (whole, window, _) = self.score_parts_ranged(a, b, shared, weights);
        (whole, window)
    }

    /// `score_parts_sharing` with the byte ranges of the best window pair.
    fn score_parts_ranged<'f>(
        &self,
        a: &'f Features,
        b: &'f Features,
        shared: f64,
        weights: &[f64; FEATURES + 1],
    ) -> (f64, f64, Ranges) {
        let (dice, containment) = gate(a, b, shared);
        let whole = if dice >= MIN_OVERLAP {
            combine(&self.pair_features(a, b), weights)
        } else {
            0.0
        };
        let mut best = 0.0f64;
        let mut ranges = ((0, 0), (0, 0));
        if containment < MIN_OVERLAP {
            return (whole, best, ranges);
        }
        let (windows_a, windows_b) = (self.windows(a), self.windows(b));
        if windows_a.is_empty() && windows_b.is_empty() {
            return (whole, best, ranges);
        }
        let parts = |f: &'f Features, windows: &'f [Window]| {
            windows
                .iter()
                .map(move |w| Part::Window(f, w))
                .chain([Part::Whole(f)])
        };
        for x in parts(a, windows_a) {
            for y in parts(b, windows_b) {
                if matches!((x, y), (Part::Whole(_), Part::Whole(_))) {
                    continue;
                }
                let ((kx, tx), (ky, ty)) = (x.weighted(), y.weighted());
                if ratio(2.0 * shared_weight_of(kx, ky), tx + ty) < WINDOW_OVERLAP {
                    continue;
                }
                let (fx, fy) = (x.features(self), y.features(self));
                let score = combine(&self.pair_features(fx, fy), weights);
                if score > best {
                    best = score;
                    ranges = (x.range(), y.range());
                }
            }
        }
        (whole, best, ranges)
    }

    /// The content keys of `text` hashed with their rarity weights, sorted by
    /// hash, and their total weight (see `Features::weighted_keys`).
    pub fn weighted_keys_of(&self, text: &str) -> (Vec<(u64, f64)>, f64) {
        // The distinct content keys only: none of what `Words::of` keeps for
        // scoring a sentence pair.
        let tokens = tokenize(text);
        let mut keys: Vec<u64> = tokens
            .words()
            .filter_map(|word| content_key(word).map(hash_of))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        weighted(&keys, keys.iter().map(|&k| self.weight(k)))
    }
}

/// Byte ranges of a part of each of two sentences.
pub type Ranges = ((usize, usize), (usize, usize));

/// A pair's claim score, from the sentences whole and from their best pair
/// of claim windows (byte ranges in each sentence; empty when none scored).
#[derive(Debug, Clone, Copy)]
pub struct ClaimMatch {
    pub whole: f64,
    pub window: f64,
    pub windows: Ranges,
}

/// The logistic model: `weights` holds one weight per measure, then the bias.
pub fn combine(features: &[f64; FEATURES], weights: &[f64; FEATURES + 1]) -> f64 {
    let z = features
        .iter()
        .zip(weights)
        .fold(weights[FEATURES], |acc, (f, w)| acc + f * w);
    1.0 / (1.0 + (-z).exp())
}

/// Key hashes with their weights, sorted by hash, and the total weight.
fn weighted(keys: &[u64], weights: impl Iterator<Item = f64>) -> (Vec<(u64, f64)>, f64) {
    let mut weighted: Vec<(u64, f64)> = keys.iter().copied().zip(weights).collect();
    weighted.sort_unstable_by_key(|&(h, _)| h);
    let total = weighted.iter().map(|&(_, w)| w).sum();
    (weighted, total)
}

/// The rarity weight of the content keys two sentences share: a merge of two
/// short lists sorted by hash, summed in `a`'s order.
pub(super) fn shared_weight(a: &Features, b: &Features) -> f64 {
    shared_weight_of(&a.weighted, &b.weighted)
}

/// `shared_weight` on the keys themselves (see `Features::weighted_keys`).
pub fn shared_weight_of(a: &[(u64, f64)], b: &[(u64, f64)]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0.0);
    while let (Some(&(x, w)), Some(&(y, _))) = (a.get(i), b.get(j)) {
        match x.cmp(&y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += w;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// Rarity-weighted Dice overlap and containment (of the smaller side) of
/// content keys, from the weight the two share.
pub(super) fn gate(a: &Features, b: &Features, shared: f64) -> (f64, f64) {
    (
        ratio(2.0 * shared, a.weight_total + b.weight_total),
        ratio(shared, a.weight_total.min(b.weight_total)),
    )
}

fn ratio(a: f64, b: f64) -> f64 {
    if b <= 0.0 { 0.0 } else { a / b }
}

/// Numbers stated on one side only.
fn numbers_unmatched(a: &Features, b: &Features) -> f64 {
    let shared = sorted_intersection_str(&a.tokens.numbers, &b.tokens.numbers);
    (a.tokens.numbers.len() + b.tokens.numbers.len() - 2 * shared) as f64
}

/// Weighted shared, A-only and B-only content, how many rare keys (in at
/// most two sentences) each side has that the other lacks, how many keys
/// the two share, and the weight of each side's keys that the other lacks but
/// says in a word of the same synset: one merge of the sorted key lists.
struct Overlap {
    shared: f64,
    only_a: f64,
    only_b: f64,
    rare_a: f64,
    rare_b: f64,
    common: f64,
    synonym_a: f64,
    synonym_b: f64,
}

fn key_overlap(a: &Features, b: &Features) -> Overlap {
    let (ma, mb) = (a.model(), b.model());
    let mut o = Overlap {
        shared: 0.0,
        only_a: 0.0,
        only_b: 0.0,
        rare_a: 0.0,
        rare_b: 0.0,
        common: 0.0,
        synonym_a: 0.0,
        synonym_b: 0.0,
    };
    let (mut i, mut j) = (0, 0);
    loop {
        let order = match (i < a.keys.len(), j < b.keys.len()) {
            (true, true) => key_order(a, i, b, j),
            (true, false) => std::cmp::Ordering::Less,
            (false, true) => std::cmp::Ordering::Greater,
            (false, false) => break,
        };
        match order {
            std::cmp::Ordering::Equal => {
                o.shared += a.key_info[i].weight;
                o.common += 1.0;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => {
                o.only_a += a.key_info[i].weight;
                o.rare_a += f64::from(u8::from(a.key_info[i].rare));
                if said_otherwise(ma, i, mb) {
                    o.synonym_a += a.key_info[i].weight;
                }
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                o.only_b += b.key_info[j].weight;
                o.rare_b += f64::from(u8::from(b.key_info[j].rare));
                if said_otherwise(mb, j, ma) {
                    o.synonym_b += b.key_info[j].weight;
                }
                j += 1;
            }
        }
    }
    o
}

/// The character trigrams of the words joined by spaces, sorted and unique:
/// three chars (21 bits each) pack into one u64 exactly, with no hash.
fn char_trigrams(joined: &str) -> Vec<u64> {
    let mut trigrams: Vec<u64> = Vec::with_capacity(joined.len());
    let mut window = 0u64;
    for (i, c) in joined.chars().enumerate() {
        window = (window << 21 | u64::from(c)) & ((1 << 63) - 1);
        if i >= 2 {
            trigrams.push(window);
        }
    }
    trigrams.sort_unstable();
    trigrams.dedup();
    trigrams
}

/// The capitalised words of a sentence but its first (names), lower-cased
/// and hashed, sorted and unique. An ASCII word is lower-cased as bytes.
fn names(text: &str) -> Vec<u64> {
    let mut lower = String::new();
    let mut names: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .skip(1)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(|w| {
            lower.clear();
            if w.is_ascii() {
                lower.push_str(w);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(w.chars().flat_map(char::to_lowercase));
            }
            hash_of(lower.as_str())
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// The synsets of each key's words (`word_keys` as in `Words`), flat with
/// where each key's end, and all of them sorted and unique: looked up once
/// per sentence, never per pair.
fn synsets_of(
    tokens: &Tokens,
    word_keys: &[(u32, u32)],
    keys: usize,
) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
    let mut words: Vec<(u32, &str)> = Vec::with_capacity(word_keys.len());
    let mut next = word_keys.iter().peekable();
    for (at, word) in (0u32..).zip(tokens.words()) {
        let Some(&(_, key)) = next.next_if(|&&(a, _)| a == at) else {
            continue;
        };
        if word != "#" {
            words.push((key, word));
        }
    }
    words.sort_unstable();
    words.dedup();
    let mut key_synsets: Vec<u32> = Vec::new();
    let mut ends = vec![0u32; keys];
    let mut words = words.into_iter().peekable();
    for (key, end) in (0u32..).zip(&mut ends) {
        let start = key_synsets.len();
        let mut spellings = 0;
        while let Some((_, word)) = words.next_if(|&(k, _)| k == key) {
            thesaurus::with_synsets(word, |s| key_synsets.extend_from_slice(s));
            spellings += 1;
        }
        // Two words with one key ("killed", "died"): their synsets merged.
        if spellings > 1 {
            let mut merged = key_synsets.split_off(start);
            merged.sort_unstable();
            merged.dedup();
            key_synsets.append(&mut merged);
        }
        *end = key_synsets.len() as u32;
    }
    let mut all = key_synsets.clone();
    all.sort_unstable();
    all.dedup();
    (key_synsets, ends, all)
}

/// Whether key `i` of `f` shares a synset with some word of `other`.
fn said_otherwise(f: &Model, i: usize, other: &Model) -> bool {
    if other.synsets.is_empty() {
        return false;
    }
    let start = if i == 0 {
        0
    } else {
        f.synset_ends[i - 1] as usize
    };
    let end = f.synset_ends.get(i).map_or(start, |&e| e as usize);
    f.key_synsets[start..end]
        .iter()
        .any(|s| other.synsets.binary_search(s).is_ok())
}

/// The first eight bytes of a key, big-endian and zero-padded: keys order as
/// their prefixes do whenever those differ.
fn prefix(key: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = key.len().min(8);
    bytes[..n].copy_from_slice(&key.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

/// Sorts words as `sort_unstable` does, by their prefixes first.
fn sort_texts(words: &mut [&str]) {
    let mut keyed: Vec<(u64, &str)> = words.iter().map(|&w| (prefix(w), w)).collect();
    keyed.sort_unstable();
    for (w, (_, k)) in words.iter_mut().zip(keyed) {
        *w = k;
    }
}

/// Key `i` of `a` against key `j` of `b`, in the order of their text, from
/// their prefixes alone unless a key is longer than its prefix. Keys hold no
/// NUL byte, so two short keys with one prefix are the same key.
fn key_order(a: &Features, i: usize, b: &Features, j: usize) -> std::cmp::Ordering {
    a.key_info[i]
        .prefix
        .cmp(&b.key_info[j].prefix)
        .then_with(|| {
            let (x, y) = (a.keys.get(i), b.keys.get(j));
            if x.len() <= 8 && y.len() <= 8 {
                std::cmp::Ordering::Equal
            } else {
                x.cmp(y)
            }
        })
}

/// The letters of a word as a bit set: a letter or digit has a bit of its
/// own, any other character shares one of a few. A character of one word
/// whose bit the other word lacks must be deleted, so the bits the two sets
/// do not share bound their Indel distance from below.
fn letters(word: &str) -> u64 {
    word.chars().fold(0, |set, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + (c as u32 - '0' as u32),
            _ => 36 + c as u32 % 28,
        };
        set | 1 << bit
    })
}

/// Shares of `a`'s keys that match a key of `b` exactly or nearly (spelling
/// variants, inflections the stemmer missed), and of `b`'s keys in `a`: each
/// pair of keys is compared once.
fn soft_coverage(fa: &Features, fb: &Features) -> (f64, f64) {
    let (a, b) = (&fa.keys, &fb.keys);
    // Exact matches first (both lists are sorted): a word matched exactly needs
    // no near check of its own, only for the other side's unmatched words.
    // The marks live on the stack unless the sentences are very long.
    let mut stack = [false; 256];
    let mut heap = Vec::new();
    let marks = a.len() + 2 * b.len();
    let marks: &mut [bool] = if marks <= stack.len() {
        &mut stack[..marks]
    } else {
        heap.resize(marks, false);
        &mut heap
    };
    let (a_matched, b_marks) = marks.split_at_mut(a.len());
    let (b_matched, exact_b) = b_marks.split_at_mut(b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match key_order(fa, i, fb, j) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                a_matched[i] = true;
                b_matched[j] = true;
                i += 1;
                j += 1;
            }
        }
    }
    exact_b.copy_from_slice(b_matched);
    for ((k, seen), ka) in a.iter().zip(a_matched.iter_mut()).zip(&fa.key_info) {
        for (j, ((hit, &exact), kb)) in b_matched
            .iter_mut()
            .zip(&*exact_b)
            .zip(&fb.key_info)
            .enumerate()
        {
            // Pairs that can change nothing are skipped, and so are pairs whose
            // letters alone rule out a near match (see `letters`).
            if *seen && (exact || *hit)
                || 5 * (ka.letters ^ kb.letters).count_ones() as usize > ka.len + kb.len
            {
                continue;
            }
            if near(k, b.get(j)) {
                *seen = true;
                *hit = true;
            }
        }
    }
    let count = |m: &[bool]| m.iter().filter(|&&x| x).count() as f64;
    (
        ratio(count(a_matched), a.len() as f64),
        ratio(count(b_matched), b.len() as f64),
    )
}

/// Whether two words have an Indel similarity of at least 0.8: an edit
/// distance (insertions and deletions) of at most a fifth of their total
/// length. ASCII words, nearly all of them, take a small table on the stack.
fn near(a: &str, b: &str) -> bool {
    if !(a.is_ascii() && b.is_ascii()) || b.len() > 31 {
        return rapidfuzz::distance::indel::normalized_similarity(a.chars(), b.chars()) >= 0.8;
    }
    let (m, n) = (a.len(), b.len());
    // Similarity is at most 2 min / (min + max): lengths alone can rule it out.
    if 3 * m.min(n) < 2 * m.max(n) {
        return false;
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut row = [0u8; 32];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { up.max(row[j]) };
            diagonal = up;
        }
    }
    let lcs = usize::from(row[n]);
    5 * (m + n - 2 * lcs) <= m + n
}

fn sorted_intersection_str(a: &[String], b: &[String]) -> usize {
    a.iter().filter(|x| b.binary_search(x).is_ok()).count()
}

fn sorted_intersection(a: &[u64], b: &[u64]) -> usize {
    // Without branches on the comparison: the lists are long (character
    // trigrams) and their order is random, so a branch would mispredict.
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_order_by_prefix_as_by_text() {
        let words = "government administration administrations adminis ab abc a # zoo zo déjà dé 12345678 123456789";
        let scorer = Scorer::new([]);
        let a = scorer.features(words);
        let b = scorer.features("abc zoo government administrations déjà 123456789 b");
        for i in 0..a.keys.len() {
            for j in 0..b.keys.len() {
                let (x, y) = (a.keys.get(i), b.keys.get(j));
                assert_eq!(key_order(&a, i, &b, j), x.cmp(y), "{x} / {y}");
            }
        }
        assert!(a.keys.iter().any(|k| k.len() > 8));
    }

    #[test]
    fn a_window_has_the_keys_of_its_text_read_whole() {
        let scorer = Scorer::new([]);
        let mut seen = 0;
        for text in [
            "“We offered co-operation to the harbour workers — twice,” she said, “and they didn't accept 5% of it.”",
            "The council approved the 1,200-page budget, but the union rejected it; talks resume Monday.",
            "Prices rose 3.5% in May: the bank, which had warned of it, said rates would stay.",
        ] {
            let f = scorer.features(text);
            let windows = scorer.windows(&f);
            seen += windows.len();
            for w in windows {
                let whole = scorer.weighted_keys_of(&text[w.range.0..w.range.1]).0;
                assert_eq!(w.weighted, whole, "{}", &text[w.range.0..w.range.1]);
            }
        }
        assert!(seen >= 5, "{seen} windows");
    }

    fn scores(texts: &[&str]) -> (f64, f64) {
        let scorer = Scorer::new(texts.iter().copied());
        let f: Vec<Features> = texts.iter().map(|t| scorer.features(t)).collect();
        (scorer.score(&f[0], &f[1]), scorer.score(&f[0], &f[2]))
    }

    #[test]
    fn paraphrase_with_other_figure_scores_above_unrelated_sentence() {
        let (same, other) = scores(&[
            "The storm destroyed 120 homes in the valley, officials said.",
            "Officials said the storm destroyed 150 homes in the valley.",
            "The mayor opened a new bridge on Monday.",
        ]);
        assert!(same > DEFAULT_THRESHOLD, "{same}");
        assert!(other < DEFAULT_THRESHOLD, "{other}");
    }

    #[test]
    fn synonyms_lift_a_reworded_claim() {
        let texts = [
            "Twelve people were killed in the flooding, police said.",
            "Twelve people died in the flooding, police told reporters.",
            "Twelve people watched the flooding, police joked.",
        ];
        let (synonym, other) = scores(&texts);
        assert!(synonym > other);
    }

    #[test]
    fn a_wordnet_synonym_counts_as_said() {
        let scorer = Scorer::new([]);
        let f = |t: &str| scorer.features(t);
        let (a, b, c) = (
            f("The senator's remarks angered voters in the county."),
            f("The senator's comments angered voters in the county."),
            f("The senator's jokes angered voters in the county."),
        );
        let reworded = |x: &Features, y: &Features| scorer.pair_features(x, y)[FEATURES - 1];
        assert_eq!(reworded(&a, &b), 0.0);
        assert!(reworded(&a, &c) > 0.0);
    }

    #[test]
    fn near_words_agree_with_indel_similarity() {
        let words = [
            "negotia",
            "negotiat",
            "renegot",
            "talk",
            "talks",
            "walk",
            "die",
            "dead",
            "résumé",
            "resume",
            "administration",
            "administrations",
            "",
        ];
        for a in words {
            for b in words {
                let expected =
                    rapidfuzz::distance::indel::normalized_similarity(a.chars(), b.chars()) >= 0.8;
                assert_eq!(near(a, b), expected, "{a} / {b}");
            }
        }
    }

    #[test]
    fn every_measure_stays_in_unit_interval() {
        let scorer = Scorer::new(["", "a b c 1 2"]);
        let (a, b) = (scorer.features(""), scorer.features("a b c 1 2"));
        for f in scorer.pair_features(&a, &b) {
            assert!((0.0..=1.0).contains(&f), "{f}");
        }
    }
}
