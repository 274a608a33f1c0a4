//! `report.html` as a reader meets it (issue 20): one card per measure with
//! every outlet's figure on a number line; each article's title, date and
//! link; for a corpus, an index sorted by disagreements with one page per
//! story, written as one generation, the same for any thread count, and seen
//! by `--check`. (`tests/shard.rs` checks the pages after `merge`.)

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const ONE_CARD: &str = "fixtures/html-one-card/blast";
const META: &str = "fixtures/html-article-meta/export.jsonl";

fn crossclaim() -> Command {
    let mut cmd = Command::cargo_bin("crossclaim").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// Runs `compare INPUTS -o OUT EXTRA` and returns the exit code and stderr.
fn compare(inputs: &[&Path], out: &Path, extra: &[&str]) -> (i32, String) {
    let output = crossclaim()
        .arg("compare")
        .args(inputs)
        .arg("-o")
        .arg(out)
        .arg("--quiet")
        .args(extra)
        .output()
        .expect("crossclaim runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code().unwrap_or(-1), stderr)
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The file names in `out/stories`, sorted.
fn pages(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(out.join("stories"))
        .map(|listing| {
            listing
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A corpus of story folders: the articles of every fixture story, the
/// three-outlet story and the flood story.
fn corpus(root: &Path) -> PathBuf {
    let corpus = root.join("corpus");
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut folders: Vec<(String, PathBuf)> = Vec::new();
    for entry in fs::read_dir(manifest.join("fixtures")).unwrap() {
        let story = entry.unwrap().path();
        if story.join("articles").is_dir() {
            let name = story.file_name().unwrap().to_string_lossy().into_owned();
            folders.push((name, story.join("articles")));
        }
    }
    folders.push(("blast".into(), manifest.join(ONE_CARD)));
    folders.push((
        "valley-floods".into(),
        manifest.join("fixtures/report-flood/valley-floods"),
    ));
    for (name, from) in folders {
        let target = corpus.join(name);
        fs::create_dir_all(&target).unwrap();
        for file in fs::read_dir(&from).unwrap() {
            let file = file.unwrap().path();
            fs::copy(&file, target.join(file.file_name().unwrap())).unwrap();
        }
    }
    corpus
}

#[test]
fn three_outlets_of_one_measure_make_one_card_with_three_marks() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (code, stderr) = compare(&[Path::new(ONE_CARD)], &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    // The CSV keeps a row per conflicting pair...
    let rows = read(&out.join("disagreements.csv")).lines().count() - 1;
    assert_eq!(rows, 2);
    // ...and the page one card for the measure, each figure once on its line.
    let html = read(&out.join("report.html"));
    assert_eq!(html.matches("<section class=\"dis ").count(), 1, "{html}");
    assert_eq!(html.matches("<svg class=\"nl\"").count(), 1);
    assert_eq!(html.matches("<circle ").count(), 3);
    for outlet in ["east-gazette", "north-tribune", "west-ledger"] {
        assert!(html.contains(&format!("<title>{outlet}: ")), "{outlet}");
    }
    assert!(html.contains("3 figures, 3 outlets"));
    // Every row of the card keeps its id as an anchor.
    assert_eq!(html.matches("<li id=\"d").count(), 2);
    // A single story is one page: no index, no story pages.
    assert!(!html.contains("class=\"index\""));
    assert!(!out.join("stories").exists());
}

#[test]
fn articles_show_title_date_and_only_web_links() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (code, stderr) = compare(&[Path::new(META)], &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let html = read(&out.join("report.html"));
    assert!(html.contains(
        "<a href=\"https://courier.example/dam-repair\">Dam repair to take 18 months</a>"
    ));
    assert!(html.contains("2024-03-05"));
    // A url that is no web address is shown as no link.
    assert!(html.contains("</span> Water board starts dam works <span"));
    assert!(!html.contains("javascript:"), "{html}");
}

/// The index rows: (page, story, major, minor, updates).
fn index_rows(html: &str) -> Vec<(String, String, usize, usize, usize)> {
    let body = &html[html.find("<tbody>").expect("an index table")..];
    body.lines()
        .filter(|l| l.starts_with("<tr><td><a href=\""))
        .map(|l| {
            let href = l["<tr><td><a href=\"".len()..].split('"').next().unwrap();
            let name = l.split("\">").nth(1).unwrap().split("</a>").next().unwrap();
            let counts: Vec<usize> = l
                .split("<td class=\"n")
                .skip(1)
                .take(3)
                .map(|cell| {
                    let value = cell.split('>').nth(1).unwrap();
                    value.split('<').next().unwrap().trim().parse().unwrap()
                })
                .collect();
            (
                href.to_owned(),
                name.to_owned(),
                counts[0],
                counts[1],
                counts[2],
            )
        })
        .collect()
}

#[test]
fn a_corpus_opens_with_an_index_sorted_by_disagreements_and_a_page_per_story() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path());
    let out = dir.path().join("out");
    let (code, stderr) = compare(&[&corpus], &out, &[]);
    assert!(code == 0 || code == 4, "{stderr}");
    let index = read(&out.join("report.html"));
    let rows = index_rows(&index);
    let stories = fs::read_dir(&corpus).unwrap().count();
    assert_eq!(rows.len(), stories);
    // Most major disagreements first, then most minor, then most updates.
    let keys: Vec<(usize, usize, usize)> = rows.iter().map(|r| (r.2, r.3, r.4)).collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(keys, sorted);
    assert!(keys[0].0 > 0, "a story with a major disagreement leads");
    // The counts add up to the rows of disagreements.csv.
    let csv = read(&out.join("disagreements.csv"));
    let total: usize = keys.iter().map(|k| k.0 + k.1 + k.2).sum();
    assert_eq!(total, csv.lines().count() - 1);
    // The index holds no story text; each row links to its story's page.
    assert!(!index.contains("<mark"));
    assert_eq!(pages(&out).len(), stories);
    for (href, name, ..) in &rows {
        let page = read(&out.join(href));
        assert!(page.contains(&format!("<h1>{name}</h1>")), "{href}");
        assert!(page.contains("<a href=\"../report.html\">"));
        assert!(page.contains("<h2>Disagreements ("));
    }
    // The three-outlet story's page holds its card.
    let blast = read(&out.join("stories/blast.html"));
    assert_eq!(blast.matches("<circle ").count(), 3);
}

#[test]
fn the_index_stays_small_for_many_stories() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let stories = 200;
    for i in 0..stories {
        let story = corpus.join(format!("town-{i:04}"));
        fs::create_dir_all(&story).unwrap();
        // Every line names its ward: a line recurring in an outlet's articles is boilerplate.
        let filler =
            format!("The committee of ward {i} heard from residents all evening. ").repeat(12);
        let homes = [41 + i % 7, 60 + i % 5];
        for (outlet, n) in ["east-post", "west-wire"].iter().zip(homes) {
            let text =
                format!("The council of ward {i} approved {n} new homes on Monday.\n\n{filler}\n");
            fs::write(story.join(format!("{outlet}.txt")), text).unwrap();
        }
    }
    let out = dir.path().join("out");
    let (code, stderr) = compare(&[&corpus], &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let index = fs::metadata(out.join("report.html")).unwrap().len();
    let all_pages: u64 = pages(&out)
        .iter()
        .map(|p| fs::metadata(out.join("stories").join(p)).unwrap().len())
        .sum();
    // Well under 3 MB at 1,000 stories: a row of about 400 bytes a story, and
    // nothing of the stories' text, which lives on their pages.
    assert!(index < 8_000 + 450 * stories, "{index} bytes");
    assert!(
        all_pages > 5 * index,
        "{all_pages} bytes of pages, {index} of index"
    );
}

#[test]
fn story_pages_are_the_same_for_any_thread_count_and_replaced_as_one_generation() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path());
    let (one, four) = (dir.path().join("one"), dir.path().join("four"));
    compare(&[&corpus], &one, &["--threads", "1"]);
    compare(&[&corpus], &four, &["--threads", "4"]);
    let bytes = |out: &Path| -> Vec<(String, Vec<u8>)> {
        pages(out)
            .into_iter()
            .map(|p| {
                let b = fs::read(out.join("stories").join(&p)).unwrap();
                (p, b)
            })
            .collect()
    };
    assert!(bytes(&one) == bytes(&four), "pages differ by thread count");
    let manifest = read(&one.join(".crossclaim-manifest"));
    for page in pages(&one) {
        assert!(manifest.contains(&format!("\nstories/{page} ")), "{page}");
    }

    // --check sees a changed page and a page left over, and changes nothing.
    let blast = one.join("stories/blast.html");
    fs::write(&blast, "edited").unwrap();
    fs::write(one.join("stories/gone.html"), "old").unwrap();
    let output = crossclaim()
        .args(["compare", "--quiet", "--check", "-o"])
        .arg(&one)
        .arg(&corpus)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&output.stdout);
    assert!(diff.contains("a/stories/blast.html"), "{diff}");
    assert!(diff.contains("a/stories/gone.html"), "{diff}");
    assert_eq!(read(&blast), "edited");

    // A story that leaves the corpus takes its page along; a page the
    // manifest does not list is left alone.
    fs::remove_dir_all(corpus.join("blast")).unwrap();
    let (code, stderr) = compare(&[&corpus], &one, &[]);
    assert!(code == 0 || code == 4, "{stderr}");
    assert!(!blast.exists());
    assert!(one.join("stories/gone.html").exists());
    fs::remove_file(one.join("stories/gone.html")).unwrap();

    // One story left: one page, and the pages folder goes.
    let (code, stderr) = compare(&[&corpus.join("valley-floods")], &one, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!one.join("stories").exists());
    assert!(!read(&one.join(".crossclaim-manifest")).contains("stories/"));
}

#[test]
fn a_stories_folder_crossclaim_did_not_write_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path());
    let out = dir.path().join("out");
    fs::create_dir_all(out.join("stories")).unwrap();
    fs::write(out.join("stories/notes.txt"), "mine").unwrap();
    let (code, stderr) = compare(&[&corpus], &out, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("stories"), "{stderr}");
    assert_eq!(read(&out.join("stories/notes.txt")), "mine");
    assert!(!out.join("report.html").exists());
}

#[test]
fn story_pages_written_into_the_corpus_are_never_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path());
    let stories = fs::read_dir(&corpus).unwrap().count();
    for _ in 0..2 {
        let (code, stderr) = compare(&[&corpus], &corpus, &[]);
        assert!(code == 0 || code == 4, "{stderr}");
        assert_eq!(pages(&corpus).len(), stories);
    }
    let json = read(&corpus.join("report.json"));
    assert!(!json.contains("\"name\": \"stories\""));
}
