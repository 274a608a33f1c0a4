//! Figure comparison: finds figures from different outlets that measure the same
//! thing and do not agree.
//!
//! Figures are compared by measure (kind, unit, counted thing, event, scope), not
//! only inside claim groups, because the same fact is often told in sentences
//! that share few words. A figure that the other outlet also states is never a
//! disagreement: when an article carries two values for one measure (a 48-hour
//! offer and a seven-day demand), each is matched on its own.

use crate::model::{Article, Claim, Disagreement, FigureRef, Sentence, Severity, Verdict};
use crate::quantity::{Hedge, Kind, Quantity};
use crate::text::stable_id;

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

/// What a figure measures; two figures are compared only when these are equal.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Measure {
    kind: Kind,
    unit: String,
    thing: String,
    event: String,
    scope: String,
}

impl Measure {
    fn of(q: &Quantity) -> Option<Self> {
        if !q.kind.is_figure() {
            return None;
        }
        let thing = q.counted.as_deref().map(noun_class).unwrap_or_default();
        let event = q.event.clone().unwrap_or_default();
        // A figure with neither a counted thing nor an event says too little to be
        // matched outside its own claim group.
        if thing.is_empty() && event.is_empty() {
            return None;
        }
        if q.kind == Kind::Count && event.is_empty() {
            return None;
        }
        Some(Self {
            kind: q.kind,
            unit: q.unit.clone(),
            thing: if q.kind == Kind::Count {
                String::new()
            } else {
                thing
            },
            event,
            scope: q.scope.clone().unwrap_or_default(),
        })
    }

    fn describe(&self) -> String {
        let mut words: Vec<&str> = Vec::new();
        for w in [&self.unit, &self.thing, &self.event, &self.scope] {
            if !w.is_empty() && !words.contains(&w.as_str()) {
                words.push(w);
            }
        }
        if self.kind == Kind::Duration {
            words.retain(|w| *w != "hour");
            words.push("duration");
        }
        words.join(" ")
    }
}

/// Folds a counted noun to a class, so "war" and "conflict" are one measure.
fn noun_class(noun: &str) -> String {
    let singular = noun
        .strip_suffix('s')
        .filter(|s| s.len() > 2)
        .unwrap_or(noun);
    match singular {
        "conflict" | "fighting" | "civil war" => "war",
        "cessation" | "ceasefire" | "cease-fire" | "truce" => "pause",
        other => other,
    }
    .to_owned()
}

/// One figure with what the comparison needs to know about where it stands.
struct Figure<'a> {
    at: FigureRef,
    article: usize,
    measure: Measure,
    q: &'a Quantity,
}

/// Finds the disagreements of one story.
pub fn compare(
    articles: &[Article],
    sentences: &[Sentence],
    quantities: &[Vec<Quantity>],
    _claims: &[Claim],
    config: &CompareConfig,
) -> Vec<Disagreement> {
    let figures: Vec<Figure<'_>> = quantities
        .iter()
        .enumerate()
        .flat_map(|(s, qs)| {
            qs.iter().enumerate().filter_map(move |(i, q)| {
                Some(Figure {
                    at: FigureRef {
                        sentence: s,
                        quantity: i,
                    },
                    article: sentences[s].article,
                    measure: Measure::of(q)?,
                    q,
                })
            })
        })
        .collect();
    let mut found: Vec<Disagreement> = Vec::new();
    for a in &figures {
        for other_article in distinct_articles(&figures, a) {
            let candidates: Vec<&Figure<'_>> = figures
                .iter()
                .filter(|b| b.article == other_article && b.measure == a.measure)
                .collect();
            if candidates.iter().any(|b| agree(a.q, b.q)) {
                continue;
            }
            let Some(b) = candidates
                .iter()
                .filter(|b| ratio(a.q.value, b.q.value) < config.max_ratio)
                .min_by(|x, y| {
                    gap(a.q.value, x.q.value)
                        .total_cmp(&gap(a.q.value, y.q.value))
                        .then(x.at.cmp(&y.at))
                })
            else {
                continue;
            };
            // The pair counts once: reported from the figure of the earlier sentence.
            let (first, second) = if a.at < b.at { (a, *b) } else { (*b, a) };
            if found.iter().any(|d| d.a == first.at && d.b == second.at) {
                continue;
            }
            found.push(disagreement(articles, sentences, first, second, config));
        }
    }
    found.sort_by_key(|d| (d.severity, d.a, d.b));
    found
}

fn distinct_articles(figures: &[Figure<'_>], a: &Figure<'_>) -> Vec<usize> {
    let mut out: Vec<usize> = figures
        .iter()
        .filter(|b| b.article != a.article && b.measure == a.measure)
        .map(|b| b.article)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether two figures for one measure can both be right.
fn agree(a: &Quantity, b: &Quantity) -> bool {
    if gap(a.value, b.value) < 1e-9 {
        return true;
    }
    let open = |q: &Quantity| matches!(q.hedge, Hedge::LowerBound | Hedge::Vague | Hedge::Range);
    if open(a) || open(b) {
        return overlap(a, b);
    }
    false
}

fn overlap(a: &Quantity, b: &Quantity) -> bool {
    let lo = |q: &Quantity| q.low.unwrap_or(f64::NEG_INFINITY);
    let hi = |q: &Quantity| q.high.unwrap_or(f64::INFINITY);
    lo(a) <= hi(b) && lo(b) <= hi(a)
}

/// |a - b| relative to the larger of the two.
fn gap(a: f64, b: f64) -> f64 {
    let scale = a.abs().max(b.abs());
    if scale == 0.0 {
        0.0
    } else {
        (a - b).abs() / scale
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    let (lo, hi) = if a.abs() < b.abs() {
        (a.abs(), b.abs())
    } else {
        (b.abs(), a.abs())
    };
    if lo == 0.0 { f64::INFINITY } else { hi / lo }
}

fn disagreement(
    articles: &[Article],
    sentences: &[Sentence],
    a: &Figure<'_>,
    b: &Figure<'_>,
    config: &CompareConfig,
) -> Disagreement {
    let relative_difference = gap(a.q.value, b.q.value);
    let severity = if relative_difference >= config.major {
        Severity::Major
    } else {
        Severity::Minor
    };
    let (art_a, art_b) = (&articles[a.article], &articles[b.article]);
    let measure = a.measure.describe();
    let verdict = match (art_a.date, art_b.date) {
        (Some(da), Some(db)) if a.q.kind == Kind::Count && da != db => {
            let (earlier, later) = if da < db { (a, b) } else { (b, a) };
            if later.q.value > earlier.q.value {
                Verdict::Update
            } else {
                Verdict::Disagreement
            }
        }
        _ => Verdict::Disagreement,
    };
    let rule = match verdict {
        Verdict::Update => "the later article reports a higher cumulative figure",
        _ if severity == Severity::Major => "the stated figures differ by 10% or more",
        _ => "the stated figures differ by less than 10%",
    };
    let explanation = format!(
        "{} says \"{}\" and {} says \"{}\" for {}: {} ({:.1}% apart).",
        art_a.outlet,
        a.q.text,
        art_b.outlet,
        b.q.text,
        measure,
        rule,
        relative_difference * 100.0
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
        explanation,
    }
}
