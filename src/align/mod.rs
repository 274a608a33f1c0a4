//! Alignment: groups sentences from different outlets that state the same claim.
//!
//! Scoring (see `score`) masks numbers and combines lexical measures fitted on
//! news paraphrases; `compare` scores each pair whole and by its claim windows
//! (see `clause`), so a sentence that adds a claim or wraps one in attribution
//! still meets the sentence that states it alone. Grouping is average-link over
//! cross-outlet pairs with one sentence per outlet in a group, so one long
//! sentence cannot chain unrelated claims together. Most sentences sit in one
//! claim (most of them alone); a sentence that states two claims, through
//! parts of it that do not overlap, sits in two.

mod candidates;
mod clause;
mod cluster;
mod lcs;
mod lexicon;
mod score;
pub mod thesaurus;

use std::sync::OnceLock;

use crate::model::{Claim, Sentence};
use crate::quantity::{Hedge, Kind, Quantity};
use crate::text::stable_id;

pub use cluster::{StoryCluster, cluster_articles, split_story};
pub use score::{
    ClaimMatch, DEFAULT_THRESHOLD, FEATURE_NAMES, FEATURES, Features, Ranges, Scorer, WEIGHTS,
    combine, shared_weight_of,
};

/// What a shared figure adds to a pair's score when `compare` groups claims
/// (never in `pairs`): two sentences of one story that state the same figure
/// (see `same_figure`) and share a good part of their words are one claim
/// even when reworded past what the lexical model accepts.
const FIGURE_BONUS: f64 = 0.7;
/// The rarity-weighted containment (of the smaller sentence) a pair needs
/// before a shared figure counts. The pair must also share a word outside
/// their figures: a figure alone ("a ten-day pause", "a ten-day period")
/// is no claim.
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
/// (average link); a long sentence that weakly matches two claims cannot pull
/// them together because the other members pull the mean down.
///
/// Two claims in one sentence: each grouped sentence remembers the part of it
/// (a claim window, the whole sentence, or a figure) that its first pair stood
/// on. A later candidate pair that stands on a part of the sentence that does
/// not overlap that one joins the sentence to the other group as well, once,
/// instead of merging the groups. So a sentence sits in at most two claims.
///
/// Evidence beyond the pair score: a pair that states the same figure, whose
/// smaller sentence's rare words are at least `FIGURE_CONTAINMENT` in the
/// other and that shares a word outside the figures, scores `FIGURE_BONUS`
/// more, in the candidate list and in the average link alike.
pub fn group(
    sentences: &[Sentence],
    quantities: &[Vec<Quantity>],
    outlet_of: &[&str],
    config: &AlignConfig,
) -> Vec<Claim> {
    group_with(sentences, quantities, outlet_of, config).claims
}

/// The claims of a story, with what scored them: the scorer (word rarity
/// learned from the story) and each sentence's prepared features, which
/// `compare` reads again to score the sentences of two figures.
pub struct Grouping {
    pub claims: Vec<Claim>,
    /// The lexical claim score of every pair grouping scored above zero (no
    /// shared-figure bonus), by pair (first < second).
    lexical: rustc_hash::FxHashMap<(u32, u32), f64>,
    /// Whether every cross-outlet pair missing from `lexical` scores zero.
    complete: bool,
    pub scorer: Scorer,
    pub features: Vec<Features>,
}

impl Grouping {
    /// The lexical claim score of two sentences of different outlets of the
    /// story (whole or by their best claim windows), without the
    /// shared-figure bonus: as grouping scored it, or scored now when a
    /// blocked story never looked at the pair.
    pub fn sentence_score(&self, i: usize, j: usize) -> f64 {
        let (x, y) = (i.min(j), i.max(j));
        match self.lexical.get(&(x as u32, y as u32)) {
            Some(&s) => s,
            None if self.complete => 0.0,
            None => self
                .scorer
                .claim_score(&self.features[x], &self.features[y]),
        }
    }

    /// The content keys of a text with the story's rarity weights, sorted by
    /// hash, and their total weight.
    pub fn weighted_keys_of(&self, text: &str) -> (Vec<(u64, f64)>, f64) {
        self.scorer.weighted_keys_of(text)
    }
}

/// `group`, keeping the scorer and the sentences' features (see `Grouping`).
pub fn group_with(
    sentences: &[Sentence],
    quantities: &[Vec<Quantity>],
    outlet_of: &[&str],
    config: &AlignConfig,
) -> Grouping {
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
    // The words of each sentence outside its figures: what the containment
    // of a shared figure reads ("ten-day" alone is no shared claim). Read
    // when a pair first needs them: few pairs share a figure.
    let beside: Vec<OnceLock<Vec<(u64, f64)>>> = (0..n).map(|_| OnceLock::new()).collect();
    let beside_of = |i: usize| {
        beside[i].get_or_init(|| match figures[i].as_slice() {
            [] => Vec::new(),
            figs => scorer.weighted_keys_of(&without_figures(texts[i], figs)).0,
        })
    };
    let figure_bonus = |i: usize, j: usize, shared: f64| -> Option<FigurePair> {
        let pair = shared_figure(&figures[i], &figures[j])?;
        if score::gate(&features[i], &features[j], shared).1 < FIGURE_CONTAINMENT {
            return None;
        }
        (score::shared_weight_of(beside_of(i), beside_of(j)) > 0.0).then_some(pair)
    };
    // A pair's claim score, and the part of each sentence that the score
    // stands on: the best pair of claim windows when it reaches the
    // threshold, else the sentences whole, or the shared figure when only the
    // figure bonus carried the pair.
    let claim_score = |i: usize, j: usize, shared: f64| -> (f64, (Ranges, f64)) {
        let m = scorer.claim_match(&features[i], &features[j], shared);
        let figure = figure_bonus(i, j, shared);
        let score = m.whole.max(m.window);
        let score = if figure.is_some() {
            (score + FIGURE_BONUS).min(1.0)
        } else {
            score
        };
        let whole = ((0, texts[i].len()), (0, texts[j].len()));
        let parts = if m.window >= config.threshold {
            m.windows
        } else if m.whole >= config.threshold {
            whole
        } else {
            figure.map_or(whole, |f| (f.a, f.b))
        };
        (score, (parts, m.whole.max(m.window)))
    };
    let keys: Vec<&[(u64, f64)]> = features.iter().map(Features::weighted_keys).collect();
    let scored = candidates::edges(&outlet, &keys, claim_score, config.threshold, |p| p.1);
    // The mean link reads the scores the candidate stage computed; a pair it
    // never looked at (in a blocked story) is scored now.
    let score = |x: usize, y: usize| {
        let (i, j) = (x.min(y), x.max(y));
        match scored.known.get(&(i as u32, j as u32)) {
            Some(&(s, _)) => s,
            None if scored.complete => 0.0,
            None => claim_score(i, j, score::shared_weight(&features[i], &features[j])).0,
        }
    };
    let link_mean = LINK_MEAN.min(config.threshold);
    let mut groups = Groups::new(&outlet);
    for &(_, i, j, ((pi, pj), _)) in &scored.edges {
        let (ci, cj) = (groups.first[i], groups.first[j]);
        if ci == cj || groups.second[i] == Some(cj) || groups.second[j] == Some(ci) {
            continue;
        }
        // A sentence already in a claim that meets another claim through a
        // part of it that does not overlap the part its claim stands on
        // states two claims: it joins the other claim too (once), and the
        // two claims stay apart.
        if groups.part[i].is_some() || groups.part[j].is_some() {
            let second = [(i, pi, cj), (j, pj, ci)].into_iter().find(|&(x, p, _)| {
                groups.second[x].is_none() && groups.part[x].is_some_and(|a| disjoint(a, p))
            });
            if let Some((x, _, other)) = second {
                if !groups.has_outlet(other, outlet[x])
                    && mean(&groups.members[other], &[x], &score) >= link_mean
                {
                    groups.second[x] = Some(other);
                    groups.members[other].push(x);
                }
                continue;
            }
        }
        let shares_outlet = groups.members[ci]
            .iter()
            .any(|&x| groups.has_outlet(cj, outlet[x]));
        if shares_outlet || mean(&groups.members[ci], &groups.members[cj], &score) < link_mean {
            continue;
        }
        groups.part[i].get_or_insert(pi);
        groups.part[j].get_or_insert(pj);
        groups.merge(ci, cj);
    }
    let mut claims: Vec<Claim> = groups
        .members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|m| claim_of(m, sentences, outlet_of))
        .collect();
    claims.sort_by_key(|c| c.members[0]);
    let lexical = scored
        .known
        .iter()
        .map(|(&pair, &(_, lexical))| (pair, lexical))
        .collect();
    Grouping {
        claims,
        lexical,
        complete: scored.complete,
        scorer,
        features,
    }
}

/// The claims being built: each sentence's first claim and, when it states
/// two, its second; the members of each claim, in merge order; and the part
/// of each grouped sentence (bytes) that its first claim stands on.
struct Groups<'o> {
    outlet: &'o [u32],
    first: Vec<usize>,
    second: Vec<Option<usize>>,
    members: Vec<Vec<usize>>,
    part: Vec<Option<(usize, usize)>>,
}

impl<'o> Groups<'o> {
    fn new(outlet: &'o [u32]) -> Self {
        let n = outlet.len();
        Self {
            outlet,
            first: (0..n).collect(),
            second: vec![None; n],
            members: (0..n).map(|i| vec![i]).collect(),
            part: vec![None; n],
        }
    }

    fn has_outlet(&self, group: usize, outlet: u32) -> bool {
        self.members[group]
            .iter()
            .any(|&y| self.outlet[y] == outlet)
    }

    /// Moves the members of `from` into `to`.
    fn merge(&mut self, to: usize, from: usize) {
        let moved = std::mem::take(&mut self.members[from]);
        for &m in &moved {
            if self.first[m] == from {
                self.first[m] = to;
            } else {
                self.second[m] = Some(to);
            }
        }
        self.members[to].extend(moved);
    }
}

/// The mean score over all pairs of `a` and `b`, summed in a fixed order
/// (members are in merge order), so no thread effect.
fn mean(a: &[usize], b: &[usize], score: &impl Fn(usize, usize) -> f64) -> f64 {
    let (mut sum, mut count) = (0.0, 0.0);
    for &x in a {
        for &y in b {
            sum += score(x, y);
            count += 1.0;
        }
    }
    sum / count
}

fn disjoint(a: (usize, usize), b: (usize, usize)) -> bool {
    a.1 <= b.0 || b.1 <= a.0
}

/// The text with its figures (number and unit, not the hedge: "an
/// estimated" is wording of the claim) blanked out.
fn without_figures(text: &str, figures: &[&Quantity]) -> String {
    let mut out = text.to_owned();
    for q in figures {
        let Some(span) = text.get(q.start..q.end) else {
            continue;
        };
        let (mut start, mut end) = (q.start, q.end);
        if let Some(hedge) = &q.hedge_words {
            let lower = span.to_lowercase();
            if lower.len() == span.len() && lower.starts_with(hedge.as_str()) {
                start += hedge.len();
            } else if lower.len() == span.len() && lower.ends_with(hedge.as_str()) {
                end -= hedge.len();
            }
        }
        if start < end && out.is_char_boundary(start) && out.is_char_boundary(end) {
            out.replace_range(start..end, &" ".repeat(end - start));
        }
    }
    out
}

/// The spans (bytes) of the figure two sentences share, in each.
struct FigurePair {
    a: (usize, usize),
    b: (usize, usize),
}

/// The first figure two sentences share (see `same_figure`).
fn shared_figure(a: &[&Quantity], b: &[&Quantity]) -> Option<FigurePair> {
    a.iter().find_map(|x| {
        b.iter().find(|y| same_figure(x, y)).map(|y| FigurePair {
            a: (x.start, x.end),
            b: (y.start, y.end),
        })
    })
}

/// Whether two figures state one value: same kind, the same unit (or counts
/// of at least `FIGURE_DISTINCT_COUNT`, whatever they count), values within
/// `FIGURE_TOLERANCE`. A bound or a vague amount ("more than 400", "hundreds")
/// also agrees with a figure of the same measure (unit, event and scope) inside
/// its interval. Years, dates, times and ordinals are no figures.
fn same_figure(x: &Quantity, y: &Quantity) -> bool {
    if x.kind != y.kind {
        return false;
    }
    let scale = x.value.abs().max(y.value.abs());
    let large = x.value.abs().min(y.value.abs()) >= FIGURE_DISTINCT_COUNT;
    if (x.value - y.value).abs() <= FIGURE_TOLERANCE * scale
        && (x.unit == y.unit || x.kind == Kind::Count && large)
    {
        return true;
    }
    // An open side is closed at the stated figure: "more than 400" meets
    // "hundreds", "as many as 50,000" does not meet 43,000.
    let open = |q: &Quantity| {
        matches!(
            q.hedge,
            Hedge::LowerBound | Hedge::UpperBound | Hedge::Vague
        )
    };
    let interval = |q: &Quantity| {
        if open(q) {
            (q.low.unwrap_or(q.value), q.high.unwrap_or(q.value))
        } else {
            let slack = FIGURE_TOLERANCE * q.value.abs();
            (q.value - slack, q.value + slack)
        }
    };
    let ((lx, hx), (ly, hy)) = (interval(x), interval(y));
    (open(x) || open(y))
        && x.event.is_some()
        && (&x.unit, &x.event, &x.scope) == (&y.unit, &y.event, &y.scope)
        && lx <= hy
        && ly <= hx
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
