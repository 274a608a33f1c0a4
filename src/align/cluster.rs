//! Corpus mode: splits a folder of many articles with no story labels into
//! stories, so that sentences are only ever compared within a story.
//!
//! Blocking, not all pairs: an inverted index over each article's rare content
//! words (those in only a few articles) proposes candidate pairs; only those are
//! scored (rarity-weighted cosine), and pairs above a threshold are joined with
//! union-find. Memory grows with the candidates, not with the square of articles.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::AlignConfig;
use super::lexicon::{content_key, tokenize};
use crate::model::Story;
use crate::text::stable_id;

/// Two articles whose weighted cosine reaches this tell the same story.
const LINK_THRESHOLD: f64 = 0.3;

/// Articles grouped into one story: indices into the input, ascending.
pub type StoryCluster = Vec<usize>;

/// Splits a story with many articles into stories; smaller ones pass through.
/// Sub-stories are named after the folder plus an id from their members' sources.
pub fn split_story(story: Story, config: &AlignConfig) -> Vec<Story> {
    if story.articles.len() < config.cluster_min_articles.max(2) {
        return vec![story];
    }
    let texts: Vec<&str> = story.articles.iter().map(|a| a.text.as_str()).collect();
    let clusters = cluster_articles(&texts);
    let mut slots: Vec<Option<crate::model::Article>> =
        story.articles.into_iter().map(Some).collect();
    let mut stories: Vec<Story> = clusters
        .into_iter()
        .map(|members| {
            let articles: Vec<_> = members.iter().filter_map(|&i| slots[i].take()).collect();
            let id = stable_id("s", articles.iter().map(|a| a.source.as_str()));
            Story {
                name: format!("{}/{id}", story.name),
                articles,
            }
        })
        .collect();
    stories.sort_by(|a, b| a.name.cmp(&b.name));
    stories
}

/// Groups article texts into stories; every article lands in exactly one cluster.
/// Clusters are sorted by their first member.
pub fn cluster_articles(texts: &[&str]) -> Vec<StoryCluster> {
    let n = texts.len();
    // Keys as small numbers, so that comparing two articles is a merge of two
    // sorted integer lists, not string compares.
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let keys: Vec<Vec<u32>> = texts
        .iter()
        .map(|t| {
            let mut k: Vec<u32> = tokenize(t)
                .words()
                .filter(|w| w.len() > 2 && *w != "#")
                .filter_map(|w| content_key(w))
                .map(|key| match ids.get(key) {
                    Some(&id) => id,
                    None => {
                        let next = ids.len() as u32;
                        ids.insert(key.to_owned(), next);
                        next
                    }
                })
                .collect();
            k.sort_unstable();
            k.dedup();
            k
        })
        .collect();
    let mut df = vec![0u32; ids.len()];
    for &k in keys.iter().flatten() {
        df[k as usize] += 1;
    }
    let weight: Vec<f64> = df
        .iter()
        .map(|&d| (n as f64 / f64::from(d.max(1))).ln().powi(2))
        .collect();
    let norms: Vec<f64> = keys
        .iter()
        .map(|k| k.iter().map(|&w| weight[w as usize]).sum::<f64>().sqrt())
        .collect();
    // Only words in at most `max_df` articles index candidates: a story has a
    // handful of outlets, and common words would bring back all pairs.
    let max_df = (n as f64).sqrt().ceil().max(8.0) as u32;
    let mut postings: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for (i, k) in keys.iter().enumerate() {
        for &w in k {
            if (2..=max_df).contains(&df[w as usize]) {
                postings.entry(w).or_default().push(i);
            }
        }
    }
    // Links are found in parallel, in article order, and joined in that order.
    let links: Vec<(usize, usize)> = (0..n)
        .into_par_iter()
        .flat_map_iter(|i| {
            let mut candidates: Vec<usize> = keys[i]
                .iter()
                .filter_map(|w| postings.get(w))
                .flatten()
                .copied()
                .filter(|&j| j > i)
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            let (keys, weight, norms) = (&keys, &weight, &norms);
            candidates.into_iter().filter_map(move |j| {
                let denom = norms[i] * norms[j];
                let cosine = shared_weight(&keys[i], &keys[j], weight) / denom;
                (denom > 0.0 && cosine >= LINK_THRESHOLD).then_some((i, j))
            })
        })
        .collect();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, j) in links {
        union(&mut parent, i, j);
    }
    let mut by_root: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for i in 0..n {
        let r = find(&mut parent, i);
        by_root.entry(r).or_default().push(i);
    }
    let mut clusters: Vec<StoryCluster> = by_root.into_values().collect();
    clusters.sort_by_key(|c| c[0]);
    clusters
}

/// The summed weight of the keys two sorted lists share.
fn shared_weight(a: &[u32], b: &[u32], weight: &[f64]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        match x.cmp(&y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += weight[x as usize];
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    // The smaller index is the root, so roots never depend on visiting order.
    let (lo, hi) = (ra.min(rb), ra.max(rb));
    parent[hi] = lo;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_two_stories_and_keeps_each_together() {
        let texts = [
            "A flood in Tarnwick swept away the Oldbridge dam; rescuers searched the valley.",
            "Rescuers searched the valley after the Oldbridge dam at Tarnwick failed in a flood.",
            "The Quillon council approved a budget for the Marlow stadium renovation.",
            "Quillon councillors voted for the Marlow stadium budget on Tuesday.",
            "Tarnwick residents fled as the Oldbridge dam failed and rescuers searched the valley.",
        ];
        let clusters = cluster_articles(&texts);
        assert_eq!(clusters, vec![vec![0, 1, 4], vec![2, 3]]);
    }

    #[test]
    fn an_article_sharing_nothing_stays_alone() {
        let texts = [
            "Zebra quokka wombat.",
            "Volcano erupts near Ketla.",
            "Ketla volcano erupts.",
        ];
        assert_eq!(cluster_articles(&texts), vec![vec![0], vec![1, 2]]);
    }
}
