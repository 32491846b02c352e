//! Chart views: each chart with its legend, sources, embeddable page and data download, built
//! from the same values the tables beside it show.

use super::SourceRef;
use crate::compute::progress::Progress;
use crate::load::config::ProgressMethod;
use crate::model::bound::Bound;
use crate::model::Target;
use crate::present::chart::progress::{progress_chart, ProgressChart, ProgressRow};
use crate::present::chart::Frame;
use crate::present::i18n::Tr;
use crate::present::{escape, format};
use serde::Serialize;

/// One entry of a chart's legend: the symbol is drawn in the chart's colour by the theme.
#[derive(Serialize, Clone)]
pub struct Key {
    pub class: &'static str,
    pub text: String,
}

pub fn key(class: &'static str, text: impl Into<String>) -> Key {
    Key {
        class,
        text: text.into(),
    }
}

#[derive(Serialize, Clone)]
pub struct ChartView {
    /// The element id inside the page: the SVG's title and desc ids start with it.
    pub id: String,
    pub svg: String,
    pub title: String,
    /// The title escaped for an HTML attribute, for the `<iframe>` code the page shows.
    pub title_attr: String,
    /// A height for the `<iframe>` that fits the chart at a column's width and its caption.
    pub embed_height: u32,
    pub keys: Vec<Key>,
    pub sources: Vec<SourceRef>,
    /// The page the chart is on, with its anchor: where an embed links back to.
    pub page_url: String,
    /// The chart's own minimal page, for an `<iframe>`.
    pub embed_url: String,
    /// The page's data download, which holds the chart's numbers.
    pub data_url: String,
}

/// The page charts are drawn for, and the element ids of its charts: `chart-1`, `chart-2`…
pub struct Slots {
    pub page: String,
    count: usize,
}

impl Slots {
    pub fn new(page: String) -> Slots {
        Slots { page, count: 0 }
    }

    pub fn next_id(&mut self) -> String {
        self.count += 1;
        format!("chart-{}", self.count)
    }

    /// Draws a chart in the page's next slot with its title and text alternative, and wraps
    /// it with its legend and sources; `anchor` names it on the page.
    pub fn chart(
        &mut self,
        anchor: &str,
        title: String,
        desc: String,
        keys: Vec<Key>,
        sources: Vec<SourceRef>,
        draw: impl FnOnce(Frame) -> Option<String>,
    ) -> Option<ChartView> {
        let frame_id = self.next_id();
        let svg = draw(Frame {
            id: frame_id.clone(),
            title: title.clone(),
            desc,
        });
        chart_view(&self.page, anchor, &frame_id, svg, title, keys, sources)
    }
}

/// The legend of a chart over time: the actual figures, and the approximate ones, the plan
/// and the targets when the chart has them.
pub(super) fn time_keys(
    tr: &Tr,
    approximate: bool,
    partial: bool,
    plan: bool,
    targets: bool,
) -> Vec<Key> {
    let mut keys = vec![key("key-actual", tr.t("key_actual"))];
    if approximate {
        keys.push(key("key-actual", tr.t("key_approximate")));
    }
    if partial {
        keys.push(key("key-actual", tr.t("key_partial")));
    }
    if plan {
        keys.push(key("key-plan", tr.t("key_plan")));
    }
    if targets {
        keys.push(key("key-target", tr.t("key_target")));
    }
    keys
}

/// Whether lines span at least two years: a single value is read in the table, not from a
/// chart with one point on an empty axis.
pub(super) fn over_time(lines: &[&[(i32, f64)]]) -> bool {
    let mut years = lines.iter().flat_map(|l| l.iter().map(|p| p.0));
    years.next().is_some_and(|first| years.any(|y| y != first))
}

/// Where a page's data files are, next to its `index.html`.
pub fn data_file(page_url: &str, ext: &str) -> String {
    format!("{page_url}so-lieu.{ext}")
}

/// Wraps a drawn chart; `anchor` is unique on its page and names the embed.
pub fn chart_view(
    page_url: &str,
    anchor: &str,
    frame_id: &str,
    svg: Option<String>,
    title: String,
    keys: Vec<Key>,
    sources: Vec<SourceRef>,
) -> Option<ChartView> {
    let svg = svg?;
    // The iframe is as wide as the article; at 720 px the chart is 1,5 times its drawn size,
    // and title, legend, sources and the link back need up to 260 px more on a phone.
    let embed_height = view_box_height(&svg).map_or(720, |h| h * 3 / 2 + 260);
    Some(ChartView {
        id: frame_id.to_string(),
        svg,
        title_attr: escape(&title),
        embed_height,
        title,
        keys,
        sources,
        page_url: format!("{page_url}#{anchor}"),
        embed_url: format!("{page_url}nhung/{anchor}/"),
        data_url: data_file(page_url, "csv"),
    })
}

/// The height of an SVG's `viewBox`.
fn view_box_height(svg: &str) -> Option<u32> {
    let start = svg.find("viewBox=\"")? + 9;
    let value = &svg[start..start + svg[start..].find('"')?];
    value.split(' ').nth(3)?.parse().ok()
}

/// How far along a target is: the share of the way from its base to its value covered by the
/// latest figure, and the share of the way the path to the target would have covered by then,
/// on the path the site's progress method assumes (a straight line, or compound growth), so
/// that the chart and the status agree. Only for targets on a level (not a rate of change),
/// with a base before the latest figure, a latest figure after the plan's own base year, and
/// a target unlike the base.
pub fn covered(
    t: &Target,
    p: &Progress,
    plan_base_year: Option<i32>,
    method: ProgressMethod,
) -> Option<(f64, f64)> {
    // Known only from above (or not at all), the share covered could be anything.
    if t.judged_in_its_year() || matches!(p.ratio_bound, Bound::Below | Bound::Unknown) {
        return None;
    }
    let (base_year, base) = p.base?;
    let (latest_year, latest) = p.latest?;
    // Without a figure after the plan's own base year there is no progress of the plan's to
    // show: a path measured over earlier years would blame it for a time it did not cover.
    if t.measured_from(plan_base_year)
        .is_some_and(|y| latest_year <= y)
    {
        return None;
    }
    if latest_year <= base_year || (t.value - base).abs() < 1e-12 || t.year <= base_year {
        return None;
    }
    let share = (latest - base) / (t.value - base);
    let elapsed = (f64::from(latest_year - base_year) / f64::from(t.year - base_year)).min(1.0);
    let expected = match method {
        ProgressMethod::Cagr if base > 0.0 && t.value > 0.0 => {
            let on_path = base * (t.value / base).powf(elapsed);
            (on_path - base) / (t.value - base)
        }
        _ => elapsed,
    };
    Some((share, expected))
}

/// The share covered as written: "52%".
pub fn covered_label(tr: &Tr, share: f64) -> String {
    format::percent(share, 0, tr.lang)
}

/// One row of a progress chart, already described.
pub struct ProgressItem {
    pub label: String,
    pub status: String,
    pub share: f64,
    /// The share as written, with the qualifier of the figures it comes from: "> 52%".
    pub share_label: String,
    pub elapsed: f64,
}

pub fn progress_view(
    tr: &Tr,
    page_url: &str,
    frame_id: &str,
    title: String,
    items: Vec<ProgressItem>,
    sources: Vec<SourceRef>,
) -> Option<ChartView> {
    if items.is_empty() {
        return None;
    }
    let desc = items
        .iter()
        .map(|i| {
            format!(
                "{}: đã đi {} quãng đường từ năm gốc đến mục tiêu, theo lộ trình đều cần {} ({}).",
                i.label,
                i.share_label,
                covered_label(tr, i.elapsed),
                i.status
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    let svg = progress_chart(&ProgressChart {
        frame: Frame {
            id: frame_id.to_string(),
            title: title.clone(),
            desc,
        },
        rows: items
            .iter()
            .map(|i| ProgressRow {
                label: i.label.clone(),
                status: i.status.clone(),
                covered: i.share,
                expected: Some(i.elapsed),
                covered_label: i.share_label.clone(),
            })
            .collect(),
        ends: (tr.t("base_end"), tr.t("target_end")),
    });
    chart_view(
        page_url,
        "tien-do",
        frame_id,
        svg,
        title,
        vec![
            key("key-actual", tr.t("key_progress_covered")),
            key("key-target", tr.t("key_progress_expected")),
        ],
        sources,
    )
}

/// A chart's text alternative: each line of the chart with its values and years. The first line
/// is always named, with "không có số liệu" when it is empty; empty others are left out.
/// `format` gets the line's position, the year and the value.
pub(super) fn chart_description(
    tr: &Tr,
    lines: &[(&str, &[(i32, f64)])],
    format: &dyn Fn(usize, i32, f64) -> String,
) -> String {
    lines
        .iter()
        .enumerate()
        .filter(|(n, (_, points))| *n == 0 || !points.is_empty())
        .map(|(n, (name, points))| {
            let values = if points.is_empty() {
                tr.t("no_figures")
            } else {
                points
                    .iter()
                    .map(|(y, v)| format!("{} ({y})", format(n, *y, *v)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            format!("{name}: {values}.")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_year_is_no_chart() {
        assert!(!over_time(&[&[(2024, 1.0)], &[]]));
        assert!(!over_time(&[&[(2024, 1.0)], &[(2024, 2.0)]]));
        assert!(over_time(&[&[(2024, 1.0)], &[(2025, 2.0)]]));
        assert!(!over_time(&[&[]]));
    }

    #[test]
    fn chart_description_names_each_line_with_its_years() {
        let texts = [("no_figures".to_string(), "không có số liệu".to_string())].into();
        let tr = &Tr::new(format::Lang::Vi, &texts);
        let f = |_: usize, _: i32, v: f64| format!("{v}");
        let d = chart_description(
            tr,
            &[
                ("A", &[(2018, 1.0), (2019, 2.0)]),
                ("B", &[]),
                ("C", &[(2020, 3.0)]),
            ],
            &f,
        );
        assert_eq!(d, "A: 1 (2018), 2 (2019). C: 3 (2020).");
        assert_eq!(
            chart_description(tr, &[("A", &[])], &f),
            "A: không có số liệu."
        );
    }
}
