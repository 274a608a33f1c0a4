//! Alignment: groups sentences from different outlets that state the same claim.
//!
//! Scoring masks numbers (outlets round and update figures; the compare stage
//! looks at them) and weights words by their rarity in the story. Grouping is
//! complete-link over scored candidate pairs, so one long sentence cannot chain
//! unrelated claims together. Claims partition the sentences: a sentence sits in
//! exactly one claim, most of them alone.

mod score;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::model::{Claim, Sentence};
use crate::text::stable_id;

pub use score::{Features, Scorer};

/// Thresholds for grouping.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlignConfig {
    /// Score at which two sentences state the same claim.
    pub threshold: f64,
}

impl Default for AlignConfig {
    fn default() -> Self {
        Self { threshold: 0.5 }
    }
}

/// Groups the sentences of one story. `outlet_of[i]` names the outlet of sentence `i`.
pub fn group(sentences: &[Sentence], outlet_of: &[&str], config: &AlignConfig) -> Vec<Claim> {
    let scorer = Scorer::new(sentences.iter().map(|s| s.text.as_str()));
    let features: Vec<Features> = sentences
        .par_iter()
        .map(|s| scorer.features(&s.text))
        .collect();
    let n = sentences.len();
    let mut edges: Vec<(f64, usize, usize)> = (0..n)
        .into_par_iter()
        .flat_map_iter(|i| {
            let (features, scorer) = (&features, &scorer);
            ((i + 1)..n)
                .filter(move |&j| sentences[i].article != sentences[j].article)
                .map(move |j| (scorer.score(&features[i], &features[j]), i, j))
                .filter(|&(score, _, _)| score >= config.threshold)
        })
        .collect();
    // Highest score first; ties by position, so the result never depends on threads.
    edges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let linked: FxHashMap<(usize, usize), f64> =
        edges.iter().map(|&(s, i, j)| ((i, j), s)).collect();
    let mut cluster_of: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    for &(_, i, j) in &edges {
        let (ci, cj) = (cluster_of[i], cluster_of[j]);
        if ci == cj {
            continue;
        }
        let complete = members[ci].iter().all(|&x| {
            members[cj].iter().all(|&y| {
                let key = (x.min(y), x.max(y));
                sentences[x].article != sentences[y].article && linked.contains_key(&key)
            })
        });
        if !complete {
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
        .map(|mut m| {
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
        })
        .collect();
    claims.sort_by_key(|c| c.members[0]);
    claims
}
