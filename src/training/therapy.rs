//! The kinds of spinal cord therapy the programming assistant programs and the virtual
//! cohort compares: tonic, burst and 10 kHz.

use crate::device::program::Waveform;
use serde::{Deserialize, Serialize};

/// A kind of therapy the assistant can program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Therapy {
    /// Paresthesia-based tonic stimulation.
    Tonic,
    /// Burst (De Ridder), sub-perception.
    Burst,
    /// 10 kHz, paresthesia-free.
    HighFrequency,
}

impl Therapy {
    /// Every therapy.
    pub const ALL: [Therapy; 3] = [Therapy::Tonic, Therapy::Burst, Therapy::HighFrequency];

    /// "tonic", "burst" or "high-frequency".
    pub fn name(self) -> &'static str {
        match self {
            Therapy::Tonic => "tonic",
            Therapy::Burst => "burst",
            Therapy::HighFrequency => "high-frequency",
        }
    }

    /// Parses a name as [`Therapy::name`] prints it.
    pub fn parse(text: &str) -> Result<Therapy, UnknownTherapy> {
        Therapy::ALL
            .into_iter()
            .find(|t| t.name() == text.trim().to_ascii_lowercase())
            .ok_or_else(|| UnknownTherapy(text.to_string()))
    }

    /// The device waveform of this therapy.
    pub fn waveform(self) -> Waveform {
        match self {
            Therapy::Tonic => Waveform::Tonic,
            Therapy::Burst => Waveform::Burst,
            Therapy::HighFrequency => Waveform::HighFrequency,
        }
    }
}

/// A therapy name [`Therapy::parse`] does not know (the text as given).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown therapy '{0}' (expected tonic, burst or high-frequency)")]
pub struct UnknownTherapy(pub String);

impl std::fmt::Display for Therapy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
