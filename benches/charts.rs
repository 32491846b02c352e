//! What charts and share images cost: charts per second, PNG images per second, and bytes per
//! chart, for each chart kind at national-site sizes. Run with `cargo bench --bench charts`.
//! Figures are printed, never asserted: timing belongs in a benchmark, not a test.

use baophu::present::chart::bullet::{bullet_chart, Bullet, BulletRow};
use baophu::present::chart::progress::{progress_chart, ProgressChart, ProgressRow};
use baophu::present::chart::ranking::{ranking_chart, Bar, Ranking};
use baophu::present::chart::sparkline::sparkline;
use baophu::present::chart::stacked::{stacked_chart, Part, Stacked};
use baophu::present::chart::time::{time_chart, TimeChart};
use baophu::present::chart::Frame;
use baophu::present::share::{self, Card};
use std::hint::black_box;
use std::time::Instant;

fn frame(n: usize) -> Frame {
    Frame {
        id: format!("chart-{n}"),
        title: "Người tham gia BHXH – Hướng Hóa".into(),
        desc: "Thực hiện 2005–2024.".into(),
    }
}

/// Twenty years of a growing count, with a plan and two milestone targets.
fn time(n: usize) -> Option<String> {
    let years: Vec<(i32, f64)> = (2005..2025)
        .map(|y| {
            (
                y,
                4000.0 + f64::from(y - 2005) * 180.0 + f64::from(y % 3) * 40.0,
            )
        })
        .collect();
    let tick = |v: f64| baophu::present::format::number(v, 0, baophu::present::format::Lang::Vi);
    time_chart(&TimeChart {
        frame: frame(n),
        plan: years.iter().map(|(y, v)| (*y, v * 1.05)).collect(),
        actual: years,
        targets: vec![(2025, 8500.0), (2030, 11000.0)],
        approximate: vec![2024],
        format_tick: &tick,
        latest_label: Some("7.460".into()),
        target_labels: vec!["2025: 8.500".into(), "2030: 11.000".into()],
    })
}

/// The 34 provinces of 2025, ranked, with a target line.
fn ranking(n: usize) -> Option<String> {
    ranking_chart(&Ranking {
        frame: frame(n),
        bars: (0..34)
            .map(|i| Bar {
                label: format!("Tỉnh số {}", i + 1),
                value: 0.6 - f64::from(i) * 0.015,
                value_label: format!("{:.1}%", 60.0 - f64::from(i) * 1.5),
                approximate: i % 7 == 0,
            })
            .collect(),
        reference: Some((0.45, "Mục tiêu 2025: 45%".into())),
    })
}

fn bullet(n: usize) -> Option<String> {
    bullet_chart(&Bullet {
        frame: frame(n),
        rows: (2015..2025)
            .map(|y| BulletRow {
                label: y.to_string(),
                ratio: 0.85 + f64::from(y % 4) * 0.06,
                value_label: "93,91%".into(),
                approximate: false,
            })
            .collect(),
        mark_label: "100% kế hoạch".into(),
    })
}

fn stacked(n: usize) -> Option<String> {
    let tick = |v: f64| format!("{v:.0}");
    stacked_chart(&Stacked {
        frame: frame(n),
        years: (2005..2025).collect(),
        parts: vec![
            Part {
                name: "Bắt buộc".into(),
                values: (0..20)
                    .map(|i| Some(4000.0 + f64::from(i) * 100.0))
                    .collect(),
            },
            Part {
                name: "Tự nguyện".into(),
                values: (0..20).map(|i| Some(100.0 + f64::from(i) * 40.0)).collect(),
            },
        ],
        format_tick: &tick,
        latest_total: Some("6.860".into()),
    })
}

fn spark(n: usize) -> Option<String> {
    let points: Vec<(i32, f64)> = (2005..2025).map(|y| (y, f64::from(y % 7))).collect();
    sparkline(frame(n), &points)
}

fn progress(n: usize) -> Option<String> {
    progress_chart(&ProgressChart {
        frame: frame(n),
        rows: (0..10)
            .map(|i| ProgressRow {
                label: format!("2025, ≥ 45%: Chỉ tiêu số {i}"),
                status: "Đúng lộ trình: 42,71% (2024)".into(),
                covered: f64::from(i) * 0.12 - 0.1,
                expected: Some(0.8),
                covered_label: format!("{}%", i * 12),
            })
            .collect(),
        ends: ("Năm gốc".into(), "Mục tiêu".into()),
    })
}

/// A chart kind's name and a function drawing the n-th chart of it.
type Kind = (&'static str, fn(usize) -> Option<String>);

fn main() {
    let kinds: [Kind; 6] = [
        ("time (20 years, plan, 2 targets)", time),
        ("ranking (34 provinces)", ranking),
        ("bullet (10 years)", bullet),
        ("stacked (20 years, 2 parts)", stacked),
        ("sparkline (20 years)", spark),
        ("progress (10 targets)", progress),
    ];
    println!("| chart | charts/s (one core) | bytes per chart |");
    println!("|---|---:|---:|");
    for (name, draw) in kinds {
        let bytes = draw(0).expect("the chart draws").len();
        let runs = 400;
        let start = Instant::now();
        for n in 0..runs {
            black_box(draw(n));
        }
        let per_second = f64::from(runs as u32) / start.elapsed().as_secs_f64();
        println!("| {name} | {per_second:.0} | {bytes} |");
    }

    let chart = time(0).unwrap();
    let card = Card {
        site_title: "Bao phủ bảo hiểm xã hội",
        title: "Hướng Hóa",
        figure: Some("5.122".into()),
        caption: "Người tham gia BHXH, năm 2019".into(),
        chart: Some(&chart),
        address: "baophu.example.org",
    };
    let png = share::render(&card).expect("the card renders");
    let runs = 40;
    let start = Instant::now();
    for _ in 0..runs {
        black_box(share::render(&card).unwrap());
    }
    let per_second = f64::from(runs) / start.elapsed().as_secs_f64();
    println!();
    println!("| share image (1200×630 PNG with a time chart) | images/s (one core) | bytes |");
    println!("|---|---:|---:|");
    println!("| resvg + PNG encoding | {per_second:.1} | {} |", png.len());
}
