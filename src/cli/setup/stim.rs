//! A stimulator's programming flags (both kinds of stimulator take them): program,
//! waveform, contacts, burst shape, pulse width, rate and amplitude, applied as the
//! clinician's programmer edits.

use super::apply::apply;
use super::given::KindFlags;
use crate::cli::flag;
use anyhow::{Result, anyhow};
use clap::Args;
use scs_sim::device::program::Waveform;
use scs_sim::device::spec::find_program_spec;
use scs_sim::implant::SetupPart;
use scs_sim::session::{ProgrammerEdit, Session};

/// A stimulator's programming.
#[derive(Args, Debug, Clone, Default)]
pub struct StimFlags {
    /// Program file (or built-in program name) replacing the running program.
    #[arg(long)]
    pub program: Option<String>,
    /// Amplitude, mA (0–25.5, 0.1 mA steps).
    #[arg(long, allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub amplitude_ma: Option<f64>,
    /// Pulse width, µs.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub pulse_width_us: Option<f64>,
    /// Rate, Hz (burst: repetition rate; high-frequency: 1000–10000).
    #[arg(long, allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub rate_hz: Option<f64>,
    /// tonic, burst or high-frequency (starts from that waveform's defaults at 0 mA).
    #[arg(long)]
    pub waveform: Option<String>,
    /// Pulses per burst (burst only).
    #[arg(long)]
    pub burst_pulses: Option<u32>,
    /// Intra-burst rate, Hz (burst only).
    #[arg(long, allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub burst_rate_hz: Option<f64>,
    /// Contacts of lead 1, e.g. "0+-+0000"; a second lead after "/" (sets amplitude to 0).
    #[arg(long, allow_hyphen_values = true)]
    pub contacts: Option<String>,
    /// Use the pulse generator's case as an anode (with --contacts).
    #[arg(long)]
    pub case_anode: bool,
}

/// Why a drug-pump patient refuses any stimulator's flag.
impl KindFlags for StimFlags {
    const PART: SetupPart = SetupPart::Stimulation;
}

impl StimFlags {
    /// Refuses numbers that are not finite, naming the flag.
    pub fn check_numbers(&self) -> Result<()> {
        flag::finite("--amplitude-ma", self.amplitude_ma)?;
        flag::finite("--pulse-width-us", self.pulse_width_us)?;
        flag::finite("--rate-hz", self.rate_hz)?;
        flag::finite("--burst-rate-hz", self.burst_rate_hz)
    }

    /// Applies the programming in the documented order: program, waveform, contacts, burst
    /// shape, pulse width, rate, amplitude.
    pub fn apply(&self, s: &mut Session) -> Result<()> {
        if let Some(p) = &self.program {
            let spec = find_program_spec(p)?;
            apply(s, "--program", ProgrammerEdit::LoadProgram(Box::new(spec)))?;
        }
        if let Some(w) = &self.waveform {
            let w = Waveform::parse(flag::short("--waveform", w)?)
                .map_err(|e| anyhow!("--waveform: {e}"))?;
            apply(s, "--waveform", ProgrammerEdit::SetWaveform(w))?;
        }
        if let Some(code) = &self.contacts {
            let code = flag::short("--contacts", code)?.to_string();
            let case_anode = self.case_anode;
            apply(
                s,
                "--contacts",
                ProgrammerEdit::SetContacts { code, case_anode },
            )?;
        } else if self.case_anode {
            return Err(anyhow!("--case-anode goes with --contacts"));
        }
        self.burst(s)?;
        if let Some(v) = self.pulse_width_us {
            apply(s, "--pulse-width-us", ProgrammerEdit::SetPulseWidth(v))?;
        }
        if let Some(v) = self.rate_hz {
            apply(s, "--rate-hz", ProgrammerEdit::SetRate(v))?;
        }
        if let Some(v) = self.amplitude_ma {
            apply(s, "--amplitude-ma", ProgrammerEdit::SetAmplitude(v))?;
        }
        Ok(())
    }

    /// `--burst-pulses` / `--burst-rate-hz`: only for a burst waveform.
    fn burst(&self, s: &mut Session) -> Result<()> {
        let flag = match (self.burst_pulses, self.burst_rate_hz) {
            (None, None) => return Ok(()),
            (Some(_), None) => "--burst-pulses",
            (None, Some(_)) => "--burst-rate-hz",
            (Some(_), Some(_)) => "--burst-pulses/--burst-rate-hz",
        };
        let Some(now) = s.device().map(|d| d.program().settings) else {
            return Ok(());
        };
        if now.waveform != Waveform::Burst {
            return Err(anyhow!(
                "{flag} refused: it shapes the bursts of a burst waveform, and the waveform is {}; add --waveform burst",
                now.waveform.name()
            ));
        }
        let pulses = self.burst_pulses.unwrap_or(now.burst_pulses);
        let rate_hz = self.burst_rate_hz.unwrap_or(now.burst_rate_hz);
        apply(s, flag, ProgrammerEdit::SetBurst { pulses, rate_hz })
    }
}
