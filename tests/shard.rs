//! Sharding: `compare --shard i/N` on each shard, then `merge`, gives the same
//! bytes as one run over every story.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

/// A corpus folder with one sub-folder per fixture story.
fn corpus(root: &Path) {
    for entry in fs::read_dir("fixtures").unwrap() {
        let story = entry.unwrap().path();
        let articles = story.join("articles");
        if !articles.is_dir() {
            continue;
        }
        let target = root.join(story.file_name().unwrap());
        fs::create_dir_all(&target).unwrap();
        for file in fs::read_dir(&articles).unwrap() {
            let file = file.unwrap().path();
            fs::copy(&file, target.join(file.file_name().unwrap())).unwrap();
        }
    }
}

fn run(args: &[&str], paths: &[&Path]) {
    Command::cargo_bin("crossclaim")
        .unwrap()
        .args(args)
        .args(paths)
        .arg("--quiet")
        .assert()
        .success();
}

#[test]
fn shards_merged_equal_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let (input, whole) = (dir.path().join("corpus"), dir.path().join("whole"));
    corpus(&input);
    run(&["compare", "-o"], &[&whole, &input]);
    let shard_dirs: Vec<_> = (0..3)
        .map(|i| dir.path().join(format!("shard{i}")))
        .collect();
    for (i, out) in shard_dirs.iter().enumerate() {
        run(
            &["compare", "--shard", &format!("{i}/3"), "-o"],
            &[out, &input],
        );
    }
    let merged = dir.path().join("merged");
    let mut args: Vec<&Path> = vec![&merged];
    args.extend(shard_dirs.iter().map(|p| p.as_path()));
    run(&["merge", "-o"], &args);
    for name in [
        "claims.csv",
        "disagreements.csv",
        "report.json",
        "summary.md",
        "report.html",
        "report.xlsx",
    ] {
        let a = fs::read(whole.join(name)).unwrap();
        let b = fs::read(merged.join(name)).unwrap();
        assert!(a == b, "{name} differs after merge");
    }
    assert!(pages(&whole).len() > 3, "a page per story");
    same_pages(&whole, &merged).unwrap();
}

/// The story pages beside `report.html`, by name, with their bytes.
fn pages(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(listing) = fs::read_dir(dir.join("stories")) else {
        return Vec::new();
    };
    let mut pages: Vec<(String, Vec<u8>)> = listing
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&path).unwrap())
        })
        .collect();
    pages.sort();
    pages
}

/// Whether two report folders hold the same story pages, naming the first that differs.
fn same_pages(a: &Path, b: &Path) -> Result<(), String> {
    let (a, b) = (pages(a), pages(b));
    let names = |p: &[(String, Vec<u8>)]| p.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    if names(&a) != names(&b) {
        return Err(format!("story pages {:?} and {:?}", names(&a), names(&b)));
    }
    match a.iter().zip(&b).find(|(x, y)| x.1 != y.1) {
        Some((x, _)) => Err(format!("stories/{} differs", x.0)),
        None => Ok(()),
    }
}

/// Four story folders in which the outlet `daily` ends every article with the
/// same line: boilerplate, but only when its articles are counted across stories.
fn footer_corpus(root: &Path) {
    let footer = "Read the Daily Ledger every morning for the region's news.";
    let facts = [
        (
            "bridge",
            "The bridge closed after 40 cracks were found.",
            "Engineers found about 45 cracks in the bridge.",
        ),
        (
            "harvest",
            "Farmers lost 1,200 acres of wheat to the hail.",
            "The hail destroyed 3,000 acres of wheat, farmers said.",
        ),
        (
            "market",
            "The market reopened with 80 stalls on Saturday.",
            "About 80 stalls opened when the market came back.",
        ),
        (
            "transit",
            "Bus fares rose by 12% in the city.",
            "The city raised bus fares by 20%.",
        ),
    ];
    for (story, a, b) in facts {
        let folder = root.join(story);
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join("daily.txt"), format!("{a}\n\n{footer}\n")).unwrap();
        fs::write(folder.join("wire.txt"), format!("{b}\n")).unwrap();
    }
}

fn crossclaim(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("crossclaim")
        .unwrap()
        .args(args)
        .arg("--quiet")
        .assert()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Whether two report folders hold the same bytes, naming the first file that differs.
fn same_reports(a: &Path, b: &Path) -> Result<(), String> {
    for name in [
        "claims.csv",
        "disagreements.csv",
        "report.json",
        "summary.md",
        "report.html",
    ] {
        if fs::read(a.join(name)).unwrap() != fs::read(b.join(name)).unwrap() {
            return Err(format!("{name} differs"));
        }
    }
    same_pages(a, b)
}

/// Merges the shards `out0` and `out1` and asserts the bytes of the run `whole`.
fn merge_two_into_one_run(path: &dyn Fn(&str) -> std::path::PathBuf) {
    crossclaim(&[
        "merge",
        s(&path("out0")),
        s(&path("out1")),
        "-o",
        s(&path("merged")),
    ])
    .success();
    same_reports(&path("whole"), &path("merged")).unwrap();
}

#[test]
fn bins_of_story_folders_with_a_corpus_table_merge_into_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    let corpus = path("corpus");
    footer_corpus(&corpus);
    crossclaim(&["compare", s(&corpus), "-o", s(&path("whole"))]).success();
    let claims = fs::read_to_string(path("whole").join("claims.csv")).unwrap();
    assert!(!claims.contains("Daily Ledger every morning"), "{claims}");

    // Two bins that no hash makes: {bridge, transit} and {harvest, market}.
    fs::write(path("bin0"), "bridge\ntransit\n").unwrap();
    fs::write(path("bin1"), "harvest\nmarket\n").unwrap();
    // The table is counted in two parts that split the files, then added up.
    for part in ["0/2", "1/2"] {
        let out = path(&format!("table{}", &part[..1]));
        crossclaim(&["boilerplate", s(&corpus), "--part", part, "-o", s(&out)]).success();
    }
    crossclaim(&[
        "boilerplate",
        "--merge",
        s(&path("table0")),
        s(&path("table1")),
        "-o",
        s(&path("table")),
    ])
    .success();
    for i in 0..2 {
        let bin = path(&format!("bin{i}"));
        let out = path(&format!("out{i}"));
        crossclaim(&[
            "compare",
            s(&corpus),
            "--boilerplate",
            s(&path("table")),
            "--stories-from",
            s(&bin),
            "--shard",
            &format!("{i}/2"),
            "-o",
            s(&out),
        ])
        .success();
    }
    merge_two_into_one_run(&path);

    // Without the table a bin sees two of daily's articles only, keeps the
    // footer, and the merged reports are not those of one run.
    for i in 0..2 {
        let bin = path(&format!("bin{i}"));
        let part = path(&format!("part{i}"));
        fs::create_dir_all(&part).unwrap();
        for story in fs::read_to_string(&bin).unwrap().lines() {
            fs::rename(corpus.join(story), part.join(story)).unwrap();
        }
        crossclaim(&[
            "compare",
            s(&part),
            "--shard",
            &format!("{i}/2"),
            "--stories-from",
            s(&bin),
            "-o",
            s(&path(&format!("alone{i}"))),
        ])
        .success();
    }
    let alone = fs::read_to_string(path("alone0").join("claims.csv")).unwrap();
    assert!(alone.contains("Daily Ledger every morning"), "{alone}");
}

#[test]
fn records_on_standard_input_give_the_bytes_of_the_folder_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    let corpus = path("corpus");
    footer_corpus(&corpus);
    crossclaim(&["compare", s(&corpus), "-o", s(&path("whole"))]).success();

    // Each article as a record named by the path the folder run shows,
    // listed in an order of its own (a cluster keeps no order).
    let mut records = Vec::new();
    for story in ["transit", "bridge", "market", "harvest"] {
        for outlet in ["wire", "daily"] {
            let file = corpus.join(story).join(format!("{outlet}.txt"));
            let record = serde_json::json!({
                "id": format!("corpus/{story}/{outlet}.txt"),
                "story": story,
                "text": fs::read_to_string(&file).unwrap(),
            });
            records.push((story, record.to_string()));
        }
    }
    let all: String = records.iter().map(|(_, r)| format!("{r}\n")).collect();
    Command::cargo_bin("crossclaim")
        .unwrap()
        .args(["boilerplate", "-", "-o", s(&path("table"))])
        .write_stdin(all)
        .assert()
        .success();
    for (i, bin) in [["bridge", "transit"], ["harvest", "market"]]
        .iter()
        .enumerate()
    {
        fs::write(path(&format!("bin{i}")), bin.join("\n")).unwrap();
        let mine: String = records
            .iter()
            .filter(|(story, _)| bin.contains(story))
            .map(|(_, r)| format!("{r}\n"))
            .collect();
        Command::cargo_bin("crossclaim")
            .unwrap()
            .args(["compare", "-", "--quiet", "--boilerplate"])
            .arg(path("table"))
            .arg("--stories-from")
            .arg(path(&format!("bin{i}")))
            .args(["--shard", &format!("{i}/2"), "-o"])
            .arg(path(&format!("out{i}")))
            .write_stdin(mine)
            .assert()
            .success();
    }
    merge_two_into_one_run(&path);
}

#[test]
fn a_record_without_id_or_url_is_named_by_the_source_name_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    Command::cargo_bin("crossclaim")
        .unwrap()
        .args(["compare", "-", "--quiet", "--source-name", "feed", "-o"])
        .arg(&out)
        .write_stdin(concat!(
            "{\"outlet\": \"a\", \"story\": \"s\", \"text\": \"It rained 5 days.\"}\n",
            "{\"url\": \"https://b.example/x\", \"story\": \"s\", \"text\": \"It rained 6 days.\"}\n",
            "not json\n"
        ))
        .assert()
        .code(4)
        .stderr(predicates::str::contains("feed#3: not valid JSON"));
    let claims = fs::read_to_string(out.join("claims.csv")).unwrap();
    assert!(claims.contains(",feed#1,"), "{claims}");
    assert!(claims.contains(",https://b.example/x,"), "{claims}");
}

#[test]
fn a_table_of_other_settings_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    footer_corpus(&corpus);
    let table = dir.path().join("t.table");
    crossclaim(&["boilerplate", s(&corpus), "-o", s(&table)]).success();
    crossclaim(&[
        "compare",
        s(&corpus),
        "--boilerplate",
        s(&table),
        "--max-file-size",
        "1000",
        "-o",
        s(&dir.path().join("out")),
    ])
    .code(2)
    .stderr(predicates::str::contains(
        "t.table: counted with other settings",
    ));
    fs::write(&table, "{\"format\": \"something else\"}\n").unwrap();
    crossclaim(&[
        "compare",
        s(&corpus),
        "--boilerplate",
        s(&table),
        "-o",
        s(&dir.path().join("out")),
    ])
    .code(2)
    .stderr(predicates::str::contains(
        "t.table: line 1: not a corpus table",
    ));
}

#[test]
fn merge_reads_a_report_json_laid_out_otherwise_and_names_a_damaged_story() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    let corpus = path("corpus");
    footer_corpus(&corpus);
    crossclaim(&["compare", s(&corpus), "-o", s(&path("whole"))]).success();
    for i in 0..2 {
        let out = path(&format!("out{i}"));
        crossclaim(&[
            "compare",
            s(&corpus),
            "--shard",
            &format!("{i}/2"),
            "-o",
            s(&out),
        ])
        .success();
    }
    // Shard 0 rewritten onto one line (no manifest: a folder of an older version).
    let json = path("out0").join("report.json");
    let value: serde_json::Value = serde_json::from_slice(&fs::read(&json).unwrap()).unwrap();
    fs::write(&json, value.to_string()).unwrap();
    fs::remove_file(path("out0").join(".crossclaim-manifest")).unwrap();
    let merge = |out: &str| {
        crossclaim(&[
            "merge",
            s(&path("out0")),
            s(&path("out1")),
            "-o",
            s(&path(out)),
        ])
    };
    merge("merged").success();
    same_reports(&path("whole"), &path("merged")).unwrap();

    // A damaged sentence index in shard 1's last story is named, and nothing is written.
    let json = path("out1").join("report.json");
    let text = fs::read_to_string(&json).unwrap();
    let at = text.rfind("\"article\": 0").unwrap();
    let damaged = format!("{}\"article\": 9{}", &text[..at], &text[at + 12..]);
    fs::write(&json, damaged).unwrap();
    fs::remove_file(path("out1").join(".crossclaim-manifest")).unwrap();
    merge("broken")
        .code(2)
        .stderr(predicates::str::contains("out1/report.json"))
        .stderr(predicates::str::contains("article = 9: no such article"));
    assert!(!path("broken").join("claims.csv").exists());
}

#[test]
fn an_empty_partition_on_standard_input_is_an_empty_shard_not_a_skipped_input() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    footer_corpus(&corpus);
    let table = dir.path().join("table");
    crossclaim(&["boilerplate", s(&corpus), "-o", s(&table)]).success();
    let empty = dir.path().join("empty");
    fs::write(&empty, "").unwrap();
    let compare = |extra: &[&str], out: &str| {
        Command::cargo_bin("crossclaim")
            .unwrap()
            .args(["compare", "-", "--quiet", "--stories-from"])
            .arg(&empty)
            .args(extra)
            .arg("-o")
            .arg(dir.path().join(out))
            .write_stdin("\n")
            .assert()
    };
    compare(&["--boilerplate", s(&table), "--shard", "1/2"], "shard").success();
    let summary = fs::read_to_string(dir.path().join("shard/summary.md")).unwrap();
    assert!(summary.contains("0 stories, 0 articles"), "{summary}");
    assert!(!summary.contains("Skipped"), "{summary}");
    // Without a table nothing says the corpus has articles: nothing is written.
    compare(&[], "alone")
        .code(2)
        .stderr(predicates::str::contains("no article could be read"));
}
