//! Page views: what each template receives, with every number already computed and formatted.
//! Templates only lay these out.

pub mod charts;

use super::chart::bullet::{bullet_chart, Bullet, BulletRow};
use super::chart::ranking::{ranking_chart, Bar, Ranking};
use super::chart::sparkline::sparkline;
use super::chart::stacked::{stacked_chart, Part, Stacked};
use super::chart::time::{time_chart, TimeChart};
use super::chart::Frame;
use super::format;
use super::i18n::Tr;
use super::markdown;
use crate::compute::progress::{self, Progress, Status};
use crate::compute::Computed;
use crate::load::config::ProgressMethod;
use crate::model::{
    Comparison, IndicatorIdx, Level, Measure, Metric, Plan, Qualifier, RegionIdx, SeriesIdx,
    SeriesKind, Site, SourceIdx, Target, Unit,
};
use charts::{chart_view, key, ChartView, Slots};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub fn region_url(site: &Site, r: RegionIdx) -> String {
    format!("vung/{}/", site.region(r).code)
}
pub fn indicator_url(site: &Site, i: IndicatorIdx) -> String {
    format!("chi-tieu/{}/", site.indicator(i).id)
}
pub fn plan_url(plan: &Plan) -> String {
    format!("ke-hoach/{}/", plan.slug)
}
pub fn page_url(page: &crate::model::Page) -> String {
    format!("{}/", page.slug)
}
pub const METHODOLOGY_URL: &str = "phuong-phap/";
pub const SEARCH_URL: &str = "tim-kiem/";

#[derive(Serialize, Clone)]
pub struct Link {
    pub name: String,
    pub url: String,
}

#[derive(Serialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceRef {
    pub id: String,
    pub title: String,
    pub url: String,
}

fn source_ref(site: &Site, s: SourceIdx) -> SourceRef {
    let src = site.source(s);
    SourceRef {
        id: src.id.clone(),
        title: src.title.clone(),
        url: src.url.clone(),
    }
}

fn region_link(tr: &Tr, site: &Site, r: RegionIdx) -> Link {
    Link {
        name: region_name(tr, site, r),
        url: region_url(site, r),
    }
}

fn region_name(tr: &Tr, site: &Site, r: RegionIdx) -> String {
    let region = site.region(r);
    tr.name(&region.name_vi, &region.name_en)
}

fn series_name(tr: &Tr, site: &Site, s: SeriesIdx) -> String {
    let series = site.series(s);
    tr.name(&series.name_vi, &series.name_en)
}

fn indicator_name(tr: &Tr, site: &Site, i: IndicatorIdx) -> String {
    let ind = site.indicator(i);
    tr.name(&ind.name_vi, &ind.name_en)
}

fn level_name(tr: &Tr, level: Level) -> String {
    tr.t(match level {
        Level::Nation => "level_nation",
        Level::Province => "level_province",
        Level::District => "level_district",
        Level::Commune => "level_commune",
    })
}

fn level_slug(level: Level) -> &'static str {
    match level {
        Level::Nation => "toan-quoc",
        Level::Province => "tinh",
        Level::District => "huyen",
        Level::Commune => "xa",
    }
}

pub fn status_label(tr: &Tr, s: Status) -> (&'static str, String, &'static str) {
    // (key for styling, words, symbol): the symbol repeats the words, never replaces them.
    let (key, symbol) = match s {
        Status::Achieved => ("achieved", "✔"),
        Status::Missed => ("missed", "✘"),
        Status::OnTrack => ("on-track", "↗"),
        Status::AccelerationNeeded => ("acceleration", "⇡"),
        Status::Limited => ("limited", "→"),
        Status::MovingAway => ("moving-away", "↘"),
        Status::NotMeasurable => ("not-measurable", "?"),
    };
    (key, tr.t(&format!("status_{key}")), symbol)
}

/// How a value of `metric` is written.
pub fn metric_value(tr: &Tr, site: &Site, metric: Metric, v: f64) -> String {
    match metric {
        Metric::Indicator(i) => indicator_value(tr, site, i, v),
        Metric::Series(s, Measure::Value) => series_value(tr, site, s, v),
        Metric::Series(_, _) => format::percent(v, 2, tr.lang),
    }
}

fn indicator_value(tr: &Tr, site: &Site, i: IndicatorIdx, v: f64) -> String {
    let (n, decimals) = indicator_number(site, i, v);
    match site.indicator(i).unit {
        Unit::Percent => format!("{}%", format::number(n, decimals, tr.lang)),
        Unit::Number => format::number(n, decimals, tr.lang),
    }
}

/// An indicator's value as pages write it: in percent for rates, and the decimals kept.
/// Data downloads use the same pair, so that they hold the numbers the page shows.
pub fn indicator_number(site: &Site, i: IndicatorIdx, v: f64) -> (f64, usize) {
    let ind = site.indicator(i);
    // A rate that restates published percentages keeps their precision: 24,8%, not 24,80%.
    let published = ind
        .inputs
        .iter()
        .all(|s| site.series(*s).kind == SeriesKind::Percent);
    let decimals = usize::from(ind.decimals);
    match ind.unit {
        Unit::Percent if published => (v * 100.0, natural_decimals(v * 100.0, decimals)),
        Unit::Percent => (v * 100.0, decimals),
        Unit::Number => (v, decimals),
    }
}

/// A change of an indicator: percentage points for rates.
fn indicator_change(tr: &Tr, site: &Site, i: IndicatorIdx, c: f64) -> String {
    let (n, decimals) = indicator_change_number(site, i, c);
    match site.indicator(i).unit {
        Unit::Percent => tr.f(
            "points",
            &[("value", &format::signed(n, decimals, tr.lang))],
        ),
        Unit::Number => format::signed(n, decimals, tr.lang),
    }
}

/// A change of an indicator as pages write it: percentage points for rates.
pub fn indicator_change_number(site: &Site, i: IndicatorIdx, c: f64) -> (f64, usize) {
    let ind = site.indicator(i);
    match ind.unit {
        Unit::Percent => (c * 100.0, ind.decimals.into()),
        Unit::Number => (c, ind.decimals.into()),
    }
}

fn series_value(tr: &Tr, site: &Site, s: SeriesIdx, v: f64) -> String {
    match site.series(s).kind {
        SeriesKind::Count => format::count(v, tr.lang),
        SeriesKind::Percent => format!("{}%", format::number(v, natural_decimals(v, 2), tr.lang)),
    }
}

/// The fewest decimals (up to `max`) that show `v` exactly: 24.8 → 1, 33.77 → 2.
fn natural_decimals(v: f64, max: usize) -> usize {
    (0..max)
        .find(|d| {
            let scaled = v * 10f64.powi(*d as i32);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(max)
}

pub fn metric_name(tr: &Tr, site: &Site, metric: Metric) -> String {
    match metric {
        Metric::Indicator(i) => indicator_name(tr, site, i),
        Metric::Series(s, Measure::Value) => series_name(tr, site, s),
        Metric::Series(s, Measure::Growth) => {
            tr.f("growth_of", &[("name", &series_name(tr, site, s))])
        }
        Metric::Series(s, Measure::DevelopmentIndex) => {
            tr.f("index_of", &[("name", &series_name(tr, site, s))])
        }
    }
}

fn qualified(q: Option<Qualifier>, text: String) -> String {
    match q {
        Some(Qualifier::About) => format!("≈ {text}"),
        Some(Qualifier::MoreThan) => format!("> {text}"),
        Some(Qualifier::LessThan) => format!("< {text}"),
        None => text,
    }
}

#[derive(Serialize)]
pub struct TargetView {
    pub plan: Link,
    pub metric: String,
    pub metric_url: Option<String>,
    pub region: Link,
    pub year: i32,
    pub target: String,
    pub printed: String,
    pub latest: Option<String>,
    pub latest_year: Option<i32>,
    pub latest_sources: Vec<SourceRef>,
    pub base_sources: Vec<SourceRef>,
    /// When the outcome is not known, what the trajectory before it said.
    pub trend_label: Option<String>,
    pub base: Option<String>,
    pub gap: Option<String>,
    pub status: &'static str,
    pub status_label: String,
    pub status_symbol: &'static str,
    pub cagr_ratio: Option<String>,
    pub linear_ratio: Option<String>,
    /// Share of the way from the base to the target covered, as the progress chart draws it.
    pub covered: Option<String>,
    pub elapsed: Option<String>,
}

pub fn target_view(
    tr: &Tr,
    site: &Site,
    computed: &Computed,
    plan: &Plan,
    t: &Target,
    p: &Progress,
) -> TargetView {
    let sign = match t.comparison {
        Comparison::AtLeast => "≥",
        Comparison::AtMost => "≤",
        Comparison::Exactly => "=",
    };
    let covered = charts::covered(t, p, plan.base_year, site.config.progress_method);
    let (status, label, status_symbol) = status_label(tr, p.status);
    let trend = match site.config.progress_method {
        ProgressMethod::Cagr => p.cagr_status,
        ProgressMethod::Linear => p.linear_status,
    };
    let trend_words = status_label(tr, trend).1;
    let status_label = match p.status {
        Status::NotMeasurable if p.latest.is_none() => tr.t("no_data"),
        Status::NotMeasurable if p.latest.is_some_and(|(y, _)| y == t.year) => {
            tr.f("undetermined_year", &[("year", &t.year.to_string())])
        }
        Status::NotMeasurable if computed.as_of.is_some_and(|y| y >= t.year) => {
            tr.f("no_data_year", &[("year", &t.year.to_string())])
        }
        _ => label,
    };
    let gap = p.latest.and_then(|(_, v)| {
        (!matches!(p.status, Status::Achieved)).then(|| match t.metric {
            Metric::Series(s, Measure::Value) if site.series(s).kind == SeriesKind::Count => {
                format::signed(t.value - v, 0, tr.lang)
            }
            Metric::Indicator(i) if site.indicator(i).unit == Unit::Percent => tr.f(
                "points",
                &[(
                    "value",
                    &format::signed(
                        (t.value - v) * 100.0,
                        site.indicator(i).decimals.into(),
                        tr.lang,
                    ),
                )],
            ),
            Metric::Series(_, Measure::Growth | Measure::DevelopmentIndex) => tr.f(
                "points",
                &[("value", &format::signed((t.value - v) * 100.0, 2, tr.lang))],
            ),
            m => metric_value(tr, site, m, t.value - v),
        })
    });
    TargetView {
        // The document's number is short enough for a table cell; the title is the fallback.
        plan: Link {
            name: tr.name(&plan.short_name, &plan.short_name_en),
            url: plan_url(plan),
        },
        metric: metric_name(tr, site, t.metric),
        metric_url: match t.metric {
            Metric::Indicator(i) => Some(indicator_url(site, i)),
            Metric::Series(..) => None,
        },
        region: region_link(tr, site, t.region),
        year: t.year,
        target: format!("{sign} {}", metric_value(tr, site, t.metric, t.value)),
        printed: t.printed.clone(),
        latest: p.latest.map(|(y, v)| {
            qualified(
                computed.metric_qualifier(t.region, t.metric, y),
                metric_value(tr, site, t.metric, v),
            )
        }),
        latest_year: p.latest.map(|(y, _)| y),
        base_sources: p
            .base
            .map(|(y, _)| metric_sources(site, t.region, t.metric, y))
            .unwrap_or_default(),
        trend_label: match (p.status, trend) {
            (
                Status::NotMeasurable,
                Status::OnTrack | Status::AccelerationNeeded | Status::Limited | Status::MovingAway,
            ) => Some(trend_words),
            _ => None,
        },
        latest_sources: p
            .latest
            .map(|(y, _)| metric_sources(site, t.region, t.metric, y))
            .unwrap_or_default(),
        base: p
            .base
            .map(|(y, v)| format!("{} ({y})", metric_value(tr, site, t.metric, v))),
        gap,
        status,
        status_label,
        status_symbol,
        cagr_ratio: p.cagr_ratio.map(|r| format::number(r, 2, tr.lang)),
        linear_ratio: p.linear_ratio.map(|r| format::number(r, 2, tr.lang)),
        covered: covered.map(|(share, _)| charts::covered_label(tr, share)),
        elapsed: covered.map(|(_, e)| charts::covered_label(tr, e)),
    }
}

#[derive(Serialize)]
pub struct SeriesRow {
    pub year: i32,
    pub actual: Option<String>,
    pub plan: Option<String>,
    pub attainment: Option<String>,
    pub increase: Option<String>,
    pub growth: Option<String>,
    pub development_index: Option<String>,
    pub sources: Vec<SourceRef>,
    pub plan_sources: Vec<SourceRef>,
    pub note: String,
}

#[derive(Serialize)]
pub struct SeriesBlock {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub chart: Option<ChartView>,
    /// Actual / plan by year as bullet bars, when some year has both.
    pub attainment: Option<ChartView>,
    /// The parts of the total by year, when the series is a sum of parts.
    pub composition: Option<Composition>,
    pub has_plan: bool,
    pub has_targets: bool,
    /// Some figure is "about" or a bound: drawn hollow, which the legend explains.
    pub has_approximate: bool,
    pub rows: Vec<SeriesRow>,
}

#[derive(Serialize)]
pub struct Composition {
    pub chart: Option<ChartView>,
    pub parts: Vec<String>,
    pub rows: Vec<CompositionRow>,
}

#[derive(Serialize)]
pub struct CompositionRow {
    pub year: i32,
    pub parts: Vec<Option<String>>,
    /// Each part's share of the total, when every part is known.
    pub shares: Vec<Option<String>>,
    pub total: Option<String>,
}

#[derive(Serialize)]
pub struct IndicatorRow {
    pub year: i32,
    pub value: String,
    /// From the year before, when both have a value.
    pub change: Option<String>,
    pub sources: Vec<SourceRef>,
    /// Notes of the input figures, e.g. which labour-force base a published rate used.
    pub notes: Vec<String>,
}

#[derive(Serialize)]
pub struct IndicatorBlock {
    pub id: String,
    pub name: String,
    pub url: String,
    pub formula: String,
    pub region: Link,
    /// For element ids: unique per indicator and region on a page.
    pub region_code: String,
    pub chart: Option<ChartView>,
    pub has_approximate: bool,
    pub rows: Vec<IndicatorRow>,
    pub targets: Vec<TargetView>,
}

/// A chart's text alternative: each line of the chart with its values and years. The first line
/// is always named, with "không có số liệu" when it is empty; empty others are left out.
/// `format` gets the line's position, the year and the value.
fn chart_description(
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

/// Targets set on `metric` for `region`, across all plans, by year.
fn targets_for<'a>(
    site: &'a Site,
    computed: &'a Computed,
    region: RegionIdx,
    metric: Metric,
) -> Vec<(&'a Plan, &'a Target, &'a Progress)> {
    computed
        .targets
        .get(&(region, metric))
        .map(|list| {
            list.iter()
                .map(|&(p, t)| {
                    (
                        &site.plans[p],
                        &site.plans[p].targets[t],
                        &computed.progress[p][t],
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn series_block(
    tr: &Tr,
    site: &Site,
    computed: &Computed,
    region: RegionIdx,
    s: SeriesIdx,
    slots: &mut Slots,
) -> Option<SeriesBlock> {
    let years = computed.series_years(region, s);
    if years.is_empty() {
        return None;
    }
    let series = site.series(s);
    let figures = site.figures.by_year(region, s)?;
    let metric = Metric::Series(s, Measure::Value);
    let targets = targets_for(site, computed, region, metric);
    let rows: Vec<SeriesRow> = years
        .iter()
        .map(|y| {
            let fig = &figures[&y.year];
            let (sources, plan_sources) = figure_sources(site, region, s, y.year);
            SeriesRow {
                year: y.year,
                plan_sources,
                actual: y
                    .actual
                    .map(|v| qualified(fig.qualifier, series_value(tr, site, s, v))),
                plan: y.plan.map(|v| series_value(tr, site, s, v)),
                attainment: y
                    .attainment
                    .map(|v| qualified(fig.qualifier, format::percent(v, 2, tr.lang))),
                increase: y
                    .increase
                    .map(|v| qualified(y.change_qualifier, format::signed(v, 0, tr.lang))),
                growth: y
                    .growth
                    .map(|v| qualified(y.change_qualifier, format::signed_percent(v, 2, tr.lang))),
                development_index: y
                    .development_index
                    .map(|v| qualified(y.change_qualifier, format::percent(v, 2, tr.lang))),
                sources,
                note: figure_note(tr, site, s, fig),
            }
        })
        .collect();
    let actual: Vec<(i32, f64)> = years
        .iter()
        .filter_map(|y| Some((y.year, y.actual?)))
        .collect();
    let plan: Vec<(i32, f64)> = years
        .iter()
        .filter_map(|y| Some((y.year, y.plan?)))
        .collect();
    let target_points: Vec<(i32, f64)> =
        targets.iter().map(|(_, t, _)| (t.year, t.value)).collect();
    let has_targets = !target_points.is_empty();
    let region_name = &region_name(tr, site, region);
    let qualifier = |year: i32| computed.metric_qualifier(region, metric, year);
    let desc = chart_description(
        tr,
        &[
            (&tr.t("line_actual"), &actual),
            (&tr.t("line_plan"), &plan),
            (&tr.t("line_target"), &target_points),
        ],
        &|line, year, v| {
            let q = if line == 0 { qualifier(year) } else { None };
            qualified(q, series_value(tr, site, s, v))
        },
    );
    let tick = |v: f64| format::number(v, 0, tr.lang);
    let has_plan = rows.iter().any(|r| r.plan.is_some());
    let has_approximate = years.iter().any(|y| y.qualifier.is_some());
    let mut keys = vec![key("key-actual", tr.t("key_actual"))];
    if has_approximate {
        keys.push(key("key-actual", tr.t("key_approximate")));
    }
    if has_plan {
        keys.push(key("key-plan", tr.t("key_plan")));
    }
    if has_targets {
        keys.push(key("key-target", tr.t("key_target")));
    }
    let all_sources: Vec<SourceRef> = rows
        .iter()
        .flat_map(|r| r.sources.iter().chain(&r.plan_sources).cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let title = format!("{} – {}", series_name(tr, site, s), region_name);
    let frame_id = slots.next_id();
    let svg = time_chart(&TimeChart {
        frame: Frame {
            id: frame_id.clone(),
            title: title.clone(),
            desc,
        },
        approximate: years
            .iter()
            .filter(|y| y.qualifier.is_some())
            .map(|y| y.year)
            .collect(),
        latest_label: actual
            .last()
            .map(|(y, v)| qualified(qualifier(*y), series_value(tr, site, s, *v))),
        target_labels: targets
            .iter()
            .map(|(_, t, _)| format!("{}: {}", t.year, series_value(tr, site, s, t.value)))
            .collect(),
        actual,
        plan,
        targets: target_points,
        format_tick: &tick,
    });
    let chart = chart_view(
        &slots.page,
        &format!("s-{}", series.id),
        &frame_id,
        svg,
        title,
        keys,
        all_sources.clone(),
    );
    let attainment = attainment_chart(tr, site, computed, region, s, slots, &all_sources);
    let composition = composition(tr, site, computed, region, s, slots, &all_sources);
    Some(SeriesBlock {
        id: series.id.clone(),
        name: series_name(tr, site, s),
        unit: tr.text(&series.unit_vi, &series.unit_en),
        chart,
        attainment,
        composition,
        has_plan,
        has_targets,
        has_approximate,
        rows,
    })
}

/// Actual / plan by year as bullet bars, with 100% marked.
fn attainment_chart(
    tr: &Tr,
    site: &Site,
    computed: &Computed,
    region: RegionIdx,
    s: SeriesIdx,
    slots: &mut Slots,
    sources: &[SourceRef],
) -> Option<ChartView> {
    let rows: Vec<BulletRow> = computed
        .series_years(region, s)
        .iter()
        .filter_map(|y| {
            let ratio = y.attainment?;
            Some(BulletRow {
                label: y.year.to_string(),
                ratio,
                value_label: qualified(y.qualifier, format::percent(ratio, 2, tr.lang)),
                approximate: y.qualifier.is_some(),
            })
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let title = tr.f(
        "attainment_title",
        &[
            ("name", &series_name(tr, site, s)),
            ("region", &region_name(tr, site, region)),
        ],
    );
    let values = rows
        .iter()
        .map(|r| format!("{} {}", r.label, r.value_label))
        .collect::<Vec<_>>()
        .join(", ");
    let desc = tr.f("attainment_desc", &[("values", &values)]);
    let frame_id = slots.next_id();
    let svg = bullet_chart(&Bullet {
        frame: Frame {
            id: frame_id.clone(),
            title: title.clone(),
            desc,
        },
        rows,
        mark_label: tr.t("full_plan"),
    });
    chart_view(
        &slots.page,
        &format!("dat-{}", site.series(s).id),
        &frame_id,
        svg,
        title,
        vec![
            key("key-actual", tr.t("key_attainment")),
            key("key-target", tr.t("key_full_plan")),
        ],
        sources.to_vec(),
    )
}

/// The parts of a summed series by year, stacked, with their table.
fn composition(
    tr: &Tr,
    site: &Site,
    computed: &Computed,
    region: RegionIdx,
    s: SeriesIdx,
    slots: &mut Slots,
    sources: &[SourceRef],
) -> Option<Composition> {
    let series = site.series(s);
    if series.parts.len() < 2 {
        return None;
    }
    let part_years: Vec<&[crate::compute::SeriesYear]> = series
        .parts
        .iter()
        .map(|p| computed.series_years(region, *p))
        .collect();
    let years: BTreeSet<i32> = part_years
        .iter()
        .flat_map(|ys| ys.iter().filter(|y| y.actual.is_some()).map(|y| y.year))
        .collect();
    if years.is_empty() {
        return None;
    }
    let years: Vec<i32> = years.into_iter().collect();
    let actual = |n: usize, year: i32| {
        part_years[n]
            .iter()
            .find(|y| y.year == year)
            .and_then(|y| y.actual)
    };
    let names: Vec<String> = series
        .parts
        .iter()
        .map(|p| short_part_name(&series_name(tr, site, *p), &series_name(tr, site, s)))
        .collect();
    let parts: Vec<Part> = (0..series.parts.len())
        .map(|n| Part {
            name: names[n].clone(),
            values: years.iter().map(|y| actual(n, *y)).collect(),
        })
        .collect();
    let rows: Vec<CompositionRow> = years
        .iter()
        .enumerate()
        .map(|(k, year)| {
            let values: Vec<Option<f64>> = parts.iter().map(|p| p.values[k]).collect();
            let total: Option<f64> = values.iter().copied().sum();
            CompositionRow {
                year: *year,
                parts: values
                    .iter()
                    .map(|v| v.map(|v| series_value(tr, site, s, v)))
                    .collect(),
                shares: values
                    .iter()
                    .map(|v| {
                        Some(format::percent(
                            v.as_ref()? / total.filter(|t| *t > 0.0)?,
                            1,
                            tr.lang,
                        ))
                    })
                    .collect(),
                total: total.map(|t| series_value(tr, site, s, t)),
            }
        })
        .collect();
    let drawn: Vec<&CompositionRow> = rows.iter().filter(|r| r.total.is_some()).collect();
    let title = tr.f(
        "composition_title",
        &[
            ("name", &series_name(tr, site, s)),
            ("region", &region_name(tr, site, region)),
        ],
    );
    let by_year = drawn
        .iter()
        .map(|r| {
            format!(
                "{}: {} = {}.",
                r.year,
                r.parts
                    .iter()
                    .zip(&names)
                    .map(|(v, n)| format!("{} {}", n, v.as_deref().unwrap_or("")))
                    .collect::<Vec<_>>()
                    .join(" + "),
                r.total.as_deref().unwrap_or("")
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    let desc = tr.f(
        "composition_desc",
        &[
            ("name", &series_name(tr, site, s)),
            ("parts", &names.join(&tr.t("and"))),
            ("years", &by_year),
        ],
    );
    let tick = |v: f64| format::number(v, 0, tr.lang);
    let frame_id = slots.next_id();
    let svg = stacked_chart(&Stacked {
        frame: Frame {
            id: frame_id.clone(),
            title: title.clone(),
            desc,
        },
        years: years.clone(),
        latest_total: drawn.last().and_then(|r| r.total.clone()),
        parts,
        format_tick: &tick,
    });
    let keys = names
        .iter()
        .enumerate()
        .map(|(n, name)| {
            key(
                if n == 0 { "key-actual" } else { "key-second" },
                format!("■ {name}"),
            )
        })
        .collect();
    Some(Composition {
        chart: chart_view(
            &slots.page,
            &format!("co-cau-{}", series.id),
            &frame_id,
            svg,
            title,
            keys,
            sources.to_vec(),
        ),
        parts: names,
        rows,
    })
}

/// "Người tham gia BHXH bắt buộc" within "Người tham gia BHXH" is "Bắt buộc": the chart names
/// parts beside the bars, where the whole name does not fit.
fn short_part_name(part: &str, total: &str) -> String {
    // English puts the qualifier first: "Compulsory social insurance participants".
    let lower = (part.to_lowercase(), total.to_lowercase());
    let rest = part.strip_prefix(total).map(str::trim).or_else(|| {
        lower
            .0
            .ends_with(&lower.1)
            .then(|| part[..part.len() - total.len()].trim())
    });
    match rest {
        Some(rest) if !rest.is_empty() => {
            let mut chars = rest.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
        _ => part.to_string(),
    }
}

fn indicator_block(
    tr: &Tr,
    site: &Site,
    computed: &Computed,
    region: RegionIdx,
    i: IndicatorIdx,
    slots: &mut Slots,
) -> Option<IndicatorBlock> {
    let ind = site.indicator(i);
    let values = computed.indicator(region, i);
    let targets = targets_for(site, computed, region, Metric::Indicator(i));
    if values.is_none() && targets.is_empty() {
        return None;
    }
    let points: Vec<(i32, f64)> = values
        .map(|m| m.iter().map(|(y, v)| (*y, v.value)).collect())
        .unwrap_or_default();
    let rows = values
        .into_iter()
        .flatten()
        .map(|(year, v)| {
            let notes: BTreeSet<String> = ind
                .inputs
                .iter()
                .filter_map(|s| {
                    Some(figure_note(
                        tr,
                        site,
                        *s,
                        site.figures.get(region, *s, *year)?,
                    ))
                })
                .filter(|n| !n.is_empty())
                .collect();
            IndicatorRow {
                year: *year,
                value: qualified(v.qualifier, indicator_value(tr, site, i, v.value)),
                change: computed
                    .indicator_change(region, i, *year)
                    .map(|c| qualified(c.qualifier, indicator_change(tr, site, i, c.value))),
                sources: input_sources(site, region, i, *year),
                notes: notes.into_iter().collect(),
            }
        })
        .collect();
    let target_points: Vec<(i32, f64)> =
        targets.iter().map(|(_, t, _)| (t.year, t.value)).collect();
    let qualifier = |year: i32| computed.metric_qualifier(region, Metric::Indicator(i), year);
    let desc = chart_description(
        tr,
        &[
            (&tr.t("line_value"), &points),
            (&tr.t("line_target"), &target_points),
        ],
        &|line, year, v| {
            let q = if line == 0 { qualifier(year) } else { None };
            qualified(q, indicator_value(tr, site, i, v))
        },
    );
    let max = points
        .iter()
        .chain(&target_points)
        .map(|p| p.1)
        .fold(0.0, f64::max);
    let tick_decimals = if ind.unit == Unit::Percent && max < 0.05 {
        1
    } else {
        0
    };
    let tick = |v: f64| match ind.unit {
        Unit::Percent => format::percent(v, tick_decimals, tr.lang),
        Unit::Number => format::number(v, 0, tr.lang),
    };
    let has_approximate = values.is_some_and(|m| m.values().any(|v| v.qualifier.is_some()));
    let mut keys = vec![key("key-actual", tr.t("key_actual"))];
    if has_approximate {
        keys.push(key("key-actual", tr.t("key_approximate")));
    }
    if !targets.is_empty() {
        keys.push(key("key-target", tr.t("key_target")));
    }
    let sources: Vec<SourceRef> = values
        .into_iter()
        .flatten()
        .flat_map(|(y, _)| input_sources(site, region, i, *y))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let title = format!(
        "{} – {}",
        indicator_name(tr, site, i),
        region_name(tr, site, region)
    );
    // Without any figure a chart would show targets alone; the targets table says it better.
    let chart = if points.is_empty() {
        None
    } else {
        let frame_id = slots.next_id();
        let svg = time_chart(&TimeChart {
            frame: Frame {
                id: frame_id.clone(),
                title: title.clone(),
                desc,
            },
            approximate: points
                .iter()
                .filter(|p| qualifier(p.0).is_some())
                .map(|p| p.0)
                .collect(),
            latest_label: points
                .last()
                .map(|(y, v)| qualified(qualifier(*y), indicator_value(tr, site, i, *v))),
            target_labels: targets
                .iter()
                .map(|(_, t, _)| format!("{}: {}", t.year, indicator_value(tr, site, i, t.value)))
                .collect(),
            actual: points,
            plan: Vec::new(),
            targets: target_points,
            format_tick: &tick,
        });
        chart_view(
            &slots.page,
            &format!("i-{}-{}", ind.id, site.region(region).code),
            &frame_id,
            svg,
            title,
            keys,
            sources,
        )
    };
    Some(IndicatorBlock {
        id: ind.id.clone(),
        name: indicator_name(tr, site, i),
        url: indicator_url(site, i),
        formula: formula_words(tr, site, i),
        region: region_link(tr, site, region),
        region_code: site.region(region).code.clone(),
        has_approximate,
        chart,
        rows,
        targets: targets
            .iter()
            .map(|(plan, t, p)| target_view(tr, site, computed, plan, t, p))
            .collect(),
    })
}

/// What a figure's note says: a summed total says so, in the page's language, then the
/// editor's note.
fn figure_note(tr: &Tr, site: &Site, s: SeriesIdx, fig: &crate::model::Figure) -> String {
    let mut notes = Vec::new();
    if fig.derived {
        let parts: Vec<String> = site
            .series(s)
            .parts
            .iter()
            .map(|p| series_name(tr, site, *p))
            .collect();
        notes.push(tr.f("summed_from", &[("parts", &parts.join(" + "))]));
    }
    if !fig.note.is_empty() {
        notes.push(fig.note.clone());
    }
    notes.join(" ")
}

/// The sources of a series' figure in one year, and of its plan where that differs. A summed
/// total cites the sources of its parts.
pub fn figure_sources(
    site: &Site,
    region: RegionIdx,
    s: SeriesIdx,
    year: i32,
) -> (Vec<SourceRef>, Vec<SourceRef>) {
    let Some(fig) = site.figures.get(region, s, year) else {
        return (Vec::new(), Vec::new());
    };
    let mut sources = BTreeSet::new();
    if fig.derived {
        for part in &site.series(s).parts {
            if let Some(f) = site.figures.get(region, *part, year) {
                sources.insert(source_ref(site, f.source));
            }
        }
    } else if fig.actual.is_some() {
        sources.insert(source_ref(site, fig.source));
    }
    // The plan's own source is named as such when it differs.
    let plan_sources =
        if fig.plan.is_some() && (fig.plan_source != fig.source || sources.is_empty()) {
            vec![source_ref(site, fig.plan_source)]
        } else {
            Vec::new()
        };
    (sources.into_iter().collect(), plan_sources)
}

/// The sources of the figures a metric's value in one year was computed from.
fn metric_sources(site: &Site, region: RegionIdx, metric: Metric, year: i32) -> Vec<SourceRef> {
    match metric {
        Metric::Indicator(i) => input_sources(site, region, i, year),
        Metric::Series(s, measure) => {
            let years = if measure == Measure::Value {
                vec![year]
            } else {
                vec![year - 1, year]
            };
            let sources: BTreeSet<SourceRef> = years
                .into_iter()
                .filter_map(|y| site.figures.get(region, s, y))
                .map(|f| source_ref(site, f.source))
                .collect();
            sources.into_iter().collect()
        }
    }
}

/// The sources of the figures an indicator value was computed from.
pub fn input_sources(site: &Site, region: RegionIdx, i: IndicatorIdx, year: i32) -> Vec<SourceRef> {
    let sources: BTreeSet<SourceRef> = site
        .indicator(i)
        .inputs
        .iter()
        .filter_map(|s| site.figures.get(region, *s, year))
        .map(|f| source_ref(site, f.source))
        .collect();
    sources.into_iter().collect()
}

/// The formula with each series id replaced by its name.
pub fn formula_words(tr: &Tr, site: &Site, i: IndicatorIdx) -> String {
    let ind = site.indicator(i);
    let mut text = ind.formula_text.clone();
    // Longest ids first, so that `bhxh_tn` is not read as `bhxh` + `_tn`.
    let mut inputs = ind.inputs.clone();
    inputs.sort_by_key(|s| std::cmp::Reverse(site.series(*s).id.len()));
    let mut names = Vec::new();
    for (n, s) in inputs.iter().enumerate() {
        let placeholder = format!("\u{1}{n}\u{1}");
        text = replace_word(&text, &site.series(*s).id, &placeholder);
        names.push((placeholder, series_name(tr, site, *s)));
    }
    for (placeholder, name) in names {
        text = text.replace(&placeholder, &format!("[{name}]"));
    }
    text.replace('*', "×").replace('/', "÷")
}

fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(word) {
        let before_ok = rest[..i]
            .chars()
            .last()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let after = &rest[i + word.len()..];
        let after_ok = after
            .chars()
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        out.push_str(&rest[..i]);
        out.push_str(if before_ok && after_ok { with } else { word });
        rest = after;
    }
    out.push_str(rest);
    out
}

#[derive(Serialize)]
pub struct RegionView {
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub level: String,
    pub breadcrumbs: Vec<Link>,
    pub from: Option<String>,
    pub until: Option<String>,
    pub became: Vec<Link>,
    pub formed_from: Vec<Link>,
    pub note: String,
    pub children: Vec<Link>,
    pub series: Vec<SeriesBlock>,
    pub indicators: Vec<IndicatorBlock>,
    /// Every target set for the region, by year.
    pub targets: Vec<TargetView>,
    pub progress: Option<ChartView>,
    pub plans: Vec<Link>,
}

pub fn region(tr: &Tr, site: &Site, computed: &Computed, r: RegionIdx) -> RegionView {
    let region = site.region(r);
    let mut breadcrumbs = Vec::new();
    let mut up = region.parent;
    while let Some(p) = up {
        breadcrumbs.push(region_link(tr, site, p));
        up = site.region(p).parent;
    }
    breadcrumbs.reverse();
    let mut slots = Slots::new(region_url(site, r));
    let series = (0..site.series.len())
        .map(SeriesIdx)
        .filter(|s| site.series(*s).kind == SeriesKind::Count)
        .filter_map(|s| series_block(tr, site, computed, r, s, &mut slots))
        .collect();
    let indicators = (0..site.indicators.len())
        .filter_map(|i| indicator_block(tr, site, computed, r, IndicatorIdx(i), &mut slots))
        .collect();
    let region_targets: &[(usize, usize)] = computed
        .region_targets
        .get(&r)
        .map_or(&[], |v| v.as_slice());
    let progress = progress_chart(
        tr,
        site,
        computed,
        region_targets,
        false,
        &mut slots,
        tr.f("progress_title", &[("name", &region_name(tr, site, r))]),
    );
    let targets = region_targets
        .iter()
        .map(|&(p, t)| {
            let plan = &site.plans[p];
            target_view(
                tr,
                site,
                computed,
                plan,
                &plan.targets[t],
                &computed.progress[p][t],
            )
        })
        .collect();
    RegionView {
        code: region.code.clone(),
        name: region_name(tr, site, r),
        name_en: region.name_en.clone(),
        level: level_name(tr, region.level),
        breadcrumbs,
        from: region.from.map(|d| tr.date(d)),
        until: region.until.map(|d| tr.date(d)),
        became: region
            .became
            .iter()
            .map(|b| region_link(tr, site, *b))
            .collect(),
        formed_from: region
            .formed_from
            .iter()
            .map(|b| region_link(tr, site, *b))
            .collect(),
        note: tr.text(&region.note_vi, &region.note_en),
        children: region
            .children
            .iter()
            .map(|c| region_link(tr, site, *c))
            .collect(),
        series,
        indicators,
        targets,
        progress,
        plans: computed
            .region_plans
            .get(&r)
            .into_iter()
            .flatten()
            .map(|&p| Link {
                name: tr.name(&site.plans[p].title, &site.plans[p].title_en),
                url: plan_url(&site.plans[p]),
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub struct RankGroup {
    pub level: String,
    pub slug: &'static str,
    /// The one year the regions are compared in.
    pub year: i32,
    pub rows: Vec<RankRow>,
    /// Regions of this level with figures, but none for `year`.
    pub without_year: Vec<Link>,
    pub reference: Option<String>,
    pub chart: Option<ChartView>,
}

#[derive(Serialize)]
pub struct RankRow {
    pub rank: usize,
    pub region: Link,
    pub value: String,
    pub former: bool,
    pub sources: Vec<SourceRef>,
}

#[derive(Serialize)]
pub struct IndicatorView {
    pub id: String,
    pub name: String,
    pub name_en: String,
    pub description: String,
    pub formula: String,
    pub formula_text: String,
    pub unit: String,
    pub higher_is_better: bool,
    pub ranking: Vec<RankGroup>,
    pub blocks: Vec<IndicatorBlock>,
}

/// The year most regions of a level have a value in; the latest such year on a tie.
fn ranking_year(values: &[(RegionIdx, &BTreeMap<i32, crate::compute::Value>)]) -> Option<i32> {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for (_, m) in values {
        for y in m.keys() {
            *counts.entry(*y).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))
        .map(|(y, _)| y)
}

/// The target a ranking is read against: one set on the indicator for the headline region,
/// the first due in or after `year`, else the last one before it.
fn ranking_reference<'a>(
    site: &'a Site,
    computed: &Computed,
    i: IndicatorIdx,
    year: i32,
) -> Option<(&'a Plan, &'a Target)> {
    let nation = site.region_by_code(&site.config.headline_region)?;
    let list = computed.targets.get(&(nation, Metric::Indicator(i)))?;
    let targets: Vec<(&Plan, &Target)> = list
        .iter()
        .map(|&(p, t)| (&site.plans[p], &site.plans[p].targets[t]))
        .collect();
    targets
        .iter()
        .filter(|(_, t)| t.year >= year)
        .min_by_key(|(_, t)| t.year)
        .or_else(|| targets.iter().max_by_key(|(_, t)| t.year))
        .copied()
}

pub fn indicator(tr: &Tr, site: &Site, computed: &Computed, i: IndicatorIdx) -> IndicatorView {
    let ind = site.indicator(i);
    let mut slots = Slots::new(indicator_url(site, i));
    let with_values: Vec<(RegionIdx, &BTreeMap<i32, crate::compute::Value>)> =
        (0..site.regions.len())
            .map(RegionIdx)
            .filter_map(|r| Some((r, computed.indicator(r, i)?)))
            .collect();
    let mut levels: Vec<Level> = with_values
        .iter()
        .map(|(r, _)| site.region(*r).level)
        .collect();
    levels.sort();
    levels.dedup();
    // One ranking per level, in one year: a district is not compared with the nation, nor
    // 2019 with 2024. Equal shown values share a rank.
    let mut ranking: Vec<RankGroup> = Vec::new();
    for level in levels {
        let at_level: Vec<(RegionIdx, &BTreeMap<i32, crate::compute::Value>)> = with_values
            .iter()
            .filter(|(r, _)| site.region(*r).level == level)
            .copied()
            .collect();
        let Some(year) = ranking_year(&at_level) else {
            continue;
        };
        let mut ranked: Vec<(RegionIdx, crate::compute::Value)> = at_level
            .iter()
            .filter_map(|(r, m)| Some((*r, *m.get(&year)?)))
            .collect();
        ranked.sort_by(|a, b| {
            let order = b.1.value.total_cmp(&a.1.value);
            let order = if ind.higher_is_better {
                order
            } else {
                order.reverse()
            };
            order.then(a.0.cmp(&b.0))
        });
        let mut rows: Vec<RankRow> = Vec::new();
        for (r, v) in &ranked {
            let value = qualified(v.qualifier, indicator_value(tr, site, i, v.value));
            let rank = match rows.last() {
                Some(prev) if prev.value == value => prev.rank,
                _ => rows.len() + 1,
            };
            rows.push(RankRow {
                rank,
                region: region_link(tr, site, *r),
                value,
                former: site.region(*r).until.is_some(),
                sources: input_sources(site, *r, i, year),
            });
        }
        let reference = ranking_reference(site, computed, i, year);
        let reference_label = reference.map(|(p, t)| {
            tr.f(
                "ranking_reference",
                &[
                    ("year", &t.year.to_string()),
                    ("plan", &tr.name(&p.short_name, &p.short_name_en)),
                    ("value", &indicator_value(tr, site, i, t.value)),
                ],
            )
        });
        let level_words = level_name(tr, level);
        // A ranking of one is no ranking: the table says it, without a chart.
        let chart = (rows.len() >= 2)
            .then(|| {
                let title = tr.f(
                    "ranking_title",
                    &[
                        ("name", &indicator_name(tr, site, i)),
                        ("year", &year.to_string()),
                        ("level", &level_words),
                    ],
                );
                let ranked_words = rows
                    .iter()
                    .map(|r| format!("{}. {} {}", r.rank, r.region.name, r.value))
                    .collect::<Vec<_>>()
                    .join("; ");
                let reference_words = reference_label
                    .as_ref()
                    .map(|l| format!(" {l}."))
                    .unwrap_or_default();
                let desc = tr.f(
                    "ranking_desc",
                    &[
                        ("level", &level_words),
                        ("rows", &ranked_words),
                        ("reference", &reference_words),
                    ],
                );
                let frame_id = slots.next_id();
                let svg = ranking_chart(&Ranking {
                    frame: Frame {
                        id: frame_id.clone(),
                        title: title.clone(),
                        desc,
                    },
                    bars: ranked
                        .iter()
                        .zip(&rows)
                        .map(|((_, v), row)| Bar {
                            label: row.region.name.clone(),
                            value: v.value,
                            value_label: row.value.clone(),
                            approximate: v.qualifier.is_some(),
                        })
                        .collect(),
                    reference: reference
                        .zip(reference_label.clone())
                        .map(|((_, t), l)| (t.value, l)),
                });
                let mut keys = vec![key(
                    "key-actual",
                    tr.f("key_ranking_value", &[("year", &year.to_string())]),
                )];
                if reference.is_some() {
                    keys.push(key("key-target", tr.t("key_ranking_target")));
                }
                let sources = rows
                    .iter()
                    .flat_map(|r| r.sources.iter().cloned())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
                chart_view(
                    &slots.page,
                    &format!("xep-hang-{}", level_slug(level)),
                    &frame_id,
                    svg,
                    title,
                    keys,
                    sources,
                )
            })
            .flatten();
        let without_year = at_level
            .iter()
            .filter(|(_, m)| !m.contains_key(&year))
            .map(|(r, _)| region_link(tr, site, *r))
            .collect();
        ranking.push(RankGroup {
            level: level_words,
            slug: level_slug(level),
            year,
            rows,
            without_year,
            reference: reference_label,
            chart,
        });
    }
    // Over time: the two highest levels that have figures (or else targets); lower levels are
    // on their own region pages, so that the page does not grow with every commune.
    let candidates: Vec<RegionIdx> = (0..site.regions.len())
        .map(RegionIdx)
        .filter(|r| {
            computed.indicator(*r, i).is_some()
                || computed.targets.contains_key(&(*r, Metric::Indicator(i)))
        })
        .collect();
    // Levels are chosen by their figures: a level with targets only would hide the one level
    // that has data. Without any figure, the levels with targets.
    let with_figures: Vec<RegionIdx> = candidates
        .iter()
        .copied()
        .filter(|r| computed.indicator(*r, i).is_some())
        .collect();
    let level_source = if with_figures.is_empty() {
        &candidates
    } else {
        &with_figures
    };
    let mut shown_levels: Vec<Level> = level_source.iter().map(|r| site.region(*r).level).collect();
    shown_levels.sort();
    shown_levels.dedup();
    shown_levels.truncate(2);
    let blocks = candidates
        .iter()
        .filter(|r| shown_levels.contains(&site.region(**r).level))
        .filter_map(|r| indicator_block(tr, site, computed, *r, i, &mut slots))
        .collect();
    IndicatorView {
        id: ind.id.clone(),
        name: indicator_name(tr, site, i),
        name_en: ind.name_en.clone(),
        description: tr.text(&ind.description_vi, &ind.description_en),
        formula: formula_words(tr, site, i),
        formula_text: ind.formula_text.clone(),
        unit: match ind.unit {
            Unit::Percent => tr.t("unit_percent"),
            Unit::Number => tr.t("unit_number"),
        },
        higher_is_better: ind.higher_is_better,
        ranking,
        blocks,
    }
}

#[derive(Serialize)]
pub struct TaskView {
    pub content: String,
    pub lead: String,
    pub partners: String,
    pub deadline: String,
}

#[derive(Serialize)]
pub struct PlanView {
    pub slug: String,
    pub title: String,
    pub short_name: String,
    pub title_en: String,
    pub number: String,
    pub date: Option<String>,
    pub issuer: String,
    pub kind: String,
    pub region: Link,
    pub summary: String,
    pub seed: String,
    pub body_html: String,
    pub targets: Vec<TargetView>,
    /// Whether some target is set for another region than the plan's.
    pub multi_region: bool,
    pub status_counts: Vec<StatusCount>,
    pub progress: Option<ChartView>,
    pub tasks: Vec<TaskView>,
}

#[derive(Serialize)]
pub struct StatusCount {
    pub status: &'static str,
    pub label: String,
    pub symbol: &'static str,
    pub count: usize,
}

pub fn plan(tr: &Tr, site: &Site, computed: &Computed, index: usize) -> PlanView {
    let plan = &site.plans[index];
    let progress = &computed.progress[index];
    let list: Vec<(usize, usize)> = (0..plan.targets.len()).map(|t| (index, t)).collect();
    let chart = progress_chart(
        tr,
        site,
        computed,
        &list,
        plan.targets.iter().any(|t| t.region != plan.region),
        &mut Slots::new(plan_url(plan)),
        tr.f(
            "progress_title",
            &[("name", &tr.name(&plan.short_name, &plan.short_name_en))],
        ),
    );
    PlanView {
        progress: chart,
        slug: plan.slug.clone(),
        title: tr.name(&plan.title, &plan.title_en),
        short_name: tr.name(&plan.short_name, &plan.short_name_en),
        title_en: plan.title_en.clone(),
        number: plan.number.clone(),
        date: plan.date.map(|d| tr.date(d)),
        issuer: tr.text(&plan.issuer, &plan.issuer_en),
        kind: plan.kind.clone(),
        region: region_link(tr, site, plan.region),
        summary: tr.text(&plan.summary, &plan.summary_en),
        seed: plan.seed.clone(),
        body_html: markdown::to_html(&plan.body, &tr.t("plan_table"), "../../"),
        targets: plan
            .targets
            .iter()
            .zip(progress)
            .map(|(t, p)| target_view(tr, site, computed, plan, t, p))
            .collect(),
        multi_region: plan.targets.iter().any(|t| t.region != plan.region),
        status_counts: status_counts(tr, progress),
        tasks: plan
            .tasks
            .iter()
            .map(|t| TaskView {
                content: t.content.clone(),
                lead: t.lead.clone(),
                partners: t.partners.join("; "),
                deadline: t.deadline.clone(),
            })
            .collect(),
    }
}

/// The progress chart of a list of targets (plan, target): those a share of the way can be
/// measured for.
fn progress_chart(
    tr: &Tr,
    site: &Site,
    computed: &Computed,
    list: &[(usize, usize)],
    name_region: bool,
    slots: &mut Slots,
    title: String,
) -> Option<ChartView> {
    let mut items = Vec::new();
    let mut sources = BTreeSet::new();
    for &(p, t) in list {
        let target = &site.plans[p].targets[t];
        let progress = &computed.progress[p][t];
        let Some((share, elapsed)) = charts::covered(
            target,
            progress,
            site.plans[p].base_year,
            site.config.progress_method,
        ) else {
            continue;
        };
        let view = target_view(tr, site, computed, &site.plans[p], target, progress);
        sources.extend(
            view.latest_sources
                .iter()
                .chain(&view.base_sources)
                .cloned(),
        );
        let region = if name_region {
            format!(" – {}", view.region.name)
        } else {
            String::new()
        };
        items.push(charts::ProgressItem {
            // Year and target first: a long name is what gets shortened.
            label: format!("{}, {}: {}{region}", view.year, view.target, view.metric),
            status: format!(
                "{}: {} ({})",
                view.status_label,
                view.latest.unwrap_or_default(),
                view.latest_year.unwrap_or_default()
            ),
            share,
            elapsed,
        });
    }
    let frame_id = slots.next_id();
    charts::progress_view(
        tr,
        &slots.page,
        &frame_id,
        title,
        items,
        sources.into_iter().collect(),
    )
}

/// How many targets have each status, in the order of [`Status`].
fn status_counts(tr: &Tr, progress: &[Progress]) -> Vec<StatusCount> {
    let mut counts: Vec<(Status, usize)> = Vec::new();
    for p in progress {
        match counts.iter_mut().find(|(s, _)| *s == p.status) {
            Some(c) => c.1 += 1,
            None => counts.push((p.status, 1)),
        }
    }
    counts.sort();
    counts
        .into_iter()
        .map(|(s, count)| {
            let (status, label, symbol) = status_label(tr, s);
            StatusCount {
                status,
                label,
                symbol,
                count,
            }
        })
        .collect()
}

#[derive(Serialize)]
pub struct PlanSummary {
    pub title: String,
    pub url: String,
    pub number: String,
    pub date: Option<String>,
    pub region: Link,
    pub targets: usize,
    pub status_counts: Vec<StatusCount>,
}

#[derive(Serialize)]
pub struct Headline {
    pub name: String,
    pub value: String,
    pub year: i32,
    pub previous_year: Option<i32>,
    pub change: Option<String>,
    pub growth: Option<String>,
    pub direction: &'static str,
    /// Older than the newest headline figure: the latest this series has.
    pub older: bool,
    pub sources: Vec<SourceRef>,
    /// E.g. that the figure is summed from its parts.
    pub note: String,
    pub url: String,
    /// The figure's course over the years, and the values it is drawn from.
    pub sparkline: Option<String>,
    pub history: Vec<YearValue>,
    /// The next target set on this figure for the headline region, with its status: whether
    /// it will be met, at a glance.
    pub target: Option<TargetView>,
}

/// The target on `metric` for `region` a reader looks at next: the first due in or after the
/// latest year of the data, else the last one.
fn next_target(
    tr: &Tr,
    site: &Site,
    computed: &Computed,
    region: RegionIdx,
    metric: Metric,
) -> Option<TargetView> {
    let list = targets_for(site, computed, region, metric);
    let from = computed.as_of.unwrap_or(i32::MIN);
    list.iter()
        .filter(|(_, t, _)| t.year >= from)
        .min_by_key(|(_, t, _)| t.year)
        .or_else(|| list.iter().max_by_key(|(_, t, _)| t.year))
        .map(|(plan, t, p)| target_view(tr, site, computed, plan, t, p))
}

#[derive(Serialize)]
pub struct YearValue {
    pub year: i32,
    pub value: String,
}

/// A headline's sparkline with its text alternative; `values` are in the table beside it.
fn headline_sparkline(
    tr: &Tr,
    id: String,
    name: &str,
    points: &[(i32, f64)],
    values: &[YearValue],
) -> Option<String> {
    let (first, last) = (values.first()?, values.last()?);
    sparkline(
        Frame {
            id,
            title: tr.f(
                "sparkline_title",
                &[
                    ("name", name),
                    ("from", &first.year.to_string()),
                    ("to", &last.year.to_string()),
                ],
            ),
            desc: tr.f(
                "sparkline_desc",
                &[
                    ("first", &first.value),
                    ("first_year", &first.year.to_string()),
                    ("last", &last.value),
                    ("last_year", &last.year.to_string()),
                    (
                        "values",
                        &values
                            .iter()
                            .map(|v| format!("{}: {}", v.year, v.value))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                ],
            ),
        },
        points,
    )
}

#[derive(Serialize)]
pub struct RegionNode {
    pub link: Link,
    pub level: String,
    pub former: bool,
    pub until: Option<String>,
    pub children: Vec<RegionNode>,
    /// Units under it that the home page does not list.
    pub sub_units: usize,
}

#[derive(Serialize)]
pub struct HomeView {
    pub region: Link,
    pub headlines: Vec<Headline>,
    pub plans: Vec<PlanSummary>,
    pub regions: Vec<RegionNode>,
    pub indicators: Vec<Link>,
    /// The region picker: units down to province level, by level; lower levels are reached
    /// from their province's page, so that the list stays short at national scale.
    pub picker: Vec<PickerGroup>,
}

#[derive(Serialize)]
pub struct PickerGroup {
    pub level: String,
    pub regions: Vec<Link>,
}

fn picker(tr: &Tr, site: &Site) -> Vec<PickerGroup> {
    let mut groups: Vec<PickerGroup> = Vec::new();
    for level in [Level::Nation, Level::Province] {
        let mut regions: Vec<(bool, String, Link)> = (0..site.regions.len())
            .map(RegionIdx)
            .filter(|r| site.region(*r).level == level)
            .map(|r| {
                let region = site.region(r);
                let mut link = region_link(tr, site, r);
                if let Some(until) = region.until {
                    link.name = tr.f(
                        "former_until",
                        &[("kind", &link.name), ("date", &tr.date(until))],
                    );
                }
                (region.until.is_some(), crate::text::fold(&link.name), link)
            })
            .collect();
        // Current units first, then former ones, each alphabetically without accents.
        regions.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        if !regions.is_empty() {
            groups.push(PickerGroup {
                level: level_name(tr, level),
                regions: regions.into_iter().map(|(_, _, l)| l).collect(),
            });
        }
    }
    groups
}

fn direction(change: Option<f64>) -> &'static str {
    match change {
        Some(c) if c > 0.0 => "up",
        Some(c) if c < 0.0 => "down",
        Some(_) => "flat",
        None => "none",
    }
}

pub fn home(tr: &Tr, site: &Site, computed: &Computed) -> HomeView {
    let nation = site
        .region_by_code(&site.config.headline_region)
        .expect("checked by the model");
    let mut headlines = Vec::new();
    for s in (0..site.series.len()).map(SeriesIdx) {
        if site.series(s).kind != SeriesKind::Count {
            continue;
        }
        let years = computed.series_years(nation, s);
        let Some(last) = years.iter().rev().find(|y| y.actual.is_some()) else {
            continue;
        };
        let fig = site
            .figures
            .get(nation, s, last.year)
            .expect("computed from figures");
        let prev_year = last.increase.map(|_| last.year - 1);
        let points: Vec<(i32, f64)> = years
            .iter()
            .filter_map(|y| Some((y.year, y.actual?)))
            .collect();
        let history: Vec<YearValue> = years
            .iter()
            .filter_map(|y| {
                Some(YearValue {
                    year: y.year,
                    value: qualified(y.qualifier, series_value(tr, site, s, y.actual?)),
                })
            })
            .collect();
        headlines.push(Headline {
            target: next_target(
                tr,
                site,
                computed,
                nation,
                Metric::Series(s, Measure::Value),
            ),
            sparkline: headline_sparkline(
                tr,
                format!("spark-{}", headlines.len() + 1),
                &series_name(tr, site, s),
                &points,
                &history,
            ),
            history,
            name: series_name(tr, site, s),
            value: qualified(
                fig.qualifier,
                series_value(tr, site, s, last.actual.unwrap_or_default()),
            ),
            year: last.year,
            previous_year: prev_year,
            change: last
                .increase
                .map(|v| qualified(last.change_qualifier, format::signed(v, 0, tr.lang))),
            growth: last
                .growth
                .map(|v| qualified(last.change_qualifier, format::signed_percent(v, 1, tr.lang))),
            direction: direction(last.increase),
            older: false,
            sources: vec![source_ref(site, fig.source)],
            note: if fig.derived {
                figure_note(tr, site, s, fig)
            } else {
                String::new()
            },
            url: format!("{}#s-{}", region_url(site, nation), site.series(s).id),
        });
    }
    for i in (0..site.indicators.len()).map(IndicatorIdx) {
        let Some(values) = computed.indicator(nation, i) else {
            continue;
        };
        let Some((&year, &v)) = values.iter().next_back() else {
            continue;
        };
        let change = computed
            .indicator_change(nation, i, year)
            .map(|c| (c.value, c.qualifier));
        let points: Vec<(i32, f64)> = values.iter().map(|(y, v)| (*y, v.value)).collect();
        let history: Vec<YearValue> = values
            .iter()
            .map(|(y, v)| YearValue {
                year: *y,
                value: qualified(v.qualifier, indicator_value(tr, site, i, v.value)),
            })
            .collect();
        headlines.push(Headline {
            target: next_target(tr, site, computed, nation, Metric::Indicator(i)),
            sparkline: headline_sparkline(
                tr,
                format!("spark-{}", headlines.len() + 1),
                &indicator_name(tr, site, i),
                &points,
                &history,
            ),
            history,
            name: indicator_name(tr, site, i),
            value: qualified(v.qualifier, indicator_value(tr, site, i, v.value)),
            year,
            previous_year: change.map(|_| year - 1),
            change: change.map(|(c, q)| qualified(q, indicator_change(tr, site, i, c))),
            growth: None,
            direction: direction(change.map(|(c, _)| c)),
            older: false,
            sources: input_sources(site, nation, i, year),
            note: String::new(),
            url: indicator_url(site, i),
        });
    }
    let newest = headlines.iter().map(|h| h.year).max();
    for h in &mut headlines {
        h.older = newest.is_some_and(|n| h.year < n);
    }
    let plans = site
        .plans
        .iter()
        .zip(&computed.progress)
        .map(|(p, progress)| PlanSummary {
            title: tr.name(&p.title, &p.title_en),
            url: plan_url(p),
            number: p.number.clone(),
            date: p.date.map(|d| tr.date(d)),
            region: region_link(tr, site, p.region),
            targets: p.targets.len(),
            status_counts: status_counts(tr, progress),
        })
        .collect();
    let roots = (0..site.regions.len())
        .map(RegionIdx)
        .filter(|r| site.region(*r).parent.is_none())
        .map(|r| region_node(tr, site, r))
        .collect();
    HomeView {
        picker: picker(tr, site),
        region: region_link(tr, site, nation),
        headlines,
        plans,
        regions: roots,
        indicators: (0..site.indicators.len())
            .map(|i| Link {
                name: indicator_name(tr, site, IndicatorIdx(i)),
                url: indicator_url(site, IndicatorIdx(i)),
            })
            .collect(),
    }
}

fn region_node(tr: &Tr, site: &Site, r: RegionIdx) -> RegionNode {
    let region = site.region(r);
    RegionNode {
        link: region_link(tr, site, r),
        level: level_name(tr, region.level),
        former: region.until.is_some(),
        until: region.until.map(|d| tr.date(d)),
        // The home page lists the nation and provinces; lower levels are on their parents' pages.
        children: if region.level < Level::Province {
            region
                .children
                .iter()
                .map(|c| region_node(tr, site, *c))
                .collect()
        } else {
            Vec::new()
        },
        sub_units: region.children.len(),
    }
}

#[derive(Serialize)]
pub struct MethodIndicator {
    pub name: String,
    pub url: String,
    pub formula: String,
    pub formula_text: String,
    pub description: String,
}

#[derive(Serialize)]
pub struct SourceView {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub note: String,
}

#[derive(Serialize)]
pub struct MethodologyView {
    pub method: &'static str,
    /// The last year with any figure: how far the site's data reach.
    pub as_of: Option<i32>,
    pub on_track: String,
    pub acceleration_needed: String,
    pub indicators: Vec<MethodIndicator>,
    pub sources: Vec<SourceView>,
    pub statuses: Vec<StatusCount>,
}

pub fn methodology(tr: &Tr, site: &Site, computed: &Computed) -> MethodologyView {
    MethodologyView {
        as_of: computed.as_of,
        method: match site.config.progress_method {
            ProgressMethod::Linear => "linear",
            ProgressMethod::Cagr => "cagr",
        },
        on_track: format::number(progress::ON_TRACK, 2, tr.lang),
        acceleration_needed: format::number(progress::ACCELERATION_NEEDED, 2, tr.lang),
        indicators: (0..site.indicators.len())
            .map(IndicatorIdx)
            .map(|i| MethodIndicator {
                name: indicator_name(tr, site, i),
                url: indicator_url(site, i),
                formula: formula_words(tr, site, i),
                formula_text: site.indicator(i).formula_text.clone(),
                description: tr.text(
                    &site.indicator(i).description_vi,
                    &site.indicator(i).description_en,
                ),
            })
            .collect(),
        sources: site
            .sources
            .iter()
            .map(|s| SourceView {
                id: s.id.clone(),
                title: s.title.clone(),
                publisher: s.publisher.clone(),
                url: s.url.clone(),
                note: s.note.clone(),
            })
            .collect(),
        statuses: [
            Status::Achieved,
            Status::Missed,
            Status::OnTrack,
            Status::AccelerationNeeded,
            Status::Limited,
            Status::MovingAway,
            Status::NotMeasurable,
        ]
        .into_iter()
        .map(|s| {
            let (status, label, symbol) = status_label(tr, s);
            StatusCount {
                status,
                label,
                symbol,
                count: 0,
            }
        })
        .collect(),
    }
}

/// One thing search can find.
#[derive(Serialize)]
pub struct SearchItem {
    pub name: String,
    pub url: String,
    /// What it is: "Huyện", "Chỉ tiêu", "Kế hoạch"…, with "former unit" where it applies.
    pub kind: String,
    /// Folded (lower case, no diacritics) words it is found by: both languages' names, code.
    pub keys: String,
}

/// Everything search finds: regions (by level), indicators, plans. It is both the list page
/// shown without JavaScript and, through each item's folded keys, the index the script
/// searches.
#[derive(Serialize)]
pub struct SearchView {
    pub items: Vec<SearchItem>,
}

pub fn search(tr: &Tr, site: &Site) -> SearchView {
    let keys = |words: &[&str]| {
        let mut k: Vec<String> = words
            .iter()
            .filter(|w| !w.is_empty())
            .map(|w| crate::text::fold(w))
            .collect();
        k.dedup();
        k.join(" ")
    };
    let mut items = Vec::new();
    let mut regions: Vec<RegionIdx> = (0..site.regions.len()).map(RegionIdx).collect();
    regions.sort_by_key(|r| (site.region(*r).level, site.region(*r).until.is_some(), r.0));
    for r in regions {
        let region = site.region(r);
        let mut kind = level_name(tr, region.level).to_string();
        if let Some(until) = region.until {
            kind = tr.f(
                "former_until",
                &[("kind", &kind), ("date", &tr.date(until))],
            );
        }
        items.push(SearchItem {
            name: tr.name(&region.name_vi, &region.name_en),
            url: region_url(site, r),
            kind,
            keys: keys(&[&region.name_vi, &region.name_en, &region.code]),
        });
    }
    for (i, ind) in site.indicators.iter().enumerate() {
        items.push(SearchItem {
            name: tr.name(&ind.name_vi, &ind.name_en),
            url: indicator_url(site, IndicatorIdx(i)),
            kind: tr.t("kind_indicator"),
            keys: keys(&[&ind.name_vi, &ind.name_en, &ind.id]),
        });
    }
    for plan in &site.plans {
        items.push(SearchItem {
            name: tr.name(&plan.title, &plan.title_en),
            url: plan_url(plan),
            kind: tr.t("kind_plan"),
            keys: keys(&[&plan.title, &plan.title_en, &plan.number, &plan.short_name]),
        });
    }
    SearchView { items }
}

impl RegionView {
    /// Every chart on the page, in page order.
    /// Charts without a page of their own: no embed link or code is offered.
    pub fn forget_embeds(&mut self) {
        for chart in self.charts_mut() {
            chart.embed_url.clear();
        }
    }

    /// A page without data files of its own: its charts' data links lead to `url` instead.
    pub fn point_data_to(&mut self, url: &str) {
        for chart in self.charts_mut() {
            chart.data_url = url.to_string();
        }
    }

    fn charts_mut(&mut self) -> impl Iterator<Item = &mut ChartView> {
        self.progress
            .iter_mut()
            .chain(self.series.iter_mut().flat_map(|s| {
                s.chart
                    .iter_mut()
                    .chain(s.attainment.iter_mut())
                    .chain(s.composition.iter_mut().flat_map(|c| c.chart.iter_mut()))
            }))
            .chain(self.indicators.iter_mut().flat_map(|b| b.chart.iter_mut()))
    }

    pub fn charts(&self) -> Vec<&ChartView> {
        let mut out: Vec<&ChartView> = self.progress.iter().collect();
        for s in &self.series {
            out.extend(&s.chart);
            out.extend(&s.attainment);
            out.extend(s.composition.iter().flat_map(|c| &c.chart));
        }
        out.extend(self.indicators.iter().flat_map(|b| &b.chart));
        out
    }

    /// The figure a share image leads with: the latest of the first series with one, else of
    /// the first indicator. (figure, what it is, its chart)
    pub fn headline(&self, tr: &Tr) -> Option<(String, String, Option<&ChartView>)> {
        let series = self.series.iter().find_map(|s| {
            let row = s.rows.iter().rev().find(|r| r.actual.is_some())?;
            Some((
                row.actual.clone()?,
                tr.f(
                    "what_in_year",
                    &[("what", &s.name), ("year", &row.year.to_string())],
                ),
                s.chart.as_ref(),
            ))
        });
        series.or_else(|| {
            self.indicators.iter().find_map(|b| {
                let row = b.rows.last()?;
                Some((
                    row.value.clone(),
                    tr.f(
                        "what_in_year",
                        &[("what", &b.name), ("year", &row.year.to_string())],
                    ),
                    b.chart.as_ref(),
                ))
            })
        })
    }
}

impl IndicatorView {
    pub fn charts(&self) -> Vec<&ChartView> {
        let mut out: Vec<&ChartView> = self.ranking.iter().flat_map(|g| &g.chart).collect();
        out.extend(self.blocks.iter().flat_map(|b| &b.chart));
        out
    }

    /// The latest value of the first region shown (the highest level).
    pub fn headline(&self, tr: &Tr) -> Option<(String, String, Option<&ChartView>)> {
        self.blocks.iter().find_map(|b| {
            let row = b.rows.last()?;
            Some((
                row.value.clone(),
                tr.f(
                    "what_in_year",
                    &[("what", &b.region.name), ("year", &row.year.to_string())],
                ),
                b.chart.as_ref(),
            ))
        })
    }
}

impl PlanView {
    pub fn charts(&self) -> Vec<&ChartView> {
        self.progress.iter().collect()
    }

    /// How many targets the plan sets, and how many have each status.
    pub fn headline(&self, tr: &Tr) -> (String, String, Option<&ChartView>) {
        // The count of targets leads, and every status is named: "0/13 achieved" alone would
        // read as failure when most targets cannot be judged yet.
        let counts: Vec<String> = self
            .status_counts
            .iter()
            .map(|c| format!("{}: {}", c.label, c.count))
            .collect();
        (
            self.targets.len().to_string(),
            tr.f("plan_share_caption", &[("statuses", &counts.join(", "))]),
            self.progress.as_ref(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn natural_decimals_keep_the_source_precision() {
        assert_eq!(natural_decimals(24.8, 2), 1);
        assert_eq!(natural_decimals(33.77, 2), 2);
        assert_eq!(natural_decimals(90.0, 2), 0);
    }

    #[test]
    fn replace_word_respects_boundaries() {
        assert_eq!(replace_word("bhxh_tn / bhxh", "bhxh", "X"), "bhxh_tn / X");
    }
}

/// A page of prose. An English page without an English title shows the Vietnamese text, with
/// its language marked for screen readers and a note for readers.
#[derive(Serialize)]
pub struct PageView {
    pub title: String,
    pub summary: String,
    pub body_html: String,
    /// The language of the text, when it is not the page's.
    pub text_lang: Option<&'static str>,
}

pub fn page(tr: &Tr, site: &Site, index: usize) -> PageView {
    let page = &site.pages[index];
    let untranslated = tr.lang == crate::present::format::Lang::En && page.title_en.is_empty();
    PageView {
        title: tr.text(&page.title, &page.title_en),
        summary: tr.text(&page.summary, &page.summary_en),
        body_html: markdown::to_html(&page.body, &tr.t("plan_table"), "../"),
        text_lang: untranslated.then_some("vi"),
    }
}
