//! The pain-over-time plot every implant shows, and the axes every plot shares.

use crate::session::series::{Sample, Series};
use crate::ui::chart::present::tools_menu;
use crate::ui::chart::{Body, Chart, Trace, rgb};
use crate::ui::prefs::Palette;
use crate::ui::request::Request;
use egui::Ui;
use egui_plot::{AxisHints, Legend, Line, Plot};

/// Pain (VAS × 10) and relief (%) over simulated time (minutes, hours or days), with its
/// *Chart* menu (present, save).
pub fn pain_plot_ui(ui: &mut Ui, series: &Series, palette: &Palette) -> Vec<Request> {
    let out = ui
        .horizontal(|ui| {
            ui.strong("Pain over simulated time");
            let out = tools_menu(ui, || pain_chart(series, palette));
            ui.add(egui::Label::new(egui::RichText::new("VAS × 10, relief %").small()).truncate());
            out
        })
        .inner;
    // A course needs two samples; a fresh session's single one is not drawn (nor its legend).
    let samples = match series.samples() {
        [_] => &[][..],
        all => all,
    };
    let (per, unit) = time_unit(samples.last().map_or(0.0, |s| s.t_s));
    let pain: Vec<[f64; 2]> = samples
        .iter()
        .map(|s| [s.t_s / per, s.pain_vas * 10.0])
        .collect();
    let relief: Vec<[f64; 2]> = samples
        .iter()
        .map(|s| [s.t_s / per, s.relief_percent])
        .collect();
    Plot::new("pain")
        .height(ui.available_height().max(80.0))
        .legend(Legend::default())
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .include_y(0.0)
        .include_y(100.0)
        // From the start, at least one unit (an empty course showed −50 to 50 minutes).
        .include_x(0.0)
        .include_x(1.0)
        .custom_x_axes(vec![time_axis(unit)])
        .custom_y_axes(vec![value_axis("")])
        .show(ui, |plot| {
            plot.line(
                Line::new("pain (VAS × 10)", pain)
                    .color(palette.pain)
                    .width(2.0),
            );
            plot.line(Line::new("relief %", relief).color(palette.good).width(2.0));
        });
    out
}

/// The course as a chart for the presenter and for slides.
fn pain_chart(series: &Series, palette: &Palette) -> Chart {
    let samples = series.samples();
    let (per, unit) = time_unit(samples.last().map_or(0.0, |s| s.t_s));
    let trace = |name: &str, colour: egui::Color32, value: fn(&Sample) -> f64| Trace {
        name: name.into(),
        rgb: rgb(colour),
        points: samples.iter().map(|s| [s.t_s / per, value(s)]).collect(),
        dashed: false,
    };
    Chart {
        title: "Pain over simulated time".into(),
        x_label: format!("simulated time ({unit})"),
        y_label: "VAS × 10, relief %".into(),
        body: Body::Lines {
            traces: vec![
                trace("pain (VAS × 10)", palette.pain, |s| s.pain_vas * 10.0),
                trace("relief %", palette.good, |s| s.relief_percent),
            ],
            y: (0.0, 100.0),
        },
    }
}

/// A value axis named `unit` labelled at every grid step that leaves room (the default
/// labelled only "0" on a scope 120 points tall with the current at ±5 mA).
pub fn value_axis(unit: &str) -> AxisHints<'static> {
    AxisHints::new_y().label(unit).label_spacing(18.0..=30.0)
}

/// Seconds per unit, and the unit's name, that a course of `span_s` simulated seconds
/// reads best in: minutes up to two hours (a stimulator's session), hours up to three
/// days, then days (a drug pump's weeks).
fn time_unit(span_s: f64) -> (f64, &'static str) {
    if span_s <= 7200.0 {
        (60.0, "minutes")
    } else if span_s <= 3.0 * 86_400.0 {
        (3600.0, "hours")
    } else {
        (86_400.0, "days")
    }
}

/// A time axis named `unit` whose short numbers ("5", "10") are labelled at every grid
/// step that leaves room for them (egui_plot's default leaves 60 points, so an
/// eleven-minute course showed only "0" and "10").
pub fn time_axis(unit: &str) -> AxisHints<'static> {
    AxisHints::new_x().label(unit).label_spacing(28.0..=40.0)
}
