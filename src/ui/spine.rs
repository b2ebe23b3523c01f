//! Side view of the spine around the lead: vertebrae labelled, the lead at its true level,
//! each contact showing its polarity by symbol and colour.

use super::prefs::Palette;
use crate::device::lead::Placement;
use crate::device::lead::contact_z_mm;
use crate::device::lead::{CONTACT_LENGTH_MM, CONTACTS_PER_LEAD, Polarity, Vertebra};
use crate::patient::anatomy::vertebra_top_mm;
use crate::session::Session;
use egui::{Align2, Color32, CornerRadius, FontId, Painter, Rect, Sense, Stroke, Ui, pos2, vec2};

/// Where simulated millimetres along the spine fall on the screen.
struct Scale {
    rect: Rect,
    z0: f64,
    px_per_mm: f32,
}

impl Scale {
    fn y(&self, z: f64) -> f32 {
        self.rect.top() + (z - self.z0) as f32 * self.px_per_mm
    }
}

/// Draws the vertebrae from two above the lead tip to four below it.
pub fn spine_ui(ui: &mut Ui, session: &Session, palette: &Palette) {
    let d = &session.device();
    let Some(first) = d.placements.first() else {
        return;
    };
    let top_v = first.level.index().saturating_sub(2);
    let bottom_v = (first.level.index() + 4).min(Vertebra::COUNT);
    let z0 = vertebra_top_mm(top_v);
    let z1 = vertebra_top_mm(bottom_v);
    let width = ui.available_width().min(300.0);
    let (rect, _) = ui.allocate_exact_size(vec2(width, 330.0), Sense::hover());
    let p = ui.painter_at(rect);
    let g = Scale {
        rect,
        z0,
        px_per_mm: rect.height() / (z1 - z0) as f32,
    };
    let text = ui.visuals().text_color();
    let bone = if ui.visuals().dark_mode {
        Color32::from_gray(95)
    } else {
        Color32::from_gray(200)
    };
    let spine_x = rect.left() + 46.0;
    vertebrae_ui(&p, &g, top_v..bottom_v, spine_x, text, bone);
    // The canal behind the bodies, with the lead lying in it; lateral offset exaggerated ×3.
    let canal = spine_x + 90.0;
    let canal_right = canal + 40.0 + 44.0 * d.placements.len() as f32;
    for x in [canal - 14.0, canal_right] {
        p.line_segment(
            [pos2(x, rect.top()), pos2(x, rect.bottom())],
            Stroke::new(1.0, text.gamma_multiply(0.4)),
        );
    }
    let lead_x = |lead: usize, placement: &Placement| {
        canal + 10.0 + 6.0 * placement.lateral_mm as f32 + 44.0 * lead as f32
    };
    for (lead, placement) in d.placements.iter().enumerate() {
        let x = lead_x(lead, placement);
        lead_ui(&p, &g, session, (lead, placement), x, palette, text);
    }
    for (lead, placement) in d.placements.iter().enumerate() {
        p.text(
            pos2(lead_x(lead, placement), rect.top() + 2.0),
            Align2::CENTER_TOP,
            format!("L{}", lead + 1),
            FontId::proportional(12.0),
            text,
        );
    }
    p.text(
        rect.right_bottom() - vec2(4.0, 4.0),
        Align2::RIGHT_BOTTOM,
        "− cathode  + anode",
        FontId::proportional(13.0),
        text.gamma_multiply(0.8),
    );
}

/// The vertebral bodies of `range`, each labelled.
fn vertebrae_ui(
    p: &Painter,
    g: &Scale,
    range: std::ops::Range<usize>,
    spine_x: f32,
    text: Color32,
    bone: Color32,
) {
    for v in range {
        let Some(vertebra) = Vertebra::from_index(v) else {
            continue;
        };
        let (a, b) = (g.y(vertebra_top_mm(v)), g.y(vertebra_top_mm(v + 1)));
        let body = Rect::from_min_max(pos2(spine_x, a + 3.0), pos2(spine_x + 60.0, b - 3.0));
        p.rect(
            body,
            CornerRadius::same(5),
            bone,
            Stroke::new(1.0, text.gamma_multiply(0.5)),
            egui::StrokeKind::Inside,
        );
        p.text(
            pos2(g.rect.left() + 4.0, (a + b) / 2.0),
            Align2::LEFT_CENTER,
            vertebra.name(),
            FontId::proportional(15.0),
            text,
        );
    }
}

/// One lead at `x`: its body and each contact with polarity and fault.
fn lead_ui(
    p: &Painter,
    g: &Scale,
    session: &Session,
    (lead, placement): (usize, &Placement),
    x: f32,
    palette: &Palette,
    text: Color32,
) {
    let d = &session.device();
    let program = d.program();
    let tip = g.y(contact_z_mm(placement.level, 0) - 3.0);
    let end = g.y(contact_z_mm(placement.level, CONTACTS_PER_LEAD - 1) + 25.0);
    p.line_segment(
        [pos2(x, tip), pos2(x, end)],
        Stroke::new(5.0, Color32::from_gray(140)),
    );
    for k in 0..CONTACTS_PER_LEAD {
        let zc = contact_z_mm(placement.level, k);
        let r = Rect::from_center_size(
            pos2(x, g.y(zc)),
            vec2(14.0, (CONTACT_LENGTH_MM as f32 * g.px_per_mm).max(6.0)),
        );
        let polarity = program
            .electrodes
            .leads
            .get(lead)
            .map_or(Polarity::Off, |l| l[k]);
        let faulty = d.impedances.fault(lead, k).is_some();
        let (fill, sym) = match polarity {
            Polarity::Cathode => (palette.cathode, "−"),
            Polarity::Anode => (palette.anode, "+"),
            Polarity::Off => (Color32::from_gray(170), ""),
        };
        p.rect(
            r,
            CornerRadius::same(2),
            fill,
            Stroke::new(1.0, Color32::BLACK),
            egui::StrokeKind::Inside,
        );
        let label = if faulty {
            format!("{k}{sym} X")
        } else {
            format!("{k}{sym}")
        };
        p.text(
            pos2(x + 10.0, g.y(zc)),
            Align2::LEFT_CENTER,
            label,
            FontId::proportional(13.0),
            if faulty { palette.pain } else { text },
        );
    }
}
