//! The English Golden Rules (Pragmatic Segmenter), read at run time from
//! ../shared/benchmarks: the data is evaluation-only and never copied here.
//! Runs with the other tests when ../shared is beside the project (as in CI);
//! `make golden` prints the per-engine scores.

use crossclaim::model::Span;
use crossclaim::segment;

const RULES: &str = "../shared/benchmarks/segmentation/golden_rules_en.jsonl";

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Rules passed, and the ids of those failed.
fn score(split: fn(&str) -> Vec<Span>) -> (usize, Vec<u64>) {
    let data = std::fs::read_to_string(RULES).expect("golden rules file next to the project");
    let (mut passed, mut failed) = (0, Vec::new());
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let rule: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
        let text = rule["text"].as_str().unwrap_or_default();
        let want: Vec<String> = rule["sentences"]
            .as_array()
            .map(|a| a.iter().filter_map(|s| s.as_str()).map(collapse).collect())
            .unwrap_or_default();
        let got: Vec<String> = split(text)
            .iter()
            .map(|s| collapse(&text[s.start..s.end]))
            .collect();
        if got == want {
            passed += 1;
        } else {
            failed.push(rule["id"].as_u64().unwrap_or_default());
            eprintln!("rule {}: want {want:?}\n          got  {got:?}", rule["id"]);
        }
    }
    (passed, failed)
}

#[test]
fn golden_rules_score_at_least_51_of_52() {
    if !std::path::Path::new(RULES).is_file() {
        eprintln!("skipped: {RULES} not found (../shared is not beside the project)");
        return;
    }
    let (base, base_failed) = score(segment::split_sentencex);
    println!("sentencex alone: {base}/52, failing {base_failed:?}");
    let (hand, hand_failed) = score(crate::handmade::split);
    println!("hand-written alone: {hand}/52, failing {hand_failed:?}");
    let (hand_rules, hand_rules_failed) = score(|t| segment::split_with(t, crate::handmade::split));
    println!("hand-written + line and news rules: {hand_rules}/52, failing {hand_rules_failed:?}");
    let (ours, failed) = score(segment::split);
    println!("crossclaim (sentencex + line and news rules): {ours}/52, failing {failed:?}");
    assert!(
        ours >= 51,
        "only {ours}/52 Golden Rules right; failing {failed:?}"
    );
}
