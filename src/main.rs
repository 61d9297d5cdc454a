//! The `kgx` binary: parses arguments, runs the command, maps the result to an exit code.
//!
//! Exit codes: 0 success, 1 runtime error or partial failure, 2 usage error, 130 and 143 when
//! interrupted by SIGINT or SIGTERM. Errors are printed on stderr as `kgx: <context>: <cause>`,
//! one per line. A closed stdout (`kgx links … | head`) ends the program quietly with 0.
//!
//! A signal ends the process without running destructors, so it is handled here (only the
//! binary may end the process): the temporary files still open are deleted
//! ([`kgx::output::remove_temp_files`]) and a `kgx:` line is printed first.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use kgx::cli::{self, Cli, ColorChoice, Outcome, Output};
use kgx::Error;

fn main() -> ExitCode {
    end_cleanly_on_signals();
    let cli = Cli::parse();
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let stdout = io::stdout();
    let mut stdout = stdout.lock();
    // Not locked for the whole run: the signal handler's thread must be able to write on it.
    let mut stderr = io::stderr();
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

/// On SIGINT or SIGTERM: finish nothing, delete the temporary files, say so, and exit with
/// 128 + the signal number (130, 143), as a shell reports a process killed by it.
#[cfg(unix)]
fn end_cleanly_on_signals() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    // Without a handler the signals keep their default action, which at least ends kgx.
    let Ok(mut signals) = Signals::new([SIGINT, SIGTERM]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("kgx-signals".to_string())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                kgx::output::remove_temp_files();
                let _ = writeln!(io::stderr(), "kgx: interrupted");
                std::process::exit(128 + signal);
            }
        });
}

#[cfg(not(unix))]
fn end_cleanly_on_signals() {}
