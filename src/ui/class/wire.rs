//! What the class server says on the live record, as the window reads it, and the
//! address forms (`http://HOST:8080/` to its routes and its WebSocket).

use serde::Deserialize;

/// A message of the server on the live record (docs/class-api.md, "The live record").
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    /// Where the attempt stands: resume after `last_seq`.
    Ready {
        /// The last acknowledged entry (0: none).
        last_seq: i64,
        /// Whether it was graded (then `graded` follows).
        #[serde(default)]
        over: bool,
        /// The seed of the session's patient.
        #[serde(default)]
        seed: u64,
        /// Simulated seconds per wall-clock second of the attempt's clock.
        #[serde(default)]
        speed: f64,
        /// The simulated time the attempt's clock has reached, s.
        #[serde(default)]
        clock_s: f64,
        /// A demonstration's exercise, if it is one.
        #[serde(default)]
        exercise: Option<String>,
        /// A demonstration's built-in patient, if it is a free session.
        #[serde(default)]
        patient: Option<String>,
    },
    /// A demonstration ended (it is not graded).
    Ended {},
    /// The entry is stored.
    Ack {
        /// The entry.
        seq: i64,
    },
    /// The entry is not stored.
    Refused {
        /// The entry.
        seq: i64,
        /// Why, in one sentence.
        error: String,
    },
    /// The grade and debrief.
    Graded {
        /// The window's score report, as the server computed it.
        report: serde_json::Value,
    },
    /// Someone (the teacher) watches this attempt, or no longer does.
    Watched {
        /// How many watch now.
        #[serde(default)]
        watchers: u32,
    },
    /// A message that could not be taken (the attempt is unchanged).
    Error {
        /// Why, in one sentence.
        error: String,
    },
    /// A message this window does not know (a newer server): ignored.
    #[serde(other)]
    Other,
}

/// A class address as typed (`HOST:8080`, `http://HOST:8080/`, with a path or a query)
/// made the server's base: scheme, host and port, no trailing slash. `None` when there is
/// no host in it.
pub fn base_url(typed: &str) -> Option<String> {
    let t = typed.trim();
    let (scheme, rest) = match t.split_once("://") {
        Some((s, r)) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
            (s.to_ascii_lowercase(), r)
        }
        Some(_) => return None,
        None => ("http".to_string(), t),
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || host.chars().any(char::is_whitespace) {
        return None;
    }
    Some(format!("{scheme}://{host}"))
}

/// The live record's WebSocket address of the server at `base`.
pub fn live_url(base: &str) -> String {
    ws_url(base, "/api/live")
}

/// The WebSocket address of `path` on the server at `base` (`wss` under `https`).
pub fn ws_url(base: &str, path: &str) -> String {
    let ws = if let Some(rest) = base.strip_prefix("https://") {
        format!("wss://{rest}")
    } else {
        format!("ws://{}", base.trim_start_matches("http://"))
    };
    format!("{ws}{path}")
}

/// The `class` code in a typed address's query (`…/?class=ABC123`), if any.
pub fn code_in(typed: &str) -> Option<String> {
    let query = typed.split_once('?')?.1;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("class="))
        .map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_address_becomes_the_server_s_base() {
        assert_eq!(
            base_url("10.0.0.5:8080").as_deref(),
            Some("http://10.0.0.5:8080")
        );
        assert_eq!(
            base_url("http://host:8080/?class=ABC").as_deref(),
            Some("http://host:8080")
        );
        assert_eq!(base_url("HTTPS://host/").as_deref(), Some("https://host"));
        assert_eq!(base_url("ftp://host"), None);
        assert_eq!(base_url("  "), None);
        assert_eq!(live_url("http://h:1"), "ws://h:1/api/live");
        assert_eq!(live_url("https://h"), "wss://h/api/live");
        assert_eq!(code_in("http://h/?class=ab12cd").as_deref(), Some("AB12CD"));
        assert_eq!(code_in("http://h/"), None);
    }

    #[test]
    fn an_unknown_message_is_ignored_and_a_known_one_read() {
        let m: ServerMsg = serde_json::from_str(r#"{"type":"something_new","x":1}"#).unwrap();
        assert!(matches!(m, ServerMsg::Other));
        let m: ServerMsg =
            serde_json::from_str(r#"{"type":"ack","seq":3,"received_ms":1}"#).unwrap();
        assert!(matches!(m, ServerMsg::Ack { seq: 3 }));
    }
}
