//! Reports: each format is a function from the analysis to bytes; writing them
//! is a separate, atomic step, so an interrupted run never leaves half a report.

mod csv;
mod diff;
mod html;
mod json;
mod markdown;

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use crate::model::{Analysis, StoryReport};
use crate::quantity::{Hedge, Quantity};

pub use diff::{DiffSummary, diff_dirs};
pub use json::{SCHEMA_VERSION, read as read_json};

/// Choices that change the bytes of the reports.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Start each CSV with a UTF-8 byte-order mark, so that Excel reads it as UTF-8.
    pub bom: bool,
}

/// Every report file, by name, in the order they are written.
pub fn render(analysis: &Analysis, options: &Options) -> Result<Vec<(&'static str, Vec<u8>)>> {
    Ok(vec![
        ("claims.csv", csv::claims(analysis, options.bom)?),
        (
            "disagreements.csv",
            csv::disagreements(analysis, options.bom)?,
        ),
        ("report.json", json::report(analysis)?),
        ("summary.md", markdown::summary(analysis).into_bytes()),
        ("report.html", html::page(analysis).into_bytes()),
    ])
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

/// The figures of a sentence as one cell: `about 430,000 people; six-year`.
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

/// Total counts over all stories, for the summaries.
struct Totals {
    stories: usize,
    articles: usize,
    sentences: usize,
    shared_claims: usize,
    disagreements: usize,
}

impl Totals {
    fn of(analysis: &Analysis) -> Self {
        let sum = |f: fn(&StoryReport) -> usize| analysis.stories.iter().map(f).sum();
        Self {
            stories: analysis.stories.len(),
            articles: sum(|s| s.story.articles.len()),
            sentences: sum(|s| s.sentences.len()),
            shared_claims: sum(|s| s.claims.iter().filter(|c| c.outlets > 1).count()),
            disagreements: sum(|s| s.disagreements.len()),
        }
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
