//! Painting tools the pictures share: one colour moved toward another, and a thick line
//! segment added to a mesh (many segments, one shape).

use egui::{Color32, Mesh, Pos2, vec2};

/// `a` moved toward `b` by `t` (0..1).
pub fn lerp_colour(a: Color32, b: Color32, t: f32) -> Color32 {
    let t = t.clamp(0.0, 1.0);
    let m = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
    Color32::from_rgb(m(a.r(), b.r()), m(a.g(), b.g()), m(a.b(), b.b()))
}

/// A line segment as two triangles of `mesh`.
pub fn add_segment(mesh: &mut Mesh, a: Pos2, b: Pos2, width: f32, colour: Color32) {
    let d = b - a;
    let len = d.length();
    if len < 1e-3 {
        return;
    }
    let n = vec2(-d.y, d.x) / len * (0.5 * width);
    let idx = mesh.vertices.len() as u32;
    for q in [a + n, b + n, b - n, a - n] {
        mesh.colored_vertex(q, colour);
    }
    mesh.add_triangle(idx, idx + 1, idx + 2);
    mesh.add_triangle(idx, idx + 2, idx + 3);
}
