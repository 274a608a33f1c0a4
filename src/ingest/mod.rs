//! Ingest: turns the paths a user names into stories of articles.
//!
//! A folder of article files is one story; a folder of such folders is a corpus.
//! Files are plain text, Markdown, HTML, or JSON Lines/JSON/CSV exports with one
//! article per record. Every input that cannot be read is skipped with a one-line
//! reason, and the run goes on: nothing is dropped without being listed.

mod boilerplate;
mod clean;
mod date;
mod exclude;
mod html;
mod junk;
mod list;
mod read;
mod records;
mod table;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;

use crate::model::{Article, Skipped, Story};
use boilerplate::Boilerplate;
use list::{Source, list};

pub use clean::{Cleaned, clean};
pub use date::parse_date;
pub use exclude::Exclude;
pub use html::{Page, extract as extract_html};
pub use list::display_path;
pub use read::{Format, decode, read_text};
pub use records::IngestConfig;
pub use table::CorpusTable;

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
    /// The folder the reports go to: never read as input, nor are report files
    /// in it (`compare s -o s` twice, `-o corpus/reports`).
    pub output: Option<PathBuf>,
    /// Files and folders left out (`--exclude`, READMEs and configs in folders).
    pub exclude: Exclude,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            max_file_size: 50 * 1024 * 1024,
            fields: IngestConfig::default(),
            aliases: BTreeMap::new(),
            output: None,
            exclude: Exclude::default(),
        }
    }
}

/// What the first pass over the inputs learned: which files hold each story,
/// and each outlet's boilerplate. Article text is not kept: `Plan::read` reads
/// the files again, a batch of stories at a time, so a corpus of any size is
/// analysed in the memory of a batch.
#[derive(Debug)]
pub struct Plan {
    files: Vec<Source>,
    /// Story names, sorted, each with the files (indices into `files`) that
    /// hold its articles.
    stories: Vec<(String, Vec<usize>)>,
    /// The story names of every file read, before `retain`: an article of a
    /// story left out on purpose is not a loss.
    known: BTreeSet<String>,
    /// Whether any article was read (of the corpus, with a table).
    found: bool,
    /// A hash of the corpus's story names (see `corpus_id`).
    corpus: String,
    boilerplate: Boilerplate,
    options: IngestOptions,
    /// Every input that could not be read, sorted by path.
    pub skipped: Vec<Skipped>,
}

/// Which part of the inputs a run reads, and what it knows beforehand.
#[derive(Default)]
pub struct Scope<'a> {
    /// The corpus table (`compare --boilerplate`): its boilerplate is used
    /// instead of counting the inputs', so story folders of stories this run
    /// does not keep are not read at all.
    pub table: Option<&'a CorpusTable>,
    /// The stories this run keeps (a shard, `--stories-from`); None keeps all.
    pub keep: Option<&'a (dyn Fn(&str) -> bool + Sync)>,
    /// Standard input, already read, for an input named `-`: JSON Lines
    /// records, named by `Stdin::name` when they have no id or url.
    pub stdin: Option<Stdin>,
}

/// The records a run was given on standard input.
#[derive(Clone)]
pub struct Stdin {
    /// The text, or why it cannot be read (not UTF-8, empty, too long).
    pub text: Result<Arc<str>, String>,
    /// The story of records without one, and their source before `#line`.
    pub name: String,
}

/// Reads every input once (files, story folders and corpus folders), keeping
/// only each file's story names and line fingerprints.
pub fn plan(inputs: &[PathBuf], options: &IngestOptions) -> Plan {
    plan_in(inputs, options, &Scope::default())
}

/// `plan` for a part of the inputs (see `Scope`).
pub fn plan_in(inputs: &[PathBuf], options: &IngestOptions, scope: &Scope) -> Plan {
    // Without a table every file is read: the boilerplate rule counts them all.
    let folder_wanted = |name: &str| match (scope.table, scope.keep) {
        (Some(table), Some(keep)) => keep(name) || table.mixed.contains(name),
        _ => true,
    };
    let (files, mut skipped) = list(inputs, options, scope, &folder_wanted);
    let scanned = scan(&files, options);
    let boilerplate = match scope.table {
        Some(table) => table.lines.boilerplate(),
        None => Boilerplate::count(
            scanned
                .iter()
                .flatten()
                .flatten()
                .map(|a| (a.outlet.as_str(), a.prints.as_slice())),
        ),
    };
    let mut stories: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut known = BTreeSet::new();
    for (file, articles) in scanned.into_iter().enumerate() {
        for article in articles {
            match article {
                Ok(a) if boilerplate.covers(&a.outlet, &a.prints) => {
                    known.insert(a.story);
                    skipped.push(all_boilerplate(a.source));
                }
                Ok(a) => {
                    let files = stories.entry(a.story).or_default();
                    if files.last() != Some(&file) {
                        files.push(file);
                    }
                }
                Err(skip) => skipped.push(skip),
            }
        }
    }
    known.extend(stories.keys().cloned());
    let (found, corpus) = match scope.table {
        Some(table) => {
            skipped.extend(table.skipped.iter().cloned());
            (!table.stories.is_empty(), table.corpus_id())
        }
        None => (
            !stories.is_empty(),
            corpus_id(known.iter().map(String::as_str)),
        ),
    };
    skipped.sort();
    skipped.dedup();
    let mut plan = Plan {
        files,
        known,
        found,
        corpus,
        stories: stories.into_iter().collect(),
        boilerplate,
        options: options.clone(),
        skipped,
    };
    if let Some(keep) = scope.keep {
        plan.retain(keep);
    }
    plan
}

/// Counts the corpus table of the inputs (`crossclaim boilerplate`): with
/// `part`, only the files of the story folders whose name hashes to it and
/// the other files whose shown path does, so that the parts count every
/// file once and their tables add up, and no part lists the whole corpus.
pub fn count(
    inputs: &[PathBuf],
    options: &IngestOptions,
    stdin: Option<Stdin>,
    part: Option<crate::merge::Shard>,
) -> CorpusTable {
    let scope = Scope {
        stdin,
        ..Scope::default()
    };
    // A part lists only its own story folders (by the story name's hash, as
    // shards do), and of the other files those whose path hashes to it.
    let wanted = |name: &str| part.is_none_or(|p| p.contains(name));
    let (mut files, skipped) = list(inputs, options, &scope, &wanted);
    if let Some(part) = part {
        files.retain(|f| f.in_story_folder || part.contains(&f.shown));
    }
    let scanned = scan(&files, options);
    let mut table = CorpusTable::new(options);
    table.skipped.extend(skipped);
    for (file, articles) in files.iter().zip(scanned) {
        for article in articles {
            match article {
                Ok(a) => {
                    table.lines.add_article(&a.outlet, &a.prints);
                    if a.story != file.story {
                        table.mixed.insert(file.story.clone());
                    }
                    table.stories.insert(a.story);
                }
                Err(skip) => {
                    table.skipped.insert(skip);
                }
            }
        }
    }
    table
}

/// A hash of a corpus's story names, given sorted: the same for every shard
/// of one corpus, and for its corpus table.
pub fn corpus_id<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    format!("{:016x}", crate::merge::fnv1a(names.join("\n").as_bytes()))
}

/// The first pass: every file's articles, as their story, outlet, source
/// and line fingerprints, read on all threads.
fn scan(files: &[Source], options: &IngestOptions) -> Vec<Vec<Result<Scanned, Skipped>>> {
    use rayon::prelude::*;
    files
        .par_iter()
        .map(|f| {
            read_articles(f, options)
                .into_iter()
                .map(|article| {
                    article.map(|a| Scanned {
                        prints: boilerplate::fingerprints(&a),
                        story: a.story,
                        outlet: a.outlet,
                        source: a.source,
                    })
                })
                .collect()
        })
        .collect()
}

/// What the first pass keeps of an article.
struct Scanned {
    story: String,
    outlet: String,
    source: String,
    prints: Vec<u64>,
}

fn all_boilerplate(source: String) -> Skipped {
    Skipped {
        path: source,
        reason: "nothing left but boilerplate shared with the outlet's other articles".to_owned(),
    }
}

/// The articles of one file, outlet names as the reports show them. A panic
/// while reading costs this file only: it is skipped with the message.
fn read_articles(file: &Source, options: &IngestOptions) -> Vec<Result<Article, Skipped>> {
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match &file.stdin {
        Some(Ok(text)) if text.is_empty() => Vec::new(),
        Some(Ok(text)) => read::read_stdin(text, &file.shown, options),
        Some(Err(reason)) => vec![Err(Skipped {
            path: file.shown.clone(),
            reason: reason.clone(),
        })],
        None => read::read_file(&file.path, &file.shown, &file.story, options),
    }));
    let mut articles = read.unwrap_or_else(|panic| {
        vec![Err(Skipped {
            path: file.shown.clone(),
            reason: format!(
                "crossclaim failed reading this file ({}); please report it",
                crate::panic_message(panic.as_ref())
            ),
        })]
    });
    for article in articles.iter_mut().flatten() {
        if let Some(name) = options.aliases.get(&article.outlet) {
            article.outlet.clone_from(name);
        }
    }
    articles
}

impl Plan {
    /// Whether any input held an article (before `retain`): when none did,
    /// there is nothing to report and the old reports must stay.
    pub fn found_articles(&self) -> bool {
        self.found
    }

    /// A hash of every story name in the inputs (before `retain`; with a
    /// corpus table, in the table), the same for every shard of one corpus:
    /// `merge` refuses shards of other inputs.
    pub fn corpus_id(&self) -> String {
        self.corpus.clone()
    }

    /// The number of stories to read.
    pub fn len(&self) -> usize {
        self.stories.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    /// Keeps only the stories whose names pass `keep` (a shard).
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.stories.retain(|(name, _)| keep(name));
    }

    /// The second pass: the stories in name order, read `batch` stories at a
    /// time on all threads, boilerplate removed, articles sorted by outlet,
    /// then source. A file that holds articles of several stories is read once;
    /// its articles for later batches wait in memory until their batch.
    pub fn read(self, batch: usize) -> Reader {
        Reader {
            done: vec![false; self.files.len()],
            plan: self,
            next: 0,
            batch: batch.max(1),
            ready: VecDeque::new(),
            waiting: BTreeMap::new(),
            skipped: Vec::new(),
        }
    }
}

/// The stories of a `Plan`, read a batch at a time.
#[derive(Debug)]
pub struct Reader {
    plan: Plan,
    /// Files already read in this pass.
    done: Vec<bool>,
    /// The first story of the next batch.
    next: usize,
    batch: usize,
    ready: VecDeque<Story>,
    /// Articles read with an earlier batch's files, by story.
    waiting: BTreeMap<usize, Vec<(usize, Article)>>,
    /// Inputs refused in this pass and not in the first.
    skipped: Vec<Skipped>,
}

impl Iterator for Reader {
    type Item = Story;

    fn next(&mut self) -> Option<Story> {
        while self.ready.is_empty() && self.next < self.plan.stories.len() {
            self.read_batch();
        }
        self.ready.pop_front()
    }
}

impl Reader {
    /// Every input that could not be read, in either pass, sorted by path.
    pub fn finish(self) -> Vec<Skipped> {
        let mut skipped = self.plan.skipped;
        skipped.extend(self.skipped);
        skipped.sort();
        skipped.dedup();
        skipped
    }

    fn read_batch(&mut self) {
        use rayon::prelude::*;
        let plan = &self.plan;
        let batch = self.next..self.next.saturating_add(self.batch).min(plan.stories.len());
        self.next = batch.end;
        let mut wanted: Vec<usize> = plan.stories[batch.clone()]
            .iter()
            .flat_map(|(_, files)| files.iter().copied())
            .filter(|&f| !self.done[f])
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let read: Vec<Vec<Result<Article, Skipped>>> = wanted
            .par_iter()
            .map(|&f| {
                let mut articles = read_articles(&plan.files[f], &plan.options);
                for article in articles.iter_mut().flatten() {
                    plan.boilerplate.remove(article);
                }
                articles
            })
            .collect();
        for &f in &wanted {
            self.done[f] = true;
        }
        for (&file, articles) in wanted.iter().zip(read) {
            for article in articles {
                self.place(file, article, batch.start);
            }
        }
        for i in batch {
            let Some(mut articles) = self.waiting.remove(&i) else {
                continue;
            };
            // Stable: a file's articles keep their order.
            articles.sort_by(|(fa, a), (fb, b)| {
                (&a.outlet, &a.source, fa).cmp(&(&b.outlet, &b.source, fb))
            });
            self.ready.push_back(Story {
                name: self.plan.stories[i].0.clone(),
                articles: articles.into_iter().map(|(_, a)| a).collect(),
            });
        }
    }

    /// Files an article read from `file` under its story, unless that story
    /// is not read (another shard's) or already gone by (before `first`).
    fn place(&mut self, file: usize, article: Result<Article, Skipped>, first: usize) {
        let article = match article {
            Ok(article) if article.body.is_empty() => {
                return self.skipped.push(all_boilerplate(article.source));
            }
            Ok(article) => article,
            Err(skip) => return self.skipped.push(skip),
        };
        match self
            .plan
            .stories
            .binary_search_by(|(n, _)| n.cmp(&article.story))
        {
            Ok(i) if i >= first => self.waiting.entry(i).or_default().push((file, article)),
            _ if self.plan.known.contains(&article.story) => {}
            _ => self.skipped.push(Skipped {
                path: article.source,
                reason: "the file changed while it was being read".to_owned(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A corpus of three story folders and, beside them, an export whose
    /// records belong to two of those stories; one outlet repeats a footer.
    fn corpus() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let footer = "Read our coverage of the region every day.";
        for (story, facts) in [
            ("alpha", ["The dam held.", "The river rose."]),
            ("beta", ["Schools reopened.", "Buses ran late."]),
            ("gamma", ["The port closed.", "Ships waited offshore."]),
        ] {
            let folder = dir.path().join(story);
            fs::create_dir(&folder).unwrap();
            fs::write(
                folder.join("daily.txt"),
                format!("{}\n\n{footer}\n", facts[0]),
            )
            .unwrap();
            fs::write(folder.join("wire.txt"), format!("{}\n", facts[1])).unwrap();
        }
        let records = [
            r#"{"outlet": "herald", "story": "gamma", "text": "Ships were turned away."}"#,
            r#"{"outlet": "herald", "story": "alpha", "text": "Water topped the levee."}"#,
        ];
        fs::write(dir.path().join("export.jsonl"), records.join("\n")).unwrap();
        dir
    }

    /// An article as its source and its body blocks.
    type Read = (String, Vec<String>);

    /// Each story as its name and its articles.
    fn read_all(reader: &mut Reader) -> Vec<(String, Vec<Read>)> {
        reader
            .map(|story| {
                let articles = story
                    .articles
                    .iter()
                    .map(|a| {
                        let body = a.body.iter().map(|b| a.text[b.start..b.end].to_owned());
                        (a.source.clone(), body.collect())
                    })
                    .collect();
                (story.name, articles)
            })
            .collect()
    }

    #[test]
    fn reading_in_small_batches_gives_the_stories_of_one_batch() {
        let dir = corpus();
        let inputs = [dir.path().to_owned()];
        let options = IngestOptions::default();
        let mut whole = plan(&inputs, &options).read(usize::MAX);
        let mut single = plan(&inputs, &options).read(1);
        let stories = read_all(&mut whole);
        assert_eq!(stories, read_all(&mut single));
        assert_eq!(whole.finish(), single.finish());

        let names: Vec<&str> = stories.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["alpha", "beta", "gamma"]);
        // The export's records joined their stories, the footer went as boilerplate.
        let (_, alpha) = &stories[0];
        let sources: Vec<&str> = alpha.iter().map(|(source, _)| source.as_str()).collect();
        assert!(sources[0].ends_with("daily.txt"), "{sources:?}");
        assert!(sources[1].ends_with("export.jsonl#2"), "{sources:?}");
        assert_eq!(alpha[0].1, ["The dam held."]);
    }

    #[test]
    fn a_story_left_out_is_not_reported_as_lost() {
        let dir = corpus();
        let mut plan = plan(&[dir.path().to_owned()], &IngestOptions::default());
        plan.retain(|name| name == "gamma");
        let mut reader = plan.read(1);
        let stories = read_all(&mut reader);
        assert_eq!(stories.len(), 1);
        assert_eq!(stories[0].1.len(), 3);
        assert_eq!(reader.finish(), Vec::new());
    }
}
