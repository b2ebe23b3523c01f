//! Where the window's files go. On the desktop a file is a path, typed or chosen in the
//! platform's file dialog (`rfd`), and is written atomically. A browser has no paths: a
//! saved file is downloaded under its name, and a file to open comes from the browser's
//! file picker, read in full and handed to a later frame.

/// What a file holds, for the dialog's filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A session file (`.ron`).
    Session,
    /// A printable debrief (`.html`; a browser downloads it without a dialog).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    Html,
}

impl FileKind {
    /// The dialog's filter: its name and extensions.
    fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            FileKind::Session => ("scs-sim session", &["ron"]),
            FileKind::Html => ("Web page", &["html"]),
        }
    }
}

/// Writes `bytes` as the file `path` names; returns where it went, in words: the full
/// path on the desktop, the browser's downloads on the web.
#[cfg(not(target_arch = "wasm32"))]
pub fn write(path: &str, bytes: &[u8]) -> Result<String, String> {
    let full = std::path::absolute(path).map_err(|e| format!("Cannot save {path}: {e}"))?;
    crate::files::write_atomic(&full, bytes).map_err(|e| format!("Cannot save: {e}"))?;
    Ok(full.display().to_string())
}

/// Writes `bytes` as the file `path` names; returns where it went, in words: the full
/// path on the desktop, the browser's downloads on the web.
#[cfg(target_arch = "wasm32")]
pub fn write(path: &str, bytes: &[u8]) -> Result<String, String> {
    let name = std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned());
    web::download(&name, bytes).map_err(|e| format!("Cannot download {name}: {e}"))?;
    Ok(format!("your downloads ({name})"))
}

/// The platform's dialog asking where to save a `kind` file, starting from `current` (its
/// folder and name). Cancelled, or a system without a file dialog: the sentence to show.
#[cfg(not(target_arch = "wasm32"))]
pub fn ask_save(kind: FileKind, current: &str) -> Result<String, String> {
    let (name, file) = dialog(kind, current);
    chosen(file.set_file_name(name).save_file())
}

/// The platform's dialog asking which `kind` file to open, starting in `current`'s folder.
/// Cancelled, or a system without a file dialog: the sentence to show.
#[cfg(not(target_arch = "wasm32"))]
pub fn ask_open(kind: FileKind, current: &str) -> Result<String, String> {
    chosen(dialog(kind, current).1.pick_file())
}

/// A dialog's answer as a path, or what the status line says when it gave none.
#[cfg(not(target_arch = "wasm32"))]
fn chosen(answer: Option<std::path::PathBuf>) -> Result<String, String> {
    answer
        .map(|p| p.display().to_string())
        .ok_or_else(|| NO_FILE_CHOSEN.to_string())
}

/// A dialog for `kind` files in the folder of `current` (relative to the working folder),
/// and `current`'s file name.
#[cfg(not(target_arch = "wasm32"))]
fn dialog(kind: FileKind, current: &str) -> (String, rfd::FileDialog) {
    let (filter, extensions) = kind.filter();
    let full = std::path::absolute(current).unwrap_or_else(|_| current.into());
    let name = full
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut dialog = rfd::FileDialog::new().add_filter(filter, extensions);
    if let Some(folder) = full.parent().filter(|f| f.is_dir()) {
        dialog = dialog.set_directory(folder);
    }
    (name, dialog)
}

/// What the status line says when a dialog gave no file.
#[cfg(not(target_arch = "wasm32"))]
const NO_FILE_CHOSEN: &str =
    "No file chosen (if no dialog opened, this system has none: type the path instead)";

#[cfg(target_arch = "wasm32")]
pub use web::{Inbox, Picked};

#[cfg(target_arch = "wasm32")]
mod web {
    use super::FileKind;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;

    /// Starts a download of `bytes` named `name` (a link to a blob, clicked).
    pub fn download(name: &str, bytes: &[u8]) -> Result<(), String> {
        let js = |e: wasm_bindgen::JsValue| format!("{e:?}");
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?;
        let parts = js_sys_array(bytes);
        let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(js)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js)?;
        let link: web_sys::HtmlAnchorElement = document
            .create_element("a")
            .map_err(js)?
            .dyn_into()
            .map_err(|_| "not a link")?;
        link.set_href(&url);
        link.set_download(name);
        link.click();
        web_sys::Url::revoke_object_url(&url).map_err(js)?;
        Ok(())
    }

    /// `[bytes]` as the array of parts a blob is made of.
    fn js_sys_array(bytes: &[u8]) -> wasm_bindgen::JsValue {
        let array = js_sys::Array::new();
        array.push(&js_sys::Uint8Array::from(bytes));
        array.into()
    }

    /// A file picked in the browser, read in full.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Picked {
        /// Its name (no folder: a browser does not tell).
        pub name: String,
        /// Its content.
        pub bytes: Vec<u8>,
    }

    /// Where a picked file waits for the next frame.
    #[derive(Clone, Debug, Default)]
    pub struct Inbox(Rc<RefCell<Option<Picked>>>);

    impl Inbox {
        /// Opens the browser's file picker for a `kind` file; the file read arrives here
        /// and a repaint is asked for.
        pub fn pick(&self, kind: FileKind, ctx: &egui::Context) {
            let (filter, extensions) = kind.filter();
            let dialog = rfd::AsyncFileDialog::new().add_filter(filter, extensions);
            let inbox = self.clone();
            let ctx = ctx.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(file) = dialog.pick_file().await {
                    let bytes = file.read().await;
                    *inbox.0.borrow_mut() = Some(Picked {
                        name: file.file_name(),
                        bytes,
                    });
                    ctx.request_repaint();
                }
            });
        }

        /// The file picked, if one arrived since the last call.
        pub fn take(&self) -> Option<Picked> {
            self.0.borrow_mut().take()
        }
    }
}
