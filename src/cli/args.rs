//! The command line's flags (the contract in ARCHITECTURE.md).

pub use super::setup::Setup;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A simulator of implantable pain therapies for trainees and teachers. Without a subcommand it
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
    /// Open the window on a class: join the class served at this address
    /// (`scs-sim --class http://HOST:8080/`, perhaps with `?class=CODE`), or stream the
    /// teacher's demonstration of the dashboard's link (`'…/?demo=DEMO&key=KEY'`).
    #[arg(long, value_name = "URL", conflicts_with = "patient")]
    pub class: Option<String>,
    /// Open the window read-only on a live record: a trainee's attempt from the teacher's
    /// dashboard (`'http://HOST:8080/?watch=ATTEMPT&key=KEY'`) or the teacher's
    /// demonstration (`'http://HOST:8080/?follow=CODE'`).
    #[arg(long, value_name = "URL", conflicts_with_all = ["patient", "class"])]
    pub watch: Option<String>,
}

/// Subcommands.
// Parsed once per process: the size of its largest variant does not matter.
#[allow(clippy::large_enum_variant)]
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
        /// Session files, or folders whose .ron files are graded (in name order).
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
    /// Run a class: the class server records and grades every attempt as it happens
    /// (docs/class-api.md).
    #[cfg(feature = "server")]
    Serve(Serve),
}

/// `serve`: where to listen, which database, or add a teacher.
#[cfg(feature = "server")]
#[derive(Args, Debug)]
pub struct Serve {
    /// Address to listen on (loopback by default; 0.0.0.0:8080 opens it to the classroom).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub listen: std::net::SocketAddr,
    /// Database: an SQLite file or URL (default: class.sqlite3 in the app's data folder),
    /// or postgres://user:password@host/db.
    #[arg(long, value_name = "URL")]
    pub database: Option<String>,
    /// Add a teacher (or set their password) and exit; the password is read without echo,
    /// or from standard input when it is not a terminal.
    #[arg(long, value_name = "NAME")]
    pub add_teacher: Option<String>,
    /// Mark the login cookie Secure (when a TLS reverse proxy stands in front).
    #[arg(long)]
    pub secure_cookies: bool,
    /// The browser build to serve at / (scripts/build-web.sh writes dist/).
    #[arg(long, default_value = "dist", value_name = "DIR")]
    pub web: std::path::PathBuf,
    /// HTTP requests one address may make per second on average, four seconds' worth at
    /// once (0: no limit).
    #[arg(long, default_value_t = scs_sim::server::limits::REQUESTS_PER_S, value_name = "N")]
    pub requests_per_s: f64,
}

/// `simulate`: SETUP, how long, and what to print or save.
#[derive(Args, Debug)]
pub struct Simulate {
    /// The patient and the setting.
    #[command(flatten)]
    pub setup: Setup,
    /// Simulated seconds to run (up to 7 days).
    #[arg(long, allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub seconds: f64,
    /// Seed of the patient's moment-to-moment fluctuation (default 1); with --exercise, the
    /// attempt's seed, which picks its variant of the patient (default: a new one each run).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Switch stimulation off at this simulated second.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub stop_at: Option<f64>,
    /// Seconds between rows of the series.
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
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
    /// The trainee's name the saved session carries (with today's date), so `score` and
    /// a teacher's folder of files say whose it is.
    #[arg(long, value_name = "NAME", requires = "save_session")]
    pub trainee: Option<String>,
    /// Drug pump: the patient presses the bolus button at this simulated second
    /// (repeatable).
    #[arg(long, value_name = "SECONDS", allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub bolus_at: Vec<f64>,
    /// Drug pump: the catheter becomes occluded at this simulated second.
    #[arg(long, value_name = "SECONDS", allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub occlusion_at: Option<f64>,
    /// Spinal cord stimulator: run the program in closed loop (holds the ECAP at a target;
    /// the series adds ecap_uv and in_window).
    #[arg(long)]
    pub closed_loop: bool,
    /// Closed loop: the ECAP to hold, µV (default: the ECAP at the set amplitude).
    #[arg(long, value_name = "UV", requires = "closed_loop", allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub ecap_target_uv: Option<f64>,
    /// Closed loop: current moved per µV of error at each update, mA/µV (default: half
    /// the inverse of the growth curve's slope, a smooth loop; 0 holds the current: open
    /// loop, recorded).
    #[arg(long, value_name = "MA_PER_UV", requires = "closed_loop", allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub loop_gain: Option<f64>,
    /// Closed loop: updates a second (default: every pulse, at most 200).
    #[arg(long, value_name = "HZ", requires = "closed_loop", allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub loop_rate_hz: Option<f64>,
    /// What happens to the patient and when: "60:cough,90:bend,120:posture=supine", or
    /// @FILE holding the same (commas or new lines).
    #[arg(long, value_name = "LIST|@FILE")]
    pub events: Option<String>,
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
    /// Tonic in open loop and in closed loop (the ECAP held) through the same day of
    /// postures, coughs and bends, beside the EVOKE trial.
    ClosedLoop,
    /// Intrathecal morphine pumps followed month by month for a year: the share whose
    /// dose rose.
    Pump,
}
