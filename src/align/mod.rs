//! Alignment: groups sentences from different outlets that state the same claim.
//!
//! Scoring (see `score`) masks numbers and combines lexical measures fitted on
//! news paraphrases; `compare` scores each pair whole and by its claim windows
//! (see `clause`), so a sentence that adds a claim or wraps one in attribution
//! still meets the sentence that states it alone. Grouping is average-link over
//! cross-outlet pairs with one sentence per outlet in a group, so one long
//! sentence cannot chain unrelated claims together. Claims partition the sentences: a sentence sits in exactly
//! one claim, most of them alone.

mod candidates;
mod clause;
mod cluster;
mod lexicon;
mod score;

use crate::model::{Claim, Sentence};
use crate::text::stable_id;

pub use cluster::{StoryCluster, cluster_articles, split_story};
pub use score::{DEFAULT_THRESHOLD, FEATURE_NAMES, FEATURES, Features, Scorer, WEIGHTS, combine};

/// Thresholds for grouping.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlignConfig {
    /// Score at which two sentences state the same claim (also used by `pairs`).
    pub threshold: f64,
    /// A folder story with at least this many articles is first split into
    /// stories by `cluster_articles` (corpus mode).
    pub cluster_min_articles: usize,
}

impl Default for AlignConfig {
    fn default() -> Self {
        Self {
            threshold: DEFAULT_THRESHOLD,
            cluster_min_articles: 50,
        }
    }
}

/// Groups the sentences of one story. `outlet_of[i]` names the outlet of sentence `i`.
///
/// Method: every cross-outlet pair whose claim score (`Scorer::claim_score`)
/// is at or above the threshold is a candidate,
/// strongest first. Two groups merge when they share no outlet (a group holds
/// at most one sentence per outlet) and the mean score over all their
/// cross pairs still reaches the threshold (average link). A sentence therefore
/// belongs to exactly one group; a long sentence that weakly matches two claims
/// cannot pull them together because the other members pull the mean down.
pub fn group(sentences: &[Sentence], outlet_of: &[&str], config: &AlignConfig) -> Vec<Claim> {
    let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
    let (scorer, features) = Scorer::prepared(&texts);
    let n = sentences.len();
    let outlet = outlet_ids(outlet_of);
    let keys: Vec<&[(u64, f64)]> = features.iter().map(Features::weighted_keys).collect();
    let scored = candidates::edges(
        &outlet,
        &keys,
        |i, j, shared| scorer.claim_score_sharing(&features[i], &features[j], shared),
        config.threshold,
    );
    // The mean link reads the scores the candidate stage computed; a pair it
    // never looked at (in a blocked story) is scored now.
    let score = |i: usize, j: usize| match scored.known.get(&(i as u32, j as u32)) {
        Some(&s) => s,
        None if scored.complete => 0.0,
        None => scorer.claim_score(&features[i], &features[j]),
    };
    let mut cluster_of: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    for &(_, i, j) in &scored.edges {
        let (ci, cj) = (cluster_of[i], cluster_of[j]);
        if ci == cj {
            continue;
        }
        let shares_outlet = members[ci]
            .iter()
            .any(|&x| members[cj].iter().any(|&y| outlet_of[x] == outlet_of[y]));
        if shares_outlet {
            continue;
        }
        // Summed in a fixed order (members are in merge order), so no thread effect.
        let (mut sum, mut count) = (0.0, 0.0);
        for &x in &members[ci] {
            for &y in &members[cj] {
                sum += score(x.min(y), x.max(y));
                count += 1.0;
            }
        }
        if sum / count < config.threshold {
            continue;
        }
        let moved = std::mem::take(&mut members[cj]);
        for &m in &moved {
            cluster_of[m] = ci;
        }
        members[ci].extend(moved);
    }
    let mut claims: Vec<Claim> = members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|m| claim_of(m, sentences, outlet_of))
        .collect();
    claims.sort_by_key(|c| c.members[0]);
    claims
}

/// Outlet names as small numbers, for cheap comparisons in the pair loop.
fn outlet_ids(outlet_of: &[&str]) -> Vec<u32> {
    let mut ids: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    outlet_of
        .iter()
        .map(|o| {
            let next = ids.len() as u32;
            *ids.entry(o).or_insert(next)
        })
        .collect()
}

fn claim_of(mut m: Vec<usize>, sentences: &[Sentence], outlet_of: &[&str]) -> Claim {
    m.sort_unstable();
    let mut outlets: Vec<&str> = m.iter().map(|&i| outlet_of[i]).collect();
    outlets.sort_unstable();
    outlets.dedup();
    let mut keys: Vec<String> = m
        .iter()
        .map(|&i| format!("{}\u{1f}{}", outlet_of[i], sentences[i].text))
        .collect();
    keys.sort_unstable();
    Claim {
        id: stable_id("c", keys.iter().map(String::as_str)),
        members: m,
        outlets: outlets.len(),
    }
}

#[cfg(test)]
mod tests;
