//! The `kgx` binary: parses arguments, runs the command, maps the result to an exit code.
//!
//! Exit codes: 0 success, 1 runtime error or partial failure, 2 usage error (clap's, or
//! [`Error::exit_code`] for one found after parsing), 130 and 143 when interrupted by SIGINT or
//! SIGTERM. Errors are printed on stderr as `kgx: <context>: <cause>`, one per line, by
//! [`report`]. A closed stdout (`kgx links … | head`) ends the program quietly with 0.
//!
//! Two ways to end that run no destructor are handled here, because only the binary may end
//! the process: a signal, and running out of memory. Both delete the temporary files still
//! open ([`kgx::output::remove_temp_files`]) and print a `kgx:` line first.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use kgx::cli::{self, report, Cli, ColorChoice, Outcome, Output};
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
            report::error(&mut stderr, &error);
            ExitCode::from(error.exit_code())
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
                report::message(&mut io::stderr(), &"interrupted");
                std::process::exit(128 + signal);
            }
        });
}

#[cfg(not(unix))]
fn end_cleanly_on_signals() {}

#[global_allocator]
static ALLOCATOR: out_of_memory::Reporting = out_of_memory::Reporting;

/// The global allocator: mimalloc, plus a `kgx:` message instead of an abort when it fails.
///
/// mimalloc rather than the system's: a run allocates on the worker threads (documents, their
/// mentions) and frees on the thread that folds them into the graph, which glibc's allocator
/// serves with its arenas' locks; with mimalloc's thread-local heaps the same run is faster
/// (the numbers are in the README's performance section).
///
/// Rust aborts when an allocation fails ("memory allocation of N bytes failed", exit 134),
/// which leaves temporary files behind and no `kgx:` line; the hook that would change that
/// (`std::alloc::set_alloc_error_hook`) is unstable. So this wrapper of [`MiMalloc`] notices the
/// null pointer itself, deletes the temporary files, prints `kgx: out of memory` and exits 1,
/// before returning to the code that would abort.
///
/// Why this is sound enough to be the one `unsafe` in kgx (the library forbids it):
/// - every method passes its arguments to `MiMalloc` unchanged and returns what it returns;
/// - `process::exit` never returns, so no caller ever sees a broken promise;
/// - the allocator has released its locks when it returns null, so the clean-up may
///   allocate (a path to delete); if that fails too, the nested failure returns null and Rust
///   aborts as it would have without this wrapper;
/// - another thread failing meanwhile waits for the first one to end the process, rather than
///   abort under it;
/// - the registry of temporary files is only tried, never waited on for long
///   ([`kgx::output::remove_temp_files`]), so a failure while it is locked cannot deadlock.
///
/// Allocations that a caller could recover from (`try_reserve`) also end the process here: kgx
/// has no fallback worth more than a clear message.
#[allow(unsafe_code)]
mod out_of_memory {
    use std::alloc::{GlobalAlloc, Layout};

    use mimalloc::MiMalloc as System;
    use std::cell::Cell;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// [`MiMalloc`](mimalloc::MiMalloc), reporting failures (see the module documentation).
    pub struct Reporting;

    /// Set by the first thread whose allocation failed.
    static FAILED: AtomicBool = AtomicBool::new(false);

    thread_local! {
        /// Whether this thread is already reporting a failure (a nested one must not recurse).
        static REPORTING: Cell<bool> = const { Cell::new(false) };
    }

    // SAFETY: each method forwards to `System` under the caller's own contract and returns
    // its result; when that result is null, `failed` either ends the process or returns, and
    // null is returned as `System` returned it.
    unsafe impl GlobalAlloc for Reporting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract for `layout`.
            let pointer = unsafe { System.alloc(layout) };
            if pointer.is_null() {
                failed(layout.size());
            }
            pointer
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            // SAFETY: as for `alloc`.
            let pointer = unsafe { System.alloc_zeroed(layout) };
            if pointer.is_null() {
                failed(layout.size());
            }
            pointer
        }

        unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
            // SAFETY: `pointer` came from this allocator, that is from `System`, with `layout`.
            unsafe { System.dealloc(pointer, layout) }
        }

        unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract, and `pointer` came
            // from `System`.
            let moved = unsafe { System.realloc(pointer, layout, new_size) };
            if moved.is_null() {
                failed(new_size);
            }
            moved
        }
    }

    /// Deletes the temporary files, reports, and exits 1; returns only for a failure inside
    /// that report, which Rust then turns into its usual abort.
    fn failed(size: usize) {
        if REPORTING.with(Cell::get) {
            return;
        }
        REPORTING.with(|r| r.set(true));
        if FAILED.swap(true, Ordering::SeqCst) {
            // Another thread is ending the process.
            loop {
                std::thread::sleep(std::time::Duration::from_secs(1));
            }
        }
        kgx::output::remove_temp_files();
        // `report` allocates nothing for this message.
        kgx::cli::report::message(
            &mut std::io::stderr(),
            &format_args!(
                "out of memory ({size} bytes could not be allocated); see \"Limits\" in the README"
            ),
        );
        std::process::exit(1);
    }
}
