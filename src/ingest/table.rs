//! The corpus table: what a run must know about the whole corpus before it
//! reads one story (each outlet's line counts for the boilerplate rule, the
//! story names, the story folders whose files hold other stories, the inputs
//! that could not be read). Tables of disjoint parts of a corpus add up, so
//! `crossclaim boilerplate` runs distributed and a shard of `compare` reads
//! only its own stories yet writes the bytes of one run over everything.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use super::IngestOptions;
use super::boilerplate::{self, LineCounts};
use crate::model::Skipped;

/// First line of every table.
const FORMAT: &str = "crossclaim-corpus-table";
const VERSION: u64 = 1;

/// Largest table read (its line counts grow with the distinct lines of the corpus).
const MAX_TABLE: u64 = 16 << 30;

/// The corpus-wide facts of a set of articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusTable {
    /// Each outlet's body lines and how many of its articles hold each.
    pub lines: LineCounts,
    /// Every story an article was read for.
    pub stories: BTreeSet<String>,
    /// Story folders that hold articles of other stories (front matter or
    /// export records naming their story): a run reads them whatever its stories.
    pub mixed: BTreeSet<String>,
    /// Inputs that could not be read, sorted.
    pub skipped: BTreeSet<Skipped>,
    /// A hash of the settings that change what is read (field names, outlet
    /// aliases, the file size limit, the --exclude globs): tables of other
    /// settings do not add up.
    pub settings: String,
    /// False once pruned to the boilerplate lines: no longer adds up.
    pub complete: bool,
}

impl CorpusTable {
    /// An empty table for articles read with `options`.
    pub fn new(options: &IngestOptions) -> Self {
        Self {
            lines: LineCounts::default(),
            stories: BTreeSet::new(),
            mixed: BTreeSet::new(),
            skipped: BTreeSet::new(),
            settings: settings_hash(options),
            complete: true,
        }
    }

    /// A hash of the story names, the same as `Plan::corpus_id` of a run over
    /// the whole corpus: `merge` knows the shards of one corpus by it.
    pub fn corpus_id(&self) -> String {
        super::corpus_id(self.stories.iter().map(String::as_str))
    }

    /// Adds the table of other articles. Both must be complete and of one setting.
    pub fn merge(&mut self, other: CorpusTable, name: &str) -> Result<()> {
        if !self.complete || !other.complete {
            bail!("{name}: a pruned table (boilerplate --prune) cannot be merged again");
        }
        if other.settings != self.settings {
            bail!(
                "{name}: counted with other settings (field names, outlet aliases, \
                 --max-file-size or --exclude) than the tables before it"
            );
        }
        self.lines.merge(other.lines);
        self.stories.extend(other.stories);
        self.mixed.extend(other.mixed);
        self.skipped.extend(other.skipped);
        Ok(())
    }

    /// The bytes of the table: one JSON value a line, everything sorted, so
    /// the same facts always give the same file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = String::new();
        let head = serde_json::json!({
            "format": FORMAT,
            "version": VERSION,
            "settings": self.settings,
            "probe": format!("{:016x}", boilerplate::probe()),
            "complete": self.complete,
        });
        let _ = writeln!(out, "{head}");
        for story in &self.stories {
            let _ = writeln!(out, "{}", serde_json::json!(["story", story]));
        }
        for folder in &self.mixed {
            let _ = writeln!(out, "{}", serde_json::json!(["mixed", folder]));
        }
        for skip in &self.skipped {
            let _ = writeln!(
                out,
                "{}",
                serde_json::json!(["skipped", skip.path, skip.reason])
            );
        }
        for (outlet, lines) in self.lines.sorted() {
            let mut counts = String::with_capacity(lines.len() * 20);
            for (i, (print, n)) in lines.iter().enumerate() {
                let sep = if i == 0 { "" } else { " " };
                let _ = write!(counts, "{sep}{print:016x}:{n}");
            }
            let _ = writeln!(out, "{}", serde_json::json!(["lines", outlet, counts]));
        }
        out.into_bytes()
    }

    /// Reads a table written by `to_bytes`; errors name the file and line.
    pub fn read(path: &Path, options: &IngestOptions) -> Result<Self> {
        let bytes = crate::read_named(path, MAX_TABLE)?;
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| anyhow::anyhow!("{}: not a corpus table (not UTF-8)", path.display()))?;
        let table = Self::parse(text)
            .map_err(|(line, why)| anyhow::anyhow!("{}: line {line}: {why}", path.display()))?;
        if table.settings != settings_hash(options) {
            bail!(
                "{}: counted with other settings (field names, outlet aliases, \
                 --max-file-size or --exclude) than this run's: count it again with the same config",
                path.display()
            );
        }
        Ok(table)
    }

    fn parse(text: &str) -> std::result::Result<Self, (usize, String)> {
        let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
        let (_, first) = lines.next().ok_or((1, "empty file".to_owned()))?;
        let head: Value = serde_json::from_str(first)
            .map_err(|_| (1, format!("not a corpus table (expected {FORMAT:?} first)")))?;
        if head["format"] != FORMAT {
            return Err((1, format!("not a corpus table (expected {FORMAT:?} first)")));
        }
        if head["version"] != VERSION {
            return Err((
                1,
                format!(
                    "table version {} (this crossclaim reads {VERSION})",
                    head["version"]
                ),
            ));
        }
        if head["probe"] != format!("{:016x}", boilerplate::probe()) {
            return Err((
                1,
                "counted by a crossclaim whose line fingerprints differ from this one's \
                 (another version or build): count it again with this binary"
                    .to_owned(),
            ));
        }
        let mut table = Self {
            lines: LineCounts::default(),
            stories: BTreeSet::new(),
            mixed: BTreeSet::new(),
            skipped: BTreeSet::new(),
            settings: head["settings"].as_str().unwrap_or_default().to_owned(),
            complete: head["complete"].as_bool().unwrap_or(false),
        };
        for (n, line) in lines {
            if line.is_empty() {
                continue;
            }
            let bad = |why: &str| (n, why.to_owned());
            let fields: Vec<Value> =
                serde_json::from_str(line).map_err(|e| bad(&format!("not JSON ({e})")))?;
            let text = |i: usize| -> std::result::Result<&str, (usize, String)> {
                fields
                    .get(i)
                    .and_then(Value::as_str)
                    .ok_or_else(|| bad(&format!("field {i} is not a string")))
            };
            match text(0)? {
                "story" => {
                    table.stories.insert(text(1)?.to_owned());
                }
                "mixed" => {
                    table.mixed.insert(text(1)?.to_owned());
                }
                "skipped" => {
                    table.skipped.insert(Skipped {
                        path: text(1)?.to_owned(),
                        reason: text(2)?.to_owned(),
                    });
                }
                "lines" => {
                    let outlet = text(1)?;
                    for entry in text(2)?.split(' ').filter(|e| !e.is_empty()) {
                        let parsed = entry.split_once(':').and_then(|(p, c)| {
                            Some((u64::from_str_radix(p, 16).ok()?, c.parse::<u64>().ok()?))
                        });
                        let (print, count) =
                            parsed.ok_or_else(|| bad(&format!("bad line count {entry:?}")))?;
                        table.lines.add_line(outlet, print, count);
                    }
                }
                other => return Err(bad(&format!("unknown entry {other:?}"))),
            }
        }
        Ok(table)
    }

    /// Writes the table to `path`, replacing it in one rename: a reader never
    /// sees half a table.
    pub fn write(&self, path: &Path) -> Result<()> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = path
            .file_name()
            .with_context(|| format!("{}: not a file name", path.display()))?;
        let staged = dir.join(format!(
            ".{}.crossclaim-{}",
            name.to_string_lossy(),
            std::process::id()
        ));
        let result = (|| -> std::io::Result<()> {
            let mut file = std::fs::File::create(&staged)?;
            file.write_all(&self.to_bytes())?;
            file.sync_all()?;
            std::fs::rename(&staged, path)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&staged);
        }
        result.with_context(|| format!("cannot write {}", path.display()))
    }
}

/// The settings that change what a first pass reads, as a hash.
fn settings_hash(options: &IngestOptions) -> String {
    let mut text = format!(
        "{:?}|{:?}|{}|{}",
        options.fields,
        options.aliases,
        options.max_file_size,
        boilerplate::MIN_ARTICLES
    );
    // Added only when there are globs, so tables counted without any keep their hash.
    if !options.exclude.is_empty() {
        text.push_str(&format!("|exclude {:?}", options.exclude.globs));
    }
    format!("{:016x}", crate::merge::fnv1a(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(stories: &[&str], lines: &[(&str, u64, u64)]) -> CorpusTable {
        let mut t = CorpusTable::new(&IngestOptions::default());
        t.stories = stories.iter().map(|s| (*s).to_owned()).collect();
        for &(outlet, print, n) in lines {
            t.lines.add_line(outlet, print, n);
        }
        t
    }

    #[test]
    fn a_table_reads_back_as_written() {
        let mut t = table(
            &["flood", "strike\tday"],
            &[("daily", 7, 2), ("wire", u64::MAX, 1)],
        );
        t.mixed.insert("flood".to_owned());
        t.skipped.insert(Skipped {
            path: "a/b.bin".to_owned(),
            reason: "not an article file".to_owned(),
        });
        let bytes = t.to_bytes();
        let back = CorpusTable::parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
        assert_eq!(back, t);
    }

    #[test]
    fn tables_of_two_parts_add_up() {
        let mut a = table(&["flood"], &[("daily", 7, 2), ("daily", 9, 1)]);
        let b = table(&["strike"], &[("daily", 7, 1), ("wire", 7, 1)]);
        a.merge(b, "b").unwrap();
        let whole = table(
            &["flood", "strike"],
            &[("daily", 7, 3), ("daily", 9, 1), ("wire", 7, 1)],
        );
        assert_eq!(a, whole);
        assert_eq!(a.corpus_id(), whole.corpus_id());
    }

    #[test]
    fn a_pruned_table_is_not_merged_again() {
        let mut a = table(&["flood"], &[("daily", 7, 3)]);
        a.complete = false;
        let err = a.clone().merge(table(&[], &[]), "b.table").unwrap_err();
        assert!(err.to_string().contains("pruned"), "{err}");
    }

    #[test]
    fn names_the_line_of_a_damaged_table() {
        let t = table(&["flood"], &[]);
        let mut text = String::from_utf8(t.to_bytes()).unwrap();
        text.push_str("[\"lines\", \"daily\", \"zz:1\"]\n");
        let (line, why) = CorpusTable::parse(&text).unwrap_err();
        assert_eq!(line, 3);
        assert!(why.contains("zz:1"), "{why}");
    }
}
