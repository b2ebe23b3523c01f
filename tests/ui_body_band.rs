//! The body map shows a one-sided segmental band on its own half of the trunk: a lead far
//! left of midline at T10 turned up to discomfort gives a band round the left side of the
//! belly (Holsheimer & Wesselink 1997), drawn on the left half only (snapshot
//! `band_left`, looked at).
#![cfg(feature = "gui")]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use scs_sim::device::lead::{Placement, Vertebra};
use scs_sim::patient::anatomy::Side;
use scs_sim::session::{ProgrammerEdit, RemoteKey, WorldEvent};

mod common;
use common::{log_in_clinician, on_patient};

#[test]
fn a_one_sided_band_is_drawn_on_its_own_half_of_the_trunk() {
    let mut h = on_patient("radiculopathy", [1280.0, 720.0]);
    log_in_clinician(&mut h);
    {
        let s = h.state_mut().session_mut();
        s.apply(WorldEvent::PlaceLead {
            lead: 0,
            placement: Placement {
                level: Vertebra::parse("T10").unwrap(),
                lateral_mm: -4.5,
            },
        })
        .unwrap();
        s.apply(RemoteKey::TherapyOn).unwrap();
        s.apply(ProgrammerEdit::SetContacts {
            code: "0+-+0000".into(),
            case_anode: false,
        })
        .unwrap();
        let dt = s.discomfort_threshold().unwrap();
        s.apply(ProgrammerEdit::SetAmplitude((dt * 10.0).ceil() / 10.0))
            .unwrap();
        s.step(2.0);
    }
    // Back to the patient's view: the body map large in the middle.
    h.state_mut().set_mode(scs_sim::ui::Mode::Patient);
    h.run_steps(3);
    let v = h.state().session().view();
    assert_eq!(v.response.perception.band_side, Some(Side::Left));
    assert!(v.speech.contains("left side of"), "{}", v.speech);
    h.snapshot("band_left");
}
