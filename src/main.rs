use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = crossclaim::cli::Args::parse();
    match crossclaim::run(args) {
        Ok(code) => code,
        Err(err) if crossclaim::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("crossclaim: error: {err:#}");
            ExitCode::from(crossclaim::EXIT_ERROR)
        }
    }
}
