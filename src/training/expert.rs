//! The expert way through an exercise, planned from the model: timed clinician commands,
//! each step in plain words. One place serves the test suite (which plays the plan and
//! grades it) and the debrief's "what an expert would do", so the advice given is always
//! advice that works: it never programs a faulty contact, and its numbers are the
//! patient's own.
//!
//! Spinal cord exercises are planned by the programming assistant
//! ([`super::assistant`]) and then titrated against the goal; peripheral nerve exercises
//! by searching contacts, introducer distance and amplitude on copies of the session, as
//! a clinician would by test stimulation. Every candidate is judged by the same goal as
//! the score, on the steady state it settles to.

use super::assistant::{self, Therapy};
use super::exercise::{Exercise, Goal, StartError};
use super::judge::judge;
use crate::device::program::{AMPLITUDE_STEP_MA, PatientWindow, Waveform};
use crate::device::safety::WarningCode;
use crate::session::command::Threshold;
use crate::session::{Command, ProgrammerEdit, Refusal, RemoteKey, Role, Session};

/// Simulated time of the expert's first action, s (reading the brief, asking the patient).
const FIRST_S: f64 = 20.0;
/// Simulated time between two of the expert's actions, s.
const GAP_S: f64 = 5.0;
/// Simulated time between two steps of a threshold ramp, s (as the programmer's ramp).
const RAMP_S: f64 = 2.0;

/// Why the expert's plan could not be played.
#[derive(Debug, thiserror::Error)]
pub enum PlayError {
    /// The exercise's own start could not be set up.
    #[error(transparent)]
    Start(#[from] StartError),
    /// A command of the plan was refused.
    #[error("the expert's step at {t_s:.0} s is refused: {refusal}")]
    Refused {
        /// Simulated time of the command, s.
        t_s: f64,
        /// Why it was refused.
        refusal: Refusal,
    },
}

/// One command at its simulated time.
#[derive(Clone, Debug, PartialEq)]
pub struct TimedCommand {
    /// Simulated time since the exercise started, s.
    pub t_s: f64,
    /// The command, sent by the clinician.
    pub command: Command,
}

/// One step of the expert's way: what to do in words and the commands that do it (none
/// for a step that is only looking, asking or waiting).
#[derive(Clone, Debug, PartialEq)]
pub struct ExpertStep {
    /// What to do, in a trainee's words.
    pub words: String,
    /// The commands, in order.
    pub commands: Vec<TimedCommand>,
}

/// The expert's way through one exercise.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpertPlan {
    /// The steps, in order.
    pub steps: Vec<ExpertStep>,
    /// When the expert finishes, simulated s (once the goal is met and relief has built).
    pub finish_s: f64,
}

impl ExpertPlan {
    /// The steps in words, for the debrief.
    pub fn words(&self) -> Vec<String> {
        self.steps.iter().map(|s| s.words.clone()).collect()
    }

    /// Every command with its time, in order.
    pub fn commands(&self) -> impl Iterator<Item = &TimedCommand> {
        self.steps.iter().flat_map(|s| s.commands.iter())
    }
}

/// Builds the plan step by step, keeping a copy of the session the steps lead to.
struct Builder {
    session: Session,
    t_s: f64,
    steps: Vec<ExpertStep>,
}

impl Builder {
    fn new(start: &Session) -> Builder {
        let mut session = start.clone();
        session.set_noise(0.0);
        Builder {
            session,
            t_s: FIRST_S,
            steps: Vec::new(),
        }
    }

    /// A step of words only.
    fn say(&mut self, words: String) {
        self.steps.push(ExpertStep {
            words,
            commands: Vec::new(),
        });
    }

    /// A step: its commands are applied to the copy (a refused one is left out) `gap_s`
    /// apart.
    fn step(&mut self, words: String, commands: Vec<Command>, gap_s: f64) {
        let mut timed = Vec::new();
        for command in commands {
            self.session.advance_to(self.t_s);
            if self
                .session
                .apply_as(Role::Clinician, command.clone())
                .is_ok()
            {
                timed.push(TimedCommand {
                    t_s: self.t_s,
                    command,
                });
                self.t_s += gap_s;
            }
        }
        self.t_s += GAP_S;
        self.steps.push(ExpertStep {
            words,
            commands: timed,
        });
    }

    /// Stimulation on, when it is off.
    fn stimulation_on(&mut self) {
        if !self.session.device().therapy_on {
            self.step(
                "Turn stimulation on.".into(),
                vec![RemoteKey::TherapyOn.into()],
                GAP_S,
            );
        }
    }

    /// Runs the copy on until the goal is met and relief has settled (or 90 % of the
    /// budget), adds the waiting step and returns the plan.
    fn finish(mut self, goal: &Goal, budget_s: f64, wait_words: Option<&str>) -> ExpertPlan {
        let last = (0.9 * budget_s).floor();
        let start = self.t_s.min(last);
        let steady = self.session.steady_view().pain.relief_percent;
        let mut t = start;
        loop {
            self.session.advance_to(t);
            let view = self.session.view();
            let (met, _) = judge(goal, &self.session, &view);
            let settled = view.pain.relief_percent >= 0.95 * steady - 0.5;
            if (met && settled) || t >= last {
                break;
            }
            t = (t + 30.0).min(last);
        }
        let finish_s = (t + 30.0).min(last).max(start);
        if let Some(w) = wait_words {
            let minutes = ((finish_s - start) / 60.0).ceil().max(1.0);
            self.say(format!(
                "{w} (about {minutes:.0} simulated minute{}), then finish.",
                if minutes == 1.0 { "" } else { "s" }
            ));
        }
        ExpertPlan {
            steps: self.steps,
            finish_s,
        }
    }
}

/// The expert's way through `exercise`, from `start` (the session as the exercise sets
/// it up). Every command is one a clinician may send; none uses a faulty contact.
pub fn plan(exercise: &Exercise, start: &Session) -> ExpertPlan {
    if let Goal::Pump(_) = &exercise.goal {
        // A pump exercise declares its expert way in words; tests/pump_exercises.rs plays
        // it step by step and holds it above 85.
        return ExpertPlan {
            steps: exercise
                .expert
                .iter()
                .map(|words| ExpertStep {
                    words: words.clone(),
                    commands: Vec::new(),
                })
                .collect(),
            finish_s: exercise.time_budget_s,
        };
    }
    let mut b = Builder::new(start);
    let wait = match &exercise.goal {
        Goal::Thresholds { .. } | Goal::NerveThresholds { .. } => {
            thresholds(&mut b, &exercise.goal);
            None
        }
        Goal::SafeWindow => {
            safe_window(&mut b);
            None
        }
        Goal::ParesthesiaFree { .. } => {
            high_frequency(&mut b);
            Some("Its relief builds slowly: let time run")
        }
        Goal::Pump(_) => None,
        Goal::Coverage { .. } | Goal::Relief { .. } | Goal::Placement { .. } => {
            if b.session.device().at_nerves() {
                nerve_coverage(&mut b, &exercise.goal);
            } else {
                tonic(&mut b, &exercise.goal);
            }
            Some("Let the relief build and ask how the pain is")
        }
    };
    b.finish(&exercise.goal, exercise.time_budget_s, wait)
}

/// Plays `plan` from the exercise's start as the clinician would, then runs simulated time
/// on to the plan's finish. A refused command is an error (the plan must be valid).
pub fn play(exercise: &Exercise, plan: &ExpertPlan) -> Result<Session, PlayError> {
    let mut s = exercise.start_session()?;
    for c in plan.commands() {
        s.advance_to(c.t_s);
        s.apply_as(Role::Clinician, c.command.clone())
            .map_err(|refusal| PlayError::Refused {
                t_s: c.t_s,
                refusal,
            })?;
    }
    s.advance_to(plan.finish_s);
    Ok(s)
}

/// The amplitude snapped up to the device's step.
fn step_up(ma: f64) -> f64 {
    (ma / AMPLITUDE_STEP_MA - 1e-6).ceil() * AMPLITUDE_STEP_MA
}

fn ma_words(v: f64) -> String {
    format!("{v:.1} mA")
}

/// Contacts in words: "lead 1: − on contact 2, + on 1 and 3".
pub fn contacts_words(code: &str) -> String {
    let leads: Vec<&str> = code.split('/').collect();
    let mut parts = Vec::new();
    for (l, lead) in leads.iter().enumerate() {
        let pick = |ch: char| -> Vec<String> {
            lead.chars()
                .enumerate()
                .filter(|(_, c)| *c == ch)
                .map(|(k, _)| k.to_string())
                .collect()
        };
        let (minus, plus) = (pick('-'), pick('+'));
        if minus.is_empty() && plus.is_empty() {
            continue;
        }
        let list = |v: &[String]| match v {
            [one] => format!("contact {one}"),
            [rest @ .., last] => format!("contacts {} and {last}", rest.join(", ")),
            [] => String::new(),
        };
        let mut p = Vec::new();
        if !minus.is_empty() {
            p.push(format!("cathode (−) on {}", list(&minus)));
        }
        if !plus.is_empty() {
            p.push(format!("anodes (+) on {}", list(&plus)));
        }
        let name = if leads.len() > 1 {
            format!("lead {}: ", l + 1)
        } else {
            String::new()
        };
        parts.push(format!("{name}{}", p.join(", ")));
    }
    parts.join("; ")
}

/// Where the patient feels the stimulation now, in the patient's words.
fn felt_where(s: &Session) -> String {
    let view = s.steady_view();
    let regions = crate::patient::anatomy::REGIONS;
    let felt: Vec<&str> = view
        .response
        .perception
        .paresthesia
        .iter()
        .enumerate()
        .filter(|(_, v)| **v >= 0.2)
        .filter_map(|(i, _)| regions.get(i).map(|r| r.words))
        .collect();
    match felt.as_slice() {
        [] => "\u{201c}nothing\u{201d}".into(),
        [one] => format!("\u{201c}{one}\u{201d}"),
        [rest @ .., last] => format!("\u{201c}{} and {last}\u{201d}", rest.join(", ")),
    }
}

/// Faulty contacts the impedance check shows, as a step; none when all are sound.
fn impedance_check(b: &mut Builder) {
    let d = b.session.device();
    let faults = d.impedances.faults();
    if faults.is_empty() {
        return;
    }
    let found: Vec<String> = faults
        .iter()
        .map(|f| {
            format!(
                "lead {} contact {} reads {} ({})",
                f.lead + 1,
                f.contact,
                ohms(d.impedances.ohm(f.lead, f.contact)),
                f.fault.describe()
            )
        })
        .collect();
    b.say(format!(
        "Run an impedance check: {}. Never use that contact.",
        found.join("; ")
    ));
}

/// An impedance in Ω or kΩ.
fn ohms(v: f64) -> String {
    if v >= 10_000.0 {
        format!("{:.0} kΩ", v / 1000.0)
    } else {
        format!("{v:.0} Ω")
    }
}

/// The amplitude from `from_ma` up on the copy's present contacts that an expert settles
/// on: among those that meet the goal, the lowest within a point of the best relief (or
/// the one that relieves most when none meets it). The search stops at discomfort, a
/// twitch or a safety warning.
fn titrate(s: &Session, goal: &Goal, from_ma: f64) -> Option<f64> {
    let mut tried: Vec<(bool, f64, f64)> = Vec::new();
    let mut ma = step_up(from_ma.max(AMPLITUDE_STEP_MA));
    let mut trial = s.clone();
    while ma <= crate::device::program::MAX_AMPLITUDE_MA + 1e-9 {
        if trial
            .apply_as(Role::Clinician, ProgrammerEdit::SetAmplitude(ma))
            .is_err()
        {
            break;
        }
        let view = trial.steady_view();
        let unsafe_now = view.alerts.iter().any(|w| w.code.stops_titration());
        if unsafe_now || view.response.perception.twitch {
            break;
        }
        let (met, _) = judge(goal, &trial, &view);
        tried.push((met, view.pain.relief_percent, ma));
        ma = ((ma + AMPLITUDE_STEP_MA) * 10.0).round() / 10.0;
    }
    // Not the last step before discomfort: an expert keeps a margin.
    if tried.len() > 2 {
        tried.pop();
    }
    let any_met = tried.iter().any(|t| t.0);
    let pool: Vec<&(bool, f64, f64)> = tried.iter().filter(|t| t.0 == any_met).collect();
    let best = pool.iter().map(|t| t.1).fold(f64::NEG_INFINITY, f64::max);
    pool.iter().find(|t| t.1 >= best - 1.0).map(|t| t.2)
}

/// Spinal cord, tonic: the assistant's contacts and pulse width, titrated to the goal.
fn tonic(b: &mut Builder, goal: &Goal) {
    impedance_check(b);
    b.stimulation_on();
    b.say(format!(
        "Ask where the patient feels the stimulation now; the answer: {}.",
        felt_where(&b.session)
    ));
    let Some(plan) = assistant::plan(&b.session.patient, b.session.device(), Therapy::Tonic) else {
        b.say("No working contacts remain: the leads need revision.".into());
        return;
    };
    let program = b.session.device().program().clone();
    let mut commands: Vec<Command> = Vec::new();
    if program.settings.waveform != Waveform::Tonic {
        commands.push(ProgrammerEdit::SetWaveform(Waveform::Tonic).into());
    }
    if program.electrodes.to_code() != plan.contacts || program.electrodes.case_fraction() > 0.0 {
        commands.push(
            ProgrammerEdit::SetContacts {
                code: plan.contacts.clone(),
                case_anode: false,
            }
            .into(),
        );
    }
    if program.settings.pulse_width_us != plan.settings.pulse_width_us {
        commands.push(ProgrammerEdit::SetPulseWidth(plan.settings.pulse_width_us).into());
    }
    let words = if commands.is_empty() {
        format!(
            "Keep the contacts ({}) and {:.0} µs.",
            contacts_words(&plan.contacts),
            plan.settings.pulse_width_us
        )
    } else {
        format!(
            "Program tonic at {:.0} µs with a guarded cathode where the tingling reaches the pain: {}.",
            plan.settings.pulse_width_us,
            contacts_words(&plan.contacts)
        )
    };
    b.step(words, commands, GAP_S);
    let pt = b.session.perception_threshold();
    let dt = b.session.discomfort_threshold();
    let from = pt.unwrap_or(0.0);
    let ma = titrate(&b.session, goal, from).unwrap_or(plan.settings.amplitude_ma);
    b.step(
        format!(
            "Raise the amplitude slowly, asking: the patient first feels it at about {} and finds it uncomfortable at about {}. Settle at {}.",
            pt.map_or("no level".into(), ma_words),
            dt.map_or("no level reached".into(), ma_words),
            ma_words(ma)
        ),
        vec![ProgrammerEdit::SetAmplitude(ma).into()],
        GAP_S,
    );
    b.say(format!(
        "Ask where it tingles now; the answer: {}.",
        felt_where(&b.session)
    ));
}

/// 10 kHz: the assistant's bipole and amplitude.
fn high_frequency(b: &mut Builder) {
    impedance_check(b);
    let Some(plan) = assistant::plan(
        &b.session.patient,
        b.session.device(),
        Therapy::HighFrequency,
    ) else {
        b.say("No working contacts remain: the leads need revision.".into());
        return;
    };
    b.step(
        format!(
            "Choose the high-frequency waveform (10 kHz, 30 µs) on a bipole over the T9–T10 disc: {}.",
            contacts_words(&plan.contacts)
        ),
        vec![
            ProgrammerEdit::SetWaveform(Waveform::HighFrequency).into(),
            ProgrammerEdit::SetContacts {
                code: plan.contacts.clone(),
                case_anode: false,
            }
            .into(),
        ],
        GAP_S,
    );
    b.step(
        format!(
            "Set {} (1–5 mA) without asking for tingling: 10 kHz is not felt.",
            ma_words(plan.settings.amplitude_ma)
        ),
        vec![ProgrammerEdit::SetAmplitude(plan.settings.amplitude_ma).into()],
        GAP_S,
    );
    b.stimulation_on();
}

/// Perception threshold, then discomfort (spinal) or motor (nerve) threshold, by a ramp of
/// 0.1 mA every 2 s; then a comfortable setting.
fn thresholds(b: &mut Builder, goal: &Goal) {
    b.stimulation_on();
    let nerve = matches!(goal, Goal::NerveThresholds { .. });
    let pt = b.session.perception_threshold();
    let upper = if nerve {
        b.session.motor_threshold()
    } else {
        b.session.discomfort_threshold()
    };
    let (Some(pt), Some(upper)) = (pt, upper) else {
        b.say("This contact setting is never felt: choose other contacts first.".into());
        return;
    };
    let start = (0.5 * pt * 10.0).floor() / 10.0;
    let ramp = |from: f64, to: f64| -> Vec<Command> {
        let n = ((to - from) / AMPLITUDE_STEP_MA).round() as i64;
        (0..=n)
            .map(|k| {
                let v = ((from + k as f64 * AMPLITUDE_STEP_MA) * 10.0).round() / 10.0;
                ProgrammerEdit::SetAmplitude(v).into()
            })
            .collect()
    };
    let pt_at = step_up(pt);
    let up_at = step_up(upper);
    b.step(
        format!(
            "Start low ({}) and raise the amplitude 0.1 mA every 2 s (the ramp), asking what the patient feels.",
            ma_words(start)
        ),
        ramp(start, pt_at),
        RAMP_S,
    );
    b.step(
        format!(
            "At the first tingling ({}) mark the perception threshold.",
            ma_words(pt_at)
        ),
        vec![ProgrammerEdit::MarkThreshold(Threshold::Perception).into()],
        GAP_S,
    );
    let (what, which) = if nerve {
        ("the first muscle contraction", Threshold::Motor)
    } else {
        ("the first complaint", Threshold::Discomfort)
    };
    b.step(
        format!(
            "Keep raising 0.1 mA at a time to {what} ({}) and mark it.",
            ma_words(up_at)
        ),
        {
            let mut c = ramp(pt_at + AMPLITUDE_STEP_MA, up_at);
            c.push(ProgrammerEdit::MarkThreshold(which).into());
            c
        },
        RAMP_S,
    );
    // Leave the patient comfortable: a little above PT for a spinal cord, a little above
    // the motor threshold on a mixed nerve where a contraction is wanted.
    let settle = if nerve {
        let cramp = b.session.discomfort_threshold().unwrap_or(f64::INFINITY);
        ((upper * 1.12).min(cramp - 0.2) * 10.0).round() / 10.0
    } else {
        ((pt * 1.2).min(upper - 0.2) * 10.0).round() / 10.0
    };
    b.step(
        format!(
            "Settle at a comfortable {} ({}).",
            ma_words(settle),
            if nerve {
                "a little above the motor threshold: a gentle contraction is wanted here"
            } else {
                "about 20 % above the perception threshold"
            }
        ),
        vec![ProgrammerEdit::SetAmplitude(settle).into()],
        GAP_S,
    );
}

/// The patient's window under the charge-density limit at the present pulse width.
fn safe_window(b: &mut Builder) {
    let program = b.session.device().program().clone();
    let amplitude = program.settings.amplitude_ma;
    let mut max = program.window.max_ma;
    let mut trial = b.session.clone();
    while max > amplitude {
        let w = PatientWindow {
            min_ma: program.window.min_ma.min(amplitude),
            max_ma: max,
        };
        let ok = trial
            .apply_as(Role::Clinician, ProgrammerEdit::SetPatientWindow(w))
            .is_ok()
            && !trial
                .view()
                .alerts
                .iter()
                .any(|a| a.code == WarningCode::WindowChargeDensity);
        if ok {
            break;
        }
        max = ((max - AMPLITUDE_STEP_MA) * 10.0).round() / 10.0;
    }
    let max = max.max(amplitude);
    let area_cm2 = crate::device::lead::contact_area_mm2() / 100.0;
    b.say(format!(
        "Work out the limit: charge density = amplitude × pulse width / contact area; at {:.0} µs on a {:.4} cm² contact, 30 µC/cm² is reached near {:.1} mA.",
        program.settings.pulse_width_us,
        area_cm2,
        30.0 * area_cm2 / (program.settings.pulse_width_us * 1e-3)
    ));
    b.step(
        format!(
            "Set the patient's range to {}–{} mA: it still reaches the working {} and stays under the limit.",
            num(program.window.min_ma.min(amplitude)),
            num(max),
            ma_words(amplitude)
        ),
        vec![
            ProgrammerEdit::SetPatientWindow(PatientWindow {
                min_ma: program.window.min_ma.min(amplitude),
                max_ma: max,
            })
            .into(),
        ],
        GAP_S,
    );
}

fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// Peripheral nerves: the introducer distance (a lead not yet deployed) or the guarded
/// cathode along the lead, and the amplitude, found by test stimulation on copies.
fn nerve_coverage(b: &mut Builder, goal: &Goal) {
    b.stimulation_on();
    b.say(format!(
        "Ask where the patient feels the stimulation now; the answer: {}.",
        felt_where(&b.session)
    ));
    let loose: Vec<usize> = b
        .session
        .device()
        .nerve_leads
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.deployed)
        .map(|(i, _)| i)
        .collect();
    if loose.is_empty() {
        nerve_contacts(b, goal);
    } else {
        for lead in loose {
            place(b, goal, lead);
        }
    }
}

/// Tries each guarded cathode along every multi-contact lead; keeps the one that meets
/// the goal at the lowest amplitude (or relieves most).
fn nerve_contacts(b: &mut Builder, goal: &Goal) {
    let d = b.session.device();
    let sizes: Vec<usize> = (0..d.lead_count())
        .map(|i| d.lead_model(i).contacts())
        .collect();
    let mut best: Option<(bool, f64, String, f64)> = None;
    for (l, &n) in sizes.iter().enumerate() {
        for cathode in 1..n.saturating_sub(1) {
            let code: Vec<String> = sizes
                .iter()
                .enumerate()
                .map(|(i, &m)| {
                    (0..m)
                        .map(|k| match (i == l, k as isize - cathode as isize) {
                            (true, 0) => '-',
                            (true, -1 | 1) => '+',
                            _ => '0',
                        })
                        .collect()
                })
                .collect();
            let code = code.join("/");
            let mut trial = b.session.clone();
            let set = ProgrammerEdit::SetContacts {
                code: code.clone(),
                case_anode: false,
            };
            if trial.apply_as(Role::Clinician, set).is_err() {
                continue;
            }
            let from = trial.perception_threshold().unwrap_or(0.0);
            let Some(ma) = titrate(&trial, goal, from) else {
                continue;
            };
            let _ = trial.apply_as(Role::Clinician, ProgrammerEdit::SetAmplitude(ma));
            let view = trial.steady_view();
            let (met, _) = judge(goal, &trial, &view);
            let relief = view.pain.relief_percent;
            let better = best
                .as_ref()
                .is_none_or(|(bm, br, _, _)| (met && !bm) || (met == *bm && relief > br + 0.5));
            if better {
                best = Some((met, relief, code, ma));
            }
        }
    }
    let Some((_, _, code, ma)) = best else {
        b.say("No contact reaches the nerve: the lead needs revision.".into());
        return;
    };
    b.step(
        format!(
            "Move the guarded cathode along the lead to where the nerve now crosses it: {}.",
            contacts_words(&code)
        ),
        vec![
            ProgrammerEdit::SetContacts {
                code,
                case_anode: false,
            }
            .into(),
        ],
        GAP_S,
    );
    let pt = b.session.perception_threshold();
    b.step(
        format!(
            "Raise the amplitude, asking: first felt at about {}; settle at {}, below any twitch or discomfort.",
            pt.map_or("no level".into(), ma_words),
            ma_words(ma)
        ),
        vec![ProgrammerEdit::SetAmplitude(ma).into()],
        GAP_S,
    );
}

/// A percutaneous lead in its introducer: the distance and amplitude that meet the goal
/// once deployed (the closest comfortable distance that works), then deploy.
fn place(b: &mut Builder, goal: &Goal, lead: usize) {
    let Some(site) = b.session.device().nerve_leads.get(lead).map(|l| l.site) else {
        return;
    };
    let mut found: Option<(f64, f64)> = None;
    let mut distances: Vec<f64> = (2..=24).map(f64::from).collect();
    // Remote targeting: try 0.5–1.0 cm first, then nearer and further.
    distances.sort_by(|a, b| (a - 7.5).abs().total_cmp(&(b - 7.5).abs()));
    for d in distances {
        let mut trial = b.session.clone();
        let moved = trial.apply_as(
            Role::Clinician,
            ProgrammerEdit::MoveIntroducer {
                lead,
                distance_mm: d,
            },
        );
        let deployed = trial.apply_as(Role::Clinician, ProgrammerEdit::DeployLead(lead));
        if moved.is_err() || deployed.is_err() {
            continue;
        }
        let from = trial.perception_threshold().unwrap_or(0.0);
        let Some(ma) = titrate(&trial, goal, from) else {
            continue;
        };
        let _ = trial.apply_as(Role::Clinician, ProgrammerEdit::SetAmplitude(ma));
        if judge(goal, &trial, &trial.steady_view()).0 {
            found = Some((d, ma));
            break;
        }
    }
    let Some((d, ma)) = found else {
        b.say(format!(
            "No distance from the {} covers the pain without a twitch: reconsider the target.",
            site.nerve
        ));
        return;
    };
    b.step(
        format!(
            "Under ultrasound, move lead {}'s introducer to about {d:.0} mm from the {} (it starts at {:.0} mm).",
            lead + 1,
            site.nerve,
            site.distance_mm
        ),
        vec![
            ProgrammerEdit::MoveIntroducer {
                lead,
                distance_mm: d,
            }
            .into(),
        ],
        GAP_S,
    );
    b.step(
        format!(
            "With test stimulation, raise the amplitude to {}: the patient feels it where it hurts, with no twitch.",
            ma_words(ma)
        ),
        vec![ProgrammerEdit::SetAmplitude(ma).into()],
        GAP_S,
    );
    b.step(
        format!("Deploy lead {} there.", lead + 1),
        vec![ProgrammerEdit::DeployLead(lead).into()],
        GAP_S,
    );
}
