//! The dermatome overlay of the body map: C2–S2 bands as outlines with their names
//! (approximate, after the usual textbook maps), in figure coordinates of
//! [`super::body_outline`], for the viewer's left side (mirrored for the other).

use super::body_outline::Pt;

/// One band: its name, its outline, whether it is mirrored to the other side, and whether
/// it is labelled (small zones share a label).
pub struct Band {
    /// Dermatome name, e.g. "T10".
    pub name: &'static str,
    /// Outline.
    pub points: Vec<Pt>,
    /// Drawn on both sides.
    pub paired: bool,
    /// Where its name goes, if it is written.
    pub label_at: Option<Pt>,
}

fn band(name: &'static str, points: &[Pt], paired: bool, label: bool) -> Band {
    let n = points.len() as f32;
    let c = (
        points.iter().map(|p| p.0).sum::<f32>() / n,
        points.iter().map(|p| p.1).sum::<f32>() / n,
    );
    Band {
        name,
        points: points.to_vec(),
        paired,
        label_at: label.then_some(c),
    }
}

/// Trunk bands T2…T12 (and L1 on the front) between `top` and `bottom`.
fn trunk(top: f32, bottom: f32, with_l1: bool) -> Vec<Band> {
    const NAMES: [&str; 12] = [
        "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "L1",
    ];
    let n = if with_l1 { 12 } else { 11 };
    let h = (bottom - top) / n as f32;
    (0..n)
        .map(|i| {
            let (a, b) = (top + h * i as f32, top + h * (i + 1) as f32);
            let (l, r) = (16.0, 34.0);
            let mut out = band(
                NAMES[i],
                &[(l, a), (r, a), (r, b), (l, b)],
                false,
                i % 2 == 0,
            );
            // Labels on the viewer's right edge of the trunk (the left carries the arm's).
            out.label_at = out.label_at.map(|_| (r - 2.6, 0.5 * (a + b)));
            out
        })
        .collect()
}

/// A band as a table row: name, outline, paired, labelled.
type Row = (&'static str, &'static [Pt], bool, bool);

/// Bands drawn in both views: neck, shoulders, arms and hands.
const COMMON: &[Row] = &[
    (
        "C3",
        &[(22.6, 12.2), (27.4, 12.2), (28.0, 17.2), (22.0, 17.2)],
        false,
        true,
    ),
    (
        "C4",
        &[
            (19.0, 17.2),
            (15.0, 17.6),
            (12.4, 19.2),
            (11.5, 22.0),
            (16.2, 21.0),
        ],
        true,
        true,
    ),
    (
        "C4",
        &[(19.0, 17.2), (31.0, 17.2), (33.8, 21.0), (16.2, 21.0)],
        false,
        false,
    ),
    // Arm: lateral C5 / C6, medial T2 / T1; the hand C6 (thumb side), C7, C8.
    (
        "C5",
        &[
            (11.5, 22.0),
            (11.5, 24.5),
            (13.45, 24.5),
            (11.7, 36.0),
            (9.6, 36.0),
            (10.6, 30.0),
        ],
        true,
        true,
    ),
    (
        "T2",
        &[
            (13.45, 24.5),
            (15.4, 24.5),
            (14.8, 30.0),
            (13.8, 36.0),
            (11.7, 36.0),
        ],
        true,
        true,
    ),
    (
        "C6",
        &[
            (9.6, 36.5),
            (11.7, 36.5),
            (10.0, 50.0),
            (8.4, 50.0),
            (8.6, 44.0),
        ],
        true,
        true,
    ),
    (
        "T1",
        &[
            (11.7, 36.5),
            (13.8, 36.5),
            (12.8, 44.0),
            (11.6, 50.0),
            (10.0, 50.0),
        ],
        true,
        true,
    ),
    (
        "C6",
        &[
            (7.4, 54.0),
            (8.4, 50.5),
            (9.3, 50.5),
            (9.3, 58.6),
            (8.2, 58.0),
        ],
        true,
        false,
    ),
    (
        "C7",
        &[
            (9.3, 50.5),
            (10.6, 50.5),
            (10.6, 59.0),
            (10.0, 59.0),
            (9.3, 58.6),
        ],
        true,
        false,
    ),
    (
        "C8",
        &[
            (10.6, 50.5),
            (11.6, 50.5),
            (12.2, 53.0),
            (11.6, 57.5),
            (10.6, 59.0),
        ],
        true,
        false,
    ),
];

/// Front view: thigh L2, knee L3, shin L4 (medial) and L5 (lateral), foot L5 and S1.
const FRONT: &[Row] = &[
    (
        "L2",
        &[(15.7, 47.0), (23.9, 48.5), (24.2, 57.0), (15.9, 59.0)],
        true,
        true,
    ),
    (
        "L3",
        &[(15.9, 59.0), (24.2, 57.0), (23.2, 70.0), (17.6, 70.0)],
        true,
        true,
    ),
    (
        "L5",
        &[
            (17.6, 70.5),
            (20.4, 70.5),
            (20.6, 89.0),
            (19.2, 89.0),
            (17.8, 78.0),
        ],
        true,
        true,
    ),
    (
        "L4",
        &[
            (20.4, 70.5),
            (23.2, 70.5),
            (22.8, 78.0),
            (22.0, 89.0),
            (20.6, 89.0),
        ],
        true,
        true,
    ),
    (
        "L5",
        &[
            (18.9, 89.5),
            (22.0, 89.5),
            (22.6, 94.0),
            (22.4, 97.0),
            (18.8, 97.0),
        ],
        true,
        false,
    ),
    (
        "S1",
        &[(17.6, 94.0), (18.9, 89.5), (18.8, 97.0), (17.4, 97.0)],
        true,
        false,
    ),
];

/// Back view: C2 on the back of the head, L1 and L2 over the low back and buttock, S2
/// down the back of the thigh, S1 and L4 on the calf, S1 on the heel.
const BACK: &[Row] = &[
    (
        "C2",
        &[(20.0, 3.0), (30.0, 3.0), (30.2, 11.0), (19.8, 11.0)],
        false,
        true,
    ),
    (
        "L1",
        &[(16.0, 41.0), (34.0, 41.0), (34.2, 44.0), (15.8, 44.0)],
        false,
        false,
    ),
    (
        "L2",
        &[(15.8, 44.0), (25.0, 44.0), (25.0, 48.0), (15.7, 48.0)],
        true,
        true,
    ),
    (
        "S2",
        &[
            (15.7, 48.0),
            (25.0, 48.0),
            (24.3, 53.0),
            (23.2, 70.0),
            (17.6, 70.0),
            (15.6, 51.5),
        ],
        true,
        true,
    ),
    (
        "S1",
        &[
            (17.6, 70.5),
            (20.4, 70.5),
            (20.6, 89.0),
            (19.2, 89.0),
            (17.8, 78.0),
        ],
        true,
        true,
    ),
    (
        "L4",
        &[
            (20.4, 70.5),
            (23.2, 70.5),
            (22.8, 78.0),
            (22.0, 89.0),
            (20.6, 89.0),
        ],
        true,
        true,
    ),
    (
        "S1",
        &[
            (19.2, 89.5),
            (22.0, 89.5),
            (22.2, 95.0),
            (21.0, 97.0),
            (19.8, 97.0),
            (19.0, 95.0),
        ],
        true,
        false,
    ),
];

/// Every band of one view.
pub fn bands(front: bool) -> Vec<Band> {
    let rows = |t: &[Row]| -> Vec<Band> {
        t.iter()
            .map(|&(name, pts, paired, label)| band(name, pts, paired, label))
            .collect()
    };
    let mut out = rows(COMMON);
    if front {
        out.extend(trunk(21.0, 46.0, true));
        out.extend(rows(FRONT));
    } else {
        out.extend(trunk(21.0, 41.0, false));
        out.extend(rows(BACK));
    }
    // A limb carries two bands side by side: the lateral one's name goes outside it.
    for b in &mut out {
        if let Some((x, y)) = b.label_at {
            let lateral_arm = x < 11.5 && y < 50.0;
            let lateral_leg = x < 20.0 && y > 70.0 && y < 89.0;
            if b.paired && (lateral_arm || lateral_leg) {
                b.label_at = Some((x - 4.2, y));
            }
        }
    }
    out
}

/// The hand and foot zones share one label each, written beside them.
pub const SHARED_LABELS: [(&str, Pt, bool); 2] = [
    ("C6–C8", (6.0, 61.5), true),
    ("L5 · S1", (19.5, 99.0), true),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overlay_runs_from_c2_to_s2() {
        let names: Vec<&str> = bands(false)
            .iter()
            .chain(bands(true).iter())
            .map(|b| b.name)
            .collect();
        for d in [
            "C2", "C5", "C8", "T1", "T10", "T12", "L1", "L3", "L5", "S1", "S2",
        ] {
            assert!(names.contains(&d), "{d} missing");
        }
    }
}
