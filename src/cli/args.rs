//! The command line's flags (the contract in ARCHITECTURE.md).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A spinal cord stimulation simulator for trainees and teachers. Without a subcommand it
/// opens the window on the built-in default patient.
#[derive(Parser, Debug)]
#[command(name = "scs-sim", version, about, long_about = None)]
pub struct Cli {
    /// What to do; none opens the GUI.
    #[command(subcommand)]
    pub command: Option<Cmd>,
    /// Open the window on this built-in patient (a stimulator or a drug pump), e.g.
    /// `scs-sim --patient pump-baclofen`.
    #[arg(long, value_name = "ID")]
    pub patient: Option<String>,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Steady state of one setting: device figures, thresholds, paresthesia, pain, warnings.
    Eval {
        /// The patient and the setting.
        #[command(flatten)]
        setup: Setup,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Run the patient over simulated time with therapy on and print the time series.
    Simulate(Simulate),
    /// Grade saved sessions against their exercises (give a folder's files to grade a class).
    Score {
        /// Session files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Grade against this exercise file instead of the built-in exercise each session
        /// names (a session never chooses a file itself).
        #[arg(long, value_name = "FILE")]
        exercise: Option<PathBuf>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Validate patient, program, exercise and session files; every problem with file, line and column.
    Check {
        /// Files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// A virtual trial: seeded practice patients, each programmed as a competent clinician
    /// would, responder rates (≥ 50 % relief) by therapy and pain site beside the published ones.
    Cohort {
        /// How many patients.
        #[arg(long, default_value_t = 1000)]
        patients: usize,
        /// Seed of the cohort (the same seed gives the same patients and rates).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Which therapy to trial.
        #[arg(long, value_enum, default_value = "all")]
        therapy: TherapyArg,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// List the built-in patients, programs or exercises.
    List {
        /// What to list.
        what: ListWhat,
        /// Print JSON for scripts: `[{"id", "name", "implant", ...}]`.
        #[arg(long)]
        json: bool,
    },
}

/// `simulate`: SETUP, how long, and what to print or save.
#[derive(Args, Debug)]
pub struct Simulate {
    /// The patient and the setting.
    #[command(flatten)]
    pub setup: Setup,
    /// Simulated seconds to run (up to 7 days).
    #[arg(long, allow_negative_numbers = true)]
    pub seconds: f64,
    /// Seed of the patient's moment-to-moment fluctuation (default 1; an exercise has its own).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Switch stimulation off at this simulated second.
    #[arg(long, allow_negative_numbers = true)]
    pub stop_at: Option<f64>,
    /// Seconds between rows of the series.
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
    pub interval_s: f64,
    /// Print the series as CSV.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Print series and summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// Start from this exercise's scene (built-in id or exercise file), in the clinician
    /// programmer; SETUP flags are then the clinician's programming.
    #[arg(long, value_name = "ID|FILE")]
    pub exercise: Option<String>,
    /// Save the session (sealed, as the window saves it) so `scs-sim score` can grade it.
    #[arg(long, value_name = "FILE")]
    pub save_session: Option<PathBuf>,
    /// Drug pump: the patient presses the bolus button at this simulated second
    /// (repeatable).
    #[arg(long, value_name = "SECONDS", allow_negative_numbers = true)]
    pub bolus_at: Vec<f64>,
    /// Drug pump: the catheter becomes occluded at this simulated second.
    #[arg(long, value_name = "SECONDS", allow_negative_numbers = true)]
    pub occlusion_at: Option<f64>,
}

/// What `list` lists.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ListWhat {
    /// Built-in patients.
    Patients,
    /// Example programs.
    Programs,
    /// Practice exercises.
    Exercises,
}

/// SETUP: which patient, and how the implant is programmed.
#[derive(Args, Debug, Clone, Default)]
pub struct Setup {
    /// Built-in patient id or patient file (default: the built-in default patient).
    #[arg(long)]
    pub patient: Option<String>,
    /// Program file (or built-in program name) replacing the running program.
    #[arg(long)]
    pub program: Option<String>,
    /// Amplitude, mA (0–25.5, 0.1 mA steps).
    #[arg(long, allow_negative_numbers = true)]
    pub amplitude_ma: Option<f64>,
    /// Pulse width, µs.
    #[arg(long, allow_negative_numbers = true)]
    pub pulse_width_us: Option<f64>,
    /// Rate, Hz (burst: repetition rate; high-frequency: 1000–10000).
    #[arg(long, allow_negative_numbers = true)]
    pub rate_hz: Option<f64>,
    /// tonic, burst or high-frequency (starts from that waveform's defaults at 0 mA).
    #[arg(long)]
    pub waveform: Option<String>,
    /// Pulses per burst (burst only).
    #[arg(long)]
    pub burst_pulses: Option<u32>,
    /// Intra-burst rate, Hz (burst only).
    #[arg(long, allow_negative_numbers = true)]
    pub burst_rate_hz: Option<f64>,
    /// Contacts of lead 1, e.g. "0+-+0000"; a second lead after "/" (sets amplitude to 0).
    #[arg(long, allow_hyphen_values = true)]
    pub contacts: Option<String>,
    /// Use the pulse generator's case as an anode (with --contacts).
    #[arg(long)]
    pub case_anode: bool,
    /// Vertebra at whose top the lead tip sits (C1–L2); moves every lead.
    #[arg(long)]
    pub lead_level: Option<String>,
    /// Lateral offset of lead 1 from the midline, mm (negative = left).
    #[arg(long, allow_negative_numbers = true)]
    pub lateral_mm: Option<f64>,
    /// Dorsal CSF thickness under the lead, mm (replaces anatomy and posture).
    #[arg(long, allow_negative_numbers = true)]
    pub csf_mm: Option<f64>,
    /// supine, sitting, standing or prone.
    #[arg(long)]
    pub posture: Option<String>,
    /// Pain map replacing the patient's: REGION=VAS,REGION=VAS.
    #[arg(long)]
    pub pain: Option<String>,
    /// Peripheral nerve stimulation: distance from lead 1 to its nerve, mm (negative:
    /// inside the nerve).
    #[arg(long, allow_negative_numbers = true)]
    pub distance_mm: Option<f64>,
    /// Peripheral nerve stimulation: the nerve lead 1 lies at (greater_occipital,
    /// supraorbital, femoral, sciatic, lumbar_medial_branch, axillary, superior_cluneal,
    /// ilioinguinal).
    #[arg(long)]
    pub nerve: Option<String>,
    /// Peripheral nerve stimulation: deploy every percutaneous lead still in its
    /// introducer (after --distance-mm has moved it).
    #[arg(long)]
    pub deploy: bool,
    /// Drug pump: the drug in the reservoir (morphine, hydromorphone, fentanyl,
    /// ziconotide, baclofen, bupivacaine, clonidine); filled as at a refill.
    #[arg(long)]
    pub drug: Option<String>,
    /// Drug pump: the concentration in the reservoir, mg/mL (filled as at a refill).
    #[arg(long, allow_negative_numbers = true)]
    pub concentration_mg_per_ml: Option<f64>,
    /// Drug pump: flow rate, mL/day (the daily dose becomes rate × concentration).
    #[arg(long, allow_negative_numbers = true)]
    pub rate_ml_per_day: Option<f64>,
    /// Drug pump: volume in the reservoir, mL.
    #[arg(long, allow_negative_numbers = true)]
    pub reservoir_ml: Option<f64>,
    /// Drug pump: the patient's bolus dose, mg.
    #[arg(long, allow_negative_numbers = true)]
    pub bolus_mg: Option<f64>,
    /// Drug pump: the bolus lockout, hours.
    #[arg(long, allow_negative_numbers = true)]
    pub lockout_h: Option<f64>,
    /// Drug pump: the most boluses in 24 h.
    #[arg(long)]
    pub max_boluses_per_day: Option<u32>,
}

/// Therapies a cohort can trial.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TherapyArg {
    /// Tonic paresthesia-based stimulation.
    Tonic,
    /// Burst (5 pulses at 500 Hz, 40 times a second).
    Burst,
    /// 10 kHz high-frequency stimulation.
    HighFrequency,
    /// All three.
    All,
}
