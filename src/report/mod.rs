//! Reports: each format is a function from the analysis to bytes; writing them
//! is a separate step that replaces the six files as one generation, under a
//! lock on the folder, so an interrupted or concurrent run never leaves a mix.

mod csv;
mod diff;
mod html;
mod json;
mod markdown;
mod pages;
mod staging;
mod xlsx;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::model::{Claim, Skipped, StoryReport};
use crate::quantity::{Hedge, Quantity};
use staging::{Lock, Staging};

pub use diff::{DiffSummary, diff_dirs};
pub use json::{
    Report, SCHEMA_VERSION, ShardInfo, read as read_json, read_head, read_skipped, read_story,
};
pub use staging::{MANIFEST, check_digest, check_generation, is_page_folder};
pub use xlsx::is_write_panic as is_xlsx_write_panic;

/// Choices that change the bytes of the reports.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Start each CSV with a UTF-8 byte-order mark, so that Excel reads it as UTF-8.
    pub bom: bool,
    /// The shard this run handles (`compare --shard i/N`), recorded in `report.json`.
    pub shard: Option<ShardInfo>,
}

/// The report files, by name, in the order they are written.
pub const FILES: [&str; 6] = [
    "claims.csv",
    "disagreements.csv",
    "report.json",
    "summary.md",
    "report.html",
    "report.xlsx",
];

/// The folder beside `report.html` that holds one page per story when a run
/// has several (`stories/<slug>.html`); `report.html` is then their index.
pub const STORY_PAGES: &str = "stories";

/// The parts of `summary.md` and `report.html` that wait, in the staging
/// folder, for the totals that head them.
const SUMMARY_BODY: &str = ".summary.md.body";
const HTML_BODY: &str = ".report.html.body";

/// The reports of one run on their way to a folder. The run holds a lock on the
/// folder (a second run fails with a message instead of interfering), writes
/// story by story into its staging folder, and `finish` replaces the reports:
/// first the manifest naming the new files' sizes and hashes, then each file by
/// a rename. A run killed between renames leaves files that do not match the
/// manifest, which `diff`, `merge` and `eval` refuse to read. On any error the
/// staging folder is removed, and the reports in the folder stay as they were.
/// With `check`, the staged files are only compared with the folder's.
///
/// Nothing grows with the corpus but the story index: CSV rows and JSON go
/// straight to their files, and the story sections of the Markdown and HTML go
/// to files of their own until `finish` writes each head and copies them after it.
pub struct ReportDir {
    dir: PathBuf,
    check: bool,
    claims: ::csv::Writer<Staged>,
    disagreements: ::csv::Writer<Staged>,
    json: Staged,
    markdown: Staged,
    html: Staged,
    xlsx: xlsx::Book,
    /// Where each story's HTML section lies in `html`.
    sections: Vec<pages::Section>,
    /// What the HTML index says of each story, in story order.
    index: Vec<html::index::Entry>,
    /// The file names of the story pages.
    slugs: html::index::Slugs,
    totals: Totals,
    /// One story's Markdown or HTML, reused.
    scratch: String,
    /// Removes the staged files when dropped: after `finish`, or on an error.
    staging: Staging,
    /// Dropped last: the folder is unlocked once the staging folder is gone.
    _lock: Lock,
}

type Staged = BufWriter<fs::File>;

impl ReportDir {
    pub fn create(dir: &Path, check: bool, options: &Options) -> Result<Self> {
        let (lock, staging) = if check {
            (Lock::shared(dir)?, Staging::temporary()?)
        } else {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            let lock = Lock::exclusive(dir)?;
            (lock, Staging::inside(dir)?)
        };
        let open = |name: &str| create(&staging.path(name));
        let mut json = open(FILES[2])?;
        json.write_all(&json::head(options.shard.as_ref()))
            .with_context(|| written(&staging.path(FILES[2])))?;
        let csv = |name: &str, columns| {
            csv::writer(open(name)?, options.bom, columns)
                .with_context(|| written(&staging.path(name)))
        };
        Ok(Self {
            claims: csv(FILES[0], csv::CLAIM_COLUMNS)?,
            disagreements: csv(FILES[1], csv::DISAGREEMENT_COLUMNS)?,
            json,
            markdown: open(SUMMARY_BODY)?,
            html: open(HTML_BODY)?,
            xlsx: xlsx::Book::new()?,
            sections: Vec::new(),
            index: Vec::new(),
            slugs: html::index::Slugs::default(),
            totals: Totals::default(),
            scratch: String::new(),
            dir: dir.to_owned(),
            check,
            staging,
            _lock: lock,
        })
    }

    /// Adds one story; stories must come in their final order.
    pub fn add(&mut self, story: &StoryReport) -> Result<()> {
        let path = |name: &str| written(&self.staging.path(name));
        csv::claim_rows(&mut self.claims, story).with_context(|| path(FILES[0]))?;
        csv::disagreement_rows(&mut self.disagreements, story).with_context(|| path(FILES[1]))?;
        self.json
            .write_all(&json::story(story, self.index.is_empty())?)
            .with_context(|| path(FILES[2]))?;
        self.scratch.clear();
        markdown::story_section(&mut self.scratch, story);
        self.markdown
            .write_all(self.scratch.as_bytes())
            .with_context(|| path(SUMMARY_BODY))?;
        self.scratch.clear();
        html::story_section(&mut self.scratch, story);
        let start = self.sections.last().map_or(0, |s| s.start + s.len);
        self.html
            .write_all(self.scratch.as_bytes())
            .with_context(|| path(HTML_BODY))?;
        self.sections.push(pages::Section {
            start,
            len: self.scratch.len() as u64,
        });
        self.xlsx.add(story).with_context(|| path(FILES[5]))?;
        let slug = self.slugs.slug(&story.story.name);
        self.index.push(html::index::Entry::of(story, slug));
        self.totals.add(story);
        Ok(())
    }

    /// Completes every file. Writing: replaces the folder's reports and returns
    /// no diffs. Checking: returns a unified diff per file that differs from the
    /// folder's. Either way the staging folder is gone afterwards.
    pub fn finish(self, skipped: &[Skipped]) -> Result<Vec<String>> {
        let Self {
            dir,
            check,
            claims,
            disagreements,
            mut json,
            markdown,
            html: html_body,
            xlsx,
            sections,
            index,
            totals,
            staging,
            _lock,
            ..
        } = self;
        let staged = |name: &str| staging.path(name);
        let context = |name: &str| written(&staged(name));
        json.write_all(&json::tail(skipped)?)
            .with_context(|| context(FILES[2]))?;
        let claims = claims
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| context(FILES[0]))?;
        let disagreements = disagreements
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| context(FILES[1]))?;
        for (name, writer) in [
            (FILES[0], claims),
            (FILES[1], disagreements),
            (FILES[2], json),
        ] {
            close(writer, !check).with_context(|| context(name))?;
        }
        close(markdown, false).with_context(|| context(SUMMARY_BODY))?;
        close(html_body, false).with_context(|| context(HTML_BODY))?;

        let mut summary = create(&staged(FILES[3]))?;
        (|| -> io::Result<()> {
            summary.write_all(markdown::head(&totals).as_bytes())?;
            io::copy(&mut open(&staged(SUMMARY_BODY))?, &mut summary)?;
            summary.write_all(markdown::tail(skipped).as_bytes())?;
            close(summary, !check)
        })()
        .with_context(|| context(FILES[3]))?;

        let pages = pages::write(
            &staging,
            &staged(HTML_BODY),
            !check,
            &totals,
            &index,
            &sections,
            skipped,
        )?;

        let mut book = create(&staged(FILES[5]))?;
        xlsx.save(&mut book).with_context(|| context(FILES[5]))?;
        close(book, !check).with_context(|| context(FILES[5]))?;

        // report.html and the story pages, in the place of report.html.
        let mut names: Vec<String> = FILES[..4].iter().map(|&n| n.to_owned()).collect();
        names.extend(pages);
        names.push(FILES[5].to_owned());
        if check {
            let mut diffs = Vec::new();
            for name in &names {
                let bytes = fs::read(staged(name))
                    .with_context(|| format!("cannot read back {}", staged(name).display()))?;
                diffs.extend(self::check(&dir, name, &bytes));
            }
            for name in pages::left_over(&dir, &names) {
                diffs.extend(self::check(&dir, &name, &[]));
            }
            return Ok(diffs);
        }
        staging.commit(&dir, &names)?;
        Ok(Vec::new())
    }
}

/// The error context of a file that could not be written.
fn written(path: &Path) -> String {
    format!("cannot write {}", path.display())
}

/// Flushes a staged file, and with `sync` waits until it is on disk.
fn close(writer: Staged, sync: bool) -> io::Result<()> {
    let file = writer.into_inner().map_err(|e| e.into_error())?;
    if sync { file.sync_all() } else { Ok(()) }
}

fn create(path: &Path) -> Result<Staged> {
    let file = fs::File::create(path).with_context(|| written(path))?;
    Ok(BufWriter::with_capacity(1 << 20, file))
}

fn open(path: &Path) -> io::Result<io::BufReader<fs::File>> {
    Ok(io::BufReader::with_capacity(1 << 20, fs::File::open(path)?))
}

/// A line diff of the file `name` in `dir` against `bytes`, when they differ
/// (a missing file reads as empty).
fn check(dir: &Path, name: &str, bytes: &[u8]) -> Option<String> {
    let old = fs::read(dir.join(name)).unwrap_or_default();
    (old != bytes).then(|| {
        if name.ends_with(".xlsx") {
            return format!("Binary files a/{name} and b/{name} differ\n");
        }
        let old = String::from_utf8_lossy(&old);
        let new = String::from_utf8_lossy(bytes);
        similar::TextDiff::from_lines(old.as_ref(), new.as_ref())
            .unified_diff()
            .header(&format!("a/{name}"), &format!("b/{name}"))
            .to_string()
    })
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

/// The figures of a sentence in their normalised value and unit, in the order
/// of `figures_cell`, durations in years, days or hours: `1200 people; 6 years`.
fn values_cell(quantities: &[Quantity]) -> String {
    quantities
        .iter()
        .filter(|q| q.kind.is_figure())
        .map(|q| {
            let (value, unit) = readable(q.value, &q.unit);
            let value = plain_number(value);
            if unit.is_empty() {
                value
            } else {
                format!("{value} {unit}")
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The rows of the claims table: (claim, sentence) grouped by claim, claims in
/// the order of their first sentence, each claim's sentences in story order
/// (articles are sorted by outlet, so by outlet).
fn claim_rows_in_order(story: &StoryReport) -> impl Iterator<Item = (&Claim, usize)> {
    let mut claims: Vec<&Claim> = story.claims.iter().collect();
    claims.sort_by_key(|c| (c.members.first().copied(), c.id.as_str()));
    claims
        .into_iter()
        .flat_map(|c| c.members.iter().map(move |&m| (c, m)))
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
    match scale(value.abs(), unit) {
        Some((divisor, shown)) => (((value / divisor) * 100.0).round() / 100.0, shown),
        None => (value, unit),
    }
}

/// The unit a reader would say figures up to `magnitude` in, and what to
/// divide them by; None for a unit that is read as it is.
fn scale(magnitude: f64, unit: &str) -> Option<(f64, &'static str)> {
    const DAY: f64 = 24.0;
    const YEAR: f64 = 365.25 * DAY;
    match unit {
        "hour" if magnitude >= YEAR => Some((YEAR, "years")),
        "hour" if magnitude >= 2.0 * DAY => Some((DAY, "days")),
        "hour" => Some((1.0, "hours")),
        _ => None,
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
    fn values_show_each_figure_normalised_in_the_order_written() {
        // `extract` alone leaves a count's unit to `measure`: no unit, no trailing space.
        let quantities = crate::quantity::extract(
            "In the six-year war, 1,200 jobs were lost at a cost of $2 million.",
        );
        assert_eq!(
            super::figures_cell(&quantities),
            "six-year; 1,200; $2 million"
        );
        assert_eq!(
            super::values_cell(&quantities),
            "6 years; 1200; 2000000 usd"
        );
    }

    #[test]
    fn writes_figures_as_plain_decimals() {
        assert_eq!(plain_number(1200.0), "1200");
        assert_eq!(plain_number(0.4), "0.4");
        assert_eq!(plain_number(5.5e21), "5500000000000000000000");
        assert_eq!(plain_number(-3.0), "-3");
        assert_eq!(plain_number(f64::NAN), "");
    }
}
