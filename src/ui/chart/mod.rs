//! A chart as data (title, axes and what is drawn), so that one chart can be shown
//! full-window in front of a room and saved for slides as PNG and SVG, all three drawn by
//! the same code ([`render`]). The windows that show a chart (relief map, cohort, A/B,
//! pulse train, pain) each build one from what they show.

mod glyphs;
mod model;
pub mod present;
pub mod render;

pub use model::{Bar, Body, Chart, Heat, Rgb, Trace, rgb};
