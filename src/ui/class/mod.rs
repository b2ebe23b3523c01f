//! The class link: a student joins a class on a class server (`scs-sim serve`) with its
//! code and a name, starts one of its assignments on the patient the server deals, and
//! every command streams to the server's live record as it happens (docs/class-api.md).
//! HTTP through `ehttp`, the live record through `ewebsock`, desktop and browser alike;
//! nothing here blocks a frame: answers arrive in inboxes the frame reads. `watch.rs`
//! follows a live record read-only (the teacher over a trainee's shoulder, students
//! following the teacher's demonstration).

pub mod api;
pub mod bar;
pub mod desk;
pub mod link;
pub mod watch;
pub mod wire;

pub use desk::ClassDesk;
pub use link::Connection;
