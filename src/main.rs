//! The `kgx` binary: parses arguments, runs the command, maps the result to an exit code.
//!
//! Exit codes: 0 success, 1 runtime error or partial failure, 2 usage error. Errors are
//! printed on stderr as `kgx: <context>: <cause>`, one per line. A closed stdout (`kgx links
//! … | head`) ends the program quietly with 0.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use kgx::cli::{self, Cli, ColorChoice, Outcome, Output};
use kgx::Error;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let stdout = io::stdout();
    let mut stdout = stdout.lock();
    let stderr = io::stderr();
    let mut stderr = stderr.lock();
    let result = {
        let mut output = Output {
            stdout: &mut stdout,
            stderr: &mut stderr,
            color,
        };
        cli::run(cli, &mut output)
    };
    let result = result.and_then(|outcome| {
        stdout.flush().map_err(|e| Error::io("<stdout>", e))?;
        Ok(outcome)
    });
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::PartialFailure) => ExitCode::from(1),
        Err(Error::Io { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            report(&mut stderr, &error);
            ExitCode::from(1)
        }
    }
}

fn report(stderr: &mut dyn Write, error: &Error) {
    match error {
        Error::Dictionary(diagnostics) => {
            for diagnostic in &diagnostics.0 {
                let _ = writeln!(stderr, "kgx: {diagnostic}");
            }
        }
        Error::NoDocumentRead { failures, .. } => {
            for failure in failures {
                let _ = writeln!(stderr, "kgx: {failure}");
            }
            let _ = writeln!(stderr, "kgx: {error}");
        }
        _ => {
            let _ = writeln!(stderr, "kgx: {error}");
        }
    }
}
