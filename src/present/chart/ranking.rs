//! A ranking of regions for one indicator and year: sorted horizontal bars, each labelled with
//! its region and value, and the target as a dashed reference line.

use super::{draw, fit, font, label, palette::*, text_width, Frame, TEXT, WIDTH};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Each region takes two lines: its name above, its bar below. Names are never cut short to
/// fit beside a bar: "Hải Phòng (trước 1/7/2025)" and "Hải Phòng" must stay apart.
const NAME: i32 = TEXT as i32 + 6;
const BAR: i32 = 22;
const ROW: i32 = NAME + BAR + 10;

pub struct Bar {
    pub label: String,
    pub value: f64,
    /// The value as the table writes it.
    pub value_label: String,
    /// The source qualifies the figure (≈, >): drawn as an outline.
    pub approximate: bool,
}

pub struct Ranking {
    pub frame: Frame,
    /// In the order they are ranked.
    pub bars: Vec<Bar>,
    /// The target's value and its label ("Mục tiêu 2025: 45%").
    pub reference: Option<(f64, String)>,
}

pub fn ranking_chart(c: &Ranking) -> Option<String> {
    if c.bars.is_empty() {
        return None;
    }
    let top = if c.reference.is_some() {
        TEXT as i32 + 12
    } else {
        4
    };
    let height = top + ROW * c.bars.len() as i32 + 4;
    let value_area = c
        .bars
        .iter()
        .map(|b| text_width(&b.value_label, TEXT))
        .max()
        .unwrap_or(0)
        + 12;
    let x0 = 4;
    let x1 = WIDTH as i32 - value_area - 4;
    let max = c
        .bars
        .iter()
        .map(|b| b.value)
        .chain(c.reference.as_ref().map(|r| r.0))
        .fold(0.0, f64::max);
    if x1 <= x0 || max <= 0.0 {
        return None;
    }
    let scale = |v: f64| x0 + ((v.max(0.0) / max) * f64::from(x1 - x0)).round() as i32;
    draw(&c.frame, WIDTH, height as u32, |root| {
        // The target line goes under everything else: labels keep a white patch over it.
        if let Some((value, _)) = &c.reference {
            let x = scale(*value);
            root.draw(&PathElement::new(
                vec![(x, top - 4), (x, height - 4)],
                TARGET_DOTTED.stroke_width(2),
            ))
            .ok()?;
        }
        for (n, b) in c.bars.iter().enumerate() {
            let y = top + ROW * n as i32;
            label(
                root,
                &fit(&b.label, TEXT, WIDTH as i32 - 8),
                (x0, y + 2),
                TEXT,
                &TARGET,
                (HPos::Left, VPos::Top),
            )?;
            let bar_top = y + NAME;
            let end = scale(b.value).max(x0 + 2);
            let style = if b.approximate {
                ACTUAL.stroke_width(2)
            } else {
                ACTUAL.filled()
            };
            root.draw(&Rectangle::new(
                [(x0, bar_top), (end, bar_top + BAR)],
                style,
            ))
            .ok()?;
            label(
                root,
                &b.value_label,
                (end + 6, bar_top + BAR / 2),
                TEXT,
                &TARGET,
                (HPos::Left, VPos::Center),
            )?;
        }
        if let Some((value, text)) = &c.reference {
            let x = scale(*value);
            let w = text_width(text, TEXT);
            let tx = (x - w / 2).clamp(2, WIDTH as i32 - w - 2);
            root.draw(&Text::new(
                text.clone(),
                (tx, 4),
                font(TEXT, &TARGET).pos(Pos::new(HPos::Left, VPos::Top)),
            ))
            .ok()?;
        }
        Some(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: f64) -> Bar {
        Bar {
            label: label.into(),
            value,
            value_label: format!("{:.1}%", value * 100.0),
            approximate: false,
        }
    }

    #[test]
    fn bars_are_labelled_and_the_target_is_drawn() {
        let svg = ranking_chart(&Ranking {
            frame: Frame {
                id: "r".into(),
                title: "Xếp hạng".into(),
                desc: "A 40%, B 20%".into(),
            },
            bars: vec![bar("Tỉnh A", 0.4), bar("Tỉnh B", 0.2)],
            reference: Some((0.45, "Mục tiêu 2025: 45%".into())),
        })
        .unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        for t in ["Tỉnh A", "Tỉnh B", "40.0%", "20.0%", "Mục tiêu 2025: 45%"] {
            assert!(texts.contains(&t), "{t} in {texts:?}");
        }
        assert!(
            svg.contains("viewBox=\"0 0 480 164\""),
            "two rows and the target's label"
        );
        // The longer bar is twice the shorter one: both start at the same baseline.
        let widths: Vec<f64> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#0072B2"))
            .map(|n| n.attribute("width").unwrap().parse().unwrap())
            .collect();
        assert_eq!(widths.len(), 2);
        assert!((widths[0] / widths[1] - 2.0).abs() < 0.05, "{widths:?}");
    }

    #[test]
    fn no_bars_no_chart() {
        let c = Ranking {
            frame: Frame {
                id: "r".into(),
                title: String::new(),
                desc: String::new(),
            },
            bars: vec![],
            reference: None,
        };
        assert!(ranking_chart(&c).is_none());
    }
}
