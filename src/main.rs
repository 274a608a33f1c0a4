use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A full disk under report.xlsx's temporary files panics inside
    // rust_xlsxwriter; the run turns it into an error line of its own.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !crossclaim::report::is_xlsx_write_panic(info.payload()) {
            default_hook(info);
        }
    }));
    let args = match crossclaim::cli::Args::try_parse() {
        Ok(args) => args,
        Err(err) => {
            let code = u8::try_from(err.exit_code()).unwrap_or(crossclaim::EXIT_ERROR);
            match crossclaim::cli::parse_error(&err) {
                Some(text) => {
                    let _ = write!(std::io::stderr().lock(), "{text}");
                }
                None => {
                    let _ = err.print();
                }
            }
            return ExitCode::from(code);
        }
    };
    match crossclaim::run(args) {
        Ok(code) => code,
        Err(err) => {
            // A closed stderr loses the message, never the exit status.
            let line = crossclaim::cli::error_line(format_args!("{err:#}"));
            let _ = writeln!(std::io::stderr().lock(), "{line}");
            ExitCode::from(crossclaim::EXIT_ERROR)
        }
    }
}
