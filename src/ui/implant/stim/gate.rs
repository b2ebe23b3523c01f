//! The gate in the dorsal horn, live: fibres → interneurons → projection neuron, each
//! node filled by its activity.

use crate::patient::gate::GateActivity;
use crate::ui::draw::label::text_on;
use crate::ui::draw::paint::lerp_colour;
use crate::ui::prefs::Palette;
use egui::{Align2, Color32, FontId, Pos2, Sense, Stroke, Ui, pos2, vec2};

/// Draws the gate `g`: each node filled by its activity, its name and rate in text that
/// contrasts with the fill.
pub fn gate_ui(ui: &mut Ui, g: &GateActivity, palette: &Palette) {
    let width = ui.available_width().min(300.0);
    let (rect, response) = ui.allocate_exact_size(vec2(width, 230.0), Sense::hover());
    // Named for assistive technology, and for the layout tests that check it is whole.
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "Gate diagram"));
    let p = ui.painter_at(rect);
    let text = ui.visuals().text_color();
    let at = |fx: f32, fy: f32| {
        pos2(
            rect.left() + fx * rect.width(),
            rect.top() + fy * rect.height(),
        )
    };
    let (abeta, c, inh, exc, proj) = (
        at(0.15, 0.12),
        at(0.85, 0.12),
        at(0.25, 0.52),
        at(0.75, 0.52),
        at(0.5, 0.86),
    );
    let excite = Stroke::new(2.5, palette.good);
    let inhibit = Stroke::new(2.5, palette.pain);
    arrow(&p, abeta, inh, excite, false);
    arrow(&p, abeta, proj, Stroke::new(1.0, palette.good), false);
    arrow(&p, c, exc, excite, false);
    arrow(&p, c, proj, excite, false);
    arrow(&p, exc, proj, excite, false);
    arrow(&p, inh, exc, inhibit, true);
    arrow(&p, inh, proj, inhibit, true);
    if g.input.direct_hz > 0.0 {
        let from = at(0.03, 0.52);
        p.line_segment(
            [from, inh - vec2(24.0, 0.0)],
            Stroke::new(2.0, palette.tingling),
        );
        p.text(
            from - vec2(0.0, 14.0),
            Align2::LEFT_CENTER,
            "SCS",
            FontId::proportional(12.0),
            text,
        );
    }
    node(
        &p,
        abeta,
        "Aβ",
        g.input.abeta_hz,
        80.0,
        palette.tingling,
        text,
    );
    node(&p, c, "C", g.input.c_hz, 20.0, palette.pain, text);
    node(&p, inh, "I", g.inhibitory_hz, 80.0, palette.good, text);
    node(&p, exc, "E", g.excitatory_hz, 60.0, palette.anode, text);
    node(&p, proj, "W", g.projection_hz, 50.0, palette.pain, text);
    p.text(
        at(0.5, 0.995),
        Align2::CENTER_BOTTOM,
        format!("to the brain: {:.0} Hz", g.projection_hz),
        FontId::proportional(13.0),
        text,
    );
}

fn node(
    p: &egui::Painter,
    c: Pos2,
    label: &str,
    hz: f64,
    max: f64,
    colour: Color32,
    _text: Color32,
) {
    let level = (hz / max).clamp(0.0, 1.0) as f32;
    // From a pale tint (silent) to the full colour (firing at its maximum).
    let fill = lerp_colour(Color32::from_gray(245), colour, 0.15 + 0.85 * level);
    let ink = text_on(fill);
    p.circle(c, 24.0, fill, Stroke::new(2.0, colour));
    p.text(
        c - vec2(0.0, 6.0),
        Align2::CENTER_CENTER,
        label,
        FontId::proportional(16.0),
        ink,
    );
    p.text(
        c + vec2(0.0, 10.0),
        Align2::CENTER_CENTER,
        format!("{hz:.0} Hz"),
        FontId::proportional(12.0),
        ink,
    );
}

/// An excitatory arrow (→) or an inhibitory bar-ended line (⊣).
fn arrow(p: &egui::Painter, from: Pos2, to: Pos2, stroke: Stroke, inhibitory: bool) {
    let dir = (to - from).normalized();
    let a = from + dir * 23.0;
    let b = to - dir * 25.0;
    p.line_segment([a, b], stroke);
    let n = vec2(-dir.y, dir.x);
    if inhibitory {
        p.line_segment([b + n * 7.0, b - n * 7.0], Stroke::new(3.0, stroke.color));
    } else {
        p.line_segment([b, b - dir * 9.0 + n * 5.0], stroke);
        p.line_segment([b, b - dir * 9.0 - n * 5.0], stroke);
    }
}
