//! Edits on the clinician programmer: settings, contacts, the patient's window, programs,
//! thresholds and the paresthesia map. The caller has checked the clinician is logged in.

use super::ctx::{Ctx, setting};
use super::programs;
use crate::device::lead::{CONTACTS_PER_LEAD, Electrodes, MAX_LEADS, Polarity};
use crate::device::program::{AMPLITUDE_STEP_MA, MAX_AMPLITUDE_MA, Settings, snap};
use crate::implant::command::{Event, ProgrammerEdit, Threshold};
use crate::implant::refusal::Refusal;

/// Applies a programmer edit.
pub(super) fn apply(s: &mut Ctx, edit: &ProgrammerEdit) -> Result<Vec<Event>, Refusal> {
    match edit {
        ProgrammerEdit::SetAmplitude(ma) => set_amplitude(s, *ma),
        ProgrammerEdit::SetPulseWidth(us) => edit_settings(s, |st| st.pulse_width_us = *us),
        ProgrammerEdit::SetRate(hz) => edit_settings(s, |st| st.rate_hz = *hz),
        ProgrammerEdit::SetBurst { pulses, rate_hz } => edit_settings(s, |st| {
            st.burst_pulses = *pulses;
            st.burst_rate_hz = *rate_hz;
        }),
        ProgrammerEdit::SetCycling(c) => edit_settings(s, |st| st.cycling = *c),
        ProgrammerEdit::SetSoftStart(sec) => edit_settings(s, |st| st.soft_start_s = *sec),
        ProgrammerEdit::SetWaveform(w) => {
            let old = s.device_mut().program().settings;
            s.device_mut().program_mut().settings = Settings {
                cycling: old.cycling,
                soft_start_s: old.soft_start_s,
                ..w.defaults()
            };
            Ok(vec![Event::AmplitudeZeroed(format!(
                "waveform changed to {w}"
            ))])
        }
        ProgrammerEdit::SetContact {
            lead,
            contact,
            polarity,
        } => set_contact(s, *lead, *contact, *polarity),
        ProgrammerEdit::SetContacts { code, case_anode } => {
            let e = Electrodes::parse(code, *case_anode)
                .map_err(|e| Refusal::Contacts(e.to_string()))?;
            s.check_leads(&e)?;
            s.device_mut().program_mut().electrodes = e;
            s.device_mut().program_mut().settings.amplitude_ma = 0.0;
            Ok(vec![Event::AmplitudeZeroed("polarity changed".into())])
        }
        ProgrammerEdit::SetFractions {
            percent,
            case_percent,
        } => {
            let mut e = s.device_mut().program().electrodes.clone();
            e.set_percentages(percent, *case_percent)
                .map_err(|e| Refusal::Contacts(e.to_string()))?;
            s.device_mut().program_mut().electrodes = e;
            Ok(vec![Event::Changed("current split changed".into())])
        }
        ProgrammerEdit::SetPatientWindow(w) => {
            if let Some(p) = w.problems().into_iter().next() {
                return Err(setting(p));
            }
            s.device_mut().program_mut().window = *w;
            Ok(vec![Event::Changed(format!(
                "patient window {}–{} mA",
                w.min_ma, w.max_ma
            ))])
        }
        ProgrammerEdit::MarkThreshold(which) => mark_threshold(s, *which),
        ProgrammerEdit::SaveParesthesiaMap => save_paresthesia_map(s),
        ProgrammerEdit::AskPatient(q) => {
            let view = s.felt();
            Ok(vec![Event::Answer(crate::patient::interview::answer(
                *q,
                s.host.patient,
                &view.response.perception,
                &view.pain,
                (s.host.seed, s.host.t_s),
            ))])
        }
        ProgrammerEdit::LoadProgram(spec) => programs::load(s, spec),
        ProgrammerEdit::NewProgram { name } => programs::new(s, name),
        ProgrammerEdit::CopyProgram(i) => programs::copy(s, *i),
        ProgrammerEdit::RenameProgram(name) => programs::rename(s, name),
        ProgrammerEdit::DeleteProgram(i) => programs::delete(s, *i),
        ProgrammerEdit::MoveIntroducer { lead, distance_mm } => {
            super::nerve::move_introducer(s, *lead, *distance_mm)
        }
        ProgrammerEdit::DeployLead(lead) => super::nerve::deploy(s, *lead),
        ProgrammerEdit::RemoveLead(lead) => super::nerve::withdraw(s, *lead),
        ProgrammerEdit::CheckImpedances => super::mri_rules::check_impedances(s),
        ProgrammerEdit::SetClosedLoop(settings) => super::loop_rules::set(s, settings.as_ref()),
        ProgrammerEdit::Pump(_) => Err(s.not_mine(edit.clone())),
    }
}

fn set_amplitude(s: &mut Ctx, ma: f64) -> Result<Vec<Event>, Refusal> {
    if !ma.is_finite() || !(0.0..=MAX_AMPLITUDE_MA).contains(&ma) {
        return Err(Refusal::Setting {
            field: "amplitude_ma".into(),
            message: format!("amplitude {ma} mA is outside 0–{MAX_AMPLITUDE_MA} mA"),
        });
    }
    let v = snap(ma, AMPLITUDE_STEP_MA);
    s.device_mut().program_mut().settings.amplitude_ma = v;
    Ok(vec![Event::Amplitude(v)])
}

fn mark_threshold(s: &mut Ctx, which: Threshold) -> Result<Vec<Event>, Refusal> {
    if s.device_mut().delivered_ma() <= 0.0 {
        return Err(Refusal::ThresholdNeedsStimulation);
    }
    let ma = s.device_mut().program().settings.amplitude_ma;
    let notes = &mut s.device_mut().program_mut().notes;
    match which {
        Threshold::Perception => notes.measured_pt_ma = Some(ma),
        Threshold::Discomfort => notes.measured_dt_ma = Some(ma),
        Threshold::Motor => notes.measured_mt_ma = Some(ma),
    }
    Ok(vec![Event::Changed(format!(
        "{which:?} threshold marked at {ma:.1} mA"
    ))])
}

fn save_paresthesia_map(s: &mut Ctx) -> Result<Vec<Event>, Refusal> {
    if s.device_mut().delivered_ma() <= 0.0 {
        return Err(Refusal::MapNeedsStimulation);
    }
    let view = s.felt();
    let map = crate::patient::anatomy::REGIONS
        .iter()
        .zip(view.response.perception.paresthesia)
        .filter(|(_, v)| *v >= 0.05)
        .map(|(r, v)| (r.name.to_string(), (v * 100.0).round() / 100.0))
        .collect();
    let notes = &mut s.device_mut().program_mut().notes;
    notes.paresthesia_map = map;
    notes.patient_words = Some(view.speech);
    Ok(vec![Event::Changed(
        "paresthesia map saved with the program".into(),
    )])
}

fn edit_settings(s: &mut Ctx, change: impl FnOnce(&mut Settings)) -> Result<Vec<Event>, Refusal> {
    let mut next = s.device_mut().program().settings;
    change(&mut next);
    if let Some(p) = next.problems().into_iter().next() {
        return Err(setting(p));
    }
    s.device_mut().program_mut().settings = next.snapped();
    Ok(vec![Event::Changed("settings changed".into())])
}

fn set_contact(
    s: &mut Ctx,
    lead: usize,
    contact: usize,
    polarity: Polarity,
) -> Result<Vec<Event>, Refusal> {
    if lead >= s.device().lead_count().min(MAX_LEADS) {
        return Err(Refusal::NoLead { lead });
    }
    if polarity != Polarity::Off
        && let Some(f) = s.device_mut().impedances.fault(lead, contact)
    {
        return Err(Refusal::ContactDisabled {
            lead,
            contact,
            fault: f.describe().to_string(),
        });
    }
    let e = &mut s.device_mut().program_mut().electrodes;
    while e.leads.len() <= lead {
        e.leads.push([Polarity::Off; CONTACTS_PER_LEAD]);
    }
    e.set_polarity(lead, contact, polarity)
        .map_err(|e| Refusal::Contacts(e.to_string()))?;
    s.device_mut().program_mut().settings.amplitude_ma = 0.0;
    Ok(vec![Event::AmplitudeZeroed("polarity changed".into())])
}
