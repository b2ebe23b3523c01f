//! The programmer's Leads tab, for percutaneous nerve leads (SPRINT-like coiled wires): the
//! introducer moved under ultrasound to a distance from the nerve while test stimulation
//! runs, the lead deployed where it is (the barbs hold it from then on), and a deployed
//! lead withdrawn whole, as before an MRI (it is MR unsafe).

use crate::device::lead::LeadModel;
use crate::session::{ProgrammerEdit, Session};
use crate::ui::request::Request;
use egui::{DragValue, Ui};

/// Closest and farthest an introducer may be placed from the nerve, mm.
const DISTANCE_MM: std::ops::RangeInclusive<f64> = 0.0..=40.0;

/// The tab's own state: the distance being set for each lead, mm.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LeadsTab {
    distance_mm: Vec<f64>,
}

/// Whether `session` has a percutaneous lead for this tab.
pub fn has_percutaneous(session: &Session) -> bool {
    session
        .device()
        .is_some_and(|d| d.nerve_leads.iter().any(|l| l.model == LeadModel::Coiled))
}

impl LeadsTab {
    /// One row per percutaneous lead: where it is, and what may be done with it now.
    pub fn ui(&mut self, ui: &mut Ui, session: &Session, out: &mut Vec<Request>) {
        let (Some(device), Some(stim)) = (session.device(), session.stimulator()) else {
            return;
        };
        self.distance_mm.resize(device.nerve_leads.len(), f64::NAN);
        for (i, lead) in device.nerve_leads.iter().enumerate() {
            if lead.model != LeadModel::Coiled {
                continue;
            }
            let n = i + 1;
            let site = &lead.site;
            let draft = &mut self.distance_mm[i];
            if draft.is_nan() {
                *draft = site.distance_mm;
            }
            ui.horizontal_wrapped(|ui| {
                if stim.is_withdrawn(i) {
                    ui.label(format!("Lead {n}: withdrawn from beside the {}", site.nerve));
                } else if lead.deployed {
                    ui.label(format!(
                        "Lead {n}: deployed {:.1} mm from the {} (ultrasound)",
                        site.distance_mm, site.nerve
                    ));
                    if ui
                        .button(format!("Withdraw lead {n}"))
                        .on_hover_text("Gentle traction: the coil straightens past its barbs. Needed before an MRI; stimulation through it ends")
                        .clicked()
                    {
                        out.push(Request::Clinician(ProgrammerEdit::RemoveLead(i).into()));
                    }
                } else {
                    ui.label(format!(
                        "Lead {n}: in its introducer, {:.1} mm from the {} (ultrasound)",
                        site.distance_mm, site.nerve
                    ));
                    let label = ui.label("move to (mm)");
                    ui.add(DragValue::new(draft).range(DISTANCE_MM).speed(0.5).max_decimals(1))
                        .labelled_by(label.id);
                    if ui.button(format!("Move introducer {n}")).clicked() {
                        out.push(Request::Clinician(
                            ProgrammerEdit::MoveIntroducer {
                                lead: i,
                                distance_mm: *draft,
                            }
                            .into(),
                        ));
                    }
                    if ui
                        .button(format!("Deploy lead {n}"))
                        .on_hover_text("The barbs hold the lead where the introducer is: it cannot be moved after")
                        .clicked()
                    {
                        out.push(Request::Clinician(ProgrammerEdit::DeployLead(i).into()));
                    }
                }
            });
        }
    }
}
