//! The body drawn as an anatomical figure, front and back: head, neck, trunk, arms, hands,
//! legs and feet as painter paths, one polygon per region of the model.
//!
//! Figure coordinates: 50 wide × 100 tall, the midline at x = 25. Paired shapes are given
//! for the viewer's left and mirrored. In the back view the viewer's left is the patient's
//! left; in the front view it is the patient's right.

use crate::patient::anatomy::{REGIONS, Side};
use egui::{Color32, Mesh, Pos2, Rect, pos2};

/// A point of the figure.
pub type Pt = (f32, f32);

/// Figure width (height is 100).
pub const FIGURE_W: f32 = 50.0;

/// A point on the head's outline at angle `a` (0 = the viewer's right, π/2 = the chin).
fn head_at(a: f32) -> Pt {
    (25.0 + 5.2 * a.cos(), 6.8 + 6.2 * a.sin())
}

/// The lower half of the head (the face in front, the occiput and nape behind).
fn head_lower() -> Vec<Pt> {
    (0..=10)
        .map(|i| head_at(i as f32 / 10.0 * std::f32::consts::PI))
        .collect()
}

/// The upper quarter of the head on the viewer's left (forehead in front, scalp behind):
/// where the supraorbital and greater occipital nerves are felt.
fn head_upper_left() -> Vec<Pt> {
    let pi = std::f32::consts::PI;
    let mut out: Vec<Pt> = (0..=5)
        .map(|i| head_at(pi + i as f32 / 5.0 * pi / 2.0))
        .collect();
    out.push((25.0, 6.8));
    out
}

const NECK: &[Pt] = &[(22.6, 12.2), (27.4, 12.2), (28.0, 17.2), (22.0, 17.2)];
const SHOULDER: &[Pt] = &[
    (19.0, 17.2),
    (15.0, 17.6),
    (12.4, 19.2),
    (11.5, 22.0),
    (11.5, 24.5),
    (15.6, 24.5),
    (16.2, 21.0),
];
const UPPER_TRUNK: &[Pt] = &[
    (19.0, 17.2),
    (22.0, 17.2),
    (28.0, 17.2),
    (31.0, 17.2),
    (33.8, 21.0),
    (34.4, 24.5),
    (34.4, 33.0),
    (15.6, 33.0),
    (15.6, 24.5),
    (16.2, 21.0),
];
const LOWER_TRUNK: &[Pt] = &[
    (15.6, 33.0),
    (34.4, 33.0),
    (33.6, 38.0),
    (34.2, 44.0),
    (15.8, 44.0),
    (16.4, 38.0),
];
const PERINEUM: &[Pt] = &[(23.2, 44.0), (26.8, 44.0), (25.9, 49.5), (24.1, 49.5)];
const BUTTOCK: &[Pt] = &[
    (15.8, 44.0),
    (25.0, 44.0),
    (25.0, 51.0),
    (23.8, 53.0),
    (19.0, 53.4),
    (15.6, 51.5),
];
const THIGH_FRONT: &[Pt] = &[
    (15.8, 44.0),
    (23.2, 44.0),
    (24.1, 49.5),
    (24.3, 53.0),
    (23.2, 70.0),
    (17.6, 70.0),
    (15.3, 52.0),
];
const THIGH_BACK: &[Pt] = &[
    (15.6, 51.5),
    (19.0, 53.4),
    (23.8, 53.0),
    (24.3, 53.0),
    (23.2, 70.0),
    (17.6, 70.0),
];
const LOWER_LEG: &[Pt] = &[
    (17.6, 70.5),
    (23.2, 70.5),
    (22.8, 78.0),
    (22.0, 89.0),
    (19.2, 89.0),
    (17.8, 78.0),
];
const FOOT_FRONT: &[Pt] = &[
    (19.2, 89.5),
    (22.0, 89.5),
    (22.6, 94.0),
    (22.4, 97.0),
    (17.4, 97.0),
    (17.6, 94.0),
];
const FOOT_BACK: &[Pt] = &[
    (19.2, 89.5),
    (22.0, 89.5),
    (22.2, 95.0),
    (21.0, 97.0),
    (19.8, 97.0),
    (19.0, 95.0),
];
const ARM: &[Pt] = &[
    (11.5, 24.5),
    (15.4, 24.5),
    (14.8, 30.0),
    (13.8, 36.0),
    (9.6, 36.0),
    (10.6, 30.0),
];
const FOREARM: &[Pt] = &[
    (9.6, 36.5),
    (13.8, 36.5),
    (12.8, 44.0),
    (11.6, 50.0),
    (8.4, 50.0),
    (8.6, 44.0),
];
const HAND: &[Pt] = &[
    (8.4, 50.5),
    (11.6, 50.5),
    (12.2, 53.0),
    (11.6, 57.5),
    (10.0, 59.0),
    (8.2, 58.0),
    (7.4, 54.0),
];

/// One drawn shape: its polygon on the viewer's left (or the midline) and the model
/// region it shows in each view (`None`: skin without a region).
pub struct Part {
    /// Region base name (`thigh`, `chest`), or `None` for unmapped skin (the face).
    pub region: Option<&'static str>,
    /// The polygon.
    pub points: Vec<Pt>,
    /// Paired: drawn on both sides (mirrored).
    pub paired: bool,
}

fn part(region: Option<&'static str>, points: &[Pt], paired: bool) -> Part {
    Part {
        region,
        points: points.to_vec(),
        paired,
    }
}

/// Every shape of one view.
pub fn parts(front: bool) -> Vec<Part> {
    let mut out = vec![
        Part {
            region: if front { None } else { Some("head_back") },
            points: head_lower(),
            paired: false,
        },
        Part {
            region: Some(if front { "forehead" } else { "scalp" }),
            points: head_upper_left(),
            paired: true,
        },
        part(Some("neck"), NECK, false),
        part(Some("shoulder"), SHOULDER, true),
        part(Some("arm"), ARM, true),
        part(Some("forearm"), FOREARM, true),
        part(Some("hand"), HAND, true),
        part(Some("lower_leg"), LOWER_LEG, true),
    ];
    if front {
        out.extend([
            part(Some("chest"), UPPER_TRUNK, false),
            part(Some("abdomen"), LOWER_TRUNK, false),
            part(Some("thigh"), THIGH_FRONT, true),
            part(Some("perineum"), PERINEUM, false),
            part(Some("foot"), FOOT_FRONT, true),
        ]);
    } else {
        out.extend([
            part(Some("upper_back"), UPPER_TRUNK, false),
            part(Some("low_back"), LOWER_TRUNK, false),
            part(Some("buttock"), BUTTOCK, true),
            part(Some("thigh"), THIGH_BACK, true),
            part(Some("foot"), FOOT_BACK, true),
        ]);
    }
    out
}

/// The patient's side drawn on the viewer's left in this view.
pub fn viewer_left(front: bool) -> Side {
    if front { Side::Right } else { Side::Left }
}

/// The model region of `base` on `side` (`None` side: a midline region).
pub fn region_index(base: &str, side: Option<Side>) -> Option<usize> {
    REGIONS.iter().position(|r| match side {
        Some(s) => r.name.strip_prefix(base).and_then(|t| t.strip_prefix('_')) == Some(s.name()),
        None => r.name == base,
    })
}

/// Mirrors a polygon across the midline.
pub fn mirrored(points: &[Pt]) -> Vec<Pt> {
    points.iter().map(|&(x, y)| (FIGURE_W - x, y)).collect()
}

/// Where figure coordinates fall on the screen.
#[derive(Clone, Copy, Debug)]
pub struct Place {
    /// Screen position of the figure's (0, 0).
    pub origin: Pos2,
    /// Points per figure unit.
    pub scale: f32,
}

impl Place {
    /// The largest figure that fits `rect`, centred.
    pub fn fit(rect: Rect) -> Place {
        let scale = (rect.width() / FIGURE_W).min(rect.height() / 100.0);
        let origin = pos2(
            rect.center().x - 0.5 * FIGURE_W * scale,
            rect.top() + 0.5 * (rect.height() - 100.0 * scale),
        );
        Place { origin, scale }
    }

    /// Screen position of a figure point.
    pub fn pos(&self, p: Pt) -> Pos2 {
        pos2(
            self.origin.x + p.0 * self.scale,
            self.origin.y + p.1 * self.scale,
        )
    }

    /// A polygon on screen.
    pub fn poly(&self, points: &[Pt]) -> Vec<Pos2> {
        points.iter().map(|&p| self.pos(p)).collect()
    }
}

/// Adds a filled polygon to `mesh` as a fan from its centroid (every shape here is
/// star-shaped around it).
pub fn fill(mesh: &mut Mesh, poly: &[Pos2], colour: Color32) {
    if poly.len() < 3 {
        return;
    }
    let n = poly.len() as f32;
    let c = pos2(
        poly.iter().map(|p| p.x).sum::<f32>() / n,
        poly.iter().map(|p| p.y).sum::<f32>() / n,
    );
    let base = mesh.vertices.len() as u32;
    mesh.colored_vertex(c, colour);
    for p in poly {
        mesh.colored_vertex(*p, colour);
    }
    let k = poly.len() as u32;
    for i in 0..k {
        mesh.add_triangle(base, base + 1 + i, base + 1 + (i + 1) % k);
    }
}

/// Whether `p` lies inside `poly` (even-odd rule).
pub fn contains(poly: &[Pos2], p: Pos2) -> bool {
    let mut inside = false;
    let n = poly.len();
    for i in 0..n {
        let (a, b) = (poly[i], poly[(i + n - 1) % n]);
        if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
            inside = !inside;
        }
    }
    inside
}

/// Diagonal hatching clipped to `poly`: the segments (each line cut where it crosses the
/// polygon's edges), `step` apart.
pub fn hatch_segments(poly: &[Pos2], step: f32) -> Vec<[Pos2; 2]> {
    let Some(bounds) = bounds(poly) else {
        return Vec::new();
    };
    // Lines x − y = c, from the bottom-left corner's c to the top-right one's.
    let (c0, c1) = (
        bounds.left() - bounds.bottom(),
        bounds.right() - bounds.top(),
    );
    let mut out = Vec::new();
    let mut c = c0 + 0.5 * step;
    let n = poly.len();
    while c < c1 {
        // Parametrise the line by y: x = y + c. Cut with every edge.
        let mut ys: Vec<f32> = Vec::new();
        for i in 0..n {
            let (a, b) = (poly[i], poly[(i + 1) % n]);
            let fa = a.x - a.y - c;
            let fb = b.x - b.y - c;
            if (fa < 0.0) != (fb < 0.0) {
                let t = fa / (fa - fb);
                ys.push(a.y + t * (b.y - a.y));
            }
        }
        ys.sort_by(f32::total_cmp);
        for pair in ys.chunks_exact(2) {
            out.push([pos2(pair[0] + c, pair[0]), pos2(pair[1] + c, pair[1])]);
        }
        c += step;
    }
    out
}

/// Grid points inside `poly`, `step` apart, every other row offset.
pub fn dot_points(poly: &[Pos2], step: f32) -> Vec<Pos2> {
    let Some(b) = bounds(poly) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut y = b.top() + 0.5 * step;
    let mut row = 0;
    while y < b.bottom() {
        let mut x = b.left() + if row % 2 == 0 { 0.5 } else { 1.0 } * step;
        while x < b.right() {
            let p = pos2(x, y);
            if contains(poly, p) {
                out.push(p);
            }
            x += step;
        }
        y += step;
        row += 1;
    }
    out
}

fn bounds(poly: &[Pos2]) -> Option<Rect> {
    let first = poly.first()?;
    Some(
        poly.iter()
            .fold(Rect::from_min_max(*first, *first), |r, p| {
                r.union(Rect::from_min_max(*p, *p))
            }),
    )
}

/// A small square dot in `mesh`.
pub fn add_dot(mesh: &mut Mesh, c: Pos2, r: f32, colour: Color32) {
    mesh.add_colored_rect(
        Rect::from_center_size(c, egui::vec2(2.0 * r, 2.0 * r)),
        colour,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_has_a_shape_in_some_view() {
        for (i, r) in REGIONS.iter().enumerate() {
            let found = [true, false].iter().any(|&front| {
                parts(front).iter().any(|p| {
                    let Some(base) = p.region else { return false };
                    if p.paired {
                        Side::BOTH
                            .iter()
                            .any(|&s| region_index(base, Some(s)) == Some(i))
                    } else {
                        region_index(base, None) == Some(i)
                    }
                })
            });
            assert!(found, "{} has no shape", r.name);
        }
    }

    #[test]
    fn hatching_and_dots_stay_inside_the_shape() {
        let place = Place::fit(Rect::from_min_size(
            pos2(0.0, 0.0),
            egui::vec2(200.0, 400.0),
        ));
        let poly = place.poly(THIGH_FRONT);
        let segs = hatch_segments(&poly, 6.0);
        assert!(segs.len() > 5);
        for [a, b] in segs {
            assert!(contains(&poly, a + (b - a) * 0.5));
        }
        assert!(dot_points(&poly, 6.0).iter().all(|p| contains(&poly, *p)));
    }
}
