//! The bad-input battery: each hostile input gets one clear stderr line naming
//! the file, the good article beside it is still processed, the skipped file is
//! listed in the reports, the exit code is non-zero, and nothing panics.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const GOOD: &str = "The council approved 40 new homes on Monday. Building starts in May.\n";

struct Battery {
    dir: tempfile::TempDir,
}

impl Battery {
    /// A story folder holding one good article.
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("story")).unwrap();
        fs::write(dir.path().join("story/good.txt"), GOOD).unwrap();
        Self { dir }
    }

    fn story(&self) -> PathBuf {
        self.dir.path().join("story")
    }

    fn add(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.story().join(name);
        fs::write(&path, bytes).unwrap();
        path
    }

    /// Runs compare on the story plus `extra` inputs; returns (exit code, stderr, out dir).
    fn run(&self, extra: &[&Path], args: &[&str]) -> (i32, String, PathBuf) {
        let out = self.dir.path().join("out");
        let output = Command::cargo_bin("crossclaim")
            .unwrap()
            .arg("compare")
            .arg(self.story())
            .args(extra)
            .arg("-o")
            .arg(&out)
            .arg("--quiet")
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(!stderr.contains("panicked"), "panic: {stderr}");
        (output.status.code().unwrap_or(-1), stderr, out)
    }
}

/// The checks every bad input must pass: named on stderr, listed, good file kept.
fn assert_skipped(battery: &Battery, name: &str, reason: &str, extra: &[&Path], args: &[&str]) {
    let (code, stderr, out) = battery.run(extra, args);
    assert_eq!(code, 4, "exit code for {name}: {stderr}");
    let line = stderr
        .lines()
        .find(|l| l.contains(name))
        .unwrap_or_else(|| panic!("no stderr line names {name}: {stderr}"));
    assert!(line.contains(reason), "{line:?} lacks {reason:?}");
    let summary = fs::read_to_string(out.join("summary.md")).unwrap();
    assert!(summary.contains(name), "summary.md does not list {name}");
    let json = fs::read_to_string(out.join("report.json")).unwrap();
    assert!(json.contains(name), "report.json does not list {name}");
    let claims = fs::read_to_string(out.join("claims.csv")).unwrap();
    assert!(
        claims.contains("The council approved 40 new homes"),
        "good article lost"
    );
}

#[test]
fn missing_path_is_a_usage_error_that_writes_nothing() {
    let b = Battery::new();
    let missing = b.dir.path().join("nowhere.txt");
    let (code, stderr, out) = b.run(&[&missing], &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("nowhere.txt: no such file"), "{stderr}");
    assert!(
        !out.exists(),
        "a run with a mistyped input wrote {}",
        out.display()
    );
}

#[test]
fn folder_without_articles() {
    let b = Battery::new();
    let empty = b.dir.path().join("empty-folder");
    fs::create_dir(&empty).unwrap();
    assert_skipped(&b, "empty-folder", "no article", &[&empty], &[]);
}

#[test]
fn empty_file() {
    let b = Battery::new();
    b.add("blank.txt", b"");
    assert_skipped(&b, "blank.txt", "empty", &[], &[]);
}

#[test]
fn binary_file() {
    let b = Battery::new();
    b.add(
        "image.txt",
        &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe],
    );
    assert_skipped(&b, "image.txt", "binary", &[], &[]);
}

#[test]
fn latin1_text_names_the_byte_offset() {
    let b = Battery::new();
    b.add("latin1.txt", b"The caf\xe9 closed after 30 years.");
    assert_skipped(&b, "latin1.txt", "offset 7", &[], &[]);
}

#[test]
fn file_over_the_size_limit() {
    let b = Battery::new();
    b.add("huge.txt", &vec![b'a'; 4096]);
    assert_skipped(&b, "huge.txt", "limit", &[], &["--max-file-size", "1000"]);
}

#[test]
fn unreadable_file() {
    let b = Battery::new();
    let target = b.story().join("gone.txt");
    #[cfg(unix)]
    std::os::unix::fs::symlink(b.dir.path().join("deleted-target"), &target).unwrap();
    #[cfg(not(unix))]
    return;
    assert_skipped(&b, "gone.txt", "no such file", &[], &[]);
}

#[test]
fn name_with_spaces_and_unicode_is_read() {
    let b = Battery::new();
    b.add(
        "Le Monde – édition spéciale.txt",
        b"The council approved 45 new homes on Monday.\n",
    );
    let (code, stderr, out) = b.run(&[], &[]);
    assert_eq!(code, 0, "{stderr}");
    let claims = fs::read_to_string(out.join("claims.csv")).unwrap();
    assert!(claims.contains("Le Monde – édition spéciale"));
}

#[test]
fn a_line_of_a_million_digits_is_no_figure_and_no_panic() {
    let b = Battery::new();
    let mut text = b"The count was ".to_vec();
    text.extend(std::iter::repeat_n(b'7', 1_000_000));
    text.extend(b".\n");
    b.add("digits.txt", &text);
    let (code, stderr, out) = b.run(&[], &[]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    for story in json["stories"].as_array().unwrap() {
        for s in story["sentences"].as_array().unwrap() {
            for q in s["quantities"].as_array().unwrap() {
                assert!(
                    q["value"].is_number(),
                    "non-finite value written: {}",
                    q["kind"]
                );
            }
        }
    }
}

#[test]
fn deeply_repeated_punctuation() {
    let b = Battery::new();
    let mut text = String::from("Wait");
    text.push_str(&"!?.".repeat(100_000));
    text.push_str(" Done.\n");
    text.push_str(&"\"(".repeat(50_000));
    b.add("punct.txt", text.as_bytes());
    let (code, stderr, _) = b.run(&[], &[]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn many_sentences_in_one_article() {
    let b = Battery::new();
    let text: String = (0..20_000)
        .map(|i| format!("Crew {i} reported {} repairs on the line. ", i % 97 + 1))
        .collect();
    b.add("long.txt", text.as_bytes());
    let (code, stderr, out) = b.run(&[], &[]);
    assert_eq!(code, 0, "{stderr}");
    let rows = csv::Reader::from_path(out.join("claims.csv"))
        .unwrap()
        .records()
        .count();
    assert_eq!(rows, 20_000 + 2);
}

#[test]
fn a_killed_run_leaves_the_previous_reports_whole() {
    let b = Battery::new();
    let (code, _, out) = b.run(&[], &[]);
    assert_eq!(code, 0);
    let before: Vec<Vec<u8>> = [
        "claims.csv",
        "disagreements.csv",
        "report.json",
        "summary.md",
        "report.html",
        "report.xlsx",
    ]
    .iter()
    .map(|n| fs::read(out.join(n)).unwrap())
    .collect();
    // A story large enough that the run is still going when it is killed.
    let text: String = (0..40_000)
        .map(|i| {
            format!(
                "Crew {i} fixed {} pipes in the north district. ",
                i % 89 + 2
            )
        })
        .collect();
    b.add("big-a.txt", text.as_bytes());
    b.add("big-b.txt", text.as_bytes());
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("crossclaim"))
        .arg("compare")
        .arg(b.story())
        .arg("-o")
        .arg(&out)
        .arg("--quiet")
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    let finished = child.try_wait().unwrap().is_some();
    child.kill().ok();
    child.wait().unwrap();
    if finished {
        return; // too fast to interrupt on this machine: nothing to check
    }
    let after: Vec<Vec<u8>> = [
        "claims.csv",
        "disagreements.csv",
        "report.json",
        "summary.md",
        "report.html",
        "report.xlsx",
    ]
    .iter()
    .map(|n| fs::read(out.join(n)).unwrap())
    .collect();
    assert!(before == after, "an interrupted run changed the reports");
    // The next run, on the small story again, clears what the killed one left behind.
    fs::remove_file(b.story().join("big-a.txt")).unwrap();
    fs::remove_file(b.story().join("big-b.txt")).unwrap();
    let (code, _, _) = b.run(&[], &[]);
    assert_eq!(code, 0);
    let leftovers: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.') && name != ".crossclaim-manifest")
        .collect();
    assert_eq!(leftovers, Vec::<String>::new());
}

#[test]
fn a_line_of_many_figures_without_stops_is_cut_and_read() {
    let b = Battery::new();
    // About 300 KB on one line: thousands of figures, sources and events, no stop.
    let text: String = (0..6_000)
        .map(|i| {
            format!(
                "officials said about {} homes were flooded near the river ",
                i % 50 + 2
            )
        })
        .collect();
    b.add("one-line.txt", text.as_bytes());
    let (code, stderr, out) = b.run(&[], &[]);
    assert_eq!(code, 0, "{stderr}");
    let mut reader = csv::Reader::from_path(out.join("claims.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let sentence = headers.iter().position(|h| h == "sentence").unwrap();
    let lengths: Vec<usize> = reader
        .records()
        .map(|r| r.unwrap()[sentence].len())
        .collect();
    // Cut into pieces a spreadsheet cell can hold, nothing dropped.
    assert!(lengths.len() > 60, "{}", lengths.len());
    assert!(lengths.iter().all(|&n| n <= 4096));
    assert!(lengths.iter().sum::<usize>() > text.len() - 200);
}

#[test]
fn outlet_and_story_names_never_become_paths() {
    let b = Battery::new();
    b.add(
        "export.jsonl",
        br#"{"outlet": "../../escaped", "story": "../../../tmp/evil", "text": "The council approved 41 new homes on Monday."}
{"outlet": "/etc/passwd", "story": "..", "text": "The council approved 44 new homes on Monday."}
"#,
    );
    let (code, stderr, out) = b.run(&[], &[]);
    assert!(code == 0 || code == 4, "{stderr}");
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".crossclaim-manifest",
            "claims.csv",
            "disagreements.csv",
            "report.html",
            "report.json",
            "report.xlsx",
            "stories",
            "summary.md"
        ]
    );
    // A page per story, named by a slug that holds no path.
    let mut pages: Vec<String> = fs::read_dir(out.join("stories"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert!(
        pages.iter().any(|p| p.starts_with("tmp-evil~")),
        "{pages:?}"
    );
    for page in &pages {
        let slug = page.strip_suffix(".html").expect("an HTML page");
        assert!(
            slug.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_~".contains(&b)),
            "{page}"
        );
    }
    let parent: Vec<String> = fs::read_dir(b.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !parent
            .iter()
            .any(|n| n.contains("escaped") || n.contains("evil")),
        "{parent:?}"
    );
    let claims = fs::read_to_string(out.join("claims.csv")).unwrap();
    assert!(claims.contains("../../escaped"), "names are kept as text");
}
