//! An indicator's block for one region, on region and indicator pages: its values by year,
//! their chart over time, and the targets set on it.

use super::charts::{chart_description, time_keys, ChartView, Slots};
use super::links::{indicator_url, region_link, Link};
use super::names::{formula_words, indicator_name, region_name};
use super::sources::{figure_note, input_sources, SourceRef};
use super::targets::{target_view, targets_for, TargetView};
use super::values::{indicator_change, indicator_value, qualified};
use crate::compute::{Computed, Value};
use crate::model::{IndicatorIdx, Metric, RegionIdx, Site, Unit};
use crate::present::chart::time::{time_chart, TimeChart};
use crate::present::format;
use crate::present::i18n::Tr;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

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
    if values.is_none() && targets.is_empty() {
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
        chart,
        rows,
        targets: targets
            .iter()
            .map(|(plan, t, p)| target_view(tr, site, computed, plan, t, p))
            .collect(),
    })
}

/// Whether some value is "about" or a bound.
fn has_approximate(values: Option<&BTreeMap<i32, Value>>) -> bool {
    values.is_some_and(|m| m.values().any(|v| v.qualifier.is_some()))
}

impl IndicatorIn<'_> {
    /// The indicator's table: each year's value and change, with the sources and notes of the
    /// figures it was computed from.
    fn rows(&self) -> Vec<IndicatorRow> {
        let (tr, site, computed, region, i) =
            (self.tr, self.site, self.computed, self.region, self.i);
        let ind = site.indicator(i);
        computed
            .indicator(region, i)
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
        // Without any figure a chart would show targets alone; the targets table says it better.
        if points.is_empty() {
            return None;
        }
        let targets = targets_for(site, computed, region, Metric::Indicator(i));
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
        let keys = time_keys(tr, has_approximate(values), false, !targets.is_empty());
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
                    .filter(|p| qualifier(p.0).is_some())
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
                plan: Vec::new(),
                targets: target_points,
                format_tick: &tick,
            })
        })
    }
}
