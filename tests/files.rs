//! Program and patient files: every shipped file loads; bad ones are refused with file,
//! line and column; saves are atomic; arbitrary bytes never panic a loader.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use scs_sim::device::spec::{BUILT_IN_PROGRAMS, load_program, parse_program, save_program};
use scs_sim::files::FileError;
use scs_sim::library::BUILT_IN;
use scs_sim::library::spec::parse_patient;
use std::path::Path;

const GOOD: &str = r#"Program(
    version: 1,
    name: "Test",
    waveform: Tonic,
    amplitude_ma: 2.0,
    pulse_width_us: 300,
    rate_hz: 50,
    contacts: "0+-+0000",
    patient_window: (min_ma: 0.0, max_ma: 6.0),
)"#;

fn err(text: &str) -> String {
    parse_program(Path::new("p.ron"), text)
        .unwrap_err()
        .to_string()
}

#[test]
fn every_shipped_file_loads() {
    for (name, text) in BUILT_IN_PROGRAMS {
        parse_program(Path::new(name), text).unwrap_or_else(|e| panic!("{e}"));
    }
    for (id, text) in BUILT_IN {
        let (p, d) = parse_patient(Path::new(id), text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.id, id);
        assert!(!d.programs.is_empty() && d.programs.len() <= 4);
    }
}

/// Each asset folder holds exactly the files compiled in, under their ids, byte for byte:
/// a file added to the folder but not built in (or built in from elsewhere) is caught.
#[test]
fn the_asset_folders_are_the_built_in_lists() {
    let patients: Vec<(&str, &str)> = BUILT_IN
        .iter()
        .chain(scs_sim::library::pump::BUILT_IN.iter())
        .copied()
        .collect();
    for (folder, built_in) in [
        ("programs", BUILT_IN_PROGRAMS.to_vec()),
        ("patients", patients),
        ("exercises", scs_sim::training::exercise::BUILT_IN.to_vec()),
    ] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join(folder);
        let mut on_disk: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                let id = p.file_stem().unwrap().to_string_lossy().into_owned();
                (id, std::fs::read_to_string(&p).unwrap())
            })
            .collect();
        on_disk.sort();
        let mut compiled: Vec<(String, String)> = built_in
            .iter()
            .map(|(id, text)| ((*id).to_string(), (*text).to_string()))
            .collect();
        compiled.sort();
        let names = |list: &[(String, String)]| -> Vec<String> {
            list.iter().map(|(id, _)| id.clone()).collect()
        };
        assert_eq!(names(&on_disk), names(&compiled), "assets/{folder}");
        assert!(
            on_disk == compiled,
            "assets/{folder}: a file differs from its built-in copy"
        );
    }
}

#[test]
fn range_errors_name_line_column_and_field() {
    let text = GOOD.replace("amplitude_ma: 2.0", "amplitude_ma: 30.0");
    let e = err(&text);
    assert!(
        e.starts_with("p.ron:5:5: amplitude 30 mA is outside 0–25.5 mA"),
        "{e}"
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let text = GOOD
        .replace("pulse_width_us: 300", "pulse_width_us: 5")
        .replace("rate_hz: 50", "rate_hz: 5000");
    let e = err(&text);
    assert!(e.contains("p.ron:6:5") && e.contains("p.ron:7:5"), "{e}");
}

#[test]
fn unknown_fields_truncation_garbage_and_versions_are_refused_clearly() {
    let e = err(&GOOD.replace("rate_hz: 50,", "rate_hz: 50,\n    colour: 3,"));
    assert!(e.contains("p.ron:8:") && e.contains("colour"), "{e}");
    let e = err(&GOOD[..GOOD.len() / 2]);
    assert!(e.starts_with("p.ron:") && !e.is_empty(), "{e}");
    let e = err(&GOOD.replace("version: 1", "version: 9"));
    assert!(e.contains("newer scs-sim"), "{e}");
    let e = err(&GOOD.replace("    version: 1,\n", ""));
    assert!(e.contains("no `version` field"), "{e}");
    let e = err(&GOOD.replace("\"0+-+0000\"", "\"0+0+0000\""));
    assert!(e.contains(":8:5:") && e.contains("no cathode"), "{e}");
    let e = err(&GOOD.replace("Tonic", "Sine"));
    assert!(e.contains(":4:") && e.contains("Sine"), "{e}");
}

#[test]
fn empty_and_binary_files_are_refused() {
    let dir = std::env::temp_dir().join(format!("scs-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.ron");
    std::fs::write(&empty, "  \n").unwrap();
    assert!(
        load_program(&empty)
            .unwrap_err()
            .to_string()
            .ends_with("the file is empty")
    );
    let binary = dir.join("binary.ron");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x12]).unwrap();
    assert!(
        load_program(&binary)
            .unwrap_err()
            .to_string()
            .contains("not UTF-8 text")
    );
    let missing = load_program(&dir.join("missing.ron")).unwrap_err();
    assert!(matches!(missing, FileError::Io { .. }));
}

#[test]
fn saving_is_atomic_and_round_trips() {
    let dir = std::env::temp_dir().join(format!("scs-save-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("prog.ron");
    let program = parse_program(Path::new("p.ron"), GOOD).unwrap();
    save_program(&path, &program).unwrap();
    assert_eq!(load_program(&path).unwrap(), program);
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
    // Saving into a folder that does not exist fails cleanly and creates nothing.
    let bad = dir.join("no/such/dir/prog.ron");
    assert!(save_program(&bad, &program).is_err());
}

#[test]
fn patient_files_report_bad_regions_and_programs_with_places() {
    let (_, fbss) = BUILT_IN[0];
    let text = fbss.replace("\"low_back\": 6.5", "\"lower_back\": 6.5");
    let e = parse_patient(Path::new("f.ron"), &text)
        .unwrap_err()
        .to_string();
    assert!(e.contains("unknown body region 'lower_back'"), "{e}");
    let text = fbss.replace("pulse_width_us: 30,", "pulse_width_us: 300,");
    let e = parse_patient(Path::new("f.ron"), &text)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("f.ron:20:") && e.contains("high-frequency pulse width 300"),
        "{e}"
    );
}

#[test]
fn patient_files_nest_the_implant_and_version_1_is_refused_with_what_changed() {
    let (_, fbss) = BUILT_IN[0];
    let e = |text: String| {
        parse_patient(Path::new("f.ron"), &text)
            .unwrap_err()
            .to_string()
    };
    let old = e(fbss.replace("version: 2", "version: 1"));
    assert!(
        old.starts_with("f.ron:3:5: patient files of version 1 kept leads and programs")
            && old.contains("implant: Scs(...)"),
        "{old}"
    );
    assert!(e(fbss.replace("version: 2", "version: 3")).contains("newer scs-sim"));
    let battery = e(fbss.replace("battery_percent: 72.0", "battery_percent: 120.0"));
    assert!(
        battery.starts_with("f.ron:16:9: battery_percent 120 is outside"),
        "{battery}"
    );
    let lead = e(fbss.replace("lateral_mm: 1.0)]", "lateral_mm: 11.0)]"));
    assert!(
        lead.starts_with("f.ron:14:9: lead 2: lateral offset 11 mm"),
        "{lead}"
    );
    let unknown = e(fbss.replace(
        "impedance_seed: 3,",
        "impedance_seed: 3,\n        colour: 3,",
    ));
    assert!(
        unknown.contains("f.ron:16:") && unknown.contains("colour"),
        "{unknown}"
    );
    let start = fbss.find("programs: [").unwrap();
    let end = fbss.find("        ],\n    ),").unwrap() + "        ],\n".len();
    let none = e(format!("{}programs: [],\n{}", &fbss[..start], &fbss[end..]));
    assert!(
        none.starts_with("f.ron:17:9: the implant has 0 programs, it stores 1–4"),
        "{none}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn arbitrary_bytes_never_panic_any_loader(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let path = Path::new("fuzz.ron");
        if let Ok(text) = scs_sim::files::text_from_bytes(path, &bytes) {
            let _ = parse_program(path, &text);
            let _ = parse_patient(path, &text);
            let _ = scs_sim::files::leading_name(&text);
        }
    }

    #[test]
    fn mutated_real_files_never_panic(cut in 0usize..2000, insert in "[ -~]{0,12}") {
        for (_, text) in BUILT_IN.iter().take(2) {
            let at = text.char_indices().map(|(i, _)| i).nth(cut % text.chars().count()).unwrap_or(0);
            let mutated = format!("{}{}{}", &text[..at], insert, &text[at..]);
            let _ = parse_patient(Path::new("m.ron"), &mutated);
            let _ = parse_program(Path::new("m.ron"), &mutated);
        }
    }
}

#[test]
fn ron_errors_say_what_was_expected_in_plain_words_and_echoes_are_cut() {
    let e = err(&GOOD.replace("rate_hz: 50,", "rate_hz: 50,\n    rate_hz: 60,"));
    assert!(
        e.starts_with("p.ron:8:") && e.contains("'rate_hz' is written twice"),
        "{e}"
    );
    let e = err(&GOOD.replace("version: 1,", "version: 1, r#+: 2,"));
    assert!(
        e.starts_with("p.ron:2:") && !e.contains("raw identifier"),
        "{e}"
    );
    let e = err(&GOOD.replace("amplitude_ma: 2.0", "amplitude_ma: \"2\""));
    assert!(e.contains("expected a number"), "{e}");
    let long = format!("x '{}' y", "z".repeat(5000));
    let cut = scs_sim::files::cut_quoted(&long);
    assert!(cut.len() < 200 && cut.contains("5000 characters"), "{cut}");
    let huge = format!(
        "bolus {} mg is more than 1000 mg",
        "1".to_string() + &"0".repeat(308)
    );
    assert_eq!(
        scs_sim::files::readable(&huge),
        "bolus 1e308 mg is more than 1000 mg"
    );
    let named = "run-1234567890123456789012345.ron: amplitude -100000000000000000000000 mA";
    assert_eq!(
        scs_sim::files::readable(named),
        "run-1234567890123456789012345.ron: amplitude -1e23 mA",
        "digits in a name stay, a number alone is shortened"
    );
    let path = "d/".repeat(3000) + "p.ron";
    let shown = scs_sim::files::shorten_path(Path::new(&path));
    assert!(shown.len() < 200 && shown.contains("p.ron"), "{shown}");
}

/// A fresh folder for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("scs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A device to save onto: a null device made in `dir` where the system allows it (root),
/// else `/dev/null` itself (which a user who cannot make devices cannot replace either).
fn a_device(dir: &Path) -> std::path::PathBuf {
    let made = dir.join("null-device");
    let ok = std::process::Command::new("mknod")
        .args([made.to_str().unwrap(), "c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success());
    if ok { made } else { "/dev/null".into() }
}

#[cfg(unix)]
#[test]
fn saving_never_replaces_a_pipe_a_device_a_folder_or_a_link() {
    use scs_sim::files::{Special, write_atomic};
    use std::os::unix::fs::FileTypeExt;
    let dir = scratch("special");
    let fifo = dir.join("pipe.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let device = a_device(&dir);
    let real = dir.join("real.ron");
    std::fs::write(&real, "kept").unwrap();
    let link = dir.join("link.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    for (path, kind) in [
        (&fifo, Special::Pipe),
        (&device, Special::Device),
        (&dir, Special::Folder),
        (&link, Special::Link),
    ] {
        let e = write_atomic(path, b"new").unwrap_err();
        assert!(
            matches!(&e, FileError::NotRegular { kind: k, .. } if *k == kind),
            "{}: {e}",
            path.display()
        );
        let said = e.to_string();
        assert!(
            said.lines().count() == 1 && said.contains(kind.words()),
            "{said}"
        );
    }
    let meta = |p: &Path| std::fs::symlink_metadata(p).unwrap().file_type();
    assert!(meta(&fifo).is_fifo(), "the pipe is still a pipe");
    assert!(
        meta(&device).is_char_device(),
        "the device is still a device"
    );
    assert!(meta(&link).is_symlink(), "the link is still a link");
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "kept");
    // A regular file is still replaced atomically, and a new one made.
    write_atomic(&real, b"new").unwrap();
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    write_atomic(&dir.join("fresh.ron"), b"fresh").unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.join("fresh.ron")).unwrap(),
        "fresh"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A command holding a huge text is refused in short words (its echo cut), and a session
/// whose log grows past what scs-sim reads back is refused at save, with nothing written.
#[test]
fn a_huge_text_in_a_command_is_echoed_short_and_never_saved_unreadable() {
    use scs_sim::session::record::save;
    use scs_sim::session::{AccessRequest, ProgrammerEdit, Role, Session};
    let (p, d) = scs_sim::library::default_patient();
    let mut s = Session::new(p, d, Role::Patient, 4);
    s.apply(AccessRequest::EnterClinician {
        pin: scs_sim::clinician::DEFAULT_PIN.into(),
    })
    .unwrap();
    let huge = "x".repeat(3_000_000);
    let edits = [
        ProgrammerEdit::SetContacts {
            code: huge.clone(),
            case_anode: false,
        },
        ProgrammerEdit::RenameProgram(huge.clone()),
        ProgrammerEdit::NewProgram { name: huge.clone() },
    ];
    for edit in edits {
        let words = scs_sim::session::action_words::action_words(&edit.clone().into(), None);
        assert!(
            words.len() < 300,
            "the timeline's words: {} bytes",
            words.len()
        );
        let refusal = s.apply_as(Role::Clinician, edit).unwrap_err().to_string();
        assert!(
            refusal.len() < 300 && refusal.contains("3000000 characters"),
            "{refusal}"
        );
    }
    let dir = scratch("huge-log");
    let path = dir.join("s.ron");
    save(&path, &s, "fbss").unwrap();
    assert!(scs_sim::session::record::read(&path).is_ok(), "read back");
    for _ in 0..3 {
        let _ = s.apply_as(Role::Clinician, ProgrammerEdit::RenameProgram(huge.clone()));
    }
    let big = dir.join("big.ron");
    let e = save(&big, &s, "fbss").unwrap_err().to_string();
    assert!(e.contains("more than the 16 MB scs-sim reads back"), "{e}");
    assert!(!big.exists(), "nothing written");
    std::fs::remove_dir_all(&dir).ok();
}
