//! Number steppers as on tablet programmers (− value +): a typed value applies once, on
//! Enter or when the field loses focus (Escape puts the value back), never keystroke by
//! keystroke; holding − or + repeats. [`Hold`] is the hold-to-repeat the remote's keys
//! share: one step on a click, then a step every [`REPEAT_EVERY_S`] after
//! [`REPEAT_AFTER_S`] held, on egui's clock (real time), with repaints asked for while held.

use egui::text::{CCursor, CCursorRange};
use egui::{Id, Response, Ui};
use std::collections::HashMap;
use std::time::Duration;

/// Wall seconds a key is held before it repeats.
pub const REPEAT_AFTER_S: f64 = 0.5;
/// Wall seconds between repeats of a held key.
pub const REPEAT_EVERY_S: f64 = 0.15;

/// Hold-to-repeat for buttons pressed with a mouse, a finger or a pen.
#[derive(Debug, Default)]
pub struct Hold {
    /// The button held down, since when, the last repeat, and whether it repeated.
    held: Option<(Id, f64, f64, bool)>,
}

impl Hold {
    /// Whether button `r` steps at wall time `now`: on a click that did not repeat, and
    /// while held, every [`REPEAT_EVERY_S`] after [`REPEAT_AFTER_S`].
    pub fn fires(&mut self, r: &Response, now: f64) -> bool {
        if r.is_pointer_button_down_on() {
            let held = match self.held {
                Some(h) if h.0 == r.id => h,
                _ => (r.id, now, f64::NEG_INFINITY, false),
            };
            let (id, since, last, _) = held;
            r.ctx.request_repaint_after(Duration::from_millis(16));
            if now - since >= REPEAT_AFTER_S && now - last >= REPEAT_EVERY_S - 1e-6 {
                self.held = Some((id, since, now, true));
                return true;
            }
            self.held = Some(held);
            return false;
        }
        let mine = self.held.filter(|h| h.0 == r.id);
        if mine.is_some() {
            self.held = None;
        }
        r.clicked() && !mine.is_some_and(|h| h.3)
    }
}

/// The text being typed in each stepper, by its label, while it has the keyboard.
#[derive(Debug, Default)]
pub struct Steppers {
    typing: HashMap<String, String>,
    hold: Hold,
}

/// What a stepper shows and allows.
#[derive(Clone, Copy, Debug)]
pub struct StepperSpec<'a> {
    /// Its label (also the field's accessible name).
    pub label: &'a str,
    /// The value now.
    pub value: f64,
    /// One step of − or +.
    pub step: f64,
    /// Lowest and highest value.
    pub range: (f64, f64),
    /// Decimals shown.
    pub decimals: usize,
    /// Whether it can be used.
    pub enabled: bool,
}

impl Steppers {
    /// Draws `− [value] +` with its label on one line; returns a new value to apply (once).
    pub fn show(&mut self, ui: &mut Ui, spec: StepperSpec<'_>) -> Option<f64> {
        let (lo, hi) = spec.range;
        let now = ui.input(|i| i.time);
        let mut out = None;
        let label = ui.label(spec.label);
        ui.add_enabled_ui(spec.enabled, |ui| {
            ui.horizontal(|ui| {
                let size = egui::vec2(34.0, 30.0);
                // Drag too: a press held longer than a click stays down on the button.
                let held = egui::Sense::click_and_drag();
                let minus = ui.add(egui::Button::new("−").min_size(size).sense(held));
                minus.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        spec.enabled,
                        format!("{} −", spec.label),
                    )
                });
                if self.hold.fires(&minus, now) {
                    out = Some((spec.value - spec.step).max(lo));
                }
                let shown = format!("{:.*}", spec.decimals, spec.value);
                let key = spec.label.to_string();
                let mut text = self
                    .typing
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| shown.clone());
                let mut field = egui::TextEdit::singleline(&mut text)
                    .desired_width(64.0)
                    .align(egui::Align2::CENTER_CENTER)
                    .show(ui);
                let r = field.response.response.clone().labelled_by(label.id);
                if r.gained_focus() {
                    // A click in the field selects the number, so typing replaces it.
                    let end = CCursor::new(text.chars().count());
                    field
                        .state
                        .cursor
                        .set_char_range(Some(CCursorRange::two(CCursor::new(0), end)));
                    field.state.store(ui.ctx(), r.id);
                }
                if r.has_focus() {
                    self.typing.insert(key.clone(), text);
                } else if r.lost_focus() {
                    let typed = self.typing.remove(&key).unwrap_or(text);
                    let escaped = ui.input(|i| i.key_pressed(egui::Key::Escape));
                    if let (false, Ok(v)) = (escaped, typed.trim().replace(',', ".").parse::<f64>())
                        && v.is_finite()
                        && (v - spec.value).abs() > 1e-9
                    {
                        out = Some(v.clamp(lo, hi));
                    }
                } else {
                    self.typing.remove(&key);
                }
                let plus = ui.add(egui::Button::new("+").min_size(size).sense(held));
                plus.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        spec.enabled,
                        format!("{} +", spec.label),
                    )
                });
                if self.hold.fires(&plus, now) {
                    out = Some((spec.value + spec.step).min(hi));
                }
            });
        });
        out.filter(|v| (v - spec.value).abs() > 1e-9)
    }
}
