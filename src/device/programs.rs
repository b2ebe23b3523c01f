//! The programs an implant stores: never none, never more than [`MAX_PROGRAMS`]. The type
//! keeps that promise, so looking up the running program can never meet an empty list.

use super::program::{MAX_PROGRAMS, Program};

/// Why the list of stored programs refuses a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProgramsError {
    /// A list of no programs, or of more than [`MAX_PROGRAMS`].
    #[error("the implant has {0} programs, it stores 1–{MAX_PROGRAMS}")]
    Count(usize),
    /// One more program when [`MAX_PROGRAMS`] are stored.
    #[error("The stimulator stores at most {MAX_PROGRAMS} programs: delete one first")]
    Full,
    /// A program number the list does not have.
    #[error("There is no program {} (this implant has {count})", index.saturating_add(1))]
    NoProgram {
        /// The program asked for (0-based).
        index: usize,
        /// Programs stored.
        count: usize,
    },
    /// Deleting the only program.
    #[error("The last program cannot be deleted")]
    LastProgram,
}

/// One to [`MAX_PROGRAMS`] stored programs, in the order the remote steps through them.
#[derive(Clone, Debug, PartialEq)]
pub struct Programs(Vec<Program>);

impl Programs {
    /// The stored programs, or why not: an implant stores 1 to [`MAX_PROGRAMS`].
    pub fn new(list: Vec<Program>) -> Result<Programs, ProgramsError> {
        if list.is_empty() || list.len() > MAX_PROGRAMS {
            return Err(ProgramsError::Count(list.len()));
        }
        Ok(Programs(list))
    }

    /// A single stored program.
    pub fn one(program: Program) -> Programs {
        Programs(vec![program])
    }

    /// How many programs are stored (1 to [`MAX_PROGRAMS`]).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always `false`: an implant stores at least one program.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Program `index` (0-based), if stored.
    pub fn get(&self, index: usize) -> Option<&Program> {
        self.0.get(index)
    }

    /// Program `index` (0-based), if stored, to change it.
    pub fn get_mut(&mut self, index: usize) -> Option<&mut Program> {
        self.0.get_mut(index)
    }

    /// The program that runs when `index` is selected: that one, or the last stored one
    /// when `index` is past the end.
    pub fn active(&self, index: usize) -> &Program {
        &self.0[index.min(self.0.len() - 1)]
    }

    /// The running program (see [`Programs::active`]), to change it.
    pub fn active_mut(&mut self, index: usize) -> &mut Program {
        let i = index.min(self.0.len() - 1);
        &mut self.0[i]
    }

    /// Every stored program, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Program> {
        self.0.iter()
    }

    /// The stored programs as a slice.
    pub fn as_slice(&self) -> &[Program] {
        &self.0
    }

    /// Stores one more program at the end, refused when [`MAX_PROGRAMS`] are stored.
    pub fn push(&mut self, program: Program) -> Result<(), ProgramsError> {
        if self.0.len() >= MAX_PROGRAMS {
            return Err(ProgramsError::Full);
        }
        self.0.push(program);
        Ok(())
    }

    /// Deletes program `index` and returns it; refused for a program that does not exist
    /// and for the last one left.
    pub fn remove(&mut self, index: usize) -> Result<Program, ProgramsError> {
        if index >= self.0.len() {
            return Err(ProgramsError::NoProgram {
                index,
                count: self.0.len(),
            });
        }
        if self.0.len() == 1 {
            return Err(ProgramsError::LastProgram);
        }
        Ok(self.0.remove(index))
    }
}

impl<'a> IntoIterator for &'a Programs {
    type Item = &'a Program;
    type IntoIter = std::slice::Iter<'a, Program>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
