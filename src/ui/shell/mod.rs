//! The app shell: the session and the panels, the frame (keys, time, panels, requests),
//! the toolbar, help, recovery after a crash, and the summary a browser test reads.

pub mod access;
pub mod app;
pub mod apply;
pub mod class;
pub mod clock;
pub mod frame;
pub mod frame_log;
pub mod help;
pub mod keys;
pub mod name_prompt;
pub mod narrow;
pub mod recovery;
pub mod summary;
pub mod toolbar;
pub mod watching;

pub use app::App;
