//! One kind's group of SETUP flags as parsed, with the flags the command line gave: the
//! table of which flags each kind of implant takes is read from the groups themselves.

use anyhow::{Error, anyhow};
use clap::parser::ValueSource;
use clap::{ArgMatches, Args, Command, FromArgMatches};
use scs_sim::files::shorten;
use scs_sim::implant::{ImplantKind, SetupPart};
use std::ops::Deref;

/// A group of SETUP flags that some kinds of implant do not take.
pub trait KindFlags {
    /// The part of the set-up these flags set; the implant says whether it has it.
    const PART: SetupPart;
}

/// A group of flags `T` and which of them the command line gave, in declaration order.
#[derive(Clone, Debug, Default)]
pub struct Given<T> {
    values: T,
    /// Long names (`--amplitude-ma`) of the flags the last matches gave.
    given: Vec<String>,
}

impl<T> Deref for Given<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.values
    }
}

impl<T: KindFlags> Given<T> {
    /// The refusal of the first flag given, if an implant of `kind` refuses this group.
    pub fn refusal(&self, kind: ImplantKind, patient: &str) -> Option<Error> {
        let why = kind.lacks(T::PART)?;
        let flag = self.given.first()?;
        Some(anyhow!(
            "{flag} refused: patient '{}' has {why}",
            shorten(patient)
        ))
    }
}

/// The long names of `T`'s flags that `matches` got from the command line.
fn given<T: Args>(matches: &ArgMatches) -> Vec<String> {
    T::augment_args(Command::new("flags"))
        .get_arguments()
        .filter(|arg| matches.value_source(arg.get_id().as_str()) == Some(ValueSource::CommandLine))
        .filter_map(|arg| arg.get_long().map(|long| format!("--{long}")))
        .collect()
}

impl<T: Args> Args for Given<T> {
    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }

    fn augment_args(cmd: Command) -> Command {
        T::augment_args(cmd)
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        T::augment_args_for_update(cmd)
    }
}

impl<T: Args + FromArgMatches> FromArgMatches for Given<T> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        Ok(Given {
            values: T::from_arg_matches(matches)?,
            given: given::<T>(matches),
        })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        self.values.update_from_arg_matches(matches)?;
        self.given = given::<T>(matches);
        Ok(())
    }
}
