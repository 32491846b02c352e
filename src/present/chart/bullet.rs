//! Attainment of plan (actual / plan) as bullet bars, one per year, with 100% marked by a
//! heavy line: at a glance, which years fell short of the plan and by how much.

use super::{draw, font, palette::*, text_width, Frame, TEXT, WIDTH};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const ROW: i32 = 34;
const BAR: i32 = 14;
const TOP: i32 = 34;

pub struct BulletRow {
    /// Usually the year.
    pub label: String,
    /// Actual / plan, as a ratio (1.0 = 100%).
    pub ratio: f64,
    /// As the table writes it.
    pub value_label: String,
    pub approximate: bool,
}

pub struct Bullet {
    pub frame: Frame,
    pub rows: Vec<BulletRow>,
    /// The words at the 100% mark ("100% kế hoạch").
    pub mark_label: String,
}

pub fn bullet_chart(c: &Bullet) -> Option<String> {
    if c.rows.is_empty() {
        return None;
    }
    let height = TOP + ROW * c.rows.len() as i32 + 6;
    let label_area = c
        .rows
        .iter()
        .map(|r| text_width(&r.label, TEXT))
        .max()
        .unwrap_or(0)
        + 12;
    let value_area = c
        .rows
        .iter()
        .map(|r| text_width(&r.value_label, TEXT))
        .max()
        .unwrap_or(0)
        + 12;
    let x0 = label_area;
    let x1 = WIDTH as i32 - value_area - 4;
    // Room past 100% so that an over-achieving year reads as such.
    let max = c.rows.iter().map(|r| r.ratio).fold(1.1, f64::max);
    let scale = |v: f64| x0 + ((v.max(0.0) / max) * f64::from(x1 - x0)).round() as i32;
    draw(&c.frame, WIDTH, height as u32, |root| {
        for (n, r) in c.rows.iter().enumerate() {
            let y = TOP + ROW * n as i32;
            let mid = y + ROW / 2;
            root.draw(&Text::new(
                r.label.clone(),
                (label_area - 10, mid),
                font(TEXT, &TARGET).pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .ok()?;
            // The track up to the scale's end: where 0 and the full plan lie.
            root.draw(&Rectangle::new(
                [(x0, y + 4), (x1, y + ROW - 4)],
                TRACK.filled(),
            ))
            .ok()?;
            let end = scale(r.ratio).max(x0 + 2);
            let style = if r.approximate {
                ACTUAL.stroke_width(2)
            } else {
                ACTUAL.filled()
            };
            root.draw(&Rectangle::new(
                [(x0, mid - BAR / 2), (end, mid + BAR / 2)],
                style,
            ))
            .ok()?;
            let label_x = end.max(scale(1.0)) + 6;
            root.draw(&Text::new(
                r.value_label.clone(),
                (label_x, mid),
                font(TEXT, &TARGET).pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .ok()?;
        }
        let full = scale(1.0);
        root.draw(&PathElement::new(
            vec![(full, TOP - 2), (full, height - 4)],
            TARGET.stroke_width(3),
        ))
        .ok()?;
        let w = text_width(&c.mark_label, TEXT);
        root.draw(&Text::new(
            c.mark_label.clone(),
            ((full - w / 2).clamp(2, WIDTH as i32 - w - 2), 4),
            font(TEXT, &TARGET).pos(Pos::new(HPos::Left, VPos::Top)),
        ))
        .ok()?;
        Some(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_proportional_and_100_percent_is_marked() {
        let row = |label: &str, ratio: f64| BulletRow {
            label: label.into(),
            ratio,
            value_label: format!("{:.2}%", ratio * 100.0),
            approximate: false,
        };
        let svg = bullet_chart(&Bullet {
            frame: Frame {
                id: "b".into(),
                title: "Đạt so với kế hoạch".into(),
                desc: "2019: 93,91%".into(),
            },
            rows: vec![row("2018", 1.0), row("2019", 0.5)],
            mark_label: "100% kế hoạch".into(),
        })
        .unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        assert!(svg.contains(">100% kế hoạch<"));
        assert!(svg.contains(">50.00%<"));
        let bars: Vec<(f64, f64)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#0072B2"))
            .map(|n| {
                (
                    n.attribute("x").unwrap().parse().unwrap(),
                    n.attribute("width").unwrap().parse().unwrap(),
                )
            })
            .collect();
        assert_eq!(bars.len(), 2);
        assert!((bars[0].1 / bars[1].1 - 2.0).abs() < 0.05, "{bars:?}");
        // The 100% line stands where the full bar ends.
        let full_end = bars[0].0 + bars[0].1;
        let line_x: f64 = doc
            .descendants()
            .find(|n| n.has_tag_name("polyline") && n.attribute("stroke-width") == Some("3"))
            .and_then(|n| n.attribute("points")?.split(',').next()?.parse().ok())
            .unwrap();
        assert!((line_x - full_end).abs() <= 1.0, "{line_x} vs {full_end}");
    }
}
