//! Side (sagittal) view of the spine around the leads: vertebral bodies (named inside
//! them), the cord in its dural sac with the dorsal CSF from the model (it thickens and thins
//! with level and posture), and each lead in the dorsal epidural space where the device
//! places it, its contacts showing polarity by symbol and colour.
//!
//! The window of vertebrae stays put while the leads are inside it, so a lead that migrates
//! is seen to move.

use super::cross_section::INK;
use super::section::cord_depth_mm;
use crate::device::lead::contact_z_mm;
use crate::device::lead::{CONTACT_LENGTH_MM, CONTACTS_PER_LEAD, Placement, Polarity, Vertebra};
use crate::patient::activation::Body;
use crate::patient::anatomy::{segment_at, vertebra_top_mm, vertebral_position};
use crate::session::Session;
use crate::ui::draw::label::{label_box, text_on};
use crate::ui::draw::paint::add_segment;
use crate::ui::prefs::Palette;
use egui::{
    Align2, Color32, FontId, Mesh, Painter, Pos2, Rect, Sense, Shape, Stroke, Ui, pos2, vec2,
};

/// Vertebrae shown at once.
const SHOWN: usize = 7;
/// Depth (ventral → dorsal) drawn per millimetre, points.
const DEPTH_PX_PER_MM: f32 = 4.0;
/// Dorsal CSF the layout leaves room for, mm.
const CSF_ROOM_MM: f64 = 11.0;

/// The side view's state: which vertebrae it shows.
#[derive(Debug, Default)]
pub struct SpineView {
    /// Index of the top vertebra shown.
    top: Option<usize>,
}

/// Where simulated millimetres fall on the screen.
struct Scale {
    rect: Rect,
    z0: f64,
    px_per_mm: f32,
    /// Screen x of the dorsal dura.
    dura_x: f32,
}

impl Scale {
    fn y(&self, z: f64) -> f32 {
        self.rect.top() + (z - self.z0) as f32 * self.px_per_mm
    }

    /// Screen x of a depth `mm` ventral to the dorsal dura.
    fn x(&self, mm: f64) -> f32 {
        self.dura_x - mm as f32 * DEPTH_PX_PER_MM
    }
}

impl SpineView {
    /// The top vertebra to show: kept while every lead lies inside the window.
    fn window(&mut self, placements: &[Placement]) -> usize {
        let lo = placements
            .iter()
            .map(|p| p.level.index())
            .min()
            .unwrap_or(0);
        let hi = placements
            .iter()
            .map(|p| {
                vertebral_position(contact_z_mm(p.level, CONTACTS_PER_LEAD - 1)).ceil() as usize
            })
            .max()
            .unwrap_or(lo);
        let last_top = Vertebra::COUNT - SHOWN;
        let inside = |top: usize| lo >= top && hi < top + SHOWN;
        match self.top {
            Some(top) if inside(top) => top,
            _ => {
                let top = lo.saturating_sub(2).min(last_top);
                self.top = Some(top);
                top
            }
        }
    }

    /// Draws the side view.
    pub fn ui(&mut self, ui: &mut Ui, session: &Session, palette: &Palette) {
        let Some(d) = session.device() else {
            return;
        };
        if d.placements.is_empty() {
            return;
        }
        let top_v = self.window(&d.placements);
        let bottom_v = top_v + SHOWN;
        let z0 = vertebra_top_mm(top_v);
        let z1 = vertebra_top_mm(bottom_v);
        let width = ui.available_width().min(320.0);
        let (rect, _) = ui.allocate_exact_size(vec2(width, 340.0), Sense::hover());
        let p = ui.painter_at(rect);
        let body_w = 58.0;
        let canal_left = rect.left() + 4.0 + body_w + 4.0;
        let g = Scale {
            rect,
            z0,
            px_per_mm: rect.height() / (z1 - z0) as f32,
            dura_x: canal_left + ((2.0 + 1.0 + 8.0 + CSF_ROOM_MM) as f32) * DEPTH_PX_PER_MM,
        };
        p.rect_filled(rect, 4.0, INK.fat);
        let body = session.patient.body();
        canal_ui(&p, &g, &body, palette);
        vertebrae_ui(&p, &g, top_v..bottom_v, rect.left() + 4.0, body_w);
        for (lead, placement) in d.placements.iter().enumerate() {
            lead_ui(&p, &g, session, (lead, placement), palette);
        }
        label_box(
            &p,
            rect.left_bottom() + vec2(4.0, -4.0),
            Align2::LEFT_BOTTOM,
            "ventral",
            11.0,
        );
        label_box(
            &p,
            rect.right_bottom() - vec2(4.0, 4.0),
            Align2::RIGHT_BOTTOM,
            "dorsal · − cathode + anode X faulty",
            11.0,
        );
    }
}

/// The dural sac: ventral CSF, the cord, the dorsal CSF (from the model, per level), the
/// dura; the laminae behind.
fn canal_ui(p: &Painter, g: &Scale, body: &Body, palette: &Palette) {
    const STEPS: usize = 40;
    let (z0, z1) = (g.z0, g.z0 + (g.rect.height() / g.px_per_mm) as f64);
    let mut csf = Mesh::default();
    let mut cord = Mesh::default();
    let mut dorsal_cord = Vec::with_capacity(STEPS + 1);
    let mut ventral_cord = Vec::with_capacity(STEPS + 1);
    let mut ventral_dura = Vec::with_capacity(STEPS + 1);
    for i in 0..=STEPS {
        let z = z0 + (z1 - z0) * i as f64 / STEPS as f64;
        let y = g.y(z);
        let h = body.csf_at(z);
        let depth = cord_depth_mm(segment_at(vertebral_position(z)));
        dorsal_cord.push(pos2(g.x(h), y));
        ventral_cord.push(pos2(g.x(h + depth), y));
        ventral_dura.push(pos2(g.x(h + depth + 2.0), y));
    }
    strip(&mut csf, &ventral_dura, &[g.dura_x], INK.csf);
    strip(
        &mut cord,
        &ventral_cord,
        &dorsal_cord.iter().map(|q| q.x).collect::<Vec<_>>(),
        INK.white,
    );
    p.add(Shape::mesh(csf));
    p.add(Shape::mesh(cord));
    p.add(Shape::line(dorsal_cord.clone(), Stroke::new(1.5, INK.dura)));
    p.add(Shape::line(ventral_cord, Stroke::new(1.5, INK.dura)));
    p.add(Shape::line(ventral_dura, Stroke::new(2.0, INK.dura)));
    p.line_segment(
        [
            pos2(g.dura_x, g.rect.top()),
            pos2(g.dura_x, g.rect.bottom()),
        ],
        Stroke::new(2.0, INK.dura),
    );
    // Dorsal columns: the dorsal rim of the cord, in the tingling colour's family.
    let _ = palette;
    if let Some(mid) = dorsal_cord.get(STEPS / 10) {
        label_box(
            p,
            *mid + vec2(-4.0, 0.0),
            Align2::RIGHT_CENTER,
            "cord",
            11.0,
        );
    }
    if let Some(mid) = dorsal_cord.get(9 * STEPS / 10) {
        let q = pos2(0.5 * (mid.x + g.dura_x), mid.y);
        label_box(p, q, Align2::CENTER_CENTER, "CSF", 11.0);
    }
}

/// A filled band between `left` points and right edges `right` (one per point, or one
/// for all), as one mesh.
fn strip(mesh: &mut Mesh, left: &[Pos2], right: &[f32], colour: Color32) {
    for (i, q) in left.iter().enumerate() {
        let rx = right.get(i).or(right.first()).copied().unwrap_or(q.x);
        mesh.colored_vertex(*q, colour);
        mesh.colored_vertex(pos2(rx, q.y), colour);
        if i > 0 {
            let k = 2 * i as u32;
            mesh.add_triangle(k - 2, k - 1, k + 1);
            mesh.add_triangle(k - 2, k + 1, k);
        }
    }
}

/// The vertebral bodies of `range`, each named inside (dark on light bone), and the
/// laminae behind the canal.
fn vertebrae_ui(p: &Painter, g: &Scale, range: std::ops::Range<usize>, left: f32, width: f32) {
    let lamina_x = g.dura_x + 3.5 * DEPTH_PX_PER_MM;
    for v in range {
        let Some(vertebra) = Vertebra::from_index(v) else {
            continue;
        };
        let (a, b) = (g.y(vertebra_top_mm(v)), g.y(vertebra_top_mm(v + 1)));
        let body = Rect::from_min_max(pos2(left, a + 3.0), pos2(left + width, b - 3.0));
        p.rect(
            body,
            5.0,
            INK.bone,
            Stroke::new(1.0, INK.dura),
            egui::StrokeKind::Inside,
        );
        p.text(
            body.center(),
            Align2::CENTER_CENTER,
            vertebra.name(),
            FontId::proportional(15.0),
            text_on(INK.bone),
        );
        let lamina = Rect::from_min_max(
            pos2(lamina_x + 44.0, a + 0.3 * (b - a)),
            pos2(lamina_x + 84.0, b - 0.1 * (b - a)),
        );
        p.rect(
            lamina,
            4.0,
            INK.bone,
            Stroke::new(1.0, INK.dura),
            egui::StrokeKind::Inside,
        );
    }
}

/// One lead in the dorsal epidural space: its body and each contact with polarity and
/// fault; "Lead n" at its tip.
fn lead_ui(
    p: &Painter,
    g: &Scale,
    session: &Session,
    (lead, placement): (usize, &Placement),
    palette: &Palette,
) {
    let Some(d) = session.device() else {
        return;
    };
    let program = d.program();
    // Leads side by side in the epidural space (their lateral offsets: the cross-section).
    let x = g.dura_x + 1.6 * DEPTH_PX_PER_MM + 12.0 * lead as f32;
    let tip = g.y(contact_z_mm(placement.level, 0) - 3.0);
    let end = g.y(contact_z_mm(placement.level, CONTACTS_PER_LEAD - 1) + 25.0);
    let mut mesh = Mesh::default();
    add_segment(
        &mut mesh,
        pos2(x, tip),
        pos2(x, end),
        6.0,
        Color32::from_gray(110),
    );
    p.add(Shape::mesh(mesh));
    for k in 0..CONTACTS_PER_LEAD {
        let zc = contact_z_mm(placement.level, k);
        let r = Rect::from_center_size(
            pos2(x, g.y(zc)),
            vec2(9.0, (CONTACT_LENGTH_MM as f32 * g.px_per_mm).max(6.0)),
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
            Polarity::Off => (Color32::from_gray(215), ""),
        };
        p.rect(
            r,
            2.0,
            fill,
            Stroke::new(1.0, Color32::BLACK),
            egui::StrokeKind::Inside,
        );
        if faulty || !sym.is_empty() {
            let label = format!("{k}{sym}{}", if faulty { " X" } else { "" });
            // Two leads: the first's labels on its left, so they never cover the second.
            let (q, align) = if lead == 0 && d.placements.len() > 1 {
                (pos2(x - 7.0, g.y(zc)), Align2::RIGHT_CENTER)
            } else {
                (pos2(x + 7.0, g.y(zc)), Align2::LEFT_CENTER)
            };
            label_box(p, q, align, &label, 11.0);
        }
    }
    let (anchor, align) = if lead == 0 && d.placements.len() > 1 {
        (pos2(x + 4.0, tip - 2.0), Align2::RIGHT_BOTTOM)
    } else {
        (pos2(x - 4.0, tip - 2.0), Align2::LEFT_BOTTOM)
    };
    label_box(p, anchor, align, &format!("Lead {}", lead + 1), 12.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_stays_put_when_a_lead_migrates_one_level() {
        let at = |name: &str| Placement {
            level: Vertebra::parse(name).expect("a level"),
            lateral_mm: -1.0,
        };
        let mut view = SpineView::default();
        let before = view.window(&[at("T9")]);
        assert_eq!(
            view.window(&[at("T10")]),
            before,
            "the lead moves, not the vertebrae"
        );
        assert_ne!(
            view.window(&[at("C3")]),
            before,
            "a lead far away recentres the view"
        );
    }
}
