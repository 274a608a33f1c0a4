//! `crossclaim eval`: scores a report folder against a gold file.
//!
//! Claim pairs: every pair of sentences from different outlets that the gold
//! puts in one claim is a positive; precision and recall are over such pairs.
//! Disagreements: a gold disagreement is found when a row pairs two of its
//! values (either order); a non-disagreement (a trap) is flagged when a row does.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::text::fold;

/// A gold file. Unknown top-level keys are refused, and claims and figures
/// must have their members and values: a misspelt key would otherwise score an
/// empty gold and pass.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gold {
    /// What the story shows, for its readers; not scored.
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub outlets: Vec<String>,
    #[serde(default)]
    pub claims: Vec<GoldClaim>,
    #[serde(default)]
    pub disagreements: Vec<GoldFigures>,
    #[serde(default)]
    pub non_disagreements: Vec<GoldFigures>,
}

#[derive(Debug, Deserialize)]
pub struct GoldClaim {
    pub id: String,
    pub members: Vec<GoldSentence>,
}

#[derive(Debug, Deserialize)]
pub struct GoldSentence {
    pub outlet: String,
    pub sentence: String,
}

#[derive(Debug, Deserialize)]
pub struct GoldFigures {
    pub id: String,
    pub values: Vec<GoldValue>,
}

#[derive(Debug, Deserialize)]
pub struct GoldValue {
    pub outlet: String,
    pub sentence: String,
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Deserialize)]
struct ClaimRow {
    claim_id: String,
    outlet: String,
    source: String,
    #[serde(default)]
    start: usize,
    sentence: String,
}

#[derive(Debug, Deserialize)]
struct DisagreementRow {
    outlet_a: String,
    sentence_a: String,
    quantity_a: String,
    outlet_b: String,
    sentence_b: String,
    quantity_b: String,
}

/// The scores of one report folder against one gold file.
#[derive(Debug, Default)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub gold_pairs: usize,
    pub predicted_pairs: usize,
    pub found: Vec<String>,
    pub missed: Vec<String>,
    pub traps_flagged: Vec<String>,
    /// Gold sentences that match no row of claims.csv (a gold or segmentation error).
    pub unmatched: Vec<String>,
}

impl Scores {
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "claim pairs: precision {:.3}, recall {:.3}, F1 {:.3} ({} gold, {} predicted)",
            self.precision, self.recall, self.f1, self.gold_pairs, self.predicted_pairs
        );
        let _ = writeln!(
            s,
            "disagreements: {} found, {} missed{}",
            self.found.len(),
            self.missed.len(),
            list(&self.missed)
        );
        let _ = writeln!(
            s,
            "traps flagged: {}{}",
            self.traps_flagged.len(),
            list(&self.traps_flagged)
        );
        if !self.unmatched.is_empty() {
            let _ = writeln!(
                s,
                "gold sentences not found in claims.csv: {}{}",
                self.unmatched.len(),
                list(&self.unmatched)
            );
        }
        s
    }
}

fn list(ids: &[String]) -> String {
    if ids.is_empty() {
        String::new()
    } else {
        format!(" ({})", ids.join(", "))
    }
}

/// Reads `gold` and the reports in `dir`, and scores them.
pub fn evaluate(gold: &Path, dir: &Path) -> Result<Scores> {
    let bytes = crate::read_named(gold, 1 << 30)?;
    let gold = std::str::from_utf8(&bytes)
        .map_err(anyhow::Error::from)
        .and_then(parse_gold)
        .with_context(|| format!("bad gold file {}", gold.display()))?;
    let claims: Vec<ClaimRow> = read_csv(dir, "claims.csv")?;
    let rows: Vec<DisagreementRow> = read_csv(dir, "disagreements.csv")?;
    Ok(score(&gold, &claims, &rows))
}

/// A gold file: one object (see the README) with something to score.
fn parse_gold(text: &str) -> Result<Gold> {
    let value: serde_json::Value = serde_json::from_str(text)?;
    if !value.is_object() {
        anyhow::bail!("expected one JSON object with claims, disagreements or non_disagreements");
    }
    let gold: Gold = serde_json::from_value(value)?;
    if gold.claims.is_empty() && gold.disagreements.is_empty() && gold.non_disagreements.is_empty()
    {
        anyhow::bail!("no claims, disagreements or non_disagreements: nothing to score");
    }
    Ok(gold)
}

/// The rows of one report CSV in `dir`, once the folder's manifest (when it
/// has one) vouches that the file is of the same run as the others.
fn read_csv<T: serde::de::DeserializeOwned>(dir: &Path, name: &str) -> Result<Vec<T>> {
    let path = dir.join(name);
    let bytes = crate::read_named(&path, u64::MAX)?;
    crate::report::check_generation(dir, name, &bytes)?;
    csv::Reader::from_reader(bytes.as_slice())
        .deserialize()
        .collect::<Result<Vec<T>, _>>()
        .with_context(|| format!("bad rows in {}", path.display()))
}

/// Sentences compare after folding typography and whitespace, and without the
/// `'` that defuses formula-like cells.
fn key(s: &str) -> String {
    fold(s.strip_prefix('\'').unwrap_or(s))
        .trim()
        .to_lowercase()
}

/// Whether a report sentence is the gold sentence with a dateline or a lead-in
/// trimmed off (or the gold trimmed): one contains the other, and the shorter
/// is most of the longer. Gold quotes the article as written; the tool may not.
fn same_sentence(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && long.contains(short) && short.len() * 10 >= long.len() * 7
}

/// Whether a row's figure is the gold figure: one text holds the other (the
/// tool's span carries the hedge, the gold's may carry a measure word the
/// tool leaves out: "magnitude-5.9" and "5.9").
fn same_figure_text(row: &str, gold: &str) -> bool {
    row.contains(gold) || (!row.is_empty() && gold.contains(row))
}

fn same_outlet(gold: &str, outlet: &str, source: &str) -> bool {
    let stem = gold.rsplit_once('.').map_or(gold, |(s, _)| s);
    gold == outlet || stem == outlet || source.ends_with(gold)
}

fn score(gold: &Gold, claims: &[ClaimRow], rows: &[DisagreementRow]) -> Scores {
    let mut scores = Scores::default();
    // A sentence that states two claims has a row for each: its first row
    // stands for it.
    let mut first_row: std::collections::HashMap<(&str, usize, &str), usize> =
        std::collections::HashMap::new();
    let sentence_of: Vec<usize> = claims
        .iter()
        .enumerate()
        .map(|(i, r)| {
            *first_row
                .entry((&r.source, r.start, &r.sentence))
                .or_insert(i)
        })
        .collect();
    let find_row = |m: &GoldSentence| {
        let k = key(&m.sentence);
        let mine = |r: &&ClaimRow| same_outlet(&m.outlet, &r.outlet, &r.source);
        claims
            .iter()
            .position(|r| mine(&r) && key(&r.sentence) == k)
            .or_else(|| {
                let mut near = claims.iter().enumerate().filter(|&(i, r)| {
                    sentence_of[i] == i && mine(&r) && same_sentence(&key(&r.sentence), &k)
                });
                match (near.next(), near.next()) {
                    (Some((i, _)), None) => Some(i),
                    _ => None,
                }
            })
    };
    let mut gold_pairs = BTreeSet::new();
    for claim in &gold.claims {
        let rows_of: Vec<(usize, &str)> = claim
            .members
            .iter()
            .filter_map(|m| match find_row(m) {
                Some(r) => Some((r, m.outlet.as_str())),
                None => {
                    scores
                        .unmatched
                        .push(format!("{}: {}", claim.id, m.sentence));
                    None
                }
            })
            .collect();
        for (i, &(ra, oa)) in rows_of.iter().enumerate() {
            for &(rb, ob) in &rows_of[i + 1..] {
                if oa != ob {
                    gold_pairs.insert((ra.min(rb), ra.max(rb)));
                }
            }
        }
    }
    let mut predicted = BTreeSet::new();
    for (i, a) in claims.iter().enumerate() {
        for (j, b) in claims.iter().enumerate().skip(i + 1) {
            if a.claim_id == b.claim_id && a.outlet != b.outlet {
                let (x, y) = (sentence_of[i], sentence_of[j]);
                predicted.insert((x.min(y), x.max(y)));
            }
        }
    }
    let hits = gold_pairs.intersection(&predicted).count() as f64;
    scores.gold_pairs = gold_pairs.len();
    scores.predicted_pairs = predicted.len();
    scores.precision = if predicted.is_empty() {
        0.0
    } else {
        hits / predicted.len() as f64
    };
    scores.recall = if gold_pairs.is_empty() {
        0.0
    } else {
        hits / gold_pairs.len() as f64
    };
    scores.f1 = if hits == 0.0 {
        0.0
    } else {
        2.0 * scores.precision * scores.recall / (scores.precision + scores.recall)
    };
    for d in &gold.disagreements {
        if flagged(d, rows) {
            scores.found.push(d.id.clone());
        } else {
            scores.missed.push(d.id.clone());
        }
    }
    for t in &gold.non_disagreements {
        if flagged(t, rows) {
            scores.traps_flagged.push(t.id.clone());
        }
    }
    scores
}

/// Whether some row pairs two values of `figures` from different outlets.
fn flagged(figures: &GoldFigures, rows: &[DisagreementRow]) -> bool {
    let matches = |v: &GoldValue, outlet: &str, sentence: &str, quantity: &str| {
        same_outlet(&v.outlet, outlet, outlet)
            && same_sentence(&key(sentence), &key(&v.sentence))
            && (v.text.is_empty() || same_figure_text(&key(quantity), &key(&v.text)))
    };
    rows.iter().any(|r| {
        figures.values.iter().any(|x| {
            figures.values.iter().any(|y| {
                x.outlet != y.outlet
                    && matches(x, &r.outlet_a, &r.sentence_a, &r.quantity_a)
                    && matches(y, &r.outlet_b, &r.sentence_b, &r.quantity_b)
            })
        })
    })
}
