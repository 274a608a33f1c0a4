//! Ingest: turns the paths a user names into stories of articles.
//!
//! A folder of article files is one story; a folder of such folders is a corpus.
//! Files are plain text, Markdown, HTML, or JSON Lines/JSON/CSV exports with one
//! article per record. Every input that cannot be read is skipped with a one-line
//! reason, and the run goes on: nothing is dropped without being listed.

mod boilerplate;
mod clean;
mod date;
mod html;
mod read;
mod records;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::model::{Article, Skipped, Story};

pub use clean::{Cleaned, clean};
pub use date::parse_date;
pub use read::Format;
pub use records::IngestConfig;

/// What ingest needs to know from the configuration and command line.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Files larger than this are skipped, so one stray dump cannot exhaust memory.
    pub max_file_size: u64,
    /// Field names of JSON Lines, JSON and CSV exports.
    pub fields: IngestConfig,
    /// Outlet names as the reports show them: `"nyt" = "New York Times"` makes the
    /// file `nyt.txt` and a record with outlet `nyt` one outlet, "New York Times".
    pub aliases: BTreeMap<String, String>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            max_file_size: 50 * 1024 * 1024,
            fields: IngestConfig::default(),
            aliases: BTreeMap::new(),
        }
    }
}

/// The stories read, and every input that could not be read.
#[derive(Debug, Default)]
pub struct Ingested {
    /// Sorted by story name; articles within a story sorted by outlet, then source.
    pub stories: Vec<Story>,
    /// Sorted by path.
    pub skipped: Vec<Skipped>,
}

/// Reads every input: files, story folders and corpus folders.
pub fn ingest(inputs: &[PathBuf], options: &IngestOptions) -> Ingested {
    use rayon::prelude::*;
    let mut files: Vec<Source> = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        collect(input, &mut files, &mut skipped);
    }
    let read: Vec<Vec<Result<Article, Skipped>>> = files
        .par_iter()
        .map(|f| read::read_file(&f.path, &f.shown, &f.story, options))
        .collect();
    let mut articles = Vec::new();
    for result in read.into_iter().flatten() {
        match result {
            Ok(mut article) => {
                if let Some(name) = options.aliases.get(&article.outlet) {
                    article.outlet.clone_from(name);
                }
                articles.push(article);
            }
            Err(skip) => skipped.push(skip),
        }
    }
    boilerplate::drop_repeated(&mut articles);
    let mut stories: BTreeMap<String, Vec<Article>> = BTreeMap::new();
    for article in articles {
        if article.body.is_empty() {
            skipped.push(Skipped {
                path: article.source,
                reason: "nothing left but boilerplate shared with the outlet's other articles"
                    .to_owned(),
            });
            continue;
        }
        stories
            .entry(article.story.clone())
            .or_default()
            .push(article);
    }
    skipped.sort();
    skipped.dedup();
    let stories = stories
        .into_iter()
        .map(|(name, mut articles)| {
            articles.sort_by(|a, b| (&a.outlet, &a.source).cmp(&(&b.outlet, &b.source)));
            Story { name, articles }
        })
        .collect();
    Ingested { stories, skipped }
}

/// An article file to read, with its story and the name reports show for it.
struct Source {
    story: String,
    path: PathBuf,
    /// The path relative to the parent of the input the user named: reports never
    /// carry absolute paths.
    shown: String,
}

/// Lists the article files under `input` with the story each belongs to.
fn collect(input: &Path, files: &mut Vec<Source>, skipped: &mut Vec<Skipped>) {
    let shown = input.display().to_string();
    let root = input.parent().map(Path::to_owned).unwrap_or_default();
    let source = |story: &str, path: PathBuf| Source {
        story: story.to_owned(),
        shown: path
            .strip_prefix(&root)
            .unwrap_or(&path)
            .display()
            .to_string(),
        path,
    };
    let meta = match fs::metadata(input) {
        Ok(meta) => meta,
        Err(e) => {
            skipped.push(Skipped {
                path: shown,
                reason: read::io_reason(&e),
            });
            return;
        }
    };
    if !meta.is_dir() {
        let parent = input.parent().filter(|p| !p.as_os_str().is_empty());
        files.push(source(
            &story_name(parent.unwrap_or(Path::new("."))),
            input.to_owned(),
        ));
        return;
    }
    let before = files.len();
    let add_folder = |folder: &Path,
                      story: &str,
                      files: &mut Vec<Source>,
                      skipped: &mut Vec<Skipped>| {
        match list_folder(folder) {
            Ok((inner, folders)) => {
                for file in inner {
                    if Format::of(&file).is_some() {
                        files.push(source(story, file));
                    } else {
                        skipped.push(Skipped {
                            path: source(story, file).shown,
                            reason: "not an article file (expected .txt, .md, .html, .jsonl, .json or .csv)".to_owned(),
                        });
                    }
                }
                folders
            }
            Err(e) => {
                skipped.push(Skipped {
                    path: source(story, folder.to_owned()).shown,
                    reason: read::io_reason(&e),
                });
                Vec::new()
            }
        }
    };
    let folders = add_folder(input, &story_name(input), files, skipped);
    for folder in folders {
        // Deeper folders are not read: a corpus is one level of story folders.
        for deeper in add_folder(&folder, &story_name(&folder), files, skipped) {
            skipped.push(Skipped {
                path: source("", deeper).shown,
                reason: "folder nested too deep (a corpus holds one level of story folders)"
                    .to_owned(),
            });
        }
    }
    if files.len() == before {
        skipped.push(Skipped {
            path: shown,
            reason: "folder holds no article files".to_owned(),
        });
    }
}

/// The visible files and sub-folders of a folder, each sorted by name.
fn list_folder(dir: &Path) -> std::io::Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            folders.push(path);
        } else {
            files.push(path);
        }
    }
    files.sort();
    folders.sort();
    Ok((files, folders))
}

fn story_name(dir: &Path) -> String {
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()));
    name.filter(|n| !n.is_empty())
        .unwrap_or_else(|| "story".to_owned())
}
