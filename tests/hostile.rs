//! The hostile battery of issue 19: each numbered case of the issue is a test
//! here, named after what must hold. Reports are never lost or mixed, no gate
//! passes when it should fail, and no input stalls or kills a run.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const GOOD: &str = "The council approved 40 new homes on Monday. Building starts in May.\n";
const OTHER: &str = "The council approved 45 new homes on Monday, officials said.\n";
const REPORTS: [&str; 6] = [
    "claims.csv",
    "disagreements.csv",
    "report.json",
    "summary.md",
    "report.html",
    "report.xlsx",
];

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("crossclaim")
}

/// What a finished run left: exit code (None when killed), stdout, stderr.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs crossclaim with `args`; kills it and returns code None after `limit`.
fn run_with(args: &[&str], setup: impl FnOnce(&mut Command), limit: Duration) -> Run {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    setup(&mut cmd);
    let mut child = cmd.spawn().expect("crossclaim starts");
    // Drain both pipes on threads so that a chatty child never blocks.
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_string(&mut text);
            }
            text
        })
    };
    let out = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let err = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let start = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status.code();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let run = Run {
        code,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    };
    assert!(!run.stderr.contains("panicked"), "panic: {}", run.stderr);
    run
}

fn run(args: &[&str]) -> Run {
    run_with(args, |_| {}, Duration::from_secs(120))
}

fn s(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temporary path")
}

/// A temporary folder with a story folder `s` of two good articles.
fn story() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("s");
    fs::create_dir(&story).unwrap();
    fs::write(story.join("good.txt"), GOOD).unwrap();
    fs::write(story.join("other.txt"), OTHER).unwrap();
    (dir, story)
}

fn snapshot(out: &Path) -> Vec<Vec<u8>> {
    REPORTS
        .iter()
        .map(|n| fs::read(out.join(n)).unwrap_or_default())
        .collect()
}

fn compare(inputs: &[&Path], out: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["compare", "--quiet", "-o", s(out)];
    args.extend(inputs.iter().map(|p| s(p)));
    args.extend(extra);
    run(&args)
}

fn report_json(out: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(out.join("report.json")).unwrap()).unwrap()
}

/// Every article source in a report folder.
fn sources(out: &Path) -> Vec<String> {
    let json = report_json(out);
    let mut sources: Vec<String> = json["stories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["articles"].as_array().unwrap().iter())
        .map(|a| a["source"].as_str().unwrap().to_owned())
        .collect();
    sources.sort();
    sources
}

/// Files and folders in `dir` whose names start with `prefix`.
fn named(dir: &Path, prefix: &str) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect()
}

// 1
#[test]
fn a_mistyped_input_or_nothing_readable_keeps_the_good_reports() {
    let (dir, story) = story();
    let out = dir.path().join("r");
    assert_eq!(compare(&[&story], &out, &[]).code, Some(0));
    let good = snapshot(&out);

    let typo = compare(&[&dir.path().join("stroy")], &out, &[]);
    assert_eq!(typo.code, Some(2), "{}", typo.stderr);
    assert!(
        typo.stderr.contains("stroy: no such file"),
        "{}",
        typo.stderr
    );
    assert!(
        snapshot(&out) == good,
        "a missing input changed the reports"
    );

    let nothing = compare(&[&story], &out, &["--max-file-size", "0"]);
    assert_eq!(nothing.code, Some(2), "{}", nothing.stderr);
    assert!(
        nothing.stderr.contains("no article could be read"),
        "{}",
        nothing.stderr
    );
    assert!(
        snapshot(&out) == good,
        "a run that read nothing changed the reports"
    );

    let stdin = run_with(
        &["compare", "--quiet", "-o", s(&out), "-"],
        |cmd| {
            cmd.stdin(fs::File::open(story.join("good.txt")).unwrap());
        },
        Duration::from_secs(60),
    );
    assert_eq!(stdin.code, Some(2), "{}", stdin.stderr);
    assert!(snapshot(&out) == good, "`compare -` changed the reports");
}

// 2
#[test]
fn a_second_run_on_a_locked_folder_fails_and_leaves_it_alone() {
    let (dir, story) = story();
    let out = dir.path().join("r");
    assert_eq!(compare(&[&story], &out, &[]).code, Some(0));
    let good = snapshot(&out);
    // Another run holds the folder: this one must not write or clear anything.
    let held = fs::File::open(&out).unwrap();
    held.lock().unwrap();
    let second = compare(&[&story], &out, &["--bom"]);
    assert_eq!(second.code, Some(2), "{}", second.stderr);
    assert!(
        second.stderr.contains("another crossclaim run"),
        "{}",
        second.stderr
    );
    assert!(snapshot(&out) == good);
    drop(held);
    assert_eq!(compare(&[&story], &out, &["--bom"]).code, Some(0));
}

// 2
#[test]
fn reports_of_two_generations_are_refused_by_diff_merge_and_eval() {
    let (dir, story) = story();
    let out = dir.path().join("r");
    assert_eq!(compare(&[&story.join("good.txt")], &out, &[]).code, Some(0));
    let old_json = fs::read(out.join("report.json")).unwrap();
    let old_claims = fs::read(out.join("claims.csv")).unwrap();
    assert_eq!(compare(&[&story], &out, &[]).code, Some(0));
    assert_eq!(run(&["diff", s(&out), s(&out)]).code, Some(0));
    // A run killed between its renames leaves one file of the old generation.
    fs::write(out.join("report.json"), &old_json).unwrap();
    let diff = run(&["diff", s(&out), s(&out)]);
    assert_eq!(diff.code, Some(2), "{}", diff.stderr);
    assert!(diff.stderr.contains("different runs"), "{}", diff.stderr);
    let merged = dir.path().join("merged");
    let merge = run(&["merge", "--quiet", "-o", s(&merged), s(&out)]);
    assert_eq!(merge.code, Some(2), "{}", merge.stderr);
    assert!(merge.stderr.contains("different runs"), "{}", merge.stderr);
    fs::write(out.join("claims.csv"), &old_claims).unwrap();
    let gold = dir.path().join("gold.json");
    fs::write(&gold, r#"{"claims": [{"id": "c", "members": []}]}"#).unwrap();
    let eval = run(&["eval", "--gold", s(&gold), s(&out)]);
    assert_eq!(eval.code, Some(2), "{}", eval.stderr);
    assert!(eval.stderr.contains("different runs"), "{}", eval.stderr);
}

// 3
#[test]
fn staging_removes_only_its_own_files() {
    let (dir, story) = story();
    let out = dir.path().join("r");
    let mine = out.join(".crossclaim-staging-123");
    fs::create_dir_all(&mine).unwrap();
    fs::write(mine.join("keep.txt"), "the user's").unwrap();
    assert_eq!(compare(&[&story], &out, &[]).code, Some(0));
    assert!(
        mine.join("keep.txt").is_file(),
        "a user's folder was deleted"
    );
    assert_eq!(
        named(&out, ".crossclaim-staging"),
        [".crossclaim-staging-123"]
    );
}

// 3
#[cfg(unix)]
#[test]
fn a_write_error_names_the_file_and_leaves_no_partial_files() {
    let (dir, story) = story();
    let out = dir.path().join("r");
    assert_eq!(compare(&[&story], &out, &[]).code, Some(0));
    let good = snapshot(&out);
    // A story whose claims.csv outgrows a file-size limit of 8 KB: writes past
    // it fail with EFBIG, as on a full disk.
    let text: String = (0..400)
        .map(|i| {
            format!(
                "Crew {i} fixed {} pipes in the north district. ",
                i % 89 + 2
            )
        })
        .collect();
    fs::write(story.join("long.txt"), text).unwrap();
    let script = "trap '' XFSZ; ulimit -f 16; exec \"$0\" \"$@\"";
    let full = Command::new("sh")
        .args([
            "-c",
            script,
            s(&bin()),
            "compare",
            "--quiet",
            "-o",
            s(&out),
            s(&story),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&full.stderr);
    assert_eq!(full.status.code(), Some(2), "{stderr}");
    // The first report to pass the limit: a CSV, or the temporary file of a sheet.
    assert!(
        stderr.contains(".crossclaim-staging/claims.csv")
            || stderr.contains(".crossclaim-staging/report.xlsx: a temporary file"),
        "{stderr}"
    );
    assert!(snapshot(&out) == good, "a failed run changed the reports");
    assert_eq!(named(&out, ".crossclaim-staging"), Vec::<String>::new());
}

// 4
#[test]
fn reports_in_the_output_folder_are_never_read_back() {
    let (dir, story) = story();
    for _ in 0..2 {
        let again = compare(&[&story], &story, &[]);
        assert_eq!(again.code, Some(0), "{}", again.stderr);
    }
    assert_eq!(sources(&story), ["s/good.txt", "s/other.txt"]);

    let corpus = dir.path().join("corpus");
    fs::create_dir_all(corpus.join("a")).unwrap();
    fs::create_dir_all(corpus.join("b")).unwrap();
    fs::write(corpus.join("a/one.txt"), GOOD).unwrap();
    fs::write(corpus.join("b/two.txt"), OTHER).unwrap();
    let reports = corpus.join("reports");
    for _ in 0..2 {
        let again = compare(&[&corpus], &reports, &[]);
        assert_eq!(again.code, Some(0), "{}", again.stderr);
    }
    let json = report_json(&reports);
    let stories: Vec<&str> = json["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(stories, ["a", "b"]);
}

// 5
#[test]
fn a_file_named_several_times_is_one_article() {
    let (dir, story) = story();
    let good = story.join("good.txt");
    let out = dir.path().join("r");
    for times in [2, 3] {
        let inputs = vec![good.as_path(); times];
        let result = compare(&inputs, &out, &[]);
        assert_eq!(result.code, Some(0), "{}", result.stderr);
        assert_eq!(sources(&out), ["good.txt"], "given {times} times");
    }
    let result = compare(&[&story, &good], &out, &[]);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    assert_eq!(sources(&out), ["s/good.txt", "s/other.txt"]);
}

// 6
#[test]
fn a_csv_row_with_an_unterminated_quote_is_refused_with_its_line() {
    let (dir, story) = story();
    fs::write(
        story.join("export.csv"),
        "outlet,text\nHerald,\"The council approved 41 new homes.\"\nPost,\"The council approved 42 new homes.\nWire,The council approved 43 new homes.\nDaily,\"The council approved 44 new homes.\"\n",
    )
    .unwrap();
    let out = dir.path().join("r");
    let result = compare(&[&story], &out, &[]);
    assert_eq!(result.code, Some(4), "{}", result.stderr);
    let line = result
        .stderr
        .lines()
        .find(|l| l.contains("export.csv#2"))
        .unwrap_or_else(|| panic!("no line names export.csv#2: {}", result.stderr));
    assert!(
        line.contains("unterminated quote") && line.contains("line 3"),
        "{line}"
    );
    let claims = fs::read_to_string(out.join("claims.csv")).unwrap();
    for n in [41, 43, 44] {
        assert!(
            claims.contains(&format!("approved {n} new homes")),
            "row {n} lost"
        );
    }
}

// 7
#[test]
fn a_file_opening_with_a_rule_and_no_front_matter_is_read() {
    let (dir, story) = story();
    fs::write(
        story.join("ruled.md"),
        "---\nThe council approved 47 new homes on Monday.\n\nBuilding starts in June.\n",
    )
    .unwrap();
    let out = dir.path().join("r");
    let result = compare(&[&story], &out, &[]);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    let claims = fs::read_to_string(out.join("claims.csv")).unwrap();
    assert!(claims.contains("approved 47 new homes"), "{claims}");
}

// 8
#[cfg(unix)]
#[test]
fn file_names_stay_apart_and_input_order_changes_no_byte() {
    use std::os::unix::ffi::OsStrExt;
    let (dir, story) = story();
    for (byte, n) in [(0xe9u8, 48), (0xe8, 49)] {
        let bytes = [b'c', b'a', b'f', byte, b'.', b't', b'x', b't'];
        let name = std::ffi::OsStr::from_bytes(&bytes);
        fs::write(
            story.join(name),
            format!("The council approved {n} new homes.\n"),
        )
        .unwrap();
    }
    let out = dir.path().join("r");
    let result = compare(&[&story], &out, &[]);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    let sources = sources(&out);
    assert!(
        sources.contains(&"s/caf\\xE9.txt".to_owned()),
        "{sources:?}"
    );
    assert!(
        sources.contains(&"s/caf\\xE8.txt".to_owned()),
        "{sources:?}"
    );

    let (x, y) = (dir.path().join("x/s"), dir.path().join("y/s"));
    for (folder, text) in [(&x, GOOD), (&y, OTHER)] {
        fs::create_dir_all(folder).unwrap();
        fs::write(folder.join("wire.txt"), text).unwrap();
    }
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    let (xw, yw) = (x.join("wire.txt"), y.join("wire.txt"));
    assert_eq!(compare(&[&xw, &yw], &one, &[]).code, Some(0));
    assert_eq!(compare(&[&yw, &xw], &two, &[]).code, Some(0));
    assert!(
        snapshot(&one) == snapshot(&two),
        "the order of the inputs changed the bytes"
    );
    assert_eq!(self::sources(&one), ["x/s/wire.txt", "y/s/wire.txt"]);
}

/// The fixture story with a major disagreement, copied into `dir`.
fn disagreeing(dir: &Path) -> PathBuf {
    let story = dir.join("basic");
    fs::create_dir_all(&story).unwrap();
    for entry in fs::read_dir("fixtures/basic/articles").unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, story.join(path.file_name().unwrap())).unwrap();
    }
    story
}

/// Sets a standard stream to a pipe whose reader is gone: every write fails.
fn closed_pipe() -> std::io::PipeWriter {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    writer
}

// 9
#[test]
fn a_closed_stdout_never_turns_a_failing_gate_into_success() {
    let dir = tempfile::tempdir().unwrap();
    let story = disagreeing(dir.path());
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    assert_eq!(
        compare(&[&story.join("harbor-times.txt")], &old, &[]).code,
        Some(0)
    );
    assert_eq!(compare(&[&story], &new, &[]).code, Some(0));
    let closed = |cmd: &mut Command| {
        cmd.stdout(closed_pipe());
    };
    let limit = Duration::from_secs(120);
    let check = run_with(
        &["compare", "--quiet", "--check", "-o", s(&old), s(&story)],
        closed,
        limit,
    );
    assert_eq!(check.code, Some(1), "{}", check.stderr);
    let diff = run_with(
        &["diff", "--fail-on", "minor", s(&old), s(&new)],
        closed,
        limit,
    );
    assert_eq!(diff.code, Some(3), "{}", diff.stderr);
}

// 10
#[test]
fn a_closed_stderr_loses_warnings_never_the_reports() {
    let (dir, story) = story();
    fs::write(story.join("blank.txt"), "").unwrap();
    let out = dir.path().join("r");
    let result = run_with(
        &["compare", "--quiet", "-o", s(&out), s(&story)],
        |cmd| {
            cmd.stderr(closed_pipe());
        },
        Duration::from_secs(120),
    );
    assert_eq!(result.code, Some(4));
    assert!(
        fs::read_to_string(out.join("summary.md"))
            .unwrap()
            .contains("blank.txt")
    );
}

// 11
#[test]
fn the_ci_gates_win_over_skipped_inputs_in_the_documented_order() {
    let dir = tempfile::tempdir().unwrap();
    let story = disagreeing(dir.path());
    fs::write(story.join("blank.txt"), "").unwrap();
    let out = dir.path().join("r");
    let both = compare(&[&story], &out, &["--fail-on", "major"]);
    assert_eq!(both.code, Some(3), "{}", both.stderr);
    assert!(both.stderr.contains("skipped"), "{}", both.stderr);
    fs::write(out.join("summary.md"), "stale\n").unwrap();
    let all = compare(&[&story], &out, &["--fail-on", "major", "--check"]);
    assert_eq!(all.code, Some(1), "{}", all.stderr);
    let help = run(&["compare", "--help"]);
    assert!(
        help.stdout.contains("the first in this list wins"),
        "{}",
        help.stdout
    );
}

// 12
#[test]
fn config_values_that_would_silence_the_gates_are_refused_by_key() {
    let (dir, story) = story();
    let out = dir.path().join("r");
    for (toml, key) in [
        ("[align]\nthreshold = nan\n", "[align] threshold"),
        ("[compare]\nmax_ratio = -1.0\n", "[compare] max_ratio"),
        ("[compare]\nmajor = inf\n", "[compare] major"),
    ] {
        let config = dir.path().join("crossclaim.toml");
        fs::write(&config, toml).unwrap();
        let result = compare(&[&story], &out, &["--config", s(&config)]);
        assert_eq!(result.code, Some(2), "{toml}: {}", result.stderr);
        assert!(result.stderr.contains(key), "{}", result.stderr);
    }
}

/// A corpus of four small stories and its three shards' report folders.
fn shards(dir: &Path, count: usize) -> Vec<PathBuf> {
    let corpus = dir.join("corpus");
    for (i, name) in ["alpha", "beta", "gamma", "delta"].iter().enumerate() {
        fs::create_dir_all(corpus.join(name)).unwrap();
        let text = format!("The council of {name} approved {} new homes.\n", 40 + i);
        fs::write(corpus.join(name).join("daily.txt"), text).unwrap();
    }
    (0..count)
        .map(|i| {
            let out = dir.join(format!("shard-{i}-of-{count}"));
            let shard = format!("{i}/{count}");
            let result = compare(&[&corpus], &out, &["--shard", &shard]);
            assert_eq!(result.code, Some(0), "{}", result.stderr);
            out
        })
        .collect()
}

// 13
#[test]
fn merge_refuses_an_incomplete_or_mixed_set_of_shards() {
    let dir = tempfile::tempdir().unwrap();
    let three = shards(dir.path(), 3);
    let two = shards(dir.path(), 2);
    let merged = dir.path().join("merged");
    let merge = |dirs: &[&PathBuf]| {
        let mut args = vec!["merge", "--quiet", "-o", s(&merged)];
        args.extend(dirs.iter().map(|d| s(d)));
        run(&args)
    };
    let partial = merge(&[&three[0], &three[1]]);
    assert_eq!(partial.code, Some(2), "{}", partial.stderr);
    assert!(partial.stderr.contains("2/3 missing"), "{}", partial.stderr);
    let mixed = merge(&[&three[0], &three[1], &two[1]]);
    assert_eq!(mixed.code, Some(2), "{}", mixed.stderr);
    let twice = merge(&[&three[0], &three[1], &three[1]]);
    assert_eq!(twice.code, Some(2), "{}", twice.stderr);
    assert!(twice.stderr.contains("given twice"), "{}", twice.stderr);
    assert_eq!(merge(&[&three[0], &three[1], &three[2]]).code, Some(0));
    assert_eq!(merge(&[&two[1], &two[0]]).code, Some(0));
}

// 13
#[test]
fn eval_refuses_an_empty_or_misspelt_gold_file() {
    let (dir, story) = story();
    let out = dir.path().join("r");
    assert_eq!(compare(&[&story], &out, &[]).code, Some(0));
    let gold = dir.path().join("gold.json");
    for text in [
        "[]",
        "{}",
        r#"{"disagreement": [{"id": "d", "values": []}]}"#,
    ] {
        fs::write(&gold, text).unwrap();
        let result = run(&["eval", "--gold", s(&gold), s(&out)]);
        assert_eq!(result.code, Some(2), "{text}: {}", result.stdout);
    }
}

/// `depth` nested `<div>`s around one paragraph.
fn nested(depth: usize, n: usize) -> String {
    format!(
        "<html><body>{}<p>The council approved {n} new homes on Monday.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    )
}

// 14
#[test]
fn deeply_nested_html_costs_only_itself() {
    let (dir, story) = story();
    fs::write(story.join("deep.html"), nested(20_000, 51)).unwrap();
    fs::write(story.join("slow.html"), nested(8_000, 52)).unwrap();
    let record = serde_json::json!({"outlet": "Feed", "text": nested(15_000, 53)});
    fs::write(story.join("feed.jsonl"), format!("{record}\n")).unwrap();
    let out = dir.path().join("r");
    let result = compare(&[&story], &out, &[]);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    let claims = fs::read_to_string(out.join("claims.csv")).unwrap();
    for n in [40, 51, 52, 53] {
        assert!(
            claims.contains(&format!("approved {n} new homes")),
            "article {n} lost"
        );
    }
}

// 15
#[cfg(unix)]
#[test]
fn fifos_and_devices_are_refused_and_the_limit_counts_bytes_read() {
    let (dir, story) = story();
    let fifo = story.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    std::os::unix::fs::symlink("/dev/zero", story.join("zero.txt")).unwrap();
    std::os::unix::fs::symlink("/dev/urandom", story.join("random.txt")).unwrap();
    let out = dir.path().join("r");
    let result = run_with(
        &["compare", "--quiet", "-o", s(&out), s(&story)],
        |_| {},
        Duration::from_secs(60),
    );
    assert_eq!(result.code, Some(4), "hung or failed: {}", result.stderr);
    for (name, reason) in [
        ("pipe.txt", "named pipe"),
        ("zero.txt", "device"),
        ("random.txt", "device"),
    ] {
        let line = result.stderr.lines().find(|l| l.contains(name));
        assert!(
            line.is_some_and(|l| l.contains(reason)),
            "{name}: {}",
            result.stderr
        );
    }
    // A file whose metadata says 0 bytes is still held to the limit.
    #[cfg(target_os = "linux")]
    {
        let (dir, story) = self::story();
        std::os::unix::fs::symlink("/proc/self/status", story.join("status.txt")).unwrap();
        let out = dir.path().join("r");
        let result = compare(&[&story], &out, &["--max-file-size", "100"]);
        assert_eq!(result.code, Some(4), "{}", result.stderr);
        let line = result.stderr.lines().find(|l| l.contains("status.txt"));
        assert!(
            line.is_some_and(|l| l.contains("more than 100 bytes")),
            "{}",
            result.stderr
        );
    }
}

// 16
#[test]
fn thread_counts_beyond_the_cap_are_refused() {
    let (dir, story) = story();
    let out = dir.path().join("r");
    for threads in ["1000000", "10000", "0"] {
        let result = run_with(
            &[
                "--threads",
                threads,
                "compare",
                "--quiet",
                "-o",
                s(&out),
                s(&story),
            ],
            |_| {},
            Duration::from_secs(30),
        );
        assert_eq!(
            result.code,
            Some(2),
            "--threads {threads}: {}",
            result.stderr
        );
    }
    let result = compare(&[&story], &out, &["--threads", "512"]);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
}

/// A change made by hand to a report.json.
type Edit = fn(&mut serde_json::Value);

// 17
#[test]
fn merge_names_the_file_and_field_of_a_damaged_report() {
    let dir = tempfile::tempdir().unwrap();
    let shard = shards(dir.path(), 1).remove(0);
    let path = shard.join("report.json");
    let good: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    // Edited by hand: no manifest vouches for it, so only its contents are checked.
    let _ = fs::remove_file(shard.join(".crossclaim-manifest"));
    let damage: [(&str, Edit); 4] = [
        ("claims[0].members", |j| {
            j["stories"][0]["claims"][0]["members"] = serde_json::json!([])
        }),
        ("claims[0].members[0]", |j| {
            j["stories"][0]["claims"][0]["members"] = serde_json::json!([999])
        }),
        ("sentences[0].article", |j| {
            j["stories"][0]["sentences"][0]["article"] = serde_json::json!(7)
        }),
        ("disagreements[0].a.sentence", |j| {
            j["stories"][0]["disagreements"] = serde_json::json!([{
                "id": "x", "verdict": "disagreement", "severity": "major", "measure": "m",
                "a": {"sentence": 99, "quantity": 0}, "b": {"sentence": 0, "quantity": 0},
                "relative_difference": 0.5, "source_a": null, "source_b": null,
                "explanation": "e"
            }])
        }),
    ];
    let merged = dir.path().join("merged");
    for (field, edit) in damage {
        let mut json = good.clone();
        edit(&mut json);
        let mut file = fs::File::create(&path).unwrap();
        file.write_all(json.to_string().as_bytes()).unwrap();
        drop(file);
        let result = run(&["merge", "--quiet", "-o", s(&merged), s(&shard)]);
        assert_eq!(result.code, Some(2), "{field}: {}", result.stderr);
        assert!(result.stderr.contains(field), "{field}: {}", result.stderr);
        assert!(result.stderr.contains("report.json"), "{}", result.stderr);
    }
}

// 15
#[cfg(unix)]
#[test]
fn a_config_gold_file_or_report_that_is_a_device_is_refused() {
    let (dir, story) = story();
    let out = dir.path().join("r");
    assert_eq!(compare(&[&story], &out, &[]).code, Some(0));
    let limit = Duration::from_secs(30);
    let config = run_with(
        &[
            "compare",
            "--quiet",
            "--config",
            "/dev/zero",
            "-o",
            s(&out),
            s(&story),
        ],
        |_| {},
        limit,
    );
    assert_eq!(config.code, Some(2), "{}", config.stderr);
    let gold = run_with(&["eval", "--gold", "/dev/zero", s(&out)], |_| {}, limit);
    assert_eq!(gold.code, Some(2), "{}", gold.stderr);
    let shard = dir.path().join("shard");
    fs::create_dir(&shard).unwrap();
    std::os::unix::fs::symlink("/dev/zero", shard.join("report.json")).unwrap();
    let merged = dir.path().join("merged");
    let merge = run_with(
        &["merge", "--quiet", "-o", s(&merged), s(&shard)],
        |_| {},
        limit,
    );
    assert_eq!(merge.code, Some(2), "{}", merge.stderr);
    assert!(merge.stderr.contains("not a file"), "{}", merge.stderr);
}
