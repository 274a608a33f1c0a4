//! Figure comparison: finds figures from different outlets that measure the same
//! thing and do not agree, labels each pair and explains it in one sentence.
//!
//! Figures are compared by measure (kind, unit, counted thing, event, scope), not
//! only inside claim groups, because the same fact is often told in sentences
//! that share few words. A figure that the other outlet also states is never a
//! disagreement, so two measures in one sentence (a 72-hour offer and a ten-day
//! demand) reported alike by both outlets never flag. Rules: README "Comparison rules".

mod attribution;
mod context;
mod measure;
mod noun;
mod verdict;

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Article, Claim, Disagreement, Sentence};
use crate::quantity::Quantity;
use crate::text::stable_id;

pub use attribution::source_of;
use measure::{Figure, Measure, figures};
use verdict::{Side, agree, gap, ratio, severity};

/// Thresholds for comparison.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CompareConfig {
    /// Relative gap between stated figures at and above which a disagreement is major.
    pub major: f64,
    /// Figures further apart than this factor measure different things (another scope).
    pub max_ratio: f64,
}

impl Default for CompareConfig {
    fn default() -> Self {
        Self {
            major: 0.1,
            max_ratio: 4.0,
        }
    }
}

/// Finds the disagreements (and updates) of one story, sorted by severity then position.
pub fn compare(
    articles: &[Article],
    sentences: &[Sentence],
    quantities: &[Vec<Quantity>],
    _claims: &[Claim],
    config: &CompareConfig,
) -> Vec<Disagreement> {
    let all = figures(sentences, quantities);
    // Each article's figures by what they measure: only figures of one measure
    // meet, so the work grows with the figures that could conflict.
    let mut by_article: Vec<BTreeMap<&Measure, Vec<&Figure<'_>>>> =
        vec![BTreeMap::new(); articles.len()];
    for f in &all {
        by_article[f.article].entry(&f.measure).or_default().push(f);
    }
    let mut found: Vec<Disagreement> = Vec::new();
    let mut seen: BTreeSet<(usize, usize, u64, u64, &Measure)> = BTreeSet::new();
    for x in 0..articles.len() {
        for y in x + 1..articles.len() {
            // Counts over a window ("in the last 24 hours") in articles of two dates
            // cover different windows: they are not the same measure.
            let dated_apart =
                matches!((articles[x].date, articles[y].date), (Some(dx), Some(dy)) if dx != dy);
            for (a, b) in conflicting_pairs(&by_article[x], &by_article[y], config) {
                if dated_apart && a.measure.windowed() {
                    continue;
                }
                // One row per pair of values: a figure repeated in an article adds nothing.
                let key = (x, y, a.value.to_bits(), b.value.to_bits(), &a.measure);
                if seen.insert(key) {
                    found.push(disagreement(articles, sentences, a, b, config));
                }
            }
        }
    }
    found.sort_by_key(|d| {
        (
            d.verdict == crate::model::Verdict::Update,
            d.severity,
            d.a,
            d.b,
        )
    });
    found
}

/// Pairs of figures, one from article `x` and one from `y` (each given by
/// measure), that measure the same thing where neither is matched by any figure
/// of the other article. Sorted by position.
fn conflicting_pairs<'f>(
    x: &BTreeMap<&Measure, Vec<&'f Figure<'f>>>,
    y: &BTreeMap<&Measure, Vec<&'f Figure<'f>>>,
    config: &CompareConfig,
) -> Vec<(&'f Figure<'f>, &'f Figure<'f>)> {
    let matched = |f: &Figure<'_>, other: &[&Figure<'_>]| {
        other
            .iter()
            .any(|g| f.same_place(g) && agree(f.point(), g.point(), config.max_ratio))
    };
    let closest = |f: &Figure<'_>, pool: &[&'f Figure<'f>]| -> Option<&'f Figure<'f>> {
        pool.iter()
            .copied()
            .filter(|g| f.same_place(g) && ratio(f.value, g.value) < config.max_ratio)
            .min_by(|g, h| {
                gap(f.value, g.value)
                    .total_cmp(&gap(f.value, h.value))
                    .then(g.at.cmp(&h.at))
            })
    };
    let mut pairs = BTreeMap::new();
    for (measure, xs) in x {
        let Some(ys) = y.get(measure) else {
            continue;
        };
        let open_x: Vec<&Figure<'_>> = xs.iter().copied().filter(|f| !matched(f, ys)).collect();
        let open_y: Vec<&Figure<'_>> = ys.iter().copied().filter(|f| !matched(f, xs)).collect();
        for &a in &open_x {
            if let Some(b) = closest(a, &open_y) {
                pairs.insert((a.at, b.at), (a, b));
            }
        }
        for &b in &open_y {
            if let Some(a) = closest(b, &open_x) {
                pairs.insert((a.at, b.at), (a, b));
            }
        }
    }
    pairs.into_values().collect()
}

fn disagreement(
    articles: &[Article],
    sentences: &[Sentence],
    a: &Figure<'_>,
    b: &Figure<'_>,
    config: &CompareConfig,
) -> Disagreement {
    let relative_difference = gap(a.value, b.value);
    let severity = severity(relative_difference, config.major);
    let (art_a, art_b) = (&articles[a.article], &articles[b.article]);
    let measure = a.measure.describe();
    let side_a = Side {
        value: a.value,
        date: art_a.date,
        source: a.source.as_deref(),
    };
    let side_b = Side {
        value: b.value,
        date: art_b.date,
        source: b.source.as_deref(),
    };
    let (verdict, rule) =
        verdict::verdict(&side_a, &side_b, &a.measure.event, a.measure.windowed());
    let said = |f: &Figure<'_>| match &f.source {
        Some(s) => format!(" (attributed to {s})"),
        None => String::new(),
    };
    let explanation = format!(
        "{} reports \"{}\"{} and {} reports \"{}\"{} for {}: {}; the stated figures are {:.1}% apart, {} ({} {:.0}%).",
        art_a.outlet,
        a.shown,
        said(a),
        art_b.outlet,
        b.shown,
        said(b),
        measure,
        rule,
        relative_difference * 100.0,
        severity.as_str(),
        if severity == crate::model::Severity::Major {
            "at least"
        } else {
            "under"
        },
        config.major * 100.0,
    );
    let id = stable_id(
        "d",
        [
            art_a.outlet.as_str(),
            sentences[a.at.sentence].text.as_str(),
            a.q.text.as_str(),
            art_b.outlet.as_str(),
            sentences[b.at.sentence].text.as_str(),
            b.q.text.as_str(),
        ],
    );
    Disagreement {
        id,
        verdict,
        severity,
        measure,
        a: a.at,
        b: b.at,
        relative_difference,
        source_a: a.source.clone(),
        source_b: b.source.clone(),
        explanation,
    }
}
