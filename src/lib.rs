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
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use cli::{Args, Command, CompareArgs, FailOn};
use config::Config;
use model::{Analysis, Severity, Story, StoryReport};

/// Exit status for an error that stops the run (bad arguments, unwritable folder).
pub const EXIT_ERROR: u8 = 2;
/// Exit status when `--check` finds reports that differ.
pub const EXIT_CHECK_DIFFERS: u8 = 1;
/// Exit status when `--fail-on` finds disagreements of that severity.
pub const EXIT_DISAGREEMENTS: u8 = 3;
/// Exit status when some inputs were skipped (the reports are still written).
pub const EXIT_SKIPPED: u8 = 4;

/// Runs one command line; the error is for `main` to print.
pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global()
            .context("cannot start the worker threads")?;
    }
    match args.command {
        Command::Compare(c) => compare_command(&c, args.quiet),
        Command::Sentences { file } => {
            let text = read_input(&file)?;
            let mut out = io::BufWriter::new(io::stdout().lock());
            for span in segment::split(&text) {
                let line = serde_json::json!({
                    "text": &text[span.start..span.end],
                    "start": span.start,
                    "end": span.end,
                });
                writeln!(out, "{line}")?;
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Quantities { file } => {
            let text = read_input(&file)?;
            let mut out = io::BufWriter::new(io::stdout().lock());
            let spans = segment::split(&text);
            let sentences: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
            let mut quantities: Vec<_> = sentences.iter().map(|s| quantity::extract(s)).collect();
            measure::read_article(&sentences, &mut quantities, None);
            for (span, qs) in spans.iter().zip(quantities) {
                for mut q in qs {
                    q.start += span.start;
                    q.end += span.start;
                    writeln!(out, "{}", serde_json::to_string(&q)?)?;
                }
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Pairs { file } => {
            let text = read_input(&file)?;
            let config = Config::load(None)?;
            let csv = pairs::score_tsv(&text, &config.align)
                .with_context(|| format!("cannot score {}", file.display()))?;
            io::stdout().lock().write_all(&csv)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff { old, new, fail_on } => diff_command(&old, &new, fail_on),
        Command::Merge(m) => {
            let analysis = merge::merge(&m.dirs)?;
            emit(&analysis, &m.out, m.check, m.bom, None)
        }
        Command::Eval { gold, dir } => {
            let scores = eval::evaluate(&gold, &dir)?;
            print!("{}", scores.to_markdown());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn compare_command(c: &CompareArgs, quiet: bool) -> Result<ExitCode> {
    let config = Config::load(c.config.as_deref())?;
    let options = ingest::IngestOptions {
        max_file_size: c.max_file_size,
        fields: config.ingest.clone(),
        aliases: config.outlets.clone(),
    };
    let mut plan = ingest::plan(&c.inputs, &options);
    for skip in &plan.skipped {
        eprintln!("crossclaim: skipped {skip}");
    }
    if let Some(shard) = c.shard {
        plan.retain(|name| shard.contains(name));
    }
    let progress = progress_bar(plan.len() as u64, quiet);
    let out = report::ReportDir::create(&c.out, c.check, &report::Options { bom: c.bom })?;
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
    let mut next_chunk = || -> Option<Vec<StoryReport>> {
        pending.peek()?;
        let chunk: Vec<Story> = pending.by_ref().take(STORIES_PER_CHUNK).collect();
        Some(
            chunk
                .into_par_iter()
                .map(|story| {
                    let report = analyse_story(story, &config);
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
    let mut writer = Writer { out, worst: None };
    if rayon::current_num_threads() == 1 {
        while let Some(reports) = next_chunk() {
            writer.write(&reports)?;
        }
    } else {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<StoryReport>>(1);
        writer = std::thread::scope(|scope| {
            let thread = scope.spawn(move || -> Result<Writer> {
                for reports in receive {
                    writer.write(&reports)?;
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
    let Writer { out, worst } = writer;
    progress.finish_and_clear();
    drop(pending);
    let skipped = reader.finish();
    for skip in skipped.iter().filter(|s| early.binary_search(s).is_err()) {
        eprintln!("crossclaim: skipped {skip}");
    }
    let diffs = out.finish(&skipped)?;
    exit_status(&diffs, &c.out, &skipped, worst, c.fail_on)
}

/// Stories analysed at once by the worker threads.
const STORIES_PER_CHUNK: usize = 256;

/// The report files being written, and the most severe disagreement so far.
struct Writer {
    out: report::ReportDir,
    worst: Option<Severity>,
}

impl Writer {
    fn write(&mut self, reports: &[StoryReport]) -> Result<()> {
        for report in reports {
            self.out.add(report)?;
            if let Some(severity) = worst_severity(report) {
                self.worst = Some(self.worst.map_or(severity, |w| w.min(severity)));
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

/// Writes a whole analysis (as `merge` has it) and picks the exit status.
fn emit(
    analysis: &Analysis,
    out: &Path,
    check: bool,
    bom: bool,
    fail_on: Option<FailOn>,
) -> Result<ExitCode> {
    let mut dir = report::ReportDir::create(out, check, &report::Options { bom })?;
    for story in &analysis.stories {
        dir.add(story)?;
    }
    let diffs = dir.finish(&analysis.skipped)?;
    let worst = analysis.stories.iter().filter_map(worst_severity).min();
    exit_status(&diffs, out, &analysis.skipped, worst, fail_on)
}

/// Exit status after writing or checking: check differences first, then skipped
/// inputs, then `--fail-on`.
fn exit_status(
    diffs: &[String],
    out: &Path,
    skipped: &[model::Skipped],
    worst: Option<Severity>,
    fail_on: Option<FailOn>,
) -> Result<ExitCode> {
    if !diffs.is_empty() {
        let mut stdout = io::stdout().lock();
        for diff in diffs {
            stdout.write_all(diff.as_bytes())?;
        }
        eprintln!(
            "crossclaim: {} report file(s) in {} differ from what would be written",
            diffs.len(),
            out.display()
        );
        return Ok(ExitCode::from(EXIT_CHECK_DIFFERS));
    }
    if !skipped.is_empty() {
        eprintln!(
            "crossclaim: {} input(s) skipped; they are listed in the reports",
            skipped.len()
        );
        return Ok(ExitCode::from(EXIT_SKIPPED));
    }
    Ok(if fails_on(fail_on, worst) {
        ExitCode::from(EXIT_DISAGREEMENTS)
    } else {
        ExitCode::SUCCESS
    })
}

/// `crossclaim diff`: the Markdown goes to stdout; `--fail-on` decides the status.
fn diff_command(old: &Path, new: &Path, fail_on: Option<FailOn>) -> Result<ExitCode> {
    let diff = report::diff_dirs(old, new)?;
    io::stdout().lock().write_all(diff.markdown.as_bytes())?;
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

/// The pipeline for one story, one line per stage.
pub fn analyse_story(story: Story, config: &Config) -> StoryReport {
    let sentences: Vec<model::Sentence> = story
        .articles
        .iter()
        .enumerate()
        .flat_map(|(i, article)| segment::sentences(i, article))
        .collect();
    let mut quantities: Vec<_> = sentences
        .iter()
        .map(|s| quantity::extract(&s.text))
        .collect();
    measure::read_story(&story.articles, &sentences, &mut quantities);
    let outlets: Vec<&str> = sentences
        .iter()
        .map(|s| story.articles[s.article].outlet.as_str())
        .collect();
    let grouping = align::group_with(&sentences, &quantities, &outlets, &config.align);
    let disagreements = compare::compare(
        &story.articles,
        &sentences,
        &quantities,
        &grouping,
        &config.compare,
    );
    StoryReport {
        story,
        sentences,
        quantities,
        claims: grouping.claims,
        disagreements,
    }
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

/// Reads a whole file, or standard input for `-`, as UTF-8.
fn read_input(path: &Path) -> Result<String> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
    } else {
        bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}: not valid UTF-8 (bad byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Whether an error is a closed pipe (`crossclaim sentences x | head`): not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
