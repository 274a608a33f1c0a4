use std::process::ExitCode;

use clap::Parser;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
