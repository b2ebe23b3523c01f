//! `scs-sim serve`: the class server on its own tokio runtime, or `--add-teacher NAME`
//! (the password without echo, or from standard input when it is not a terminal).

use super::args::Serve;
use super::out::Out;
use anyhow::{Context, Result, anyhow};
use scs_sim::server::{self, Config, store::Store};
use std::io::{BufRead, IsTerminal};

/// Runs `serve` until interrupted (Ctrl-C), or adds a teacher.
pub fn serve(args: &Serve, out: &mut Out) -> Result<()> {
    let database = match &args.database {
        Some(url) => url.clone(),
        None => {
            let path = server::default_database()
                .ok_or_else(|| anyhow!("no data folder is known here: give --database"))?;
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
            path.display().to_string()
        }
    };
    let runtime = tokio::runtime::Runtime::new().context("cannot start the server's runtime")?;
    if let Some(name) = &args.add_teacher {
        let password = password(name)?;
        let new = runtime.block_on(async {
            let store = Store::open(&database).await?;
            server::add_teacher(&store, name, &password).await
        })?;
        let what = if new { "added" } else { "password changed" };
        out.line(format!(
            "teacher '{}' {what} (database {database})",
            scs_sim::files::shorten(name)
        ))?;
        return Ok(());
    }
    let config = Config {
        secure_cookies: args.secure_cookies,
        web_dir: args.web.clone(),
        requests_per_s: args.requests_per_s,
        ..Config::new(args.listen, &database)
    };
    runtime.block_on(async {
        let running = server::spawn(&config).await?;
        out.line(format!(
            "scs-sim serve: listening on http://{} (database {database})",
            running.addr
        ))?;
        let build = if config.web_dir.join("index.html").is_file() {
            format!("the browser build in {}", config.web_dir.display())
        } else {
            format!(
                "no browser build in {}: scripts/build-web.sh makes it",
                config.web_dir.display()
            )
        };
        out.line(format!("students: http://{}/ ({build})", running.addr))?;
        out.line(format!(
            "teacher's dashboard: http://{}/teacher",
            running.addr
        ))?;
        out.flush()?;
        tokio::select! {
            _ = running.task => Ok(()),
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })
}

/// The new teacher's password: asked twice without echo on a terminal, else the first
/// line of standard input.
fn password(name: &str) -> Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("Password for teacher '{name}': "))?;
        let again = rpassword::prompt_password("The same password again: ")?;
        if first != again {
            return Err(anyhow!("the two passwords differ; nothing was changed"));
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}
