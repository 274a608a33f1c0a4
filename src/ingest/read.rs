//! Reading one input file into articles: decoding and refusing what is not text,
//! then one article per plain, Markdown or HTML file, or one per export record.
//! Every refusal names the file (or `path#record`) and the reason.

use std::fs;
use std::io::Read;
use std::path::Path;

use super::records::{self, Record};
use super::{IngestOptions, clean, html, parse_date};
use crate::model::{Article, Skipped};

/// How a file is read, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    Html,
    JsonLines,
    Json,
    Csv,
}

impl Format {
    /// The format of a file name, or None for files that are not articles.
    pub fn of(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" | "md" | "markdown" => Self::Plain,
            "html" | "htm" | "xhtml" => Self::Html,
            "jsonl" | "ndjson" => Self::JsonLines,
            "json" => Self::Json,
            "csv" => Self::Csv,
            _ => return None,
        })
    }
}

/// The articles in one file, each read or refused with a reason.
pub fn read_file(
    path: &Path,
    shown: &str,
    story: &str,
    options: &IngestOptions,
) -> Vec<Result<Article, Skipped>> {
    let skip = |reason: String| {
        vec![Err(Skipped {
            path: shown.to_owned(),
            reason,
        })]
    };
    let Some(format) = Format::of(path) else {
        return skip(
            "not an article file (expected .txt, .md, .html, .jsonl, .json or .csv)".to_owned(),
        );
    };
    let text = match read_limited(path, options.max_file_size).and_then(decode) {
        Ok(text) => text,
        Err(reason) => return skip(reason),
    };
    let stem = path
        .file_stem()
        .map_or_else(|| shown.to_owned(), |s| super::display_path(Path::new(s)));
    read_text(format, text, shown, story, &stem, options)
}

/// The articles in the decoded text of one file: `shown` names it in the
/// reports, `stem` is the outlet of last resort.
pub fn read_text(
    format: Format,
    text: String,
    shown: &str,
    story: &str,
    stem: &str,
    options: &IngestOptions,
) -> Vec<Result<Article, Skipped>> {
    let skip = |reason: String| {
        vec![Err(Skipped {
            path: shown.to_owned(),
            reason,
        })]
    };
    let base = Base { story, stem };
    let records = match format {
        Format::Plain => return vec![base.article(shown.to_owned(), Record::default(), text)],
        Format::Html => {
            return vec![html_article(
                &base,
                shown.to_owned(),
                Record::default(),
                &text,
            )];
        }
        Format::JsonLines => Ok(records::jsonl(&text, &options.fields)),
        Format::Json => records::json(&text, &options.fields),
        Format::Csv => records::csv(&text, &options.fields),
    };
    match records {
        Ok(records) => record_articles(records, shown, &base, options, false),
        Err(reason) => skip(reason),
    }
}

/// The articles of JSON Lines records read from standard input. A record's
/// source is its id, else its url, else `name#line`: a driver that feeds the
/// records of a story in any order gets the same sources, and so the same
/// reports. A record named by its id (`s1/wire.txt`) takes the outlet of
/// last resort from that id as a file takes it from its name (`wire`).
pub fn read_stdin(
    text: &str,
    name: &str,
    options: &IngestOptions,
) -> Vec<Result<Article, Skipped>> {
    let base = Base {
        story: name,
        stem: name,
    };
    record_articles(
        records::jsonl(text, &options.fields),
        name,
        &base,
        options,
        true,
    )
}

/// The articles of an export's records; `by_id` names each by its id or url
/// when it has one (standard input) instead of `shown#N`.
fn record_articles(
    records: records::Numbered,
    shown: &str,
    base: &Base,
    options: &IngestOptions,
    by_id: bool,
) -> Vec<Result<Article, Skipped>> {
    let skip = |reason: String| {
        vec![Err(Skipped {
            path: shown.to_owned(),
            reason,
        })]
    };
    if records.is_empty() {
        return skip("no records in the file".to_owned());
    }
    // A data file that is not an export of articles (gold files, metadata) is one
    // skipped file, not one line per record.
    if !records
        .iter()
        .any(|(_, r)| r.as_ref().is_ok_and(|r| r.text.is_some()))
    {
        return skip(format!(
            "no article records (no record has a text field: {})",
            options.fields.text.join(", ")
        ));
    }
    records
        .into_iter()
        .map(|(n, record)| {
            let named = record.as_ref().ok().filter(|_| by_id).and_then(|r| {
                let id = r.id.clone().map(|id| (id, true));
                id.or_else(|| r.url.clone().map(|url| (url, false)))
            });
            let stem = named
                .as_ref()
                .filter(|(_, is_id)| *is_id)
                .and_then(|(id, _)| Path::new(id).file_stem())
                .map(|s| super::display_path(Path::new(s)));
            let base = Base {
                story: base.story,
                stem: stem.as_deref().unwrap_or(base.stem),
            };
            let source = named.map_or_else(|| format!("{shown}#{n}"), |(name, _)| name);
            // A panic in one record costs that record only.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                record_article(&base, source.clone(), record, options)
            }))
            .unwrap_or_else(|panic| {
                Err(Skipped {
                    path: source,
                    reason: format!(
                        "crossclaim failed reading this record ({}); please report it",
                        crate::panic_message(panic.as_ref())
                    ),
                })
            })
        })
        .collect()
}

/// The article of one export record, or why there is none.
fn record_article(
    base: &Base,
    source: String,
    record: Result<Record, String>,
    options: &IngestOptions,
) -> Result<Article, Skipped> {
    let mut record = record.map_err(|reason| Skipped {
        path: source.clone(),
        reason,
    })?;
    let Some(body) = record.text.take() else {
        return Err(Skipped {
            path: source,
            reason: format!(
                "no text field (looked for {})",
                options.fields.text.join(", ")
            ),
        });
    };
    if html::looks_like_html(&body) {
        html_article(base, source, record, &body)
    } else {
        base.article(source, record, body)
    }
}

fn html_article(
    base: &Base,
    source: String,
    mut record: Record,
    html_text: &str,
) -> Result<Article, Skipped> {
    let page = html::extract(html_text).map_err(|reason| Skipped {
        path: source.clone(),
        reason,
    })?;
    record.title = record.title.or(page.title);
    record.byline = record.byline.or(page.byline);
    record.date = record.date.or(page.published);
    record.outlet = record.outlet.or(page.site);
    record.url = record.url.or(page.url);
    base.article(source, record, page.text)
}

/// What every article of one file shares.
struct Base<'a> {
    story: &'a str,
    stem: &'a str,
}

impl Base<'_> {
    /// Cleans `text` into an article; metadata from the record wins over what
    /// cleaning finds in the text, and the file stem is the outlet of last resort.
    fn article(&self, source: String, record: Record, text: String) -> Result<Article, Skipped> {
        let cleaned = clean(&text);
        if cleaned.body.is_empty() {
            return Err(Skipped {
                path: source,
                reason: "no article text after cleaning".to_owned(),
            });
        }
        let url = record.url.or(cleaned.url);
        let outlet = record
            .outlet
            .or(cleaned.outlet)
            .or_else(|| url.as_deref().and_then(host))
            .unwrap_or_else(|| self.stem.to_owned());
        Ok(Article {
            story: record
                .story
                .or(cleaned.story)
                .unwrap_or_else(|| self.story.to_owned()),
            outlet,
            source,
            date: record.date.as_deref().and_then(parse_date).or(cleaned.date),
            title: record.title.or(cleaned.title),
            byline: record.byline.or(cleaned.byline),
            url,
            text,
            body: cleaned.body,
            dropped_lines: cleaned.dropped,
        })
    }
}

/// "https://www.example.com/a/b" -> "example.com".
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (host.contains('.')).then(|| host.to_ascii_lowercase())
}

/// The bytes of a regular file, at most `limit` of them. Named pipes, devices
/// and sockets are refused before they are opened (a FIFO would block, and
/// `/dev/zero` never ends), and the limit holds for the bytes actually read:
/// a size in the metadata can be 0 or wrong.
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let meta = fs::metadata(path).map_err(|e| io_reason(&e))?;
    if !meta.is_file() {
        return Err(not_a_file(&meta.file_type()));
    }
    let over =
        |size: u64| format!("file is {size} bytes, over the {limit} byte limit (--max-file-size)");
    if meta.len() > limit {
        return Err(over(meta.len()));
    }
    let file = fs::File::open(path).map_err(|e| io_reason(&e))?;
    // The path may have been swapped for something else since it was checked.
    match file.metadata() {
        Ok(meta) if meta.is_file() => {}
        Ok(meta) => return Err(not_a_file(&meta.file_type())),
        Err(e) => return Err(io_reason(&e)),
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "file has more than {limit} bytes, over the limit (--max-file-size)"
        ));
    }
    Ok(bytes)
}

/// Why something that is not a regular file is not read.
fn not_a_file(kind: &fs::FileType) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO), not a file: not read".to_owned();
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device, not a file: not read".to_owned();
        }
        if kind.is_socket() {
            return "a socket, not a file: not read".to_owned();
        }
    }
    if kind.is_dir() {
        return "is a folder".to_owned();
    }
    "not a regular file: not read".to_owned()
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::IsADirectory => "is a folder".to_owned(),
        _ => format!("cannot read: {e}"),
    }
}

/// Decodes UTF-8 text, naming what is wrong with anything else. A byte-order mark
/// stays in the text, so offsets are offsets into the file.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let content = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    if content.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".to_owned());
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("binary file (NUL byte at offset {at})"));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (bad byte at offset {}); re-encode it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_offset_of_invalid_utf8() {
        let err = decode(b"\xef\xbb\xbfcaf\xe9 au lait".to_vec()).unwrap_err();
        assert!(err.contains("offset 6"), "{err}");
    }

    #[test]
    fn refuses_binary_and_empty_files() {
        assert!(
            decode(b"ab\0cd".to_vec())
                .unwrap_err()
                .starts_with("binary")
        );
        assert_eq!(decode(b" \n\t".to_vec()).unwrap_err(), "empty file");
        assert_eq!(
            decode(b"\xef\xbb\xbf\n".to_vec()).unwrap_err(),
            "empty file"
        );
    }

    #[test]
    fn keeps_byte_order_mark_so_offsets_match_the_file() {
        assert_eq!(
            decode(b"\xef\xbb\xbfHello.".to_vec()).unwrap(),
            "\u{feff}Hello."
        );
    }

    #[test]
    fn takes_the_outlet_from_a_url_host() {
        assert_eq!(
            host("https://www.Example.com/a/b?c").as_deref(),
            Some("example.com")
        );
        assert_eq!(host("nothing"), None);
    }

    #[test]
    fn knows_formats_by_extension() {
        assert_eq!(Format::of(Path::new("a/B.HTML")), Some(Format::Html));
        assert_eq!(Format::of(Path::new("a.pdf")), None);
    }
}
