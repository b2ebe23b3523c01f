//! Inside a drug-pump patient: the spinal cord from the brainstem down, each segment's bar
//! as long as the relief the drug gives there, the catheter up to its tip, and the
//! segments of the patient's pain beside it. A teacher shows why the tip's level matters,
//! why a bolus reaches further than the infusion, and how an opioid drifts up to the
//! brainstem (drowsiness, slow breathing) hours later.

use crate::implant::pump::PumpImplant;
use crate::implant::pump::report::tip_name;
use crate::patient::anatomy::{DERMATOMES, REGIONS, dermatome_name};
use crate::session::Session;
use crate::ui::request::Shared;
use egui::{Align2, Color32, CornerRadius, FontId, Rect, Sense, Stroke, Ui, pos2, vec2};

/// Rows drawn: the brainstem, then every cord segment.
const ROWS: usize = DERMATOMES.len() + 1;

/// The title of the view (tests find the view by it).
pub const TITLE: &str = "Inside: the drug in the spinal fluid";

/// Draws the view of pump `p` in `ui`, at most `height` points tall for the cord.
pub fn pump_inside_ui(ui: &mut Ui, shared: &Shared<'_>, p: &PumpImplant, height: f32) {
    let s = shared.session;
    ui.strong(TITLE);
    let row_h = (height / ROWS as f32).clamp(10.0, 24.0);
    let width = ui.available_width().clamp(220.0, 420.0);
    let (rect, _) = ui.allocate_exact_size(vec2(width, row_h * ROWS as f32), Sense::hover());
    let cord = Cord::new(rect, row_h);
    cord.draw(ui, s, p, shared);
    ui.add_space(4.0);
    let drug = p.pump.programmed.drug;
    let tip = p.body.tip_segment;
    ui.label(format!(
        "CSF: {:.0} ng/mL of {drug}. At the tip (cord {}): relief {:.0} %.",
        p.body.csf_ng_per_ml(drug),
        dermatome_name(tip),
        100.0 * p.body.relief_at(tip)
    ));
    ui.small(
        "Bars: relief at each cord segment (full width: complete). Orange: the patient's \
         pain. A bolus reaches further than the infusion; an opioid drifts up to the \
         brainstem over hours (top bar: drowsiness).",
    );
}

/// Where the parts of the picture go.
struct Cord {
    rect: Rect,
    row_h: f32,
    /// Left edge of the pain squares, of the cord's bars, and the bars' full width.
    pain_x: f32,
    bar_x: f32,
    bar_w: f32,
}

impl Cord {
    fn new(rect: Rect, row_h: f32) -> Cord {
        let pain_x = rect.left() + 34.0;
        let bar_x = pain_x + row_h + 6.0;
        // Room on the right for the catheter and its label.
        let bar_w = (rect.right() - bar_x - 100.0).max(60.0);
        Cord {
            rect,
            row_h,
            pain_x,
            bar_x,
            bar_w,
        }
    }

    /// The rectangle of row `i` (0: the brainstem).
    fn row(&self, i: usize) -> Rect {
        let top = self.rect.top() + i as f32 * self.row_h;
        Rect::from_min_max(
            pos2(self.rect.left(), top),
            pos2(self.rect.right(), top + self.row_h),
        )
    }

    /// The bar's rectangle in row `i`, `share` (0..1) of the full width.
    fn bar(&self, i: usize, share: f64) -> Rect {
        let r = self.row(i);
        Rect::from_min_size(
            pos2(self.bar_x, r.top() + 2.0),
            vec2(self.bar_w * share.clamp(0.0, 1.0) as f32, r.height() - 4.0),
        )
    }

    fn draw(&self, ui: &mut Ui, s: &Session, p: &PumpImplant, shared: &Shared<'_>) {
        let painter = ui.painter_at(self.rect.expand(2.0));
        let text = ui.visuals().text_color();
        let font = FontId::proportional((self.row_h * 0.72).clamp(9.0, 14.0));
        let palette = &shared.palette;
        // The spinal fluid around the cord: the whole column, the brainstem's row included.
        let csf = Rect::from_min_max(
            pos2(self.bar_x - 3.0, self.rect.top()),
            pos2(self.bar_x + self.bar_w + 3.0, self.rect.bottom()),
        );
        painter.rect_filled(
            csf,
            CornerRadius::same(6),
            palette.tingling.gamma_multiply(0.18),
        );
        let effects = p.effects(&s.patient);
        let stem = self.row(0);
        painter.text(
            pos2(stem.left(), stem.center().y),
            Align2::LEFT_CENTER,
            "Brain-\nstem",
            FontId::proportional(font.size * 0.8),
            text,
        );
        painter.rect_filled(self.bar(0, effects.sedation), 2.0, palette.warning);
        self.hover(
            ui,
            0,
            format!("Brainstem: drowsiness {:.0} %", 100.0 * effects.sedation),
        );
        let pain = pain_segments(s);
        for (seg, name) in DERMATOMES.iter().enumerate() {
            let i = seg + 1;
            let r = self.row(i);
            // Every segment named when there is room, else every other one.
            if self.row_h >= 13.0 || seg % 2 == 0 {
                painter.text(
                    pos2(r.left(), r.center().y),
                    Align2::LEFT_CENTER,
                    *name,
                    font.clone(),
                    text,
                );
            }
            if pain[seg].is_some() {
                let square = Rect::from_center_size(
                    pos2(self.pain_x + self.row_h / 2.0, r.center().y),
                    vec2(self.row_h - 4.0, self.row_h - 4.0),
                );
                painter.rect_filled(square, 1.0, palette.pain);
            }
            let relief = p.body.relief_at(seg as f64);
            painter.rect_filled(self.bar(i, relief), 2.0, palette.good);
            let pain_words = pain[seg]
                .as_deref()
                .map_or(String::new(), |w| format!("; pain here: {w}"));
            self.hover(
                ui,
                i,
                format!("{name}: relief {:.0} %{pain_words}", 100.0 * relief),
            );
        }
        self.catheter(&painter, p, text, &font);
    }

    /// The catheter: up the right of the canal from below, ending at the tip's segment.
    fn catheter(&self, painter: &egui::Painter, p: &PumpImplant, text: Color32, font: &FontId) {
        let x = self.bar_x + self.bar_w + 12.0;
        let tip_y = self.rect.top() + (p.body.tip_segment as f32 + 1.5) * self.row_h;
        let stroke = Stroke::new(3.0, text.gamma_multiply(0.8));
        painter.line_segment([pos2(x, self.rect.bottom()), pos2(x, tip_y)], stroke);
        painter.circle_filled(pos2(x, tip_y), 5.0, text);
        painter.text(
            pos2(x + 8.0, tip_y),
            Align2::LEFT_CENTER,
            format!("catheter\ntip at\nvertebra {}", tip_name(p)),
            font.clone(),
            text,
        );
    }

    /// A tooltip for row `i`, beside the pointer.
    fn hover(&self, ui: &mut Ui, i: usize, words: String) {
        let id = ui.scope_id().with(("pump-cord", i));
        ui.interact(self.row(i), id, Sense::hover())
            .on_hover_text_at_pointer(words);
    }
}

/// For each cord segment, the patient's painful regions there in words (`None`: no pain).
fn pain_segments(s: &Session) -> [Option<String>; DERMATOMES.len()] {
    std::array::from_fn(|seg| {
        let words: Vec<&str> = REGIONS
            .iter()
            .enumerate()
            .filter(|(r, region)| {
                s.patient.pain[*r] > 0.0
                    && (region.dermatomes.0..=region.dermatomes.1).contains(&seg)
            })
            .map(|(_, region)| region.words)
            .collect();
        (!words.is_empty()).then(|| words.join(", "))
    })
}
