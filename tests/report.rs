//! The reports as their users meet them: each format's bytes (snapshots of a small
//! invented story), the CI workflow (`--check`, `diff`, `--fail-on`), stable ids,
//! and the CSVs read by a real spreadsheet (LibreOffice, when it is installed).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

const STORY: &str = "fixtures/report-flood/valley-floods";
const IDS_STORY: &str = "fixtures/report-ids/storm";
const UNRELATED: &str = "fixtures/report-flood/unrelated/chess-weekly.txt";

fn crossclaim() -> Command {
    let mut cmd = Command::cargo_bin("crossclaim").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// Runs `crossclaim ARGS` and returns (exit code, stdout).
fn run(args: &[&str]) -> (i32, String) {
    let out = crossclaim().args(args).output().expect("crossclaim runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let code = out.status.code().unwrap_or(-1);
    (code, String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Copies the fixture story into a temporary folder of the same name.
fn story_copy(tmp: &Path) -> PathBuf {
    let dir = tmp.join("valley-floods");
    fs::create_dir_all(&dir).expect("mkdir");
    for entry in fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(STORY)).expect("fixture") {
        let path = entry.expect("entry").path();
        fs::copy(&path, dir.join(path.file_name().expect("name"))).expect("copy");
    }
    dir
}

fn compare(inputs: &[&Path], out: &Path, extra: &[&str]) -> i32 {
    let mut args: Vec<&str> = vec!["compare", "--quiet", "-o"];
    args.push(out.to_str().expect("utf-8 path"));
    args.extend(inputs.iter().map(|p| p.to_str().expect("utf-8 path")));
    args.extend(extra);
    run(&args).0
}

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).expect("report written")
}

fn reports() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    assert_eq!(compare(&[Path::new(STORY)], &out, &[]), 0);
    (tmp, out)
}

#[test]
fn every_format_matches_its_snapshot() {
    let (_tmp, out) = reports();
    for name in [
        "claims.csv",
        "disagreements.csv",
        "report.json",
        "summary.md",
        "report.html",
    ] {
        insta::assert_snapshot!(name, read(&out, name));
    }
}

#[test]
fn csv_columns_are_stable_and_figures_plain_numbers() {
    let (_tmp, out) = reports();
    let header = |name: &str| -> String {
        let mut reader = csv::Reader::from_path(out.join(name)).expect("csv");
        reader
            .headers()
            .expect("header")
            .iter()
            .collect::<Vec<_>>()
            .join(",")
    };
    assert_eq!(
        header("claims.csv"),
        "claim_id,story,outlet,source,sentence_no,start,end,sentence,outlets,claim_size,quantities,values"
    );
    assert_eq!(
        header("disagreements.csv"),
        "disagreement_id,story,verdict,severity,measure,outlet_a,quantity_a,value_a,hedge_a,\
         outlet_b,quantity_b,value_b,hedge_b,unit,relative_difference,sentence_a,sentence_b,explanation"
    );
    let mut dis = csv::Reader::from_path(out.join("disagreements.csv")).expect("csv");
    let rows: Vec<csv::StringRecord> = dis.records().map(|r| r.expect("row")).collect();
    assert!(!rows.is_empty(), "the fixture has a disagreement");
    for row in rows {
        for col in [7, 11, 14] {
            let cell = &row[col];
            assert!(cell.parse::<f64>().is_ok(), "{cell} is a number");
            assert!(
                !cell.contains(',') && !cell.ends_with(".0") && !cell.contains('e'),
                "{cell}"
            );
        }
        let hedges = "exact approximate lower_bound upper_bound range vague";
        assert!(hedges.split(' ').any(|h| h == &row[8]), "{}", &row[8]);
    }
}

#[test]
fn claims_csv_rows_sit_together_by_claim_with_values_beside_the_figures() {
    let (_tmp, out) = reports();
    let mut reader = csv::Reader::from_path(out.join("claims.csv")).expect("csv");
    let headers = reader.headers().expect("header").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (id, outlet, written, values) = (
        column("claim_id"),
        column("outlet"),
        column("quantities"),
        column("values"),
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let mut seen: Vec<&str> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if i > 0 && rows[i - 1][id] == row[id] {
            assert!(
                rows[i - 1][outlet] <= row[outlet],
                "outlets in order: {row:?}"
            );
            continue;
        }
        assert!(!seen.contains(&&row[id]), "claim {} is split", &row[id]);
        seen.push(&row[id]);
    }
    assert!(seen.len() < rows.len(), "the fixture has a shared claim");
    let evacuated = rows
        .iter()
        .find(|r| r[written].contains("About 1,200"))
        .expect("figure row");
    assert_eq!(&evacuated[values], "1200 people");
    for row in &rows {
        let count = |cell: &str| cell.split("; ").filter(|s| !s.is_empty()).count();
        assert_eq!(count(&row[written]), count(&row[values]), "{row:?}");
    }
}

#[test]
fn csv_text_that_a_spreadsheet_would_run_is_defused() {
    let (_tmp, out) = reports();
    let mut claims = csv::Reader::from_path(out.join("claims.csv")).expect("csv");
    let sentences: Vec<String> = claims
        .records()
        .map(|r| r.expect("row")[7].to_owned())
        .collect();
    assert!(sentences.iter().any(|s| s.starts_with("'=SUM(1+1)")));
    assert!(sentences.iter().any(|s| s.starts_with("'-5 degrees")));
    for s in &sentences {
        assert!(!s.starts_with(['=', '+', '-', '@', '\t', '\r']), "{s}");
    }
    let text = read(&out, "claims.csv");
    for unicode in ["½", "’", "—"] {
        assert!(text.contains(unicode), "{unicode} survives");
    }
}

#[test]
fn bom_option_starts_only_the_csvs_with_a_byte_order_mark() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    assert_eq!(compare(&[Path::new(STORY)], &out, &["--bom"]), 0);
    let starts = |name: &str, head: &[u8]| fs::read(out.join(name)).expect("csv").starts_with(head);
    assert!(starts("claims.csv", b"\xEF\xBB\xBFclaim_id,"));
    assert!(starts("disagreements.csv", b"\xEF\xBB\xBFdisagreement_id,"));
    assert!(read(&out, "report.json").starts_with('{'));
}

#[test]
fn html_is_one_escaped_page_with_disagreements_first() {
    let (_tmp, out) = reports();
    let html = read(&out, "report.html");
    // Narrow screens (issue 20): the two figure boxes stack instead of overflowing,
    // and the outlet column of shared claims sits above its sentence.
    assert!(html.contains(
        ".pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,20rem),1fr))"
    ));
    assert!(html.contains("@media (max-width:40rem){"));
    assert!(
        html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    );
    for outside in ["<script", "<link", "src=", "http://", "https://", "@import"] {
        assert!(!html.contains(outside), "no {outside}");
    }
    assert!(html.contains("the weather service said &lt;em&gt;&amp;&lt;/em&gt; the police"));
    assert!(!html.contains("<em>"));
    assert!(html.contains("<mark>About 1,200</mark>"));
    assert!(html.contains("<mark>As many as 2,000</mark>"));
    let disagreements = html.find("<h2>Disagreements").expect("section");
    let claims = html.find("<h2>Shared claims").expect("section");
    assert!(disagreements < claims);
    // The claim of three outlets comes before the claim of two.
    assert!(html.find(">3 outlets").expect("3") < html.find(">2 outlets").expect("2"));
}

#[test]
fn markdown_summary_has_counts_table_and_shared_claims() {
    let (_tmp, out) = reports();
    let md = read(&out, "summary.md");
    assert!(md.contains("3 articles"));
    assert!(md.contains("| id | verdict | severity |"));
    assert!(md.contains("| About 1,200 | valley-post | As many as 2,000 |"));
    assert!(md.contains("- 3 outlets ("));
}

#[test]
fn json_report_names_its_schema_and_version() {
    let (_tmp, out) = reports();
    let json: serde_json::Value = serde_json::from_str(&read(&out, "report.json")).expect("json");
    assert_eq!(json["schema"], "crossclaim-report");
    assert_eq!(json["version"], 2);
    let story = &json["stories"][0];
    for key in ["name", "articles", "sentences", "claims", "disagreements"] {
        assert!(!story[key].is_null(), "{key}");
    }
    assert_eq!(story["disagreements"][0]["severity"], "major");
}

/// One part of `report.xlsx` (a zip of XML files), as text.
fn xlsx_part(path: &Path, name: &str) -> String {
    let file = fs::File::open(path).expect("report.xlsx");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).expect(name), &mut text).expect("utf-8");
    text
}

#[test]
fn xlsx_has_frozen_filtered_sheets_with_number_cells_and_no_formulas() {
    let (_tmp, out) = reports();
    let path = out.join("report.xlsx");
    let workbook = xlsx_part(&path, "xl/workbook.xml");
    for (i, name) in ["disagreements", "claims", "stories", "articles"]
        .iter()
        .enumerate()
    {
        assert!(
            workbook.contains(&format!("<sheet name=\"{name}\" sheetId=\"{}\"", i + 1)),
            "{workbook}"
        );
        let sheet = xlsx_part(&path, &format!("xl/worksheets/sheet{}.xml", i + 1));
        assert!(sheet.contains("ySplit=\"1\""), "{name}: header frozen");
        assert!(
            sheet.contains("<autoFilter ref=\"A1:"),
            "{name}: autofilter"
        );
        assert!(sheet.contains("customWidth=\"1\""), "{name}: column widths");
        assert!(!sheet.contains("<f>"), "{name}: no formula");
    }
    let dis = xlsx_part(&path, "xl/worksheets/sheet1.xml");
    // The figures are number cells: 1,200 and 2,000 people, a gap of 40%.
    let number_cell = |cell: &str, value: &str| {
        let at = dis.find(&format!("<c r=\"{cell}\"")).expect(cell);
        let end = at + dis[at..].find("</c>").expect("cell end");
        let xml = &dis[at..end];
        !xml.contains(" t=\"") && xml.ends_with(&format!("<v>{value}</v>"))
    };
    assert!(number_cell("H2", "1200"), "{dis}");
    assert!(number_cell("M2", "2000"), "{dis}");
    assert!(number_cell("P2", "0.4"), "{dis}");
    let claims = xlsx_part(&path, "xl/worksheets/sheet2.xml");
    // Text cells hold the text as written: no apostrophe, no formula.
    assert!(claims.contains("<t>-5 degrees is not expected"), "{claims}");
    assert!(claims.contains("<t>=SUM(1+1) appeared"), "{claims}");
    assert!(claims.contains("5½ feet"));
    let styles = xlsx_part(&path, "xl/styles.xml");
    assert!(styles.contains("wrapText=\"1\""), "sentences wrap");
    let core = xlsx_part(&path, "docProps/core.xml");
    assert!(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z"));
}

#[test]
fn xlsx_bytes_are_the_same_for_any_thread_count_and_check_sees_a_change() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (one, three) = (tmp.path().join("one"), tmp.path().join("three"));
    let status = crossclaim()
        .env("RAYON_NUM_THREADS", "1")
        .args(["compare", "--quiet", "-o"])
        .arg(&one)
        .args([STORY, "seeds"])
        .status()
        .expect("runs");
    assert!(status.success());
    let story = Path::new(STORY);
    let seeds = Path::new("seeds");
    assert_eq!(compare(&[story, seeds], &three, &["--threads", "3"]), 0);
    let bytes = |dir: &Path| fs::read(dir.join("report.xlsx")).expect("report.xlsx");
    assert!(
        bytes(&one) == bytes(&three),
        "report.xlsx differs by thread count"
    );
    assert_eq!(compare(&[story, seeds], &three, &["--check"]), 0);
    let mut changed = bytes(&three);
    let last = changed.len() - 1;
    changed[last] ^= 1;
    fs::write(three.join("report.xlsx"), changed).expect("edit");
    let mut args = vec!["compare", "--quiet", "--check", "-o"];
    args.extend([three.to_str().expect("path"), STORY, "seeds"]);
    let (code, stdout) = run(&args);
    assert_eq!(code, 1);
    assert!(stdout.contains("Binary files a/report.xlsx and b/report.xlsx differ"));
}

#[test]
fn check_exits_1_with_a_unified_diff_when_reports_differ() {
    let (_tmp, out) = reports();
    let story = Path::new(STORY);
    assert_eq!(compare(&[story], &out, &["--check"]), 0);
    let summary = read(&out, "summary.md").replace("3 articles", "4 articles");
    fs::write(out.join("summary.md"), summary).expect("edit");
    let (code, stdout) = run(&[
        "compare",
        "--quiet",
        "--check",
        "-o",
        out.to_str().expect("path"),
        STORY,
    ]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("--- a/summary.md\n+++ b/summary.md\n@@"),
        "{stdout}"
    );
    assert!(stdout.contains("-1 story, 4 articles") && stdout.contains("+1 story, 3 articles"));
    assert!(
        read(&out, "summary.md").contains("4 articles"),
        "--check never writes"
    );
}

#[test]
fn diff_shows_changed_and_new_items_and_fail_on_sets_status_3() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let story = story_copy(tmp.path());
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    assert_eq!(compare(&[&story], &old, &[]), 0);
    let post = story.join("valley-post.txt");
    let text = fs::read_to_string(&post)
        .expect("read")
        .replace("2,000", "2,400")
        + "\nCrews will inspect the bridge before the road reopens.\n";
    fs::write(&post, text).expect("edit");
    assert_eq!(compare(&[&story], &new, &[]), 0);
    let (o, n) = (old.to_str().expect("path"), new.to_str().expect("path"));
    let (code, md) = run(&["diff", o, n]);
    assert_eq!(code, 0, "{md}");
    assert!(md.contains("### Changed disagreements"), "{md}");
    assert!(md.contains("As many as 2,000") && md.contains("As many as 2,400"));
    assert!(md.contains("### New shared claims"), "{md}");
    assert!(md.contains("valley-post: Crews will inspect the bridge"));
    assert_eq!(run(&["diff", o, n, "--fail-on", "major"]).0, 3);
    let (code, json) = run(&["diff", o, n, "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&json).expect("diff json");
    assert_eq!(
        json["disagreements"]["changed"][0]["new"]["figure_b"],
        "As many as 2,400"
    );
    assert_eq!(
        run(&["diff", o, n, "--max-bytes", "100"]).0,
        2,
        "below 2048 refused"
    );
    // `compare --fail-on` too: status 3, and the reports are still written.
    let again = tmp.path().join("again");
    assert_eq!(compare(&[&story], &again, &["--fail-on", "major"]), 3);
    assert!(again.join("report.json").exists());
    let (code, same) = run(&["diff", o, o, "--fail-on", "minor"]);
    assert_eq!(code, 0);
    assert!(same.contains("No change in disagreements or shared claims."));
    assert_eq!(run(&["diff", o, tmp.path().to_str().expect("path")]).0, 2);
}

/// Claim and disagreement ids keyed by content, with their members' text.
fn ids(out: &Path) -> (Vec<(String, Vec<String>)>, Vec<String>) {
    let json: serde_json::Value = serde_json::from_str(&read(out, "report.json")).expect("json");
    let story = &json["stories"][0];
    let text = |i: &serde_json::Value| {
        story["sentences"][i.as_u64().expect("index") as usize]["text"].to_string()
    };
    let claims = story["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| {
            let members = c["members"]
                .as_array()
                .expect("members")
                .iter()
                .map(text)
                .collect();
            (c["id"].as_str().expect("id").to_owned(), members)
        })
        .collect();
    let dis = story["disagreements"]
        .as_array()
        .expect("disagreements")
        .iter()
        .map(|d| d["id"].as_str().expect("id").to_owned())
        .collect();
    (claims, dis)
}

#[test]
fn ids_do_not_change_when_an_unrelated_article_is_added() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let story = story_copy(tmp.path());
    let (before, after) = (tmp.path().join("before"), tmp.path().join("after"));
    assert_eq!(compare(&[&story], &before, &[]), 0);
    // Sorted first by outlet, the new article shifts every sentence index.
    fs::copy(UNRELATED, story.join("chess-weekly.txt")).expect("copy");
    assert_eq!(compare(&[&story], &after, &[]), 0);
    let (claims_before, dis_before) = ids(&before);
    let (claims_after, dis_after) = ids(&after);
    assert!(!dis_before.is_empty());
    assert_eq!(dis_before, dis_after);
    for claim in &claims_before {
        assert!(
            claims_after.contains(claim),
            "claim {} kept its id",
            claim.0
        );
    }
    assert!(claims_after.len() > claims_before.len());
}

/// Regression (issue 20): editing another figure of a sentence changed the id
/// of a disagreement that sentence holds, so `diff` showed it as changed.
#[test]
fn disagreement_ids_depend_only_on_what_the_row_says() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let story = tmp.path().join("storm");
    fs::create_dir_all(&story).expect("mkdir");
    for name in ["bay-news.txt", "coast-herald.txt"] {
        fs::copy(Path::new(IDS_STORY).join(name), story.join(name)).expect("copy");
    }
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    assert_eq!(compare(&[&story], &old, &[]), 0);
    let herald = story.join("coast-herald.txt");
    let text = fs::read_to_string(&herald).expect("read");
    assert!(text.contains("killed 40 people and destroyed 300 homes"));
    fs::write(
        &herald,
        text.replace("destroyed 300 homes", "destroyed 320 homes"),
    )
    .expect("edit");
    assert_eq!(compare(&[&story], &new, &[]), 0);
    let (_, dis_old) = ids(&old);
    let (_, dis_new) = ids(&new);
    assert_eq!(
        dis_old.len(),
        1,
        "the fixture has one disagreement: 40 vs 55 dead"
    );
    assert!(
        dis_new.contains(&dis_old[0]),
        "{dis_old:?} kept in {dis_new:?}"
    );
    let (o, n) = (old.to_str().expect("path"), new.to_str().expect("path"));
    let (code, md) = run(&["diff", o, n]);
    assert_eq!(code, 0, "{md}");
    assert!(
        md.contains("Disagreements: 1 new, 0 resolved, 0 changed."),
        "{md}"
    );
    assert!(md.contains("coast-herald: 320"), "{md}");
}

/// LibreOffice Calc opens each CSV (headless): every cell and the Unicode come
/// back unchanged, figures are numbers, and no defused cell becomes a formula.
/// Skipped, with a note, where `soffice` is not installed (`make check-office`
/// installs it and sets CROSSCLAIM_REQUIRE_OFFICE so that it cannot skip).
#[test]
fn libreoffice_reads_csv_cells_unicode_and_no_formulas() {
    if Command::new("soffice").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CROSSCLAIM_REQUIRE_OFFICE").is_none(),
            "soffice missing"
        );
        eprintln!("note: soffice not installed; LibreOffice check skipped (run make check-office)");
        return;
    }
    let (tmp, out) = reports();
    // A formula that is not defused: LibreOffice must evaluate it, or the check proves nothing.
    fs::write(out.join("control.csv"), "a,b\n=1+1,x\n").expect("control");
    let names = ["claims.csv", "disagreements.csv", "control.csv"];
    let profile = format!(
        "-env:UserInstallation=file://{}",
        tmp.path().join("profile").display()
    );
    let infilter = "--infilter=CSV:44,34,76,1,,1033,false,true,false,false,false,-1,true";
    for (format, dir) in [
        (
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false",
            "csv",
        ),
        ("fods", "fods"),
    ] {
        let status = Command::new("soffice")
            .args([
                "--headless",
                "--norestore",
                &profile,
                infilter,
                "--convert-to",
                format,
            ])
            .arg("--outdir")
            .arg(tmp.path().join(dir))
            .args(names.map(|n| out.join(n)))
            .output()
            .expect("soffice runs");
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
    }
    let cells = |path: PathBuf| -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(path)
            .expect("csv")
            .records()
            .map(|r| r.expect("row").iter().map(String::from).collect())
            .collect()
    };
    assert_eq!(
        cells(tmp.path().join("csv/control.csv"))[1][0],
        "2",
        "formula evaluated"
    );
    for name in ["claims.csv", "disagreements.csv"] {
        let back = cells(tmp.path().join("csv").join(name));
        assert_eq!(back, cells(out.join(name)), "{name}: every cell survives");
        let flat = back.concat().concat();
        assert!(flat.contains("’"), "{name}: Unicode survives");
        if name == "claims.csv" {
            assert!(flat.contains("½") && flat.contains("—"));
        }
    }
    let control = fs::read_to_string(tmp.path().join("fods/control.fods")).expect("fods");
    assert!(control.contains("table:formula"));
    for name in ["claims.fods", "disagreements.fods"] {
        let fods = fs::read_to_string(tmp.path().join("fods").join(name)).expect("fods");
        assert!(
            !fods.contains("table:formula"),
            "{name}: no cell became a formula"
        );
    }
    let fods = fs::read_to_string(tmp.path().join("fods/disagreements.fods")).expect("fods");
    for value in ["1200", "2000", "0.4"] {
        let float = format!("office:value-type=\"float\" office:value=\"{value}\"");
        assert!(fods.contains(&float), "{value} is a number in the sheet");
    }
}

#[test]
fn skipped_inputs_are_listed_in_every_summary() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    // A missing path is a usage error (exit 2); an empty file is skipped.
    let empty = tmp.path().join("empty-article.txt");
    fs::write(&empty, "").expect("write");
    assert_eq!(compare(&[Path::new(STORY), &empty], &out, &[]), 4);
    assert!(read(&out, "summary.md").contains("## Skipped inputs\n\n- `"));
    assert!(read(&out, "report.html").contains("<h2>Skipped inputs</h2>"));
    assert!(read(&out, "report.html").contains("empty-article.txt"));
}
