//! A series' block on a region page: its table by year, its chart over time, the attainment
//! of its plan and, for a sum of parts, its composition.

use super::charts::{chart_description, key, over_time, time_keys, ChartView, Slots};
use super::indicator_block::plan_gap;
use super::names::{region_name, series_name};
use super::sources::{figure_note, figure_sources, SourceRef};
use super::targets::targets_for;
use super::values::{qualified, series_value};
use crate::compute::{Computed, SeriesYear};
use crate::model::{Figure, Measure, Metric, RegionIdx, SeriesIdx, Site};
use crate::present::chart::bullet::{bullet_chart, Bullet, BulletRow};
use crate::present::chart::stacked::{stacked_chart, Part, Stacked};
use crate::present::chart::time::{time_chart, TimeChart};
use crate::present::format;
use crate::present::i18n::Tr;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Serialize)]
pub struct SeriesRow {
    pub year: i32,
    pub actual: Option<String>,
    /// "đến 30/9/2022", "ước tính": how the figure was taken.
    pub marks: Vec<String>,
    pub plan: Option<String>,
    pub attainment: Option<String>,
    /// For a rate: "vượt 0,10 điểm %".
    pub plan_gap: Option<String>,
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

/// A series in one region: what its block is made from, in the page's language.
#[derive(Clone, Copy)]
struct SeriesIn<'a> {
    tr: &'a Tr<'a>,
    site: &'a Site,
    computed: &'a Computed,
    region: RegionIdx,
    s: SeriesIdx,
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
    let at = SeriesIn {
        tr,
        site,
        computed,
        region,
        s,
    };
    let rows = at.rows(years, figures);
    let has_plan = rows.iter().any(|r| r.plan.is_some());
    let has_approximate = years.iter().any(|y| y.qualifier.is_some());
    let has_targets =
        !targets_for(site, computed, region, Metric::Series(s, Measure::Value)).is_empty();
    let all_sources: Vec<SourceRef> = rows
        .iter()
        .flat_map(|r| r.sources.iter().chain(&r.plan_sources).cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let chart = at.chart(slots, &all_sources);
    let attainment = at.attainment_chart(slots, &all_sources);
    let composition = at.composition(slots, &all_sources);
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

impl SeriesIn<'_> {
    /// The series' table: each year's figure, plan, attainment and change, with their sources.
    fn rows(&self, years: &[SeriesYear], figures: &BTreeMap<i32, Figure>) -> Vec<SeriesRow> {
        let (tr, site, region, s) = (self.tr, self.site, self.region, self.s);
        years
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
                    marks: figure_marks(tr, fig),
                    plan: y.plan.map(|v| series_value(tr, site, s, v)),
                    plan_gap: y
                        .plan_gap
                        .map(|g| qualified(fig.qualifier, plan_gap(tr, g, 2))),
                    attainment: y
                        .attainment
                        .map(|v| qualified(fig.qualifier, format::percent(v, 2, tr.lang))),
                    increase: y
                        .increase
                        .map(|v| qualified(y.change_qualifier, format::signed(v, 0, tr.lang))),
                    growth: y.growth.map(|v| {
                        qualified(y.change_qualifier, format::signed_percent(v, 2, tr.lang))
                    }),
                    development_index: y
                        .development_index
                        .map(|v| qualified(y.change_qualifier, format::percent(v, 2, tr.lang))),
                    sources,
                    note: figure_note(tr, site, s, fig),
                }
            })
            .collect()
    }

    /// The series over time: actual figures, the plan and the targets set on it.
    fn chart(&self, slots: &mut Slots, sources: &[SourceRef]) -> Option<ChartView> {
        let (tr, site, computed, region, s) =
            (self.tr, self.site, self.computed, self.region, self.s);
        let years = computed.series_years(region, s);
        let metric = Metric::Series(s, Measure::Value);
        let targets = targets_for(site, computed, region, metric);
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
        if !over_time(&[&actual, &plan, &target_points]) {
            return None;
        }
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
        let keys = time_keys(
            tr,
            years.iter().any(|y| y.qualifier.is_some() || y.estimate),
            years.iter().any(|y| y.as_of.is_some()),
            !plan.is_empty(),
            !targets.is_empty(),
        );
        let title = format!(
            "{} – {}",
            series_name(tr, site, s),
            region_name(tr, site, region)
        );
        let anchor = format!("s-{}", site.series(s).id);
        slots.chart(&anchor, title, desc, keys, sources.to_vec(), |frame| {
            time_chart(&TimeChart {
                frame,
                // Estimates and figures taken before the year ended are drawn hollow, as
                // approximate ones are.
                approximate: years
                    .iter()
                    .filter(|y| y.qualifier.is_some() || y.estimate || y.as_of.is_some())
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
            })
        })
    }

    /// Actual / plan by year as bullet bars, with 100% marked.
    fn attainment_chart(&self, slots: &mut Slots, sources: &[SourceRef]) -> Option<ChartView> {
        let (tr, site, computed, region, s) =
            (self.tr, self.site, self.computed, self.region, self.s);
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
        let keys = vec![
            key("key-actual", tr.t("key_attainment")),
            key("key-target", tr.t("key_full_plan")),
        ];
        let anchor = format!("dat-{}", site.series(s).id);
        slots.chart(&anchor, title, desc, keys, sources.to_vec(), |frame| {
            bullet_chart(&Bullet {
                frame,
                rows,
                mark_label: tr.t("full_plan"),
            })
        })
    }

    /// The parts of a summed series by year, stacked, with their table.
    fn composition(&self, slots: &mut Slots, sources: &[SourceRef]) -> Option<Composition> {
        let (tr, site, region, s) = (self.tr, self.site, self.region, self.s);
        let series = site.series(s);
        if series.parts.len() < 2 {
            return None;
        }
        let (years, parts) = self.composition_parts()?;
        let names: Vec<String> = parts.iter().map(|p| p.name.clone()).collect();
        let rows = self.composition_rows(&years, &parts);
        let drawn: Vec<&CompositionRow> = rows.iter().filter(|r| r.total.is_some()).collect();
        let title = tr.f(
            "composition_title",
            &[
                ("name", &series_name(tr, site, s)),
                ("region", &region_name(tr, site, region)),
            ],
        );
        let desc = self.composition_desc(&drawn, &names);
        let tick = |v: f64| format::number(v, 0, tr.lang);
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
        let anchor = format!("co-cau-{}", series.id);
        let latest_total = drawn.last().and_then(|r| r.total.clone());
        Some(Composition {
            chart: slots.chart(&anchor, title, desc, keys, sources.to_vec(), |frame| {
                stacked_chart(&Stacked {
                    frame,
                    years,
                    latest_total,
                    parts,
                    format_tick: &tick,
                })
            }),
            parts: names,
            rows,
        })
    }

    /// The years some part of a summed series has a figure in, and each part's figures in those
    /// years, under its short name; None without any figure.
    fn composition_parts(&self) -> Option<(Vec<i32>, Vec<Part>)> {
        let (tr, site, computed, region, s) =
            (self.tr, self.site, self.computed, self.region, self.s);
        let series = site.series(s);
        let part_years: Vec<&[SeriesYear]> = series
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
        Some((years, parts))
    }

    /// The composition's table: each year's parts, their shares and the total.
    fn composition_rows(&self, years: &[i32], parts: &[Part]) -> Vec<CompositionRow> {
        let (tr, site, s) = (self.tr, self.site, self.s);
        years
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
            .collect()
    }

    /// The composition chart's text alternative: each drawn year's parts and total.
    fn composition_desc(&self, drawn: &[&CompositionRow], names: &[String]) -> String {
        let (tr, site, s) = (self.tr, self.site, self.s);
        let by_year = drawn
            .iter()
            .map(|r| {
                format!(
                    "{}: {} = {}.",
                    r.year,
                    r.parts
                        .iter()
                        .zip(names)
                        .map(|(v, n)| format!("{} {}", n, v.as_deref().unwrap_or("")))
                        .collect::<Vec<_>>()
                        .join(" + "),
                    r.total.as_deref().unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
            .join(" ");
        tr.f(
            "composition_desc",
            &[
                ("name", &series_name(tr, site, s)),
                ("parts", &names.join(&tr.t("and"))),
                ("years", &by_year),
            ],
        )
    }
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

/// How a figure was taken, in words: its day when before the year ended, an estimate.
pub(super) fn figure_marks(tr: &Tr, fig: &Figure) -> Vec<String> {
    let mut marks = Vec::new();
    if let Some(day) = fig.as_of {
        marks.push(tr.f("as_of_mark", &[("date", &tr.date(day))]));
    }
    if fig.estimate {
        marks.push(tr.t("estimate_mark"));
    }
    marks
}
