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

use super::score::shared_weight_of;

/// Up to this many sentences, every cross-outlet pair is scored.
pub const ALL_PAIRS_LIMIT: usize = 4000;
/// In a blocked story, a sentence keeps at most this many edges to later ones.
const EDGES_PER_SENTENCE: usize = 16;

/// An edge: the pair's score, the two sentences (first < second), and what
/// the scorer said of the pair besides its score.
pub type Edge<P> = (f64, usize, usize, P);

/// The content keys of one sentence: hash and rarity weight, sorted by hash.
pub type Keys<'a> = &'a [(u64, f64)];

/// What the candidate stage found.
#[derive(Debug, Default)]
pub struct Scored<P> {
    /// The cross-outlet pairs scoring at least the threshold, highest first,
    /// ties by position, so the order never depends on threads.
    pub edges: Vec<Edge<P>>,
    /// Every score above zero that was computed, by pair (first < second),
    /// with the part of it the caller's `lexical` reads off its edge.
    pub known: FxHashMap<(u32, u32), (f64, f64)>,
    /// Whether every cross-outlet pair missing from `known` scores zero (all
    /// pairs were looked at); otherwise a missing pair was never scored.
    pub complete: bool,
}

/// Scores the candidate pairs of one story. `score(i, j, shared)` scores a
/// pair given the weight of the keys it shares, with what else the caller
/// wants kept of an edge; a pair that shares no key scores zero and is never
/// asked.
pub fn edges<S, P>(
    outlet: &[u32],
    keys: &[Keys],
    score: S,
    threshold: f64,
    lexical: impl Fn(&P) -> f64,
) -> Scored<P>
where
    S: Fn(usize, usize, f64) -> (f64, P) + Sync,
    P: Send,
{
    let n = outlet.len();
    let complete = n <= ALL_PAIRS_LIMIT;
    let scored: Vec<Edge<P>> = if complete {
        all_pairs(outlet, keys, &score)
    } else {
        blocked(outlet, keys, &score, threshold)
    };
    let known = scored
        .iter()
        .map(|(s, i, j, p)| ((*i as u32, *j as u32), (*s, lexical(p))))
        .collect();
    let mut edges: Vec<Edge<P>> = scored.into_iter().filter(|e| e.0 >= threshold).collect();
    edges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    Scored {
        edges,
        known,
        complete,
    }
}

/// Every cross-outlet pair that shares a key, scored; zeros left out. The
/// shared weight of each sentence with all later ones is summed through an
/// inverted index, in the sentence's own key order, so it equals the pairwise
/// merge exactly while costing only the postings it touches.
fn all_pairs<S, P>(outlet: &[u32], keys: &[Keys], score: &S) -> Vec<Edge<P>>
where
    S: Fn(usize, usize, f64) -> (f64, P) + Sync,
    P: Send,
{
    let n = outlet.len();
    let postings = postings(keys, |_| true);
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0.0f64; n], Vec::new()),
            |(shared, touched), i| {
                for &(key, weight) in keys[i] {
                    let list = &postings[&key];
                    let later = list.partition_point(|&j| j as usize <= i);
                    for &j in &list[later..] {
                        let j = j as usize;
                        if outlet[j] == outlet[i] {
                            continue;
                        }
                        if shared[j] == 0.0 {
                            touched.push(j);
                        }
                        shared[j] += weight;
                    }
                }
                touched.sort_unstable();
                let scored: Vec<Edge<P>> = touched
                    .iter()
                    .map(|&j| {
                        let (s, part) = score(i, j, shared[j]);
                        (s, i, j, part)
                    })
                    .filter(|e| e.0 > 0.0)
                    .collect();
                for &j in touched.iter() {
                    shared[j] = 0.0;
                }
                touched.clear();
                scored
            },
        )
        .flatten_iter()
        .collect()
}

/// The sentences that have each key, in order, for keys that `keep` accepts
/// by their number of sentences.
fn postings(keys: &[Keys], keep: impl Fn(usize) -> bool) -> FxHashMap<u64, Vec<u32>> {
    let mut postings: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for (i, k) in keys.iter().enumerate() {
        for &(key, _) in k.iter() {
            postings.entry(key).or_default().push(i as u32);
        }
    }
    postings.retain(|_, list| keep(list.len()));
    postings
}

/// Pairs that share a key found in at most `max_df` sentences; each sentence
/// keeps its `EDGES_PER_SENTENCE` best edges to later sentences.
fn blocked<S, P>(outlet: &[u32], keys: &[Keys], score: &S, threshold: f64) -> Vec<Edge<P>>
where
    S: Fn(usize, usize, f64) -> (f64, P) + Sync,
    P: Send,
{
    let n = outlet.len();
    let max_df = ((n as f64).sqrt() as usize).max(16);
    let postings = postings(keys, |df| df <= max_df);
    (0..n)
        .into_par_iter()
        .flat_map_iter(|i| {
            let mut later: Vec<usize> = keys[i]
                .iter()
                .filter_map(|(key, _)| postings.get(key))
                .flatten()
                .map(|&j| j as usize)
                .filter(|&j| j > i && outlet[j] != outlet[i])
                .collect();
            later.sort_unstable();
            later.dedup();
            let mut best: Vec<Edge<P>> = later
                .into_iter()
                .map(|j| {
                    let (s, part) = score(i, j, shared_weight_of(keys[i], keys[j]));
                    (s, i, j, part)
                })
                .filter(|e| e.0 >= threshold)
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
        let k: &[(u64, f64)] = &[(7, 1.0)];
        let e = edges(
            &outlet,
            &[k, k, k],
            |i, j, _| (1.0, i * 10 + j),
            0.5,
            |_| 0.0,
        );
        assert_eq!(e.edges, vec![(1.0, 0, 2, 2), (1.0, 1, 2, 12)]);
        assert!(e.complete);
    }

    #[test]
    fn large_stories_score_only_pairs_sharing_a_rare_key() {
        let n = ALL_PAIRS_LIMIT + 10;
        let outlet: Vec<u32> = (0..n).map(|i| (i % 2) as u32).collect();
        // Every sentence shares key 1; only sentences 0 and 1 share key 7.
        let keys: Vec<Vec<(u64, f64)>> = (0..n)
            .map(|i| {
                if i < 2 {
                    vec![(1, 1.0), (7, 1.0)]
                } else {
                    vec![(1, 1.0)]
                }
            })
            .collect();
        let keys: Vec<Keys> = keys.iter().map(Vec::as_slice).collect();
        let scored = std::sync::atomic::AtomicUsize::new(0);
        let e = edges(
            &outlet,
            &keys,
            |_, _, _| {
                scored.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                (1.0, ())
            },
            0.5,
            |_| 0.0,
        );
        assert_eq!(e.edges, vec![(1.0, 0, 1, ())]);
        assert!(!e.complete);
        assert_eq!(scored.into_inner(), 1);
    }
}
