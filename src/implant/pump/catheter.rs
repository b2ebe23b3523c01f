//! The catheter from the pump to the CSF as a plug-flow dead volume: what enters at the
//! pump pushes out what is at the tip, so a new drug or concentration reaches the tip only
//! after dead volume ÷ flow (REFERENCES-IDDS §1: at 0.048 mL/day a 0.2 mL line takes
//! about 4 days).

use super::fill::Fill;
use std::collections::VecDeque;

/// One plug of fluid in the catheter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plug {
    /// The drug and concentration (`None`: CSF or saline, no drug).
    pub fill: Option<Fill>,
    /// Its volume, mL.
    pub ml: f64,
}

/// The catheter: plugs from the tip (front) back to the pump.
#[derive(Clone, Debug, PartialEq)]
pub struct Catheter {
    /// Dead volume, mL.
    pub dead_volume_ml: f64,
    plugs: VecDeque<Plug>,
}

impl Catheter {
    /// A catheter of `dead_volume_ml` full of `fill`.
    pub fn full_of(dead_volume_ml: f64, fill: Option<Fill>) -> Catheter {
        let mut plugs = VecDeque::new();
        plugs.push_back(Plug {
            fill,
            ml: dead_volume_ml,
        });
        Catheter {
            dead_volume_ml,
            plugs,
        }
    }

    /// The plugs from the tip back to the pump.
    pub fn plugs(&self) -> impl Iterator<Item = &Plug> {
        self.plugs.iter()
    }

    /// Drug held in the line, mg (per plug's own drug).
    pub fn drug_mg(&self) -> f64 {
        self.plugs
            .iter()
            .filter_map(|p| p.fill.map(|f| f.concentration_mg_per_ml * p.ml))
            .sum()
    }

    /// What sits at the tip now.
    pub fn at_tip(&self) -> Option<Fill> {
        self.plugs.front().and_then(|p| p.fill)
    }

    /// Pushes `ml` of `fill` in at the pump; returns what leaves at the tip (the same
    /// volume), oldest first.
    pub fn push(&mut self, fill: Option<Fill>, ml: f64) -> Vec<Plug> {
        if ml <= 0.0 {
            return Vec::new();
        }
        match self.plugs.back_mut() {
            Some(last) if last.fill == fill => last.ml += ml,
            _ => self.plugs.push_back(Plug { fill, ml }),
        }
        let mut out: Vec<Plug> = Vec::new();
        let mut excess = ml;
        while excess > 1e-15 {
            let Some(front) = self.plugs.front_mut() else {
                break;
            };
            let take = front.ml.min(excess);
            out.push(Plug {
                fill: front.fill,
                ml: take,
            });
            front.ml -= take;
            excess -= take;
            if front.ml <= 1e-15 {
                self.plugs.pop_front();
            }
        }
        out
    }

    /// Empties the line into a syringe (aspiration through the catheter access port):
    /// what it held, then CSF behind it.
    pub fn aspirate(&mut self) -> Vec<Plug> {
        let out: Vec<Plug> = self.plugs.drain(..).collect();
        self.plugs.push_back(Plug {
            fill: None,
            ml: self.dead_volume_ml,
        });
        out
    }
}
