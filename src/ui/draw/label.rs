//! Labels that stay readable on any fill: dark text on a light box (or light on dark),
//! sized in points so they follow egui's zoom.

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, vec2};

/// Black or white, whichever reads better on `fill`.
pub fn text_on(fill: Color32) -> Color32 {
    let l =
        0.2126 * f32::from(fill.r()) + 0.7152 * f32::from(fill.g()) + 0.0722 * f32::from(fill.b());
    if l > 140.0 {
        Color32::from_rgb(0x10, 0x10, 0x10)
    } else {
        Color32::WHITE
    }
}

/// A light box with dark text (`size` points), anchored at `pos` by `align`; returns its
/// rectangle.
pub fn label_box(p: &Painter, pos: Pos2, align: Align2, text: &str, size: f32) -> Rect {
    let fill = Color32::from_rgb(0xFB, 0xFB, 0xF8);
    let galley = p.layout_no_wrap(text.to_string(), FontId::proportional(size), text_on(fill));
    let pad = vec2(4.0, 2.0);
    let rect = align.anchor_size(pos, galley.size() + 2.0 * pad);
    p.rect(
        rect,
        3.0,
        fill,
        Stroke::new(1.0, Color32::from_gray(120)),
        egui::StrokeKind::Inside,
    );
    p.galley(rect.min + pad, galley, Color32::BLACK);
    rect
}

/// A chart's font: `size` points in the plain theme, grown with the theme's text (the
/// projector theme's is a fifth larger), so that a chart's ticks and labels read like the
/// rest of the window.
pub fn chart_font(ui: &egui::Ui, size: f32) -> FontId {
    FontId::proportional(size * text_scale(ui))
}

/// How much larger the theme's text is than the plain theme's: 1, or 1.2 with the
/// projector theme.
pub fn text_scale(ui: &egui::Ui) -> f32 {
    /// The body text's size in the plain theme (`prefs::apply_style`).
    const PLAIN_BODY: f32 = 16.0;
    egui::TextStyle::Body.resolve(ui.style()).size / PLAIN_BODY
}
