//! Figures as real news writes them: one case file per pattern in
//! `fixtures/quantities/<pattern>.json` (issue 18), each case a text and the
//! figures `extract` must find in it, in the shape of the shared quantity
//! benchmarks. The cases are our own, written for these patterns.
//!
//! A case passes when the figures of the text (kinds that are compared: not
//! year, date, time, ordinal or other) are exactly the expected ones, in order:
//! the same span, `value` equal to the figure as written (`number`), and `unit`,
//! `kind`, `hedge` and `interval` (normalised `[low, high]`, null for an open
//! side) when the case gives them. `others` lists spans that must be found
//! with a kind that is never compared. Run with `--nocapture` for the table.

use std::path::Path;

use crossclaim::quantity::{Quantity, extract};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    text: String,
    expected: Vec<Expected>,
    #[serde(default)]
    others: Vec<String>,
}

#[derive(Deserialize)]
struct Expected {
    span: String,
    value: f64,
    unit: Option<String>,
    kind: Option<String>,
    hedge: Option<String>,
    interval: Option<(Option<f64>, Option<f64>)>,
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()) + 1e-9
}

fn json_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Why `q` is not `e`, if it is not.
fn differs(q: &Quantity, e: &Expected) -> Option<String> {
    let mut why = Vec::new();
    if q.text != e.span {
        why.push(format!("span {:?}", q.text));
    }
    if !close(q.number, e.value) {
        why.push(format!("value {}", q.number));
    }
    if e.unit.as_ref().is_some_and(|u| *u != q.unit) {
        why.push(format!("unit {:?}", q.unit));
    }
    if e.kind.as_ref().is_some_and(|k| *k != json_name(&q.kind)) {
        why.push(format!("kind {}", json_name(&q.kind)));
    }
    if e.hedge.as_ref().is_some_and(|h| h != q.hedge.as_str()) {
        why.push(format!("hedge {}", q.hedge.as_str()));
    }
    if let Some((lo, hi)) = e.interval {
        let same = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => close(a, b),
            (None, None) => true,
            _ => false,
        };
        if !same(q.low, lo) || !same(q.high, hi) {
            why.push(format!("interval [{:?}, {:?}]", q.low, q.high));
        }
    }
    (!why.is_empty()).then(|| why.join(", "))
}

/// The failures of one case, empty when it passes.
fn check(case: &Case) -> Vec<String> {
    let found = extract(&case.text);
    let figures: Vec<&Quantity> = found.iter().filter(|q| q.kind.is_figure()).collect();
    let mut out = Vec::new();
    if figures.len() != case.expected.len() {
        let got: Vec<String> = figures
            .iter()
            .map(|q| format!("{:?} {} {}", q.text, q.number, json_name(&q.kind)))
            .collect();
        out.push(format!(
            "{} figures expected, found {}: {got:?}",
            case.expected.len(),
            figures.len()
        ));
    } else {
        for (q, e) in figures.iter().zip(&case.expected) {
            if let Some(why) = differs(q, e) {
                out.push(format!("{:?}: {why}", e.span));
            }
        }
    }
    for span in &case.others {
        if !found.iter().any(|q| q.text == *span && !q.kind.is_figure()) {
            out.push(format!("{span:?} is not found as a figure never compared"));
        }
    }
    out
}

#[test]
fn every_pattern_case_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/quantities");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/quantities")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    println!("{:28} {:>6} {:>7}", "pattern", "passed", "written");
    for path in files {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_owned();
        let text = std::fs::read_to_string(&path).expect("case file is UTF-8");
        let cases: Vec<Case> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: bad JSON: {e}"));
        let mut passed = 0;
        for case in &cases {
            let why = check(case);
            if why.is_empty() {
                passed += 1;
            } else {
                failures.push(format!(
                    "{name}: {:?}\n    {}",
                    case.text,
                    why.join("\n    ")
                ));
            }
        }
        println!("{name:28} {passed:6} {:7}", cases.len());
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
