//! Composition by year: the parts of a total (compulsory + voluntary = social insurance)
//! stacked, with the parts named directly beside the latest bar and its total on top.

use super::{draw, font, palette::*, text_width, Frame, TEXT, WIDTH};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const HEIGHT: u32 = 300;

pub struct Part {
    pub name: String,
    /// One value per year of [`Stacked::years`]; a year where any part is missing is not drawn.
    pub values: Vec<Option<f64>>,
}

pub struct Stacked<'a> {
    pub frame: Frame,
    pub years: Vec<i32>,
    /// Bottom first.
    pub parts: Vec<Part>,
    pub format_tick: &'a dyn Fn(f64) -> String,
    /// The total of the latest drawn year, as the table writes it.
    pub latest_total: Option<String>,
}

/// The stack of each year whose parts are all known.
fn stacks(c: &Stacked) -> Vec<(i32, Vec<f64>)> {
    c.years
        .iter()
        .enumerate()
        .filter_map(|(n, y)| {
            let values: Option<Vec<f64>> = c.parts.iter().map(|p| p.values[n]).collect();
            Some((*y, values?))
        })
        .collect()
}

pub fn stacked_chart(c: &Stacked) -> Option<String> {
    let stacks = stacks(c);
    if stacks.is_empty() || c.parts.len() < 2 {
        return None;
    }
    let colors = [ACTUAL, SECOND, PLAN];
    let max = stacks
        .iter()
        .map(|(_, v)| v.iter().sum::<f64>())
        .fold(0.0, f64::max);
    let y1 = if max > 0.0 { max * 1.15 } else { 1.0 };
    let x0 = stacks[0].0;
    let x1 = stacks[stacks.len() - 1].0;
    let label_width = text_width(&(c.format_tick)(y1), TEXT) as u32 + 16;
    // The parts are named beside the last bar instead of in a colour legend.
    let names_width = c
        .parts
        .iter()
        .map(|p| text_width(&p.name, TEXT))
        .max()
        .unwrap_or(0) as u32
        + 8;
    draw(&c.frame, WIDTH, HEIGHT, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin_top(24)
            .margin_right(names_width.min(WIDTH / 3).max(super::half_year_label()))
            .margin_left(8)
            .x_label_area_size(36)
            .y_label_area_size(label_width)
            .build_cartesian_2d((x0 as f64 - 0.6)..(x1 as f64 + 0.6), 0.0..y1)
            .ok()?;
        let years = (x1 - x0 + 1) as usize;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(AXIS)
            .x_labels(super::year_labels(
                WIDTH as i32 - label_width as i32 - names_width.min(WIDTH / 3) as i32 - 8,
                years,
            ))
            .y_labels(5)
            .x_label_formatter(&|y| format!("{}", y.round() as i32))
            .y_label_formatter(&|v| (c.format_tick)(*v))
            .label_style(font(TEXT, &AXIS))
            .draw()
            .ok()?;
        let half = if years > 12 { 0.3 } else { 0.35 };
        for (year, values) in &stacks {
            let x = f64::from(*year);
            let mut bottom = 0.0;
            for (n, v) in values.iter().enumerate() {
                let top = bottom + v;
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(x - half, bottom), (x + half, top)],
                        colors[n % colors.len()].filled(),
                    )))
                    .ok()?;
                bottom = top;
            }
        }
        let (last_year, last) = stacks.last()?;
        let x = f64::from(*last_year) + half;
        let mut bottom = 0.0;
        let mut previous_label_y = i32::MAX;
        for (n, v) in last.iter().enumerate() {
            let (px, py) = chart.backend_coord(&(x, bottom + v / 2.0));
            // Thin parts still get a readable label: labels keep a line apart.
            let ly = py.min(previous_label_y - TEXT as i32 - 2);
            previous_label_y = ly;
            root.draw(&Text::new(
                c.parts[n].name.clone(),
                (px + 6, ly),
                font(TEXT, &colors[n % colors.len()]).pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .ok()?;
            bottom += v;
        }
        if let Some(total) = &c.latest_total {
            let (px, py) = chart.backend_coord(&(f64::from(*last_year), bottom));
            let w = text_width(total, TEXT);
            root.draw(&Text::new(
                total.clone(),
                ((px - w / 2).clamp(2, WIDTH as i32 - w - 2), py - 24),
                font(TEXT, &TARGET),
            ))
            .ok()?;
        }
        Some(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_stack_to_the_total_and_are_named() {
        let tick = |v: f64| format!("{v:.0}");
        let svg = stacked_chart(&Stacked {
            frame: Frame {
                id: "s".into(),
                title: "BHXH".into(),
                desc: String::new(),
            },
            years: vec![2018, 2019, 2020],
            parts: vec![
                Part {
                    name: "Bắt buộc".into(),
                    values: vec![Some(300.0), Some(300.0), Some(300.0)],
                },
                Part {
                    name: "Tự nguyện".into(),
                    values: vec![Some(100.0), None, Some(100.0)],
                },
            ],
            format_tick: &tick,
            latest_total: Some("400".into()),
        })
        .unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let rects = |fill: &str| -> Vec<f64> {
            doc.descendants()
                .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some(fill))
                .map(|n| n.attribute("height").unwrap().parse().unwrap())
                .collect()
        };
        let bottom = rects("#0072B2");
        let top = rects("#007D5B");
        // 2019 misses a part, so only 2018 and 2020 are drawn.
        assert_eq!((bottom.len(), top.len()), (2, 2));
        assert!((bottom[0] / top[0] - 3.0).abs() < 0.1, "{bottom:?} {top:?}");
        assert!(svg.contains(">Bắt buộc<") && svg.contains(">Tự nguyện<"));
        assert!(svg.contains(">400<"));
    }
}
