//! `scs-sim`: no subcommand opens the window; `eval`, `simulate`, `check`, `list` script it.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::args::Cli::parse();
    let result = match args.command {
        Some(command) => cli::run(command),
        None => open_window(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("scs-sim: {e:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(feature = "gui")]
fn open_window() -> anyhow::Result<()> {
    scs_sim::ui::run()
}

#[cfg(not(feature = "gui"))]
fn open_window() -> anyhow::Result<()> {
    Err(anyhow::anyhow!(
        "this build has no window (built without the `gui` feature); use a subcommand: eval, simulate, check or list"
    ))
}
