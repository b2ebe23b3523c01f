//! The patient's body, front and back, as an anatomical figure: pain hatched (warm),
//! tingling dotted (cool), one polygon per region of the model; an optional dermatome
//! overlay; hovering names the region in words next to the pointer.
//!
//! Drawn with few shapes: per view one mesh of fills, one of hatching, one of dots, one
//! outline per shape.

use super::body_outline::{
    Part, Place, add_dot, dot_points, fill, hatch_segments, mirrored, parts, region_index,
    viewer_left,
};
use super::dermatomes::{SHARED_LABELS, bands};
use super::label::{label_box, text_on};
use super::paint::{add_segment, lerp_colour};
use crate::patient::anatomy::{DERMATOMES, REGIONS, Side};
use crate::session::view::View;
use crate::ui::prefs::Palette;
use egui::{Align2, Color32, FontId, Mesh, Painter, Pos2, Rect, Sense, Shape, Stroke, Ui, vec2};

/// One shape placed on screen with the region it shows.
struct Placed {
    poly: Vec<Pos2>,
    region: Option<usize>,
}

/// Both views' shapes on screen.
fn placed(place: Place, front: bool) -> Vec<Placed> {
    let mut out = Vec::new();
    for Part {
        region,
        points,
        paired,
    } in parts(front)
    {
        if paired {
            let near = viewer_left(front);
            let far = if near == Side::Left {
                Side::Right
            } else {
                Side::Left
            };
            for (pts, side) in [(points.clone(), near), (mirrored(&points), far)] {
                out.push(Placed {
                    poly: place.poly(&pts),
                    region: region.and_then(|b| region_index(b, Some(side))),
                });
            }
        } else {
            out.push(Placed {
                poly: place.poly(&points),
                region: region.and_then(|b| region_index(b, None)),
            });
        }
    }
    out
}

/// Draws both views with the dermatome overlay when `dermatomes` is set; hovering a
/// region names it, with its pain and tingling, next to the pointer.
pub fn body_map_ui(
    ui: &mut Ui,
    view: &View,
    pain: &[f64; REGIONS.len()],
    palette: &Palette,
    dermatomes: bool,
) {
    let avail = ui.available_size();
    let height = (avail.y - 8.0).clamp(200.0, 560.0);
    let (rect, response) = ui.allocate_exact_size(vec2(avail.x, height), Sense::hover());
    let fig = vec2((0.5 * height).min(0.5 * rect.width() - 12.0), height - 22.0);
    let gap = ((rect.width() - 2.0 * fig.x) / 3.0).max(4.0);
    let front = Rect::from_min_size(rect.min + vec2(gap, 20.0), fig);
    let back = Rect::from_min_size(front.right_top() + vec2(gap, 0.0), fig);
    let p = ui.painter_at(rect);
    let text = ui.visuals().text_color();
    let dark = ui.visuals().dark_mode;
    let mut hovered = None;
    for (r, is_front, title) in [(front, true, "Front"), (back, false, "Back")] {
        p.text(
            r.center_top() - vec2(0.0, 2.0),
            Align2::CENTER_BOTTOM,
            title,
            FontId::proportional(15.0),
            text,
        );
        let place = Place::fit(r);
        // The patient's sides, written beside the hands.
        let (near, far) = if is_front { ("R", "L") } else { ("L", "R") };
        for (x, side) in [(1.5, near), (48.5, far)] {
            p.text(
                place.pos((x, 50.0)),
                Align2::CENTER_CENTER,
                side,
                FontId::proportional(14.0),
                text,
            );
        }
        let shapes = placed(place, is_front);
        // A one-sided segmental band tingles on its own half of the trunk: the patient's
        // left lies on the viewer's right from the front, on the left from behind.
        let band = view
            .response
            .perception
            .band_side
            .map(|side| (place.pos((25.0, 50.0)).x, (side == Side::Left) == is_front));
        figure_ui(&p, &shapes, view, (pain, band), palette, dark);
        if dermatomes {
            dermatomes_ui(&p, place, is_front, dark);
        }
        if let Some(pos) = response.hover_pos()
            && let Some(s) = shapes
                .iter()
                .find(|s| super::body_outline::contains(&s.poly, pos))
        {
            hovered = s.region.map(|i| (i, pos));
        }
    }
    if let Some((i, pos)) = hovered {
        hover_label(ui, i, pos, view, pain);
    }
}

/// Fills (skin, pain tint, tingling tint) as one mesh, pain hatching as one mesh,
/// tingling dots as one mesh, then the outlines. With `band` (the figure's midline x, and
/// whether the band's side lies right of it) a trunk region that tingles from a one-sided
/// root band tingles on that half only.
fn figure_ui(
    p: &Painter,
    shapes: &[Placed],
    view: &View,
    (pain, band): (&[f64; REGIONS.len()], Option<(f32, bool)>),
    palette: &Palette,
    dark: bool,
) {
    let skin = if dark {
        Color32::from_gray(92)
    } else {
        Color32::from_gray(222)
    };
    let outline = if dark {
        Color32::from_gray(200)
    } else {
        Color32::from_gray(70)
    };
    let hatch_colour = lerp_colour(palette.pain, Color32::BLACK, 0.35);
    let (mut fills, mut hatch, mut dots) = (Mesh::default(), Mesh::default(), Mesh::default());
    for s in shapes {
        let (vas, tingle) = s.region.map_or((0.0, 0.0), |i| {
            (pain[i], view.response.perception.paresthesia[i] as f32)
        });
        let mut colour = skin;
        if vas > 0.0 {
            colour = lerp_colour(colour, palette.pain, 0.25 + 0.05 * vas as f32);
        }
        if vas > 0.0 {
            for [a, b] in hatch_segments(&s.poly, 6.0) {
                add_segment(&mut hatch, a, b, 1.4, hatch_colour);
            }
        }
        let one_sided = s.region.zip(band).filter(|(i, _)| {
            view.response.perception.band_regions.contains(i)
                && !REGIONS[*i].name.ends_with("_left")
                && !REGIONS[*i].name.ends_with("_right")
        });
        let tingling = match one_sided {
            Some((_, (mid, right))) => {
                fill(&mut fills, &s.poly, colour);
                half_plane(&s.poly, mid, right)
            }
            None => s.poly.clone(),
        };
        if tingle > 0.02 && tingling.len() >= 3 {
            colour = lerp_colour(colour, palette.tingling, 0.25 + 0.45 * tingle);
            let step = (11.0 - 6.0 * tingle).max(4.5);
            for c in dot_points(&tingling, step) {
                add_dot(&mut dots, c, 1.3, text_on(colour));
            }
        }
        if one_sided.is_none() || (tingle > 0.02 && tingling.len() >= 3) {
            fill(&mut fills, &tingling, colour);
        }
    }
    p.add(Shape::mesh(fills));
    p.add(Shape::mesh(hatch));
    p.add(Shape::mesh(dots));
    for s in shapes {
        p.add(Shape::closed_line(
            s.poly.clone(),
            Stroke::new(1.2, outline),
        ));
    }
}

/// The dermatome bands: outlines in one mesh, names in label boxes (one side only).
fn dermatomes_ui(p: &Painter, place: Place, front: bool, dark: bool) {
    let ink = if dark {
        Color32::from_rgb(0xE0, 0xC8, 0xFF)
    } else {
        Color32::from_rgb(0x5B, 0x2C, 0x8C)
    };
    let mut lines = Mesh::default();
    let mut outline = |pts: &[(f32, f32)]| {
        let poly = place.poly(pts);
        for i in 0..poly.len() {
            add_segment(&mut lines, poly[i], poly[(i + 1) % poly.len()], 1.3, ink);
        }
    };
    let all = bands(front);
    for b in &all {
        outline(&b.points);
        if b.paired {
            outline(&mirrored(&b.points));
        }
    }
    p.add(Shape::mesh(lines));
    for b in &all {
        if let Some(at) = b.label_at {
            label_box(p, place.pos(at), Align2::CENTER_CENTER, b.name, 10.0);
        }
    }
    for (name, at, _) in SHARED_LABELS {
        label_box(p, place.pos(at), Align2::CENTER_CENTER, name, 10.0);
    }
}

/// "right thigh: pain 4.5 now (6.0 before) · tingling 80% · L2–L4" beside the pointer.
fn hover_label(ui: &Ui, i: usize, pos: Pos2, view: &View, pain: &[f64; REGIONS.len()]) {
    let r = &REGIONS[i];
    let text = format!(
        "{}: pain {:.1} now ({:.1} before) · tingling {:.0}% · {}–{}",
        region_words(i),
        view.pain.regions[i],
        pain[i],
        100.0 * view.response.perception.paresthesia[i],
        DERMATOMES[r.dermatomes.0],
        DERMATOMES[r.dermatomes.1],
    );
    let layer = egui::LayerId::new(egui::Order::Tooltip, ui.scope_id().with("body-map-hover"));
    let painter = ui.ctx().layer_painter(layer);
    let screen = ui.ctx().content_rect();
    // Beside the pointer, flipped to its left near the right edge of the window.
    let align = if pos.x > screen.center().x {
        Align2::RIGHT_BOTTOM
    } else {
        Align2::LEFT_BOTTOM
    };
    let offset = if align == Align2::RIGHT_BOTTOM {
        vec2(-12.0, -8.0)
    } else {
        vec2(14.0, -8.0)
    };
    label_box(&painter, pos + offset, align, &text, 14.0);
}

/// A region in words without "my": "left calf".
pub fn region_words(r: usize) -> &'static str {
    REGIONS[r].words.trim_start_matches("my ")
}

/// The part of polygon `poly` right of `mid_x` (`keep_right`) or left of it
/// (Sutherland–Hodgman against one vertical line).
fn half_plane(poly: &[Pos2], mid_x: f32, keep_right: bool) -> Vec<Pos2> {
    let inside = |p: Pos2| (p.x >= mid_x) == keep_right;
    let mut out = Vec::with_capacity(poly.len() + 2);
    for (i, &a) in poly.iter().enumerate() {
        let b = poly[(i + 1) % poly.len()];
        if inside(a) {
            out.push(a);
        }
        if inside(a) != inside(b) {
            let t = (mid_x - a.x) / (b.x - a.x);
            out.push(egui::pos2(mid_x, a.y + t * (b.y - a.y)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::half_plane;
    use egui::pos2;

    /// A square cut down its middle keeps the half asked for, with the cut on the line.
    #[test]
    fn half_plane_keeps_one_side_of_the_line() {
        let square = [
            pos2(0.0, 0.0),
            pos2(10.0, 0.0),
            pos2(10.0, 10.0),
            pos2(0.0, 10.0),
        ];
        let right = half_plane(&square, 4.0, true);
        assert!(right.iter().all(|p| p.x >= 4.0));
        assert!(right.iter().any(|p| p.x == 10.0) && right.iter().any(|p| p.x == 4.0));
        let left = half_plane(&square, 4.0, false);
        assert!(left.iter().all(|p| p.x <= 4.0));
        assert_eq!(left.len(), 4);
        assert!(half_plane(&square, 20.0, true).is_empty());
    }
}
