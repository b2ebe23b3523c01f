//! The contact configuration of a program: each contact's polarity and share of the
//! current, on one or two leads and the case, with the programming rules and the reasons
//! a configuration or a split is refused.

use super::model::{CONTACTS_PER_LEAD, MAX_LEADS};
use crate::files::shorten;
use serde::{Deserialize, Serialize};

/// What a contact does in the present configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Polarity {
    /// Not used.
    #[default]
    Off,
    /// Current returns here (+).
    Anode,
    /// Current leaves the tissue here; the cathode excites fibres (−).
    Cathode,
}

impl Polarity {
    /// The symbol a programmer shows: `+`, `-` or `0`.
    pub fn symbol(self) -> char {
        match self {
            Polarity::Off => '0',
            Polarity::Anode => '+',
            Polarity::Cathode => '-',
        }
    }

    /// In words: `off`, `anode (+)`, `cathode (-)`.
    pub fn words(self) -> &'static str {
        match self {
            Polarity::Off => "off",
            Polarity::Anode => "anode (+)",
            Polarity::Cathode => "cathode (-)",
        }
    }

    /// The next polarity when a clinician taps a contact: off → − → + → off.
    pub fn cycled(self) -> Polarity {
        match self {
            Polarity::Off => Polarity::Cathode,
            Polarity::Cathode => Polarity::Anode,
            Polarity::Anode => Polarity::Off,
        }
    }
}

/// A contact that a lead (or the list of leads) does not have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("lead {} contact {contact} does not exist", lead.saturating_add(1))]
pub struct NoSuchContact {
    /// Lead index (0-based).
    pub lead: usize,
    /// Contact index.
    pub contact: usize,
}

/// Why a contact code (`0+-+0000/…`) or a configuration is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ContactsError {
    /// A lead written with the wrong number of characters.
    #[error(
        "contacts '{}': lead {} has {found} characters, expected {CONTACTS_PER_LEAD} (one per contact; 1 for a single-contact lead)",
        shorten(code),
        lead.saturating_add(1)
    )]
    LeadLength {
        /// The code, as given.
        code: String,
        /// Lead index (0-based).
        lead: usize,
        /// Characters written for it.
        found: usize,
    },
    /// A character other than `+`, `-` or `0`.
    #[error(
        "contacts '{}': '{symbol}' at contact {contact} of lead {} is not + (anode), - (cathode) or 0 (off)",
        shorten(code),
        lead.saturating_add(1)
    )]
    Symbol {
        /// The code, as given.
        code: String,
        /// The character.
        symbol: char,
        /// Contact index.
        contact: usize,
        /// Lead index (0-based).
        lead: usize,
    },
    /// More leads than one generator drives.
    #[error("contacts '{}': at most {MAX_LEADS} leads", shorten(.0))]
    TooManyLeads(String),
    /// No cathode: nothing excites a fibre.
    #[error("contacts '{}' have no cathode (-): at least one is needed", shorten(.0))]
    NoCathode(String),
    /// No anode and the case is not one: the current has no way back.
    #[error(
        "contacts '{}' have no anode (+) and the case is not an anode: current needs a return path",
        shorten(.0)
    )]
    NoReturn(String),
}

/// Why a current split (percent per contact and for the case) is refused.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SplitError {
    /// A row count that is not the lead count.
    #[error("fractions give {rows} leads but the contacts have {leads}")]
    LeadCount {
        /// Rows given.
        rows: usize,
        /// Leads in the configuration.
        leads: usize,
    },
    /// A row that is not one value per contact.
    #[error("fractions for lead {} have {values} values, expected {CONTACTS_PER_LEAD}", lead.saturating_add(1))]
    RowLength {
        /// Lead index (0-based).
        lead: usize,
        /// Values given.
        values: usize,
    },
    /// A share an active contact cannot take, or a share on an off contact.
    #[error(
        "fraction {percent} % on lead {} contact {contact} is invalid: an active contact takes 1–100 %, an off contact 0 %",
        lead.saturating_add(1)
    )]
    Share {
        /// The share given, %.
        percent: f64,
        /// Lead index (0-based).
        lead: usize,
        /// Contact index.
        contact: usize,
    },
    /// The case's share outside 1–100 %.
    #[error("case fraction {0} % is outside 1–100 %")]
    CaseShare(f64),
    /// The case is an anode but its share is not given.
    #[error("the case is an anode, so its fraction (case_percent) is needed too")]
    CaseShareMissing,
    /// A case share given while the case is not an anode.
    #[error("case_percent is given but the case is not an anode")]
    CaseNotAnode,
    /// Cathodes (or anodes with the case) that do not share 100 %.
    #[error("the {polarities}' fractions add up to {sum} %, they must share 100 %")]
    Sum {
        /// `cathodes` or `anodes`.
        polarities: &'static str,
        /// Their sum, %.
        sum: f64,
    },
}

/// Polarity and share of current of every contact, on one or two leads, plus the case.
#[derive(Clone, Debug, PartialEq)]
pub struct Electrodes {
    /// Polarity per contact, one array per lead.
    pub leads: Vec<[Polarity; CONTACTS_PER_LEAD]>,
    /// The pulse generator's case serves as an anode.
    pub case_anode: bool,
    /// Relative weight of each contact's share within its polarity (equal by default).
    pub weights: Vec<[f64; CONTACTS_PER_LEAD]>,
    /// Relative weight of the case among the anodes.
    pub case_weight: f64,
}

/// One active contact with the share of the current it carries (0..1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ActiveContact {
    /// Lead index (0 or 1).
    pub lead: usize,
    /// Contact index on the lead (0 = tip).
    pub contact: usize,
    /// Anode or cathode.
    pub polarity: Polarity,
    /// Share of the cathodic (or anodic) current, 0..1; cathodes sum to 1, anodes to 1.
    pub fraction: f64,
}

impl Electrodes {
    /// Parses the command-line form: one character per contact (`+`, `-`, `0`), a second
    /// lead after `/`, e.g. `0+-+0000` or `00-00000/00+00000`.
    pub fn parse(text: &str, case_anode: bool) -> Result<Electrodes, ContactsError> {
        let mut leads = Vec::new();
        for (i, part) in text.trim().split('/').enumerate() {
            let mut chars: Vec<char> = part.chars().collect();
            // A single-contact (percutaneous) lead is written with its one contact.
            if chars.len() == 1 {
                chars.resize(CONTACTS_PER_LEAD, '0');
            }
            if chars.len() != CONTACTS_PER_LEAD {
                return Err(ContactsError::LeadLength {
                    code: text.to_string(),
                    lead: i,
                    found: chars.len(),
                });
            }
            let mut lead = [Polarity::Off; CONTACTS_PER_LEAD];
            for (k, c) in chars.iter().enumerate() {
                lead[k] = match c {
                    '+' => Polarity::Anode,
                    '-' => Polarity::Cathode,
                    '0' => Polarity::Off,
                    &symbol => {
                        return Err(ContactsError::Symbol {
                            code: text.to_string(),
                            symbol,
                            contact: k,
                            lead: i,
                        });
                    }
                };
            }
            leads.push(lead);
        }
        if leads.len() > MAX_LEADS {
            return Err(ContactsError::TooManyLeads(text.to_string()));
        }
        let electrodes = Electrodes::equal_split(leads, case_anode);
        electrodes.validate()?;
        Ok(electrodes)
    }

    /// A configuration whose cathodes share the current equally, and so do its anodes.
    pub fn equal_split(leads: Vec<[Polarity; CONTACTS_PER_LEAD]>, case_anode: bool) -> Electrodes {
        let weights = vec![[1.0; CONTACTS_PER_LEAD]; leads.len()];
        Electrodes {
            leads,
            case_anode,
            weights,
            case_weight: 1.0,
        }
    }

    /// Sets the current fractions in percent (one row per lead, plus the case's share of the
    /// anodic current); cathodes must sum to 100 % and anodes (with the case) to 100 %.
    pub fn set_percentages(
        &mut self,
        rows: &[Vec<f64>],
        case_percent: Option<f64>,
    ) -> Result<(), SplitError> {
        if rows.len() != self.leads.len() {
            return Err(SplitError::LeadCount {
                rows: rows.len(),
                leads: self.leads.len(),
            });
        }
        let mut weights = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            // A single-contact lead's row may give its one contact.
            let mut row = row.clone();
            if row.len() == 1 {
                row.resize(CONTACTS_PER_LEAD, 0.0);
            }
            let arr: [f64; CONTACTS_PER_LEAD] =
                row.as_slice()
                    .try_into()
                    .map_err(|_| SplitError::RowLength {
                        lead: i,
                        values: row.len(),
                    })?;
            for (k, w) in arr.iter().enumerate() {
                let used = self.leads[i][k] != Polarity::Off;
                if !w.is_finite()
                    || *w < 0.0
                    || *w > 100.0
                    || (used && *w == 0.0)
                    || (!used && *w != 0.0)
                {
                    return Err(SplitError::Share {
                        percent: *w,
                        lead: i,
                        contact: k,
                    });
                }
            }
            weights.push(arr);
        }
        let case_weight = match (self.case_anode, case_percent) {
            (true, Some(c)) if c.is_finite() && c > 0.0 && c <= 100.0 => c,
            (true, Some(c)) => return Err(SplitError::CaseShare(c)),
            (true, None) => return Err(SplitError::CaseShareMissing),
            (false, Some(_)) => return Err(SplitError::CaseNotAnode),
            (false, None) => 0.0,
        };
        for (polarity, extra, name) in [
            (Polarity::Cathode, 0.0, "cathodes"),
            (Polarity::Anode, case_weight, "anodes"),
        ] {
            let sum: f64 = self
                .leads
                .iter()
                .zip(&weights)
                .flat_map(|(l, w)| l.iter().zip(w.iter()))
                .filter(|(p, _)| **p == polarity)
                .map(|(_, w)| *w)
                .sum::<f64>()
                + extra;
            if (sum - 100.0).abs() > 0.5 {
                return Err(SplitError::Sum {
                    polarities: name,
                    sum,
                });
            }
        }
        self.weights = weights;
        self.case_weight = if self.case_anode { case_weight } else { 1.0 };
        Ok(())
    }

    /// The command-line form of this configuration (`0+-+0000/…`).
    pub fn to_code(&self) -> String {
        self.leads
            .iter()
            .map(|l| l.iter().map(|p| p.symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Applies the programming rule: at least one cathode, and an anode or the case.
    pub fn validate(&self) -> Result<(), ContactsError> {
        let count = |p: Polarity| self.leads.iter().flatten().filter(|&&q| q == p).count();
        if count(Polarity::Cathode) == 0 {
            return Err(ContactsError::NoCathode(self.to_code()));
        }
        if count(Polarity::Anode) == 0 && !self.case_anode {
            return Err(ContactsError::NoReturn(self.to_code()));
        }
        Ok(())
    }

    /// Sum of the weights of the contacts with this polarity (the case counts as an anode).
    fn weight_sum(&self, polarity: Polarity) -> f64 {
        let contacts: f64 = self
            .leads
            .iter()
            .zip(&self.weights)
            .flat_map(|(l, w)| l.iter().zip(w.iter()))
            .filter(|(p, _)| **p == polarity)
            .map(|(_, w)| *w)
            .sum();
        let case = if polarity == Polarity::Anode && self.case_anode {
            self.case_weight
        } else {
            0.0
        };
        contacts + case
    }

    /// Active contacts with their share of the current: cathodes share 1, anodes (with the
    /// case when it is an anode) share 1.
    pub fn active(&self) -> Vec<ActiveContact> {
        let mut out = Vec::new();
        for (lead, (contacts, weights)) in self.leads.iter().zip(&self.weights).enumerate() {
            for (contact, (&polarity, &w)) in contacts.iter().zip(weights.iter()).enumerate() {
                if polarity == Polarity::Off {
                    continue;
                }
                let fraction = w / self.weight_sum(polarity);
                out.push(ActiveContact {
                    lead,
                    contact,
                    polarity,
                    fraction,
                });
            }
        }
        out
    }

    /// Share of the anodic current that returns through the case (0 when it is not an anode).
    pub fn case_fraction(&self) -> f64 {
        if self.case_anode {
            self.case_weight / self.weight_sum(Polarity::Anode)
        } else {
            0.0
        }
    }

    /// Sets one contact's polarity and resets the shares to an equal split, as a programmer
    /// does when the configuration changes.
    pub fn set_polarity(
        &mut self,
        lead: usize,
        contact: usize,
        polarity: Polarity,
    ) -> Result<(), NoSuchContact> {
        let slot = self
            .leads
            .get_mut(lead)
            .and_then(|l| l.get_mut(contact))
            .ok_or(NoSuchContact { lead, contact })?;
        *slot = polarity;
        *self = Electrodes::equal_split(self.leads.clone(), self.case_anode);
        Ok(())
    }
}
