//! The browser build: the same window on a canvas of `index.html` (WebGL2 through glow),
//! its preferences and autosave in the browser's local storage, and a link that opens a
//! patient or an exercise (`?patient=practice:42&exercise=leg-coverage`), or joins the
//! class that serves the page (`?class=CODE`).

use super::autosave::Autosave;
use crate::ui::shell::app::App;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// The canvas `index.html` gives the app.
const CANVAS_ID: &str = "scs-sim";

/// Starts the app on the page's canvas; a failure replaces the loading text with why.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        if let Err(message) = run().await {
            show_failure(&message);
        }
    });
}

async fn run() -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("this page has no document")?;
    let canvas = document
        .get_element_by_id(CANVAS_ID)
        .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
        .ok_or_else(|| format!("this page has no <canvas id=\"{CANVAS_ID}\">"))?;
    let options = eframe::WebOptions {
        dithering: false,
        ..Default::default()
    };
    let link = Link::from_page();
    plain_webgl2(&canvas);
    let state_canvas = canvas.clone();
    eframe::WebRunner::new()
        .start(
            canvas,
            options,
            Box::new(move |cc| {
                let mut app = App::from_storage(cc.storage, Some(Autosave::Browser));
                // As on the desktop: the canvas is cleared to the panel colour and the
                // panels paint no background, one whole-window layer less for a software
                // WebGL to fill each frame.
                app.set_clear_behind_panels(true);
                link.open_in(&mut app);
                Ok(Box::new(WebApp {
                    app,
                    canvas: state_canvas,
                    shown: String::new(),
                }))
            }),
        )
        .await
        .map_err(|e| format!("the app could not start: {e:?}"))?;
    if let Some(loading) = document.get_element_by_id("loading") {
        loading.remove();
    }
    Ok(())
}

/// Creates the canvas's WebGL2 context before eframe asks for it (eframe then gets this
/// one): without multisampling, as egui smooths its own edges and 4× multisampling
/// multiplied what a software WebGL fills each frame; and opaque, so the page's
/// compositor copies it instead of blending it. Without WebGL2, eframe falls back alone.
fn plain_webgl2(canvas: &HtmlCanvasElement) {
    let attributes = js_sys::Object::new();
    for (key, value) in [("antialias", false), ("alpha", false)] {
        let _ = js_sys::Reflect::set(&attributes, &key.into(), &value.into());
    }
    let _ = canvas.get_context_with_context_options("webgl2", &attributes);
}

/// Puts `message` where the loading text was, for the person looking at the page.
fn show_failure(message: &str) {
    let loading = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("loading"));
    if let Some(loading) = loading {
        loading.set_text_content(Some(&format!("scs-sim: {message}")));
    }
}

/// What the page's address asks for.
#[derive(Debug, Default)]
struct Link {
    patient: Option<String>,
    exercise: Option<String>,
    /// The page's address when it is a class link (`?class=CODE`).
    class: Option<String>,
    /// The page's address when it is a watch or follow link (`?watch=…&key=…`,
    /// `?follow=CODE`).
    watch: Option<String>,
}

impl Link {
    /// The `patient` and `exercise` of the page's query string.
    fn from_page() -> Link {
        let location = web_sys::window().map(|w| w.location());
        let search = location
            .as_ref()
            .and_then(|l| l.search().ok())
            .unwrap_or_default();
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
            return Link::default();
        };
        Link {
            patient: params.get("patient"),
            exercise: params.get("exercise"),
            class: (params.has("class") || params.has("demo"))
                .then(|| location.as_ref().and_then(|l| l.href().ok()))
                .flatten(),
            watch: (params.has("watch") || params.has("follow"))
                .then(|| location.and_then(|l| l.href().ok()))
                .flatten(),
        }
    }

    /// Opens the linked patient and exercise (see [`App::open_link`]).
    fn open_in(&self, app: &mut App) {
        app.open_link(self.patient.as_deref(), self.exercise.as_deref());
        if let Some(address) = &self.class {
            app.join_class(address);
        }
        if let Some(link) = &self.watch
            && let Err(why) = app.watch(link)
        {
            app.status = Some(why);
        }
    }
}

/// The app and the canvas whose `data-state` tells a browser test what it shows.
struct WebApp {
    app: App,
    canvas: HtmlCanvasElement,
    /// The summary last put on the canvas.
    shown: String,
}

impl eframe::App for WebApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.app.ui(ui, frame);
        let summary = self.app.summary_json();
        if summary != self.shown {
            let _ = self.canvas.set_attribute("data-state", &summary);
            self.shown = summary;
        }
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        self.app.clear_color(visuals)
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.app.save(storage);
    }
}
