//! The patient remote's own state and rules: lock, telemetry link, its battery.

use serde::{Deserialize, Serialize};

/// Telemetry between remote and implant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Link {
    /// Looking for the implant.
    Searching,
    /// In contact: commands reach the implant.
    #[default]
    Connected,
    /// Contact lost (out of range, interference).
    Lost,
}

impl Link {
    /// What the remote's screen says.
    pub fn label(self) -> &'static str {
        match self {
            Link::Searching => "Searching…",
            Link::Connected => "Connected",
            Link::Lost => "Unable to connect",
        }
    }
}

/// Why the remote cannot reach the implant, in the words its screen shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum RemoteBlock {
    /// The keys are locked.
    #[error("Remote locked: press the lock key to unlock")]
    Locked,
    /// Telemetry is still looking for the implant.
    #[error("Searching for stimulator… try again in a moment")]
    Searching,
    /// Telemetry is lost.
    #[error("Unable to connect to stimulator: hold the remote over the implant")]
    LinkLost,
}

/// The handheld remote.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Remote {
    /// Keys locked against accidental presses.
    pub locked: bool,
    /// Telemetry state.
    pub link: Link,
    /// The remote's own battery, %.
    pub battery_percent: f64,
}

impl Default for Remote {
    fn default() -> Self {
        Remote {
            locked: false,
            link: Link::Connected,
            battery_percent: 90.0,
        }
    }
}

impl Remote {
    /// Why a remote key press cannot reach the implant now, if it cannot.
    pub fn refusal(&self) -> Option<RemoteBlock> {
        if self.locked {
            Some(RemoteBlock::Locked)
        } else {
            match self.link {
                Link::Connected => None,
                Link::Searching => Some(RemoteBlock::Searching),
                Link::Lost => Some(RemoteBlock::LinkLost),
            }
        }
    }
}
