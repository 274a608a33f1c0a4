//! End-to-end runs of `pairs`, `eval` and `compare` + `eval` on the fixtures.

use assert_cmd::Command;

fn crossclaim() -> Command {
    Command::cargo_bin("crossclaim").unwrap_or_else(|e| panic!("no binary: {e}"))
}

/// `crossclaim eval --gold GOLD REPORT`, which must succeed: its standard output.
fn eval(gold: &str, report: impl AsRef<std::ffi::OsStr>) -> String {
    let out = crossclaim()
        .args(["eval", "--gold", gold])
        .arg(report)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn eval_scores_the_tiny_fixture_by_hand_counted_figures() {
    let text = eval("fixtures/eval-tiny/gold.json", "fixtures/eval-tiny/report");
    // Gold pairs: a-b, a-c, b-c; predicted cross-outlet pairs: a-b (hit), a-c (c3, miss).
    assert!(
        text.contains("precision 0.500, recall 0.333, F1 0.400 (3 gold, 2 predicted)"),
        "{text}"
    );
    assert!(text.contains("disagreements: 1 found, 0 missed"), "{text}");
    assert!(text.contains("traps flagged: 1 (hours)"), "{text}");
}

#[test]
fn eval_counts_a_sentence_in_two_claims_once_for_each() {
    let text = eval(
        "fixtures/eval-two-claims/gold.json",
        "fixtures/eval-two-claims/report",
    );
    // Sentence a is in both claims (two rows): a-b and a-c are hits; b-c is no pair.
    assert!(
        text.contains("precision 1.000, recall 1.000, F1 1.000 (2 gold, 2 predicted)"),
        "{text}"
    );
    assert!(!text.contains("not found"), "{text}");
}

#[test]
fn pairs_writes_a_row_per_pair_with_same_claim() {
    let tsv = "label\tsentence1\tsentence2\n\
               1\tThe storm destroyed 120 homes, officials said.\tOfficials said the storm destroyed 150 homes.\n\
               0\tThe mayor opened a bridge.\tShares of the bank fell sharply.\n";
    let out = crossclaim()
        .args(["pairs", "-"])
        .write_stdin(tsv)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].contains("score") && lines[0].contains("same_claim"));
    assert!(lines[1].ends_with("true"), "{text}");
    assert!(lines[2].ends_with("false"), "{text}");
}

#[test]
fn compare_then_eval_on_the_seeds_finds_the_shared_kirby_quotes() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out_dir = dir.path().join("reports");
    let status = crossclaim()
        .args(["compare", "seeds", "-q", "-o"])
        .arg(&out_dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
        .status;
    assert!(status.success());
    let text = eval("fixtures/seeds-gold/gold.json", &out_dir);
    assert!(!text.contains("not found in claims.csv"), "{text}");
    let precision: f64 = text
        .split("precision ")
        .nth(1)
        .and_then(|s| s.split(',').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0.0);
    let f1: f64 = text
        .split("F1 ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0.0);
    assert!(precision >= 0.8, "{text}");
    assert!(f1 >= 0.8, "{text}");
}

#[test]
fn compare_groups_the_seeds_48_hour_statement_across_three_outlets() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out_dir = dir.path().join("reports");
    crossclaim()
        .args(["compare", "seeds", "-q", "-o"])
        .arg(&out_dir)
        .assert()
        .success();
    let mut reader = csv::Reader::from_path(out_dir.join("claims.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (id, sentence, outlets) = (column("claim_id"), column("sentence"), column("outlets"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let members: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| r[sentence].contains("48-hour") && r[sentence].contains("humanitarian access"))
        .collect();
    // One of the three sentences also states a second claim (a row of its own).
    let claim = |r: &&csv::StringRecord| r[id].to_owned();
    let in_one: Vec<&&csv::StringRecord> = members
        .iter()
        .filter(|r| members.iter().filter(|m| claim(m) == claim(r)).count() == 3)
        .collect();
    assert_eq!(in_one.len(), 3, "{members:?}");
    assert!(in_one.iter().all(|r| &r[outlets] == "3"), "{members:?}");
}
