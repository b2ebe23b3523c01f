//! A debrief a teacher can print or mail: one self-contained HTML page (no scripts, no
//! external files) with the score, its criteria, what the trainee did and what an expert
//! would do.

use super::score::ScoreReport;

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Simulated time as h:mm:ss.
fn clock(t_s: f64) -> String {
    let s = t_s.max(0.0).round() as u64;
    format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

/// The debrief as a printable HTML page; `trainee` names who it is for (empty: the name
/// the session file carries, if any), with the day the session was saved.
pub fn debrief_html(report: &ScoreReport, trainee: &str) -> String {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    h.push_str(&format!("<title>Debrief: {}</title>", esc(&report.title)));
    h.push_str(
        "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;color:#111}\
         table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3em .5em;\
         text-align:left}th{background:#eee}.refused{color:#a00}</style></head><body>\n",
    );
    h.push_str(&format!(
        "<h1>{} — {}/100</h1>\n",
        esc(&report.title),
        report.score
    ));
    let trainee = Some(trainee.trim())
        .filter(|t| !t.is_empty())
        .or(report.trainee.as_deref());
    if let Some(trainee) = trainee {
        h.push_str(&format!("<p>Trainee: {}</p>\n", esc(trainee)));
    }
    if let Some(date) = &report.date {
        h.push_str(&format!("<p>Saved: {}</p>\n", esc(date)));
    }
    h.push_str(&format!(
        "<p>Goal {}: {}</p>\n",
        if report.goal_met { "met" } else { "not met" },
        esc(&report.goal_detail)
    ));
    h.push_str("<h2>How the score was made</h2>\n<table><tr><th>Criterion</th><th>Points</th><th>Why</th></tr>\n");
    for c in &report.criteria {
        h.push_str(&format!(
            "<tr><td>{}</td><td>{} / {}</td><td>{}</td></tr>\n",
            esc(&c.name),
            c.points,
            c.max,
            esc(&c.detail)
        ));
    }
    h.push_str("</table>\n<h2>What was done</h2>\n<table><tr><th>Time</th><th>Action</th></tr>\n");
    for a in &report.timeline {
        let refused = a.refused.as_ref().map_or(String::new(), |w| {
            format!(" <span class=\"refused\">— refused: {}</span>", esc(w))
        });
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}{refused}</td></tr>\n",
            clock(a.t_s),
            esc(&a.action)
        ));
    }
    h.push_str("</table>\n<h2>What an expert would do</h2>\n<ol>\n");
    for step in &report.expert {
        h.push_str(&format!("<li>{}</li>\n", esc(step)));
    }
    h.push_str("</ol>\n</body></html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_the_page_is_whole() {
        assert_eq!(esc("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
        assert_eq!(clock(3725.0), "1:02:05");
    }
}
