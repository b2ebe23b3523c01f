//! The relief map: relief over amplitude × pulse width as a heat map, drawn from the core.

use crate::session::relief_map::ReliefMap;
use egui::{Color32, CornerRadius, Rect, Sense, Ui, pos2, vec2};

/// Relief over amplitude (x) × pulse width (y) as a heat map, the present setting marked.
pub fn relief_map_ui(ui: &mut Ui, map: &ReliefMap, amplitude_ma: f64, pulse_width_us: f64) {
    ui.label("Relief map: amplitude along, pulse width up; the ring is the present setting, white ticks the discomfort threshold");
    let (rect, _) =
        ui.allocate_exact_size(vec2(ui.available_width().min(380.0), 220.0), Sense::hover());
    let p = ui.painter_at(rect);
    let (na, np) = (map.amplitudes.len(), map.pulse_widths.len());
    if na == 0 || np == 0 {
        return;
    }
    let cw = rect.width() / na as f32;
    let ch = rect.height() / np as f32;
    for j in 0..np {
        for i in 0..na {
            let r = map.relief[j * na + i] as f32 / 70.0;
            let c = Color32::from_rgb(
                (30.0 + 20.0 * r) as u8,
                (40.0 + 170.0 * r.min(1.0)) as u8,
                (90.0 + 60.0 * r.min(1.0)) as u8,
            );
            let y = rect.bottom() - (j + 1) as f32 * ch;
            p.rect_filled(
                Rect::from_min_size(
                    pos2(rect.left() + i as f32 * cw, y),
                    vec2(cw + 0.5, ch + 0.5),
                ),
                CornerRadius::ZERO,
                c,
            );
        }
        if let Some(dt) = map.discomfort_ma[j] {
            let max = map.amplitudes[na - 1].max(1e-6);
            let x = rect.left() + rect.width() * (dt / max).min(1.0) as f32;
            let y = rect.bottom() - (j as f32 + 0.5) * ch;
            p.line_segment(
                [pos2(x, y - ch * 0.4), pos2(x, y + ch * 0.4)],
                egui::Stroke::new(2.0, Color32::WHITE),
            );
        }
    }
    let max_a = map.amplitudes[na - 1];
    let (pw0, pw1) = (map.pulse_widths[0], map.pulse_widths[np - 1]);
    let x = rect.left() + rect.width() * (amplitude_ma / max_a).clamp(0.0, 1.0) as f32;
    let y = rect.bottom()
        - rect.height() * ((pulse_width_us - pw0) / (pw1 - pw0).max(1e-6)).clamp(0.0, 1.0) as f32;
    p.circle_stroke(
        pos2(x, y),
        7.0,
        egui::Stroke::new(2.5, Color32::from_rgb(0xF0, 0xE4, 0x42)),
    );
    ui.small(format!(
        "0–{max_a:.0} mA · {pw0:.0}–{pw1:.0} µs · brighter = more relief (up to 70 %)"
    ));
}
