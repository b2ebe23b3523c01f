//! What a chart shows, as data: its title, axes and marks.

/// A colour, red, green and blue.
pub type Rgb = (u8, u8, u8);

/// What one chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// The title over it (also the file name's stem, in lower case with dashes).
    pub title: String,
    /// What runs along, with its unit.
    pub x_label: String,
    /// What runs up, with its unit.
    pub y_label: String,
    /// The marks.
    pub body: Body,
}

/// The marks of a chart.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// Lines over x–y axes, each named in the legend; `y` is the range always shown.
    Lines {
        /// The lines.
        traces: Vec<Trace>,
        /// The values of y shown at least (a relief chart: 0–100).
        y: (f64, f64),
    },
    /// Horizontal bars of a percentage (0–100), one per row, top to bottom.
    Bars(Vec<Bar>),
    /// Values over a grid, as colours.
    Heat(Heat),
}

/// One named line.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    /// Its name in the legend.
    pub name: String,
    /// Its colour.
    pub rgb: Rgb,
    /// Its points, x then y.
    pub points: Vec<[f64; 2]>,
    /// Drawn dashed (the second of two lines that may lie on each other).
    pub dashed: bool,
}

/// One row of a bar chart: a share with its interval and, where there is one, the
/// published figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The row's name.
    pub label: String,
    /// The share, %.
    pub value: f64,
    /// Its interval, %.
    pub interval: (f64, f64),
    /// The published figure, %.
    pub published: Option<f64>,
    /// The bar's colour.
    pub rgb: Rgb,
}

/// Values over a grid of x (columns) and y (rows), with marks over them.
#[derive(Clone, Debug, PartialEq)]
pub struct Heat {
    /// The columns' x.
    pub xs: Vec<f64>,
    /// The rows' y.
    pub ys: Vec<f64>,
    /// The values, row by row from the first y.
    pub values: Vec<f64>,
    /// The value at which the colour scale tops out.
    pub top: f64,
    /// What the colours mean, with the unit ("relief %").
    pub scale_label: String,
    /// A tick at (x, row index): the relief map's discomfort threshold at each pulse width.
    pub ticks: Vec<(f64, usize)>,
    /// A ring at (x, y): the present setting.
    pub ring: Option<(f64, f64)>,
    /// The colour scale from 0 to `top`, evenly (the window's own, so the slide matches
    /// the screen); never empty.
    pub palette: Vec<Rgb>,
}

impl Heat {
    /// The colour of `v`: the palette's nearest step (0 and below: the first; `top` and
    /// above: the last).
    pub fn colour(&self, v: f64) -> Rgb {
        let last = self.palette.len().saturating_sub(1);
        let t = (v / self.top.max(1e-9)).clamp(0.0, 1.0);
        self.palette
            .get((t * last as f64).round() as usize)
            .copied()
            .unwrap_or((0, 0, 0))
    }
}

impl Chart {
    /// The file name for this chart with `extension`: its title as a session's name is
    /// written, lower case, words joined by dashes ("relief-map.png").
    pub fn file_name(&self, extension: &str) -> String {
        let stem = crate::session::record::slug(&self.title);
        let stem = if stem.is_empty() { "chart" } else { &stem };
        format!("{stem}.{extension}")
    }
}

/// An egui colour as the chart's.
pub fn rgb(c: egui::Color32) -> Rgb {
    (c.r(), c.g(), c.b())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_named_after_its_chart() {
        let chart = Chart {
            title: "Relief map: P1 (tonic), 10 kHz?".into(),
            x_label: String::new(),
            y_label: String::new(),
            body: Body::Bars(Vec::new()),
        };
        assert_eq!(chart.file_name("svg"), "relief-map-p1-tonic-10-khz.svg");
        let untitled = Chart {
            title: "··".into(),
            ..chart
        };
        assert_eq!(untitled.file_name("png"), "chart.png");
    }
}
