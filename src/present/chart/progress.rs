//! Progress toward each target: for every target with a base and a later figure, how much of
//! the way from the base to the target has been covered, where a straight path would be by now,
//! and the status in words.

use super::{draw, fit, font, label, palette::*, text_width, Frame, TEXT, WIDTH};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const ROW: i32 = 100;
const TOP: i32 = 34;
const BAR: i32 = 14;
/// Shares beyond these are drawn at the edge, with the label saying how far.
const LOW: f64 = -0.25;
const HIGH: f64 = 1.25;

pub struct ProgressRow {
    /// What and when: "Người tham gia BHXH – 2020".
    pub label: String,
    /// The status in words, with the latest figure: "Đúng lộ trình · 5.122 (2019)".
    pub status: String,
    /// Share of the way from the base to the target covered by the latest figure.
    pub covered: f64,
    /// Share of the time from the base year to the target year elapsed at the latest figure.
    pub expected: Option<f64>,
    /// The share as written: "52%".
    pub covered_label: String,
}

pub struct ProgressChart {
    pub frame: Frame,
    pub rows: Vec<ProgressRow>,
    /// The words at either end of the track: ("Năm gốc", "Mục tiêu").
    pub ends: (String, String),
}

pub fn progress_chart(c: &ProgressChart) -> Option<String> {
    if c.rows.is_empty() {
        return None;
    }
    let height = TOP + ROW * c.rows.len() as i32 + 4;
    let x0 = 70;
    let x1 = WIDTH as i32 - 70;
    let scale = |v: f64| x0 + ((v.clamp(LOW, HIGH)) * f64::from(x1 - x0)).round() as i32;
    let zero = scale(0.0);
    let full = scale(1.0);
    draw(&c.frame, WIDTH, height as u32, |root| {
        let (start, end) = &c.ends;
        root.draw(&Text::new(
            start.clone(),
            (zero, 4),
            font(TEXT, &AXIS).pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .ok()?;
        root.draw(&Text::new(
            end.clone(),
            (full, 4),
            font(TEXT, &AXIS).pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .ok()?;
        for (n, r) in c.rows.iter().enumerate() {
            let y = TOP + ROW * n as i32;
            root.draw(&Text::new(
                fit(&r.label, TEXT, WIDTH as i32 - 8),
                (4, y + 2),
                font(TEXT, &TARGET).pos(Pos::new(HPos::Left, VPos::Top)),
            ))
            .ok()?;
            root.draw(&Text::new(
                fit(&r.status, TEXT, WIDTH as i32 - 8),
                (4, y + 30),
                font(TEXT, &AXIS).pos(Pos::new(HPos::Left, VPos::Top)),
            ))
            .ok()?;
            let mid = y + 78;
            root.draw(&Rectangle::new(
                [(zero, mid - BAR / 2 - 3), (full, mid + BAR / 2 + 3)],
                TRACK.filled(),
            ))
            .ok()?;
            let reach = scale(r.covered);
            let (a, b) = if reach >= zero {
                (zero, reach)
            } else {
                (reach, zero)
            };
            root.draw(&Rectangle::new(
                [(a, mid - BAR / 2), (b.max(a + 2), mid + BAR / 2)],
                ACTUAL.filled(),
            ))
            .ok()?;
            if let Some(e) = r.expected {
                // Where a straight path from the base would be by the latest figure's year.
                let x = scale(e);
                root.draw(&PathElement::new(
                    vec![(x, mid - BAR), (x, mid + BAR)],
                    TARGET_DOTTED.stroke_width(2),
                ))
                .ok()?;
            }
            root.draw(&PathElement::new(
                vec![(full, mid - BAR), (full, mid + BAR)],
                TARGET.stroke_width(3),
            ))
            .ok()?;
            let w = text_width(&r.covered_label, TEXT);
            let (tx, anchor) = if reach >= zero {
                ((b.max(full) + 6).min(WIDTH as i32 - w - 2), HPos::Left)
            } else {
                (a - 6, HPos::Right)
            };
            label(
                root,
                &r.covered_label,
                (tx, mid),
                TEXT,
                &TARGET,
                (anchor, VPos::Center),
            )?;
        }
        Some(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_show_the_share_covered_and_the_status() {
        let svg = progress_chart(&ProgressChart {
            frame: Frame {
                id: "p".into(),
                title: "Tiến độ".into(),
                desc: String::new(),
            },
            rows: vec![
                ProgressRow {
                    label: "BHXH – 2020".into(),
                    status: "Đúng lộ trình".into(),
                    covered: 0.5,
                    expected: Some(0.5),
                    covered_label: "50%".into(),
                },
                ProgressRow {
                    label: "BHTN – 2020".into(),
                    status: "Đi ngược mục tiêu".into(),
                    covered: -2.0,
                    expected: None,
                    covered_label: "−200%".into(),
                },
            ],
            ends: ("Năm gốc".into(), "Mục tiêu".into()),
        })
        .unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        assert!(svg.contains(">BHXH – 2020<") && svg.contains(">Đúng lộ trình<"));
        assert!(svg.contains(">−200%<"));
        let bars: Vec<(i32, i32)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#0072B2"))
            .map(|n| {
                (
                    n.attribute("x").unwrap().parse().unwrap(),
                    n.attribute("width").unwrap().parse().unwrap(),
                )
            })
            .collect();
        // Half the way: half the track (70..410).
        assert_eq!(bars[0], (70, 170));
        // Moving away is drawn left of the base, stopped at the edge.
        assert!(bars[1].0 < 70 && bars[1].0 + bars[1].1 == 70, "{bars:?}");
    }
}
