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
}
