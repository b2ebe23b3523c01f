//! The window in a class (README, "Run a class"): the class desk polled each frame, the
//! attempt the server dealt started as the window's own exercise (the same
//! `start_attempt(attempt_seed(seed))` the server deals), every new entry of the log
//! handed to the live record, the server's grade shown in the debrief, and a refusal that
//! stops the attempt.

use super::app::App;
use crate::training::exercise;
use crate::ui::class::desk::DeskEvent;
use crate::ui::class::link::LinkEvent;
use crate::ui::mode::Mode;
use crate::ui::prefs::Speed;
use crate::ui::request::{FileRequest, Request};

impl App {
    /// Opens the *Join class* window on the class at `address` (`http://HOST:8080/`,
    /// perhaps with `?class=CODE`).
    /// A class link never offers someone else's unfinished session: a session left in
    /// this browser (or on this computer) by a crash is not offered back.
    /// A dashboard's demonstration link (`?demo=DEMO&key=KEY`) streams the teacher's
    /// demonstration instead.
    pub fn join_class(&mut self, address: &str) {
        if address.contains("demo=") {
            if let Err(why) = self.demonstrate(address) {
                self.status = Some(why);
            }
            return;
        }
        self.panels.class.open_on(address);
        if self.panels.recovery.is_offered() {
            self.panels.recovery.discard();
            self.clock.touch();
        }
    }

    /// Whether the *Join class* window is shown.
    pub fn join_class_open(&self) -> bool {
        self.panels.class.is_open()
    }

    /// The class attempt's connection and the entries waiting, if one is on.
    pub fn class_connection(&self) -> Option<(crate::ui::class::Connection, usize)> {
        let a = self.panels.class.attempt()?;
        Some((a.link.connection(), a.link.waiting()))
    }

    /// Why the class attempt stopped, if the server refused an entry.
    pub fn class_stopped(&self) -> Option<&str> {
        self.panels.class.attempt()?.stopped.as_deref()
    }

    /// One frame's class work, after the frame's requests: new entries to the live
    /// record, the server's answers read.
    pub(super) fn class_frame(&mut self, ctx: &egui::Context, now: f64) {
        self.panels.class.sync(&self.session.log);
        for event in self.panels.class.poll(now, ctx) {
            match event {
                DeskEvent::Start { exercise, seed } => {
                    if let Err(why) = self.start_class_attempt(&exercise, seed) {
                        self.status = Some(why);
                    }
                }
                DeskEvent::Link(LinkEvent::Graded(report)) => {
                    self.panels.debrief.set_report(Some(*report));
                    self.status =
                        Some("The class server graded this attempt: the debrief is open".into());
                }
                DeskEvent::Link(LinkEvent::Opening {
                    exercise,
                    patient,
                    seed,
                }) => self.open_demonstration(exercise.as_deref(), patient.as_deref(), seed),
                DeskEvent::Link(LinkEvent::Ended) => {
                    self.status = Some("The demonstration ended: students see its end".into());
                }
                DeskEvent::Link(LinkEvent::Stopped(why)) => {
                    // The attempt stops where the server stopped taking it.
                    self.prefs.speed = Speed::Paused;
                    self.status = Some(why);
                }
            }
        }
    }

    /// Streams the teacher's demonstration of a dashboard link
    /// (`http://HOST:8080/?demo=DEMO&key=KEY`); a link without them is refused in one
    /// sentence.
    pub fn demonstrate(&mut self, link: &str) -> Result<(), String> {
        let param = |name: &str| {
            link.split_once('?')?
                .1
                .split('&')
                .find_map(|p| p.strip_prefix(name)?.strip_prefix('='))
                .filter(|v| !v.is_empty())
        };
        let (Some(base), Some(demo), Some(key)) = (
            crate::ui::class::wire::base_url(link),
            param("demo"),
            param("key"),
        ) else {
            return Err(format!(
                "'{}' is not a demonstration link (…/?demo=DEMO&key=KEY, from the dashboard)",
                crate::files::shorten(link)
            ));
        };
        if self.panels.class.live() {
            return Err("A class attempt is under way: finish it first".into());
        }
        self.panels.class.demonstrate(base, demo, key);
        Ok(())
    }

    /// The demonstration's session, as followers build it: the exercise on its seed, or
    /// the built-in patient in the teacher's hands.
    fn open_demonstration(&mut self, exercise: Option<&str>, patient: Option<&str>, seed: u64) {
        let built = match (exercise, patient) {
            (Some(id), _) => self.start_dealt(id, seed),
            (None, Some(id)) => match super::watching::demo_session(id, seed) {
                Ok(session) => {
                    self.open_patient(id);
                    self.replace_session(session, id);
                    Ok(())
                }
                Err(why) => Err(why),
            },
            (None, None) => Err(
                "The class server did not say which exercise or patient the demonstration is on (this scs-sim serve is older than the window)"
                    .into(),
            ),
        };
        match built {
            Ok(()) => {
                let len = self.session.log.len();
                self.panels.class.started(len);
            }
            Err(why) => {
                self.panels.class.leave();
                self.status = Some(why);
            }
        }
    }

    /// Starts exercise `id` on the patient of attempt seed `seed`, in the programmer.
    fn start_dealt(&mut self, id: &str, seed: u64) -> Result<(), String> {
        let ex = exercise::find(id).map_err(|e| {
            format!("This window does not have the class's exercise '{id}' ({e}); update scs-sim")
        })?;
        let session = ex
            .start_attempt(ex.attempt_seed(seed))
            .map_err(|e| e.to_string())?;
        let patient = ex.patient.clone();
        self.enter_exercise(ex, (session, &patient), Mode::Clinician);
        Ok(())
    }

    /// Starts the attempt the server dealt: `exercise` on the patient of `seed`, in the
    /// programmer, its live record opening.
    fn start_class_attempt(&mut self, id: &str, seed: u64) -> Result<(), String> {
        let attempt = self
            .panels
            .class
            .take_pending()
            .ok_or("The class server's attempt was lost on the way; start it again")?;
        self.start_dealt(id, seed)?;
        let start_len = self.session.log.len();
        self.panels.class.begin(&attempt, start_len);
        Ok(())
    }

    /// What a class attempt makes of request `r`: `Err` when it refuses it (the attempt
    /// keeps the window), `Ok(true)` when it took it (a finish graded by the server),
    /// `Ok(false)` when the window goes on as usual.
    pub(super) fn class_takes(&mut self, r: &Request) -> Result<bool, String> {
        let desk = &mut self.panels.class;
        let Some(attempt) = desk.attempt() else {
            return Ok(false);
        };
        let leaves = matches!(
            r,
            Request::OpenPatient(_)
                | Request::Practice(_)
                | Request::StartExercise(_)
                | Request::File(FileRequest::Load(_))
                | Request::Scrub(_)
                | Request::Restore
        ) || cfg!(target_arch = "wasm32")
            && matches!(r, Request::File(f) if !matches!(f, FileRequest::Save(_) | FileRequest::ExportCsv(_)));
        let acts = matches!(
            r,
            Request::Patient(_)
                | Request::Clinician(_)
                | Request::Event(_)
                | Request::Finish
                | Request::NextVisit(_)
        );
        if let Some(why) = &attempt.stopped {
            if acts {
                return Err(why.clone());
            }
            if leaves {
                desk.leave();
            }
            return Ok(false);
        }
        if !desk.live() {
            // Graded, or finishing: the next session leaves it.
            if leaves {
                desk.leave();
            }
            return Ok(matches!(r, Request::Finish));
        }
        if leaves {
            return Err("A class attempt is under way: finish it first (its actions are recorded by the class server)".into());
        }
        if matches!(r, Request::Event(_)) && !attempt.demo {
            return Err("In a class attempt the scene is the exercise's: the teacher's events are not recorded".into());
        }
        if matches!(r, Request::Finish) {
            desk.finish(self.session.t_s);
            return Ok(true);
        }
        Ok(false)
    }
}
