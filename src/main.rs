//! `scs-sim`: no subcommand opens the window; `eval`, `simulate`, `check`, `list` script it.
//! Built for `wasm32` (scripts/build-web.sh) it is the same window in a web page.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
use clap::Parser;
#[cfg(not(target_arch = "wasm32"))]
use std::io::Write;
#[cfg(not(target_arch = "wasm32"))]
use std::process::ExitCode;

/// In a web page: the window on the page's canvas (no command line there).
#[cfg(target_arch = "wasm32")]
fn main() {
    scs_sim::ui::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args = match cli::args::Cli::try_parse() {
        Ok(args) => args,
        Err(e) => return usage(&e),
    };
    let result = match args.command {
        Some(command) => cli::run(command),
        None => open_window(
            args.patient.as_deref(),
            args.class.as_deref(),
            args.watch.as_deref(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`| head -1`): nothing more to say.
        Err(e)
            if e.downcast_ref::<cli::out::WriteFailed>()
                .is_some_and(cli::out::WriteFailed::is_broken_pipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            // Echoed input (and a huge number) is cut to a readable length; if stderr is closed too, there
            // is no one left to tell.
            let message = scs_sim::files::readable(&format!("{e:#}"));
            let _ = writeln!(std::io::stderr(), "scs-sim: {message}");
            ExitCode::FAILURE
        }
    }
}

/// What clap has to say instead of a command: help or the version on standard output,
/// whose failure (`--help > /dev/full`) is reported in one sentence and a failure; or a
/// usage error on standard error (exit status 2).
#[cfg(not(target_arch = "wasm32"))]
fn usage(e: &clap::Error) -> ExitCode {
    if e.use_stderr() {
        let _ = e.print();
        return ExitCode::from(2);
    }
    let written = e.print().and_then(|()| std::io::stdout().flush());
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(io) if io.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(io) => {
            let message = cli::out::WriteFailed(io);
            let _ = writeln!(std::io::stderr(), "scs-sim: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(all(feature = "gui", not(target_arch = "wasm32")))]
fn open_window(
    patient: Option<&str>,
    class: Option<&str>,
    watch: Option<&str>,
) -> anyhow::Result<()> {
    if let Some(link) = watch {
        if scs_sim::ui::class::watch::WatchTarget::of(link).is_none() {
            return Err(anyhow::anyhow!(
                "--watch {}: not a watch link (http://HOST:8080/?watch=ATTEMPT&key=KEY or http://HOST:8080/?follow=CODE)",
                scs_sim::files::shorten(link)
            ));
        }
        return scs_sim::ui::run_watch(link);
    }
    if let Some(address) = class {
        if scs_sim::ui::class::wire::base_url(address).is_none() {
            return Err(anyhow::anyhow!(
                "--class {}: not a class address (like http://192.168.1.20:8080/)",
                scs_sim::files::shorten(address)
            ));
        }
        return scs_sim::ui::run_class(address);
    }
    match patient {
        Some(id) => {
            if scs_sim::library::open(id).is_err() {
                return Err(anyhow::anyhow!(
                    "--patient {}: unknown patient (built-in patients: {})",
                    scs_sim::files::shorten(id),
                    scs_sim::library::ids().join(", ")
                ));
            }
            scs_sim::ui::run_on(id)
        }
        None => scs_sim::ui::run(),
    }
}

#[cfg(not(any(feature = "gui", target_arch = "wasm32")))]
fn open_window(
    _patient: Option<&str>,
    _class: Option<&str>,
    _watch: Option<&str>,
) -> anyhow::Result<()> {
    Err(anyhow::anyhow!(
        "this build has no window (built without the `gui` feature); use a subcommand: eval, simulate, check or list"
    ))
}
