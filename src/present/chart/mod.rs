//! SVG charts drawn with plotters, one module per chart kind, sharing the palette, the font and
//! the accessible wrapper. Text is measured with the embedded DejaVu Sans, never a system font;
//! every chart gets a `viewBox` and no fixed size (it scales to a phone's width), `role="img"`,
//! a `<title>` and a `<desc>` that says what it shows with its key numbers.
//!
//! Charts know no language: every word and number on them comes formatted from the view.

pub mod bullet;
pub mod progress;
pub mod ranking;
pub mod sparkline;
pub mod stacked;
pub mod time;

use super::escape;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{register_font, FontDesc, FontStyle};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::Once;

/// The font charts are measured with; the share-image renderer registers the same bytes.
pub const FONT: &[u8] = include_bytes!("../../../themes/default/fonts/DejaVuSans.ttf");
/// The family name the SVG asks for: pages serve a Vietnamese subset of this font.
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// Charts are drawn 480 units wide and shrink with the page; 24-unit text (drawn at 19,4
/// SVG units) is still 13 px in the 328 px column of a 360 px phone.
pub const WIDTH: u32 = 480;
pub const TEXT: u32 = 24;

/// Okabe–Ito colours that are at least 3:1 against white for graphical objects (WCAG 1.4.11).
pub mod palette {
    use plotters::style::RGBColor;
    pub const ACTUAL: RGBColor = RGBColor(0x00, 0x72, 0xB2);
    pub const PLAN: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
    /// The second part of a stack: bluish green, told from blue by colour-blind readers too.
    pub const SECOND: RGBColor = RGBColor(0x00, 0x7D, 0x5B);
    pub const TARGET: RGBColor = RGBColor(0x22, 0x22, 0x22);
    pub const AXIS: RGBColor = RGBColor(0x55, 0x55, 0x55);
    pub const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);
    /// Background tracks: only a backdrop, never carrying meaning on its own.
    pub const TRACK: RGBColor = RGBColor(0xEE, 0xEE, 0xEE);

    /// Stand-ins for dashed lines. plotters draws a dash as a line of its own (hundreds of
    /// elements per chart); a solid line in one of these colours becomes one line with a
    /// `stroke-dasharray` when the SVG is tidied.
    pub const PLAN_DASHED: RGBColor = RGBColor(0xD5, 0x5E, 0x01);
    pub const TARGET_DASHED: RGBColor = RGBColor(0x22, 0x22, 0x23);
    pub const TARGET_DOTTED: RGBColor = RGBColor(0x22, 0x22, 0x24);

    /// (stand-in, colour, dash pattern)
    pub const DASHES: [(&str, &str, &str); 3] = [
        ("#D55E01", "#D55E00", "9 6"),
        ("#222223", "#222222", "6 5"),
        ("#222224", "#222222", "3 3"),
    ];
}

static FONT_ONCE: Once = Once::new();

fn register() {
    FONT_ONCE.call_once(|| {
        if register_font("sans-serif", FontStyle::Normal, FONT).is_err() {
            panic!("the embedded chart font is not a valid font file");
        }
    });
}

/// What every chart says about itself, for screen readers and as a tooltip.
pub struct Frame {
    /// Unique within the page, for `aria-labelledby`.
    pub id: String,
    pub title: String,
    pub desc: String,
}

/// The chart font at `size`. Looking a font up in plotters' registry takes a lock and copies
/// the font's tables; a national build asks for it millions of times, so each thread keeps
/// the sizes it has used.
fn font_desc(size: u32) -> FontDesc<'static> {
    thread_local! {
        static FONTS: RefCell<Vec<(u32, FontDesc<'static>)>> = const { RefCell::new(Vec::new()) };
    }
    FONTS.with(|fonts| {
        let mut fonts = fonts.borrow_mut();
        if let Some((_, f)) = fonts.iter().find(|(s, _)| *s == size) {
            return f.clone();
        }
        register();
        let f = ("sans-serif", size).into_font();
        fonts.push((size, f.clone()));
        f
    })
}

/// A text style in the chart font.
fn font(size: u32, color: &RGBColor) -> TextStyle<'static> {
    font_desc(size).color(color)
}

/// The drawn width of `text` at `size`, measured with the chart font. Labels repeat from
/// chart to chart (years, axis figures, names): each thread remembers the widths it measured.
pub fn text_width(text: &str, size: u32) -> i32 {
    thread_local! {
        static WIDTHS: RefCell<FxHashMap<u32, FxHashMap<String, i32>>> =
            RefCell::new(FxHashMap::default());
    }
    WIDTHS.with(|widths| {
        let mut widths = widths.borrow_mut();
        let widths = widths.entry(size).or_default();
        if let Some(w) = widths.get(text) {
            return *w;
        }
        let w = font_desc(size).box_size(text).map_or(
            text.chars().count() as i32 * size as i32 * 6 / 10,
            |(w, _)| w as i32,
        );
        // Bounded: a national site has many distinct names.
        if widths.len() > 100_000 {
            widths.clear();
        }
        widths.insert(text.to_string(), w);
        w
    })
}

/// How many year labels fit under a plot `width` units wide without touching.
pub fn year_labels(width: i32, years: usize) -> usize {
    let one = text_width("2020", TEXT) + 16;
    years.min((width / one).max(2) as usize)
}

/// Half a year label: what a chart keeps free at its right edge so the last year is whole.
pub fn half_year_label() -> u32 {
    (text_width("2020", TEXT) / 2 + 4) as u32
}

/// Shortens `text` with "…" until it fits `max` units.
pub fn fit(text: &str, size: u32, max: i32) -> String {
    if text_width(text, size) <= max {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
        if text_width(&candidate, size) <= max {
            return candidate;
        }
    }
    "…".into()
}

/// Draws a label on a white patch, so that a line or marker under it does not cross its
/// letters.
fn label(
    root: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    text: &str,
    (x, y): (i32, i32),
    size: u32,
    color: &RGBColor,
    (h, v): (HPos, VPos),
) -> Option<()> {
    let width = text_width(text, size);
    let height = size as i32 * 4 / 5;
    let left = match h {
        HPos::Left => x,
        HPos::Center => x - width / 2,
        HPos::Right => x - width,
    };
    let top = match v {
        VPos::Top => y,
        VPos::Center => y - height / 2,
        VPos::Bottom => y - height,
    };
    root.draw(&Rectangle::new(
        [(left - 2, top - 1), (left + width + 2, top + height + 2)],
        WHITE.filled(),
    ))
    .ok()?;
    root.draw(&Text::new(
        text.to_string(),
        (x, y),
        font(size, color).pos(Pos::new(h, v)),
    ))
    .ok()
}

/// Runs `draw` on a blank `width`×`height` SVG and wraps the result for the page.
fn draw<F>(frame: &Frame, width: u32, height: u32, draw: F) -> Option<String>
where
    F: FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>) -> Option<()>,
{
    register();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        draw(&root)?;
        root.present().ok()?;
    }
    Some(accessible(&svg, width, height, frame))
}

/// Replaces the fixed size with a `viewBox` and adds the text alternative.
fn accessible(svg: &str, width: u32, height: u32, frame: &Frame) -> String {
    let body_start = svg.find('>').map_or(0, |i| i + 1);
    let body = tidy(&svg[body_start..]);
    let id = &frame.id;
    // The font is named once, on the root, and inherited by every label.
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" class=\"chart\" font-family=\"{FONT_FAMILY},sans-serif\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>{}",
        escape(&frame.title),
        escape(&frame.desc),
        body.trim_start()
    )
}

/// plotters puts each label on lines of its own inside `<text>`, and writes a full-size white
/// rectangle and zero opacity defaults; these only add bytes.
fn tidy(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find("<text") {
        let open_end = rest[start..]
            .find('>')
            .map_or(rest.len(), |i| start + i + 1);
        out.push_str(&rest[..open_end]);
        rest = rest[open_end..]
            .strip_prefix('\n')
            .unwrap_or(&rest[open_end..]);
        if let Some(close) = rest.find("</text>") {
            out.push_str(rest[..close].strip_suffix('\n').unwrap_or(&rest[..close]));
            rest = &rest[close..];
        }
    }
    out.push_str(rest);
    attributes(&out)
}

/// One pass over the attributes: drops the defaults plotters writes on every element, turns the
/// stand-in colours of dashed lines into the colour and its dashes, and rounds font sizes. A
/// national build tidies over a hundred thousand charts: a pass per replacement was a tenth of
/// the drawing.
fn attributes(svg: &str) -> String {
    const DROPPED: [&str; 2] = [" opacity=\"1\"", " font-family=\"sans-serif\""];
    const STROKE: &str = " stroke=\"";
    const FONT_SIZE: &str = " font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut copied = 0;
    let mut from = 0;
    while let Some(found) = svg[from..].find(' ') {
        let at = from + found;
        let rest = &svg[at..];
        from = at + 1;
        if let Some(drop) = DROPPED.iter().find(|d| rest.starts_with(**d)) {
            out.push_str(&svg[copied..at]);
            copied = at + drop.len();
            from = copied;
        } else if let Some(value) = rest.strip_prefix(STROKE) {
            for (stand_in, color, dashes) in palette::DASHES {
                if value.starts_with(stand_in) && value[stand_in.len()..].starts_with('"') {
                    out.push_str(&svg[copied..at]);
                    out.push_str(&format!(
                        " stroke=\"{color}\" stroke-dasharray=\"{dashes}\""
                    ));
                    copied = at + STROKE.len() + stand_in.len() + 1;
                    from = copied;
                    break;
                }
            }
        } else if let Some(value) = rest.strip_prefix(FONT_SIZE) {
            // plotters writes font sizes as `16.129032258064516`; two decimals draw the same.
            let end = value.find('"').unwrap_or(value.len());
            if let Ok(size) = value[..end].parse::<f64>() {
                out.push_str(&svg[copied..at + FONT_SIZE.len()]);
                let text = format!("{size:.2}");
                out.push_str(text.trim_end_matches('0').trim_end_matches('.'));
                copied = at + FONT_SIZE.len() + end;
                from = copied;
            }
        }
    }
    out.push_str(&svg[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_shortens_long_labels_only() {
        assert_eq!(fit("Sơn La", TEXT, 400), "Sơn La");
        let short = fit("Thành phố Hồ Chí Minh và vùng phụ cận", TEXT, 120);
        assert!(short.ends_with('…'), "{short}");
        assert!(text_width(&short, TEXT) <= 120);
    }

    #[test]
    fn tidy_makes_dashes_and_sizes_short() {
        let svg = "<polyline stroke=\"#222223\" points=\"1,2 3,4\"/><text font-family=\"sans-serif\" font-size=\"16.129032258064516\" opacity=\"1\">\n5\n</text>";
        assert_eq!(
            tidy(svg),
            "<polyline stroke=\"#222222\" stroke-dasharray=\"6 5\" points=\"1,2 3,4\"/><text font-size=\"16.13\">5</text>"
        );
    }

    #[test]
    fn tidy_leaves_other_attributes_as_they_are() {
        let svg = "<rect stroke=\"#222225\" opacity=\"0.5\" font-size=\"16\" x=\"1 2\"/><text font-size=\"12.5\" font-family=\"serif\">a b</text>";
        assert_eq!(
            tidy(svg),
            "<rect stroke=\"#222225\" opacity=\"0.5\" font-size=\"16\" x=\"1 2\"/><text font-size=\"12.5\" font-family=\"serif\">a b</text>"
        );
    }

    #[test]
    fn wide_letters_measure_wider() {
        assert!(text_width("WWWW", TEXT) > text_width("iiii", TEXT));
    }
}
