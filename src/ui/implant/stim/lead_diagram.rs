//! The programmer's lead diagram, as tablet programmers draw it: an anterior-posterior view
//! of the leads over the vertebrae, each lead at its true level and lateral offset, big
//! contacts to tap (off → − → +), and steering arrows beside it.

use crate::device::Device;
use crate::device::impedance::Impedances;
use crate::device::lead::{
    CONTACT_PITCH_MM, CONTACTS_PER_LEAD, Placement, Polarity, Vertebra, contact_z_mm,
};
use crate::patient::anatomy::vertebra_top_mm;
use crate::session::ProgrammerEdit;
use crate::session::steering::{Steer, SteerProblem, cathodic_shares, steer};
use crate::ui::prefs::Palette;
use crate::ui::request::Shared;
use egui::{
    Align2, Color32, CornerRadius, FontId, Painter, Pos2, Rect, Sense, Stroke, Ui, WidgetInfo,
    pos2, vec2,
};

/// Side of a contact on screen, px (at zoom 1).
const CONTACT_PX: f32 = 30.0;
/// Screen pixels per millimetre down the canal: neighbouring contacts 34 px apart.
const PX_PER_MM: f32 = 34.0 / CONTACT_PITCH_MM as f32;
/// Screen pixels per millimetre across the canal (wider than true, so that two leads a
/// few millimetres apart are two columns of big contacts).
const PX_PER_LATERAL_MM: f32 = 22.0;
/// Size of the diagram, px.
const DIAGRAM: egui::Vec2 = egui::Vec2::new(250.0, 320.0);

/// What the diagram asks for this frame.
pub enum DiagramAction {
    /// A programmer edit to send.
    Edit(ProgrammerEdit),
    /// A steering step that cannot be taken, and why.
    Problem(SteerProblem),
}

/// Draws the diagram with the steering arrows under it; `show_faults` marks faulty
/// contacts (after an impedance check). Returns what was tapped.
pub fn lead_diagram_ui(
    ui: &mut Ui,
    shared: &Shared<'_>,
    show_faults: bool,
) -> Option<DiagramAction> {
    let tapped = diagram(ui, shared, show_faults);
    arrows(ui, shared).or(tapped)
}

/// Where the diagram's millimetres down the canal go on screen.
struct Span {
    rect: Rect,
    /// The top of the span shown, mm down the canal.
    top_mm: f64,
    /// The canal's midline, px.
    cx: f32,
}

impl Span {
    /// The span of the contacts of leads at `placements` with a margin, in `rect`.
    fn of(rect: Rect, placements: &[Placement]) -> Span {
        let tops: Vec<f64> = placements
            .iter()
            .map(|pl| contact_z_mm(pl.level, 0))
            .collect();
        Span {
            rect,
            top_mm: tops.iter().copied().fold(f64::INFINITY, f64::min) - 12.0,
            cx: rect.center().x + 14.0,
        }
    }

    /// The screen height of `z_mm` down the canal.
    fn y(&self, z_mm: f64) -> f32 {
        self.rect.top() + 12.0 + ((z_mm - self.top_mm) as f32) * PX_PER_MM
    }
}

/// Vertebrae, leads and contacts.
fn diagram(ui: &mut Ui, shared: &Shared<'_>, show_faults: bool) -> Option<DiagramAction> {
    let d = shared.session.device()?;
    let (rect, _) = ui.allocate_exact_size(DIAGRAM, Sense::hover());
    let p = ui.painter_at(rect);
    let dark = ui.visuals().dark_mode;
    p.rect_filled(
        rect,
        CornerRadius::same(8),
        if dark {
            Color32::from_gray(24)
        } else {
            Color32::from_gray(235)
        },
    );
    let placements = drawn_placements(d);
    let span = Span::of(rect, &placements);
    if crate::implant::stim::site::at_nerves(d) {
        nerve_ui(&p, &span, d);
    } else {
        vertebrae_ui(ui, &p, &span, dark);
    }
    let mut action = None;
    for (lead, placement) in placements.iter().enumerate() {
        let faults = show_faults.then_some(&d.impedances);
        let this = (d, lead, placement);
        action = lead_ui(ui, &p, &span, this, faults, &shared.palette).or(action);
    }
    action
}

/// Where each lead is drawn: at its level and offset on the spine, or, for leads at a
/// nerve (no vertebrae to lie on), side by side in the same span.
fn drawn_placements(d: &Device) -> Vec<Placement> {
    if !crate::implant::stim::site::at_nerves(d) {
        return d.placements.clone();
    }
    let n = d.nerve_leads.len() as f64;
    let Some(level) = Vertebra::from_index(0) else {
        return Vec::new();
    };
    (0..d.nerve_leads.len())
        .map(|i| Placement {
            level,
            lateral_mm: 3.0 * (2.0 * i as f64 - (n - 1.0)),
        })
        .collect()
}

/// The nerve a lead lies at, as a band across the diagram: its name on the left, the
/// lead's distance from it on the right.
fn nerve_ui(p: &Painter, span: &Span, d: &Device) {
    let Some(lead) = d.nerve_leads.first() else {
        return;
    };
    let rect = span.rect;
    let y = rect.center().y - 20.0;
    let band = Rect::from_min_max(
        pos2(rect.left() + 6.0, y - 14.0),
        pos2(rect.right() - 6.0, y + 14.0),
    );
    p.rect_filled(
        band,
        CornerRadius::same(14),
        Color32::from_rgb(0xE8, 0xC8, 0x90),
    );
    let ink = Color32::from_gray(20);
    let font = FontId::proportional(13.0);
    let name = format!("{} nerve", lead.site.nerve.name());
    let left = pos2(band.left() + 8.0, y);
    p.text(left, Align2::LEFT_CENTER, name, font.clone(), ink);
    let away = format!("{:.1} mm", lead.site.distance_mm);
    p.text(
        pos2(band.right() - 8.0, y),
        Align2::RIGHT_CENTER,
        away,
        font,
        ink,
    );
}

/// The vertebral bodies in the span, labelled on the left.
fn vertebrae_ui(ui: &Ui, p: &Painter, span: &Span, dark: bool) {
    let (rect, cx) = (span.rect, span.cx);
    let bone = if dark {
        Color32::from_gray(58)
    } else {
        Color32::from_gray(200)
    };
    for v in 0..Vertebra::COUNT {
        let (a, b) = (vertebra_top_mm(v), vertebra_top_mm(v + 1));
        let (ya, yb) = (span.y(a), span.y(b));
        if yb < rect.top() || ya > rect.bottom() {
            continue;
        }
        let body = Rect::from_min_max(pos2(cx - 80.0, ya + 3.0), pos2(cx + 80.0, yb - 3.0));
        p.rect_filled(body, CornerRadius::same(10), bone);
        if let Some(vert) = Vertebra::from_index(v) {
            p.text(
                pos2(rect.left() + 6.0, (ya + yb) / 2.0),
                Align2::LEFT_CENTER,
                vert.name(),
                FontId::proportional(14.0),
                ui.visuals().text_color(),
            );
        }
    }
}

/// Lead `lead` of `d` at its level and lateral offset, its contacts to tap (faulty ones
/// marked when `faults` are shown) and its name; returns what was tapped.
fn lead_ui(
    ui: &mut Ui,
    p: &Painter,
    span: &Span,
    (d, lead, placement): (&Device, usize, &Placement),
    faults: Option<&Impedances>,
    palette: &Palette,
) -> Option<DiagramAction> {
    let program = d.program();
    let shares = program.electrodes.active();
    let dark = ui.visuals().dark_mode;
    let x = span.cx + (placement.lateral_mm as f32 * PX_PER_LATERAL_MM).clamp(-90.0, 90.0);
    let z0 = contact_z_mm(placement.level, 0);
    p.line_segment(
        [pos2(x, span.y(z0) - 18.0), pos2(x, span.rect.bottom())],
        Stroke::new(10.0, Color32::from_gray(if dark { 120 } else { 150 })),
    );
    let mut action = None;
    // A lead at a nerve may have a single contact (a percutaneous coiled lead).
    let contacts = d
        .nerve_leads
        .get(lead)
        .map_or(CONTACTS_PER_LEAD, |n| n.model.contacts());
    for k in 0..contacts {
        let centre = pos2(x, span.y(contact_z_mm(placement.level, k)));
        let polarity = program
            .electrodes
            .leads
            .get(lead)
            .map_or(Polarity::Off, |l| l[k]);
        let fault = faults.is_some_and(|z| z.fault(lead, k).is_some());
        let share = shares
            .iter()
            .find(|c| c.lead == lead && c.contact == k)
            .map(|c| c.fraction);
        if contact_ui(ui, centre, lead, k, polarity, fault, share, palette) {
            action = Some(DiagramAction::Edit(ProgrammerEdit::SetContact {
                lead,
                contact: k,
                polarity: polarity.cycled(),
            }));
        }
    }
    p.text(
        pos2(x, span.rect.top() + 2.0),
        Align2::CENTER_TOP,
        format!("L{}", lead + 1),
        FontId::proportional(13.0),
        ui.visuals().text_color(),
    );
    action
}

/// One contact: a rounded square with its polarity symbol; true when tapped.
#[allow(clippy::too_many_arguments)]
fn contact_ui(
    ui: &mut Ui,
    centre: Pos2,
    lead: usize,
    k: usize,
    polarity: Polarity,
    fault: bool,
    share: Option<f64>,
    palette: &Palette,
) -> bool {
    let rect = Rect::from_center_size(centre, egui::Vec2::splat(CONTACT_PX));
    let label = format!("Lead {} contact {k}", lead + 1);
    let id = ui.scope_id().with(("contact", lead, k));
    let r = ui.interact(rect, id, Sense::click());
    let words = if fault {
        "faulty".to_string()
    } else {
        polarity.words().to_string()
    };
    let hover = format!("{label}: {words}. Tap: off → − → +");
    let r = r.on_hover_text(hover);
    r.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
    let (text, fill) = match (fault, polarity) {
        (true, _) => ("X", palette.pain.gamma_multiply(0.6)),
        (false, Polarity::Cathode) => ("−", palette.cathode),
        (false, Polarity::Anode) => ("+", palette.anode),
        (false, Polarity::Off) => ("", Color32::from_gray(95)),
    };
    let p = ui.painter();
    p.rect(
        rect,
        CornerRadius::same(6),
        fill,
        Stroke::new(
            if r.hovered() { 2.5 } else { 1.0 },
            Color32::from_gray(if r.hovered() { 250 } else { 30 }),
        ),
        egui::StrokeKind::Inside,
    );
    p.text(
        centre,
        Align2::CENTER_CENTER,
        text,
        FontId::proportional(22.0),
        Color32::WHITE,
    );
    if let Some(f) = share.filter(|f| *f < 0.995) {
        let side = if lead == 0 { -1.0 } else { 1.0 };
        p.text(
            centre + vec2(side * (CONTACT_PX / 2.0 + 3.0), 0.0),
            if lead == 0 {
                Align2::RIGHT_CENTER
            } else {
                Align2::LEFT_CENTER
            },
            format!("{:.0}%", f * 100.0),
            FontId::proportional(12.0),
            ui.visuals().text_color(),
        );
    }
    if r.has_focus() {
        p.rect_stroke(
            rect.expand(3.0),
            CornerRadius::same(8),
            Stroke::new(2.0, palette.tingling),
            egui::StrokeKind::Outside,
        );
    }
    r.clicked()
}

/// The four steering arrows in a row and the cathodic share of each lead.
fn arrows(ui: &mut Ui, shared: &Shared<'_>) -> Option<DiagramAction> {
    let d = shared.session.device()?;
    let e = &d.program().electrodes;
    let lateral: Vec<f64> = d.placements.iter().map(|p| p.lateral_mm).collect();
    let mut action = None;
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(4.0 * 44.0, 40.0), Sense::hover());
        for (i, (dir, towards)) in [
            (Steer::Left, vec2(-1.0, 0.0)),
            (Steer::Up, vec2(0.0, -1.0)),
            (Steer::Down, vec2(0.0, 1.0)),
            (Steer::Right, vec2(1.0, 0.0)),
        ]
        .into_iter()
        .enumerate()
        {
            let centre = rect.left_center() + vec2(22.0 + 44.0 * i as f32, 0.0);
            if arrow_ui(ui, centre, dir, towards) {
                action = Some(match steer(e, &lateral, dir) {
                    Ok(edit) => DiagramAction::Edit(edit),
                    Err(problem) => DiagramAction::Problem(problem),
                });
            }
        }
        let shares = cathodic_shares(e);
        ui.vertical(|ui| {
            ui.small("Steer");
            if shares.len() == 2 {
                ui.small(format!("− {:.0}% | {:.0}%", shares[0], shares[1]));
            }
        });
    });
    action
}

/// One triangular arrow key; true when tapped.
fn arrow_ui(ui: &mut Ui, centre: Pos2, dir: Steer, towards: egui::Vec2) -> bool {
    let rect = Rect::from_center_size(centre, egui::Vec2::splat(38.0));
    let r = ui.interact(rect, ui.scope_id().with(dir.words()), Sense::click());
    let r = r.on_hover_text(dir.words());
    r.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, dir.words()));
    let p = ui.painter();
    let fill = if r.hovered() {
        ui.visuals().widgets.hovered.bg_fill
    } else {
        ui.visuals().widgets.inactive.bg_fill
    };
    p.rect_filled(rect, CornerRadius::same(8), fill);
    let n = towards.normalized() * 12.0;
    let side = vec2(-n.y, n.x) * 0.9;
    let tip = centre + n;
    let ink = ui.visuals().strong_text_color();
    p.add(egui::Shape::convex_polygon(
        vec![tip, centre - n * 0.6 + side, centre - n * 0.6 - side],
        ink,
        Stroke::NONE,
    ));
    r.clicked()
}
