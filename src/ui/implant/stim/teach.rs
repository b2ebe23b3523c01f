//! The teacher's tools for a stimulator: events that act on its leads and battery, two
//! programs side by side, the relief map, and open against closed loop
//! ([`super::loop_compare`]).

use super::compare::Compare;
use super::relief_map::{relief_chart, relief_map_ui};
use crate::device::impedance::{ContactFault, Fault};
use crate::device::lead::{CONTACTS_PER_LEAD, Placement, Vertebra};
use crate::implant::Stimulator;
use crate::implant::stim::ReliefMap;
use crate::session::{Command, WorldEvent};
use crate::ui::request::{Request, Shared};
use egui::Ui;

/// The teacher's stimulator tools' own state: the contact to break, the A/B comparison and
/// the last relief map.
#[derive(Debug)]
pub struct StimTeach {
    /// Contact the open-circuit button breaks.
    fault_contact: usize,
    /// Two programs side by side (A/B).
    compare: Compare,
    /// The last relief map computed.
    relief_map: Option<ReliefMap>,
    /// Open and closed loop side by side.
    loop_compare: super::loop_compare::LoopCompare,
}

impl Default for StimTeach {
    fn default() -> Self {
        StimTeach {
            fault_contact: 3,
            compare: Compare::default(),
            relief_map: None,
            loop_compare: Default::default(),
        }
    }
}

impl StimTeach {
    /// The last relief map computed.
    pub fn relief_map(&self) -> Option<&ReliefMap> {
        self.relief_map.as_ref()
    }

    /// A new session: no relief map.
    pub fn clear(&mut self) {
        self.relief_map = None;
    }

    /// Events of the world on `stim`: a lead migrates, a contact breaks, the battery runs
    /// low.
    pub fn events_ui(&mut self, ui: &mut Ui, stim: &Stimulator, out: &mut Vec<Request>) {
        if ui.button("Lead migrates one level down").clicked() {
            for (lead, p) in stim.device().placements.iter().enumerate() {
                let placement = Placement {
                    level: Vertebra::clamped(p.level.index() + 1),
                    ..*p
                };
                out.push(Request::Event(Command::World(WorldEvent::PlaceLead {
                    lead,
                    placement,
                })));
            }
        }
        let contact = ui.add(
            egui::DragValue::new(&mut self.fault_contact)
                .range(0..=CONTACTS_PER_LEAD - 1)
                .prefix("contact "),
        );
        if ui
            .button("Open circuit on lead 1")
            .labelled_by(contact.id)
            .clicked()
        {
            out.push(Request::Event(Command::World(WorldEvent::InjectFault(
                ContactFault {
                    lead: 0,
                    contact: self.fault_contact,
                    fault: Fault::Open,
                },
            ))));
        }
        if ui.button("Low battery").clicked() {
            out.push(Request::Event(Command::World(WorldEvent::SetBattery(8.0))));
        }
    }

    /// Two programs side by side, then the relief map of `stim` (computed on demand),
    /// each followed by a separator.
    pub fn tools_ui(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        stim: &Stimulator,
    ) -> Vec<Request> {
        let mut out = Vec::new();
        if shared.blind {
            // Both show what only the model knows (relief, coverage, the discomfort
            // threshold): not while the patient is the only source.
            ui.strong("Two programs side by side · the map of settings · open and closed loop");
            ui.label(crate::ui::presenter::HIDDEN_IN_BLIND);
            ui.separator();
            return out;
        }
        ui.strong("Two programs side by side");
        match self.compare.ui(ui, shared.session, &shared.palette) {
            Ok(requests) => out.extend(requests),
            Err(problem) => {
                ui.colored_label(shared.palette.pain, problem);
            }
        }
        ui.separator();
        if ui.button("Compute relief map").clicked() {
            let top = stim
                .discomfort_threshold()
                .map_or(10.0, |dt| (dt * 1.3).max(5.0));
            self.relief_map = Some(stim.relief_map(&shared.session.patient, 40, 30, top));
        }
        if let Some(map) = &self.relief_map {
            let settings = stim.device().program().settings;
            relief_map_ui(ui, map, settings.amplitude_ma, settings.pulse_width_us);
            out.extend(crate::ui::chart::present::tools_ui(ui, || {
                relief_chart(map, settings.amplitude_ma, settings.pulse_width_us)
            }));
        }
        ui.separator();
        // A spinal lead's evoked response: open and closed loop on the same schedule.
        if stim.activation().is_some() {
            let c = &mut self.loop_compare;
            if ui
                .selectable_label(c.shown, "Open and closed loop side by side")
                .on_hover_text(
                    "The same lying down, standing, coughs and bend, open loop and closed loop",
                )
                .clicked()
            {
                c.shown = !c.shown;
            }
            c.window(ui.ctx(), stim, &shared.session.patient, &shared.palette);
            ui.separator();
        }
        out
    }
}
