//! Listing: the article files that the paths a user names hold, each with
//! its story and the name the reports show for it. A folder of files is a
//! story, a folder of folders a corpus; report folders, hidden files and the
//! files `exclude` leaves out are not listed, other files are skipped with a
//! reason.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::exclude::Exclude;
use super::read::{self, Format};
use super::{IngestOptions, Scope, Stdin};
use crate::model::Skipped;

/// The article files of the inputs, one source each, and the inputs that
/// are not article files. Story folders of a corpus whose names `wanted`
/// refuses are not listed.
pub(super) fn list(
    inputs: &[PathBuf],
    options: &IngestOptions,
    scope: &Scope,
    wanted: &dyn Fn(&str) -> bool,
) -> (Vec<Source>, Vec<Skipped>) {
    let mut files: Vec<Source> = Vec::new();
    let mut skipped = Vec::new();
    let output = options
        .output
        .as_deref()
        .and_then(|p| p.canonicalize().ok());
    for input in inputs {
        if input.as_os_str() == "-" {
            if let Some(stdin) = &scope.stdin {
                files.push(Source::stdin(stdin));
            }
            continue;
        }
        let listing = Listing {
            output: output.as_deref(),
            exclude: &options.exclude,
            wanted,
        };
        listing.collect(input, &mut files, &mut skipped);
    }
    (distinct(files), skipped)
}

/// An article file to read, with its story and the name reports show for it.
#[derive(Debug)]
pub(super) struct Source {
    pub story: String,
    pub path: PathBuf,
    /// The file itself, links resolved: one file named twice is read once.
    canonical: PathBuf,
    /// The path relative to the parent of the input the user named: reports never
    /// carry absolute paths. Unique among the inputs (see `distinct`).
    pub shown: String,
    /// Standard input's records, when this is `-`.
    pub stdin: Option<Result<Arc<str>, String>>,
    /// Listed from a story folder of a corpus folder (not the input itself).
    pub in_story_folder: bool,
}

impl Source {
    fn stdin(stdin: &Stdin) -> Self {
        Self {
            story: stdin.name.clone(),
            path: PathBuf::from("-"),
            canonical: PathBuf::from("-"),
            shown: stdin.name.clone(),
            stdin: Some(stdin.text.clone()),
            in_story_folder: false,
        }
    }
}

/// What `collect` leaves out besides hidden files.
struct Listing<'a> {
    /// The output folder, canonical: its reports are no articles.
    output: Option<&'a Path>,
    exclude: &'a Exclude,
    /// Whether a story folder of a corpus is listed, by its story name.
    wanted: &'a dyn Fn(&str) -> bool,
}

impl Listing<'_> {
    /// Lists the article files under `input` with the story each belongs to. The
    /// output folder, report files in a report folder, and what `exclude` names
    /// are left out.
    fn collect(&self, input: &Path, files: &mut Vec<Source>, skipped: &mut Vec<Skipped>) {
        let Listing {
            output,
            exclude,
            wanted,
        } = *self;
        let shown = display_path(input);
        let root = input.parent().map(Path::to_owned).unwrap_or_default();
        let source = |story: &str, path: PathBuf| Source {
            story: story.to_owned(),
            shown: display_path(path.strip_prefix(&root).unwrap_or(&path)),
            canonical: path.canonicalize().unwrap_or_else(|_| path.clone()),
            path,
            stdin: None,
            in_story_folder: false,
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
            let parent = parent.unwrap_or(Path::new("."));
            let named = source(&story_name(parent), input.to_owned());
            if !is_report_file(input, report_folder(parent, output))
                && !exclude.excludes(&file_name(input), &named.shown, false)
            {
                files.push(named);
            }
            return;
        }
        let before = files.len();
        let add_folder = |folder: &Path,
                          story: &str,
                          files: &mut Vec<Source>,
                          skipped: &mut Vec<Skipped>| {
            let reports = report_folder(folder, output);
            match list_folder(folder) {
                Ok((inner, folders)) => {
                    for file in inner {
                        let found = source(story, file);
                        if is_report_file(&found.path, reports)
                            || exclude.excludes(&file_name(&found.path), &found.shown, true)
                        {
                            continue;
                        }
                        if Format::of(&found.path).is_some() {
                            files.push(found);
                        } else {
                            skipped.push(Skipped {
                            path: found.shown,
                            reason: "not an article file (expected .txt, .md, .html, .jsonl, .json or .csv)".to_owned(),
                        });
                        }
                    }
                    // A folder a glob names is left out with all it holds.
                    folders
                        .into_iter()
                        .filter(|f| {
                            let shown = display_path(f.strip_prefix(&root).unwrap_or(f));
                            !exclude.excludes(&file_name(f), &shown, false)
                        })
                        .collect()
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
        let mut left_out = false;
        for folder in folders {
            // The reports of this run, or of another, are no story.
            if report_folder(&folder, output) {
                continue;
            }
            // Another run's story (a corpus table says no other story is in it).
            if !wanted(&story_name(&folder)) {
                left_out = true;
                continue;
            }
            // Deeper folders are not read: a corpus is one level of story folders.
            let first = files.len();
            let deeper = add_folder(&folder, &story_name(&folder), files, skipped);
            for file in &mut files[first..] {
                file.in_story_folder = true;
            }
            for deeper in deeper {
                if report_folder(&deeper, output) {
                    continue;
                }
                skipped.push(Skipped {
                    path: source("", deeper).shown,
                    reason: "folder nested too deep (a corpus holds one level of story folders)"
                        .to_owned(),
                });
            }
        }
        if files.len() == before && !left_out {
            skipped.push(Skipped {
                path: shown,
                reason: "folder holds no article files".to_owned(),
            });
        }
    }
}

/// The last part of a path as reports show it.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| display_path(Path::new(n)))
        .unwrap_or_default()
}

/// Whether `folder` holds reports: it is the output folder, a manifest says
/// another run wrote reports into it, or it holds the story pages of such a folder.
fn report_folder(folder: &Path, output: Option<&Path>) -> bool {
    let this_run = output.is_some_and(|out| folder.canonicalize().is_ok_and(|f| f == out));
    this_run
        || folder.join(crate::report::MANIFEST).is_file()
        || crate::report::is_page_folder(folder)
}

/// Whether `file`, in a report folder, is one of the reports.
fn is_report_file(file: &Path, in_report_folder: bool) -> bool {
    in_report_folder
        && file
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| crate::report::FILES.contains(&n))
}

/// One source per file, and names that tell files apart. A file named twice
/// (`a.txt a.txt`, or a folder and a file in it) is one article, under the
/// name with the most folders in it (then the smallest), so the order of the
/// inputs changes nothing. Files that would show the same name (`x/s/wire.txt`
/// and `y/s/wire.txt`, both `s/wire.txt`) show as many more of the folders
/// above them as tell them apart.
fn distinct(mut files: Vec<Source>) -> Vec<Source> {
    let depth = |f: &Source| std::cmp::Reverse(f.shown.split('/').count());
    files.sort_by(|a, b| {
        (&a.canonical, depth(a), &a.story, &a.shown).cmp(&(
            &b.canonical,
            depth(b),
            &b.story,
            &b.shown,
        ))
    });
    files.dedup_by(|later, first| later.canonical == first.canonical);
    loop {
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &files {
            *count.entry(f.shown.as_str()).or_default() += 1;
        }
        let clashing: BTreeSet<String> = count
            .into_iter()
            .filter(|&(_, n)| n > 1)
            .map(|(name, _)| name.to_owned())
            .collect();
        let mut longer = false;
        for f in files.iter_mut().filter(|f| clashing.contains(&f.shown)) {
            // The path as named, made absolute but with its links unresolved.
            let full = std::path::absolute(&f.path).unwrap_or_else(|_| f.path.clone());
            let parts: Vec<_> = full.components().collect();
            let wanted = f.shown.split('/').count() + 1;
            if wanted <= parts.len() {
                let tail: PathBuf = parts[parts.len() - wanted..].iter().collect();
                f.shown = display_path(&tail);
                longer = true;
            }
        }
        if !longer {
            return files;
        }
    }
}

/// A path as reports show it: UTF-8 as it is, every byte of a name that is
/// not UTF-8 as `\xNN`, so that two such names never merge into one "�".
pub fn display_path(path: &Path) -> String {
    let mut out = String::new();
    for chunk in path.as_os_str().as_encoded_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02X}"));
        }
    }
    out
}

/// The visible files and sub-folders of a folder, each sorted by name.
fn list_folder(dir: &Path) -> std::io::Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
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
        .and_then(|p| p.file_name().map(|n| display_path(Path::new(n))))
        .or_else(|| dir.file_name().map(|n| display_path(Path::new(n))));
    name.filter(|n| !n.is_empty())
        .unwrap_or_else(|| "story".to_owned())
}
