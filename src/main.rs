use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = crossclaim::cli::Args::parse();
    match crossclaim::run(args) {
        Ok(code) => code,
        Err(err) => {
            // A closed stderr loses the message, never the exit status.
            let _ = writeln!(std::io::stderr().lock(), "crossclaim: error: {err:#}");
            ExitCode::from(crossclaim::EXIT_ERROR)
        }
    }
}
