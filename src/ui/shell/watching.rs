//! The window watching or following a live record read-only (README, "Run a class"): the
//! session built as the trainee's window built it, every entry of the stream replayed
//! with the same core (`replay_entry`, what `score` and the server use), the clock moved
//! on as the stream says; the controls take nothing, and what only the model knows shows
//! only when the server says the viewer is the teacher.

use super::app::App;
use crate::library;
use crate::session::replay::replay_entry;
use crate::session::{Role, Session};
use crate::training::exercise;
use crate::ui::class::watch::{Start, Watch, WatchEvent, WatchTarget};
use crate::ui::mode::Mode;
use crate::ui::prefs::Speed;
use crate::ui::request::Request;

/// A demonstration's free session on built-in patient `id` with seed `seed`: the teacher's
/// window that streams it and every window that follows it build the same.
pub(super) fn demo_session(id: &str, seed: u64) -> Result<Session, String> {
    library::open(id)
        .map(|(p, i)| Session::hosting(p, i, Role::Teacher, seed))
        .map_err(|e| e.to_string())
}

impl App {
    /// Opens the read-only view of a watch or follow link
    /// (`http://HOST:8080/?watch=ATTEMPT&key=KEY`, `…/?follow=CODE`); a link that names
    /// neither is refused in one sentence.
    pub fn watch(&mut self, link: &str) -> Result<(), String> {
        let target = WatchTarget::of(link).ok_or_else(|| {
            format!(
                "'{}' is not a watch link (…/?watch=ATTEMPT&key=KEY or …/?follow=CODE)",
                crate::files::shorten(link)
            )
        })?;
        if self.panels.class.live() {
            return Err("A class attempt is under way: finish it first".into());
        }
        self.panels.class.leave();
        self.panels.watch = Some(Watch::new(target));
        self.own_speed.get_or_insert(self.prefs.speed);
        self.prefs.speed = Speed::Paused;
        self.unlocked = false;
        self.mode = Mode::Patient;
        Ok(())
    }

    /// The watch or follow stream the window shows, if any.
    pub fn watching(&self) -> Option<&Watch> {
        self.panels.watch.as_ref()
    }

    /// One frame's watching: the stream's news applied to the session.
    pub(super) fn watch_frame(&mut self, ctx: &egui::Context, now: f64) {
        let Some(watch) = &mut self.panels.watch else {
            return;
        };
        let events = watch.poll(now, ctx);
        // The stream's clock moves time on, never the window's own.
        self.prefs.speed = Speed::Paused;
        for event in events {
            match event {
                WatchEvent::Start(start) => self.watch_start(&start),
                WatchEvent::Entry(entry) => {
                    let index = self.session.log.len();
                    if let Err(d) = replay_entry(&mut self.session, index, &entry) {
                        self.status = Some(format!(
                            "This window's replay differs from the watched session: {d}"
                        ));
                    }
                }
                WatchEvent::Clock(t_s) if t_s > self.session.t_s => {
                    self.session.advance_to(t_s);
                }
                WatchEvent::Clock(_) => {}
                WatchEvent::Graded(report) => self.panels.debrief.set_report(Some(*report)),
            }
        }
    }

    /// The session the stream starts (again, after a reconnect: its entries follow).
    fn watch_start(&mut self, start: &Start) {
        let built = match (&start.exercise, &start.patient) {
            (Some(id), _) => exercise::find(id)
                .map_err(|e| e.to_string())
                .and_then(|ex| {
                    let s = ex
                        .start_attempt(ex.attempt_seed(start.seed))
                        .map_err(|e| e.to_string())?;
                    let patient = ex.patient.clone();
                    Ok((s, patient, Some(ex)))
                }),
            (None, Some(id)) => demo_session(id, start.seed).map(|s| (s, id.clone(), None)),
            (None, None) => Err("the stream names no exercise and no patient".into()),
        };
        match built {
            Ok((session, patient, ex)) => {
                self.replace_session(session, &patient);
                self.exercise = ex;
                self.panels.debrief.set_report(None);
            }
            Err(why) => {
                self.status = Some(format!(
                    "This window cannot show the watched session: {why}"
                ));
            }
        }
    }

    /// Stops watching: back to the window's own patient.
    pub(super) fn stop_watching(&mut self) {
        if let Some(mut w) = self.panels.watch.take() {
            w.close();
        }
        let id = self.prefs.patient.clone();
        self.open_patient(&id);
    }

    /// While watching, the requests that only change the view go through; the rest is
    /// refused in one sentence.
    pub(super) fn watch_refuses(&self, r: &Request) -> Option<String> {
        self.panels.watch.as_ref()?;
        let view_only = matches!(
            r,
            Request::SetPrefs(_)
                | Request::Zoom(_)
                | Request::ToggleHelp
                | Request::NextPresenter
                | Request::Present(_)
                | Request::PresentChart(_)
                | Request::Escape
                | Request::DismissStatus
                | Request::Status(_)
                | Request::SetMode(_)
                | Request::StopWatching
        );
        (!view_only).then(|| {
            "Watching is read-only: the controls take nothing (Stop watching to use the window)"
                .to_string()
        })
    }
}
