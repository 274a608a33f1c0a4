//! `report.html` and, for a corpus, the story pages beside it, written at the
//! end of a run from the story sections staged as the stories came. One story
//! makes one page. Several make an index, which stays small whatever the
//! corpus (a row per story), and one page per story under `stories/`, so a
//! reader opens a 1,000-story report without loading every story at once.

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

use anyhow::{Context, Result};

use super::html::{self, index::Entry};
use super::staging::Staging;
use super::{FILES, STORY_PAGES, Totals, close, create, open, written};
use crate::model::Skipped;

/// Where one story's section lies in the staged body file.
#[derive(Debug, Clone, Copy)]
pub struct Section {
    pub start: u64,
    pub len: u64,
}

/// Writes `report.html` (and the story pages) into `staging` from the
/// sections in `body`, which are in story order, as are `entries`. Returns
/// the names written, relative to the report folder: `report.html` first.
pub fn write(
    staging: &Staging,
    body: &Path,
    sync: bool,
    totals: &Totals,
    entries: &[Entry],
    sections: &[Section],
    skipped: &[Skipped],
) -> Result<Vec<String>> {
    let path = staging.path(FILES[4]);
    let mut body = open(body).with_context(|| format!("cannot read {}", body.display()))?;
    let mut page = create(&path)?;
    if entries.len() <= 1 {
        let name = entries.first().map_or("", |e| e.name.as_str());
        (|| -> io::Result<()> {
            page.write_all(html::single_head(totals, name).as_bytes())?;
            io::copy(&mut body, &mut page)?;
            page.write_all(html::tail(skipped).as_bytes())?;
            close(page, sync)
        })()
        .with_context(|| written(&path))?;
        return Ok(vec![FILES[4].to_owned()]);
    }
    let order = html::index::order(entries);
    (|| -> io::Result<()> {
        html::index::page(&mut page, totals, entries, &order, skipped)?;
        close(page, sync)
    })()
    .with_context(|| written(&path))?;

    let folder = staging.path(STORY_PAGES);
    fs::create_dir(&folder).with_context(|| format!("cannot create {}", folder.display()))?;
    // Each story's place in the index, for its position and its neighbours.
    let mut place = vec![0; entries.len()];
    for (at, &i) in order.iter().enumerate() {
        place[i] = at;
    }
    let neighbour = |at: Option<usize>| at.and_then(|at| order.get(at)).map(|&i| &entries[i]);
    let mut names = vec![FILES[4].to_owned()];
    for (i, (entry, section)) in entries.iter().zip(sections).enumerate() {
        let at = place[i];
        let name = format!("{STORY_PAGES}/{}.html", entry.slug);
        let path = staging.path(&name);
        let mut page = create(&path)?;
        let head = html::story_page_head(
            entry,
            at,
            entries.len(),
            neighbour(at.checked_sub(1)),
            neighbour(Some(at + 1)),
        );
        (|| -> io::Result<()> {
            page.write_all(head.as_bytes())?;
            let copied = io::copy(&mut (&mut body).take(section.len), &mut page)?;
            if copied != section.len {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the staged story sections end early",
                ));
            }
            page.write_all(html::story_page_tail().as_bytes())?;
            close(page, sync)
        })()
        .with_context(|| written(&path))?;
        names.push(name);
    }
    Ok(names)
}

/// The story pages in `dir` that a run writing `names` would not write: for
/// `--check`, which reports them as removed.
pub fn left_over(dir: &Path, names: &[String]) -> Vec<String> {
    let Ok(listing) = fs::read_dir(dir.join(STORY_PAGES)) else {
        return Vec::new();
    };
    let names: rustc_hash::FxHashSet<&str> = names.iter().map(String::as_str).collect();
    let mut extra: Vec<String> = listing
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| html::index::is_page_file(n))
        .map(|n| format!("{STORY_PAGES}/{n}"))
        .filter(|n| !names.contains(n.as_str()))
        .collect();
    extra.sort();
    extra
}
