//! README's first minute, run through the core: the default patient (Maria, `fbss`) on her
//! remote, the keys pressed as README tells a newcomer to press them. Each figure README
//! gives is asserted here, so README cannot drift from the model.
#![allow(clippy::unwrap_used)]

use scs_sim::implant::view::View;
use scs_sim::library;
use scs_sim::patient::anatomy::{Posture, REGIONS};
use scs_sim::session::{RemoteKey, Role, Session, WorldEvent};

/// Maria on her remote with stimulation on, as the window opens on her.
fn maria() -> Session {
    let (p, d) = library::built_in("fbss").unwrap().unwrap();
    let mut s = Session::new(p, d, Role::Patient, 1);
    s.apply(RemoteKey::TherapyOn).unwrap();
    s
}

fn amplitude(s: &Session) -> f64 {
    s.device().unwrap().program().settings.amplitude_ma
}

/// The regions where she feels tingling.
fn felt(v: &View) -> Vec<&'static str> {
    REGIONS
        .iter()
        .zip(v.response.perception.paresthesia)
        .filter(|(_, p)| *p > 0.0)
        .map(|(r, _)| r.name)
        .collect()
}

fn too_strong(v: &View) -> bool {
    v.speech.contains("too strong") || v.speech.contains("turn it down")
}

/// Presses + until `stop` says so; the amplitude then.
fn press_up_until(s: &mut Session, stop: impl Fn(&View) -> bool) -> f64 {
    while s.apply(RemoteKey::AmplitudeUp).is_ok() {
        if stop(&s.view()) {
            return amplitude(s);
        }
    }
    panic!("the remote stopped at {} mA first", amplitude(s));
}

#[test]
fn the_first_minute_is_what_the_model_does() {
    let mut s = maria();
    // README: "her remote starts at 3.0 mA: she feels nothing yet".
    assert!((amplitude(&s) - 3.0).abs() < 1e-9);
    assert!(felt(&s.view()).is_empty(), "{}", s.view().speech);
    // README: "around 4.4 mA she feels a faint tingling in both thighs".
    let first = press_up_until(&mut s, |v| !felt(v).is_empty());
    assert!((4.2..=4.6).contains(&first), "first felt at {first} mA");
    assert_eq!(felt(&s.view()), ["thigh_left", "thigh_right"]);
    assert!(
        s.view().speech.contains("faint tingling"),
        "{}",
        s.view().speech
    );
    // README: "by 5.4 mA it covers both legs, both feet and her lower back, about three
    // quarters of her pain; the relief settles near half".
    while amplitude(&s) < 5.4 - 1e-9 {
        s.apply(RemoteKey::AmplitudeUp).unwrap();
    }
    let at = s.steady_view();
    for region in [
        "low_back",
        "thigh_left",
        "thigh_right",
        "foot_left",
        "foot_right",
    ] {
        assert!(
            felt(&at).contains(&region),
            "{region} at 5.4 mA: {}",
            at.speech
        );
    }
    assert!(
        (0.7..0.85).contains(&at.response.coverage),
        "{}",
        at.response.coverage
    );
    assert!(
        (45.0..60.0).contains(&at.pain.relief_percent),
        "{}",
        at.pain.relief_percent
    );
    assert!(!too_strong(&at), "{}", at.speech);
    // README: "lying on her back it gets stronger at once, too strong; face down it fades".
    let mut lying = s.clone();
    lying
        .apply(WorldEvent::SetPosture(Posture::Supine))
        .unwrap();
    assert!(too_strong(&lying.view()), "{}", lying.view().speech);
    let mut prone = s.clone();
    prone.apply(WorldEvent::SetPosture(Posture::Prone)).unwrap();
    assert!(prone.view().response.coverage < 0.5 * at.response.coverage);
    // README: "one step more, at 5.6 mA, she says it is too strong — jolting".
    let complaint = press_up_until(&mut s, too_strong);
    assert!(
        (5.5..=5.8).contains(&complaint),
        "complains at {complaint} mA"
    );
    assert!(s.view().speech.contains("jolting"), "{}", s.view().speech);
    // README: "the remote goes on to the top of the window her clinician set, 10.0 mA".
    while s.apply(RemoteKey::AmplitudeUp).is_ok() {}
    let refused = s.apply(RemoteKey::AmplitudeUp).unwrap_err().to_string();
    assert_eq!(
        refused,
        "Maximum reached: your clinician set the limit at 10.0 mA"
    );
}
