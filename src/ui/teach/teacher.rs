//! Teacher controls: live events, quiz mode, the relief map, practice patients, exercises
//! with hints and scoring, and session files with replay and CSV export.

use super::cohort_chart::CohortChart;
use super::door::PasswordChange;
use crate::remote::Link;
use crate::session::record::Recording;
use crate::session::{Command, WorldEvent};
use crate::training::exercise::BUILT_IN as EXERCISES;
use crate::ui::draw::tool_panel::tool_panel;
use crate::ui::implant::panels::ImplantPanels;
use crate::ui::prefs::{Prefs, Speed};
use crate::ui::request::{FileRequest, Request, Shared};
use egui::Ui;

/// "Files are read and written in FOLDER", for a typed path relative to it.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn folder_words() -> String {
    std::env::current_dir().map_or_else(
        |_| "Type a full path: the working folder is unknown.".into(),
        |d| format!("Paths are read and written in {}", d.display()),
    )
}

/// Every built-in exercise's id and title for the menu, read once.
pub fn exercise_titles() -> &'static [(String, String)] {
    static TITLES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    TITLES.get_or_init(|| {
        crate::training::exercise::BUILT_IN
            .iter()
            .map(|(id, _)| {
                let title = crate::training::exercise::find(id)
                    .map_or_else(|_| (*id).to_string(), |e| e.title);
                ((*id).to_string(), title)
            })
            .collect()
    })
}

/// The teacher panel's own state: its fields, the loaded recording and the relief map.
#[derive(Debug)]
pub struct TeacherPanel {
    /// Seed of the next practice patient.
    practice_seed: u64,
    /// Exercise chosen in the list.
    exercise_choice: String,
    /// Hints of the running exercise revealed so far.
    hints_shown: usize,
    /// Path of the session file to save or load (empty: saved as
    /// `<exercise>-<name>-<date>.ron`).
    session_path: String,
    /// A loaded recording being replayed (for the scrubber).
    replay: Option<Recording>,
    /// The virtual cohort's controls and last run.
    cohort: CohortChart,
    /// The form that changes the Teach password.
    password: PasswordChange,
    /// A session file picked in the browser, on its way.
    #[cfg(target_arch = "wasm32")]
    picked: crate::ui::platform::file_io::Inbox,
}

impl Default for TeacherPanel {
    fn default() -> Self {
        TeacherPanel {
            practice_seed: 1,
            exercise_choice: EXERCISES[0].0.to_string(),
            hints_shown: 0,
            session_path: String::new(),
            replay: None,
            cohort: CohortChart::default(),
            password: PasswordChange::default(),
            #[cfg(target_arch = "wasm32")]
            picked: crate::ui::platform::file_io::Inbox::default(),
        }
    }
}

impl TeacherPanel {
    /// The session file path typed in the panel.
    pub fn session_path(&self) -> &str {
        &self.session_path
    }

    /// Sets the session file path.
    pub fn set_session_path(&mut self, path: String) {
        self.session_path = path;
    }

    /// The recording being replayed, if one was loaded.
    pub fn replay(&self) -> Option<&Recording> {
        self.replay.as_ref()
    }

    /// Offers the scrubber over `replay` (or removes it).
    pub fn set_replay(&mut self, replay: Option<Recording>) {
        self.replay = replay;
    }

    /// The virtual cohort's controls and last run.
    pub fn cohort(&self) -> &CohortChart {
        &self.cohort
    }

    /// The virtual cohort, to change before a run.
    pub fn cohort_mut(&mut self) -> &mut CohortChart {
        &mut self.cohort
    }

    /// A new exercise started: its hints are hidden again.
    pub fn exercise_started(&mut self) {
        self.hints_shown = 0;
    }

    /// Draws the teacher panel in its side panel, with the events and tools of the
    /// session's `implant`; returns the requests of this frame.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        implant: &mut dyn ImplantPanels,
    ) -> Vec<Request> {
        tool_panel(ui, "teacher", |ui| self.ui(ui, shared, implant))
    }

    fn ui(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        implant: &mut dyn ImplantPanels,
    ) -> Vec<Request> {
        let mut out = Vec::new();
        ui.horizontal(|ui| {
            ui.heading("Teacher");
            if ui.button("Leave teacher mode").clicked() {
                out.push(Request::Leave);
            }
        });
        ui.label("Events");
        ui.horizontal_wrapped(|ui| {
            implant.world_events(ui, shared, &mut out);
            events_ui(ui, shared, &mut out);
        });
        ui.separator();
        // Wrapped: one row wider than the panel would widen every row after it.
        ui.horizontal_wrapped(|ui| {
            ui.label("Practice patient from seed");
            ui.add(egui::DragValue::new(&mut self.practice_seed).range(0..=u64::MAX))
                .on_hover_text("Every seed is a different, reproducible patient");
            if ui.button("New practice patient").clicked() {
                out.push(Request::Practice(self.practice_seed));
            }
        });
        ui.separator();
        self.exercise_ui(ui, shared, &mut out);
        ui.separator();
        self.files_ui(ui, shared, &mut out);
        ui.separator();
        out.extend(implant.teach_tools(ui, shared));
        out.extend(self.cohort.ui(ui));
        ui.separator();
        self.password.ui(ui, &mut out);
        out
    }

    /// The exercise list, and the running exercise with its hints.
    fn exercise_ui(&mut self, ui: &mut Ui, shared: &Shared<'_>, out: &mut Vec<Request>) {
        ui.horizontal_wrapped(|ui| {
            let titles = exercise_titles();
            let chosen = titles
                .iter()
                .find(|(id, _)| *id == self.exercise_choice)
                .map_or(self.exercise_choice.clone(), |(_, t)| t.clone());
            // A long title is cut to fit (whole on hover and in the list): "Start
            // exercise" stays in the panel.
            ui.scope(|ui| {
                ui.set_max_width(260.0);
                egui::ComboBox::from_id_salt("exercise")
                    .selected_text(chosen.as_str())
                    .width(260.0)
                    .truncate()
                    .show_ui(ui, |ui| {
                        for (id, title) in titles {
                            ui.selectable_value(&mut self.exercise_choice, id.clone(), title);
                        }
                    })
                    .response
                    .on_hover_text(format!("Choose an exercise ({chosen})"));
            });
            if ui.button("Start exercise").clicked() {
                out.push(Request::StartExercise(self.exercise_choice.clone()));
            }
        });
        let Some(ex) = shared.exercise else { return };
        ui.strong(&ex.title);
        ui.label(&ex.brief);
        ui.label(format!(
            "Time: {:.0} of {:.0} simulated s, at {}× (fixed by the exercise)",
            shared.session.t_s, ex.time_budget_s, ex.speed
        ));
        for hint in ex.hints.iter().take(self.hints_shown) {
            ui.small(format!("Hint: {hint}"));
        }
        ui.horizontal(|ui| {
            if self.hints_shown < ex.hints.len() && ui.button("Show a hint").clicked() {
                self.hints_shown += 1;
            }
            if ui.button("Finish and score").clicked() {
                out.push(Request::Finish);
            }
        });
    }

    /// The session file: save, load and replay (with a scrubber), export as CSV. On the
    /// desktop a typed path or the platform's dialog; in a browser, downloads and the
    /// browser's file picker.
    fn files_ui(&mut self, ui: &mut Ui, shared: &Shared<'_>, out: &mut Vec<Request>) {
        #[cfg(not(target_arch = "wasm32"))]
        self.desktop_files_ui(ui, shared, out);
        #[cfg(target_arch = "wasm32")]
        let _ = shared;
        #[cfg(target_arch = "wasm32")]
        self.browser_files_ui(ui, out);
        if self.replay.is_some() {
            ui.small("Replay: play, speed and the replay time are in the bar at the bottom.");
        }
    }

    /// A typed path (relative to the folder shown on hover), or one chosen in a dialog.
    #[cfg(not(target_arch = "wasm32"))]
    fn desktop_files_ui(&mut self, ui: &mut Ui, shared: &Shared<'_>, out: &mut Vec<Request>) {
        use crate::ui::platform::file_io::{FileKind, ask_open, ask_save};
        ui.horizontal_wrapped(|ui| {
            let path = ui.label("Session file");
            ui.add(
                egui::TextEdit::singleline(&mut self.session_path)
                    .hint_text("exercise-name-date.ron")
                    .desired_width(160.0),
            )
            .labelled_by(path.id)
            .on_hover_text(folder_words());
        });
        ui.horizontal_wrapped(|ui| {
            if ui.button("Save session").clicked() {
                out.push(Request::File(FileRequest::Save(self.session_path.clone())));
            }
            if ui.button("Save as…").clicked() {
                // The dialog proposes `<exercise>-<name>-<date>.ron` until a path is typed.
                let current = if self.session_path.trim().is_empty() {
                    suggested_name(shared)
                } else {
                    self.session_path.clone()
                };
                let chosen = ask_save(FileKind::Session, &current);
                self.use_chosen(chosen, FileRequest::Save, out);
            }
            if ui.button("Load and replay").clicked() {
                out.push(Request::File(FileRequest::Load(self.session_path.clone())));
            }
            if ui.button("Open…").clicked() {
                let chosen = ask_open(FileKind::Session, &self.session_path);
                self.use_chosen(chosen, FileRequest::Load, out);
            }
            if ui.button("Export CSV").clicked() {
                out.push(Request::File(FileRequest::ExportCsv(
                    self.session_path.clone(),
                )));
            }
        });
    }

    /// A file chosen in a dialog becomes the session file and `then` is asked of it;
    /// a cancelled dialog (or a system without one) is said on the status line.
    #[cfg(not(target_arch = "wasm32"))]
    fn use_chosen(
        &mut self,
        chosen: Result<String, String>,
        then: fn(String) -> FileRequest,
        out: &mut Vec<Request>,
    ) {
        match chosen {
            Ok(path) => {
                self.session_path = path;
                out.push(Request::File(then(self.session_path.clone())));
            }
            Err(why) => out.push(Request::Status(why)),
        }
    }

    /// Downloads, and the browser's file picker for a session to replay.
    #[cfg(target_arch = "wasm32")]
    fn browser_files_ui(&mut self, ui: &mut Ui, out: &mut Vec<Request>) {
        if let Some(file) = self.picked.take() {
            out.push(Request::File(FileRequest::Opened(file)));
        }
        ui.horizontal_wrapped(|ui| {
            if ui.button("Download session").clicked() {
                out.push(Request::File(FileRequest::Save(self.session_path.clone())));
            }
            if ui.button("Open a session…").clicked() {
                self.picked
                    .pick(crate::ui::platform::file_io::FileKind::Session, ui.ctx());
            }
            if ui.button("Download CSV").clicked() {
                out.push(Request::File(FileRequest::ExportCsv(
                    self.session_path.clone(),
                )));
            }
        });
    }
}

/// The name a save of the running session gets: `<exercise>-<name>-<date>.ron`.
#[cfg(not(target_arch = "wasm32"))]
fn suggested_name(shared: &Shared<'_>) -> String {
    let today = crate::session::record::date_of(crate::ui::prefs::unix_now_s());
    crate::session::record::Recording::of(shared.session, shared.patient_id)
        .whose(Some(&shared.prefs.trainee), Some(&today))
        .file_name()
}

/// The events every implant shares: telemetry lost or restored, freezing time, and the
/// quiz that hides the inside view.
fn events_ui(ui: &mut Ui, shared: &Shared<'_>, out: &mut Vec<Request>) {
    let session = shared.session;
    let (label, next) = if session.remote.link == Link::Connected {
        ("Lose telemetry", Link::Lost)
    } else {
        ("Restore telemetry", Link::Connected)
    };
    if ui.button(label).clicked() {
        out.push(Request::Event(Command::World(WorldEvent::SetLink(next))));
    }
    let mut frozen = shared.prefs.speed == Speed::Paused;
    if ui.toggle_value(&mut frozen, "Freeze time").changed() {
        out.push(Request::TogglePause);
    }
    let mut quiz = !shared.prefs.show_inside;
    if ui
        .toggle_value(&mut quiz, "Quiz: hide the inside view")
        .changed()
    {
        out.push(Request::SetPrefs(Prefs {
            show_inside: !quiz,
            ..shared.prefs.clone()
        }));
    }
}
