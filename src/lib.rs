//! crossclaim reads articles about one story from several outlets and reports,
//! claim by claim, what they agree on and where their figures disagree.
//!
//! The pipeline is `ingest -> segment -> quantity -> align -> compare -> report`,
//! one module per stage with plain data between them (see `model`). The library
//! never prints; `run` is the one place that talks to the terminal.

pub mod align;
pub mod cli;
pub mod compare;
pub mod config;
pub mod eval;
pub mod ingest;
pub mod logistic;
pub mod manual;
pub mod measure;
pub mod merge;
pub mod model;
pub mod pairs;
pub mod pattern;
pub mod quantity;
pub mod report;
pub mod segment;
pub mod text;
mod tokens;

use std::io::{self, IsTerminal, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use cli::{Args, Command, CompareArgs, FailOn};
use config::Config;
use model::{Severity, Skipped, Story, StoryReport};

/// Exit status for an error that stops the run (bad arguments, unwritable folder).
pub const EXIT_ERROR: u8 = 2;
/// Exit status when `--check` finds reports that differ.
pub const EXIT_CHECK_DIFFERS: u8 = 1;
/// Exit status when `--fail-on` finds disagreements of that severity.
pub const EXIT_DISAGREEMENTS: u8 = 3;
/// Exit status when some inputs were skipped (the reports are still written).
pub const EXIT_SKIPPED: u8 = 4;

/// Stack of each worker thread. Parsing HTML recurses with the depth of the
/// page; ingest bounds that depth, and a roomy stack (reserved, not touched
/// until used) is the second line of defence: an overflow aborts the process.
const WORKER_STACK: usize = 16 << 20;

/// Largest input `sentences`, `quantities` and `pairs` read (from a file or
/// standard input): `/dev/zero` must not take all memory.
const MAX_INPUT: u64 = 1 << 30;

/// Runs one command line; the error is for `main` to print.
pub fn run(args: Args) -> Result<ExitCode> {
    let mut pool = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK);
    if let Some(threads) = args.threads {
        pool = pool.num_threads(usize::from(threads));
    }
    pool.build_global()
        .context("cannot start the worker threads")?;
    match args.command {
        Command::Compare(c) => compare_command(&c, args.quiet),
        Command::Sentences { file } => {
            let text = read_input(&file)?;
            to_stdout(|out| {
                for span in segment::split(&text) {
                    let line = serde_json::json!({
                        "text": &text[span.start..span.end],
                        "start": span.start,
                        "end": span.end,
                    });
                    writeln!(out, "{line}")?;
                }
                Ok(())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Quantities { file } => {
            let text = read_input(&file)?;
            let spans = segment::split(&text);
            let sentences: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
            let mut quantities: Vec<_> = sentences.iter().map(|s| quantity::extract(s)).collect();
            measure::read_article(&sentences, &mut quantities, None);
            to_stdout(|out| {
                for (span, qs) in spans.iter().zip(quantities) {
                    for mut q in qs {
                        q.start += span.start;
                        q.end += span.start;
                        writeln!(out, "{}", serde_json::to_string(&q)?)?;
                    }
                }
                Ok(())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Pairs { file } => {
            let text = read_input(&file)?;
            let config = Config::load(None, &[])?;
            let csv = pairs::score_tsv(&text, &config.align)
                .with_context(|| format!("cannot score {}", file.display()))?;
            to_stdout(|out| out.write_all(&csv))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff {
            old,
            new,
            fail_on,
            format,
            max_bytes,
        } => {
            let max_bytes = max_bytes.map(|n| usize::try_from(n).unwrap_or(usize::MAX));
            diff_command(&old, &new, fail_on, format, max_bytes)
        }
        Command::Boilerplate(b) => boilerplate_command(&b),
        Command::Merge(m) => merge_command(&m),
        Command::Eval { gold, dir } => {
            let scores = eval::evaluate(&gold, &dir)?;
            to_stdout(|out| out.write_all(scores.to_markdown().as_bytes()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            to_stdout(|out| out.write_all(&manual::completions(shell)))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man { out: Some(dir) } => {
            manual::write_man_pages(&dir)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man { out: None } => {
            let page = manual::man_page()?;
            to_stdout(|out| out.write_all(&page))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn compare_command(c: &CompareArgs, quiet: bool) -> Result<ExitCode> {
    check_output(&c.out)?;
    let config = Config::load(c.config.as_deref(), &c.inputs)?;
    check_inputs(&c.inputs)?;
    let options = ingest::IngestOptions {
        max_file_size: c.max_file_size,
        fields: config.ingest.clone(),
        aliases: config.outlets.clone(),
        output: Some(c.out.clone()),
        exclude: ingest::Exclude::new(&c.exclude).map_err(anyhow::Error::msg)?,
    };
    let table = c
        .boilerplate
        .as_deref()
        .map(|path| ingest::CorpusTable::read(path, &options))
        .transpose()?;
    let listed = c.stories_from.as_deref().map(read_story_list).transpose()?;
    let keep = |name: &str| match (&listed, c.shard) {
        (Some(list), _) => list.contains(name),
        (None, Some(shard)) => shard.contains(name),
        (None, None) => true,
    };
    let scope = ingest::Scope {
        table: table.as_ref(),
        keep: (listed.is_some() || c.shard.is_some()).then_some(&keep),
        stdin: read_stdin_records(&c.inputs, &c.source_name),
    };
    let plan = ingest::plan_in(&c.inputs, &options, &scope);
    for skip in &plan.skipped {
        warn(format_args!("skipped {skip}"));
    }
    // A mistyped path or a limit that refuses everything must not replace
    // good reports with empty ones.
    if !plan.found_articles() {
        bail!(
            "no article could be read from the inputs ({} skipped); nothing was written to {}",
            plan.skipped.len(),
            c.out.display()
        );
    }
    let shard = c.shard.map(|s| report::ShardInfo {
        index: s.index,
        count: s.count,
        corpus: plan.corpus_id(),
    });
    let progress = progress_bar(plan.len() as u64, quiet);
    let options = report::Options { bom: c.bom, shard };
    let out = report::ReportDir::create(&c.out, c.check, &options)?;
    let early = plan.skipped.clone();
    let mut reader = plan.read(STORIES_PER_CHUNK);
    // A story that corpus mode splits counts as its parts.
    let mut pending = reader
        .by_ref()
        .flat_map(|story| {
            let parts = align::split_story(story, &config.align);
            progress.inc_length(parts.len().saturating_sub(1) as u64);
            parts
        })
        .peekable();
    let mut next_chunk = || -> Option<Vec<Analysed>> {
        pending.peek()?;
        let chunk: Vec<Story> = pending.by_ref().take(STORIES_PER_CHUNK).collect();
        Some(
            chunk
                .into_par_iter()
                .map(|story| {
                    let report = analyse_guarded(story, &config);
                    progress.inc(1);
                    report
                })
                .collect(),
        )
    };
    // Stories go through in ordered chunks: every core busy, output in story
    // order, and only a chunk or two of results in memory at a time. With two
    // or more worker threads, one more thread writes a chunk while the workers
    // analyse the next; with one, writing follows analysing.
    let mut writer = Writer {
        out,
        worst: None,
        lost: Vec::new(),
    };
    if rayon::current_num_threads() == 1 {
        while let Some(reports) = next_chunk() {
            writer.write(reports)?;
        }
    } else {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Analysed>>(1);
        writer = std::thread::scope(|scope| {
            let thread = scope.spawn(move || -> Result<Writer> {
                for reports in receive {
                    writer.write(reports)?;
                }
                Ok(writer)
            });
            while let Some(reports) = next_chunk() {
                // The writer only hangs up on an error, which `join` returns.
                if send.send(reports).is_err() {
                    break;
                }
            }
            drop(send);
            match thread.join() {
                Ok(result) => result,
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })?;
    }
    let Writer { out, worst, lost } = writer;
    progress.finish_and_clear();
    drop(pending);
    let mut skipped = reader.finish();
    for skip in skipped.iter().filter(|s| early.binary_search(s).is_err()) {
        warn(format_args!("skipped {skip}"));
    }
    for skip in &lost {
        warn(format_args!("skipped {skip}"));
    }
    skipped.extend(lost);
    skipped.sort();
    skipped.dedup();
    let diffs = out.finish(&skipped)?;
    exit_status(&diffs, &c.out, &skipped, worst, c.fail_on)
}

/// Refuses `-o -`: the reports are six files, which cannot go to standard output.
fn check_output(out: &Path) -> Result<()> {
    if out.as_os_str() == "-" {
        bail!(
            "`-o -`: the reports are six files, so they go to a folder, not to standard \
             output; name a folder (`-o reports`), or use `diff` to print what changed"
        );
    }
    Ok(())
}

/// Refuses, before anything is read or written, paths that do not exist,
/// so that a typo never replaces good reports. (`-` is standard input.)
fn check_inputs(inputs: &[std::path::PathBuf]) -> Result<()> {
    for input in inputs.iter().filter(|i| i.as_os_str() != "-") {
        if let Err(e) = std::fs::metadata(input)
            && e.kind() == io::ErrorKind::NotFound
        {
            bail!(
                "{}: no such file or folder (nothing was read or written)",
                input.display()
            );
        }
    }
    Ok(())
}

/// The story names of a `--stories-from` file, one a line (blank lines and a
/// line's closing carriage return left out).
fn read_story_list(path: &Path) -> Result<std::collections::BTreeSet<String>> {
    let bytes = read_named(path, MAX_INPUT)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{}: not valid UTF-8", path.display()))?;
    Ok(text
        .lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect())
}

/// Standard input when `-` is among the inputs: JSON Lines records, read
/// whole (at most `MAX_INPUT` bytes), or why they cannot be.
fn read_stdin_records(inputs: &[std::path::PathBuf], name: &str) -> Option<ingest::Stdin> {
    if !inputs.iter().any(|i| i.as_os_str() == "-") {
        return None;
    }
    let mut bytes = Vec::new();
    let text = match io::stdin()
        .lock()
        .take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
    {
        Err(e) => Err(format!("cannot read standard input: {e}")),
        Ok(n) if n as u64 > MAX_INPUT => Err(format!("more than {MAX_INPUT} bytes")),
        // No records (an empty partition of a cluster's data) is no article
        // and no skipped input.
        Ok(_) if bytes.iter().all(u8::is_ascii_whitespace) => Ok("".into()),
        Ok(_) => ingest::decode(bytes).map(Into::into),
    };
    Some(ingest::Stdin {
        text,
        name: name.to_owned(),
    })
}

/// One story analysed, or the articles it lost when the analysis panicked.
type Analysed = std::result::Result<StoryReport, Vec<Skipped>>;

/// Runs the pipeline on one story so that a panic costs that story only: its
/// articles are listed as skipped with the message, and the run goes on.
fn analyse_guarded(story: Story, config: &Config) -> Analysed {
    let sources: Vec<String> = story.articles.iter().map(|a| a.source.clone()).collect();
    let name = story.name.clone();
    catch_unwind(AssertUnwindSafe(|| analyse_story(story, config))).map_err(|panic| {
        let reason = format!(
            "crossclaim failed on story {name:?} ({}); please report it",
            panic_message(panic.as_ref())
        );
        sources
            .into_iter()
            .map(|path| Skipped {
                path,
                reason: reason.clone(),
            })
            .collect()
    })
}

/// The text of a panic, for a skip reason.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_owned())
}

/// Stories analysed at once by the worker threads.
const STORIES_PER_CHUNK: usize = 256;

/// The report files being written, the most severe disagreement so far, and
/// the articles of stories whose analysis failed.
struct Writer {
    out: report::ReportDir,
    worst: Option<Severity>,
    lost: Vec<Skipped>,
}

impl Writer {
    fn write(&mut self, reports: Vec<Analysed>) -> Result<()> {
        for report in reports {
            match report {
                Ok(report) => {
                    self.out.add(&report)?;
                    if let Some(severity) = worst_severity(&report) {
                        self.worst = Some(self.worst.map_or(severity, |w| w.min(severity)));
                    }
                }
                Err(lost) => self.lost.extend(lost),
            }
        }
        Ok(())
    }
}

/// The most severe disagreement of a story, updates aside.
fn worst_severity(report: &StoryReport) -> Option<Severity> {
    report
        .disagreements
        .iter()
        .filter(|d| d.verdict != model::Verdict::Update)
        .map(|d| d.severity)
        .min()
}

/// `crossclaim boilerplate`: counts the corpus table of the inputs (or adds
/// up tables) and writes it. Inputs that could not be read are listed in the
/// table, for the shards' reports, and make the status 4 here too.
fn boilerplate_command(b: &cli::BoilerplateArgs) -> Result<ExitCode> {
    let config = Config::load(b.config.as_deref(), &b.inputs)?;
    let options = ingest::IngestOptions {
        max_file_size: b.max_file_size,
        fields: config.ingest.clone(),
        aliases: config.outlets.clone(),
        output: None,
        exclude: ingest::Exclude::new(&b.exclude).map_err(anyhow::Error::msg)?,
    };
    let mut table = if b.merge {
        let mut sum: Option<ingest::CorpusTable> = None;
        for path in &b.inputs {
            let part = ingest::CorpusTable::read(path, &options)?;
            match &mut sum {
                None => sum = Some(part),
                Some(sum) => sum.merge(part, &path.display().to_string())?,
            }
        }
        sum.context("no tables to merge")?
    } else {
        check_inputs(&b.inputs)?;
        let stdin = read_stdin_records(&b.inputs, &b.source_name);
        let table = ingest::count(&b.inputs, &options, stdin, b.part);
        for skip in &table.skipped {
            warn(format_args!("skipped {skip}"));
        }
        // A part may hold no file, standard input no record; inputs that were
        // all skipped are a mistake.
        if table.stories.is_empty() && b.part.is_none() && !table.skipped.is_empty() {
            bail!(
                "no article could be read from the inputs ({} skipped); {} was not written",
                table.skipped.len(),
                b.out.display()
            );
        }
        table
    };
    if b.prune {
        table.lines.prune();
        table.complete = false;
    }
    table.write(&b.out)?;
    Ok(if table.skipped.is_empty() || b.merge {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SKIPPED)
    })
}

/// `crossclaim merge`: the shards' stories, in name order a story at a time,
/// into one set of reports.
fn merge_command(m: &cli::MergeArgs) -> Result<ExitCode> {
    check_output(&m.out)?;
    let mut merger = merge::Merger::open(&m.dirs)?;
    let options = report::Options {
        bom: m.bom,
        shard: None,
    };
    let mut dir = report::ReportDir::create(&m.out, m.check, &options)?;
    let mut worst: Option<Severity> = None;
    while let Some(story) = merger.next_story()? {
        dir.add(&story)?;
        if let Some(severity) = worst_severity(&story) {
            worst = Some(worst.map_or(severity, |w| w.min(severity)));
        }
    }
    let skipped = merger.finish()?;
    let diffs = dir.finish(&skipped)?;
    exit_status(&diffs, &m.out, &skipped, worst, None)
}

/// Exit status after writing or checking. Every condition that applies gets a
/// line on stderr; the status is the first that applies of: `--check` found
/// differences (1), `--fail-on` tripped (3), inputs were skipped (4). The CI
/// gates win over skipped inputs, so a gate never passes because of a skip.
/// (Errors, 2, never get here.)
fn exit_status(
    diffs: &[String],
    out: &Path,
    skipped: &[model::Skipped],
    worst: Option<Severity>,
    fail_on: Option<FailOn>,
) -> Result<ExitCode> {
    let mut codes = Vec::new();
    if !diffs.is_empty() {
        to_stdout(|stdout| {
            for diff in diffs {
                stdout.write_all(diff.as_bytes())?;
            }
            Ok(())
        })?;
        warn(format_args!(
            "{} report file(s) in {} differ from what would be written",
            diffs.len(),
            out.display()
        ));
        codes.push(EXIT_CHECK_DIFFERS);
    }
    if fails_on(fail_on, worst) {
        warn(format_args!(
            "disagreements of --fail-on severity or worse were found"
        ));
        codes.push(EXIT_DISAGREEMENTS);
    }
    if !skipped.is_empty() {
        warn(format_args!(
            "{} input(s) skipped; they are listed in the reports",
            skipped.len()
        ));
        codes.push(EXIT_SKIPPED);
    }
    Ok(codes
        .first()
        .map_or(ExitCode::SUCCESS, |&c| ExitCode::from(c)))
}

/// `crossclaim diff`: the Markdown or JSON goes to stdout; `--fail-on` decides the status.
fn diff_command(
    old: &Path,
    new: &Path,
    fail_on: Option<FailOn>,
    format: cli::DiffFormat,
    max_bytes: Option<usize>,
) -> Result<ExitCode> {
    let diff = report::diff_dirs(old, new, max_bytes)?;
    let text = match format {
        cli::DiffFormat::Markdown => &diff.markdown,
        cli::DiffFormat::Json => &diff.json,
    };
    to_stdout(|out| out.write_all(text.as_bytes()))?;
    Ok(if fails_on(fail_on, diff.worst_new) {
        ExitCode::from(EXIT_DISAGREEMENTS)
    } else {
        ExitCode::SUCCESS
    })
}

/// Whether disagreements as bad as `worst` trip `--fail-on`.
fn fails_on(fail_on: Option<FailOn>, worst: Option<Severity>) -> bool {
    matches!(
        (fail_on, worst),
        (Some(FailOn::Minor), Some(_)) | (Some(FailOn::Major), Some(Severity::Major))
    )
}

/// A story read up to the comparison: its sentences, their quantities with
/// what each measures, and the claim groups across outlets.
pub struct Prepared {
    pub sentences: Vec<model::Sentence>,
    pub quantities: Vec<Vec<quantity::Quantity>>,
    pub grouping: align::Grouping,
}

/// The stages before the comparison, one line per stage.
pub fn prepare_story(articles: &[model::Article], config: &Config) -> Prepared {
    let sentences: Vec<model::Sentence> = articles
        .iter()
        .enumerate()
        .flat_map(|(i, article)| segment::sentences(i, article))
        .collect();
    let mut quantities: Vec<_> = sentences
        .iter()
        .map(|s| quantity::extract(&s.text))
        .collect();
    measure::read_story(articles, &sentences, &mut quantities);
    let outlets: Vec<&str> = sentences
        .iter()
        .map(|s| articles[s.article].outlet.as_str())
        .collect();
    let grouping = align::group_with(&sentences, &quantities, &outlets, &config.align);
    Prepared {
        sentences,
        quantities,
        grouping,
    }
}

/// The pipeline for one story: its stages, then the comparison.
pub fn analyse_story(story: Story, config: &Config) -> StoryReport {
    let Prepared {
        sentences,
        quantities,
        grouping,
    } = prepare_story(&story.articles, config);
    let disagreements = compare::compare(
        &story.articles,
        &sentences,
        &quantities,
        &grouping,
        &config.compare,
    );
    let mut report = StoryReport {
        story,
        sentences,
        quantities,
        claims: grouping.claims,
        disagreements,
    };
    report.assign_disagreement_ids();
    report
}

fn progress_bar(len: u64, quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{prefix} [{bar:40}] {pos}/{len} stories ({eta})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix("analysing");
    bar
}

/// Writes one line to standard error. A warning never stops a run: when stderr
/// is closed or its reader has gone, the line is lost and the run goes on.
pub fn warn(line: std::fmt::Arguments) {
    let _ = writeln!(io::stderr().lock(), "crossclaim: {line}");
}

/// Writes a command's output to standard output. A reader that goes away
/// (`| head -1`) ends the output early and is no error: the exit status stays
/// what the command decides (the gates of `--check`, `--fail-on` and `diff`).
fn to_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        result => result.context("cannot write to standard output"),
    }
}

/// Reads a file the user named (a config, a gold file, a report), at most
/// `limit` bytes of it. Devices, sockets and folders are refused before they
/// are opened: `--config /dev/zero` ends with a message, not with all memory.
/// A named pipe is read (`--config <(...)`).
pub fn read_named(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    #[cfg(unix)]
    let pipe = std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type());
    #[cfg(not(unix))]
    let pipe = false;
    if !meta.is_file() && !pipe {
        bail!("{}: not a file", path.display());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut bytes))
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > limit {
        bail!("{}: more than {limit} bytes", path.display());
    }
    Ok(bytes)
}

/// Reads a whole file, or standard input for `-`, as UTF-8 (at most `MAX_INPUT` bytes).
fn read_input(path: &Path) -> Result<String> {
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        io::stdin()
            .lock()
            .take(MAX_INPUT + 1)
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?
    } else {
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_INPUT + 1).read_to_end(&mut bytes))
            .with_context(|| format!("cannot read {}", path.display()))?
    };
    if read as u64 > MAX_INPUT {
        bail!("{}: more than {MAX_INPUT} bytes", path.display());
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}: not valid UTF-8 (bad byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}
