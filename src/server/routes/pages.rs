//! The pages at the class address: the browser build at `/` (the folder
//! scripts/build-web.sh writes, `--web DIR`), and the teacher's dashboard at `/teacher`
//! (plain HTML, a stylesheet and a script, built into the binary).
//!
//! The build is a flat folder of a few files (index.html, scs-sim.js, scs-sim_bg.wasm), so
//! the server serves only plain names found directly in it: no path, no hidden file, no
//! link, nothing else on the disk.

use crate::server::AppState;
use crate::server::error::ApiError;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Response};

/// The dashboard's page.
const DASHBOARD_HTML: &str = include_str!("../../../web/teacher/index.html");
/// The dashboard's script.
const DASHBOARD_JS: &str = include_str!("../../../web/teacher/dashboard.js");
/// The dashboard's stylesheet.
const DASHBOARD_CSS: &str = include_str!("../../../web/teacher/dashboard.css");

/// What `/` says when the browser build is not where the server looks.
fn missing(dir: &std::path::Path) -> Response {
    let dir = html_escape(&dir.display().to_string());
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>scs-sim class</title></head>\
         <body style=\"font: 20px sans-serif; max-width: 40em; margin: 3em auto\">\
         <h1>The browser build is missing</h1>\
         <p id=\"missing\">This class server serves the students' page from <code>{dir}</code>, \
         and there is no <code>index.html</code> there. Build it with \
         <code>scripts/build-web.sh</code> (it writes <code>dist/</code>), then start \
         <code>scs-sim serve</code> in the folder that holds <code>dist/</code>, or give \
         <code>--web DIR</code>.</p>\
         <p>Students can still join from the desktop window: <code>scs-sim --class URL</code>.</p>\
         <p>The teacher's dashboard: <a href=\"/teacher\">/teacher</a>.</p></body></html>"
    );
    (StatusCode::NOT_FOUND, Html(body)).into_response()
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The content type of a build file, by its name's ending.
fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

/// Whether `name` is a plain file name the server may look for in the build folder.
fn plain(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name.len() <= 100
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// A file of the build folder, if it is a regular file there.
async fn build_file(app: &AppState, name: &str) -> Option<Response> {
    if !plain(name) {
        return None;
    }
    let path = app.web_dir.join(name);
    let meta = tokio::fs::symlink_metadata(&path).await.ok()?;
    if !meta.is_file() {
        return None;
    }
    let bytes = tokio::fs::read(&path).await.ok()?;
    Some(
        (
            [
                (CONTENT_TYPE, content_type(name)),
                (CACHE_CONTROL, "no-cache"),
            ],
            bytes,
        )
            .into_response(),
    )
}

/// `/`: the browser build's page, or a page saying it is missing and how to build it.
pub async fn index(State(app): State<AppState>) -> Response {
    match build_file(&app, "index.html").await {
        Some(page) => page,
        None => missing(&app.web_dir),
    }
}

/// `/{file}`: a file of the browser build.
pub async fn file(State(app): State<AppState>, Path(name): Path<String>) -> Response {
    match build_file(&app, &name).await {
        Some(file) => file,
        None => ApiError::not_found("file (the browser build is served at /)").into_response(),
    }
}

/// `/teacher`: the dashboard.
pub async fn dashboard() -> Response {
    ([(CONTENT_TYPE, "text/html; charset=utf-8")], DASHBOARD_HTML).into_response()
}

/// `/teacher/{file}`: the dashboard's script and stylesheet.
pub async fn dashboard_asset(Path(name): Path<String>) -> Response {
    match name.as_str() {
        "dashboard.js" => ([(CONTENT_TYPE, content_type(&name))], DASHBOARD_JS).into_response(),
        "dashboard.css" => ([(CONTENT_TYPE, content_type(&name))], DASHBOARD_CSS).into_response(),
        _ => ApiError::not_found("file of the dashboard").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn only_plain_names_are_looked_for() {
        assert!(plain("scs-sim_bg.wasm"));
        for bad in ["", "..", ".env", "a/b", "..%2f", "a\\b", "x y"] {
            assert!(!plain(bad), "{bad:?}");
        }
    }
}
