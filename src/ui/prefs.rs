//! What the window remembers between runs, and the colours it draws with.

use egui::Color32;
use serde::{Deserialize, Serialize};

/// Simulated-time speed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Speed {
    /// Time stands still.
    Paused,
    /// Real time.
    X1,
    /// Ten simulated seconds per second.
    X10,
    /// One simulated minute per second.
    X60,
}

impl Speed {
    /// Every speed, in toolbar order.
    pub const ALL: [Speed; 4] = [Speed::Paused, Speed::X1, Speed::X10, Speed::X60];

    /// Simulated seconds per wall second.
    pub fn factor(self) -> f64 {
        match self {
            Speed::Paused => 0.0,
            Speed::X1 => 1.0,
            Speed::X10 => 10.0,
            Speed::X60 => 60.0,
        }
    }

    /// Button text.
    pub fn label(self) -> &'static str {
        match self {
            Speed::Paused => "Pause",
            Speed::X1 => "1×",
            Speed::X10 => "10×",
            Speed::X60 => "60×",
        }
    }
}

/// Remembered settings of the window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Zoom factor (Ctrl +/−/0).
    pub zoom: f32,
    /// Light high-contrast theme for projectors.
    pub light: bool,
    /// Okabe–Ito colour-blind-safe palette (otherwise a classic red/green one).
    pub colour_blind_safe: bool,
    /// Show the spine and gate panel.
    pub show_inside: bool,
    /// Show the pulse train and pain plots.
    pub show_plots: bool,
    /// Last patient opened (built-in id).
    pub patient: String,
    /// Speed of simulated time.
    pub speed: Speed,
    /// Blind mode in free play: the patient is the only source (exercises are always
    /// blind until the debrief).
    pub blind: bool,
    /// The clinician PIN's hash and the wall-clock lock-out (never the PIN itself).
    pub clinician: SecretLock,
    /// The Teach password's hash (set by the teacher on first use; never the clinician
    /// PIN) and its own wall-clock lock-out.
    pub teach: SecretLock,
    /// A plain-text PIN left by an older version: read once, hashed into `clinician` and
    /// cleared; never written.
    #[serde(rename = "clinician_pin", skip_serializing)]
    pub legacy_clinician_pin: String,
    /// The trainee's name that saved sessions and debriefs carry (asked once; empty:
    /// not given yet).
    pub trainee: String,
}

/// What the window remembers of a secret (the clinician PIN, the Teach password): its
/// salted hash, and the lock-out after wrong tries on the wall clock (so a new session, a
/// restore or a restart does not end it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SecretLock {
    /// The secret's argon2 hash (PHC string); `None`: the default PIN, or a Teach password
    /// not set yet (first use).
    #[serde(alias = "pin_hash")]
    pub hash: Option<String>,
    /// Wrong PINs in a row.
    pub failures: u32,
    /// Locked until this wall time, seconds since the UNIX epoch.
    pub locked_until_unix_s: Option<u64>,
}

impl SecretLock {
    /// Seconds left of the lock-out at wall time `now_unix_s`, if locked.
    pub fn locked_for(&self, now_unix_s: u64) -> Option<u64> {
        self.locked_until_unix_s
            .filter(|until| *until > now_unix_s)
            .map(|until| until - now_unix_s)
    }

    /// Counts a wrong try at wall time `now_unix_s`; the third in a row locks for
    /// [`crate::clinician::LOCKOUT_S`]. Returns whether it locked.
    pub fn record_failure(&mut self, now_unix_s: u64) -> bool {
        self.failures += 1;
        if self.failures < crate::clinician::MAX_FAILURES {
            return false;
        }
        self.failures = 0;
        self.locked_until_unix_s = Some(now_unix_s + crate::clinician::LOCKOUT_S as u64);
        true
    }

    /// A right try: wrong ones are forgotten.
    pub fn record_success(&mut self) {
        self.failures = 0;
    }
}

/// Wall time now, seconds since the UNIX epoch (0 if the clock is before it).
pub fn unix_now_s() -> u64 {
    web_time::SystemTime::now()
        .duration_since(web_time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            zoom: 1.0,
            light: false,
            colour_blind_safe: true,
            show_inside: true,
            show_plots: true,
            patient: scs_patient_default().to_string(),
            speed: Speed::X10,
            blind: false,
            clinician: SecretLock::default(),
            teach: SecretLock::default(),
            legacy_clinician_pin: String::new(),
            trainee: String::new(),
        }
    }
}

fn scs_patient_default() -> &'static str {
    crate::library::DEFAULT_ID
}

/// Colours with meaning: pain, tingling, cathode, anode, good, warning.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    /// Pain.
    pub pain: Color32,
    /// Paresthesia (tingling).
    pub tingling: Color32,
    /// Cathode (−).
    pub cathode: Color32,
    /// Anode (+).
    pub anode: Color32,
    /// OK / relief.
    pub good: Color32,
    /// Warning.
    pub warning: Color32,
}

impl Prefs {
    /// The palette in use.
    pub fn palette(&self) -> Palette {
        if self.colour_blind_safe {
            // Okabe–Ito.
            Palette {
                pain: Color32::from_rgb(0xD5, 0x5E, 0x00),
                tingling: Color32::from_rgb(0x56, 0xB4, 0xE9),
                cathode: Color32::from_rgb(0x00, 0x72, 0xB2),
                anode: Color32::from_rgb(0xE6, 0x9F, 0x00),
                good: Color32::from_rgb(0x00, 0x9E, 0x73),
                warning: Color32::from_rgb(0xF0, 0xE4, 0x42),
            }
        } else {
            Palette {
                pain: Color32::from_rgb(0xE0, 0x20, 0x20),
                tingling: Color32::from_rgb(0x30, 0xC0, 0x30),
                cathode: Color32::from_rgb(0x20, 0x40, 0xE0),
                anode: Color32::from_rgb(0xE0, 0x20, 0x20),
                good: Color32::from_rgb(0x20, 0xA0, 0x20),
                warning: Color32::from_rgb(0xFF, 0xC0, 0x00),
            }
        }
    }

    /// Zoom one step in (+1), out (−1) or back to 1 (0), within 0.6–2.5.
    pub fn zoom_step(&mut self, direction: i32) {
        self.zoom = match direction {
            0 => 1.0,
            d => ((self.zoom + 0.1 * d as f32) * 10.0).round() / 10.0,
        }
        .clamp(0.6, 2.5);
    }
}

/// The colour behind every panel in the theme of `prefs`.
pub fn panel_colour(prefs: &Prefs) -> Color32 {
    if prefs.light {
        Color32::WHITE
    } else {
        egui::Visuals::dark().panel_fill
    }
}

/// Applies theme and text sizes: large, readable type for classrooms. With
/// `clear_behind_panels` the panels paint no background of their own: the window is
/// cleared to [`panel_colour`] instead, which spares a software rasterizer one layer of
/// the whole window per frame (see README, Speed).
pub fn apply_style(ctx: &egui::Context, prefs: &Prefs, clear_behind_panels: bool) {
    // Ctrl +/- are the window's own zoom steps (remembered in the preferences).
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
    let mut visuals = if prefs.light {
        egui::Visuals::light()
    } else {
        egui::Visuals::dark()
    };
    if prefs.light {
        // High contrast for projectors: black text on white.
        visuals.override_text_color = Some(Color32::BLACK);
        visuals.panel_fill = Color32::WHITE;
        visuals.window_fill = Color32::WHITE;
        visuals.widgets.noninteractive.bg_stroke.color = Color32::from_gray(60);
        // Text fields (the PIN box) grey on the white panels, with a dark frame; every
        // widget framed so it reads on a washed-out projector.
        visuals.extreme_bg_color = Color32::from_gray(228);
        visuals.text_edit_bg_color = Some(Color32::from_gray(238));
        visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.5, Color32::from_gray(70));
        visuals.widgets.inactive.weak_bg_fill = Color32::from_gray(215);
        visuals.widgets.inactive.bg_fill = Color32::from_gray(215);
        visuals.widgets.hovered.bg_stroke = egui::Stroke::new(2.0, Color32::BLACK);
        // Chosen buttons: black text on light blue, framed.
        visuals.selection.bg_fill = Color32::from_rgb(0x9E, 0xCA, 0xEE);
        visuals.selection.stroke = egui::Stroke::new(2.0, Color32::BLACK);
    }
    if clear_behind_panels {
        visuals.panel_fill = Color32::TRANSPARENT;
    }
    ctx.set_visuals(visuals);
    // The projector theme reads from the back row: a fifth larger.
    let k = if prefs.light { 1.2 } else { 1.0 };
    ctx.all_styles_mut(|style| {
        use egui::{FontFamily, FontId, TextStyle};
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(k * 22.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Body,
                FontId::new(k * 16.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Button,
                FontId::new(k * 16.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(k * 14.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(k * 15.0, FontFamily::Monospace),
            ),
        ]
        .into();
    });
}
