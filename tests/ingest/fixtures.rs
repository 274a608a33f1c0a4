//! The fixtures that carry their expected output in `expected.tsv`: junk lines
//! dropped (`fixtures/ingest-junk`), each page's own address read
//! (`fixtures/ingest-canonical-url`), READMEs, configs and `--exclude` globs
//! left out (`fixtures/ingest-exclude`). Plus how the config is found.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn crossclaim() -> Command {
    Command::cargo_bin("crossclaim").expect("the binary is built")
}

/// Runs `compare` in `dir` (the working folder) on `inputs`; returns the exit
/// code, stderr and report.json.
fn compare_in(dir: &Path, inputs: &[&str], extra: &[&str]) -> (i32, String, Value) {
    let out = tempfile::tempdir().expect("temporary folder");
    let result = crossclaim()
        .current_dir(dir)
        .arg("compare")
        .args(inputs)
        .args(extra)
        .arg("-o")
        .arg(out.path())
        .arg("--quiet")
        .output()
        .expect("crossclaim runs");
    let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
    let report = std::fs::read_to_string(out.path().join("report.json"))
        .unwrap_or_else(|e| panic!("no report.json ({e}): {stderr}"));
    let report = serde_json::from_str(&report).expect("report.json is JSON");
    (result.status.code().unwrap_or(-1), stderr, report)
}

/// The rows of a fixture's `expected.tsv`, as pairs of columns.
fn expected(fixture: &str) -> Vec<(String, String)> {
    let path = Path::new("fixtures").join(fixture).join("expected.tsv");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let (a, b) = l.split_once('\t').unwrap_or((l, ""));
            (a.to_owned(), b.to_owned())
        })
        .collect()
}

/// Every article of the report as (source, `field`), "" for null.
fn articles(report: &Value, field: &str) -> Vec<(String, String)> {
    let stories = report["stories"].as_array().into_iter().flatten();
    stories
        .flat_map(|s| s["articles"].as_array().into_iter().flatten())
        .map(|a| {
            let value = a[field].as_str().unwrap_or_default().to_owned();
            (a["source"].as_str().unwrap_or_default().to_owned(), value)
        })
        .collect()
}

#[test]
fn junk_lines_of_page_furniture_are_dropped_and_counted() {
    let fixtures = Path::new("fixtures/ingest-junk");
    let (code, stderr, report) = compare_in(fixtures, &["articles"], &[]);
    assert_eq!(code, 0, "{stderr}");
    let story = &report["stories"][0];
    let sources = articles(&report, "source");
    let sentences: Vec<(String, String)> = story["sentences"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            let article = s["article"].as_u64().unwrap_or_default() as usize;
            let text = s["text"].as_str().unwrap_or_default().to_owned();
            (sources[article].0.clone(), text)
        })
        .collect();
    assert_eq!(sentences, expected("ingest-junk"));
    for article in story["articles"].as_array().into_iter().flatten() {
        assert_eq!(article["dropped_lines"], 3, "{article}");
    }
}

#[test]
fn an_html_page_gives_its_canonical_address_as_url() {
    let fixtures = Path::new("fixtures/ingest-canonical-url");
    let (code, stderr, report) = compare_in(fixtures, &["pages"], &[]);
    assert_eq!(code, 0, "{stderr}");
    let mut urls = articles(&report, "url");
    urls.sort();
    assert_eq!(urls, expected("ingest-canonical-url"));
}

#[test]
fn readmes_and_configs_in_folders_are_no_articles_and_the_inputs_config_is_used() {
    let fixtures = Path::new("fixtures/ingest-exclude");
    let (code, stderr, report) = compare_in(fixtures, &["corpus"], &["--exclude", "*.draft.*"]);
    assert_eq!(code, 0, "nothing skipped: {stderr}");
    assert_eq!(report["skipped"], Value::Array(Vec::new()));
    let mut outlets = articles(&report, "outlet");
    outlets.sort();
    assert_eq!(outlets, expected("ingest-exclude"));
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn without_the_glob_the_draft_is_read_and_a_readme_named_by_the_user_is_too() {
    let fixtures = Path::new("fixtures/ingest-exclude");
    let (code, _, report) = compare_in(
        fixtures,
        &["corpus/bridge", "corpus/bridge/README.txt"],
        &[],
    );
    assert_eq!(code, 0);
    let sources: Vec<String> = articles(&report, "source")
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    assert!(
        sources.contains(&"bridge/tel.draft.txt".to_owned()),
        "{sources:?}"
    );
    assert!(sources.contains(&"README.txt".to_owned()), "{sources:?}");
}

#[test]
fn an_exclude_glob_matches_a_story_folder_and_a_path() {
    let fixtures = Path::new("fixtures/ingest-exclude");
    let (_, _, report) = compare_in(
        fixtures,
        &["corpus"],
        &["--exclude", "market", "--exclude", "corpus/bridge/tel*"],
    );
    let sources: Vec<String> = articles(&report, "source")
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    assert_eq!(sources, ["corpus/bridge/gaz.txt"]);
}

#[test]
fn config_given_with_dash_dash_config_wins_and_two_input_configs_are_an_error() {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (story, outlet) in [("one", "Alpha Wire"), ("two", "Beta Wire")] {
        let folder = dir.path().join(story);
        std::fs::create_dir(&folder).expect("mkdir");
        std::fs::write(folder.join("w.txt"), "The dam held on Monday.\n").expect("write");
        let config = format!("[outlets]\n\"w\" = \"{outlet}\"\n");
        std::fs::write(folder.join("crossclaim.toml"), config).expect("write");
    }
    let explicit = dir.path().join("chosen.toml");
    std::fs::write(&explicit, "[outlets]\n\"w\" = \"Chosen\"\n").expect("write");
    let (code, stderr, report) = compare_in(
        dir.path(),
        &["one"],
        &["--config", explicit.to_str().unwrap_or_default()],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(articles(&report, "outlet")[0].1, "Chosen");
    let (_, _, report) = compare_in(dir.path(), &["one"], &[]);
    assert_eq!(articles(&report, "outlet")[0].1, "Alpha Wire");

    let out = dir.path().join("reports");
    let result = crossclaim()
        .current_dir(dir.path())
        .args(["compare", "one", "two", "-o"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.starts_with("crossclaim: error: the inputs hold two configs"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_corpus_table_counted_with_other_globs_is_refused() {
    let fixtures = Path::new("fixtures/ingest-exclude");
    let dir = tempfile::tempdir().expect("temporary folder");
    let table = dir.path().join("table.tsv");
    crossclaim()
        .current_dir(fixtures)
        .args(["boilerplate", "corpus", "--exclude", "*.draft.*", "-o"])
        .arg(&table)
        .assert()
        .success();
    let run = |globs: &[&str]| {
        crossclaim()
            .current_dir(fixtures)
            .args(["compare", "corpus", "--quiet", "--check", "--boilerplate"])
            .arg(&table)
            .args(globs)
            .arg("-o")
            .arg(dir.path().join("reports"))
            .output()
            .expect("runs")
    };
    let refused = run(&[]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("--exclude"), "{stderr}");
    // With the same globs the table fits (exit 1: --check finds no reports yet).
    let fits = run(&["--exclude", "*.draft.*"]);
    assert_eq!(
        fits.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&fits.stderr)
    );
}
