//! A [`Chart`] drawn by `plotters`: as SVG text, as PNG bytes, and as the pixels a
//! presented chart shows. One drawing for all three, on white with dark text (what a slide
//! and a projector want), labels in egui's own font scaled to the picture's size.

use super::glyphs::WithGlyphs;
use super::{Bar, Body, Chart, Heat, Rgb, Trace};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The family every label is drawn in (egui's Ubuntu Light, registered once).
const FAMILY: &str = "sans-serif";

/// A picture's width and height, pixels.
pub type Size = (u32, u32);

/// The size a chart is saved at (a 16:9 slide).
pub const SAVED: Size = (1600, 900);

/// Registers the labels' font (egui's own) with plotters, once, for measuring (a browser
/// measures with its own fonts).
#[cfg(not(target_arch = "wasm32"))]
fn font() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // The font is egui's built-in one and always parses; were it not to, labels would be
        // left out and the marks still drawn.
        let _ = plotters::style::register_font(
            FAMILY,
            plotters::style::FontStyle::Normal,
            epaint_default_fonts::UBUNTU_LIGHT,
        );
    });
}

#[cfg(target_arch = "wasm32")]
fn font() {}

/// The chart as an SVG document `size` pixels large.
pub fn svg(chart: &Chart, size: Size) -> Result<String, String> {
    font();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        draw(&root, chart)?;
        root.present().map_err(words)?;
    }
    Ok(out)
}

/// The chart as RGB pixels, row by row, `size` pixels large.
pub fn pixels(chart: &Chart, size: Size) -> Result<Vec<u8>, String> {
    font();
    let mut buf = vec![255u8; size.0 as usize * size.1 as usize * 3];
    {
        let root = WithGlyphs::new(BitMapBackend::with_buffer(&mut buf, size)).into_drawing_area();
        draw(&root, chart)?;
        root.present().map_err(words)?;
    }
    Ok(buf)
}

/// The chart as a PNG file `size` pixels large.
pub fn png(chart: &Chart, size: Size) -> Result<Vec<u8>, String> {
    let rgb = pixels(chart, size)?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, size.0, size.1);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(words)?;
    writer.write_image_data(&rgb).map_err(words)?;
    writer.finish().map_err(words)?;
    Ok(out)
}

/// Any drawing or encoding error, in words.
fn words(e: impl std::fmt::Display) -> String {
    format!("Cannot draw the chart: {e}")
}

/// Pixels per point of text: labels grow with the picture (20 px at 1280 wide).
fn scale(area: &DrawingArea<impl DrawingBackend, Shift>) -> f64 {
    let (w, h) = area.dim_in_pixel();
    (f64::from(w).min(f64::from(h) * 16.0 / 9.0) / 1280.0).max(0.5)
}

fn colour((r, g, b): Rgb) -> RGBColor {
    RGBColor(r, g, b)
}

/// A tick's number without needless decimals ("1000", "2.5", "0.25").
fn tick(v: &f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// Whole pixels for `points` of text at `s`.
fn px(points: f64, s: f64) -> u32 {
    (points * s).round().max(1.0) as u32
}

/// The chart on white: its title, then its body.
fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, chart: &Chart) -> Result<(), String> {
    root.fill(&WHITE).map_err(words)?;
    let s = scale(root);
    let area = root
        .margin(px(12.0, s), 0, 0, 0)
        .titled(&chart.title, (FAMILY, px(30.0, s)))
        .map_err(words)?;
    match &chart.body {
        Body::Lines { traces, y } => lines(&area, chart, traces, *y, s),
        Body::Bars(bars) => bar_rows(&area, chart, bars, s),
        Body::Heat(heat) => heat_map(&area, chart, heat, s),
    }
}

/// The smallest and largest of `values`, widened to include `at_least`; never empty.
fn span(values: impl Iterator<Item = f64>, at_least: (f64, f64)) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold(at_least, |(lo, hi), v| (lo.min(v), hi.max(v)));
    if hi - lo > 1e-9 {
        (lo, hi)
    } else {
        (lo - 1.0, hi + 1.0)
    }
}

/// Lines over axes with a legend.
fn lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart,
    traces: &[Trace],
    y: (f64, f64),
    s: f64,
) -> Result<(), String> {
    let points = || traces.iter().flat_map(|t| t.points.iter());
    let xs = span(points().map(|p| p[0]), (f64::INFINITY, f64::NEG_INFINITY));
    let ys = span(points().map(|p| p[1]), y);
    let mut c = ChartBuilder::on(area)
        .margin(px(16.0, s))
        .x_label_area_size(px(56.0, s))
        .y_label_area_size(px(80.0, s))
        .build_cartesian_2d(xs.0..xs.1, ys.0..ys.1)
        .map_err(words)?;
    c.configure_mesh()
        .x_desc(&chart.x_label)
        .y_desc(&chart.y_label)
        .label_style((FAMILY, px(20.0, s)))
        .axis_desc_style((FAMILY, px(22.0, s)))
        .light_line_style(RGBColor(235, 235, 235))
        .x_label_formatter(&tick)
        .y_label_formatter(&tick)
        .draw()
        .map_err(words)?;
    let width = px(3.0, s);
    for t in traces {
        let style = colour(t.rgb).stroke_width(width);
        let drawn = if t.dashed {
            let dash = px(12.0, s);
            c.draw_series(DashedLineSeries::new(
                t.points.iter().map(|p| (p[0], p[1])),
                dash,
                dash / 2 + 1,
                style,
            ))
        } else {
            c.draw_series(LineSeries::new(
                t.points.iter().map(|p| (p[0], p[1])),
                style,
            ))
        };
        let key = px(28.0, s) as i32;
        drawn
            .map_err(words)?
            .label(&t.name)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + key, y)], style));
    }
    c.configure_series_labels()
        .legend_area_size(px(40.0, s))
        .label_font((FAMILY, px(20.0, s)))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .position(SeriesLabelPosition::UpperRight)
        .draw()
        .map_err(words)
}

/// Horizontal bars from 0 to 100 %, each with its interval as a whisker, the published
/// figure as a black tick and its own figure at the right; row names on the left.
fn bar_rows<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart,
    bars: &[Bar],
    s: f64,
) -> Result<(), String> {
    let n = bars.len().max(1) as f64;
    let label = (FAMILY, px(20.0, s)).into_font().color(&BLACK);
    let longest = bars
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(0);
    let mut c = ChartBuilder::on(area)
        .margin(px(16.0, s))
        .margin_right(px(80.0, s))
        .x_label_area_size(px(56.0, s))
        .y_label_area_size(px(12.0 * longest as f64 + 24.0, s))
        .build_cartesian_2d(0.0..100.0, 0.0..n)
        .map_err(words)?;
    c.configure_mesh()
        .x_desc(&chart.x_label)
        .y_labels(0)
        .disable_y_mesh()
        .light_line_style(WHITE)
        .label_style((FAMILY, px(20.0, s)))
        .axis_desc_style((FAMILY, px(22.0, s)))
        .x_label_formatter(&|v| format!("{v:.0} %"))
        .draw()
        .map_err(words)?;
    for (i, b) in bars.iter().enumerate() {
        // The first row at the top.
        let mid = n - i as f64 - 0.5;
        let rgb = colour(b.rgb);
        c.draw_series([Rectangle::new(
            [(0.0, mid - 0.32), (b.value.clamp(0.0, 100.0), mid + 0.32)],
            rgb.filled(),
        )])
        .map_err(words)?;
        let whisker = BLACK.stroke_width(px(2.0, s));
        let (lo, hi) = b.interval;
        let ends = [(lo, mid), (hi, mid)];
        c.draw_series([PathElement::new(ends.to_vec(), whisker)])
            .map_err(words)?;
        for (x, _) in ends {
            c.draw_series([PathElement::new(
                vec![(x, mid - 0.12), (x, mid + 0.12)],
                whisker,
            )])
            .map_err(words)?;
        }
        if let Some(p) = b.published {
            c.draw_series([PathElement::new(
                vec![(p, mid - 0.45), (p, mid + 0.45)],
                BLACK.stroke_width(px(5.0, s)),
            )])
            .map_err(words)?;
        }
        let left = c.backend_coord(&(0.0, mid));
        let right = c.backend_coord(&(100.0, mid));
        area.draw(&Text::new(
            b.label.clone(),
            (left.0 - px(8.0, s) as i32, left.1),
            label.pos(Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(words)?;
        area.draw(&Text::new(
            format!("{:.0} %", b.value),
            (right.0 + px(8.0, s) as i32, right.1),
            label.pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(words)?;
    }
    Ok(())
}

/// Values over a grid as colours, with the ticks and the ring over them and a colour bar
/// with its scale at the right.
fn heat_map<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart,
    heat: &Heat,
    s: f64,
) -> Result<(), String> {
    let (na, np) = (heat.xs.len(), heat.ys.len());
    if na == 0 || np == 0 || heat.values.len() != na * np {
        return Err("Cannot draw the chart: it has no values.".into());
    }
    let (w, _) = area.dim_in_pixel();
    let (main, side) = area.split_horizontally(w.saturating_sub(px(150.0, s)));
    let x1 = heat.xs[na - 1].max(1e-6);
    let (y0, y1) = (heat.ys[0], heat.ys[np - 1].max(heat.ys[0] + 1e-6));
    let (cw, ch) = (x1 / na as f64, (y1 - y0) / np as f64);
    let mut c = ChartBuilder::on(&main)
        .margin(px(16.0, s))
        .x_label_area_size(px(56.0, s))
        .y_label_area_size(px(80.0, s))
        .build_cartesian_2d(0.0..x1, y0..y1)
        .map_err(words)?;
    c.configure_mesh()
        .x_desc(&chart.x_label)
        .y_desc(&chart.y_label)
        .disable_mesh()
        .label_style((FAMILY, px(20.0, s)))
        .axis_desc_style((FAMILY, px(22.0, s)))
        .x_label_formatter(&tick)
        .y_label_formatter(&tick)
        .draw()
        .map_err(words)?;
    let cells = (0..np).flat_map(|j| {
        (0..na).map(move |i| {
            let (x, y) = (i as f64 * cw, y0 + j as f64 * ch);
            let rgb = colour(heat.colour(heat.values[j * na + i]));
            Rectangle::new([(x, y), (x + cw, y + ch)], rgb.filled())
        })
    });
    c.draw_series(cells).map_err(words)?;
    let tick = WHITE.stroke_width(px(3.0, s));
    c.draw_series(heat.ticks.iter().filter(|(_, j)| *j < np).map(|&(x, j)| {
        let y = y0 + (j as f64 + 0.5) * ch;
        PathElement::new(vec![(x, y - 0.4 * ch), (x, y + 0.4 * ch)], tick)
    }))
    .map_err(words)?;
    if let Some(ring) = heat.ring {
        let r = px(12.0, s);
        c.draw_series([
            Circle::new(ring, r + 1, BLACK.stroke_width(px(4.0, s))),
            Circle::new(ring, r, RGBColor(0xF0, 0xE4, 0x42).stroke_width(px(3.0, s))),
        ])
        .map_err(words)?;
    }
    colour_bar(&side, heat, s)
}

/// The colour scale, bottom (0) to top, with three labels and its name.
fn colour_bar<DB: DrawingBackend>(
    side: &DrawingArea<DB, Shift>,
    heat: &Heat,
    s: f64,
) -> Result<(), String> {
    let (_, h) = side.dim_in_pixel();
    let (top, bottom) = (px(40.0, s) as i32, h as i32 - px(100.0, s) as i32);
    let (left, right) = (px(10.0, s) as i32, px(40.0, s) as i32);
    let steps = 50;
    for k in 0..steps {
        let v = heat.top * (k as f64 + 0.5) / steps as f64;
        let y = |k: i32| bottom - (bottom - top) * k / steps;
        side.draw(&Rectangle::new(
            [(left, y(k + 1)), (right, y(k))],
            colour(heat.colour(v)).filled(),
        ))
        .map_err(words)?;
    }
    let label = (FAMILY, px(18.0, s)).into_font().color(&BLACK);
    for (v, text) in [
        (0.0, "0".to_string()),
        (heat.top / 2.0, format!("{:.0}", heat.top / 2.0)),
        (heat.top, format!("≥ {:.0}", heat.top)),
    ] {
        let y = bottom - ((bottom - top) as f64 * v / heat.top) as i32;
        side.draw(&Text::new(
            text,
            (right + px(6.0, s) as i32, y),
            label.pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(words)?;
    }
    side.draw(&Text::new(
        heat.scale_label.clone(),
        (left, bottom + px(16.0, s) as i32),
        label,
    ))
    .map_err(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relief_chart() -> Chart {
        Chart {
            title: "Relief over time".into(),
            x_label: "minutes".into(),
            y_label: "relief %".into(),
            body: Body::Lines {
                traces: vec![Trace {
                    name: "A: P1".into(),
                    rgb: (200, 30, 30),
                    points: (0..=10).map(|i| [f64::from(i), f64::from(i * 8)]).collect(),
                    dashed: false,
                }],
                y: (0.0, 100.0),
            },
        }
    }

    #[test]
    fn a_chart_saved_as_svg_names_its_title_axes_and_lines() {
        let svg = svg(&relief_chart(), SAVED).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        for text in ["Relief over time", "minutes", "relief %", "A: P1"] {
            assert!(svg.contains(text), "{text} missing");
        }
        // The line in its colour.
        assert!(svg.contains("#C81E1E"), "the line's colour is not drawn");
    }

    #[test]
    fn a_chart_saved_as_png_is_a_picture_of_its_size_with_its_line() {
        let bytes = png(&relief_chart(), (800, 450)).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (800, 450));
        let red = buf[..info.buffer_size()]
            .chunks(3)
            .filter(|p| p[0] > 180 && p[1] < 60 && p[2] < 60)
            .count();
        assert!(red > 200, "only {red} pixels of the line");
        // Text is drawn: dark pixels besides the axes.
        let dark = buf.chunks(3).filter(|p| p[0] < 80 && p[1] < 80).count();
        assert!(dark > 1000, "{dark}");
    }

    #[test]
    fn ticks_have_no_needless_decimals() {
        let shown: Vec<String> = [1000.0, 2.5, 0.25, -0.0001, 7.0].iter().map(tick).collect();
        assert_eq!(shown, ["1000", "2.5", "0.25", "0", "7"]);
    }

    #[test]
    fn a_heat_map_without_values_says_so_instead_of_drawing_nothing() {
        let chart = Chart {
            body: Body::Heat(Heat {
                xs: vec![1.0, 2.0],
                ys: vec![100.0],
                values: vec![],
                top: 70.0,
                scale_label: "relief %".into(),
                ticks: vec![],
                ring: None,
                palette: vec![(0, 0, 0)],
            }),
            ..relief_chart()
        };
        assert!(svg(&chart, SAVED).unwrap_err().contains("no values"));
    }
}
