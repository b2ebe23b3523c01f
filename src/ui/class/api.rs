//! The class server's HTTP routes a student uses (join, assignments, start an attempt),
//! through `ehttp`: each call returns at once, its answer lands in the [`Api`]'s inbox and
//! wakes the window.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// How long a call may take before the window says the server did not answer.
const TIMEOUT_S: u64 = 15;

/// The class a student joined and the token that is its only key.
#[derive(Clone, Debug, Deserialize)]
pub struct Joined {
    /// Keep it: `Authorization: Bearer TOKEN` on every student route.
    pub token: String,
    /// The class.
    pub class: ClassInfo,
    /// The student as the server wrote the name.
    pub student: StudentInfo,
}

/// A class as a student sees it.
#[derive(Clone, Debug, Deserialize)]
pub struct ClassInfo {
    /// Its name ("Tuesday").
    pub name: String,
}

/// A student as the server keeps it.
#[derive(Clone, Debug, Deserialize)]
pub struct StudentInfo {
    /// The name, cleaned by the server.
    pub name: String,
}

/// One assignment of the class, with its exercise's title and time.
#[derive(Clone, Debug, Deserialize)]
pub struct Assignment {
    /// The assignment itself.
    pub assignment: AssignmentRow,
    /// The exercise's title.
    pub title: Option<String>,
    /// The exercise's time, simulated seconds.
    pub time_budget_s: Option<f64>,
}

/// An assignment's id and exercise.
#[derive(Clone, Debug, Deserialize)]
pub struct AssignmentRow {
    /// Its id, to start an attempt of it.
    pub id: String,
    /// The built-in exercise.
    pub exercise: String,
}

/// An attempt the server started: its id, exercise and the seed of its patient.
#[derive(Clone, Debug, Deserialize)]
pub struct Started {
    /// The attempt.
    pub attempt: AttemptInfo,
}

/// What the window needs of a started attempt.
#[derive(Clone, Debug, Deserialize)]
pub struct AttemptInfo {
    /// Its id, for the live record.
    pub id: String,
    /// The built-in exercise.
    pub exercise: String,
    /// The seed the server drew: the window deals the same patient from it.
    pub seed: u64,
}

/// An answer of the server.
#[derive(Debug)]
pub enum Reply {
    /// Joined a class.
    Joined(Joined),
    /// The class's assignments.
    Assignments(Vec<Assignment>),
    /// An attempt started.
    Started(Started),
    /// A call failed: why, in one sentence.
    Failed(String),
}

/// The error body of the class server (`{"error": "…"}`).
#[derive(Deserialize)]
struct ErrorBody {
    error: String,
}

/// The student's side of the class server at `base` (`http://HOST:8080`).
#[derive(Clone, Debug)]
pub struct Api {
    base: String,
    inbox: Arc<Mutex<VecDeque<Reply>>>,
}

impl Api {
    /// A client of the server at `base`.
    pub fn new(base: String) -> Api {
        Api {
            base,
            inbox: Arc::default(),
        }
    }

    /// The server's base address.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Joins the class of `code` as `name`.
    pub fn join(&self, code: &str, name: &str, ctx: &egui::Context) {
        let body = serde_json::json!({ "code": code.trim(), "name": name.trim() });
        self.call(
            ehttp::Method::POST,
            "/api/join",
            None,
            Some(body),
            ctx,
            Reply::Joined,
        );
    }

    /// Lists the class's assignments.
    pub fn assignments(&self, token: &str, ctx: &egui::Context) {
        let path = "/api/student/assignments";
        self.call(
            ehttp::Method::GET,
            path,
            Some(token),
            None,
            ctx,
            Reply::Assignments,
        );
    }

    /// Starts an attempt of `assignment`: the server draws its seed and its clock starts.
    pub fn start(&self, token: &str, assignment: &str, ctx: &egui::Context) {
        let body = serde_json::json!({ "assignment": assignment });
        let path = "/api/student/attempts";
        self.call(
            ehttp::Method::POST,
            path,
            Some(token),
            Some(body),
            ctx,
            Reply::Started,
        );
    }

    /// The next answer that arrived, if any.
    pub fn take(&self) -> Option<Reply> {
        self.inbox.lock().ok()?.pop_front()
    }

    /// Sends a request; its answer, read as `T` and wrapped, lands in the inbox.
    fn call<T: DeserializeOwned + 'static>(
        &self,
        method: ehttp::Method,
        path: &str,
        token: Option<&str>,
        body: Option<serde_json::Value>,
        ctx: &egui::Context,
        wrap: fn(T) -> Reply,
    ) {
        let url = format!("{}{path}", self.base);
        let mut request = ehttp::Request::get(&url)
            .with_method(method)
            .with_timeout(Some(std::time::Duration::from_secs(TIMEOUT_S)));
        if let Some(body) = body {
            request = request
                .with_body(body.to_string().into_bytes())
                .with_header("Content-Type", "application/json");
        }
        if let Some(token) = token {
            request = request.with_header("Authorization", format!("Bearer {token}"));
        }
        let inbox = Arc::clone(&self.inbox);
        let ctx = ctx.clone();
        let base = self.base.clone();
        ehttp::fetch(request, move |result| {
            let reply = read(&base, result).map_or_else(Reply::Failed, wrap);
            if let Ok(mut inbox) = inbox.lock() {
                inbox.push_back(reply);
            }
            ctx.request_repaint();
        });
    }
}

/// The answer as `T`, or why not in one sentence.
fn read<T: DeserializeOwned>(
    base: &str,
    result: ehttp::Result<ehttp::Response>,
) -> Result<T, String> {
    let response =
        result.map_err(|e| format!("The class server at {base} did not answer ({e})."))?;
    if !response.ok {
        let why = serde_json::from_slice::<ErrorBody>(&response.bytes)
            .map_or_else(|_| response.status_text.clone(), |b| b.error);
        return Err(format!("The class server said: {why}."));
    }
    serde_json::from_slice(&response.bytes).map_err(|e| {
        format!("The class server at {base} answered something this window cannot read ({e}).")
    })
}
