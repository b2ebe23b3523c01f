//! CSV export of a session: its course (from the core's series) and its actions.

use crate::files;
use crate::session::series::Series;
use crate::session::{LogEntry, Session};
use std::fmt::Write as _;

/// The course of the session: one line per sample of the series.
pub fn series_csv(series: &Series) -> String {
    let mut out = String::from("t_s,pain_vas,relief_percent\n");
    for s in series.samples() {
        let _ = writeln!(out, "{},{},{}", s.t_s, s.pain_vas, s.relief_percent);
    }
    out
}

/// Every command, accepted or refused, with its time and sender.
pub fn actions_csv(log: &[LogEntry]) -> String {
    let mut out = String::from("t_s,role,command,refused\n");
    for e in log {
        let refused = e
            .refused
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default()
            .replace('"', "'");
        out.push_str(
            &format!("{},{:?},\"{:?}\",\"{refused}\"\n", e.t_s, e.role, e.command)
                .replace("\"\"", "\""),
        );
    }
    out
}

/// Writes `<stem>-series.csv` and `<stem>-actions.csv` next to the session path
/// `session_path`; returns the sentence for the status line.
pub fn export_csv(session_path: &str, session: &Session) -> Result<String, String> {
    let stem = session_path.trim_end_matches(".ron");
    let files_out = [
        ("-series.csv", series_csv(session.series())),
        ("-actions.csv", actions_csv(&session.log)),
    ];
    for (suffix, text) in files_out {
        let path = std::path::PathBuf::from(format!("{stem}{suffix}"));
        files::write_atomic(&path, text.as_bytes()).map_err(|e| e.to_string())?;
    }
    Ok(format!("Exported {stem}-series.csv and {stem}-actions.csv"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library;
    use crate::session::{RemoteKey, Role};

    #[test]
    fn the_series_csv_has_one_line_per_simulated_second() {
        let (patient, device) = library::default_patient();
        let mut s = Session::new(patient, device, Role::Patient, 1);
        s.step(10.0);
        let csv = series_csv(s.series());
        assert!(csv.starts_with("t_s,pain_vas,relief_percent\n"));
        assert_eq!(csv.lines().count(), 1 + 11, "{csv}");
        assert!(csv.lines().last().is_some_and(|l| l.starts_with("10,")));
    }

    #[test]
    fn the_actions_csv_lists_refusals_too() {
        let (patient, device) = library::default_patient();
        let mut s = Session::new(patient, device, Role::Patient, 1);
        let _ = s.apply(RemoteKey::TherapyOn);
        let _ = s.apply(RemoteKey::SelectProgram(9));
        let csv = actions_csv(&s.log);
        assert_eq!(csv.lines().count(), 3, "{csv}");
        assert!(csv.contains("TherapyOn") && csv.contains("SelectProgram(9)"));
        assert!(csv.lines().nth(2).is_some_and(|l| !l.ends_with(",\"\"")));
    }
}
