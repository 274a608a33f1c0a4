//! Reports: each format is a function from the analysis to bytes; writing them
//! is a separate, atomic step, so an interrupted run never leaves half a report.

mod csv;
mod diff;
mod html;
mod json;
mod markdown;

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::model::{Analysis, Skipped, StoryReport};
use crate::quantity::{Hedge, Quantity};

pub use diff::{DiffSummary, diff_dirs};
pub use json::{SCHEMA_VERSION, read as read_json};

/// Choices that change the bytes of the reports.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Start each CSV with a UTF-8 byte-order mark, so that Excel reads it as UTF-8.
    pub bom: bool,
}

/// The report files, by name, in the order they are written.
pub const FILES: [&str; 5] = [
    "claims.csv",
    "disagreements.csv",
    "report.json",
    "summary.md",
    "report.html",
];

/// Every report file of a whole analysis, rendered in memory.
pub fn render(analysis: &Analysis, options: &Options) -> Result<Vec<(&'static str, Vec<u8>)>> {
    let mut sink = Sink::new(Vec::new(), Vec::new(), Vec::new(), options)?;
    for story in &analysis.stories {
        sink.add(story)?;
    }
    sink.finish(&analysis.skipped)
}

/// Writes the reports story by story, so a corpus never has to be held in memory
/// whole: CSV rows and JSON go straight to their writers; the Markdown and HTML
/// sections are kept (they are small) until the totals that head them are known.
pub struct Sink<W: Write> {
    claims: ::csv::Writer<W>,
    disagreements: ::csv::Writer<W>,
    json: W,
    markdown: String,
    html: Vec<(usize, usize, String)>,
    index: Vec<(String, usize)>,
    totals: Totals,
}

impl<W: Write> Sink<W> {
    pub fn new(claims: W, disagreements: W, mut json: W, options: &Options) -> Result<Self> {
        json.write_all(&json::head())?;
        Ok(Self {
            claims: csv::writer(claims, options.bom, csv::CLAIM_COLUMNS)?,
            disagreements: csv::writer(disagreements, options.bom, csv::DISAGREEMENT_COLUMNS)?,
            json,
            markdown: String::new(),
            html: Vec::new(),
            index: Vec::new(),
            totals: Totals::default(),
        })
    }

    /// Adds one story; stories must come in their final order.
    pub fn add(&mut self, story: &StoryReport) -> Result<()> {
        csv::claim_rows(&mut self.claims, story)?;
        csv::disagreement_rows(&mut self.disagreements, story)?;
        self.json
            .write_all(&json::story(story, self.index.is_empty())?)?;
        markdown::story_section(&mut self.markdown, story);
        let mut section = String::new();
        html::story_section(&mut section, self.index.len(), story);
        self.html
            .push((story.disagreements.len(), self.index.len(), section));
        self.index
            .push((story.story.name.clone(), story.disagreements.len()));
        self.totals.add(story);
        Ok(())
    }

    /// Closes every file: the CSV and JSON writers are flushed and handed back as
    /// bytes (in memory) or for the caller to sync; returns the five files.
    pub fn finish(self, skipped: &[Skipped]) -> Result<Vec<(&'static str, Vec<u8>)>>
    where
        W: Into<Vec<u8>>,
    {
        let (claims, disagreements, json, markdown, html) = self.close(skipped)?;
        Ok(vec![
            (FILES[0], claims.into()),
            (FILES[1], disagreements.into()),
            (FILES[2], json.into()),
            (FILES[3], markdown.into_bytes()),
            (FILES[4], html.into_bytes()),
        ])
    }

    /// Finishes the writers and returns them with the Markdown and HTML text.
    pub fn close(mut self, skipped: &[Skipped]) -> Result<(W, W, W, String, String)> {
        self.json.write_all(&json::tail(skipped)?)?;
        self.json.flush()?;
        let markdown = markdown::head(&self.totals) + &self.markdown + &markdown::tail(skipped);
        let html = html::head(&self.totals, &self.index) + &html::body(self.html, skipped);
        Ok((
            self.claims.into_inner().map_err(|e| e.into_error())?,
            self.disagreements
                .into_inner()
                .map_err(|e| e.into_error())?,
            self.json,
            markdown,
            html,
        ))
    }
}

/// The reports of one run on their way to a folder: written story by story into a
/// staging folder beside their destination, then renamed into place one file at a
/// time, so an interrupted run leaves the previous reports whole. With `check`,
/// the staged files are only compared with the folder's and then removed.
pub struct ReportDir {
    dir: PathBuf,
    staging: PathBuf,
    check: bool,
    sink: Sink<BufWriter<fs::File>>,
}

impl ReportDir {
    pub fn create(dir: &Path, check: bool, options: &Options) -> Result<Self> {
        let staging = if check {
            std::env::temp_dir().join(format!("crossclaim-check-{}", std::process::id()))
        } else {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            remove_stale_staging(dir);
            dir.join(format!(".crossclaim-staging-{}", std::process::id()))
        };
        let _ = fs::remove_dir_all(&staging);
        fs::create_dir_all(&staging)
            .with_context(|| format!("cannot create {}", staging.display()))?;
        let open = |name: &str| -> Result<BufWriter<fs::File>> {
            let path = staging.join(name);
            let file = fs::File::create(&path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(BufWriter::with_capacity(1 << 20, file))
        };
        let sink = Sink::new(open(FILES[0])?, open(FILES[1])?, open(FILES[2])?, options)?;
        Ok(Self {
            dir: dir.to_owned(),
            staging,
            check,
            sink,
        })
    }

    /// Adds one story; stories must come in their final order.
    pub fn add(&mut self, story: &StoryReport) -> Result<()> {
        self.sink.add(story)
    }

    /// Completes every file. Writing: moves them into place and returns no diffs.
    /// Checking: returns a unified diff per file that differs from the folder's.
    pub fn finish(self, skipped: &[Skipped]) -> Result<Vec<String>> {
        let Self {
            dir,
            staging,
            check: only_check,
            sink,
        } = self;
        let result = complete(&dir, &staging, only_check, sink, skipped);
        let _ = fs::remove_dir_all(&staging);
        result
    }
}

/// Staging folders left by runs that were killed before they finished.
fn remove_stale_staging(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(".crossclaim-staging-")
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn complete(
    dir: &Path,
    staging: &Path,
    only_check: bool,
    sink: Sink<BufWriter<fs::File>>,
    skipped: &[Skipped],
) -> Result<Vec<String>> {
    let staged = |name: &str| staging.join(name);
    let (claims, disagreements, json, markdown, html) = sink.close(skipped)?;
    for writer in [claims, disagreements, json] {
        writer
            .into_inner()
            .map_err(|e| e.into_error())?
            .sync_all()?;
    }
    for (name, text) in [(FILES[3], markdown), (FILES[4], html)] {
        fs::write(staged(name), text)
            .with_context(|| format!("cannot write {}", staged(name).display()))?;
    }
    if only_check {
        let mut files = Vec::new();
        for name in FILES {
            files.push((name, fs::read(staged(name))?));
        }
        return Ok(check(dir, &files));
    }
    for name in FILES {
        let target = dir.join(name);
        fs::rename(staged(name), &target)
            .with_context(|| format!("cannot replace {}", target.display()))?;
    }
    Ok(Vec::new())
}

/// Writes each file to a temporary name in `dir`, then renames it into place.
pub fn write(dir: &Path, files: &[(&'static str, Vec<u8>)]) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for (name, bytes) in files {
        let target = dir.join(name);
        let temp = dir.join(format!(".{name}.tmp"));
        let mut file =
            fs::File::create(&temp).with_context(|| format!("cannot write {}", temp.display()))?;
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .with_context(|| format!("cannot write {}", temp.display()))?;
        fs::rename(&temp, &target)
            .with_context(|| format!("cannot replace {}", target.display()))?;
    }
    Ok(())
}

/// Names the files in `dir` that differ from `files`, with a line diff of each.
pub fn check(dir: &Path, files: &[(&'static str, Vec<u8>)]) -> Vec<String> {
    files
        .iter()
        .filter_map(|(name, bytes)| {
            let path = dir.join(name);
            let old = fs::read(&path).unwrap_or_default();
            (old != *bytes).then(|| {
                let old = String::from_utf8_lossy(&old);
                let new = String::from_utf8_lossy(bytes);
                similar::TextDiff::from_lines(old.as_ref(), new.as_ref())
                    .unified_diff()
                    .header(&format!("a/{name}"), &format!("b/{name}"))
                    .to_string()
            })
        })
        .collect()
}

/// The figures of a sentence as one cell: `about 1,200 people; three-day`.
fn figures_cell(quantities: &[Quantity]) -> String {
    quantities
        .iter()
        .filter(|q| q.kind.is_figure())
        .map(|q| q.text.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The hedge as the reports spell it, the same words as in `report.json`.
fn hedge_name(hedge: Hedge) -> &'static str {
    match hedge {
        Hedge::Exact => "exact",
        Hedge::Approximate => "approximate",
        Hedge::LowerBound => "lower_bound",
        Hedge::UpperBound => "upper_bound",
        Hedge::Range => "range",
        Hedge::Vague => "vague",
    }
}

/// A figure as a plain decimal number (`1200`, `0.4`, never `1.2e3` or `1200.0`),
/// which every spreadsheet reads as a number; empty when it is not finite.
fn plain_number(x: f64) -> String {
    if x.is_finite() {
        // `Display` for f64 never uses an exponent and drops a zero fraction.
        format!("{x}")
    } else {
        String::new()
    }
}

/// A figure in the unit a reader would say: durations are compared in hours,
/// but "52596 hour" is read as "6 years". Other units pass through.
pub fn readable(value: f64, unit: &str) -> (f64, &str) {
    const DAY: f64 = 24.0;
    const YEAR: f64 = 365.25 * DAY;
    let round = |x: f64| (x * 100.0).round() / 100.0;
    match unit {
        "hour" if value.abs() >= YEAR => (round(value / YEAR), "years"),
        "hour" if value.abs() >= 2.0 * DAY => (round(value / DAY), "days"),
        "hour" => (round(value), "hours"),
        _ => (value, unit),
    }
}

/// Total counts over all stories, for the summaries.
#[derive(Debug, Default)]
pub struct Totals {
    stories: usize,
    articles: usize,
    sentences: usize,
    shared_claims: usize,
    disagreements: usize,
}

impl Totals {
    fn add(&mut self, s: &StoryReport) {
        self.stories += 1;
        self.articles += s.story.articles.len();
        self.sentences += s.sentences.len();
        self.shared_claims += s.claims.iter().filter(|c| c.outlets > 1).count();
        self.disagreements += s.disagreements.len();
    }

    /// The counts as one sentence: `1 story, 3 articles, ..., 1 disagreement.`
    fn line(&self) -> String {
        let n = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        format!(
            "{}, {}, {}, {} shared by two or more outlets, {}.",
            n(self.stories, "story", "stories"),
            n(self.articles, "article", "articles"),
            n(self.sentences, "sentence", "sentences"),
            n(self.shared_claims, "claim", "claims"),
            n(self.disagreements, "disagreement", "disagreements"),
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_read_in_years_days_or_hours() {
        assert_eq!(super::readable(52_596.0, "hour"), (6.0, "years"));
        assert_eq!(super::readable(48_213.0, "hour"), (5.5, "years"));
        assert_eq!(super::readable(168.0, "hour"), (7.0, "days"));
        assert_eq!(super::readable(48.0, "hour"), (2.0, "days"));
        assert_eq!(super::readable(36.0, "hour"), (36.0, "hours"));
        assert_eq!(super::readable(1200.0, "people"), (1200.0, "people"));
    }

    use super::plain_number;

    #[test]
    fn writes_figures_as_plain_decimals() {
        assert_eq!(plain_number(1200.0), "1200");
        assert_eq!(plain_number(0.4), "0.4");
        assert_eq!(plain_number(5.5e21), "5500000000000000000000");
        assert_eq!(plain_number(-3.0), "-3");
        assert_eq!(plain_number(f64::NAN), "");
    }
}
