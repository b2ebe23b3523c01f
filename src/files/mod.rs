//! Reading and writing RON files: clear errors with file, line and column; atomic saves.

mod echo;
mod error;
mod parse;
mod read;
mod ron_words;
mod save;

pub use echo::{cut_quoted, readable, shorten, shorten_path};
pub use error::{FileError, Located, Special};
pub use parse::{
    FORMAT_VERSION, find_field, find_nth_field, leading_name, locate, parse_ron,
    parse_ron_versioned,
};
pub use read::{MAX_FILE_BYTES, is_plain_id, read_text, text_from_bytes};
pub use save::{check_save_target, ron_text, save_ron, write_atomic};
