//! Command-line arguments (clap derive); `///` comments are the help text.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Exit statuses, and which one wins when several apply (also in the README).
const EXIT_CODES: &str = "\
Exit status (when several apply, the first in this list wins):
  2  error: bad arguments or config, a missing input, no article could be read,
     a folder that cannot be written or is locked by another run, a bad report
  1  --check: the reports differ from what would be written (diff on stdout)
  3  --fail-on: disagreements of that severity or worse (diff: new or changed)
  4  some inputs were skipped (listed on stderr and in the reports)
  0  success";

/// Compare news articles about one story across outlets: which claims they share
/// and where their figures disagree.
#[derive(Debug, Parser)]
#[command(name = "crossclaim", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Args {
    /// Worker threads, 1 to 512 (default: one per core). Output is identical for any value.
    #[arg(long, global = true, value_parser = clap::value_parser!(u16).range(1..=MAX_THREADS))]
    pub threads: Option<u16>,

    /// No progress bars.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

/// More worker threads than this are refused: they only cost start-up time
/// and memory (1,024 threads take 1.6 s and 240 MB before the first article).
pub const MAX_THREADS: i64 = 512;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles, write the reports (claims.csv, disagreements.csv, report.json, summary.md, report.html, report.xlsx).
    #[command(after_help = EXIT_CODES)]
    Compare(CompareArgs),
    /// Print one JSON object per sentence: text, start, end (byte offsets).
    Sentences {
        /// An article file, or - for standard input.
        file: PathBuf,
    },
    /// Print one JSON object per quantity found in the text.
    Quantities {
        /// An article file, or - for standard input.
        file: PathBuf,
    },
    /// Score sentence pairs from a TSV with sentence1 and sentence2 columns; writes CSV.
    Pairs {
        /// A TSV file, or - for standard input.
        file: PathBuf,
    },
    /// Print in Markdown what changed between two report folders (new, resolved and
    /// changed disagreements and shared claims), e.g. for a pull-request comment.
    Diff {
        /// The older report folder (its report.json is read).
        old: PathBuf,
        /// The newer report folder.
        new: PathBuf,
        /// Exit with status 3 when new or changed disagreements of this severity or worse exist.
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
        /// Output format: markdown (for a pull-request comment) or json (every change, for bots).
        #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
        format: DiffFormat,
        /// Cut the Markdown to at most this many bytes (a GitHub comment holds 65,536
        /// characters): the counts, then the first changes of each kind that fit, and a
        /// last line that says how many of each were left out. At least 2048.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(2048..))]
        max_bytes: Option<u64>,
    },
    /// Count the corpus-wide facts that every shard needs (each outlet's repeated
    /// lines for the boilerplate rule, the story names, the unreadable inputs) into a
    /// table for `compare --boilerplate`. Tables of parts of a corpus merge by addition.
    Boilerplate(BoilerplateArgs),
    /// Join the report folders of shards (`compare --shard i/N`) into one set of reports.
    /// Every shard of one run is needed, each once.
    Merge(MergeArgs),
    /// Score a report folder against a gold file.
    Eval {
        /// The gold file (JSON, see the README).
        #[arg(long)]
        gold: PathBuf,
        /// A folder written by `compare`.
        dir: PathBuf,
    },
    /// Print the shell completion script for SHELL (e.g. `crossclaim completions bash
    /// > ~/.local/share/bash-completion/completions/crossclaim`).
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the man page crossclaim.1 (e.g. `crossclaim man | man -l -`), or with
    /// -o DIR write it and one page per command (crossclaim-compare.1, ...) there.
    Man {
        /// Folder for the pages (created when missing).
        #[arg(long = "out", short = 'o', value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// Article files, story folders, or corpus folders (one story per sub-folder),
    /// or - for JSON Lines records on standard input (named by their id or url).
    /// Each must exist; the output folder and report files in it are never read.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,

    /// Folder for the reports.
    #[arg(long = "out", short = 'o', default_value = "reports")]
    pub out: PathBuf,

    /// Do not write: exit 1 and print a diff when the reports in the folder differ.
    #[arg(long)]
    pub check: bool,

    /// Exit with status 3 when disagreements of this severity or worse exist.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Start the CSV files with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    pub bom: bool,

    /// Configuration file (thresholds, field names, outlet aliases); default: the
    /// crossclaim.toml of the input folders, else of the working folder, when present.
    #[arg(long)]
    pub config: Option<PathBuf>,

    /// Skip article files larger than this many bytes (counted as they are read).
    #[arg(long, default_value_t = 50 * 1024 * 1024)]
    pub max_file_size: u64,

    /// Handle only shard i of N (0 <= i < N), chosen by a hash of the story name
    /// (or, with --stories-from, the stories that file names); `crossclaim merge`
    /// joins the shards' report folders.
    #[arg(long, value_name = "i/N")]
    pub shard: Option<crate::merge::Shard>,

    /// Handle only the stories named in FILE, one name a line (with --shard i/N,
    /// as shard i: a driver balances its bins by size instead of by hash).
    #[arg(long, value_name = "FILE")]
    pub stories_from: Option<PathBuf>,

    /// The corpus table of `crossclaim boilerplate`: the boilerplate rule uses its
    /// counts, so a shard reads only its own story folders and still writes what one
    /// run over the whole corpus would.
    #[arg(long, value_name = "TABLE")]
    pub boilerplate: Option<PathBuf>,

    /// With `-` (JSON Lines records on standard input): the source of records that
    /// have no id or url (NAME#line), and the story of records without one.
    #[arg(long, value_name = "NAME", default_value = "stdin")]
    pub source_name: String,

    /// Leave out files and folders whose name, or path as the reports show it,
    /// matches GLOB (`*.draft.md`, `drafts`, `corpus/old/*`); repeatable. Left out
    /// always, in folders: README, README.* and crossclaim.toml.
    #[arg(long, value_name = "GLOB", value_parser = glob)]
    pub exclude: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct BoilerplateArgs {
    /// Article files, story folders or corpus folders, as `compare` reads them, or
    /// `-` for JSON Lines records on standard input; with --merge, corpus tables.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,

    /// The table to write (replaced in one rename).
    #[arg(long = "out", short = 'o')]
    pub out: PathBuf,

    /// The inputs are tables (of disjoint parts of one corpus): write their sum.
    #[arg(long)]
    pub merge: bool,

    /// Keep only the lines that are boilerplate: a smaller table for the shards,
    /// which cannot be merged again.
    #[arg(long)]
    pub prune: bool,

    /// Count only the files whose path (as reports show it) hashes to i of N, so
    /// that N tasks over the same inputs count every file once.
    #[arg(long, value_name = "i/N", conflicts_with = "merge")]
    pub part: Option<crate::merge::Shard>,

    /// Configuration file (field names, outlet aliases), as for `compare`.
    #[arg(long)]
    pub config: Option<PathBuf>,

    /// As for `compare`: the table must be counted with the run's limit.
    #[arg(long, default_value_t = 50 * 1024 * 1024)]
    pub max_file_size: u64,

    /// As for `compare -`.
    #[arg(long, value_name = "NAME", default_value = "stdin")]
    pub source_name: String,

    /// As for `compare`: the table must be counted with the run's globs.
    #[arg(long, value_name = "GLOB", value_parser = glob)]
    pub exclude: Vec<String>,
}

/// A `--exclude` value, refused here when it is no glob so that the error
/// reads as every other argument error.
fn glob(value: &str) -> Result<String, String> {
    globset::Glob::new(value)
        .map(|_| value.to_owned())
        .map_err(|e| e.kind().to_string())
}

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// Report folders written by `compare --shard i/N`.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,

    /// Folder for the merged reports.
    #[arg(long = "out", short = 'o', default_value = "reports")]
    pub out: PathBuf,

    /// Do not write: exit 1 and print a diff when the reports in the folder differ.
    #[arg(long)]
    pub check: bool,

    /// Start the CSV files with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    pub bom: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Major,
    Minor,
}

/// An error as the tool writes it on stderr: `crossclaim: error: MESSAGE`,
/// the same for its own errors and for clap's (see `parse_error`).
pub fn error_line(message: impl std::fmt::Display) -> String {
    format!("crossclaim: error: {message}")
}

/// What to write for a command line clap refused or answered: its errors in
/// the tool's style (`error_line`, then clap's tip and usage lines, plain
/// text); help and version as clap writes them (`None`).
pub fn parse_error(err: &clap::Error) -> Option<String> {
    if !err.use_stderr() {
        return None;
    }
    let text = err.render().to_string();
    text.strip_prefix("error: ").map(error_line)
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::*;

    #[test]
    fn arguments_are_consistent() {
        super::Args::command().debug_assert();
    }

    #[test]
    fn clap_errors_read_as_the_tools_own() {
        let err = Args::try_parse_from(["crossclaim", "compare", "--bogus", "x"]).unwrap_err();
        let text = parse_error(&err).expect("an error");
        assert!(
            text.starts_with("crossclaim: error: unexpected argument '--bogus'"),
            "{text}"
        );
        assert!(text.contains("Usage: crossclaim compare"), "{text}");
        let err = Args::try_parse_from(["crossclaim", "compare", "x", "--exclude", "a[b"]);
        let text = parse_error(&err.unwrap_err()).expect("an error");
        assert!(
            text.starts_with("crossclaim: error: invalid value 'a[b' for '--exclude <GLOB>'"),
            "{text}"
        );
        let help = Args::try_parse_from(["crossclaim", "--help"]).unwrap_err();
        assert_eq!(parse_error(&help), None);
    }
}
