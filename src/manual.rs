//! Shell completions and man pages, generated from the clap definition in
//! `cli`: they list every command and option the binary accepts, and cannot
//! drift from it. Each returns bytes or writes files; `run` decides where.

use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Args;

/// The name completions and man pages are made for.
const BIN: &str = "crossclaim";

/// The completion script for `shell`. Made in memory: clap_complete panics
/// on a write error, and a closed pipe must not be a panic.
pub fn completions(shell: Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Args::command(), BIN, &mut script);
    script
}

/// The man page of the whole tool, crossclaim.1, as roff.
pub fn man_page() -> Result<Vec<u8>> {
    let (_, page) = man_pages()?
        .into_iter()
        .next()
        .context("no man page was made")?;
    Ok(page)
}

/// Writes crossclaim.1 and one page per command (crossclaim-compare.1, ...)
/// into `dir`, which is created when missing.
pub fn write_man_pages(dir: &Path) -> Result<()> {
    if dir.as_os_str() == "-" {
        anyhow::bail!(
            "`man -o -`: the pages go to a folder; `crossclaim man` alone prints crossclaim.1"
        );
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for (name, page) in man_pages()? {
        let path = dir.join(name);
        std::fs::write(&path, page).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// Every page as its file name and roff: the tool's first, then one per
/// command, named as clap_mangen names them (crossclaim-compare.1).
fn man_pages() -> Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = Args::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = vec![page(&cmd)?];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages.push(page(sub)?);
    }
    Ok(pages)
}

/// One command's page. clap_mangen puts the text after the help (our exit
/// statuses) in a section EXTRA, filled as prose; it becomes EXIT STATUS,
/// its lines kept as written.
fn page(cmd: &clap::Command) -> Result<(String, Vec<u8>)> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut page = Vec::new();
    man.render(&mut page)
        .with_context(|| format!("cannot render the man page of {}", cmd.get_name()))?;
    let page = String::from_utf8(page).context("the man page is not UTF-8")?;
    let page = match page.split_once("\n.SH EXTRA\n") {
        Some((head, rest)) => {
            let (extra, tail) = rest.split_once("\n.SH ").unwrap_or((rest, ""));
            let tail = if tail.is_empty() {
                String::new()
            } else {
                format!("\n.SH {tail}")
            };
            format!("{head}\n.SH \"EXIT STATUS\"\n.nf\n{extra}\n.fi{tail}")
        }
        None => page,
    };
    Ok((man.get_filename(), page.into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn every_shell_gets_a_script_naming_every_command() {
        for shell in Shell::value_variants() {
            let script = String::from_utf8(completions(*shell)).expect("UTF-8");
            for command in Args::command().get_subcommands() {
                assert!(
                    script.contains(command.get_name()),
                    "{shell}: no {}",
                    command.get_name()
                );
            }
        }
    }

    #[test]
    fn the_man_page_is_roff_with_every_command() {
        let page = String::from_utf8(man_page().expect("renders")).expect("UTF-8");
        assert!(page.contains(".TH crossclaim 1"), "{page}");
        for command in Args::command().get_subcommands() {
            assert!(
                page.contains(command.get_name()),
                "no {}",
                command.get_name()
            );
        }
    }
}
