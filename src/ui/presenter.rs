//! Presenter mode: one panel full-window, scaled for the back row. F5 goes to the next
//! panel (remote, patient, inside, plots), Esc returns to the whole window.

/// What a presented panel says in blind mode instead of what only the patient may tell.
pub const HIDDEN_IN_BLIND: &str = "Hidden in blind mode: the patient is the only source.";

/// The panel shown full-window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presenting {
    /// The patient's remote.
    Remote,
    /// The patient: words, posture and body.
    Patient,
    /// Inside the body: cross-section, side view and gate (the nerve for PNS).
    Inside,
    /// The pulse train and the pain over time.
    Plots,
}

impl Presenting {
    /// Every panel, in the order F5 goes through them.
    pub const ALL: [Presenting; 4] = [
        Presenting::Remote,
        Presenting::Patient,
        Presenting::Inside,
        Presenting::Plots,
    ];

    /// The next panel after `now` (the first from the whole window; back to the whole
    /// window after the last).
    pub fn next(now: Option<Presenting>) -> Option<Presenting> {
        match now {
            None => Some(Presenting::Remote),
            Some(p) => {
                let i = Self::ALL.iter().position(|q| *q == p).unwrap_or(0);
                Self::ALL.get(i + 1).copied()
            }
        }
    }

    /// The panel's name, as on the presenter bar and in the menu.
    pub fn name(self) -> &'static str {
        match self {
            Presenting::Remote => "Remote",
            Presenting::Patient => "Patient",
            Presenting::Inside => "Inside",
            Presenting::Plots => "Plots",
        }
    }

    /// The size the panel needs at zoom 1, points: the presenter scales it up to fill
    /// the window. At most 630 × 412, so that 1024 × 768 and 1280 × 720 (less the bar)
    /// draw every panel at least 1.6 times its size in the whole window.
    fn needs(self) -> egui::Vec2 {
        match self {
            // The screen beside the keys.
            Presenting::Remote => egui::vec2(540.0, 310.0),
            // The words beside the body, which scrolls below them.
            Presenting::Patient => egui::vec2(630.0, 412.0),
            // The cross-section and, beside it, the side view and the gate (scrolling).
            Presenting::Inside => egui::vec2(630.0, 412.0),
            Presenting::Plots => egui::vec2(620.0, 380.0),
        }
    }

    /// The zoom that fills a window of `pixels` with the panel, between 1 and 3 (and at
    /// least `zoom`, the user's own).
    pub fn zoom(self, pixels: egui::Vec2, zoom: f32) -> f32 {
        // Room for the presenter bar.
        let room = pixels - egui::vec2(16.0, 60.0);
        let fit = (room.x / self.needs().x).min(room.y / self.needs().y);
        fit.clamp(zoom.max(1.0), 3.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f5_goes_through_every_panel_and_back() {
        let mut now = None;
        let mut seen = Vec::new();
        for _ in 0..5 {
            now = Presenting::next(now);
            seen.push(now);
        }
        assert_eq!(
            seen,
            [
                Some(Presenting::Remote),
                Some(Presenting::Patient),
                Some(Presenting::Inside),
                Some(Presenting::Plots),
                None
            ]
        );
    }

    #[test]
    fn the_presenter_scales_up_for_the_back_row() {
        for pixels in [egui::vec2(1280.0, 720.0), egui::vec2(1024.0, 768.0)] {
            for p in Presenting::ALL {
                let z = p.zoom(pixels, 1.0);
                assert!(z >= 1.6, "{p:?} at {pixels:?}: {z}");
            }
        }
        let z = Presenting::Plots.zoom(egui::vec2(1920.0, 1080.0), 1.0);
        assert!(z > 2.0, "{z}");
    }
}
