//! Ingest: turns the paths a user names into stories of articles.
//!
//! A folder of article files is one story; a folder of such folders is a corpus.
//! Every file that cannot be read as an article is skipped with a one-line reason,
//! and the run goes on: nothing is dropped without being listed.

mod clean;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::model::{Article, Skipped, Story};

pub use clean::{Cleaned, clean, parse_date};

/// File endings read as articles.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];

/// What ingest needs to know from the configuration.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Files larger than this are skipped, so one stray dump cannot exhaust memory.
    pub max_file_size: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            max_file_size: 50 * 1024 * 1024,
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
    let mut files: Vec<Source> = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        collect(input, &mut files, &mut skipped);
    }
    let mut stories: BTreeMap<String, Vec<Article>> = BTreeMap::new();
    let read: Vec<Result<Article, Skipped>> = {
        use rayon::prelude::*;
        files.par_iter().map(|f| read_article(f, options)).collect()
    };
    for result in read {
        match result {
            Ok(article) => stories
                .entry(article.story.clone())
                .or_default()
                .push(article),
            Err(skip) => skipped.push(skip),
        }
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
                reason: io_reason(&e),
            });
            return;
        }
    };
    if meta.is_file() {
        let story = story_name(
            input
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        );
        files.push(source(&story, input.to_owned()));
        return;
    }
    let (articles, folders) = match list_folder(input) {
        Ok(listing) => listing,
        Err(e) => {
            skipped.push(Skipped {
                path: shown,
                reason: io_reason(&e),
            });
            return;
        }
    };
    let before = files.len();
    let story = story_name(input);
    for file in articles {
        if is_article(&file) {
            files.push(source(&story, file));
        } else {
            skipped.push(Skipped {
                path: file.display().to_string(),
                reason: "not an article file (expected .txt or .md)".to_owned(),
            });
        }
    }
    for folder in folders {
        match list_folder(&folder) {
            Ok((inner, _)) => {
                let name = story_name(&folder);
                for file in inner {
                    if is_article(&file) {
                        files.push(source(&name, file));
                    } else {
                        skipped.push(Skipped {
                            path: file.display().to_string(),
                            reason: "not an article file (expected .txt or .md)".to_owned(),
                        });
                    }
                }
            }
            Err(e) => skipped.push(Skipped {
                path: folder.display().to_string(),
                reason: io_reason(&e),
            }),
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

fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
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

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => format!("cannot read: {e}"),
    }
}

/// Reads and decodes one file, refusing what is not article text.
fn read_article(file: &Source, options: &IngestOptions) -> Result<Article, Skipped> {
    let (story, path, source) = (&file.story, &file.path, file.shown.clone());
    let skip = |reason: String| Skipped {
        path: source.clone(),
        reason,
    };
    let size = fs::metadata(path).map_err(|e| skip(io_reason(&e)))?.len();
    if size > options.max_file_size {
        return Err(skip(format!(
            "file is {size} bytes, over the {} byte limit (--max-file-size)",
            options.max_file_size
        )));
    }
    let bytes = fs::read(path).map_err(|e| skip(io_reason(&e)))?;
    let text = decode(&bytes).map_err(skip)?;
    let outlet = path
        .file_stem()
        .map_or_else(|| source.clone(), |s| s.to_string_lossy().into_owned());
    let cleaned = clean(&text);
    if cleaned.body.is_empty() {
        return Err(skip("no article text after cleaning".to_owned()));
    }
    Ok(Article {
        story: story.clone(),
        outlet,
        source,
        date: cleaned.date,
        title: cleaned.title,
        byline: cleaned.byline,
        url: None,
        text,
        body: cleaned.body,
        dropped_lines: cleaned.dropped,
    })
}

/// Decodes UTF-8 text, naming what is wrong with anything else.
fn decode(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".to_owned());
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("binary file (NUL byte at offset {at})"));
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        format!(
            "not valid UTF-8 (bad byte at offset {}); re-encode it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn names_the_offset_of_invalid_utf8() {
        let err = decode(b"caf\xe9 au lait").unwrap_err();
        assert!(err.contains("offset 3"), "{err}");
    }

    #[test]
    fn refuses_binary_and_empty_files() {
        assert!(decode(b"ab\0cd").unwrap_err().starts_with("binary"));
        assert_eq!(decode(b" \n\t").unwrap_err(), "empty file");
    }

    #[test]
    fn strips_byte_order_mark() {
        assert_eq!(decode(b"\xef\xbb\xbfHello.").unwrap(), "Hello.");
    }
}
