//! The rechargeable battery: drain from delivered power, states, recharge, days left.

use serde::{Deserialize, Serialize};

/// Usable energy of a full battery, J (about 0.55 Wh, a rechargeable IPG's cell).
pub const CAPACITY_J: f64 = 2000.0;
/// Power the electronics draw whether or not they stimulate, W.
pub const OVERHEAD_W: f64 = 100e-6;
/// Share of battery power that reaches the tissue (boost converter and current source).
pub const EFFICIENCY: f64 = 0.8;

/// What the remote shows about the implant's battery.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BatteryState {
    /// More than a quarter left.
    Ok,
    /// 25 % or less: "Recharge soon".
    RechargeSoon,
    /// 10 % or less: "Recharge stimulator now".
    RechargeNow,
    /// Empty: stimulation has stopped.
    Depleted,
}

impl BatteryState {
    /// Device wording for the state, or `None` when nothing needs saying.
    pub fn message(self) -> Option<&'static str> {
        match self {
            BatteryState::Ok => None,
            BatteryState::RechargeSoon => Some("Recharge soon"),
            BatteryState::RechargeNow => Some("Recharge stimulator now"),
            BatteryState::Depleted => {
                Some("Battery depleted: stimulation stopped. Recharge stimulator now")
            }
        }
    }
}

/// The implant's battery.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Battery {
    /// Energy left, J.
    pub energy_j: f64,
}

impl Default for Battery {
    fn default() -> Self {
        Battery {
            energy_j: CAPACITY_J,
        }
    }
}

/// Battery power drawn to deliver `amplitude_ma` into `impedance_ohm` at `duty`, W.
pub fn power_w(amplitude_ma: f64, impedance_ohm: f64, duty: f64) -> f64 {
    let i = amplitude_ma * 1e-3;
    i * i * impedance_ohm * duty / EFFICIENCY + OVERHEAD_W
}

impl Battery {
    /// A battery at `percent` of its capacity.
    pub fn at_percent(percent: f64) -> Battery {
        Battery {
            energy_j: CAPACITY_J * percent.clamp(0.0, 100.0) / 100.0,
        }
    }

    /// Charge left, 0–100 %.
    pub fn percent(&self) -> f64 {
        100.0 * self.energy_j / CAPACITY_J
    }

    /// The state the remote shows.
    pub fn state(&self) -> BatteryState {
        match self.percent() {
            p if p <= 0.0 => BatteryState::Depleted,
            p if p <= 10.0 => BatteryState::RechargeNow,
            p if p <= 25.0 => BatteryState::RechargeSoon,
            _ => BatteryState::Ok,
        }
    }

    /// Bars of the remote's 5-step gauge (0–5).
    pub fn bars(&self) -> u8 {
        (self.percent() / 20.0).ceil().clamp(0.0, 5.0) as u8
    }

    /// Drains `power_w` for `dt_s` seconds.
    pub fn drain(&mut self, power_w: f64, dt_s: f64) {
        self.energy_j = (self.energy_j - power_w * dt_s).max(0.0);
    }

    /// Fills the battery.
    pub fn recharge(&mut self) {
        self.energy_j = CAPACITY_J;
    }

    /// Days until empty at a steady draw of `power_w`.
    pub fn days_left(&self, power_w: f64) -> f64 {
        self.energy_j / power_w / 86_400.0
    }
}
