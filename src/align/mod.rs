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
mod lcs;
mod lexicon;
mod score;

use crate::model::{Claim, Sentence};
use crate::quantity::{Kind, Quantity};
use crate::text::stable_id;

pub use cluster::{StoryCluster, cluster_articles, split_story};
pub use score::{DEFAULT_THRESHOLD, FEATURE_NAMES, FEATURES, Features, Scorer, WEIGHTS, combine};

/// What a shared figure adds to a pair's score when `compare` groups claims
/// (never in `pairs`): two sentences of one story that state the same figure
/// (see `shares_figure`) and share a good part of their words are one claim
/// even when reworded past what the lexical model accepts.
const FIGURE_BONUS: f64 = 0.7;
/// The rarity-weighted containment (of the smaller sentence) a pair needs
/// before a shared figure counts: a figure alone ("seven days") is no claim.
const FIGURE_CONTAINMENT: f64 = 0.3;
/// Two figures agree when they are this close (share of the larger): outlets round.
const FIGURE_TOLERANCE: f64 = 0.06;
/// Counts from this size up agree whatever noun they count ("750 arrests",
/// "748 people"); smaller counts coincide too often and need the same unit.
const FIGURE_DISTINCT_COUNT: f64 = 20.0;
/// The mean score over all cross pairs two groups need to merge (average
/// link), once one of their pairs reaches the threshold. Lower than the
/// threshold: with one sentence per outlet a group cannot chain claims, and
/// the outlets that reword most would otherwise drag a true group's mean down.
const LINK_MEAN: f64 = 0.2;

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

/// Groups the sentences of one story. `outlet_of[i]` names the outlet of
/// sentence `i`, `quantities[i]` are the quantities found in it.
///
/// Method: every cross-outlet pair whose claim score (`Scorer::claim_score`)
/// is at or above the threshold is a candidate, strongest first. Two groups
/// merge when they share no outlet (a group holds at most one sentence per
/// outlet) and the mean score over all their cross pairs reaches `LINK_MEAN`
/// (average link). A sentence therefore belongs to exactly one group; a long
/// sentence that weakly matches two claims cannot pull them together because
/// the other members pull the mean down.
///
/// Evidence beyond the pair score: a pair that states the same figure and
/// whose smaller sentence's rare words are at least `FIGURE_CONTAINMENT` in
/// the other scores `FIGURE_BONUS` more, in the candidate list and in the
/// average link alike.
pub fn group(
    sentences: &[Sentence],
    quantities: &[Vec<Quantity>],
    outlet_of: &[&str],
    config: &AlignConfig,
) -> Vec<Claim> {
    let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
    let (scorer, features) = Scorer::prepared(&texts);
    let n = sentences.len();
    let outlet = outlet_ids(outlet_of);
    let figures: Vec<Vec<&Quantity>> = (0..n)
        .map(|i| {
            let qs = quantities.get(i).map_or(&[][..], Vec::as_slice);
            qs.iter().filter(|q| q.kind.is_figure()).collect()
        })
        .collect();
    let claim_score = |i: usize, j: usize, shared: f64| {
        let (a, b) = (&features[i], &features[j]);
        let s = scorer.claim_score_sharing(a, b, shared);
        if shares_figure(&figures[i], &figures[j])
            && score::gate(a, b, shared).1 >= FIGURE_CONTAINMENT
        {
            (s + FIGURE_BONUS).min(1.0)
        } else {
            s
        }
    };
    let keys: Vec<&[(u64, f64)]> = features.iter().map(Features::weighted_keys).collect();
    let scored = candidates::edges(&outlet, &keys, claim_score, config.threshold);
    // The mean link reads the scores the candidate stage computed; a pair it
    // never looked at (in a blocked story) is scored now.
    let score = |i: usize, j: usize| match scored.known.get(&(i as u32, j as u32)) {
        Some(&s) => s,
        None if scored.complete => 0.0,
        None => claim_score(i, j, score::shared_weight(&features[i], &features[j])),
    };
    let link_mean = LINK_MEAN.min(config.threshold);
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
        if sum / count < link_mean {
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

/// Whether two sentences state one figure: same kind, the same unit (or
/// counts of at least `FIGURE_DISTINCT_COUNT`, whatever they count), values
/// within `FIGURE_TOLERANCE`. Years, dates, times and ordinals are no figures.
fn shares_figure(a: &[&Quantity], b: &[&Quantity]) -> bool {
    a.iter().any(|x| {
        b.iter().any(|y| {
            let scale = x.value.abs().max(y.value.abs());
            let large = x.value.abs().min(y.value.abs()) >= FIGURE_DISTINCT_COUNT;
            x.kind == y.kind
                && (x.unit == y.unit || x.kind == Kind::Count && large)
                && (x.value - y.value).abs() <= FIGURE_TOLERANCE * scale
        })
    })
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
