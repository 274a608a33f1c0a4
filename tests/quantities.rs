//! Quantity extraction end to end: every figure of the seed articles as a reviewed
//! snapshot, the CLI's JSON field names, and properties that hold for any input.

use std::fmt::Write as _;
use std::path::Path;

use assert_cmd::Command;
use crossclaim::quantity::{Hedge, extract};
use proptest::prelude::*;

/// One line per quantity. Seeds are read paragraph by paragraph (not through the
/// sentence splitter) so the snapshot changes only when extraction does.
fn describe(text: &str) -> String {
    let mut out = String::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        for q in extract(line) {
            let show = |v: Option<f64>| v.map_or("open".to_owned(), |v| format!("{v}"));
            let _ = writeln!(
                out,
                "{:?} @{} number={} value={} [{}, {}] {} unit={} kind={:?} counted={} event={} scope={}",
                q.text,
                offset + q.start,
                q.number,
                q.value,
                show(q.low),
                show(q.high),
                q.hedge.as_str(),
                q.unit,
                q.kind,
                q.counted.as_deref().unwrap_or("-"),
                q.event.as_deref().unwrap_or("-"),
                q.scope.as_deref().unwrap_or("-"),
            );
        }
        offset += line.len();
    }
    out
}

#[test]
fn seed_figures_match_the_reviewed_snapshot() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    for path in files {
        let text = std::fs::read_to_string(&path).expect("seed is UTF-8");
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("seed")
            .to_owned();
        insta::assert_snapshot!(format!("seed_{name}"), describe(&text));
    }
}

#[test]
fn cli_prints_design_field_names_and_hedge_names() {
    let out = Command::cargo_bin("crossclaim")
        .expect("binary")
        .args(["quantities", "-"])
        .write_stdin("As many as 500,000 people have been killed.")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let line = String::from_utf8(out.stdout).expect("UTF-8");
    let q: serde_json::Value = serde_json::from_str(line.trim()).expect("one JSON object");
    for field in [
        "text", "value", "low", "high", "hedge", "unit", "kind", "start", "end",
    ] {
        assert!(q.get(field).is_some(), "missing {field} in {line}");
    }
    assert_eq!(q["hedge"], "upper_bound");
    assert_eq!(q["low"], serde_json::Value::Null);
    assert_eq!(q["event"], "deaths");
}

#[test]
fn hedge_names_serialise_as_in_the_design() {
    for h in [
        Hedge::Exact,
        Hedge::Approximate,
        Hedge::LowerBound,
        Hedge::UpperBound,
        Hedge::Range,
        Hedge::Vague,
    ] {
        let json = serde_json::to_string(&h).expect("serialises");
        assert_eq!(json, format!("\"{}\"", h.as_str()));
    }
}

proptest! {
    #[test]
    fn any_text_gives_valid_spans_and_intervals(text in "\\PC{0,80}") {
        for q in extract(&text) {
            prop_assert!(q.start <= q.end && q.end <= text.len());
            prop_assert_eq!(&text[q.start..q.end], q.text.as_str());
            if let (Some(lo), Some(hi)) = (q.low, q.high) {
                prop_assert!(lo <= hi, "{:?}", q);
            }
        }
    }

    #[test]
    fn number_like_text_never_panics(text in "[0-9 ,.$%½/–-]{0,12}(million|k|m|bn|to|and|a half|-hour|%)?[0-9 .-]{0,6}") {
        let _ = extract(&text);
    }
}
