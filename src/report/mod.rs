//! Reports: each format is a function from the analysis to bytes; writing them
//! is a separate, atomic step, so an interrupted run never leaves half a report.

mod csv;
mod html;
mod json;
mod markdown;

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use crate::model::{Analysis, StoryReport};
use crate::quantity::Quantity;

pub use json::SCHEMA_VERSION;

/// Every report file, by name, in the order they are written.
pub fn render(analysis: &Analysis) -> Result<Vec<(&'static str, Vec<u8>)>> {
    Ok(vec![
        ("claims.csv", csv::claims(analysis)?),
        ("disagreements.csv", csv::disagreements(analysis)?),
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
}
