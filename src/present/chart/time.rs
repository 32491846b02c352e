//! A series over time: actual figures, the plan, and the milestone targets with the path from
//! the latest figure to them; the latest value and each later target labelled directly.

use super::{draw, font, palette::*, text_width, Frame, TEXT, WIDTH};
use plotters::coord::types::{RangedCoordf64, RangedCoordi32};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const HEIGHT: u32 = 300;

/// What one chart shows. Points are (year, value in the chart's scale).
pub struct TimeChart<'a> {
    pub frame: Frame,
    pub actual: Vec<(i32, f64)>,
    pub plan: Vec<(i32, f64)>,
    pub targets: Vec<(i32, f64)>,
    /// Years whose actual figure the source qualifies (≈, >): drawn hollow.
    pub approximate: Vec<i32>,
    /// Axis ticks, which may be rounder than values.
    pub format_tick: &'a dyn Fn(f64) -> String,
    /// The label written beside the latest actual value, as the table writes it.
    pub latest_label: Option<String>,
    /// Labels of the targets, in the order of `targets`; those after the latest figure are drawn.
    pub target_labels: Vec<String>,
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
    let ((x0, x1), (y0, y1)) = extent(c)?;
    // Wide enough for the longest tick label ("16.000.000").
    let label_width = text_width(&(c.format_tick)(y1), TEXT) as u32 + 16;
    draw(&c.frame, WIDTH, HEIGHT, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin_top(24)
            .margin_right(super::half_year_label().max(24))
            .margin_left(8)
            .x_label_area_size(36)
            .y_label_area_size(label_width)
            .build_cartesian_2d(x0..x1, y0..y1)
            .ok()?;
        let years = (x1 - x0 + 1) as usize;
        // Five horizontal lines at most: more grid only adds bytes and noise.
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(AXIS)
            .x_labels(super::year_labels(
                WIDTH as i32 - label_width as i32 - 32,
                years,
            ))
            .y_labels(5)
            .x_label_formatter(&|y| y.to_string())
            .y_label_formatter(&|v| (c.format_tick)(*v))
            .label_style(font(TEXT, &AXIS))
            .draw()
            .ok()?;
        draw_lines(&mut chart, c)?;
        draw_labels(root, &chart, c)
    })
}

/// The years and the values the chart spans; None when there is nothing to draw.
fn extent(c: &TimeChart) -> Option<((i32, i32), (f64, f64))> {
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
    Some(((x0, x1), (y0, y1)))
}

/// The plot of a time chart: years across, values up.
type Plot<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordi32, RangedCoordf64>>;

/// The lines and markers: the path to the targets, the plan, the actual figures.
fn draw_lines(chart: &mut Plot, c: &TimeChart) -> Option<()> {
    if let (Some(last), false) = (c.actual.last(), c.targets.is_empty()) {
        // The path from the latest figure to each later target.
        let mut path = vec![*last];
        path.extend(c.targets.iter().filter(|t| t.0 > last.0).copied());
        if path.len() > 1 {
            chart
                .draw_series(LineSeries::new(path, TARGET_DASHED.stroke_width(2)))
                .ok()?;
        }
    }
    for run in runs(&c.plan).into_iter().filter(|r| r.len() > 1) {
        chart
            .draw_series(LineSeries::new(run, PLAN_DASHED.stroke_width(2)))
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
    Some(())
}

/// The latest value and each later target, labelled beside their points.
fn draw_labels(root: &DrawingArea<SVGBackend, Shift>, chart: &Plot, c: &TimeChart) -> Option<()> {
    let last_year = c.actual.last().map_or(i32::MIN, |p| p.0);
    let mut taken: Vec<(i32, i32, i32)> = Vec::new();
    let mut label = |text: &str, at: (i32, f64), color: &RGBColor, below: bool| {
        let (x, y) = chart.backend_coord(&at);
        let width = text_width(text, TEXT);
        let tx = if x + 10 + width > WIDTH as i32 - 4 {
            x - 10 - width
        } else {
            x + 10
        };
        let step = TEXT as i32 + 2;
        let mut ty = if below { y + 10 } else { y - 10 - step };
        ty = ty.max(2);
        // A label never covers another one; one that finds no room inside the chart is left
        // out (the table beside the chart has every value), so that placing labels stays
        // bounded however many there are.
        while taken
            .iter()
            .any(|(lx, ly, lw)| (ty - ly).abs() < step && tx < lx + lw && *lx < tx + width)
        {
            ty += step;
            if ty + step > HEIGHT as i32 {
                return Some(());
            }
        }
        taken.push((tx.max(2), ty, width));
        super::label(
            root,
            text,
            (tx.max(2), ty),
            TEXT,
            color,
            (HPos::Left, VPos::Top),
        )
    };
    if let (Some(last), Some(text)) = (c.actual.last(), &c.latest_label) {
        // Below the point when a plan marker sits above it.
        let plan_above = c.plan.iter().any(|p| p.0 == last.0 && p.1 >= last.1);
        label(text, *last, &ACTUAL, plan_above)?;
    }
    for (t, text) in c.targets.iter().zip(&c.target_labels) {
        if t.0 > last_year {
            label(text, *t, &TARGET, false)?;
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_is_scalable_and_labelled() {
        let f = |v: f64| format!("{v:.0}");
        let svg = time_chart(&TimeChart {
            frame: Frame {
                id: "c1".into(),
                title: "BHXH <Hướng Hóa>".into(),
                desc: "4.815 → 5.122".into(),
            },
            actual: vec![(2018, 4815.0), (2019, 5122.0)],
            plan: vec![(2019, 5454.0), (2020, 6450.0)],
            targets: vec![(2020, 6450.0)],
            approximate: vec![],
            format_tick: &f,
            latest_label: Some("5.122".into()),
            target_labels: vec!["6.450".into()],
        })
        .unwrap();
        assert!(svg.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 480 300\" role=\"img\""
        ));
        assert!(!svg[..200].contains("width="));
        assert!(svg.contains("<title id=\"c1-t\">BHXH &lt;Hướng Hóa&gt;</title>"));
        assert!(svg.contains("<desc id=\"c1-d\">"));
        assert!(svg.contains(">5.122<"), "latest value labelled");
        assert!(svg.contains(">6.450<"), "the later target labelled");
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
            frame: Frame {
                id: "c".into(),
                title: String::new(),
                desc: String::new(),
            },
            actual: vec![],
            plan: vec![],
            targets: vec![],
            approximate: vec![],
            format_tick: &f,
            latest_label: None,
            target_labels: vec![],
        };
        assert!(time_chart(&empty).is_none());
    }
}
