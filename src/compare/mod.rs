//! Figure comparison: finds figures from different outlets that measure the
//! same thing and do not agree, labels each pair and explains it in one sentence.
//!
//! Figures meet by a scored model (see `pair`), not by equal keys: every pair
//! of figures of two outlets with the same dimension is a candidate, and the
//! model gives the probability that the two state one measure. The rules on
//! top (README "Comparison rules") decide which likely pairs are flagged: a
//! figure the other outlet also states is never a disagreement, so two
//! measures reported alike by both outlets (a 72-hour offer and a ten-day
//! demand) never flag.

mod figure;
pub mod pair;
mod verdict;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::align::Grouping;
use crate::model::{Article, Disagreement, Sentence, Severity, Verdict};
use crate::quantity::{Kind, Quantity, Role, Stance};
use crate::text::stable_id;

pub use figure::Figure;
pub use pair::{FEATURE_NAMES, FEATURES, FITTED, Logistic, Model, PairContext};
use verdict::{Side, agree, closed, gap, ratio, severity};

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

/// A candidate pair: two figures (indices into `Candidates::figures`) of two
/// outlets with the same dimension, and the model's features of the pair.
pub struct Pair {
    pub a: usize,
    pub b: usize,
    /// Whether the two values agree (hedges and rounding read as intervals).
    pub agrees: bool,
    /// Whether the two values agree as estimates of one value: an open bound
    /// ("more than 2,000") is read as its figure, so it echoes 2,050 and not 4,500.
    pub echoes: bool,
    pub x: [f64; FEATURES],
}

/// An article, a kind, a counted class and an event: what `only_of_its_measure` counts by.
type MeasureKey<'a> = (usize, Kind, Option<&'a str>, Option<&'a str>);

/// The figures of a story and every pair of them the model scores.
pub struct Candidates<'a> {
    pub figures: Vec<Figure<'a>>,
    pub pairs: Vec<Pair>,
}

/// Finds the disagreements (and updates) of one story, sorted by severity then position.
pub fn compare(
    articles: &[Article],
    sentences: &[Sentence],
    quantities: &[Vec<Quantity>],
    grouping: &Grouping,
    config: &CompareConfig,
) -> Vec<Disagreement> {
    let model = &*FITTED;
    let found = candidates(articles, sentences, quantities, grouping, config);
    let p: Vec<f64> = found
        .pairs
        .iter()
        .map(|c| model.probability(&c.x))
        .collect();
    decide(articles, sentences, &found, &p, model, config)
}

/// Every candidate pair of the story's figures, with its features.
pub fn candidates<'a>(
    articles: &[Article],
    sentences: &'a [Sentence],
    quantities: &'a [Vec<Quantity>],
    grouping: &Grouping,
    config: &CompareConfig,
) -> Candidates<'a> {
    let figures = figure::figures(sentences, quantities, grouping);
    // Each sentence's claims (a sentence sits in one or two).
    let mut claims_of: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
    for (c, claim) in grouping.claims.iter().enumerate() {
        for &m in &claim.members {
            claims_of[m].push(c);
        }
    }
    // How many story figures of each dimension each article states.
    let mut per_article: BTreeMap<(usize, Kind, &str), usize> = BTreeMap::new();
    for f in &figures {
        if f.reading.role == Role::Story {
            let (kind, unit) = f.dimension();
            *per_article.entry((f.article, kind, unit)).or_default() += 1;
        }
    }
    let only = |f: &Figure<'_>| {
        let (kind, unit) = f.dimension();
        per_article.get(&(f.article, kind, unit)) == Some(&1)
    };
    // How many figures of each article state each (kind, counted class, event).
    let measure_key = |f: &Figure<'a>| {
        let r = f.reading;
        let thing = r
            .counted
            .as_deref()
            .map(|c| crate::measure::tables::noun_class(c).unwrap_or(c));
        (f.article, f.kind, thing, r.event.as_deref())
    };
    let mut per_measure: BTreeMap<MeasureKey<'_>, usize> = BTreeMap::new();
    for f in &figures {
        *per_measure.entry(measure_key(f)).or_default() += 1;
    }
    let only_of_measure = |f: &Figure<'a>| {
        let key = measure_key(f);
        (key.2.is_some() || key.3.is_some()) && per_measure.get(&key) == Some(&1)
    };
    // Figures by dimension: only these meet.
    let mut by_dimension: BTreeMap<(Kind, &str), Vec<usize>> = BTreeMap::new();
    for (i, f) in figures.iter().enumerate() {
        by_dimension.entry(f.dimension()).or_default().push(i);
    }
    let mut scores: FxHashMap<(usize, usize), f64> = FxHashMap::default();
    let mut pairs = Vec::new();
    for members in by_dimension.values() {
        for (n, &i) in members.iter().enumerate() {
            for &j in &members[n + 1..] {
                let (a, b) = (&figures[i], &figures[j]);
                if articles[a.article].outlet == articles[b.article].outlet
                    || (a.reading.role == Role::Age) != (b.reading.role == Role::Age)
                {
                    continue;
                }
                let zero = a.value == 0.0 || b.value == 0.0;
                if !zero && ratio(a.value, b.value) >= config.max_ratio {
                    continue;
                }
                let (sa, sb) = (a.at.sentence, b.at.sentence);
                let sentence_score = *scores
                    .entry((sa.min(sb), sa.max(sb)))
                    .or_insert_with(|| grouping.sentence_score(sa, sb));
                let cx = PairContext {
                    same_claim: claims_of[sa].iter().any(|c| claims_of[sb].contains(c)),
                    sentence_score,
                    only_pair: only(a) && only(b),
                    only_of_its_measure: only_of_measure(a) && only_of_measure(b),
                    mutual_best: false,
                };
                pairs.push(Pair {
                    a: i,
                    b: j,
                    agrees: a
                        .points()
                        .any(|x| b.points().any(|y| agree(x, y, config.max_ratio))),
                    echoes: a.points().any(|x| {
                        b.points()
                            .any(|y| agree(closed(x), closed(y), config.max_ratio))
                    }),
                    x: pair::features(a, b, &cx),
                });
            }
        }
    }
    mark_mutual_best(&figures, &mut pairs);
    Candidates { figures, pairs }
}

/// Sets `mutual_best` on the pairs whose figures are each other's likeliest
/// partner in the other's article by the words around them (ties: first pair).
fn mark_mutual_best(figures: &[Figure<'_>], pairs: &mut [Pair]) {
    let mut best: FxHashMap<(usize, usize), (f64, usize)> = FxHashMap::default();
    for (k, c) in pairs.iter().enumerate() {
        let dice = c.x[pair::CONTEXT_DICE];
        for (f, other) in [(c.a, figures[c.b].article), (c.b, figures[c.a].article)] {
            let entry = best.entry((f, other)).or_insert((dice, k));
            if dice > entry.0 {
                *entry = (dice, k);
            }
        }
    }
    for (k, c) in pairs.iter_mut().enumerate() {
        let mine =
            |f: usize, other: usize| best.get(&(f, figures[other].article)).map(|e| e.1) == Some(k);
        if mine(c.a, c.b) && mine(c.b, c.a) {
            c.x[pair::MUTUAL_BEST] = 1.0;
        }
    }
}

/// The flagged pairs of a story, given each candidate's probability `p`
/// (parallel to `found.pairs`), sorted by verdict, severity, then position.
///
/// A pair is flagged when its values do not agree (hedges and rounding read
/// as intervals), its probability reaches `model.flag`, both outlets assert
/// their figure, both figures are of the story (not of a past event, not an
/// age), they name no different places or holders, and neither figure is matched in the other outlet by a figure that
/// echoes it (agrees, an open bound read as its figure) at probability `model.matched` or more. A pair is flagged only
/// when each figure is the other's likeliest flagged partner.
pub fn decide(
    articles: &[Article],
    sentences: &[Sentence],
    found: &Candidates<'_>,
    p: &[f64],
    model: &Model,
    config: &CompareConfig,
) -> Vec<Disagreement> {
    let figures = &found.figures;
    // Pairs by the two articles they join, in order.
    let mut by_articles: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (k, c) in found.pairs.iter().enumerate() {
        let (x, y) = (figures[c.a].article, figures[c.b].article);
        by_articles.entry((x.min(y), x.max(y))).or_default().push(k);
    }
    let mut out: Vec<Disagreement> = Vec::new();
    for ((x, y), ks) in by_articles {
        let agrees = |k: usize| found.pairs[k].agrees;
        // Figures the other article states too.
        let mut matched = vec![false; figures.len()];
        for &k in &ks {
            if p[k] >= model.matched && found.pairs[k].echoes {
                let c = &found.pairs[k];
                matched[c.a] = true;
                matched[c.b] = true;
            }
        }
        let flagged: Vec<usize> = ks
            .iter()
            .copied()
            .filter(|&k| {
                let c = &found.pairs[k];
                let (a, b) = (&figures[c.a], &figures[c.b]);
                p[k] >= model.flag
                    && !matched[c.a]
                    && !matched[c.b]
                    && a.q.stance == Stance::Asserted
                    && b.q.stance == Stance::Asserted
                    && a.reading.role == Role::Story
                    && b.reading.role == Role::Story
                    && !named_apart(a, b)
                    && !windows_on_two_dates(articles, a, b)
                    && !agrees(k)
            })
            .collect();
        // Each figure's likeliest flagged partner.
        let mut best: FxHashMap<usize, usize> = FxHashMap::default();
        for &k in &flagged {
            let c = &found.pairs[k];
            for f in [c.a, c.b] {
                let better = best.get(&f).is_none_or(|&other| p[k] > p[other]);
                if better {
                    best.insert(f, k);
                }
            }
        }
        let mut seen: Vec<(u64, u64)> = Vec::new();
        for &k in &flagged {
            let c = &found.pairs[k];
            if best.get(&c.a) != Some(&k) || best.get(&c.b) != Some(&k) {
                continue;
            }
            // Figure `a` from the earlier article.
            let (a, b) = if figures[c.a].article == x {
                (&figures[c.a], &figures[c.b])
            } else {
                (&figures[c.b], &figures[c.a])
            };
            debug_assert_eq!((a.article, b.article), (x, y));
            // One row per pair of values: a figure repeated in an article adds nothing.
            let key = (a.value.to_bits(), b.value.to_bits());
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            out.push(disagreement(articles, sentences, a, b, config));
        }
    }
    out.sort_by_key(|d| (d.verdict == Verdict::Update, d.severity, d.a, d.b));
    out
}

/// Whether two figures are about different named places or holders ("in
/// Holton" and "in Port Said"; "SkyJet cut 8%" and "BlueAir cut 15%"), have
/// different scopes ("in the last week" and "per day"; "in January" and "in
/// June"), or sentences that name different years: never flagged as one
/// measure, whatever else they share.
pub fn named_apart(a: &Figure<'_>, b: &Figure<'_>) -> bool {
    let apart = |x: &Option<String>, y: &Option<String>| matches!((x, y), (Some(x), Some(y)) if !crate::measure::same_name(x, y));
    apart(&a.reading.place, &b.reading.place)
        || apart(&a.reading.holder, &b.reading.holder)
        || scopes_apart(a.reading.scope.as_deref(), b.reading.scope.as_deref())
        || a.years_apart(b)
        || events_apart(a, b)
}

/// Whether two counts over a window ("in the last 24 hours", "on Friday")
/// come from articles of two dates: they cover different windows.
fn windows_on_two_dates(articles: &[Article], a: &Figure<'_>, b: &Figure<'_>) -> bool {
    let dated_apart = matches!(
        (articles[a.article].date, articles[b.article].date),
        (Some(x), Some(y)) if x != y
    );
    dated_apart && (windowed(a) || windowed(b))
}

/// Whether two scopes cannot narrow one measure: both stated and different
/// (see `measure::same_scope`), or a definition or an earlier time on one side
/// only ("$2.8 billion including debt" and "$2.1 billion"; "97% before the
/// release" and "91%").
fn scopes_apart(a: Option<&str>, b: Option<&str>) -> bool {
    let definition = |s: Option<&str>| {
        s.is_some_and(|s| {
            [
                "including",
                "excluding",
                "not including",
                "without",
                "plus",
                "before",
            ]
            .iter()
            .any(|d| s.starts_with(d))
        })
    };
    match (a, b) {
        (Some(x), Some(y)) => !crate::measure::same_scope(x, y),
        _ => definition(a) || definition(b),
    }
}

/// Whether two figures have different events of the events table ("injured"
/// and "arrested"): never one measure. A zero of harm ("no one was hurt")
/// states no death either.
fn events_apart(a: &Figure<'_>, b: &Figure<'_>) -> bool {
    use crate::measure::tables::is_event_class;
    let (Some(x), Some(y)) = (a.reading.event.as_deref(), b.reading.event.as_deref()) else {
        return false;
    };
    let harm = |e: &str| matches!(e, "deaths" | "injured" | "casualties");
    let zero_harm = (a.value == 0.0 || b.value == 0.0) && harm(x) && harm(y);
    x != y && is_event_class(x) && is_event_class(y) && !zero_harm
}

/// What two figures measure, in words: "people deaths", "war duration".
fn describe(f: &Figure<'_>) -> String {
    let r = f.reading;
    let mut words: Vec<&str> = Vec::new();
    let thing = if f.kind == Kind::Count && r.counted.is_none() {
        Some(r.unit.as_str()).filter(|u| !u.is_empty())
    } else {
        r.counted.as_deref()
    };
    for w in [thing, r.event.as_deref(), r.scope.as_deref()]
        .into_iter()
        .flatten()
    {
        if !words.contains(&w) {
            words.push(w);
        }
    }
    match f.kind {
        Kind::Count => {}
        Kind::Duration => words.push("duration"),
        Kind::Percent => words.push("share"),
        _ => words.push(&f.q.unit),
    }
    words.join(" ").replace('_', " ")
}

/// Whether a figure counts over a window ("in the last week", "per day"):
/// two dates do not make such counts a running total.
fn windowed(f: &Figure<'_>) -> bool {
    f.reading.scope.as_deref().is_some_and(|s| {
        ["last ", "this ", "next ", "per ", "one day"]
            .iter()
            .any(|w| s.starts_with(w))
    })
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
    let measure = describe(a);
    fn side<'f>(f: &'f Figure<'_>, art: &Article) -> Side<'f> {
        Side {
            value: f.value,
            date: art.date,
            source: f.q.source.as_deref(),
        }
    }
    let event = a
        .reading
        .event
        .as_deref()
        .or(b.reading.event.as_deref())
        .unwrap_or_default();
    let (verdict, rule) = verdict::verdict(
        &side(a, art_a),
        &side(b, art_b),
        event,
        windowed(a) || windowed(b),
    );
    let said = |f: &Figure<'_>| match &f.q.source {
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
        if severity == Severity::Major {
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
        source_a: a.q.source.clone(),
        source_b: b.q.source.clone(),
        explanation,
    }
}
