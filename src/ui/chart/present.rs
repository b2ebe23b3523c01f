//! A chart in front of a room and on a slide: the row of buttons under every chart
//! (present it full-window, save it as PNG or SVG) and the presented chart, drawn at the
//! window's own pixels so its text is as sharp and as large as the screen allows.

use super::Chart;
use super::render::{self, SAVED, Size};
use crate::ui::request::Request;
use egui::Ui;

/// A file format a chart is saved in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A picture (for any slide program).
    Png,
    /// Lines and text that stay sharp at any size (for editing).
    Svg,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
        }
    }

    /// The chart in this format, at the saved size.
    pub fn bytes(self, chart: &Chart) -> Result<Vec<u8>, String> {
        match self {
            Format::Png => render::png(chart, SAVED),
            Format::Svg => render::svg(chart, SAVED).map(String::into_bytes),
        }
    }
}

/// A file name for `chart` in `format` that names no file there yet ("relief-map.png",
/// then "relief-map-2.png"…), so that saving never writes over an earlier slide; or the
/// sentence saying the folder holds 999 already.
#[cfg(not(target_arch = "wasm32"))]
fn free_name(folder: &std::path::Path, chart: &Chart, format: Format) -> Result<String, String> {
    let first = chart.file_name(format.extension());
    let stem = first.trim_end_matches(&format!(".{}", format.extension()));
    (1..1000)
        .map(|n| match n {
            1 => first.clone(),
            n => format!("{stem}-{n}.{}", format.extension()),
        })
        // Anything there counts, a dangling link or a pipe included: never written over.
        .find(|name| std::fs::symlink_metadata(folder.join(name)).is_err())
        .ok_or_else(|| format!("Cannot save: {stem}.{} to {stem}-999.{} are all taken in this folder; move some away", format.extension(), format.extension()))
}

/// Saves `chart` in `format`: on the desktop into the working folder under a new name,
/// in a browser as a download; the sentence for the status line either way.
pub fn save(chart: &Chart, format: Format) -> String {
    #[cfg(not(target_arch = "wasm32"))]
    let name = free_name(std::path::Path::new("."), chart, format);
    #[cfg(target_arch = "wasm32")]
    let name: Result<String, String> = Ok(chart.file_name(format.extension()));
    let saved = name.and_then(|name| {
        let bytes = format.bytes(chart)?;
        crate::ui::platform::file_io::write(&name, &bytes)
    });
    match saved {
        Ok(to) => format!("Saved the chart \"{}\" to {to}", chart.title),
        Err(e) => e,
    }
}

/// What a chart's buttons asked for: present it (`None`) or save it in a format.
type Pressed = Option<Option<Format>>;

/// The three buttons: present, save as PNG, save as SVG.
fn buttons(ui: &mut Ui) -> Pressed {
    let mut pressed = None;
    if ui
        .button("Present chart")
        .on_hover_text("This chart alone, full-window (Esc returns)")
        .clicked()
    {
        pressed = Some(None);
    }
    save_buttons(ui).map_or(pressed, |format| Some(Some(format)))
}

/// *Save PNG* and *Save SVG*; the format pressed, if any.
fn save_buttons(ui: &mut Ui) -> Option<Format> {
    let mut pressed = None;
    for (format, label) in [(Format::Png, "Save PNG"), (Format::Svg, "Save SVG")] {
        if ui.button(label).on_hover_text(SAVE_HINT).clicked() {
            pressed = Some(format);
        }
    }
    pressed
}

/// The request for what was pressed, `chart` built only then.
fn answer(pressed: Pressed, chart: impl FnOnce() -> Chart) -> Vec<Request> {
    match pressed {
        None => Vec::new(),
        Some(None) => vec![Request::PresentChart(Some(Box::new(chart())))],
        Some(Some(format)) => vec![Request::Status(save(&chart(), format))],
    }
}

/// The buttons under a chart in a row: present it, save it as PNG, as SVG.
pub fn tools_ui(ui: &mut Ui, chart: impl FnOnce() -> Chart) -> Vec<Request> {
    let pressed = ui.horizontal_wrapped(buttons).inner;
    answer(pressed, chart)
}

/// The same buttons in a *Chart* menu, for a plot whose header row has little room.
pub fn tools_menu(ui: &mut Ui, chart: impl FnOnce() -> Chart) -> Vec<Request> {
    let pressed = ui
        .menu_button("Chart", |ui| {
            let pressed = buttons(ui);
            if pressed.is_some() {
                ui.close();
            }
            pressed
        })
        .inner
        .flatten();
    answer(pressed, chart)
}

/// Where a saved chart goes.
#[cfg(not(target_arch = "wasm32"))]
const SAVE_HINT: &str =
    "1600 × 900, into the folder the simulator was started in (never over an earlier file)";
/// Where a saved chart goes.
#[cfg(target_arch = "wasm32")]
const SAVE_HINT: &str = "1600 × 900, as a download";

/// The chart shown full-window and its picture at the last size drawn.
pub struct Presented {
    chart: Chart,
    picture: Option<(Size, egui::TextureHandle)>,
}

impl std::fmt::Debug for Presented {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Presented")
            .field("chart", &self.chart.title)
            .field("size", &self.picture.as_ref().map(|(s, _)| *s))
            .finish()
    }
}

/// The largest picture drawn, pixels (a 4K screen).
const LARGEST: Size = (3840, 2160);

impl Presented {
    /// `chart`, to be presented.
    pub fn new(chart: Chart) -> Self {
        Presented {
            chart,
            picture: None,
        }
    }

    /// The chart presented.
    pub fn chart(&self) -> &Chart {
        &self.chart
    }

    /// A bar (its title, save, back) and the chart filling the rest of the window; the
    /// picture is drawn again only when the window's size changes, so the window rests.
    pub fn show(&mut self, ui: &mut Ui) -> Vec<Request> {
        let mut out = Vec::new();
        egui::Panel::top("presented chart bar").show(ui, |ui| {
            crate::ui::draw::region::panel(ui, "Presenter bar");
            ui.horizontal_wrapped(|ui| {
                ui.strong(format!("Presenting: {}", self.chart.title));
                if let Some(format) = save_buttons(ui) {
                    out.push(Request::Status(save(&self.chart, format)));
                }
                if ui.button("Whole window (Esc)").clicked() {
                    out.push(Request::PresentChart(None));
                }
            });
        });
        egui::CentralPanel::default().show(ui, |ui| {
            crate::ui::draw::region::panel(ui, "Presented chart");
            let points = ui.available_size();
            let scale = ui.ctx().pixels_per_point();
            let size = (
                ((points.x * scale).round() as u32).clamp(64, LARGEST.0),
                ((points.y * scale).round() as u32).clamp(64, LARGEST.1),
            );
            match self.picture(ui.ctx(), size) {
                Ok(texture) => {
                    ui.add(
                        egui::Image::new((texture.id(), points)).alt_text(self.chart.title.clone()),
                    );
                }
                Err(e) => {
                    ui.label(e);
                }
            }
        });
        out
    }

    /// The picture at `size`, drawn now if the last one was another size.
    fn picture(&mut self, ctx: &egui::Context, size: Size) -> Result<&egui::TextureHandle, String> {
        if self.picture.as_ref().is_none_or(|(s, _)| *s != size) {
            let rgb = render::pixels(&self.chart, size)?;
            let image = egui::ColorImage::from_rgb([size.0 as usize, size.1 as usize], &rgb);
            let texture = ctx.load_texture("presented chart", image, egui::TextureOptions::LINEAR);
            self.picture = Some((size, texture));
        }
        self.picture
            .as_ref()
            .map(|(_, t)| t)
            .ok_or_else(|| "Cannot draw the chart.".to_string())
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::ui::chart::Body;

    #[test]
    fn a_saved_chart_takes_the_first_free_name_and_never_one_that_is_taken() {
        let folder = std::env::temp_dir().join(format!("scs-sim-free-name-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let chart = Chart {
            title: "Relief map".into(),
            x_label: String::new(),
            y_label: String::new(),
            body: Body::Bars(Vec::new()),
        };
        assert_eq!(
            free_name(&folder, &chart, Format::Png).unwrap(),
            "relief-map.png"
        );
        std::fs::write(folder.join("relief-map.png"), b"").unwrap();
        std::fs::write(folder.join("relief-map-2.png"), b"").unwrap();
        assert_eq!(
            free_name(&folder, &chart, Format::Png).unwrap(),
            "relief-map-3.png"
        );
        assert_eq!(
            free_name(&folder, &chart, Format::Svg).unwrap(),
            "relief-map.svg"
        );
        for n in 3..1000 {
            std::fs::write(folder.join(format!("relief-map-{n}.png")), b"").unwrap();
        }
        let full = free_name(&folder, &chart, Format::Png).unwrap_err();
        assert!(full.contains("all taken"), "{full}");
        std::fs::remove_dir_all(&folder).unwrap();
    }
}
