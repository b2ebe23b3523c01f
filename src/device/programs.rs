//! The programs an implant stores: never none, never more than [`MAX_PROGRAMS`]. The type
//! keeps that promise, so looking up the running program can never meet an empty list.

use super::program::{MAX_PROGRAMS, Program};

/// One to [`MAX_PROGRAMS`] stored programs, in the order the remote steps through them.
#[derive(Clone, Debug, PartialEq)]
pub struct Programs(Vec<Program>);

impl Programs {
    /// The stored programs, or why not: an implant stores 1 to [`MAX_PROGRAMS`].
    pub fn new(list: Vec<Program>) -> Result<Programs, String> {
        if list.is_empty() || list.len() > MAX_PROGRAMS {
            return Err(format!(
                "the implant has {} programs, it stores 1–{MAX_PROGRAMS}",
                list.len()
            ));
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
    pub fn push(&mut self, program: Program) -> Result<(), String> {
        if self.0.len() >= MAX_PROGRAMS {
            return Err(format!(
                "The stimulator stores at most {MAX_PROGRAMS} programs: delete one first"
            ));
        }
        self.0.push(program);
        Ok(())
    }

    /// Deletes program `index` and returns it; refused for a program that does not exist
    /// and for the last one left.
    pub fn remove(&mut self, index: usize) -> Result<Program, String> {
        if index >= self.0.len() {
            return Err(format!(
                "There is no program {} (this implant has {})",
                index + 1,
                self.0.len()
            ));
        }
        if self.0.len() == 1 {
            return Err("The last program cannot be deleted".into());
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
