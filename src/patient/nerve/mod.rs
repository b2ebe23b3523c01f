//! Peripheral nerves as peripheral nerve stimulation (PNS) sees them: fibre classes with
//! their sizes ([`fibre`]), the nerves a lead is placed at, their fascicles, cutaneous
//! territories and muscles ([`catalogue`]), and where a lead lies relative to a nerve
//! ([`site`]). Facts: REFERENCES-PNS.md §2–3. The thresholds live in
//! [`super::nerve_activation`], the answers in [`super::nerve_response`].

pub mod catalogue;
pub mod fibre;
pub mod site;

pub use catalogue::{
    Fascicle, Muscle, Nerve, NerveInfo, NerveType, UnknownNerve, territory, territory_region,
};
pub use fibre::FibreClass;
pub use site::{MAX_ALONG_MM, MAX_DEPTH_MM, MAX_DISTANCE_MM, NerveSite, SiteError};
