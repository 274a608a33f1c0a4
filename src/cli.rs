//! Command-line arguments (clap derive); `///` comments are the help text.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Compare news articles about one story across outlets: which claims they share
/// and where their figures disagree.
#[derive(Debug, Parser)]
#[command(name = "crossclaim", version, about, long_about = None)]
pub struct Args {
    /// Worker threads (default: one per core). Output is identical for any value.
    #[arg(long, global = true)]
    pub threads: Option<usize>,

    /// No progress bars.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles, write the reports (claims.csv, disagreements.csv, report.json, summary.md, report.html).
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
    },
    /// Join the report folders of shards (`compare --shard i/N`) into one set of reports.
    Merge(MergeArgs),
    /// Score a report folder against a gold file.
    Eval {
        /// The gold file (JSON, see the README).
        #[arg(long)]
        gold: PathBuf,
        /// A folder written by `compare`.
        dir: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// Article files, story folders, or corpus folders (one story per sub-folder).
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

    /// Configuration file (thresholds); default: crossclaim.toml when present.
    #[arg(long)]
    pub config: Option<PathBuf>,

    /// Skip article files larger than this many bytes.
    #[arg(long, default_value_t = 50 * 1024 * 1024)]
    pub max_file_size: u64,

    /// Handle only shard i of N (0 <= i < N), chosen by a hash of the story name;
    /// `crossclaim merge` joins the shards' report folders.
    #[arg(long, value_name = "i/N")]
    pub shard: Option<crate::merge::Shard>,
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
pub enum FailOn {
    Major,
    Minor,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn arguments_are_consistent() {
        super::Args::command().debug_assert();
    }
}
