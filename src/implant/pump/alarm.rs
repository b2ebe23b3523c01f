//! The pump's alarms (REFERENCES-IDDS §1): low and empty reservoir (by the pump's record:
//! it cannot see its true volume), elective replacement then end of service 90 days later,
//! motor stall, and the MRI states. Device wording for the programmer, patient wording for
//! the remote.

use std::fmt;

/// An alarm the pump raises.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Alarm {
    /// The record is at or below the clinician's low-reservoir level.
    LowReservoir {
        /// The record, mL.
        record_ml: f64,
        /// The alarm level, mL.
        alarm_ml: f64,
    },
    /// The record says the reservoir is empty.
    EmptyReservoir,
    /// Elective replacement indicator: delivery stops at the end of 90 days.
    ElectiveReplacement {
        /// Days until delivery stops.
        days_left: f64,
    },
    /// End of service: delivery has stopped.
    EndOfService,
    /// The motor stalled: delivery has stopped.
    MotorStall,
    /// In an MRI magnet: the rotor is stopped.
    InMri,
    /// Delivery held after an MRI (the pump was alarming): interrogate to resume.
    HeldAfterMri,
}

impl Alarm {
    /// A stable code for scripts (`low_reservoir`, `motor_stall`, …).
    pub fn code(self) -> &'static str {
        match self {
            Alarm::LowReservoir { .. } => "low_reservoir",
            Alarm::EmptyReservoir => "empty_reservoir",
            Alarm::ElectiveReplacement { .. } => "elective_replacement",
            Alarm::EndOfService => "end_of_service",
            Alarm::MotorStall => "motor_stall",
            Alarm::InMri => "mri",
            Alarm::HeldAfterMri => "held_after_mri",
        }
    }

    /// Whether it sounds a tone (every alarm but the MRI states, which are expected).
    pub fn sounds(self) -> bool {
        !matches!(self, Alarm::InMri | Alarm::HeldAfterMri)
    }

    /// The patient's words on the remote's screen.
    pub fn patient_words(self) -> &'static str {
        match self {
            Alarm::LowReservoir { .. } => "Your pump needs a refill soon: call your clinic",
            Alarm::EmptyReservoir => "Your pump is empty: call your clinic today",
            Alarm::ElectiveReplacement { .. } => "Your pump needs replacing: call your clinic",
            Alarm::EndOfService => "Your pump has stopped: call your clinic now",
            Alarm::MotorStall => "Your pump has a problem: call your clinic now",
            Alarm::InMri => "Pump paused for the scan",
            Alarm::HeldAfterMri => "Pump paused after the scan: your clinic must check it",
        }
    }
}

impl fmt::Display for Alarm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Alarm::LowReservoir {
                record_ml,
                alarm_ml,
            } => write!(
                f,
                "Low reservoir: {record_ml:.1} mL left (alarm at {alarm_ml:.1} mL)"
            ),
            Alarm::EmptyReservoir => f.write_str("Reservoir empty: refill now"),
            Alarm::ElectiveReplacement { days_left } => write!(
                f,
                "Elective replacement indicator: delivery stops in {days_left:.0} days"
            ),
            Alarm::EndOfService => f.write_str("End of service: delivery stopped"),
            Alarm::MotorStall => f.write_str("Motor stall: delivery stopped"),
            Alarm::InMri => f.write_str("MRI: the rotor is stopped in the magnet"),
            Alarm::HeldAfterMri => f.write_str(
                "Delivery held after MRI (the pump was alarming): interrogate to resume",
            ),
        }
    }
}
