//! End-to-end runs of the binary over small fixtures: the contract of DESIGN.md
//! section 1 as a user meets it.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn crossclaim() -> Command {
    Command::cargo_bin("crossclaim").expect("binary is built")
}

fn compare(inputs: &[&str], out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    crossclaim()
        .arg("compare")
        .args(inputs)
        .arg("-o")
        .arg(out)
        .arg("--quiet")
        .args(extra)
        .assert()
}

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn compare_writes_all_six_reports() {
    let out = tempfile::tempdir().unwrap();
    compare(&["fixtures/basic/articles"], out.path(), &[]).success();
    for name in [
        "claims.csv",
        "disagreements.csv",
        "report.json",
        "summary.md",
        "report.html",
        "report.xlsx",
    ] {
        assert!(out.path().join(name).is_file(), "{name} missing");
    }
    let claims = read(out.path(), "claims.csv");
    assert!(claims.starts_with("claim_id,story,outlet,"));
    let json: serde_json::Value = serde_json::from_str(&read(out.path(), "report.json")).unwrap();
    assert_eq!(json["version"], 2);
}

#[test]
fn basic_fixture_scores_perfectly_against_its_gold() {
    let out = tempfile::tempdir().unwrap();
    compare(&["fixtures/basic/articles"], out.path(), &[]).success();
    crossclaim()
        .args(["eval", "--gold", "fixtures/basic/gold.json"])
        .arg(out.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("F1 1.000"))
        .stdout(predicate::str::contains("1 found, 0 missed"))
        .stdout(predicate::str::contains("traps flagged: 0"));
}

#[test]
fn claims_csv_has_one_row_per_sentence() {
    let out = tempfile::tempdir().unwrap();
    compare(&["fixtures/basic/articles"], out.path(), &[]).success();
    let mut rows = csv::Reader::from_path(out.path().join("claims.csv")).unwrap();
    let n = rows.records().count();
    let json: serde_json::Value = serde_json::from_str(&read(out.path(), "report.json")).unwrap();
    let sentences: usize = json["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["sentences"].as_array().unwrap().len())
        .sum();
    assert_eq!(n, sentences);
    assert_eq!(n, 7);
}

#[test]
fn reports_are_identical_for_any_thread_count() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    for (dir, threads) in [(&one, "1"), (&two, "2")] {
        compare(
            &["seeds", "fixtures/basic/articles"],
            dir.path(),
            &["--threads", threads],
        )
        .success();
    }
    for name in [
        "claims.csv",
        "disagreements.csv",
        "report.json",
        "summary.md",
        "report.html",
        "report.xlsx",
    ] {
        assert!(
            fs::read(one.path().join(name)).unwrap() == fs::read(two.path().join(name)).unwrap(),
            "{name} differs"
        );
    }
}

#[test]
fn missing_input_is_a_usage_error_that_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    compare(&["fixtures/basic/articles", "no/such/folder"], &out, &[])
        .code(2)
        .stderr(predicate::str::contains(
            "no/such/folder: no such file or folder",
        ));
    assert!(!out.exists());
}

#[test]
fn check_fails_with_a_diff_when_reports_are_stale() {
    let out = tempfile::tempdir().unwrap();
    compare(&["fixtures/basic/articles"], out.path(), &[]).success();
    compare(&["fixtures/basic/articles"], out.path(), &["--check"]).success();
    fs::write(out.path().join("summary.md"), "stale\n").unwrap();
    compare(&["fixtures/basic/articles"], out.path(), &["--check"])
        .code(1)
        .stdout(predicate::str::contains("-stale"));
}

#[test]
fn fail_on_major_sets_the_exit_code() {
    let out = tempfile::tempdir().unwrap();
    compare(
        &["fixtures/basic/articles"],
        out.path(),
        &["--fail-on", "major"],
    )
    .code(3);
}

#[test]
fn sentences_prints_one_json_object_per_sentence() {
    let assert = crossclaim()
        .args(["sentences", "-"])
        .write_stdin("The U.S. Army left. Dr. Smith stayed.")
        .assert()
        .success();
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["text"], "Dr. Smith stayed.");
    assert_eq!(lines[1]["start"], 20);
}

#[test]
fn quantities_prints_value_interval_and_unit() {
    let assert = crossclaim()
        .args(["quantities", "-"])
        .write_stdin("Officials said more than 250 people were killed.")
        .assert()
        .success();
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let q: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(q["value"], 250.0);
    assert_eq!(q["low"], 250.0);
    assert!(q["high"].is_null());
    assert_eq!(q["unit"], "people");
}

#[test]
fn outlet_aliases_from_the_config_name_the_outlet_in_every_report() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("crossclaim.toml");
    fs::write(
        &config,
        "[outlets]\n\"harbor-times\" = \"The Harbor Times\"\n",
    )
    .unwrap();
    let out = dir.path().join("reports");
    compare(
        &["fixtures/basic/articles"],
        &out,
        &["--config", config.to_str().unwrap()],
    )
    .success();
    let claims = read(&out, "claims.csv");
    assert!(claims.contains(",The Harbor Times,"), "{claims}");
    assert!(!claims.contains(",harbor-times,"), "{claims}");
    assert!(read(&out, "summary.md").contains("The Harbor Times"));
}

/// The example workflow (examples/github-actions-crossclaim.yml) only runs
/// command lines that this crossclaim accepts.
#[test]
fn the_example_workflow_runs_commands_crossclaim_accepts() {
    use clap::Parser;
    let workflow = fs::read_to_string("examples/github-actions-crossclaim.yml").unwrap();
    let mut commands = Vec::new();
    for line in workflow.lines() {
        let line = line.trim().trim_start_matches("run: ");
        let Some(rest) = line.strip_prefix("crossclaim ") else {
            continue;
        };
        let words: Vec<&str> = std::iter::once("crossclaim")
            .chain(
                rest.split_whitespace()
                    .take_while(|w| !w.starts_with('>') && !w.starts_with('|')),
            )
            .collect();
        let args =
            crossclaim::cli::Args::try_parse_from(&words).unwrap_or_else(|e| panic!("{line}: {e}"));
        commands.push(format!("{:?}", args.command));
    }
    let has = |needle: &str| commands.iter().any(|c| c.contains(needle));
    assert!(has("check: true"), "{commands:?}");
    assert!(has("max_bytes: Some("), "{commands:?}");
    assert!(has("fail_on: Some(Major)"), "{commands:?}");
}

/// Regression (issue 20): `-o -` made a folder named "-".
#[test]
fn output_to_standard_output_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("crossclaim")
        .unwrap()
        .current_dir(dir.path())
        .args(["compare", "--quiet", "-o", "-"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/basic/articles"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`-o -`"));
    assert!(!dir.path().join("-").exists());
}

#[test]
fn errors_of_clap_and_of_the_tool_share_one_style() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("bad.toml");
    fs::write(&config, "[align]\nthreshold = 2.0\n").unwrap();
    let config = config.to_str().unwrap();
    let out = dir.path().join("reports");
    let out = out.to_str().unwrap();
    let cases: [&[&str]; 5] = [
        // clap's: an unknown option, a missing argument, a bad value.
        &["compare", "--bogus", "fixtures/basic/articles", "-o", out],
        &["diff", "reports"],
        &[
            "compare",
            "fixtures/basic/articles",
            "--fail-on",
            "huge",
            "-o",
            out,
        ],
        // the tool's: a missing input, a bad config.
        &["compare", "no/such/folder", "-o", out],
        &[
            "compare",
            "fixtures/basic/articles",
            "--config",
            config,
            "-o",
            out,
        ],
    ];
    for args in cases {
        let result = crossclaim().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("crossclaim: error: "),
            "{args:?}: {stderr}"
        );
        assert_eq!(
            stderr.matches("error:").count(),
            1,
            "{args:?}: one error line: {stderr}"
        );
    }
    assert!(!Path::new(out).exists());
}
