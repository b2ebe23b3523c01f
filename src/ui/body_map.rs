//! The patient's body, front and back: pain (hatched, warm) and tingling (dotted, cool)
//! on the regions the model uses, one shape per region.

use super::prefs::Palette;
use crate::patient::anatomy::{REGIONS, Side};
use crate::session::view::View;
use egui::{Align2, Color32, CornerRadius, FontId, Rect, Sense, Stroke, Ui, pos2, vec2};

/// A region's shape in a figure box (fractions: centre x, centre y, width, height), drawn
/// on the viewer's left for `Side::Left` in the back view (and mirrored in the front view).
struct Part {
    name: &'static str,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    front: bool,
    back: bool,
}

const fn part(name: &'static str, x: f32, y: f32, w: f32, h: f32, front: bool, back: bool) -> Part {
    Part {
        name,
        x,
        y,
        w,
        h,
        front,
        back,
    }
}

/// Shapes of the left-side (or midline) regions; right-side ones are mirrored.
const PARTS: [Part; 16] = [
    part("head_back", 0.5, 0.065, 0.2, 0.1, false, true),
    part("neck", 0.5, 0.135, 0.11, 0.04, true, true),
    part("shoulder", 0.3, 0.175, 0.16, 0.05, true, true),
    part("chest", 0.5, 0.235, 0.34, 0.11, true, false),
    part("upper_back", 0.5, 0.235, 0.34, 0.11, false, true),
    part("abdomen", 0.5, 0.355, 0.3, 0.12, true, false),
    part("low_back", 0.5, 0.355, 0.3, 0.12, false, true),
    part("perineum", 0.5, 0.45, 0.12, 0.05, true, false),
    part("buttock", 0.42, 0.455, 0.15, 0.08, false, true),
    part("arm", 0.19, 0.28, 0.085, 0.15, true, true),
    part("forearm", 0.15, 0.425, 0.075, 0.14, true, true),
    part("hand", 0.13, 0.53, 0.075, 0.07, true, true),
    part("thigh", 0.42, 0.6, 0.14, 0.18, true, true),
    part("lower_leg", 0.42, 0.785, 0.11, 0.17, true, true),
    part("foot", 0.41, 0.925, 0.11, 0.05, true, true),
    part("head_front", 0.5, 0.065, 0.2, 0.1, true, false),
];

/// Draws both views with a legend; hovering a region names it with its pain and tingling.
pub fn body_map_ui(ui: &mut Ui, view: &View, pain: &[f64; REGIONS.len()], palette: &Palette) {
    let avail = ui.available_size();
    let height = (avail.y - 30.0).clamp(120.0, 520.0);
    let fig = vec2(height * 0.45, height);
    let (rect, response) = ui.allocate_exact_size(vec2(avail.x, height + 26.0), Sense::hover());
    let gap = ((rect.width() - 2.0 * fig.x) / 3.0).max(8.0);
    let front = Rect::from_min_size(rect.min + vec2(gap, 22.0), fig);
    let back = Rect::from_min_size(front.right_top() + vec2(gap, 0.0), fig);
    let p = ui.painter_at(rect);
    let text = ui.visuals().text_color();
    for (r, label) in [(front, "Front"), (back, "Back")] {
        p.text(
            r.center_top() - vec2(0.0, 4.0),
            Align2::CENTER_BOTTOM,
            label,
            FontId::proportional(15.0),
            text,
        );
    }
    let skin = if ui.visuals().dark_mode {
        Color32::from_gray(78)
    } else {
        Color32::from_gray(215)
    };
    let outline = Stroke::new(1.0, ui.visuals().weak_text_color());
    let mut hovered: Option<usize> = None;
    for (fig_rect, is_front) in [(front, true), (back, false)] {
        for part in PARTS
            .iter()
            .filter(|q| if is_front { q.front } else { q.back })
        {
            for side in sides_of(part.name) {
                // Back view: the patient's left on the viewer's left; front view mirrored.
                let mirror = matches!(
                    (side, is_front),
                    (Some(Side::Right), false) | (Some(Side::Left), true)
                );
                let x = if mirror { 1.0 - part.x } else { part.x };
                let r = Rect::from_center_size(
                    pos2(
                        fig_rect.left() + x * fig_rect.width(),
                        fig_rect.top() + part.y * fig_rect.height(),
                    ),
                    vec2(part.w * fig_rect.width(), part.h * fig_rect.height()),
                );
                let radius = CornerRadius::same((r.width().min(r.height()) * 0.45) as u8);
                p.rect(r, radius, skin, outline, egui::StrokeKind::Inside);
                let Some(i) = region_of(part.name, side) else {
                    continue;
                };
                if pain[i] > 0.0 {
                    let a = (0.25 + 0.07 * pain[i]) as f32;
                    p.rect_filled(r, radius, palette.pain.gamma_multiply(a));
                    hatch(&p, r, palette.pain);
                }
                let t = view.response.perception.paresthesia[i] as f32;
                if t > 0.02 {
                    p.rect_filled(
                        r.shrink(1.5),
                        radius,
                        palette.tingling.gamma_multiply(0.25 + 0.6 * t),
                    );
                    dots(
                        &p,
                        r,
                        t,
                        if ui.visuals().dark_mode {
                            Color32::WHITE
                        } else {
                            Color32::from_rgb(0, 40, 90)
                        },
                    );
                }
                if response.hover_pos().is_some_and(|pos| r.contains(pos)) {
                    hovered = Some(i);
                }
            }
        }
    }
    if let Some(i) = hovered {
        response.on_hover_text(format!(
            "{}: pain VAS {:.1} now ({:.1} before), tingling {:.0}%",
            REGIONS[i].name,
            view.pain.regions[i],
            pain[i],
            100.0 * view.response.perception.paresthesia[i]
        ));
    }
}

fn sides_of(name: &str) -> Vec<Option<Side>> {
    if REGIONS.iter().any(|r| r.name == name) || name.starts_with("head_") {
        vec![None]
    } else {
        vec![Some(Side::Left), Some(Side::Right)]
    }
}

fn region_of(name: &str, side: Option<Side>) -> Option<usize> {
    let full = match side {
        Some(s) => format!("{name}_{}", s.name()),
        None => name.to_string(),
    };
    REGIONS.iter().position(|r| r.name == full)
}

/// Diagonal hatching: pain is never shown by colour alone.
fn hatch(p: &egui::Painter, r: Rect, colour: Color32) {
    let stroke = Stroke::new(1.2, colour);
    let step = 7.0;
    let mut x = r.left() - r.height();
    while x < r.right() {
        let a = pos2(x, r.bottom());
        let b = pos2(x + r.height(), r.top());
        let clip = |q: egui::Pos2| pos2(q.x.clamp(r.left(), r.right()), q.y);
        // Clip the segment to the rectangle along the diagonal.
        let t0 = ((r.left() - a.x) / r.height()).clamp(0.0, 1.0);
        let t1 = ((r.right() - a.x) / r.height()).clamp(0.0, 1.0);
        if t1 > t0 {
            let pa = a + (b - a) * t0;
            let pb = a + (b - a) * t1;
            p.line_segment([clip(pa), clip(pb)], stroke);
        }
        x += step;
    }
}

/// Dots whose density grows with the tingling's intensity.
fn dots(p: &egui::Painter, r: Rect, intensity: f32, colour: Color32) {
    let step = (12.0 - 7.0 * intensity).max(4.0);
    let mut y = r.top() + step * 0.5;
    let mut row = 0;
    while y < r.bottom() {
        let mut x = r.left() + step * if row % 2 == 0 { 0.5 } else { 1.0 };
        while x < r.right() {
            p.circle_filled(pos2(x, y), 1.3, colour);
            x += step;
        }
        y += step;
        row += 1;
    }
}
