//! A series' block on a region page: its table by year, its chart over time, the attainment
//! of its plan and, for a sum of parts, its composition.

use super::charts::{chart_description, chart_view, key, ChartView, Slots};
use super::names::{region_name, series_name};
use super::sources::{figure_note, figure_sources, SourceRef};
use super::targets::targets_for;
use super::values::{qualified, series_value};
use crate::compute::Computed;
use crate::model::{Measure, Metric, RegionIdx, SeriesIdx, Site};
use crate::present::chart::bullet::{bullet_chart, Bullet, BulletRow};
use crate::present::chart::stacked::{stacked_chart, Part, Stacked};
use crate::present::chart::time::{time_chart, TimeChart};
use crate::present::chart::Frame;
use crate::present::format;
use crate::present::i18n::Tr;
use serde::Serialize;
use std::collections::BTreeSet;

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

pub(super) fn series_block(
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
pub(super) fn attainment_chart(
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
pub(super) fn composition(
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
pub(super) fn short_part_name(part: &str, total: &str) -> String {
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
