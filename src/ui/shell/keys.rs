//! The keyboard: remote shortcuts, pause, help and zoom, as requests.

use crate::session::{Command, RemoteKey, Session};
use crate::ui::request::Request;
use egui::{Key, Modifiers};

/// The requests of this frame's key presses (none while a text field has the keyboard).
pub fn keys(ctx: &egui::Context, session: &Session) -> Vec<Request> {
    let mut out = Vec::new();
    // While a text field has the keyboard (a PIN, a file name), keys are typing.
    if ctx.egui_wants_keyboard_input() {
        return out;
    }
    let pressed = |key: Key, m: Modifiers| ctx.input_mut(|i| i.consume_key(m, key));
    if pressed(Key::ArrowUp, Modifiers::NONE) {
        out.push(Request::Patient(Command::Remote(RemoteKey::AmplitudeUp)));
    }
    if pressed(Key::ArrowDown, Modifiers::NONE) {
        out.push(Request::Patient(Command::Remote(RemoteKey::AmplitudeDown)));
    }
    if pressed(Key::Space, Modifiers::NONE) {
        out.push(Request::Patient(Command::Remote(session.therapy_toggle())));
    }
    for (i, key) in [Key::Num1, Key::Num2, Key::Num3, Key::Num4]
        .into_iter()
        .enumerate()
    {
        if pressed(key, Modifiers::NONE) {
            out.push(Request::Patient(Command::Remote(RemoteKey::SelectProgram(
                i,
            ))));
        }
    }
    if pressed(Key::L, Modifiers::NONE) {
        out.push(Request::Patient(Command::Remote(session.lock_toggle())));
    }
    if pressed(Key::P, Modifiers::NONE) {
        out.push(Request::TogglePause);
    }
    if pressed(Key::F5, Modifiers::NONE) {
        out.push(Request::NextPresenter);
    }
    // Not consumed: Esc also closes an open menu.
    if ctx.input(|i| i.key_pressed(Key::Escape)) {
        out.push(Request::Escape);
    }
    if pressed(Key::F1, Modifiers::NONE) {
        out.push(Request::ToggleHelp);
    }
    if pressed(Key::Plus, Modifiers::COMMAND) || pressed(Key::Equals, Modifiers::COMMAND) {
        out.push(Request::Zoom(1));
    }
    if pressed(Key::Minus, Modifiers::COMMAND) {
        out.push(Request::Zoom(-1));
    }
    if pressed(Key::Num0, Modifiers::COMMAND) {
        out.push(Request::Zoom(0));
    }
    out
}
