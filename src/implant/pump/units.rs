//! The pump's numbers as its screens print them.

use crate::patient::pharmacology::Drug;

/// The drug's dose in the programmer's unit: µg for ziconotide, baclofen and clonidine,
/// mg otherwise (e.g. `7.2 µg/day`, `5 mg/day`).
pub fn dose_words(drug: Drug, mg: f64) -> String {
    if drug.in_micrograms() {
        format!("{} µg", trim(mg * 1000.0))
    } else {
        format!("{} mg", trim(mg))
    }
}

/// A number as the pump's screens print it: to three decimals, trailing zeros dropped.
pub(crate) fn trim(v: f64) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    format!("{r}")
}
