//! Who is at the controls: the patient, the clinician or the teacher.

/// Who is at the controls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The patient with the remote.
    Patient,
    /// The clinician programmer (PIN).
    Clinician,
    /// The teacher's controls.
    Teach,
}
