//! A stimulator's panels (spinal cord or peripheral nerve): the remote and its screen,
//! the clinician programmer (settings, lead diagram), the patient, the plots, the inside
//! view (cross-section, side view of the spine, the gate, the nerve), and the teacher's
//! tools that compare programs and map relief.

pub mod clinician;
pub mod clinician_settings;
pub mod clinician_tools;
pub mod compare;
pub mod cross_section;
pub mod ecap_tab;
pub mod gate;
pub mod inside;
pub mod lead_diagram;
pub mod leads_tab;
pub mod loop_compare;
pub mod loop_schedule;
pub mod nerve_view;
pub mod panels;
pub mod patient;
pub mod plots;
pub mod relief_map;
pub mod remote;
pub mod remote_screen;
pub mod section;
pub mod spine;
pub mod teach;
