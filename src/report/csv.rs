//! `claims.csv` and `disagreements.csv`: one row per sentence and claim, one row
//! per conflicting pair of figures, for people who open them in a spreadsheet.
//! UTF-8 (a byte-order mark on request, for Excel), RFC 4180 quoting by the csv
//! crate, columns in the order of the row structs, figures as plain numbers, and
//! text cells a spreadsheet would run as a formula defused (OWASP CSV injection).

use std::borrow::Cow;
use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::{claim_rows_in_order, figures_cell, hedge_name, plain_number, values_cell};
use crate::model::StoryReport;

/// The columns of `claims.csv`, in the order of `ClaimRow`'s fields.
pub const CLAIM_COLUMNS: &[&str] = &[
    "claim_id",
    "story",
    "outlet",
    "source",
    "sentence_no",
    "start",
    "end",
    "sentence",
    "outlets",
    "claim_size",
    "quantities",
    "values",
];

/// The columns of `disagreements.csv`, in the order of `DisagreementRow`'s fields.
pub const DISAGREEMENT_COLUMNS: &[&str] = &[
    "disagreement_id",
    "story",
    "verdict",
    "severity",
    "measure",
    "outlet_a",
    "quantity_a",
    "value_a",
    "hedge_a",
    "outlet_b",
    "quantity_b",
    "value_b",
    "hedge_b",
    "unit",
    "relative_difference",
    "sentence_a",
    "sentence_b",
    "explanation",
];

#[derive(Serialize)]
struct ClaimRow<'a> {
    claim_id: &'a str,
    story: Cow<'a, str>,
    outlet: Cow<'a, str>,
    source: Cow<'a, str>,
    sentence_no: usize,
    start: usize,
    end: usize,
    sentence: Cow<'a, str>,
    outlets: usize,
    claim_size: usize,
    quantities: String,
    values: String,
}

#[derive(Serialize)]
struct DisagreementRow<'a> {
    disagreement_id: &'a str,
    story: Cow<'a, str>,
    verdict: &'static str,
    severity: &'static str,
    measure: Cow<'a, str>,
    outlet_a: Cow<'a, str>,
    quantity_a: Cow<'a, str>,
    value_a: String,
    hedge_a: &'static str,
    outlet_b: Cow<'a, str>,
    quantity_b: Cow<'a, str>,
    value_b: String,
    hedge_b: &'static str,
    unit: Cow<'a, str>,
    relative_difference: String,
    sentence_a: Cow<'a, str>,
    sentence_b: Cow<'a, str>,
    explanation: Cow<'a, str>,
}

/// The UTF-8 byte-order mark that tells Excel the file is UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV writer that has written the optional BOM and the header row, so that a
/// file with no rows still names its columns.
pub fn writer<W: Write>(mut inner: W, bom: bool, columns: &[&str]) -> Result<csv::Writer<W>> {
    if bom {
        inner.write_all(BOM)?;
    }
    // Records end with LF, not RFC 4180's CRLF: every spreadsheet reads both, and
    // LF keeps the committed reports diffable line by line.
    let mut out = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(inner);
    out.write_record(columns)?;
    Ok(out)
}

/// One row per sentence and claim, grouped by claim (claims in the order of
/// their first sentence), each claim's rows by outlet: a claim's sentences sit
/// together. A sentence that states two claims has a row in each.
pub fn claim_rows<W: Write>(out: &mut csv::Writer<W>, story: &StoryReport) -> Result<()> {
    for (claim, i) in claim_rows_in_order(story) {
        let sentence = &story.sentences[i];
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
            quantities: defuse(&figures_cell(&story.quantities[i])).into_owned(),
            values: defuse(&values_cell(&story.quantities[i])).into_owned(),
        })?;
    }
    Ok(())
}

/// One row per pair of conflicting figures of the story.
pub fn disagreement_rows<W: Write>(out: &mut csv::Writer<W>, story: &StoryReport) -> Result<()> {
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
            value_a: plain_number(qa.value),
            hedge_a: hedge_name(qa.hedge),
            outlet_b: defuse(&story.article_of(d.b.sentence).outlet),
            quantity_b: defuse(&qb.text),
            value_b: plain_number(qb.value),
            hedge_b: hedge_name(qb.hedge),
            unit: defuse(&qa.unit),
            relative_difference: plain_number(
                (d.relative_difference * 10_000.0).round() / 10_000.0,
            ),
            sentence_a: defuse(&story.sentences[d.a.sentence].text),
            sentence_b: defuse(&story.sentences[d.b.sentence].text),
            explanation: defuse(&d.explanation),
        })?;
    }
    Ok(())
}

/// Prefixes a text cell that a spreadsheet would evaluate as a formula with `'`,
/// as OWASP advises: Excel and LibreOffice then show it as text. Numeric columns
/// never pass through here, so a negative figure stays a number.
pub fn defuse(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_lists_match_the_row_fields() {
        let mut out = csv::Writer::from_writer(Vec::new());
        out.serialize(ClaimRow {
            claim_id: "c",
            story: Default::default(),
            outlet: Default::default(),
            source: Default::default(),
            sentence_no: 1,
            start: 0,
            end: 0,
            sentence: Default::default(),
            outlets: 1,
            claim_size: 1,
            quantities: Default::default(),
            values: Default::default(),
        })
        .unwrap();
        let text = String::from_utf8(out.into_inner().unwrap()).unwrap();
        assert_eq!(text.lines().next().unwrap(), CLAIM_COLUMNS.join(","));
        let mut out = csv::Writer::from_writer(Vec::new());
        out.serialize(DisagreementRow {
            disagreement_id: "d",
            story: Default::default(),
            verdict: "",
            severity: "",
            measure: Default::default(),
            outlet_a: Default::default(),
            quantity_a: Default::default(),
            value_a: Default::default(),
            hedge_a: "",
            outlet_b: Default::default(),
            quantity_b: Default::default(),
            value_b: Default::default(),
            hedge_b: "",
            unit: Default::default(),
            relative_difference: Default::default(),
            sentence_a: Default::default(),
            sentence_b: Default::default(),
            explanation: Default::default(),
        })
        .unwrap();
        let text = String::from_utf8(out.into_inner().unwrap()).unwrap();
        assert_eq!(text.lines().next().unwrap(), DISAGREEMENT_COLUMNS.join(","));
    }

    #[test]
    fn defuses_formula_cells() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("- Associated Press"), "'- Associated Press");
        assert_eq!(defuse("+1 555"), "'+1 555");
        assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse("\tx"), "'\tx");
        assert_eq!(defuse("\rx"), "'\rx");
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        assert_eq!(defuse("plain"), "plain");
        assert_eq!(defuse("5½ feet — “high”"), "5½ feet — “high”");
        assert_eq!(defuse("a=b"), "a=b");
        assert_eq!(defuse(""), "");
    }
}
