//! CSV export of a session: its course (from the core's series) and its actions.

use crate::session::action_words::action_words;
use crate::session::series::Series;
use crate::session::{LogEntry, Session};

/// Seconds rounded to a tenth, as written in the files ("561.0").
fn tenth(t_s: f64) -> String {
    format!("{:.1}", (t_s * 10.0).round() / 10.0)
}

/// Rows as RFC 4180 CSV (quoted where a field needs it), via the `csv` crate.
fn to_csv<const N: usize>(
    header: [&str; N],
    rows: impl IntoIterator<Item = [String; N]>,
) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail except on a broken invariant; an empty file says so.
    let ok = w.write_record(header).is_ok() && rows.into_iter().all(|r| w.write_record(&r).is_ok());
    match (ok, w.into_inner()) {
        (true, Ok(bytes)) => String::from_utf8_lossy(&bytes).into_owned(),
        _ => String::new(),
    }
}

/// The course of the session: one row per sample of the series (time to 0.1 s, VAS to
/// 0.01, relief to 0.1 %).
pub fn series_csv(series: &Series) -> String {
    to_csv(
        ["t_s", "pain_vas", "relief_percent"],
        series.samples().iter().map(|s| {
            [
                tenth(s.t_s),
                format!("{:.2}", s.pain_vas),
                format!("{:.1}", s.relief_percent),
            ]
        }),
    )
}

/// Every command, accepted or refused: its time (to 0.1 s), who sent it (patient,
/// clinician, teacher, exercise), the action in plain words and the refusal in the
/// device's words.
pub fn actions_csv(log: &[LogEntry]) -> String {
    to_csv(
        ["t_s", "role", "command", "refused"],
        log.iter().map(|e| {
            [
                tenth(e.t_s),
                e.role.words().to_string(),
                action_words(&e.command, None),
                e.refused
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            ]
        }),
    )
}

/// Writes `<stem>-series.csv` and `<stem>-actions.csv` next to the session path
/// `session_path`; returns the sentence for the status line.
pub fn export_csv(session_path: &str, session: &Session) -> Result<String, String> {
    let stem = session_path.trim_end_matches(".ron");
    let files_out = [
        ("-series.csv", series_csv(session.series())),
        ("-actions.csv", actions_csv(&session.log)),
    ];
    let mut written = Vec::new();
    for (suffix, text) in files_out {
        written.push(crate::ui::platform::file_io::write(
            &format!("{stem}{suffix}"),
            text.as_bytes(),
        )?);
    }
    Ok(format!("Exported {}", written.join(" and ")))
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
        assert!(csv.lines().last().is_some_and(|l| l.starts_with("10.0,")));
    }

    #[test]
    fn the_actions_csv_is_rfc_4180_in_words_with_refusals_and_senders() {
        let (patient, device) = library::default_patient();
        let mut s = Session::new(patient, device, Role::Patient, 1);
        let _ = s.apply(RemoteKey::TherapyOn);
        s.step(561.000_017_3);
        let _ = s.apply(RemoteKey::SelectProgram(9));
        let text = actions_csv(&s.log);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), s.log.len(), "{text}");
        assert_eq!(&rows[0][1], "patient");
        assert_eq!(&rows[0][2], "Stimulation on");
        assert_eq!(&rows[1][0], "561.0");
        assert_eq!(&rows[1][2], "Remote: program 10");
        assert!(!rows[1][3].is_empty(), "the refusal in words: {text}");
    }
}
