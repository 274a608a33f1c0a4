//! The figure-pair model: how likely two figures of two outlets measure the
//! same thing. A logistic model over the evidence a reader weighs: whether
//! their sentences state one claim (the claim groups and the pair score),
//! the rarity-weighted words around each figure, the counted thing and the
//! event (equal, WordNet synonyms, or different), scope, place, holder,
//! role, stance and source. Not the values: a model that learned that equal
//! values are one measure would never pair two that disagree (candidates
//! are only figures less than `max_ratio` apart).
//!
//! The weights and thresholds are data (`data/figure-model.tsv`), fitted on
//! annotated ECB+ stories by `examples/tune_figures.rs`, keyed by feature
//! name; nothing here is set by hand.

use std::sync::LazyLock;

use super::figure::Figure;
use crate::align::thesaurus::synonyms;
use crate::measure::{same_name, same_thing};
use crate::quantity::{Kind, Role};

/// The features of a pair, in the order `features` returns them.
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "same_claim",
    "sentence_score",
    "context_dice",
    "context_containment",
    "thing_same",
    "thing_differ",
    "thing_one_side",
    "event_same",
    "event_differ",
    "event_one_side",
    "scope_same",
    "scope_differ",
    "scope_one_side",
    "place_differ",
    "place_one_side",
    "holder_same",
    "holder_differ",
    "role_differ",
    "stance_differ",
    "source_differ",
    "magnitude",
    "only_pair",
    "mutual_best",
    "names_shared",
    "names_conflict",
    "near_dice",
    "same_rank",
    "other_rank",
    "single_pair",
    "claim_thing_same",
    "claim_thing_differ",
    "claim_near_dice",
    "years_apart",
    "only_of_its_measure",
    "kind_count",
    "kind_duration",
    "kind_money",
    "kind_percent",
];

pub const FEATURES: usize = 38;

/// What the model reads of a pair beyond the two figures: facts of the story.
pub struct PairContext {
    /// Whether the two sentences are members of one claim.
    pub same_claim: bool,
    /// The lexical claim score of the two sentences.
    pub sentence_score: f64,
    /// Whether each figure is the only one of its dimension in its article.
    pub only_pair: bool,
    /// Whether each figure is the only one of its article with its counted
    /// thing (by class) and event: a story's main measures are told once.
    pub only_of_its_measure: bool,
    /// Whether each figure is the other's likeliest partner in the other's
    /// article, by the words around them (set after all pairs are scored).
    pub mutual_best: bool,
}

/// The index of `mutual_best` in the features.
pub const MUTUAL_BEST: usize = 22;
/// The index of `context_dice` in the features.
pub const CONTEXT_DICE: usize = 2;

/// The features of the pair (`a`, `b`), each about 0 to 1.
pub fn features(a: &Figure<'_>, b: &Figure<'_>, cx: &PairContext) -> [f64; FEATURES] {
    let (ra, rb) = (a.reading, b.reading);
    let shared = shared_weight(&a.context, &b.context);
    let total = a.context_total + b.context_total;
    let smaller = a.context_total.min(b.context_total);
    let ratio = |x: f64, y: f64| if y > 0.0 { x / y } else { 0.0 };
    let (thing_same, thing_differ, thing_one) = compare_opt(&ra.counted, &rb.counted, same_thing);
    let (event_same, event_differ, event_one) = events(a, b);
    let (scope_same, scope_differ, scope_one) =
        compare_opt(&ra.scope, &rb.scope, crate::measure::same_scope);
    let (_, place_differ, place_one) = compare_opt(&ra.place, &rb.place, same_name);
    let (holder_same, holder_differ, _) = compare_opt(&ra.holder, &rb.holder, same_name);
    let (_, source_differ, _) = compare_opt(&a.q.source, &b.q.source, |x: &str, y: &str| {
        crate::measure::same_source(x, y)
    });
    let past = |r: Role| r == Role::Past;
    let role_differ = past(ra.role) != past(rb.role);
    let small = a.value.abs().min(b.value.abs());
    let magnitude = ((1.0 + small).ln() / 1e6f64.ln()).min(1.0);
    let flag = |x: bool| f64::from(u8::from(x));
    let (names_shared, names_conflict) = a.names_against(b);
    let near_dice = ratio(
        2.0 * shared_weight(&a.near, &b.near),
        a.near_total + b.near_total,
    );
    [
        flag(cx.same_claim),
        cx.sentence_score,
        ratio(2.0 * shared, total),
        ratio(shared, smaller).min(1.0),
        flag(thing_same),
        flag(thing_differ),
        flag(thing_one),
        flag(event_same),
        flag(event_differ),
        flag(event_one),
        flag(scope_same),
        flag(scope_differ),
        flag(scope_one),
        flag(place_differ),
        flag(place_one),
        flag(holder_same),
        flag(holder_differ),
        flag(role_differ),
        flag(a.q.stance != b.q.stance),
        flag(source_differ),
        magnitude,
        flag(cx.only_pair),
        flag(cx.mutual_best),
        flag(names_shared),
        flag(names_conflict),
        ratio(
            2.0 * shared_weight(&a.near, &b.near),
            a.near_total + b.near_total,
        ),
        flag(a.of > 1 && b.of > 1 && a.rank == b.rank),
        flag(a.of > 1 && b.of > 1 && a.rank != b.rank),
        flag(a.of == 1 && b.of == 1),
        // In one claim, the local noun tells which figure answers which.
        flag(cx.same_claim && thing_same),
        flag(cx.same_claim && thing_differ),
        if cx.same_claim { near_dice } else { 0.0 },
        flag(a.years_apart(b)),
        flag(cx.only_of_its_measure),
        flag(a.kind == Kind::Count),
        flag(a.kind == Kind::Duration),
        flag(a.kind == Kind::Money),
        flag(a.kind == Kind::Percent),
    ]
}

/// Events: same (or synonyms), different, or named on one side only. "No one
/// was hurt" states no death either: a zero of harm meets deaths.
fn events(a: &Figure<'_>, b: &Figure<'_>) -> (bool, bool, bool) {
    let harm = |e: &str| matches!(e, "injured" | "deaths" | "casualties");
    let zero_harm = |f: &Figure<'_>, g: &Figure<'_>| {
        f.value == 0.0
            && f.reading.event.as_deref().is_some_and(harm)
            && g.reading.event.as_deref().is_some_and(harm)
    };
    if zero_harm(a, b) || zero_harm(b, a) {
        return (true, false, false);
    }
    compare_opt(&a.reading.event, &b.reading.event, |x: &str, y: &str| {
        x == y || synonyms(x, y)
    })
}

/// (same, different, one side only) of two optional readings.
fn compare_opt(
    a: &Option<String>,
    b: &Option<String>,
    same: impl Fn(&str, &str) -> bool,
) -> (bool, bool, bool) {
    match (a.as_deref(), b.as_deref()) {
        (Some(x), Some(y)) => {
            let s = same(x, y);
            (s, !s, false)
        }
        (None, None) => (false, false, false),
        _ => (false, false, true),
    }
}

/// The weight of the keys two sorted lists share.
fn shared_weight(a: &[(u64, f64)], b: &[(u64, f64)]) -> f64 {
    crate::align::shared_weight_of(a, b)
}

/// One logistic model: a weight per feature and the bias.
#[derive(Debug, Clone, PartialEq)]
pub struct Logistic {
    pub weights: [f64; FEATURES],
    pub bias: f64,
}

impl Logistic {
    pub fn probability(&self, x: &[f64; FEATURES]) -> f64 {
        let z = x
            .iter()
            .zip(&self.weights)
            .fold(self.bias, |acc, (x, w)| acc + x * w);
        1.0 / (1.0 + (-z).exp())
    }
}

/// The fitted model: the probability that two figures state one measure,
/// and the two thresholds the verdict rules read it with.
#[derive(Debug, Clone)]
pub struct Model {
    pub same: Logistic,
    /// The probability from which a pair whose values do not agree is flagged.
    pub flag: f64,
    /// The probability from which a pair whose values agree counts as the
    /// other outlet stating the figure (so nothing is flagged against it).
    pub matched: f64,
}

const MODEL: &str = include_str!("../../data/figure-model.tsv");

/// The model in `data/figure-model.tsv`.
pub static FITTED: LazyLock<Model> =
    LazyLock::new(|| Model::parse(MODEL).expect("data/figure-model.tsv is a valid model"));

impl Model {
    /// Reads a model file: `name<TAB>value` lines, `#` comments; every
    /// feature, `bias`, `flag` and `matched` exactly once.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut weights = [f64::NAN; FEATURES + 1];
        let (mut flag, mut matched) = (None, None);
        for line in text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let (name, value) = line
                .split_once('\t')
                .ok_or_else(|| format!("no tab in {line:?}"))?;
            let value: f64 = value
                .trim()
                .parse()
                .map_err(|_| format!("{name}: not a number: {value:?}"))?;
            let slot = match name {
                "flag" => &mut flag,
                "matched" => &mut matched,
                _ => {
                    let i = if name == "bias" {
                        FEATURES
                    } else {
                        FEATURE_NAMES
                            .iter()
                            .position(|n| *n == name)
                            .ok_or_else(|| format!("unknown feature {name}"))?
                    };
                    if !weights[i].is_nan() {
                        return Err(format!("{name} twice"));
                    }
                    weights[i] = value;
                    continue;
                }
            };
            if slot.replace(value).is_some() {
                return Err(format!("{name} twice"));
            }
        }
        if let Some(i) = weights.iter().position(|w| w.is_nan()) {
            let name = FEATURE_NAMES.get(i).copied().unwrap_or("bias");
            return Err(format!("no weight for {name}"));
        }
        Ok(Self {
            same: Logistic {
                weights: std::array::from_fn(|k| weights[k]),
                bias: weights[FEATURES],
            },
            flag: flag.ok_or("no flag threshold")?,
            matched: matched.ok_or("no matched threshold")?,
        })
    }

    /// The probability that a pair with these features states one measure.
    pub fn probability(&self, x: &[f64; FEATURES]) -> f64 {
        self.same.probability(x)
    }

    /// The model as `parse` reads it, with a header comment.
    pub fn to_tsv(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(&format!("bias\t{:.4}\n", self.same.bias));
        for (name, w) in FEATURE_NAMES.iter().zip(&self.same.weights) {
            out.push_str(&format!("{name}\t{w:.4}\n"));
        }
        out.push_str(&format!(
            "flag\t{:.4}\nmatched\t{:.4}\n",
            self.flag, self.matched
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fitted_model_names_every_feature_once() {
        let m = Model::parse(MODEL).expect("valid");
        assert!(m.flag > 0.0 && m.flag < 1.0 && m.matched > 0.0 && m.matched < 1.0);
        let again = Model::parse(&m.to_tsv("header")).expect("round trip");
        assert_eq!(again.same, m.same);
    }

    #[test]
    fn feature_indices_name_their_features() {
        assert_eq!(FEATURE_NAMES[MUTUAL_BEST], "mutual_best");
        assert_eq!(FEATURE_NAMES[CONTEXT_DICE], "context_dice");
    }

    #[test]
    fn a_model_file_missing_a_feature_is_refused() {
        assert!(Model::parse("bias\t0\nflag\t0.5\nmatched\t0.5\n").is_err());
    }
}
