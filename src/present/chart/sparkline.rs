//! A sparkline for a headline figure: its shape over the years, the latest point marked, no
//! axes. The card beside it gives the numbers; its `<desc>` gives every year's value.

use super::{draw, palette::*, Frame};
use plotters::prelude::*;

pub const WIDTH: u32 = 160;
pub const HEIGHT: u32 = 40;

pub fn sparkline(frame: Frame, points: &[(i32, f64)]) -> Option<String> {
    if points.len() < 2 {
        return None;
    }
    let (first, last) = (points[0].0, points[points.len() - 1].0);
    let min = points.iter().map(|p| p.1).fold(f64::MAX, f64::min);
    let max = points.iter().map(|p| p.1).fold(f64::MIN, f64::max);
    // The shape, not the level, is the point of a sparkline: the axis spans the values only.
    let span = if max > min { max - min } else { 1.0 };
    let pad = 5.0;
    let x = |year: i32| {
        pad + f64::from(year - first) / f64::from((last - first).max(1))
            * (f64::from(WIDTH) - 2.0 * pad)
    };
    let y = |v: f64| f64::from(HEIGHT) - pad - (v - min) / span * (f64::from(HEIGHT) - 2.0 * pad);
    let coords: Vec<(i32, i32)> = points
        .iter()
        .map(|(yr, v)| (x(*yr).round() as i32, y(*v).round() as i32))
        .collect();
    draw(&frame, WIDTH, HEIGHT, |root| {
        // A missing year breaks the line, as on the full chart.
        let mut run: Vec<(i32, i32)> = Vec::new();
        for (n, c) in coords.iter().enumerate() {
            if n > 0 && points[n].0 != points[n - 1].0 + 1 {
                root.draw(&PathElement::new(
                    std::mem::take(&mut run),
                    ACTUAL.stroke_width(2),
                ))
                .ok()?;
            }
            run.push(*c);
        }
        root.draw(&PathElement::new(run, ACTUAL.stroke_width(2)))
            .ok()?;
        // A year without a neighbour is no line: it gets a dot of its own.
        for (n, c) in coords.iter().enumerate() {
            let joined_before = n > 0 && points[n - 1].0 + 1 == points[n].0;
            let joined_after = n + 1 < points.len() && points[n].0 + 1 == points[n + 1].0;
            if !joined_before && !joined_after && n + 1 < points.len() {
                root.draw(&Circle::new(*c, 2, ACTUAL.filled())).ok()?;
            }
        }
        root.draw(&Circle::new(*coords.last()?, 4, ACTUAL.filled()))
            .ok()?;
        Some(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_point_is_marked_at_the_top_right() {
        let f = Frame {
            id: "k".into(),
            title: "BHXH".into(),
            desc: "10 (2018), 20 (2019)".into(),
        };
        let svg = sparkline(f, &[(2018, 10.0), (2019, 20.0)]).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let dot = doc
            .descendants()
            .find(|n| n.has_tag_name("circle"))
            .unwrap();
        assert_eq!(dot.attribute("cx"), Some("155"));
        assert_eq!(dot.attribute("cy"), Some("5"));
        // A year standing alone is a dot, not an invisible one-point line.
        let svg = sparkline(
            Frame {
                id: "k".into(),
                title: String::new(),
                desc: String::new(),
            },
            &[(2015, 1.0), (2017, 2.0), (2018, 3.0)],
        )
        .unwrap();
        assert_eq!(svg.matches("<circle").count(), 2, "{svg}");
        assert!(sparkline(
            Frame {
                id: "k".into(),
                title: String::new(),
                desc: String::new()
            },
            &[(2018, 1.0)]
        )
        .is_none());
    }
}
