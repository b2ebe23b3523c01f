//! A plotters bitmap that draws its own text, in egui's font, with `ab_glyph`: plotters
//! draws text into a bitmap only through system or registered fonts, which a browser
//! build does not have (it would panic there), so the presented chart and the PNG draw
//! their labels here, the same on the desktop and in a browser.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

/// A backend whose text is drawn with `ab_glyph` in egui's Ubuntu Light; every other mark
/// goes to `inner`.
pub struct WithGlyphs<B> {
    inner: B,
    font: Option<FontRef<'static>>,
}

impl<B: DrawingBackend> WithGlyphs<B> {
    /// `inner` with egui's font for its text (none if it would not parse: text is then
    /// left out, the marks still drawn).
    pub fn new(inner: B) -> Self {
        WithGlyphs {
            inner,
            font: FontRef::try_from_slice(epaint_default_fonts::UBUNTU_LIGHT).ok(),
        }
    }

    /// `text` laid out at `size` pixels: each glyph with its x, and the whole width and
    /// height.
    fn layout(&self, text: &str, size: f64) -> (Vec<ab_glyph::Glyph>, f32, f32) {
        let Some(font) = &self.font else {
            return (Vec::new(), 0.0, 0.0);
        };
        let scale = PxScale::from(size as f32);
        let scaled = font.as_scaled(scale);
        let mut x = 0.0;
        let mut last = None;
        let mut glyphs = Vec::new();
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(before) = last {
                x += scaled.kern(before, id);
            }
            glyphs.push(id.with_scale_and_position(scale, point(x, scaled.ascent())));
            x += scaled.h_advance(id);
            last = Some(id);
        }
        (glyphs, x, scaled.ascent() - scaled.descent())
    }
}

impl<B: DrawingBackend> DrawingBackend for WithGlyphs<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let (_, w, h) = self.layout(text, style.size());
        Ok((w.ceil() as u32, h.ceil() as u32))
    }

    /// Each glyph's coverage blended in the text's colour, anchored and turned as the
    /// style says (an axis's name runs upwards).
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let (glyphs, w, h) = self.layout(text, style.size());
        let Some(font) = self.font.clone() else {
            return Ok(());
        };
        let anchor = style.anchor();
        let dx = match anchor.h_pos {
            HPos::Left => 0.0,
            HPos::Center => -w / 2.0,
            HPos::Right => -w,
        };
        let dy = match anchor.v_pos {
            VPos::Top => 0.0,
            VPos::Center => -h / 2.0,
            VPos::Bottom => -h,
        };
        let turn = style.transform();
        let colour = style.color();
        let mut result = Ok(());
        for glyph in glyphs {
            let Some(outline) = font.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            outline.draw(|x, y, coverage| {
                let gx = (bounds.min.x + x as f32 + dx).round() as i32;
                let gy = (bounds.min.y + y as f32 + dy).round() as i32;
                let (tx, ty) = turn.transform(gx, gy);
                let shade = BackendColor {
                    alpha: colour.alpha * f64::from(coverage),
                    rgb: colour.rgb,
                };
                if result.is_ok() && coverage > 0.0 {
                    result = self.inner.draw_pixel((pos.0 + tx, pos.1 + ty), shade);
                }
            });
        }
        result
    }
}
