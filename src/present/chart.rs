//! SVG charts drawn with plotters: a series over time with its plan and the path to its targets.
//! Text is measured with the embedded DejaVu Sans, never a system font; the SVG gets a `viewBox`,
//! no fixed size, `role="img"`, a `<title>` and a `<desc>`.

use super::escape;
use plotters::prelude::*;
use plotters::style::{register_font, FontStyle};
use std::sync::Once;

const FONT: &[u8] = include_bytes!("../../themes/default/fonts/DejaVuSans.ttf");
// Small enough that 20-unit text stays legible when the chart is shrunk to a 360 px phone.
const WIDTH: u32 = 480;
const HEIGHT: u32 = 300;
const TEXT: u32 = 20;

/// Okabe–Ito colours, each at least 3:1 against white for graphical objects.
const ACTUAL: RGBColor = RGBColor(0x00, 0x72, 0xB2);
const PLAN: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
const TARGET: RGBColor = RGBColor(0x22, 0x22, 0x22);
const AXIS: RGBColor = RGBColor(0x55, 0x55, 0x55);
const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);

static FONT_ONCE: Once = Once::new();

fn register() {
    FONT_ONCE.call_once(|| {
        if register_font("sans-serif", FontStyle::Normal, FONT).is_err() {
            panic!("the embedded chart font is not a valid font file");
        }
    });
}

/// What one chart shows. Points are (year, value in the chart's scale).
pub struct TimeChart<'a> {
    /// Unique within the page, for `aria-labelledby`.
    pub id: String,
    pub title: String,
    pub desc: String,
    pub actual: Vec<(i32, f64)>,
    pub plan: Vec<(i32, f64)>,
    pub targets: Vec<(i32, f64)>,
    /// Years whose actual figure the source qualifies (≈, >): drawn hollow.
    pub approximate: Vec<i32>,
    /// Axis ticks, which may be rounder than values.
    pub format_tick: &'a dyn Fn(f64) -> String,
    /// The label written beside the latest actual value, as the table writes it.
    pub latest_label: Option<String>,
}

/// Runs of consecutive years: a line is not drawn across a year without a figure.
fn runs(points: &[(i32, f64)]) -> Vec<Vec<(i32, f64)>> {
    let mut out: Vec<Vec<(i32, f64)>> = Vec::new();
    for p in points {
        match out.last_mut() {
            Some(run) if run.last().is_some_and(|l| l.0 + 1 == p.0) => run.push(*p),
            _ => out.push(vec![*p]),
        }
    }
    out
}

/// Draws the chart; `None` when there is nothing to draw.
pub fn time_chart(c: &TimeChart) -> Option<String> {
    register();
    let all: Vec<(i32, f64)> = c
        .actual
        .iter()
        .chain(&c.plan)
        .chain(&c.targets)
        .copied()
        .collect();
    if all.is_empty() {
        return None;
    }
    let (mut x0, mut x1) = all.iter().fold((i32::MAX, i32::MIN), |(a, b), (y, _)| {
        (a.min(*y), b.max(*y))
    });
    if x0 == x1 {
        x0 -= 1;
        x1 += 1;
    }
    let max = all.iter().map(|p| p.1).fold(f64::MIN, f64::max);
    let min = all.iter().map(|p| p.1).fold(f64::MAX, f64::min);
    // Counts and rates start at zero so that the slope is not exaggerated.
    let y0 = if min >= 0.0 { 0.0 } else { min * 1.1 };
    let y1 = if max > 0.0 { max * 1.12 } else { 1.0 };

    // Wide enough for the longest tick label ("16.000.000").
    let label_width = (c.format_tick)(y1).chars().count() as u32 * TEXT * 11 / 20 + 16;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .margin_top(16)
            .margin_right(24)
            .margin_left(8)
            .x_label_area_size(36)
            .y_label_area_size(label_width)
            .build_cartesian_2d(x0..x1, y0..y1)
            .ok()?;
        let years = (x1 - x0 + 1) as usize;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(AXIS)
            .x_labels(years.min(6))
            .y_labels(5)
            .x_label_formatter(&|y| y.to_string())
            .y_label_formatter(&|v| (c.format_tick)(*v))
            .label_style(("sans-serif", TEXT, &AXIS))
            .draw()
            .ok()?;

        if let (Some(last), false) = (c.actual.last(), c.targets.is_empty()) {
            // The path from the latest figure to each later target.
            let mut path = vec![*last];
            path.extend(c.targets.iter().filter(|t| t.0 > last.0).copied());
            if path.len() > 1 {
                chart
                    .draw_series(DashedLineSeries::new(path, 3, 5, TARGET.stroke_width(2)))
                    .ok()?;
            }
        }
        for run in runs(&c.plan).into_iter().filter(|r| r.len() > 1) {
            chart
                .draw_series(DashedLineSeries::new(run, 9, 6, PLAN.stroke_width(2)))
                .ok()?;
        }
        for run in runs(&c.actual).into_iter().filter(|r| r.len() > 1) {
            chart
                .draw_series(LineSeries::new(run, ACTUAL.stroke_width(3)))
                .ok()?;
        }
        chart
            .draw_series(c.actual.iter().map(|p| {
                // A qualified figure is a ring, an exact one a disc.
                let style = if c.approximate.contains(&p.0) {
                    ACTUAL.stroke_width(2)
                } else {
                    ACTUAL.filled()
                };
                Circle::new(*p, 5, style)
            }))
            .ok()?;
        // Plan markers are hollow and drawn last, so one that equals the actual stays visible.
        chart
            .draw_series(
                c.plan
                    .iter()
                    .map(|p| TriangleMarker::new(*p, 7, PLAN.stroke_width(2))),
            )
            .ok()?;
        chart
            .draw_series(
                c.targets
                    .iter()
                    .map(|p| Cross::new(*p, 7, TARGET.stroke_width(3))),
            )
            .ok()?;
        if let (Some(last), Some(text)) = (c.actual.last(), &c.latest_label) {
            // Label the latest value directly; below the point when a plan marker sits above it.
            let style = ("sans-serif", TEXT).into_font().color(&ACTUAL);
            let (x, y) = chart.backend_coord(last);
            let plan_above = c.plan.iter().any(|p| p.0 == last.0 && p.1 >= last.1);
            let width = (text.chars().count() as i32) * (TEXT as i32) * 9 / 20;
            let tx = if x + 10 + width > WIDTH as i32 - 4 {
                x - 10 - width
            } else {
                x + 10
            };
            let ty = if plan_above { y + 10 } else { y - 28 };
            root.draw(&Text::new(text.clone(), (tx.max(2), ty.max(2)), style))
                .ok()?;
        }
        root.present().ok()?;
    }
    Some(accessible(&svg, &c.id, &c.title, &c.desc))
}

/// Replaces the fixed size with a `viewBox` and adds the text alternative.
fn accessible(svg: &str, id: &str, title: &str, desc: &str) -> String {
    let body_start = svg.find('>').map_or(0, |i| i + 1);
    // Text was measured with DejaVu Sans; the page serves the same font (a Vietnamese subset).
    let body = tidy(&svg[body_start..]).replace(
        "font-family=\"sans-serif\"",
        "font-family=\"DejaVu Sans,sans-serif\"",
    );
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" class=\"chart\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>{}",
        escape(title),
        escape(desc),
        body.trim_start()
    )
}

/// plotters puts each label on lines of its own inside `<text>`; the line breaks only add bytes.
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
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_is_scalable_and_labelled() {
        let f = |v: f64| format!("{v:.0}");
        let svg = time_chart(&TimeChart {
            id: "c1".into(),
            title: "BHXH <Hướng Hóa>".into(),
            desc: "4.815 → 5.122".into(),
            actual: vec![(2018, 4815.0), (2019, 5122.0)],
            plan: vec![(2019, 5454.0), (2020, 6450.0)],
            targets: vec![(2020, 6450.0)],
            approximate: vec![],
            format_tick: &f,
            latest_label: Some("5.122".into()),
        })
        .unwrap();
        assert!(svg.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 480 300\" role=\"img\""
        ));
        assert!(!svg[..200].contains("width="));
        assert!(svg.contains("<title id=\"c1-t\">BHXH &lt;Hướng Hóa&gt;</title>"));
        assert!(svg.contains("<desc id=\"c1-d\">"));
        assert!(svg.contains(">5.122<"), "latest value labelled");
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn lines_break_at_missing_years() {
        let r = runs(&[
            (2015, 1.0),
            (2016, 2.0),
            (2019, 3.0),
            (2020, 4.0),
            (2022, 5.0),
        ]);
        let years: Vec<Vec<i32>> = r
            .iter()
            .map(|run| run.iter().map(|p| p.0).collect())
            .collect();
        assert_eq!(years, vec![vec![2015, 2016], vec![2019, 2020], vec![2022]]);
    }

    #[test]
    fn nothing_to_draw_gives_no_chart() {
        let f = |v: f64| format!("{v}");
        let empty = TimeChart {
            id: "c".into(),
            title: String::new(),
            desc: String::new(),
            actual: vec![],
            plan: vec![],
            targets: vec![],
            approximate: vec![],
            format_tick: &f,
            latest_label: None,
        };
        assert!(time_chart(&empty).is_none());
    }
}
