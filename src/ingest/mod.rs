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
mod table;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::{Article, Skipped, Story};
use boilerplate::Boilerplate;

pub use clean::{Cleaned, clean};
pub use date::parse_date;
pub use html::{Page, extract as extract_html};
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
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            max_file_size: 50 * 1024 * 1024,
            fields: IngestConfig::default(),
            aliases: BTreeMap::new(),
            output: None,
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

/// The article files of the inputs, one source each, and the inputs that
/// are not article files. Story folders of a corpus whose names `wanted`
/// refuses are not listed.
fn list(
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
        collect(input, output.as_deref(), wanted, &mut files, &mut skipped);
    }
    (distinct(files), skipped)
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

/// An article file to read, with its story and the name reports show for it.
#[derive(Debug)]
struct Source {
    story: String,
    path: PathBuf,
    /// The file itself, links resolved: one file named twice is read once.
    canonical: PathBuf,
    /// The path relative to the parent of the input the user named: reports never
    /// carry absolute paths. Unique among the inputs (see `distinct`).
    shown: String,
    /// Standard input's records, when this is `-`.
    stdin: Option<Result<Arc<str>, String>>,
    /// Listed from a story folder of a corpus folder (not the input itself).
    in_story_folder: bool,
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

/// Lists the article files under `input` with the story each belongs to. The
/// output folder, and report files in a report folder, are left out.
fn collect(
    input: &Path,
    output: Option<&Path>,
    wanted: &dyn Fn(&str) -> bool,
    files: &mut Vec<Source>,
    skipped: &mut Vec<Skipped>,
) {
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
        if !is_report_file(input, report_folder(parent, output)) {
            files.push(source(&story_name(parent), input.to_owned()));
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
                    if is_report_file(&file, reports) {
                        continue;
                    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
