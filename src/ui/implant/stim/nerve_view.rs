//! Cross-section of a peripheral nerve with its fascicles and the lead at its distance:
//! each fascicle lights up by fibre class as the present current recruits it (Aβ tingling,
//! Aδ pricking pain, Aα twitch). For the inside panel of a peripheral nerve stimulator.

use crate::patient::nerve::{FibreClass, NerveSite};
use crate::patient::nerve_activation::{NerveGroup, recruited};
use crate::session::Session;
use crate::ui::prefs::Palette;
use egui::{Align2, Color32, FontId, Painter, Pos2, Sense, Stroke, Ui, pos2, vec2};

/// Colours of the fibre classes (never the only cue: each has its own mark too).
struct Colours {
    abeta: Color32,
    adelta: Color32,
    motor: Color32,
    text: Color32,
    sheath: Color32,
}

/// Draws lead 1's nerve in cross-section with the lead above it, lit at the current now.
/// Draws nothing for a spinal cord stimulator.
pub fn nerve_view_ui(ui: &mut Ui, session: &Session, palette: &Palette) {
    let (Some(act), Some(lead)) = (
        session.nerve_activation(),
        session.device().and_then(|d| d.nerve_leads.first()),
    ) else {
        return;
    };
    let site = lead.site;
    let ma = session.instant_ma();
    let width = ui.available_width().clamp(200.0, 420.0);
    let (rect, _) = ui.allocate_exact_size(vec2(width, width * 0.9), Sense::hover());
    let p = ui.painter_at(rect);
    let text = ui.visuals().text_color();
    let c = Colours {
        abeta: palette.tingling,
        adelta: palette.pain,
        motor: palette.warning,
        text,
        sheath: text.gamma_multiply(0.6),
    };
    let radius = site.nerve.info().radius_mm as f32;
    // The nerve fills the lower part; the lead sits above it to scale when it is close,
    // behind a break mark when it is far.
    let nerve_r_px = rect.width() * 0.22;
    let px_per_mm = nerve_r_px / radius;
    let centre = pos2(rect.center().x, rect.bottom() - nerve_r_px - 34.0);
    let room = centre.y - nerve_r_px - rect.top() - 36.0;
    let gap_px = (site.distance_mm as f32 * px_per_mm).min(room);
    let broken = site.distance_mm as f32 * px_per_mm > room;
    let group = act
        .groups
        .iter()
        .find(|g| g.nerve == site.nerve && g.side == site.side);
    p.circle(
        centre,
        nerve_r_px,
        c.sheath.gamma_multiply(0.15),
        Stroke::new(2.0, c.sheath),
    );
    if let Some(g) = group {
        fascicles_ui(&p, g, (centre, px_per_mm, radius), ma, &c);
    }
    lead_ui(&p, &site, (centre, nerve_r_px, gap_px, broken), &c, palette);
    labels_ui(&p, rect, &site, group, ma, &c);
}

/// Each fascicle: Aβ fill, Aδ ring, motor fill, by their recruitment at `ma`.
fn fascicles_ui(
    p: &Painter,
    g: &NerveGroup,
    (centre, px_per_mm, radius): (Pos2, f32, f32),
    ma: f64,
    c: &Colours,
) {
    for (f, info) in g.nerve.info().fascicles.iter().enumerate() {
        let th = g.thresholds[f];
        let at = pos2(
            centre.x + info.x as f32 * radius * px_per_mm,
            centre.y - info.y as f32 * radius * px_per_mm,
        );
        let r = info.radius as f32 * radius * px_per_mm;
        let level = |class: FibreClass| recruited(ma, th[class.index()]) as f32;
        let outline = Stroke::new(1.0, c.text.gamma_multiply(0.5));
        if g.territory[f].is_empty() && g.motor[f] == 0.0 {
            // Left the nerve before this point.
            p.circle_stroke(at, r, Stroke::new(1.0, c.text.gamma_multiply(0.2)));
            continue;
        }
        if g.motor[f] > 0.0 {
            let m = level(FibreClass::AAlpha);
            p.circle(at, r, c.motor.gamma_multiply(0.1 + 0.85 * m), outline);
            // Motor axons marked with a cross.
            let d = r * 0.5;
            let s = Stroke::new(1.5, c.text.gamma_multiply(0.7));
            p.line_segment([at - vec2(d, d), at + vec2(d, d)], s);
            p.line_segment([at - vec2(d, -d), at + vec2(d, -d)], s);
        } else {
            let b = level(FibreClass::ABeta);
            p.circle(at, r, c.abeta.gamma_multiply(0.1 + 0.85 * b), outline);
            let d = level(FibreClass::ADelta);
            if d > 0.02 {
                p.circle_stroke(at, r + 2.0, Stroke::new(1.0 + 4.0 * d, c.adelta));
            }
        }
    }
}

/// The lead's contact above the nerve, with the distance labelled.
fn lead_ui(
    p: &Painter,
    site: &NerveSite,
    (centre, nerve_r_px, gap_px, broken): (Pos2, f32, f32, bool),
    c: &Colours,
    palette: &Palette,
) {
    let top = centre.y - nerve_r_px;
    let x = centre.x;
    let contact = pos2(x, top - gap_px.max(4.0) - 8.0);
    let dashed = Stroke::new(1.0, c.text.gamma_multiply(0.6));
    p.line_segment([pos2(x, top), pos2(x, contact.y + 8.0)], dashed);
    if broken {
        // A break mark: the distance is not to scale.
        let mid = (top + contact.y) / 2.0;
        for dy in [-3.0, 3.0] {
            p.line_segment(
                [pos2(x - 8.0, mid + dy + 3.0), pos2(x + 8.0, mid + dy - 3.0)],
                Stroke::new(1.5, c.text),
            );
        }
    }
    p.circle(contact, 8.0, palette.cathode, Stroke::new(1.0, c.text));
    p.text(
        contact,
        Align2::CENTER_CENTER,
        "−",
        FontId::proportional(13.0),
        Color32::WHITE,
    );
    let words = if site.intraneural() {
        "inside the nerve".to_string()
    } else {
        format!("{:.1} mm", site.distance_mm)
    };
    p.text(
        pos2(x + 12.0, (top + contact.y) / 2.0),
        Align2::LEFT_CENTER,
        words,
        FontId::proportional(13.0),
        c.text,
    );
}

/// Name, current and each class's recruitment, with a legend.
fn labels_ui(
    p: &Painter,
    rect: egui::Rect,
    site: &NerveSite,
    group: Option<&NerveGroup>,
    ma: f64,
    c: &Colours,
) {
    p.text(
        rect.left_top() + vec2(4.0, 2.0),
        Align2::LEFT_TOP,
        format!("{} {} · {ma:.1} mA", site.side.name(), site.nerve),
        FontId::proportional(14.0),
        c.text,
    );
    let reading = group.map(|g| g.reading(ma)).unwrap_or_default();
    let legend = [
        (FibreClass::ABeta, "tingling", c.abeta),
        (FibreClass::ADelta, "pricking", c.adelta),
        (FibreClass::AAlpha, "twitch ×", c.motor),
    ];
    for (i, (class, what, colour)) in legend.into_iter().enumerate() {
        let y = rect.bottom() - 10.0;
        let x = rect.left() + 4.0 + i as f32 * rect.width() / 3.0;
        p.circle_filled(pos2(x + 5.0, y), 5.0, colour);
        p.text(
            pos2(x + 14.0, y),
            Align2::LEFT_CENTER,
            format!(
                "{} {what} {:.0}%",
                class.name(),
                100.0 * reading.classes[class.index()]
            ),
            FontId::proportional(12.0),
            c.text,
        );
    }
}
