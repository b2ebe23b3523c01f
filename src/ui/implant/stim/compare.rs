//! A/B: two programs of the patient over the same simulated time. Two copies of the
//! session, each with one program chosen on the remote (`RemoteKey::SelectProgram` sent as
//! the patient) and therapy on, stepped together; their pain and relief curves drawn over
//! each other.

use crate::session::{RemoteKey, Role, Session};
use crate::ui::chart::{Body, Chart, Trace, rgb};
use crate::ui::prefs::Palette;
use crate::ui::request::Request;
use egui::Ui;
use egui_plot::{Legend, Line, Plot};

/// Simulated minutes compared.
pub const COMPARE_S: f64 = 600.0;

/// Relief (%) over simulated minutes of one program.
type Curve = Vec<[f64; 2]>;

/// The A/B comparison's state: the two programs chosen and the last curves computed.
#[derive(Debug)]
pub struct Compare {
    a: usize,
    b: usize,
    curves: Option<(String, Curve, String, Curve)>,
}

impl Default for Compare {
    fn default() -> Self {
        Compare {
            a: 0,
            b: 1,
            curves: None,
        }
    }
}

/// The session with program `index` chosen on the remote and therapy on, from `session`.
fn with_program(session: &Session, index: usize) -> Result<Session, String> {
    let mut s = session.clone();
    s.apply_as(Role::Patient, RemoteKey::SelectProgram(index))
        .map_err(|e| e.to_string())?;
    if !s.implant().therapy().therapy_on() {
        s.apply_as(Role::Patient, RemoteKey::TherapyOn)
            .map_err(|e| e.to_string())?;
    }
    Ok(s)
}

/// Relief over the next `duration_s` of programs `a` and `b`, stepped together second by
/// second from `session` as it is now (the running session is not touched).
pub fn compare(
    session: &Session,
    a: usize,
    b: usize,
    duration_s: f64,
) -> Result<(Curve, Curve), String> {
    let mut sa = with_program(session, a)?;
    let mut sb = with_program(session, b)?;
    let t0 = session.t_s;
    // Stepped together, one simulated second at a time.
    let mut t = t0;
    while t < t0 + duration_s {
        t = (t + 1.0).min(t0 + duration_s);
        sa.advance_to(t);
        sb.advance_to(t);
    }
    let curve = |s: &Session| -> Curve {
        s.series()
            .samples()
            .iter()
            .filter(|x| x.t_s >= t0)
            .map(|x| [(x.t_s - t0) / 60.0, x.relief_percent])
            .collect()
    };
    let (ca, cb) = (curve(&sa), curve(&sb));
    Ok((ca, cb))
}

impl Compare {
    /// Draws the program pickers, the button, the curves and their chart buttons; a
    /// failure is the answer.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        session: &Session,
        palette: &Palette,
    ) -> Result<Vec<Request>, String> {
        let programs: Vec<String> = session
            .device()
            .into_iter()
            .flat_map(|d| d.programs.iter())
            .enumerate()
            .map(|(i, p)| format!("P{} {}", i + 1, p.name))
            .collect();
        if programs.len() < 2 {
            ui.small("Compare A/B needs two programs.");
            return Ok(Vec::new());
        }
        self.a = self.a.min(programs.len() - 1);
        self.b = self.b.min(programs.len() - 1);
        let mut problem = None;
        ui.horizontal_wrapped(|ui| {
            for (slot, id) in [(&mut self.a, "A"), (&mut self.b, "B")] {
                egui::ComboBox::new(format!("compare-{id}"), id)
                    .selected_text(programs[*slot].clone())
                    .show_ui(ui, |ui| {
                        for (i, name) in programs.iter().enumerate() {
                            ui.selectable_value(slot, i, name);
                        }
                    });
            }
            if ui
                .button("Compare A/B")
                .on_hover_text("The next 10 simulated minutes with each program, side by side")
                .clicked()
            {
                match compare(session, self.a, self.b, COMPARE_S) {
                    Ok((ca, cb)) => {
                        self.curves =
                            Some((programs[self.a].clone(), ca, programs[self.b].clone(), cb));
                    }
                    Err(e) => problem = Some(e),
                }
            }
        });
        if let Some((na, ca, nb, cb)) = &self.curves {
            Plot::new("compare")
                .height(180.0)
                .legend(Legend::default())
                .allow_zoom(false)
                .allow_drag(false)
                .allow_scroll(false)
                .include_y(0.0)
                .include_y(100.0)
                .x_axis_label("minutes from now")
                .y_axis_label("relief %")
                .show(ui, |plot| {
                    plot.line(
                        Line::new(format!("A: {na}"), ca.clone())
                            .color(palette.cathode)
                            .width(2.5),
                    );
                    plot.line(
                        Line::new(format!("B: {nb}"), cb.clone())
                            .color(palette.anode)
                            .width(2.5)
                            .style(egui_plot::LineStyle::dashed_loose()),
                    );
                });
            let chart = || chart(palette, (na, ca), (nb, cb));
            return match problem {
                Some(e) => Err(e),
                None => Ok(crate::ui::chart::present::tools_ui(ui, chart)),
            };
        }
        problem.map_or(Ok(Vec::new()), Err)
    }
}

/// The two curves as a chart for the presenter and for slides.
fn chart(palette: &Palette, (na, ca): (&str, &Curve), (nb, cb): (&str, &Curve)) -> Chart {
    let trace = |name: String, points: &Curve, colour: egui::Color32, dashed: bool| Trace {
        name,
        rgb: rgb(colour),
        points: points.clone(),
        dashed,
    };
    Chart {
        title: "Two programs side by side".into(),
        x_label: "minutes from now".into(),
        y_label: "relief %".into(),
        body: Body::Lines {
            traces: vec![
                trace(format!("A: {na}"), ca, palette.cathode, false),
                trace(format!("B: {nb}"), cb, palette.anode, true),
            ],
            y: (0.0, 100.0),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_programs_are_stepped_over_the_same_time_without_touching_the_session() {
        let (p, d) = crate::library::default_patient();
        let session = Session::new(p, d, Role::Patient, 1);
        assert!(session.device().unwrap().programs.len() >= 2);
        let (a, b) = compare(&session, 0, 1, 120.0).unwrap();
        assert!(!a.is_empty() && !b.is_empty());
        let (ea, eb) = (a[a.len() - 1][0], b[b.len() - 1][0]);
        assert!(
            (ea - 2.0).abs() < 0.1 && (eb - 2.0).abs() < 0.1,
            "{ea} {eb}"
        );
        assert_eq!(session.t_s, 0.0, "the running session is not moved");
        assert!(compare(&session, 0, 99, 60.0).is_err(), "no such program");
    }
}
