//! The binary over the `fixtures/ingest-*` folders: every format read, every bad
//! input named on stderr and in the reports, offsets that point into the file.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn crossclaim() -> Command {
    Command::cargo_bin("crossclaim").expect("the binary is built")
}

/// Runs `compare` on `inputs` into a fresh folder; returns exit code, stderr and report.json.
fn compare(inputs: &[&str], extra: &[&str]) -> (i32, String, Value) {
    let out = tempfile::tempdir().expect("temporary folder");
    let result = crossclaim()
        .arg("compare")
        .args(inputs)
        .args(extra)
        .arg("-o")
        .arg(out.path())
        .arg("--quiet")
        .output()
        .expect("crossclaim runs");
    let report =
        std::fs::read_to_string(out.path().join("report.json")).expect("report.json written");
    let summary =
        std::fs::read_to_string(out.path().join("summary.md")).expect("summary.md written");
    let report: Value = serde_json::from_str(&report).expect("report.json is JSON");
    for skip in report["skipped"].as_array().into_iter().flatten() {
        let path = skip["path"].as_str().unwrap_or_default();
        assert!(summary.contains(path), "summary.md does not list {path}");
    }
    let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
    (result.status.code().unwrap_or(-1), stderr, report)
}

fn articles(report: &Value) -> Vec<(String, String)> {
    report["stories"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["articles"].as_array().into_iter().flatten())
        .map(|a| {
            let field = |k: &str| a[k].as_str().unwrap_or_default().to_owned();
            (field("source"), field("outlet"))
        })
        .collect()
}

fn skipped(report: &Value) -> Vec<(String, String)> {
    report["skipped"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            let field = |k: &str| s[k].as_str().unwrap_or_default().to_owned();
            (field("path"), field("reason"))
        })
        .collect()
}

#[test]
fn reads_html_markdown_jsonl_and_csv_with_outlets_from_metadata() {
    let (code, stderr, report) = compare(&["fixtures/ingest-formats"], &[]);
    let got = articles(&report);
    let want = [
        ("ingest-formats/evening.md", "Evening Ledger"),
        ("ingest-formats/export.csv#1", "Metro Post"),
        ("ingest-formats/export.csv#2", "northnews.example"),
        ("ingest-formats/harbor.html", "Harbor Gazette"),
        ("ingest-formats/wire.jsonl#1", "Coast Wire"),
        ("ingest-formats/wire.jsonl#2", "Bay Times"),
    ];
    for (source, outlet) in want {
        assert!(
            got.iter().any(|(s, o)| s == source && o == outlet),
            "no article {source} from {outlet} in {got:?}"
        );
    }
    assert_eq!(got.len(), want.len(), "{got:?}");
    let skips = skipped(&report);
    assert!(
        skips
            .iter()
            .any(|(p, r)| p == "ingest-formats/wire.jsonl#3" && r.contains("JSON"))
    );
    assert!(
        skips
            .iter()
            .any(|(p, r)| p == "ingest-formats/wire.jsonl#4" && r.contains("no text field"))
    );
    assert!(stderr.contains("wire.jsonl#3"), "{stderr}");
    assert_eq!(code, 4, "skipped records make the exit code non-zero");
}

#[test]
fn skips_a_data_file_without_article_records_in_one_line() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(&gold, "{\"id\": 1}\n{\"id\": 2}\n{\"id\": 3}\n").expect("write");
    // Beside an article: with no article at all, nothing would be written.
    let (code, stderr, report) = compare(
        &[
            gold.to_str().unwrap_or_default(),
            "fixtures/ingest-bad/good.txt",
        ],
        &[],
    );
    assert_eq!(code, 4);
    assert_eq!(skipped(&report).len(), 1, "{stderr}");
    assert!(
        stderr.contains("gold.jsonl: no article records"),
        "{stderr}"
    );
}

#[test]
fn html_article_keeps_the_story_text_and_drops_the_page_furniture() {
    let (_, _, report) = compare(&["fixtures/ingest-formats/harbor.html"], &[]);
    let claims = &report["stories"][0];
    let text = claims.to_string();
    assert!(
        text.contains("About 12,000 cars cross the bridge every day"),
        "{text}"
    );
    assert!(
        !text.contains("Sports"),
        "navigation leaked into the article"
    );
    assert!(
        !text.contains("All rights reserved"),
        "footer leaked into the article"
    );
}

#[test]
fn names_every_bad_input_goes_on_and_exits_non_zero() {
    let (code, stderr, report) = compare(&["fixtures/ingest-bad"], &[]);
    assert_eq!(code, 4);
    let reasons = [
        ("ingest-bad/empty.txt", "empty file"),
        ("ingest-bad/image.txt", "binary file (NUL byte at offset 6)"),
        (
            "ingest-bad/latin1.txt",
            "not valid UTF-8 (bad byte at offset 7)",
        ),
        ("ingest-bad/notes.pdf", "not an article file"),
    ];
    let skips = skipped(&report);
    for (path, reason) in reasons {
        assert!(
            skips.iter().any(|(p, r)| p == path && r.contains(reason)),
            "{path}: {reason} missing from {skips:?}"
        );
        let line = stderr.lines().find(|l| l.contains(path));
        assert!(
            line.is_some_and(|l| l.contains(reason)),
            "no stderr line for {path}: {stderr}"
        );
    }
    assert_eq!(
        articles(&report),
        [("ingest-bad/good.txt".to_owned(), "good".to_owned())]
    );
}

#[test]
fn skips_a_file_over_the_size_limit_and_an_empty_folder() {
    let empty = tempfile::tempdir().expect("temporary folder");
    let dir = empty.path().to_str().unwrap_or_default();
    // One article under the limit: with no article at all, nothing would be written.
    let small = tempfile::tempdir().expect("temporary folder");
    let short = small.path().join("short.txt");
    std::fs::write(&short, "The dam held.\n").expect("write");
    let (code, _, report) = compare(
        &[
            "fixtures/ingest-bad/good.txt",
            dir,
            short.to_str().unwrap_or_default(),
        ],
        &["--max-file-size", "100"],
    );
    assert_eq!(code, 4);
    let skips = skipped(&report);
    assert!(
        skips
            .iter()
            .any(|(p, r)| p.ends_with("good.txt") && r.contains("over the 100 byte limit"))
    );
    assert!(
        skips
            .iter()
            .any(|(_, r)| r == "folder holds no article files"),
        "{skips:?}"
    );
}

#[test]
fn skips_an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temporary folder");
    let locked = dir.path().join("locked.txt");
    std::fs::write(&locked, "The dam held.\n").expect("write");
    std::fs::write(dir.path().join("open.txt"), "The river rose.\n").expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&locked).is_ok() {
        // Running as root: permissions do not stop reading, so there is nothing to test.
        return;
    }
    let (code, stderr, report) = compare(&[dir.path().to_str().unwrap_or_default()], &[]);
    assert_eq!(code, 4);
    assert!(stderr.contains("locked.txt: permission denied"), "{stderr}");
    assert_eq!(articles(&report).len(), 1);
}

#[test]
fn drops_a_line_repeated_across_an_outlets_articles() {
    let (code, _, report) = compare(&["fixtures/ingest-boilerplate"], &[]);
    assert_eq!(code, 0);
    let text = report.to_string();
    assert!(text.contains("The council met on Monday to discuss item b"));
    assert!(
        !text.contains("Readers can reach our newsroom"),
        "boilerplate kept"
    );
}

#[test]
fn sentences_point_into_the_file_bytes_through_bom_crlf_and_odd_spaces() {
    let path = Path::new("fixtures/ingest-news/article.txt");
    let bytes = std::fs::read(path).expect("fixture");
    let out = crossclaim()
        .arg("sentences")
        .arg(path)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let texts: Vec<&str> = lines
        .iter()
        .map(|l| l["text"].as_str().unwrap_or_default())
        .collect();
    for line in &lines {
        let (start, end) = (
            line["start"].as_u64().unwrap_or(0),
            line["end"].as_u64().unwrap_or(0),
        );
        let slice = &bytes[start as usize..end as usize];
        assert_eq!(slice, line["text"].as_str().unwrap_or_default().as_bytes());
    }
    assert_eq!(texts[0], "Council Backs New Harbor Plan");
    assert!(texts.contains(&"Sen. Tom Hale (Ariz.) and Rep. Bo Kim (S.C.) disagreed."));
    assert!(texts.contains(
        &"\u{201c}The harbor needs work. We cannot wait,\u{201d} said Lt. Col. Ivan B. Petrov, the No. 2 officer."
    ));
    assert!(
        texts
            .iter()
            .any(|t| t.ends_with("was approved at 5 p.m. Tuesday."))
    );
}

#[test]
fn cleaned_article_keeps_metadata_out_of_the_sentences() {
    let (_, _, report) = compare(&["fixtures/ingest-news/article.txt"], &[]);
    let article = &report["stories"][0]["articles"][0];
    assert_eq!(article["title"], "Council Backs New Harbor Plan");
    assert_eq!(article["byline"], "Lena Ortiz");
    assert_eq!(article["date"], "2016-09-28");
    let text = report.to_string();
    assert!(
        !text.contains("PORTVILLE (AP)"),
        "the dateline stayed in a sentence"
    );
    assert!(!text.contains("ADVERTISEMENT"));
}
