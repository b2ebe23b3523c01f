//! The relief map: relief over amplitude × pulse width as a heat map, drawn from the core,
//! with axes (ticks in mA and µs) and a colour bar with its scale.

use crate::implant::stim::ReliefMap;
use crate::ui::chart::{Body, Chart, Heat, rgb};
use crate::ui::draw::label::chart_font;
use crate::ui::draw::paint::lerp_colour;
use egui::{Align2, Color32, FontId, Mesh, Painter, Rect, Sense, Shape, Stroke, Ui, pos2, vec2};

/// Relief (%) at which the colour scale tops out.
const TOP_PERCENT: f64 = 70.0;

/// The colour of `relief` percent: dark blue (none) to bright green (≥ 70 %).
fn relief_colour(relief: f64) -> Color32 {
    let t = (relief / TOP_PERCENT).clamp(0.0, 1.0) as f32;
    let low = Color32::from_rgb(25, 35, 90);
    let mid = Color32::from_rgb(30, 130, 140);
    let high = Color32::from_rgb(170, 230, 120);
    if t < 0.5 {
        lerp_colour(low, mid, 2.0 * t)
    } else {
        lerp_colour(mid, high, 2.0 * t - 1.0)
    }
}

/// A tick step near `span / 5` from 1, 2, 5 × 10ⁿ.
fn nice_step(span: f64) -> f64 {
    let raw = (span / 5.0).max(1e-9);
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag)
}

/// The relief map as a chart for the presenter and for slides: the same cells, colours,
/// discomfort ticks and ring as [`relief_map_ui`].
pub fn relief_chart(map: &ReliefMap, amplitude_ma: f64, pulse_width_us: f64) -> Chart {
    let steps = 64;
    Chart {
        title: "Relief map".into(),
        x_label: "amplitude (mA)".into(),
        y_label: "pulse width (µs)".into(),
        body: Body::Heat(Heat {
            xs: map.amplitudes.clone(),
            ys: map.pulse_widths.clone(),
            values: map.relief.clone(),
            top: TOP_PERCENT,
            scale_label: "relief %".into(),
            ticks: map
                .discomfort_ma
                .iter()
                .enumerate()
                .filter_map(|(j, dt)| dt.map(|dt| (dt, j)))
                .collect(),
            ring: Some((amplitude_ma, pulse_width_us)),
            palette: (0..=steps)
                .map(|k| rgb(relief_colour(TOP_PERCENT * f64::from(k) / f64::from(steps))))
                .collect(),
        }),
    }
}

/// Relief over amplitude (x) × pulse width (y) as a heat map with axes and a colour bar;
/// the present setting ringed, the discomfort threshold ticked white at each pulse width.
pub fn relief_map_ui(ui: &mut Ui, map: &ReliefMap, amplitude_ma: f64, pulse_width_us: f64) {
    ui.label("Relief map: the ring is the present setting, white ticks the discomfort threshold");
    let (na, np) = (map.amplitudes.len(), map.pulse_widths.len());
    if na == 0 || np == 0 {
        return;
    }
    // Labels as large as the theme's text; the margins for them with them.
    let font = chart_font(ui, 12.0);
    let s = font.size / 12.0;
    let width = ui.available_width().min(420.0 * s);
    let (outer, _) = ui.allocate_exact_size(vec2(width, 210.0 + 60.0 * s), Sense::hover());
    let p = ui.painter_at(outer);
    let text = ui.visuals().text_color();
    // Room for the y ticks and label (left), x ticks and label (below), the bar (right).
    let rect = Rect::from_min_max(
        outer.min + vec2(52.0, 22.0) * s,
        outer.max - vec2(64.0, 38.0) * s,
    );
    let max_a = map.amplitudes[na - 1].max(1e-6);
    let (pw0, pw1) = (map.pulse_widths[0], map.pulse_widths[np - 1]);
    let x_of = |ma: f64| rect.left() + rect.width() * (ma / max_a).clamp(0.0, 1.0) as f32;
    let y_of = |pw: f64| {
        rect.bottom() - rect.height() * ((pw - pw0) / (pw1 - pw0).max(1e-6)).clamp(0.0, 1.0) as f32
    };
    let cw = rect.width() / na as f32;
    let ch = rect.height() / np as f32;
    let mut cells = Mesh::default();
    for j in 0..np {
        for i in 0..na {
            let y = rect.bottom() - (j + 1) as f32 * ch;
            cells.add_colored_rect(
                Rect::from_min_size(
                    pos2(rect.left() + i as f32 * cw, y),
                    vec2(cw + 0.5, ch + 0.5),
                ),
                relief_colour(map.relief[j * na + i]),
            );
        }
    }
    p.add(Shape::mesh(cells));
    for (j, dt) in map.discomfort_ma.iter().enumerate() {
        if let Some(dt) = dt {
            let y = rect.bottom() - (j as f32 + 0.5) * ch;
            p.line_segment(
                [pos2(x_of(*dt), y - ch * 0.4), pos2(x_of(*dt), y + ch * 0.4)],
                Stroke::new(2.0, Color32::WHITE),
            );
        }
    }
    let ring = pos2(x_of(amplitude_ma), y_of(pulse_width_us));
    p.circle_stroke(ring, 8.0, Stroke::new(3.0, Color32::BLACK));
    p.circle_stroke(
        ring,
        7.0,
        Stroke::new(2.0, Color32::from_rgb(0xF0, 0xE4, 0x42)),
    );
    axes_ui(&p, rect, (max_a, pw0, pw1), (&font, text));
    colour_bar_ui(&p, (rect, outer), (&font, text));
}

/// Ticks and labels: amplitude (mA) along, pulse width (µs) up.
fn axes_ui(
    p: &Painter,
    rect: Rect,
    (max_a, pw0, pw1): (f64, f64, f64),
    (font, text): (&FontId, Color32),
) {
    let stroke = Stroke::new(1.0, text);
    let s = font.size / 12.0;
    p.line_segment([rect.left_bottom(), rect.right_bottom()], stroke);
    p.line_segment([rect.left_bottom(), rect.left_top()], stroke);
    let step = nice_step(max_a);
    let mut a = 0.0;
    while a <= max_a + 1e-9 {
        let x = rect.left() + rect.width() * (a / max_a) as f32;
        p.line_segment(
            [pos2(x, rect.bottom()), pos2(x, rect.bottom() + 5.0)],
            stroke,
        );
        p.text(
            pos2(x, rect.bottom() + 6.0),
            Align2::CENTER_TOP,
            format!("{a:.0}"),
            font.clone(),
            text,
        );
        a += step;
    }
    p.text(
        pos2(rect.center().x, rect.bottom() + 21.0 * s),
        Align2::CENTER_TOP,
        "amplitude (mA)",
        font.clone(),
        text,
    );
    let step = nice_step(pw1 - pw0);
    let mut pw = (pw0 / step).ceil() * step;
    while pw <= pw1 + 1e-9 {
        let y = rect.bottom() - rect.height() * ((pw - pw0) / (pw1 - pw0).max(1e-6)) as f32;
        p.line_segment([pos2(rect.left() - 5.0, y), pos2(rect.left(), y)], stroke);
        p.text(
            pos2(rect.left() - 7.0, y),
            Align2::RIGHT_CENTER,
            format!("{pw:.0}"),
            font.clone(),
            text,
        );
        pw += step;
    }
    p.text(
        pos2(rect.left() - 48.0 * s, rect.top() - 4.0),
        Align2::LEFT_BOTTOM,
        "pulse width (µs)",
        font.clone(),
        text,
    );
}

/// A vertical colour bar right of the map: 0 to 70 % relief, ticked.
fn colour_bar_ui(p: &Painter, (rect, outer): (Rect, Rect), (font, text): (&FontId, Color32)) {
    let bar = Rect::from_min_max(
        pos2(rect.right() + 12.0, rect.top()),
        pos2(rect.right() + 26.0, rect.bottom()),
    );
    let mut mesh = Mesh::default();
    const STEPS: usize = 14;
    for k in 0..STEPS {
        let h = bar.height() / STEPS as f32;
        let r = Rect::from_min_size(
            pos2(bar.left(), bar.bottom() - (k + 1) as f32 * h),
            vec2(bar.width(), h + 0.5),
        );
        mesh.add_colored_rect(
            r,
            relief_colour(TOP_PERCENT * (k as f64 + 0.5) / STEPS as f64),
        );
    }
    p.add(Shape::mesh(mesh));
    p.rect_stroke(bar, 0.0, Stroke::new(1.0, text), egui::StrokeKind::Outside);
    for v in [0.0, 35.0, 70.0] {
        let y = bar.bottom() - bar.height() * (v / TOP_PERCENT) as f32;
        p.line_segment(
            [pos2(bar.right(), y), pos2(bar.right() + 4.0, y)],
            Stroke::new(1.0, text),
        );
        let label = if v >= TOP_PERCENT {
            "70+".to_string()
        } else {
            format!("{v:.0}")
        };
        p.text(
            pos2(bar.right() + 6.0, y),
            Align2::LEFT_CENTER,
            label,
            font.clone(),
            text,
        );
    }
    p.text(
        pos2(bar.center().x, outer.bottom() - 4.0),
        Align2::CENTER_BOTTOM,
        "relief %",
        font.clone(),
        text,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_numbers() {
        assert_eq!(nice_step(10.0), 2.0);
        assert_eq!(nice_step(800.0), 200.0);
        assert_eq!(nice_step(25.0), 5.0);
    }
}
