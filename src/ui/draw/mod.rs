//! Pictures and widgets any panel may draw: the body map and its outline, dermatomes,
//! the pain plot, labels, steppers, painting tools, the tool panel and time in words.

pub mod body_map;
pub mod body_outline;
pub mod dermatomes;
pub mod label;
pub mod paint;
pub mod plots;
pub mod region;
pub mod stepper;
pub mod time_words;
pub mod tool_panel;
