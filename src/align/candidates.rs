//! Which sentence pairs of a story are scored. A story of a few outlets has a
//! few hundred sentences, and all its cross-outlet pairs are cheap; but one
//! folder can hold a transcript of 100,000 sentences, or two outlets of
//! templated lines that all look alike, and all pairs would then be quadratic
//! in time and, through the edges kept, in memory.
//!
//! Large stories are blocked: only sentences that share a rare content word
//! (in few sentences of the story) are scored, and each sentence keeps only
//! its best few edges. Small stories are scored exactly, all pairs.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Up to this many sentences, every cross-outlet pair is scored.
pub const ALL_PAIRS_LIMIT: usize = 4000;
/// In a blocked story, a sentence keeps at most this many edges to later ones.
const EDGES_PER_SENTENCE: usize = 16;

/// An edge: the pair's score, then the two sentences (first < second).
pub type Edge = (f64, usize, usize);

/// The cross-outlet pairs scoring at least `threshold`, highest first, ties by
/// position, so the order never depends on threads.
/// `keys[i]` are the content-key hashes of sentence `i`; only large stories read them.
pub fn edges<S>(outlet: &[u32], keys: &[Vec<u64>], score: S, threshold: f64) -> Vec<Edge>
where
    S: Fn(usize, usize) -> f64 + Sync,
{
    let n = outlet.len();
    let mut edges: Vec<Edge> = if n <= ALL_PAIRS_LIMIT {
        (0..n)
            .into_par_iter()
            .flat_map_iter(|i| {
                ((i + 1)..n)
                    .filter(move |&j| outlet[i] != outlet[j])
                    .map(|j| (score(i, j), i, j))
                    .filter(|&(s, _, _)| s >= threshold)
                    .collect::<Vec<_>>()
            })
            .collect()
    } else {
        blocked(outlet, keys, &score, threshold)
    };
    edges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    edges
}

/// Pairs that share a key found in at most `max_df` sentences; each sentence
/// keeps its `EDGES_PER_SENTENCE` best edges to later sentences.
fn blocked<S>(outlet: &[u32], keys: &[Vec<u64>], score: &S, threshold: f64) -> Vec<Edge>
where
    S: Fn(usize, usize) -> f64 + Sync,
{
    let n = outlet.len();
    let max_df = ((n as f64).sqrt() as usize).max(16);
    let mut postings: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for (i, k) in keys.iter().enumerate() {
        for &key in k {
            postings.entry(key).or_default().push(i as u32);
        }
    }
    postings.retain(|_, list| list.len() <= max_df);
    (0..n)
        .into_par_iter()
        .flat_map_iter(|i| {
            let mut later: Vec<usize> = keys[i]
                .iter()
                .filter_map(|key| postings.get(key))
                .flatten()
                .map(|&j| j as usize)
                .filter(|&j| j > i && outlet[j] != outlet[i])
                .collect();
            later.sort_unstable();
            later.dedup();
            let mut best: Vec<Edge> = later
                .into_iter()
                .map(|j| (score(i, j), i, j))
                .filter(|&(s, _, _)| s >= threshold)
                .collect();
            best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
            best.truncate(EDGES_PER_SENTENCE);
            best
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_stories_score_every_cross_outlet_pair() {
        let outlet = [0, 0, 1];
        let e = edges(&outlet, &[], |_, _| 1.0, 0.5);
        assert_eq!(e, vec![(1.0, 0, 2), (1.0, 1, 2)]);
    }

    #[test]
    fn large_stories_score_only_pairs_sharing_a_rare_key() {
        let n = ALL_PAIRS_LIMIT + 10;
        let outlet: Vec<u32> = (0..n).map(|i| (i % 2) as u32).collect();
        // Every sentence shares key 1; only sentences 0 and 1 share key 7.
        let keys: Vec<Vec<u64>> = (0..n)
            .map(|i| if i < 2 { vec![1, 7] } else { vec![1] })
            .collect();
        let scored = std::sync::atomic::AtomicUsize::new(0);
        let e = edges(
            &outlet,
            &keys,
            |_, _| {
                scored.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                1.0
            },
            0.5,
        );
        assert_eq!(e, vec![(1.0, 0, 1)]);
        assert_eq!(scored.into_inner(), 1);
    }
}
