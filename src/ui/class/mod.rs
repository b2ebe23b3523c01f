//! The class link: a student joins a class on a class server (`scs-sim serve`) with its
//! code and a name, starts one of its assignments on the patient the server deals, and
//! every command streams to the server's live record as it happens (docs/class-api.md).
//! HTTP through `ehttp`, the live record through `ewebsock`, desktop and browser alike;
//! nothing here blocks a frame: answers arrive in inboxes the frame reads.

pub mod api;
pub mod bar;
pub mod desk;
pub mod link;
pub mod wire;

pub use desk::ClassDesk;
pub use link::Connection;
