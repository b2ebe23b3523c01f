//! What the axial cross-section at the cathode shows, in millimetres: the section built
//! from the session (leads, the cord's depth and dorsal CSF, the dorsal columns laminated
//! by dermatome, the roots' recruitment, the field), and where its millimetres fall on the
//! screen. [`super::cross_section`] paints it.

use crate::device::lead::{CONTACT_DIAMETER_MM, CONTACTS_PER_LEAD, Polarity, contact_z_mm};
use crate::patient::activation::DURA_MM;
use crate::patient::anatomy::{self, DERMATOMES, REGIONS, Side};
use crate::patient::spine::Vertebra;
use crate::patient::stimulus::Pole;
use crate::session::Session;
use crate::session::view::View;
use egui::{Pos2, Rect, pos2};

/// Millimetres shown across the picture.
pub(crate) const SPAN_MM: f32 = 26.0;
/// Millimetres shown down the picture (dorsal lamina to below the ventral dura).
pub(crate) const DEPTH_MM: f32 = 20.0;
/// Millimetres shown dorsal to the dura (epidural space and lamina).
pub(crate) const ABOVE_DURA_MM: f32 = 6.0;
/// Antero-posterior diameter of the cord, mm (thoracic ≈ 7, cervical ≈ 8).
pub(crate) fn cord_depth_mm(segment: f64) -> f64 {
    if segment <= 8.0 { 8.0 } else { 7.0 }
}
/// CSF ventral to the cord, mm.
const VENTRAL_CSF_MM: f64 = 2.0;

/// One lead as it crosses the section.
#[derive(Clone, Debug, PartialEq)]
pub struct LeadMark {
    /// Lateral offset from the midline, mm; negative is the patient's left.
    pub lateral_mm: f64,
    /// The contact nearest the section (0-based) and its polarity.
    pub contact: usize,
    /// Polarity of that contact in the running program.
    pub polarity: Polarity,
    /// Whether a contact of this lead lies within one contact pitch of the section.
    pub at_section: bool,
}

/// The fibres of one dermatome in one dorsal column.
#[derive(Clone, Debug, PartialEq)]
pub struct Lamina {
    /// Index into [`DERMATOMES`].
    pub dermatome: usize,
    /// The column's side.
    pub side: Side,
    /// Medial and lateral edges, mm from the midline (positive).
    pub inner_mm: f64,
    /// Lateral edge, mm from the midline.
    pub outer_mm: f64,
    /// How much of it the patient feels (0..1), from the paresthesia of its regions.
    pub recruited: f64,
}

/// Everything the section shows, in millimetres; x is lateral (negative = the patient's
/// left), y is depth below the inner surface of the dorsal dura (ventral positive).
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Depth of the section down the canal, mm.
    pub z_mm: f64,
    /// The vertebra at the section.
    pub vertebra: &'static str,
    /// Whether the section is at a cathode (otherwise at the middle of lead 1).
    pub at_cathode: bool,
    /// Dorsal CSF thickness at the section, mm (posture and level, from the model).
    pub csf_mm: f64,
    /// The cord segment at the section (dermatome index units).
    pub segment: f64,
    /// Half-width of the cord, mm.
    pub cord_half_width_mm: f64,
    /// Antero-posterior diameter of the cord, mm.
    pub cord_depth_mm: f64,
    /// Half-width of the dorsal columns, mm.
    pub column_half_width_mm: f64,
    /// Distance of the dorsal-root entry zone from the midline, mm.
    pub root_entry_mm: f64,
    /// Each lead where it crosses the section.
    pub leads: Vec<LeadMark>,
    /// The stimulus's poles (for the field).
    pub poles: Vec<Pole>,
    /// Delivered amplitude, mA.
    pub amplitude_ma: f64,
    /// Dorsal-column laminae, both sides.
    pub laminae: Vec<Lamina>,
    /// Dorsal-root recruitment (left, right), 0..1.
    pub roots: [f64; 2],
}

impl Section {
    /// The section at the strongest cathode (or the middle of lead 1), from the session
    /// and what the patient feels now; `None` without a lead.
    pub fn of(session: &Session, view: &View) -> Option<Section> {
        let device = session.device()?;
        let first = device.placements.first()?;
        let stimulus = device.stimulus();
        let cathode = stimulus
            .poles
            .iter()
            .filter(|p| p.cathode)
            .max_by(|a, b| a.fraction.total_cmp(&b.fraction));
        let z_mm = cathode.map_or_else(
            || 0.5 * (contact_z_mm(first.level, 3) + contact_z_mm(first.level, 4)),
            |c| c.z_mm,
        );
        let v = anatomy::vertebral_position(z_mm);
        let segment = anatomy::segment_at(v);
        let column_half = anatomy::column_half_width_mm(segment);
        let program = device.program();
        let leads = device
            .placements
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let contact = (0..CONTACTS_PER_LEAD)
                    .min_by(|&a, &b| {
                        let da = (contact_z_mm(p.level, a) - z_mm).abs();
                        let db = (contact_z_mm(p.level, b) - z_mm).abs();
                        da.total_cmp(&db)
                    })
                    .unwrap_or(0);
                let polarity = program
                    .electrodes
                    .leads
                    .get(i)
                    .map_or(Polarity::Off, |l| l[contact]);
                LeadMark {
                    lateral_mm: p.lateral_mm,
                    contact,
                    polarity,
                    at_section: (contact_z_mm(p.level, contact) - z_mm).abs() < 7.0,
                }
            })
            .collect();
        let paresthesia = &view.response.perception.paresthesia;
        Some(Section {
            z_mm,
            vertebra: Vertebra::clamped(v.floor().max(0.0) as usize).name(),
            at_cathode: cathode.is_some(),
            csf_mm: session.patient.body().csf_at(z_mm),
            segment,
            cord_half_width_mm: column_half + 2.0,
            cord_depth_mm: cord_depth_mm(segment),
            column_half_width_mm: column_half,
            root_entry_mm: anatomy::root_entry_mm(segment),
            leads,
            poles: stimulus.poles.clone(),
            amplitude_ma: view.delivered_ma,
            laminae: laminae(segment, column_half, paresthesia),
            roots: root_recruitment(view),
        })
    }

    /// Depth of the cord's centre below the dorsal dura, mm.
    pub fn cord_centre_mm(&self) -> f64 {
        self.csf_mm + 0.5 * self.cord_depth_mm
    }

    /// Depth of the ventral dura, mm.
    pub fn ventral_dura_mm(&self) -> f64 {
        self.csf_mm + self.cord_depth_mm + VENTRAL_CSF_MM
    }

    /// Depth of the dorsal surface of the cord at lateral `x`, mm.
    pub fn cord_surface_mm(&self, x: f64) -> f64 {
        let a = self.cord_half_width_mm;
        let t = (x / a).clamp(-1.0, 1.0);
        self.cord_centre_mm() - 0.5 * self.cord_depth_mm * (1.0 - t * t).sqrt()
    }

    /// The field's potential at (x, y) in the section, in mA/mm (a point source per pole,
    /// homogeneous tissue; cathodes negative).
    pub fn potential(&self, x: f64, y: f64) -> f64 {
        let y_lead = -(DURA_MM + 0.5 * CONTACT_DIAMETER_MM);
        self.poles
            .iter()
            .map(|p| {
                let r2 = (x - p.lateral_mm).powi(2)
                    + (y - y_lead).powi(2)
                    + (self.z_mm - p.z_mm).powi(2);
                let r = r2.sqrt().max(0.5 * CONTACT_DIAMETER_MM);
                let sign = if p.cathode { -1.0 } else { 1.0 };
                sign * p.fraction * self.amplitude_ma / r
            })
            .sum()
    }
}

/// Mediolateral laminae of the dorsal columns at segment `s`: every dermatome entering
/// below `s` (the model's rule), the most caudal medial, each higher one added laterally.
fn laminae(s: f64, half_width: f64, paresthesia: &[f64; REGIONS.len()]) -> Vec<Lamina> {
    let present: Vec<usize> = (0..DERMATOMES.len())
        .filter(|&d| d as f64 >= s - 0.5)
        .collect();
    let total: f64 = present
        .iter()
        .map(|&d| anatomy::dermatome_fibre_weight(d))
        .sum();
    let mut out = Vec::with_capacity(2 * present.len());
    for side in Side::BOTH {
        let mut caudal = 0.0;
        for &d in present.iter().rev() {
            let w = anatomy::dermatome_fibre_weight(d);
            let recruited = REGIONS
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    (r.dermatomes.0..=r.dermatomes.1).contains(&d)
                        && r.side.is_none_or(|rs| rs == side)
                })
                .map(|(i, _)| paresthesia[i])
                .fold(0.0, f64::max);
            out.push(Lamina {
                dermatome: d,
                side,
                inner_mm: half_width * caudal / total,
                outer_mm: half_width * (caudal + w) / total,
                recruited,
            });
            caudal += w;
        }
    }
    out
}

/// Dorsal-root recruitment per side: the highest root recruitment on a side where the
/// roots give a band (the band's own side when only one side's roots fire).
fn root_recruitment(view: &View) -> [f64; 2] {
    let p = &view.response.perception;
    let mut out = [0.0; 2];
    for &r in &p.band_regions {
        for side in anatomy::region_sides(&REGIONS[r]) {
            if p.band_side.is_none_or(|one| one == *side) {
                out[side.index()] = p.root_recruitment;
            }
        }
    }
    out
}

/// Where section millimetres fall on the screen.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    /// The picture.
    pub rect: Rect,
    /// Screen points per millimetre.
    pub px_per_mm: f32,
}

impl Frame {
    /// [`SPAN_MM`] across and [`DEPTH_MM`] down `rect`, the same scale both ways.
    pub fn new(rect: Rect) -> Frame {
        Frame {
            rect,
            px_per_mm: (rect.width() / SPAN_MM).min(rect.height() / DEPTH_MM),
        }
    }

    /// Screen x of lateral position `x_mm`.
    pub fn x(&self, x_mm: f64) -> f32 {
        self.rect.center().x + x_mm as f32 * self.px_per_mm
    }

    /// Screen y of depth `y_mm`.
    pub fn y(&self, y_mm: f64) -> f32 {
        self.rect.top() + (ABOVE_DURA_MM + y_mm as f32) * self.px_per_mm
    }

    /// Screen position of (x, y) mm.
    pub fn pos(&self, x_mm: f64, y_mm: f64) -> Pos2 {
        pos2(self.x(x_mm), self.y(y_mm))
    }

    /// A length in mm on screen.
    pub fn len(&self, mm: f64) -> f32 {
        mm as f32 * self.px_per_mm
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library;
    use crate::patient::anatomy::Posture;
    use crate::session::Role;
    use egui::vec2;

    fn session(id: &str) -> Session {
        let (patient, device) = library::find(id).expect("a built-in patient");
        Session::new(patient, device, Role::Patient, 1)
    }

    fn frame() -> Frame {
        Frame::new(Rect::from_min_size(pos2(0.0, 0.0), vec2(320.0, 320.0)))
    }

    #[test]
    fn toms_lead_is_drawn_left_of_the_midline_by_several_pixels() {
        let s = session("radiculopathy");
        let sec = Section::of(&s, &s.view()).expect("a lead");
        let f = frame();
        let lead_x = f.x(sec.leads[0].lateral_mm);
        assert!((sec.leads[0].lateral_mm + 1.0).abs() < 1e-9);
        assert!(
            lead_x < f.x(0.0) - 8.0,
            "1 mm left is {} px",
            f.x(0.0) - lead_x
        );
        assert!(sec.at_cathode && sec.vertebra.starts_with('T'), "{sec:?}");
    }

    #[test]
    fn posture_changes_the_drawn_csf_thickness() {
        let mut s = session("radiculopathy");
        let f = frame();
        let mut drawn = |posture: Posture| {
            s.patient.posture = posture;
            let sec = Section::of(&s, &s.view()).expect("a lead");
            f.y(sec.cord_surface_mm(0.0)) - f.y(0.0)
        };
        let (supine, standing, prone) = (
            drawn(Posture::Supine),
            drawn(Posture::Standing),
            drawn(Posture::Prone),
        );
        assert!(standing > supine + 3.0, "{supine} → {standing} px");
        assert!(prone > standing + 10.0, "{standing} → {prone} px");
    }

    #[test]
    fn the_columns_put_caudal_fibres_medial_and_cathodes_make_the_field_negative() {
        let mut s = session("radiculopathy");
        s.apply(crate::session::RemoteKey::TherapyOn)
            .expect("therapy on");
        let mut sec = Section::of(&s, &s.view()).expect("a lead");
        let right: Vec<&Lamina> = sec
            .laminae
            .iter()
            .filter(|l| l.side == Side::Right)
            .collect();
        assert!(right[0].dermatome > right[right.len() - 1].dermatome);
        assert!(right[0].inner_mm < right[1].inner_mm);
        sec.amplitude_ma = 5.0;
        let lead = sec.leads[0].lateral_mm;
        assert!(sec.potential(lead, 0.0) < 0.0, "negative under the cathode");
    }
}
