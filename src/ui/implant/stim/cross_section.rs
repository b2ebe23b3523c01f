//! The axial cross-section at the cathode, as a teacher draws it on the board: the
//! vertebral canal, the dura, the dorsal CSF (its thickness from the model, so it moves with
//! posture and level), the cord with its dorsal columns laminated by dermatome (caudal
//! medial, rostral lateral), the dorsal roots entering laterally, the lead(s) at their true
//! lateral offset, isolines of the stimulating field, and fibres lit as they are recruited.
//!
//! Seen from behind: the patient's left is on the viewer's left, dorsal is up. Drawn to
//! scale (a millimetre is about 11 px at 320 px wide), with few shapes: the isolines are one
//! mesh per polarity.

use super::section::{ABOVE_DURA_MM, DEPTH_MM, Frame, Lamina, SPAN_MM, Section};
use crate::device::lead::{CONTACT_DIAMETER_MM, Polarity};
use crate::patient::activation::DURA_MM;
use crate::patient::anatomy::{DERMATOMES, Side};
use crate::session::Session;
use crate::session::view::View;
use crate::ui::draw::label::{label_box, text_on};
use crate::ui::draw::paint::{add_segment, lerp_colour};
use crate::ui::prefs::Palette;
use egui::{Align2, Color32, Mesh, Sense, Shape, Stroke, Ui, pos2, vec2};

/// Colours of the anatomy (a light "board" in either theme, so dark text reads on it).
pub(crate) struct Ink {
    pub bone: Color32,
    pub fat: Color32,
    pub csf: Color32,
    pub dura: Color32,
    pub white: Color32,
    pub grey: Color32,
    pub root: Color32,
    pub text: Color32,
}

pub(crate) const INK: Ink = Ink {
    bone: Color32::from_rgb(0xD6, 0xCF, 0xC2),
    fat: Color32::from_rgb(0xF3, 0xE9, 0xC6),
    csf: Color32::from_rgb(0xCF, 0xE6, 0xF5),
    dura: Color32::from_rgb(0x55, 0x55, 0x55),
    white: Color32::from_rgb(0xFA, 0xF6, 0xEE),
    grey: Color32::from_rgb(0xC8, 0xB4, 0xB4),
    root: Color32::from_rgb(0x8A, 0x78, 0x66),
    text: Color32::from_rgb(0x14, 0x14, 0x14),
};

/// Draws the cross-section; `posture` names the posture in the CSF label.
pub fn cross_section_ui(
    ui: &mut Ui,
    session: &Session,
    view: &View,
    palette: &Palette,
    max_width: f32,
) {
    let Some(sec) = Section::of(session, view) else {
        ui.label("No lead implanted.");
        return;
    };
    let width = ui.available_width().min(max_width);
    let height = width * DEPTH_MM / SPAN_MM;
    let (rect, _) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    let f = Frame::new(rect);
    let p = ui.painter_at(rect);
    anatomy_ui(&p, &f, &sec);
    laminae_ui(&p, &f, &sec, palette);
    roots_ui(&p, &f, &sec, palette);
    field_ui(&p, &f, &sec, palette);
    leads_ui(&p, &f, &sec, palette);
    labels_ui(&p, &f, &sec, session.patient.posture.name());
    ui.small(format!(
        "Seen from behind (the patient's left on the left). {}; blue laminae: fibres \
         recruited (felt). Rings: the field of the contacts \
         (point-source estimate; blue around cathodes, orange around anodes), growing with \
         the amplitude.",
        columns_caption(&sec)
    ));
}

/// Bone, canal, dura and CSF, the cord and its grey matter.
fn anatomy_ui(p: &egui::Painter, f: &Frame, sec: &Section) {
    p.rect_filled(f.rect, 4.0, INK.bone);
    let dura_half = sec.cord_half_width_mm + 2.5;
    let ventral = sec.ventral_dura_mm();
    // The canal: epidural fat around the dural sac, the lead in its dorsal part.
    let canal_c = f.pos(0.0, 0.5 * (ventral - 3.2));
    p.add(Shape::ellipse_filled(
        canal_c,
        vec2(f.len(dura_half + 2.0), f.len(0.5 * (ventral + 3.2) + 0.6)),
        INK.fat,
    ));
    let sac_c = f.pos(0.0, 0.5 * ventral);
    p.add(Shape::ellipse_filled(
        sac_c,
        vec2(f.len(dura_half), f.len(0.5 * ventral)),
        INK.csf,
    ));
    p.add(Shape::ellipse_stroke(
        sac_c,
        vec2(f.len(dura_half), f.len(0.5 * ventral)),
        Stroke::new(2.0, INK.dura),
    ));
    let cord_c = f.pos(0.0, sec.cord_centre_mm());
    let cord_r = vec2(
        f.len(sec.cord_half_width_mm),
        f.len(0.5 * sec.cord_depth_mm),
    );
    p.add(Shape::ellipse_filled(cord_c, cord_r, INK.white));
    p.add(Shape::ellipse_stroke(
        cord_c,
        cord_r,
        Stroke::new(1.5, INK.dura),
    ));
    // Grey matter: the butterfly, as thick strokes (dorsal horns toward the root entry).
    let cy = sec.cord_centre_mm();
    let grey = Stroke::new(f.len(0.9), INK.grey);
    let horn_tip = |s: f64| {
        (
            s * sec.root_entry_mm * 0.8,
            sec.cord_surface_mm(sec.root_entry_mm * 0.8) + 0.4,
        )
    };
    for s in [-1.0, 1.0] {
        let (tx, ty) = horn_tip(s);
        let mid = f.pos(s * 0.9, cy + 0.3);
        p.line_segment([mid, f.pos(tx, ty)], grey);
        p.line_segment(
            [mid, f.pos(s * 2.4, cy + 2.2)],
            Stroke::new(f.len(1.4), INK.grey),
        );
    }
    p.line_segment([f.pos(-0.9, cy + 0.3), f.pos(0.9, cy + 0.3)], grey);
}

/// The dorsal columns, one quad per dermatome and side, lit by what is felt there.
fn laminae_ui(p: &egui::Painter, f: &Frame, sec: &Section, palette: &Palette) {
    let depth = 0.42 * sec.cord_depth_mm;
    let top = sec.cord_surface_mm(0.0);
    let bottom = |x: f64| top + depth * (1.0 - 0.55 * (x / sec.column_half_width_mm)).max(0.2);
    for (i, l) in sec.laminae.iter().enumerate() {
        let s = l.side.sign();
        let (a, b) = (s * l.inner_mm, s * l.outer_mm);
        let base = if i % 2 == 0 {
            Color32::from_rgb(0xE6, 0xDC, 0xC8)
        } else {
            Color32::from_rgb(0xD4, 0xC8, 0xB0)
        };
        let fill = if l.recruited > 0.02 {
            lerp_colour(base, palette.tingling, 0.5 + 0.5 * l.recruited as f32)
        } else {
            base
        };
        let pts = vec![
            f.pos(a, sec.cord_surface_mm(a) + 0.05),
            f.pos(b, sec.cord_surface_mm(b) + 0.05),
            f.pos(b, bottom(b.abs())),
            f.pos(a, bottom(a.abs())),
        ];
        p.add(Shape::convex_polygon(pts, fill, Stroke::NONE));
    }
    // The septum between the columns.
    p.line_segment(
        [f.pos(0.0, top), f.pos(0.0, top + depth)],
        Stroke::new(1.0, INK.dura),
    );
}

/// The dorsal roots: from the entry zone on the cord's dorsolateral surface out through
/// the CSF toward the foramen; lit when recruited.
fn roots_ui(p: &egui::Painter, f: &Frame, sec: &Section, palette: &Palette) {
    for side in Side::BOTH {
        let s = side.sign();
        let entry = sec.root_entry_mm;
        let r = sec.roots[side.index()] as f32;
        let colour = if r > 0.02 {
            lerp_colour(INK.root, palette.tingling, 0.4 + 0.6 * r)
        } else {
            INK.root
        };
        let pts = vec![
            f.pos(s * entry, sec.cord_surface_mm(entry)),
            f.pos(s * (entry + 1.2), sec.cord_surface_mm(entry) - 0.6),
            f.pos(s * (sec.cord_half_width_mm + 4.5), 0.45 * sec.csf_mm + 1.0),
        ];
        p.add(Shape::line(pts, Stroke::new(f.len(0.7).max(2.5), colour)));
    }
}

/// Isolines of the potential (one mesh per polarity): cathodic ones blue and solid.
fn field_ui(p: &egui::Painter, f: &Frame, sec: &Section, palette: &Palette) {
    if sec.amplitude_ma <= 0.0 || sec.poles.is_empty() {
        return;
    }
    const N: usize = 56;
    let x0 = -f64::from(SPAN_MM) / 2.0;
    let y0 = -f64::from(ABOVE_DURA_MM);
    let step = f64::from(SPAN_MM) / (N - 1) as f64;
    let grid: Vec<f64> = (0..N * N)
        .map(|k| sec.potential(x0 + (k % N) as f64 * step, y0 + (k / N) as f64 * step))
        .collect();
    let at = |i: usize, j: usize| grid[j * N + i];
    let to_screen = |i: f64, j: f64| f.pos(x0 + i * step, y0 + j * step);
    for (levels, colour) in [
        ([-4.0, -2.0, -1.0, -0.5], palette.cathode),
        ([4.0, 2.0, 1.0, 0.5], darker(palette.anode)),
    ] {
        let mut mesh = Mesh::default();
        for level in levels {
            for j in 0..N - 1 {
                for i in 0..N - 1 {
                    let c = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)];
                    let (segs, n) = cell_segments(c, level);
                    for &(a, b) in &segs[..n] {
                        let pa = to_screen(i as f64 + a.0, j as f64 + a.1);
                        let pb = to_screen(i as f64 + b.0, j as f64 + b.1);
                        add_segment(&mut mesh, pa, pb, 2.0, colour);
                    }
                }
            }
        }
        p.add(Shape::mesh(mesh));
    }
}

/// A segment in cell coordinates.
type Seg = ((f64, f64), (f64, f64));

/// Marching squares: the segments of isoline `level` in one cell with corner values
/// (top-left, top-right, bottom-right, bottom-left), in cell coordinates; no allocation.
fn cell_segments(c: [f64; 4], level: f64) -> ([Seg; 2], usize) {
    const CORNERS: [(f64, f64); 4] = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)];
    let mut cuts = [(0.0, 0.0); 4];
    let mut n = 0;
    for e in 0..4 {
        let (a, b) = (c[e], c[(e + 1) % 4]);
        if (a < level) != (b < level) {
            let t = (level - a) / (b - a);
            let (pa, pb) = (CORNERS[e], CORNERS[(e + 1) % 4]);
            cuts[n] = (pa.0 + t * (pb.0 - pa.0), pa.1 + t * (pb.1 - pa.1));
            n += 1;
        }
    }
    let segs = [(cuts[0], cuts[1]), (cuts[2], cuts[3])];
    match n {
        2 => (segs, 1),
        4 => (segs, 2),
        _ => (segs, 0),
    }
}

/// Each lead where it crosses the section: its contact, polarity by colour and symbol,
/// "Lead n" and its offset in words.
fn leads_ui(p: &egui::Painter, f: &Frame, sec: &Section, palette: &Palette) {
    let y = -(DURA_MM + 0.5 * CONTACT_DIAMETER_MM);
    let r = f.len(0.5 * CONTACT_DIAMETER_MM).max(5.0);
    let n = sec.leads.len();
    for (i, lead) in sec.leads.iter().enumerate() {
        let c = f.pos(lead.lateral_mm, y);
        let (fill, sym) = match lead.polarity {
            Polarity::Cathode => (palette.cathode, "−"),
            Polarity::Anode => (palette.anode, "+"),
            Polarity::Off => (Color32::from_gray(150), ""),
        };
        let fill = if lead.at_section {
            fill
        } else {
            Color32::from_gray(200)
        };
        p.circle(c, r, fill, Stroke::new(1.5, Color32::BLACK));
        p.text(
            c,
            Align2::CENTER_CENTER,
            sym,
            egui::FontId::proportional(14.0),
            text_on(fill),
        );
        let side = if lead.lateral_mm < -0.05 {
            format!("{:.1} mm left", -lead.lateral_mm)
        } else if lead.lateral_mm > 0.05 {
            format!("{:.1} mm right", lead.lateral_mm)
        } else {
            "on the midline".to_string()
        };
        let here = if lead.at_section {
            ""
        } else {
            " (not at this level)"
        };
        // Labels of two leads go to their own sides so they never overlap.
        let (anchor, align) = if n > 1 && i == 0 {
            (pos2(c.x - r, c.y - r - 3.0), Align2::RIGHT_BOTTOM)
        } else if n > 1 {
            (pos2(c.x + r, c.y - r - 3.0), Align2::LEFT_BOTTOM)
        } else {
            (pos2(c.x, c.y - r - 3.0), Align2::CENTER_BOTTOM)
        };
        label_box(
            p,
            anchor,
            align,
            &format!("Lead {} · contact {}\n{side}{here}", i + 1, lead.contact),
            12.0,
        );
    }
}

/// Midline, sides, scale bar, the CSF dimension and the names of the parts.
fn labels_ui(p: &egui::Painter, f: &Frame, sec: &Section, posture: &str) {
    let r = f.rect;
    p.line_segment(
        [
            pos2(f.x(0.0), r.top() + 2.0),
            pos2(f.x(0.0), r.bottom() - 2.0),
        ],
        Stroke::new(1.0, INK.dura),
    );
    label_box(
        p,
        pos2(r.left() + 4.0, f.y(sec.cord_centre_mm())),
        Align2::LEFT_CENTER,
        "left",
        12.0,
    );
    label_box(
        p,
        pos2(r.right() - 4.0, f.y(sec.cord_centre_mm())),
        Align2::RIGHT_CENTER,
        "right",
        12.0,
    );
    // CSF: a dimension line on the right, between dura and cord.
    let x = sec.column_half_width_mm + 0.6;
    let (a, b) = (f.pos(x, 0.0), f.pos(x, sec.cord_surface_mm(x)));
    p.line_segment([a, b], Stroke::new(2.0, INK.text));
    for q in [a, b] {
        p.line_segment(
            [q - vec2(4.0, 0.0), q + vec2(4.0, 0.0)],
            Stroke::new(2.0, INK.text),
        );
    }
    label_box(
        p,
        pos2(f.x(sec.cord_half_width_mm + 2.6), 0.5 * (a.y + b.y)),
        Align2::LEFT_CENTER,
        &format!("CSF\n{:.1} mm\n{posture}", sec.csf_mm),
        12.0,
    );
    label_box(
        p,
        pos2(
            f.x(sec.cord_half_width_mm + 0.4),
            f.y(sec.cord_centre_mm() + 2.8),
        ),
        Align2::LEFT_CENTER,
        "cord",
        12.0,
    );
    // Scale bar: 5 mm.
    let y = r.bottom() - 10.0;
    let x0 = r.left() + 10.0;
    p.line_segment(
        [pos2(x0, y), pos2(x0 + f.len(5.0), y)],
        Stroke::new(3.0, INK.text),
    );
    p.text(
        pos2(x0 + f.len(5.0) + 6.0, y),
        Align2::LEFT_CENTER,
        "5 mm",
        egui::FontId::proportional(12.0),
        INK.text,
    );
    label_box(
        p,
        r.right_bottom() - vec2(4.0, 4.0),
        Align2::RIGHT_BOTTOM,
        &format!("ventral · section at {}", sec.vertebra),
        11.0,
    );
}

/// "dorsal columns: S3 medial to T10 lateral".
fn columns_caption(sec: &Section) -> String {
    let right: Vec<&Lamina> = sec
        .laminae
        .iter()
        .filter(|l| l.side == Side::Right)
        .collect();
    match (right.first(), right.last()) {
        (Some(m), Some(l)) => format!(
            "Dorsal columns: {} fibres medial, {} lateral",
            DERMATOMES[m.dermatome], DERMATOMES[l.dermatome]
        ),
        _ => "Dorsal columns".to_string(),
    }
}

/// A darker shade, for lines on a light board.
fn darker(c: Color32) -> Color32 {
    lerp_colour(c, Color32::BLACK, 0.25)
}
