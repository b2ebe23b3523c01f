//! Every number of the command vocabulary, probed with NaN, infinities and ±1e308: each is
//! refused by its own rule (never as "not allowed") and changes nothing, in short words;
//! a pump exercise's goal refuses them too, and so does every number of every built-in
//! file; a huge index is refused without overflow.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use scs_sim::session::{AccessRequest, Command, Refusal, Role, Session};

/// (patient, commands that prepare, a command with `X` where the number goes).
type Probe = (&'static str, &'static [&'static str], &'static str);

/// Every numeric field the clinician programmer, the scene and the pump's tasks take.
const PROBES: &[Probe] = &[
    ("fbss", &[], "Programmer(SetAmplitude(X))"),
    ("fbss", &[], "Programmer(SetPulseWidth(X))"),
    ("fbss", &[], "Programmer(SetRate(X))"),
    ("fbss", &[], "Programmer(SetBurst(pulses: 5, rate_hz: X))"),
    (
        "fbss",
        &["Programmer(SetWaveform(Burst))"],
        "Programmer(SetBurst(pulses: 5, rate_hz: X))",
    ),
    (
        "fbss",
        &[],
        "Programmer(SetPatientWindow((min_ma: X, max_ma: 5.0)))",
    ),
    (
        "fbss",
        &[],
        "Programmer(SetPatientWindow((min_ma: 0.0, max_ma: X)))",
    ),
    (
        "fbss",
        &[],
        "Programmer(SetCycling(Some((on_s: X, off_s: 60.0))))",
    ),
    (
        "fbss",
        &[],
        "Programmer(SetCycling(Some((on_s: 60.0, off_s: X))))",
    ),
    ("fbss", &[], "Programmer(SetSoftStart(X))"),
    (
        "fbss",
        &[],
        "Programmer(SetFractions(percent: [[0.0, 0.0, 0.0, X, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]], case_percent: None))",
    ),
    (
        "phantom-limb",
        &[],
        "Programmer(SetFractions(percent: [[X], [85.0]], case_percent: Some(100.0)))",
    ),
    (
        "phantom-limb",
        &[],
        "Programmer(SetFractions(percent: [[15.0], [85.0]], case_percent: Some(X)))",
    ),
    (
        "phantom-limb",
        &[],
        "Programmer(MoveIntroducer(lead: 0, distance_mm: X))",
    ),
    (
        "fbss",
        &[],
        "Programmer(LoadProgram((version: 1, name: \"p\", waveform: Tonic, amplitude_ma: X, pulse_width_us: 300, rate_hz: 50, contacts: \"0+-+0000\", patient_window: (min_ma: 0.0, max_ma: 6.0))))",
    ),
    (
        "fbss",
        &[],
        "Programmer(LoadProgram((version: 1, name: \"p\", waveform: Tonic, amplitude_ma: 1.0, pulse_width_us: X, rate_hz: 50, contacts: \"0+-+0000\", patient_window: (min_ma: 0.0, max_ma: 6.0))))",
    ),
    (
        "fbss",
        &[],
        "Programmer(LoadProgram((version: 1, name: \"p\", waveform: Tonic, amplitude_ma: 1.0, pulse_width_us: 300, rate_hz: X, contacts: \"0+-+0000\", patient_window: (min_ma: 0.0, max_ma: 6.0))))",
    ),
    (
        "fbss",
        &[],
        "Programmer(LoadProgram((version: 1, name: \"p\", waveform: Tonic, amplitude_ma: 1.0, pulse_width_us: 300, rate_hz: 50, contacts: \"0+-+0000\", patient_window: (min_ma: X, max_ma: 6.0))))",
    ),
    (
        "fbss",
        &[],
        "Programmer(LoadProgram((version: 1, name: \"p\", waveform: Tonic, amplitude_ma: 1.0, pulse_width_us: 300, rate_hz: 50, contacts: \"0+-+0000\", patient_window: (min_ma: 0.0, max_ma: X))))",
    ),
    (
        "fbss",
        &[],
        "Programmer(LoadProgram((version: 1, name: \"p\", waveform: Burst, amplitude_ma: 1.0, pulse_width_us: 1000, rate_hz: 40, burst_pulses: 5, burst_rate_hz: X, contacts: \"0+-+0000\", patient_window: (min_ma: 0.0, max_ma: 6.0))))",
    ),
    ("fbss", &[], "World(SetCsf(Some(X)))"),
    ("fbss", &[], "World(SetBattery(X))"),
    (
        "fbss",
        &[],
        "World(SetPain([X, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]))",
    ),
    (
        "pump-cancer-morphine",
        &[],
        "World(SetPain([X, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]))",
    ),
    (
        "fbss",
        &[],
        "World(PlaceLead(lead: 0, placement: (level: \"T8\", lateral_mm: X)))",
    ),
    (
        "phantom-limb",
        &[],
        "World(PlaceNerveLead(lead: 0, site: (nerve: femoral, side: Left, along_mm: X, distance_mm: 7.0, depth_mm: 30.0)))",
    ),
    (
        "phantom-limb",
        &[],
        "World(PlaceNerveLead(lead: 0, site: (nerve: femoral, side: Left, along_mm: 30.0, distance_mm: X, depth_mm: 30.0)))",
    ),
    (
        "phantom-limb",
        &[],
        "World(PlaceNerveLead(lead: 0, site: (nerve: femoral, side: Left, along_mm: 30.0, distance_mm: 7.0, depth_mm: X)))",
    ),
    (
        "pump-cancer-morphine",
        &[],
        "Programmer(Pump(SetDrug(drug: morphine, concentration_mg_per_ml: X)))",
    ),
    (
        "pump-cancer-morphine",
        &[],
        "Programmer(Pump(SetDailyDose(X)))",
    ),
    (
        "pump-cancer-morphine",
        &[],
        "Programmer(Pump(SetMode(Flex([(start_h: X, daily_dose_mg: 1.0)]))))",
    ),
    (
        "pump-cancer-morphine",
        &[],
        "Programmer(Pump(SetMode(Flex([(start_h: 0.0, daily_dose_mg: X)]))))",
    ),
    (
        "pump-cancer-morphine",
        &[],
        "Programmer(Pump(SetBolus(Some((dose_mg: X, lockout_h: 1.0, max_per_day: 4)))))",
    ),
    (
        "pump-cancer-morphine",
        &[],
        "Programmer(Pump(SetBolus(Some((dose_mg: 0.1, lockout_h: X, max_per_day: 4)))))",
    ),
    (
        "pump-cancer-morphine",
        &[],
        "Programmer(Pump(SetLowReservoirAlarm(X)))",
    ),
    (
        "pump-cancer-morphine",
        &[],
        "Programmer(Pump(ClinicianBolus(X)))",
    ),
    (
        "pump-cancer-morphine",
        &[
            "Programmer(Pump(Interrogate))",
            "Programmer(Pump(Refill(Begin)))",
            "Programmer(Pump(Refill(InsertNeedle(port: Reservoir, kit: Refill))))",
            "Programmer(Pump(Refill(Aspirate)))",
        ],
        "Programmer(Pump(Refill(Fill(drug: morphine, concentration_mg_per_ml: X, volume_ml: 10.0))))",
    ),
    (
        "pump-cancer-morphine",
        &[
            "Programmer(Pump(Interrogate))",
            "Programmer(Pump(Refill(Begin)))",
            "Programmer(Pump(Refill(InsertNeedle(port: Reservoir, kit: Refill))))",
            "Programmer(Pump(Refill(Aspirate)))",
        ],
        "Programmer(Pump(Refill(Fill(drug: morphine, concentration_mg_per_ml: 10.0, volume_ml: X))))",
    ),
    (
        "pump-cancer-morphine",
        &[
            "Programmer(Pump(Interrogate))",
            "Programmer(Pump(Refill(Begin)))",
            "Programmer(Pump(Refill(InsertNeedle(port: Reservoir, kit: Refill))))",
            "Programmer(Pump(Refill(Aspirate)))",
            "Programmer(Pump(Refill(RemoveNeedle)))",
        ],
        "Programmer(Pump(Refill(Finish(volume_ml: X))))",
    ),
    ("pump-cancer-morphine", &[], "World(Pump(FlowFactor(X)))"),
    ("pump-cancer-morphine", &[], "World(Pump(Reservoir(X)))"),
    ("pump-cancer-morphine", &[], "World(Pump(TrueReservoir(X)))"),
    ("pump-cancer-morphine", &[], "World(Pump(EriInDays(X)))"),
];

/// The patient's session with the clinician logged in.
fn start(id: &str) -> Session {
    let (p, i) = scs_sim::library::open(id).unwrap();
    let mut s = Session::hosting(p, i, Role::Patient, 3);
    s.apply(AccessRequest::EnterClinician {
        pin: scs_sim::clinician::DEFAULT_PIN.into(),
    })
    .unwrap();
    s
}

fn command(text: &str) -> Command {
    ron::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// The implant as text: NaN and infinities show as `NaN` and `inf`.
fn state(s: &Session) -> String {
    format!("{:?}", s.implant())
}

/// Each probe with each of `values` in place of `X` is refused by its own rule (never as
/// "not allowed"), changes nothing, and says so in short words.
fn refused_by_its_own_rule(values: &[&str]) {
    for (id, prepare, template) in PROBES {
        for x in values {
            let mut s = start(id);
            for p in *prepare {
                s.apply_as(Role::Clinician, command(p))
                    .unwrap_or_else(|e| panic!("{p}: {e}"));
            }
            let before = state(&s);
            let c = command(&template.replace('X', x));
            let refusal = s.apply_as(Role::Clinician, c.clone()).err();
            assert!(
                refusal.is_some() && refusal != Some(Refusal::NotAllowed),
                "{id}: {c:?} was not refused by its own rule: {refusal:?}"
            );
            assert_eq!(state(&s), before, "{id}: {c:?} changed the implant");
            let said = scs_sim::files::readable(&refusal.unwrap().to_string());
            assert!(said.len() < 200, "{id}: {said}");
        }
    }
}

#[test]
fn a_number_that_is_not_finite_is_refused_by_its_own_rule_and_changes_nothing() {
    refused_by_its_own_rule(&["NaN", "inf", "-inf"]);
}

/// ±1e308 is beyond every range (a bolus too: no more than a full reservoir holds).
#[test]
fn a_huge_number_is_refused_by_its_own_rule_in_short_words() {
    refused_by_its_own_rule(&["1e308", "-1e308"]);
}

/// Indices far past what any implant has (a session file can hold them).
const HUGE_INDICES: &[(&str, &str)] = &[
    ("fbss", "Remote(SelectProgram(18446744073709551615))"),
    ("fbss", "Programmer(CopyProgram(18446744073709551615))"),
    ("fbss", "Programmer(DeleteProgram(18446744073709551615))"),
    (
        "fbss",
        "Programmer(SetContact(lead: 18446744073709551615, contact: 18446744073709551615, polarity: Anode))",
    ),
    (
        "fbss",
        "World(InjectFault((lead: 18446744073709551615, contact: 18446744073709551615, fault: Open)))",
    ),
    (
        "fbss",
        "World(PlaceLead(lead: 18446744073709551615, placement: (level: \"T8\", lateral_mm: 0.0)))",
    ),
    (
        "phantom-limb",
        "Programmer(DeployLead(18446744073709551615))",
    ),
    (
        "phantom-limb",
        "Programmer(MoveIntroducer(lead: 18446744073709551615, distance_mm: 3.0))",
    ),
];

/// A command naming program or lead 2^64 − 1 is refused, and its words (the log's, the
/// refusal's) count from 1 without overflowing.
#[test]
fn a_huge_index_is_refused_in_words_without_overflow() {
    for (id, text) in HUGE_INDICES {
        let mut s = start(id);
        let c = command(text);
        let words = scs_sim::session::action_words::action_words(&c, None);
        assert!(words.contains("18446744073709551615"), "{words}");
        let refusal = s.apply_as(Role::Clinician, c).unwrap_err();
        assert!(!refusal.to_string().is_empty());
    }
}

/// A pump exercise's goal with a NaN, an infinity or an impossible number is refused when
/// the file is read, at the goal's line.
#[test]
fn pump_exercise_goals_refuse_numbers_that_are_not_finite_or_impossible() {
    use scs_sim::training::exercise::{BUILT_IN, parse_exercise};
    let mut probed = 0;
    for (id, text) in BUILT_IN {
        let Some(line) = text
            .lines()
            .find(|l| l.trim_start().starts_with("goal: Pump("))
        else {
            continue;
        };
        let numbers: Vec<&str> = line
            .split([' ', ',', ')', '('])
            .filter(|w| w.parse::<f64>().is_ok())
            .collect();
        assert!(!numbers.is_empty(), "{id}: {line}");
        for n in numbers {
            for bad in ["NaN", "inf", "-inf", "1e308", "-1e308"] {
                let edited = text.replace(
                    line,
                    &line.replacen(&format!(": {n}"), &format!(": {bad}"), 1),
                );
                assert_ne!(edited, *text, "{id}: {n}");
                let e = parse_exercise(std::path::Path::new("x.ron"), &edited)
                    .err()
                    .unwrap_or_else(|| panic!("{id}: goal number {n} as {bad} was accepted"));
                // A count (boluses a day) refuses, as it is read, a number that is not a
                // whole one or that no count can be.
                let said = e.to_string();
                assert!(
                    [
                        "must be",
                        "whole number",
                        "not written as scs-sim reads numbers"
                    ]
                    .iter()
                    .any(|w| said.contains(w)),
                    "{id}: {e}"
                );
                probed += 1;
            }
        }
    }
    assert!(probed >= 40, "{probed} goal numbers probed");
}

/// The places of the numbers written in a RON text: outside strings and comments, each a
/// whole token (not part of a name such as `T9` or `L5`).
fn number_places(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut places = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let bytes = line.as_bytes();
        let mut in_string = false;
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if c == b'"' && (i == 0 || bytes[i - 1] != b'\\') {
                in_string = !in_string;
            } else if !in_string && line[i..].starts_with("//") {
                break;
            }
            let starts = c.is_ascii_digit()
                || (c == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
            let after_name =
                i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
            if !in_string && starts && !after_name {
                let end = (i + 1..bytes.len())
                    .find(|&j| {
                        !(bytes[j].is_ascii_digit() || matches!(bytes[j], b'.' | b'e' | b'E'))
                    })
                    .unwrap_or(bytes.len());
                let whole = !bytes
                    .get(end)
                    .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_');
                if whole {
                    places.push(offset + i..offset + end);
                }
                i = end;
                continue;
            }
            i += 1;
        }
        offset += line.len();
    }
    places
}

/// Every number of every built-in patient, program and exercise file, replaced in turn by
/// NaN, an infinity or ±1e308, makes the file refused when it is read.
#[test]
fn every_number_in_a_built_in_file_refuses_nan_infinities_and_1e308() {
    use scs_sim::device::spec::{BUILT_IN_PROGRAMS, parse_program};
    use scs_sim::training::exercise::{self, parse_exercise};
    type Parse = fn(&std::path::Path, &str) -> bool;
    let patients: Parse = |p, t| scs_sim::library::pump::parse(p, t).is_ok();
    let programs: Parse = |p, t| parse_program(p, t).is_ok();
    let exercises: Parse = |p, t| parse_exercise(p, t).is_ok();
    let kinds: [(Parse, Vec<(&str, &str)>); 3] = [
        (
            patients,
            scs_sim::library::BUILT_IN
                .iter()
                .chain(scs_sim::library::pump::BUILT_IN.iter())
                .copied()
                .collect(),
        ),
        (programs, BUILT_IN_PROGRAMS.to_vec()),
        (exercises, exercise::BUILT_IN.to_vec()),
    ];
    let path = std::path::Path::new("probe.ron");
    let mut probed = 0;
    for (parses, files) in kinds {
        for (id, text) in files {
            assert!(parses(path, text), "{id} as shipped");
            for place in number_places(text) {
                let line = text[..place.start].lines().count();
                for bad in ["NaN", "inf", "-inf", "1e308", "-1e308"] {
                    let edited = format!("{}{bad}{}", &text[..place.start], &text[place.end..]);
                    assert!(
                        !parses(path, &edited),
                        "{id}, line {line}: {} as {bad} was accepted",
                        &text[place.clone()]
                    );
                    probed += 1;
                }
            }
        }
    }
    assert!(probed > 1000, "{probed} numbers probed");
}
