//! The vertebral levels of the spine, C1 down to L2: the body's own coordinates, which an
//! implant's lead placement refers to.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Vertebral levels the simulator knows, from C1 down to L2 (the conus ends near L1–L2).
/// Files write it as its name, e.g. `"T9"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Vertebra(u8);

impl Serialize for Vertebra {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Vertebra {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Vertebra::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Names of the vertebrae, index 0 = C1.
const VERTEBRA_NAMES: [&str; 21] = [
    "C1", "C2", "C3", "C4", "C5", "C6", "C7", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9",
    "T10", "T11", "T12", "L1", "L2",
];

impl Vertebra {
    /// Number of levels (C1…L2).
    pub const COUNT: usize = VERTEBRA_NAMES.len();

    /// The level with this index (0 = C1), if it exists.
    pub fn from_index(index: usize) -> Option<Vertebra> {
        (index < Self::COUNT).then_some(Vertebra(index as u8))
    }

    /// The level with this index, or L2 for any index past it.
    pub fn clamped(index: usize) -> Vertebra {
        Vertebra(index.min(Self::COUNT - 1) as u8)
    }

    /// Index from the top, 0 = C1.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The level's name, e.g. `T9`.
    pub fn name(self) -> &'static str {
        VERTEBRA_NAMES[self.index()]
    }

    /// Parses a name such as `T9` or `t9`.
    pub fn parse(text: &str) -> Result<Vertebra, UnknownLevel> {
        let upper = text.trim().to_ascii_uppercase();
        VERTEBRA_NAMES
            .iter()
            .position(|n| *n == upper)
            .map(|i| Vertebra(i as u8))
            .ok_or_else(|| UnknownLevel(text.to_string()))
    }
}

/// A vertebral level's name outside C1–L2, as given.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown vertebral level '{0}' (expected C1–C7, T1–T12, L1 or L2)")]
pub struct UnknownLevel(pub String);

impl fmt::Display for Vertebra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
