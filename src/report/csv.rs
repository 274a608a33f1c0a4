//! `claims.csv` and `disagreements.csv`: one row per sentence, one row per
//! conflicting pair of figures; text cells a spreadsheet would run are defused.

use anyhow::Result;
use serde::Serialize;

use super::figures_cell;
use crate::model::Analysis;

#[derive(Serialize)]
struct ClaimRow<'a> {
    claim_id: &'a str,
    story: String,
    outlet: String,
    source: String,
    sentence_no: usize,
    start: usize,
    end: usize,
    sentence: String,
    outlets: usize,
    claim_size: usize,
    quantities: String,
}

#[derive(Serialize)]
struct DisagreementRow<'a> {
    disagreement_id: &'a str,
    story: String,
    verdict: &'static str,
    severity: &'static str,
    measure: String,
    outlet_a: String,
    quantity_a: String,
    value_a: f64,
    hedge_a: String,
    outlet_b: String,
    quantity_b: String,
    value_b: f64,
    hedge_b: String,
    unit: String,
    relative_difference: f64,
    sentence_a: String,
    sentence_b: String,
    explanation: String,
}

/// One row per sentence of every article, grouped by story and article.
pub fn claims(analysis: &Analysis) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    for story in &analysis.stories {
        let mut claim_of = vec![0; story.sentences.len()];
        for (c, claim) in story.claims.iter().enumerate() {
            for &m in &claim.members {
                claim_of[m] = c;
            }
        }
        for (i, sentence) in story.sentences.iter().enumerate() {
            let claim = &story.claims[claim_of[i]];
            let article = story.article_of(i);
            out.serialize(ClaimRow {
                claim_id: &claim.id,
                story: defuse(&story.story.name),
                outlet: defuse(&article.outlet),
                source: defuse(&article.source),
                sentence_no: sentence.no + 1,
                start: sentence.span.start,
                end: sentence.span.end,
                sentence: defuse(&sentence.text),
                outlets: claim.outlets,
                claim_size: claim.members.len(),
                quantities: defuse(&figures_cell(&story.quantities[i])),
            })?;
        }
    }
    Ok(out.into_inner()?)
}

/// One row per pair of conflicting figures.
pub fn disagreements(analysis: &Analysis) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    for story in &analysis.stories {
        for d in &story.disagreements {
            let (qa, qb) = (story.figure(d.a), story.figure(d.b));
            out.serialize(DisagreementRow {
                disagreement_id: &d.id,
                story: defuse(&story.story.name),
                verdict: d.verdict.as_str(),
                severity: d.severity.as_str(),
                measure: defuse(&d.measure),
                outlet_a: defuse(&story.article_of(d.a.sentence).outlet),
                quantity_a: defuse(&qa.text),
                value_a: qa.value,
                hedge_a: format!("{:?}", qa.hedge).to_lowercase(),
                outlet_b: defuse(&story.article_of(d.b.sentence).outlet),
                quantity_b: defuse(&qb.text),
                value_b: qb.value,
                hedge_b: format!("{:?}", qb.hedge).to_lowercase(),
                unit: qa.unit.clone(),
                relative_difference: (d.relative_difference * 10_000.0).round() / 10_000.0,
                sentence_a: defuse(&story.sentences[d.a.sentence].text),
                sentence_b: defuse(&story.sentences[d.b.sentence].text),
                explanation: defuse(&d.explanation),
            })?;
        }
    }
    Ok(out.into_inner()?)
}

/// Prefixes a text cell that a spreadsheet would evaluate as a formula (OWASP).
pub fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::defuse;

    #[test]
    fn defuses_formula_cells() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("- Associated Press"), "'- Associated Press");
        assert_eq!(defuse("plain"), "plain");
    }
}
