//! An indicator's block for one region, on region and indicator pages: its values by year,
//! their chart over time, and the targets set on it.

use super::charts::{chart_description, over_time, time_keys, ChartView, Slots};
use super::links::{indicator_url, region_link, Link};
use super::names::{formula_words, indicator_name, region_name};
use super::sources::{figure_note, input_sources, SourceRef};
use super::targets::{target_view, targets_for, TargetView};
use super::values::{
    indicator_change, indicator_change_number, indicator_value, indicator_value_text, qualified,
};
use crate::compute::{Computed, Origin, Value};
use crate::model::{IndicatorIdx, Metric, RegionIdx, Site, Unit};
use crate::present::chart::time::{time_chart, TimeChart};
use crate::present::format;
use crate::present::i18n::Tr;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Serialize)]
pub struct IndicatorRow {
    pub year: i32,
    pub value: Option<String>,
    /// "đến 30/9/2022", "ước tính", "số công bố…": how the value was taken.
    pub marks: Vec<String>,
    pub plan: Option<String>,
    /// Against the plan: the ratio, and for a rate the difference in points.
    pub attainment: Option<String>,
    pub plan_gap: Option<String>,
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
    pub has_plan: bool,
    pub rows: Vec<IndicatorRow>,
    pub targets: Vec<TargetView>,
}

/// An indicator in one region: what its block is made from, in the page's language.
#[derive(Clone, Copy)]
struct IndicatorIn<'a> {
    tr: &'a Tr<'a>,
    site: &'a Site,
    computed: &'a Computed,
    region: RegionIdx,
    i: IndicatorIdx,
}

pub(super) fn indicator_block(
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
    if values.is_none() && targets.is_empty() && computed.indicator_plan(region, i).is_none() {
        return None;
    }
    let at = IndicatorIn {
        tr,
        site,
        computed,
        region,
        i,
    };
    let rows = at.rows();
    let chart = at.chart(slots);
    Some(IndicatorBlock {
        id: ind.id.clone(),
        name: indicator_name(tr, site, i),
        url: indicator_url(site, i),
        formula: formula_words(tr, site, i),
        region: region_link(tr, site, region),
        region_code: site.region(region).code.clone(),
        has_approximate: has_approximate(values),
        has_plan: rows.iter().any(|r| r.plan.is_some()),
        chart,
        rows,
        targets: targets
            .iter()
            .map(|(plan, t, p)| target_view(tr, site, computed, plan, t, p))
            .collect(),
    })
}

/// Whether some value is "about" or a bound, or an estimate.
fn has_approximate(values: Option<&BTreeMap<i32, Value>>) -> bool {
    values.is_some_and(|m| m.values().any(|v| v.qualifier.is_some() || v.estimate))
}

/// How a value was taken, in words: its day when before the year ended, an estimate, and
/// whether it is recomputed or as published.
pub(super) fn value_marks(tr: &Tr, site: &Site, i: IndicatorIdx, v: &Value) -> Vec<String> {
    let mut marks = Vec::new();
    if let Some(day) = v.as_of {
        marks.push(tr.f("as_of_mark", &[("date", &tr.date(day))]));
    }
    if v.estimate {
        marks.push(tr.t("estimate_mark"));
    }
    match v.origin {
        Origin::Computed => {}
        Origin::Published => marks.push(tr.t("published_only")),
        Origin::Both { .. } => {
            if let Some(published) = v.published() {
                marks.push(tr.f(
                    "published_beside",
                    &[("value", &indicator_value_text(tr, site, i, &published))],
                ))
            }
        }
    }
    marks
}

/// A rate against its plan as the agency states it: "vượt 0,10 điểm %".
pub(super) fn plan_gap(tr: &Tr, points: f64, decimals: usize) -> String {
    let shown = format::number(points.abs(), decimals, tr.lang);
    let zero = format::number(0.0, decimals, tr.lang);
    if shown == zero {
        tr.t("gap_equal")
    } else if points > 0.0 {
        tr.f("gap_above", &[("value", &shown)])
    } else {
        tr.f("gap_below", &[("value", &shown)])
    }
}

impl IndicatorIn<'_> {
    /// The indicator's table: each year's value, plan and change, with the sources and notes
    /// of the figures it was computed from or published in.
    fn rows(&self) -> Vec<IndicatorRow> {
        let (tr, site, computed, region, i) =
            (self.tr, self.site, self.computed, self.region, self.i);
        let ind = site.indicator(i);
        computed
            .indicator_years(region, i)
            .into_iter()
            .map(|y| {
                let (year, v, plan) = (y.year, y.value, y.plan);
                let mut notes: BTreeSet<String> = ind
                    .inputs
                    .iter()
                    .filter_map(|s| {
                        Some(figure_note(
                            tr,
                            site,
                            *s,
                            site.figures.get(region, *s, year)?,
                        ))
                    })
                    .filter(|n| !n.is_empty())
                    .collect();
                if let Some(p) = site.published.get(region, i, year) {
                    if !p.note.is_empty() {
                        notes.insert(p.note.clone());
                    }
                }
                let qualifier = v.and_then(|v| v.qualifier);
                let attainment = y
                    .attainment
                    .map(|r| qualified(qualifier, format::percent(r, 2, tr.lang)));
                let gap = y.plan_gap.filter(|_| ind.unit == Unit::Percent).map(|g| {
                    let (n, d) = indicator_change_number(site, i, g);
                    qualified(qualifier, plan_gap(tr, n, d))
                });
                IndicatorRow {
                    year,
                    value: v.map(|v| indicator_value_text(tr, site, i, v)),
                    marks: v.map(|v| value_marks(tr, site, i, v)).unwrap_or_default(),
                    plan: plan.map(|p| indicator_value(tr, site, i, p)),
                    attainment,
                    plan_gap: gap,
                    change: computed
                        .indicator_change(region, i, year)
                        .map(|c| qualified(c.qualifier, indicator_change(tr, site, i, c.value))),
                    sources: input_sources(site, region, i, year),
                    notes: notes.into_iter().collect(),
                }
            })
            .collect()
    }

    /// The indicator over time, with the targets set on it.
    fn chart(&self, slots: &mut Slots) -> Option<ChartView> {
        let (tr, site, computed, region, i) =
            (self.tr, self.site, self.computed, self.region, self.i);
        let ind = site.indicator(i);
        let values = computed.indicator(region, i);
        let points: Vec<(i32, f64)> = values
            .map(|m| m.iter().map(|(y, v)| (*y, v.value)).collect())
            .unwrap_or_default();
        let plan: Vec<(i32, f64)> = computed
            .indicator_plan(region, i)
            .map(|m| m.iter().map(|(y, v)| (*y, *v)).collect())
            .unwrap_or_default();
        // Estimates and values taken before the year ended are drawn hollow, as approximate
        // ones are.
        let provisional = |year: i32| {
            values
                .and_then(|m| m.get(&year))
                .is_some_and(|v| v.qualifier.is_some() || v.estimate || v.partial())
        };
        let partial = values.is_some_and(|m| m.values().any(Value::partial));
        // Without any figure a chart would show targets alone; the targets table says it better.
        if points.is_empty() {
            return None;
        }
        let targets = targets_for(site, computed, region, Metric::Indicator(i));
        let target_points: Vec<(i32, f64)> =
            targets.iter().map(|(_, t, _)| (t.year, t.value)).collect();
        if !over_time(&[&points, &plan, &target_points]) {
            return None;
        }
        let qualifier = |year: i32| computed.metric_qualifier(region, Metric::Indicator(i), year);
        let desc = chart_description(
            tr,
            &[
                (&tr.t("line_value"), &points),
                (&tr.t("line_plan"), &plan),
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
            .chain(&plan)
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
        let keys = time_keys(
            tr,
            has_approximate(values),
            partial,
            !plan.is_empty(),
            !targets.is_empty(),
        );
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
        let anchor = format!("i-{}-{}", ind.id, site.region(region).code);
        slots.chart(&anchor, title, desc, keys, sources, |frame| {
            time_chart(&TimeChart {
                frame,
                approximate: points
                    .iter()
                    .filter(|p| provisional(p.0))
                    .map(|p| p.0)
                    .collect(),
                latest_label: points
                    .last()
                    .map(|(y, v)| qualified(qualifier(*y), indicator_value(tr, site, i, *v))),
                target_labels: targets
                    .iter()
                    .map(|(_, t, _)| {
                        format!("{}: {}", t.year, indicator_value(tr, site, i, t.value))
                    })
                    .collect(),
                actual: points,
                plan,
                targets: target_points,
                format_tick: &tick,
            })
        })
    }
}
