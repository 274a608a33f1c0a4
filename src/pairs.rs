//! `crossclaim pairs`: scores sentence pairs with exactly the model and threshold
//! that `compare` uses to group claims, so the grouping can be measured alone.
//! Word rarity is learned from the input file itself, as `compare` learns it
//! from the story. The pairs are scored whole: `compare` also scores the claim
//! windows inside each sentence with the same model (`Scorer::claim_score`),
//! which a paraphrase corpus that labels "one sentence adds a clause" as
//! different would mark wrong.

use anyhow::{Context, Result, bail};
use serde::Serialize;

use crate::align::{AlignConfig, Scorer};

#[derive(Serialize)]
struct Row {
    row: usize,
    score: f64,
    same_claim: bool,
}

/// One input pair; `label` is read from a `label` (or `Quality`) column when present.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair<'a> {
    pub a: &'a str,
    pub b: &'a str,
    pub label: Option<bool>,
}

/// Reads a TSV whose header names `sentence1` and `sentence2` (fields split on
/// tabs, no quoting, as MRPC is written); other columns are ignored.
pub fn read_pairs(tsv: &str) -> Result<Vec<Pair<'_>>> {
    let tsv = tsv.strip_prefix('\u{feff}').unwrap_or(tsv);
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
    let label = column("label").or_else(|| column("Quality"));
    let mut pairs = Vec::new();
    for (n, line) in lines.enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        let (Some(a), Some(b)) = (fields.get(c1), fields.get(c2)) else {
            bail!("line {}: fewer fields than the header", n + 2);
        };
        let label = label
            .and_then(|c| fields.get(c))
            .and_then(|v| match v.trim() {
                "1" | "true" => Some(true),
                "0" | "false" => Some(false),
                _ => None,
            });
        pairs.push(Pair { a, b, label });
    }
    Ok(pairs)
}

/// Scores every pair of a TSV (see `read_pairs`) and returns CSV:
/// `row,score,same_claim`, one row per pair, in order.
pub fn score_tsv(tsv: &str, config: &AlignConfig) -> Result<Vec<u8>> {
    let pairs = read_pairs(tsv)?;
    let scorer = Scorer::new(pairs.iter().flat_map(|p| [p.a, p.b]));
    let mut out = csv::Writer::from_writer(Vec::new());
    for (row, p) in pairs.iter().enumerate() {
        let score = scorer.score(&scorer.features(p.a), &scorer.features(p.b));
        out.serialize(Row {
            row: row + 1,
            score: (score * 10_000.0).round() / 10_000.0,
            same_claim: score >= config.threshold,
        })?;
    }
    Ok(out.into_inner()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_label_column_and_ignores_others() {
        let tsv = "label\tid\tsentence1\tsentence2\n1\tx\tA b.\tC d.\n0\ty\tE.\tF.\n";
        let pairs = read_pairs(tsv).unwrap_or_default();
        assert_eq!(pairs.len(), 2);
        assert_eq!(
            (pairs[0].a, pairs[0].b, pairs[0].label),
            ("A b.", "C d.", Some(true))
        );
        assert_eq!(pairs[1].label, Some(false));
    }

    #[test]
    fn rejects_header_without_sentence_columns() {
        assert!(read_pairs("a\tb\n1\t2\n").is_err());
        assert!(read_pairs("").is_err());
    }

    #[test]
    fn writes_one_row_per_pair_in_order() {
        let tsv =
            "sentence1\tsentence2\nThe dam broke.\tThe dam broke.\nRain fell.\tShares rose.\n";
        let csv = score_tsv(tsv, &AlignConfig::default()).unwrap_or_default();
        let text = String::from_utf8(csv).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "row,score,same_claim");
        assert!(lines[1].starts_with("1,") && lines[1].ends_with(",true"));
        assert!(lines[2].starts_with("2,") && lines[2].ends_with(",false"));
    }
}
