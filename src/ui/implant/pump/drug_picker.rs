//! Choosing a drug and its concentration, in the drug's own unit (mg or µg): the
//! prescription and the refill both choose a drug this way.

use crate::patient::pharmacology::Drug;
use egui::Ui;

/// The factor and unit a drug's doses are shown in (µg for ziconotide, baclofen and
/// clonidine).
pub fn unit(drug: Drug) -> (f64, &'static str) {
    if drug.in_micrograms() {
        (1000.0, "µg")
    } else {
        (1.0, "mg")
    }
}

/// A drug picker and its concentration (in the drug's unit, mg or µg per mL), each
/// labelled as `labels` say: the prescription and the refill both choose a drug this way.
pub fn drug_and_concentration(
    ui: &mut Ui,
    (drug_label, concentration_label): (&str, &str),
    drug: &mut Drug,
    concentration_mg_per_ml: &mut f64,
) {
    egui::ComboBox::from_label(drug_label)
        .selected_text(drug.name())
        .show_ui(ui, |ui| {
            for d in Drug::ALL {
                ui.selectable_value(drug, d, d.name());
            }
        });
    let (k, u) = unit(*drug);
    let mut c = *concentration_mg_per_ml * k;
    ui.add(
        egui::DragValue::new(&mut c)
            .speed(0.1)
            .range(0.001..=100_000.0)
            .suffix(format!(" {u}/mL")),
    )
    .labelled_by(ui.label(concentration_label).id);
    *concentration_mg_per_ml = c / k;
}
