//! `crossclaim pairs`: scores sentence pairs with exactly the scorer and threshold
//! that `compare` uses to group claims, so the grouping can be measured alone.

use anyhow::{Context, Result, bail};
use serde::Serialize;

use crate::align::{AlignConfig, Scorer};

#[derive(Serialize)]
struct Row {
    row: usize,
    score: f64,
    same_claim: bool,
}

/// Reads a TSV whose header names `sentence1` and `sentence2` (fields split on tabs,
/// no quoting) and returns CSV: `row,score,same_claim`, one row per pair, in order.
pub fn score_tsv(tsv: &str, config: &AlignConfig) -> Result<Vec<u8>> {
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines
        .next()
        .context("empty input: no header")?
        .split('\t')
        .collect();
    let column = |name: &str| header.iter().position(|h| h.trim() == name);
    let (Some(c1), Some(c2)) = (column("sentence1"), column("sentence2")) else {
        bail!("the header must name the columns sentence1 and sentence2");
    };
    let mut pairs = Vec::new();
    for (n, line) in lines.enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        match (fields.get(c1), fields.get(c2)) {
            (Some(a), Some(b)) => pairs.push((*a, *b)),
            _ => bail!("line {}: fewer fields than the header", n + 2),
        }
    }
    let scorer = Scorer::new(pairs.iter().flat_map(|(a, b)| [*a, *b]));
    let mut out = csv::Writer::from_writer(Vec::new());
    for (row, (a, b)) in pairs.iter().enumerate() {
        let score = scorer.score(&scorer.features(a), &scorer.features(b));
        out.serialize(Row {
            row: row + 1,
            score: (score * 10_000.0).round() / 10_000.0,
            same_claim: score >= config.threshold,
        })?;
    }
    Ok(out.into_inner()?)
}
