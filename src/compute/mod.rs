//! Compute stage: evaluates every indicator for every region and year, the yearly statistics of
//! every series (attainment, increase, growth, development index) and the progress of every
//! plan target. Missing inputs give missing results; a zero denominator gives none and a warning.

pub mod base_year;
pub mod changes;
pub mod printed;
pub mod progress;
pub mod stats;

use crate::error::{Text, Warning};
use crate::load::config::ProgressMethod;
use crate::model::bound::{self, Bound};
use crate::model::formula::{Expr, Op};
use crate::model::{
    Date, IndicatorIdx, Measure, Metric, Qualifier, RegionIdx, SeriesIdx, SeriesKind, Site, Target,
    Unit,
};
use progress::{Goal, Method, Observation, Progress};
use rayon::prelude::*;
use stats::Ratio;
// Keys are small indexes and ids the site itself declares: a fast hash, not one hardened against
// chosen keys, and the same order in every run.
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// A computed value and whether its inputs were approximate ("≈") or lower bounds (">").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Value {
    pub value: f64,
    pub qualifier: Option<Qualifier>,
    /// Recomputed from figures, taken as published, or both.
    pub origin: Origin,
    /// The day of figures taken before the year ended; `None` at 31 December.
    pub as_of: Option<Date>,
    /// Some figure it comes from is an estimate.
    pub estimate: bool,
}

impl Value {
    /// An exact year-end value recomputed from figures.
    pub fn computed(value: f64, qualifier: Option<Qualifier>) -> Value {
        Value {
            value,
            qualifier,
            origin: Origin::Computed,
            as_of: None,
            estimate: false,
        }
    }
    /// Taken before the year ended: compared with no year-end value.
    pub fn partial(&self) -> bool {
        self.as_of.is_some()
    }
    /// The value a source published beside a recomputed one, as a value of its own.
    pub fn published(&self) -> Option<Value> {
        match self.origin {
            Origin::Both { published } => Some(Value {
                value: published,
                qualifier: None,
                origin: Origin::Published,
                ..*self
            }),
            _ => None,
        }
    }
}

/// One year of an indicator in a region, as its table and downloads show it: the value, the
/// plan, and the value against the plan (a ratio, and a difference in the indicator's unit).
pub struct IndicatorYear<'a> {
    pub year: i32,
    pub value: Option<&'a Value>,
    pub plan: Option<f64>,
    pub attainment: Option<f64>,
    pub plan_gap: Option<f64>,
}

/// Where an indicator's value comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Origin {
    /// Recomputed from the figures of its formula.
    Computed,
    /// As a source published it; the figures to recompute it are missing.
    Published,
    /// Recomputed, and a source also published it (the published value, as a ratio).
    Both { published: f64 },
}

/// One year of one region's series.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesYear {
    pub year: i32,
    /// How the source qualifies the actual figure.
    pub qualifier: Option<Qualifier>,
    /// The qualifier of attainment, increase, growth and development index.
    pub change_qualifier: Option<Qualifier>,
    pub actual: Option<f64>,
    pub plan: Option<f64>,
    /// For a rate, actual minus plan in percentage points, as the agency states it.
    pub plan_gap: Option<f64>,
    /// The day of a figure taken before the year ended.
    pub as_of: Option<Date>,
    pub estimate: bool,
    pub attainment: Option<f64>,
    pub increase: Option<f64>,
    pub growth: Option<f64>,
    pub development_index: Option<f64>,
}

#[derive(Debug, Default)]
pub struct Computed {
    /// Years that have a figure, per region and series.
    pub series: FxHashMap<(RegionIdx, SeriesIdx), Vec<SeriesYear>>,
    /// Indicator values per region, by year; only years with a value.
    pub indicators: FxHashMap<(RegionIdx, IndicatorIdx), BTreeMap<i32, Value>>,
    /// The plans of indicators per region, by year (as ratios for rates): given with a
    /// published value, or computed by the formula from plans of all its inputs.
    pub indicator_plans: FxHashMap<(RegionIdx, IndicatorIdx), BTreeMap<i32, f64>>,
    /// Per plan, per target, in the model's order.
    pub progress: Vec<Vec<Progress>>,
    /// (plan, target) positions of the targets set on a metric in a region, by target year.
    pub targets: FxHashMap<(RegionIdx, Metric), Vec<(usize, usize)>>,
    /// (plan, target) positions of all targets set for a region, by target year then plan.
    pub region_targets: FxHashMap<RegionIdx, Vec<(usize, usize)>>,
    /// The plans that concern a region: issued for it or setting a target for it, in plan order.
    pub region_plans: FxHashMap<RegionIdx, Vec<usize>>,
    pub warnings: Vec<Warning>,
    /// The last year with any actual figure: targets up to it are judged by their year's figure.
    pub as_of: Option<i32>,
}

impl Computed {
    pub fn series_years(&self, region: RegionIdx, series: SeriesIdx) -> &[SeriesYear] {
        self.series
            .get(&(region, series))
            .map_or(&[], Vec::as_slice)
    }
    pub fn indicator(
        &self,
        region: RegionIdx,
        indicator: IndicatorIdx,
    ) -> Option<&BTreeMap<i32, Value>> {
        self.indicators.get(&(region, indicator))
    }

    /// Every year an indicator has a value or a plan in a region, in order.
    pub fn indicator_years(&self, region: RegionIdx, i: IndicatorIdx) -> Vec<IndicatorYear<'_>> {
        let values = self.indicator(region, i);
        let plans = self.indicator_plan(region, i);
        let years: std::collections::BTreeSet<i32> = values
            .into_iter()
            .flat_map(|m| m.keys())
            .chain(plans.into_iter().flat_map(|m| m.keys()))
            .copied()
            .collect();
        years
            .into_iter()
            .map(|year| {
                let value = values.and_then(|m| m.get(&year));
                let plan = plans.and_then(|m| m.get(&year)).copied();
                let both = value.zip(plan);
                IndicatorYear {
                    year,
                    value,
                    plan,
                    attainment: both
                        .and_then(|(v, p)| stats::attainment(Some(v.value), Some(p)).value()),
                    plan_gap: both.map(|(v, p)| v.value - p),
                }
            })
            .collect()
    }

    pub fn indicator_plan(
        &self,
        region: RegionIdx,
        indicator: IndicatorIdx,
    ) -> Option<&BTreeMap<i32, f64>> {
        self.indicator_plans.get(&(region, indicator))
    }

    /// An indicator's change from the year before: only when both years have a year-end value
    /// and their bounds allow a difference ("> a" minus "> b" is not known).
    pub fn indicator_change(&self, region: RegionIdx, i: IndicatorIdx, year: i32) -> Option<Value> {
        let values = self.indicator(region, i)?;
        let (now, before) = (values.get(&year)?, values.get(&(year - 1))?);
        if now.partial() || before.partial() {
            return None;
        }
        let qualifier = change_qualifier(now.qualifier, before.qualifier)?;
        Some(Value {
            estimate: now.estimate || before.estimate,
            ..Value::computed(now.value - before.value, qualifier)
        })
    }

    /// Whether the value of a target's metric in a region and year is an estimate.
    pub fn metric_estimate(&self, region: RegionIdx, metric: Metric, year: i32) -> bool {
        match metric {
            Metric::Indicator(i) => self
                .indicator(region, i)
                .and_then(|m| m.get(&year))
                .is_some_and(|v| v.estimate),
            Metric::Series(s, _) => self
                .series_years(region, s)
                .iter()
                .any(|y| y.year == year && y.estimate),
        }
    }

    /// How the value of a target's metric in a region and year is qualified.
    pub fn metric_qualifier(
        &self,
        region: RegionIdx,
        metric: Metric,
        year: i32,
    ) -> Option<Qualifier> {
        match metric {
            Metric::Indicator(i) => self.indicator(region, i)?.get(&year)?.qualifier,
            Metric::Series(s, measure) => {
                let y = self
                    .series_years(region, s)
                    .iter()
                    .find(|y| y.year == year)?;
                if measure == Measure::Value {
                    y.qualifier
                } else {
                    y.change_qualifier
                }
            }
        }
    }

    /// The observed values of a target's metric in a region, by year, with their qualifiers.
    pub fn metric_values(&self, region: RegionIdx, metric: Metric) -> Vec<Observation> {
        match metric {
            Metric::Indicator(i) => self
                .indicator(region, i)
                .map(|m| {
                    // A value taken before its year ended judges no target of that year.
                    m.iter()
                        .filter(|(_, v)| !v.partial())
                        .map(|(y, v)| Observation {
                            year: *y,
                            value: v.value,
                            qualifier: v.qualifier,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            Metric::Series(s, measure) => self
                .series_years(region, s)
                .iter()
                .filter(|y| y.as_of.is_none())
                .filter_map(|y| {
                    let (v, qualifier) = match measure {
                        Measure::Value => (y.actual, y.qualifier),
                        Measure::Growth => (y.growth, y.change_qualifier),
                        Measure::DevelopmentIndex => (y.development_index, y.change_qualifier),
                    };
                    Some(Observation {
                        year: y.year,
                        value: v?,
                        qualifier,
                    })
                })
                .collect(),
        }
    }
}

pub fn compute(site: &Site) -> Computed {
    let mut out = Computed::default();
    let mut warnings = site.warnings.clone();

    // Each region's series and indicators depend on its own figures only: computed on all
    // cores, gathered in region order so that warnings keep their order.
    let per_region: Vec<_> = (0..site.regions.len())
        .into_par_iter()
        .map(|r| {
            let region = RegionIdx(r);
            let mut warnings = Vec::new();
            let series: Vec<_> = (0..site.series.len())
                .map(SeriesIdx)
                .filter_map(|series| {
                    let years = site.figures.by_year(region, series)?;
                    Some((
                        series,
                        series_stats(site, region, series, years, &mut warnings),
                    ))
                })
                .collect();
            let indicators: Vec<_> = (0..site.indicators.len())
                .map(IndicatorIdx)
                .filter_map(|i| {
                    let values = indicator_values(site, region, i, &mut warnings);
                    let plans = indicator_plans(site, region, i);
                    (!values.is_empty() || !plans.is_empty()).then_some((i, values, plans))
                })
                .collect();
            (region, series, indicators, warnings)
        })
        .collect();
    for (region, series, indicators, region_warnings) in per_region {
        for (s, stats) in series {
            out.series.insert((region, s), stats);
        }
        for (i, values, plans) in indicators {
            if !values.is_empty() {
                out.indicators.insert((region, i), values);
            }
            if !plans.is_empty() {
                out.indicator_plans.insert((region, i), plans);
            }
        }
        warnings.extend(region_warnings);
    }

    let as_of = site.figures.latest_actual_year();
    out.as_of = as_of;
    let method = match site.config.progress_method {
        ProgressMethod::Linear => Method::Linear,
        ProgressMethod::Cagr => Method::Cagr,
    };
    out.progress = site
        .plans
        .iter()
        .map(|plan| {
            plan.targets
                .iter()
                .map(|t| {
                    let observed = out.metric_values(t.region, t.metric);
                    let p = progress::assess(
                        &observed,
                        goal(site, t),
                        t.measured_from(plan.base_year),
                        method,
                        as_of,
                    );
                    // A growth rate, a development index, one year of a yearly target: a
                    // trajectory between years says nothing about the year's own figure.
                    if t.judged_in_its_year() {
                        progress::judged_in_its_year(p, t.year)
                    } else {
                        p
                    }
                })
                .collect()
        })
        .collect();
    for (p, plan) in site.plans.iter().enumerate() {
        let mut regions: Vec<RegionIdx> = std::iter::once(plan.region)
            .chain(plan.targets.iter().map(|t| t.region))
            .collect();
        regions.sort();
        regions.dedup();
        for r in regions {
            out.region_plans.entry(r).or_default().push(p);
        }
    }
    for (p, plan) in site.plans.iter().enumerate() {
        for (t, target) in plan.targets.iter().enumerate() {
            out.targets
                .entry((target.region, target.metric))
                .or_default()
                .push((p, t));
            out.region_targets
                .entry(target.region)
                .or_default()
                .push((p, t));
        }
    }
    for list in out
        .targets
        .values_mut()
        .chain(out.region_targets.values_mut())
    {
        list.sort_by_key(|&(p, t)| (site.plans[p].targets[t].year, site.plans[p].slug.clone()));
    }
    warnings.extend(printed::audit(site, &out));
    warnings.extend(base_year::warnings(site, &out));
    warnings.sort();
    warnings.dedup();
    out.warnings = warnings;
    out
}

impl Computed {
    /// Whether a target counts as reached only within the tolerance of an `about` target: the
    /// status says "đạt xấp xỉ".
    pub fn met_approximately(&self, site: &Site, t: &Target, p: &progress::Progress) -> bool {
        p.status == progress::Status::Achieved
            && p.latest
                .is_some_and(|(_, v)| goal(site, t).met_approximately(v))
    }
}

fn goal(site: &Site, t: &Target) -> Goal {
    // `exactly` is judged at the precision the value is shown with.
    let tolerance = match t.metric {
        Metric::Indicator(i) => {
            let ind = site.indicator(i);
            let shown = if ind.unit == Unit::Percent { 2 } else { 0 };
            0.5 * 10f64.powi(-i32::from(ind.decimals) - shown)
        }
        Metric::Series(_, Measure::Value) => 0.5,
        Metric::Series(_, _) => 0.0005,
    };
    Goal {
        tolerance,
        upper: t.value_to,
        about: site.config.about_tolerance,
        higher_is_better: match t.metric {
            Metric::Indicator(i) => site.indicator(i).higher_is_better,
            Metric::Series(..) => true,
        },
        ..Goal::new(t.year, t.value, t.comparison)
    }
}

fn series_stats(
    site: &Site,
    region: RegionIdx,
    series: SeriesIdx,
    years: &BTreeMap<i32, crate::model::Figure>,
    warnings: &mut Vec<Warning>,
) -> Vec<SeriesYear> {
    let mut warn = |r: Ratio, what: &str, fig: &crate::model::Figure, year: i32| {
        if r == Ratio::ZeroDenominator {
            warnings.push(crate::error::Warning {
                pos: fig.pos.clone(),
                message: Text::new(
                    format!(
                        "{what} của `{}` ở `{}` năm {year} có mẫu số bằng 0; không hiện giá trị",
                        site.series(series).id,
                        site.region(region).code
                    ),
                    format!(
                        "{what} of `{}` in `{}` for {year} has a zero denominator; no value is shown",
                        site.series(series).id,
                        site.region(region).code
                    ),
                ),
            });
        }
        r.value()
    };
    years
        .iter()
        .map(|(&year, fig)| {
            let prev_fig = years.get(&(year - 1));
            let prev = prev_fig.and_then(|f| f.actual);
            let attainment = warn(
                stats::attainment(fig.actual, fig.plan),
                "attainment",
                fig,
                year,
            );
            let growth = warn(stats::growth(fig.actual, prev), "growth", fig, year);
            // A change between two lower bounds is not known at all, and a figure taken before
            // the year ended is no year-end figure to compare with the year before.
            let comparable = !fig.partial() && !prev_fig.is_some_and(|f| f.partial());
            let change = change_qualifier(fig.qualifier, prev_fig.and_then(|f| f.qualifier))
                .filter(|_| comparable);
            let (increase, growth, change_qualifier) = match change {
                Some(q) => (stats::increase(fig.actual, prev), growth, q),
                None => (None, None, None),
            };
            let plan_gap = match site.series(series).kind {
                SeriesKind::Percent => fig.actual.zip(fig.plan).map(|(a, p)| a - p),
                SeriesKind::Count => None,
            };
            SeriesYear {
                year,
                qualifier: fig.qualifier,
                change_qualifier,
                actual: fig.actual,
                plan: fig.plan,
                plan_gap,
                as_of: fig.as_of,
                estimate: fig.estimate,
                attainment,
                increase,
                growth,
                development_index: growth.map(|g| g + 1.0),
            }
        })
        .collect()
}

/// The qualifier of a change between two values; none where their bounds leave it unknown
/// ("> a" minus "> b"). A lower bound minus an exact value is a lower bound of the change.
fn change_qualifier(
    now: Option<Qualifier>,
    before: Option<Qualifier>,
) -> Option<Option<Qualifier>> {
    Bound::of(now).less(Bound::of(before)).qualifier()
}

/// An indicator's values in every year where all its inputs have a figure, or a source
/// published it; where both, the recomputed value, and a warning when the published one
/// differs beyond its rounding.
fn indicator_values(
    site: &Site,
    region: RegionIdx,
    indicator: IndicatorIdx,
    warnings: &mut Vec<Warning>,
) -> BTreeMap<i32, Value> {
    let mut out = computed_values(site, region, indicator, warnings);
    let Some(published) = site.published.by_year(region, indicator) else {
        return out;
    };
    for (&year, fig) in published {
        let Some(p) = fig.actual else { continue };
        match out.get_mut(&year) {
            Some(v) => {
                if v.qualifier.is_none() && fig.qualifier.is_none() {
                    if let Some(w) =
                        published_differs(site, region, indicator, year, v.value, p, fig)
                    {
                        warnings.push(w);
                    }
                }
                v.origin = Origin::Both { published: p };
            }
            None => {
                out.insert(
                    year,
                    Value {
                        value: p,
                        qualifier: fig.qualifier,
                        origin: Origin::Published,
                        as_of: fig.as_of,
                        estimate: fig.estimate,
                    },
                );
            }
        }
    }
    out
}

/// A published value that its own figures do not give, at the precision it is printed with.
fn published_differs(
    site: &Site,
    region: RegionIdx,
    i: IndicatorIdx,
    year: i32,
    recomputed: f64,
    published: f64,
    fig: &crate::model::Figure,
) -> Option<Warning> {
    let ind = site.indicator(i);
    let scale = if ind.unit == Unit::Percent {
        100.0
    } else {
        1.0
    };
    let decimals = printed_decimals(published * scale);
    let half = 0.5 * 10f64.powi(-(decimals as i32)) / scale;
    if (recomputed - published).abs() <= half + 1e-9 {
        return None;
    }
    let percent = if scale == 100.0 { "%" } else { "" };
    let show = |v: f64, d: usize, vi: bool| {
        let t = format!("{:.*}{percent}", d, v * scale);
        if vi {
            t.replace('.', ",")
        } else {
            t
        }
    };
    let d = usize::from(ind.decimals);
    let code = &site.region(region).code;
    Some(Warning {
        pos: fig.pos.clone(),
        message: Text::new(
            format!(
                "`{}` của `{code}` năm {year}: nguồn công bố {} nhưng tính lại từ số liệu được {}; trang hiện số tính lại và ghi số công bố bên cạnh. Kiểm tra số liệu hoặc số công bố",
                ind.id,
                show(published, decimals, true),
                show(recomputed, d, true)
            ),
            format!(
                "`{}` of `{code}` in {year}: the source publishes {} but its figures give {}; pages show the recomputed value with the published one beside it. Check the figures or the published value",
                ind.id,
                show(published, decimals, false),
                show(recomputed, d, false)
            ),
        ),
    })
}

/// The decimals a published number was written with (25.8 → 1, 25.80 reads as 25.8).
fn printed_decimals(v: f64) -> usize {
    (0..6)
        .find(|d| {
            let scaled = v * 10f64.powi(*d as i32);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(6)
}

/// The plans of an indicator: those published with its values, else the formula over the
/// plans of its inputs where every input has one (a published rate's plan, `ty_le / 100`).
fn indicator_plans(site: &Site, region: RegionIdx, indicator: IndicatorIdx) -> BTreeMap<i32, f64> {
    let ind = site.indicator(indicator);
    let mut out = BTreeMap::new();
    if let Some(first) = ind
        .inputs
        .first()
        .and_then(|s| site.figures.by_year(region, *s))
    {
        for &year in first.keys() {
            let plan = |s: SeriesIdx| site.figures.get(region, s, year).and_then(|f| f.plan);
            if let Ratio::Value(v) = eval(&ind.formula, &plan) {
                out.insert(year, v);
            }
        }
    }
    for (&year, fig) in site
        .published
        .by_year(region, indicator)
        .into_iter()
        .flatten()
    {
        if let Some(p) = fig.plan {
            out.insert(year, p);
        }
    }
    out
}

/// An indicator's values recomputed in every year where all its inputs have a figure.
fn computed_values(
    site: &Site,
    region: RegionIdx,
    indicator: IndicatorIdx,
    warnings: &mut Vec<Warning>,
) -> BTreeMap<i32, Value> {
    let ind = site.indicator(indicator);
    let mut out = BTreeMap::new();
    // Candidate years: those of the first input; a year missing from it cannot have a value.
    let Some(first) = ind.inputs.first() else {
        return out;
    };
    let Some(years) = site.figures.by_year(region, *first) else {
        return out;
    };
    for &year in years.keys() {
        let value = |s: SeriesIdx| site.figures.actual(region, s, year);
        match eval(&ind.formula, &value) {
            Ratio::Value(v) => {
                let bound = bound::of_formula(&ind.formula, &|s| {
                    Bound::of(site.figures.get(region, s, year).and_then(|f| f.qualifier))
                });
                if let Some(max) = ind.maximum.filter(|m| v > m + 1e-12) {
                    warnings.push(above_maximum(site, region, ind, year, v, max));
                }
                let inputs = || {
                    ind.inputs
                        .iter()
                        .filter_map(|s| site.figures.get(region, *s, year))
                };
                // Inputs whose bounds cancel out give no value rather than a wrong one.
                if let Some(qualifier) = bound.qualifier() {
                    out.insert(
                        year,
                        Value {
                            // The day of the counts taken earliest in the year.
                            as_of: inputs().filter_map(|f| f.as_of).min(),
                            estimate: inputs().any(|f| f.estimate),
                            ..Value::computed(v, qualifier)
                        },
                    );
                }
            }
            Ratio::ZeroDenominator => warnings.push(Warning {
                pos: ind.pos.clone(),
                message: Text::new(
                    format!(
                        "chỉ tiêu `{}` của `{}` năm {year}: mẫu số bằng 0; không hiện giá trị",
                        ind.id,
                        site.region(region).code
                    ),
                    format!(
                        "indicator `{}` for `{}` in {year}: the denominator is zero; no value is shown",
                        ind.id,
                        site.region(region).code
                    ),
                ),
            }),
            Ratio::Missing => {}
        }
    }
    out
}

/// A share above its whole (coverage above 100%): one of the figures it is computed from is
/// wrong. Said at the whole's figure (the labour force of a coverage rate), the one a share
/// above 100% most often points to; else at the first input's.
fn above_maximum(
    site: &Site,
    region: RegionIdx,
    ind: &crate::model::Indicator,
    year: i32,
    value: f64,
    max: f64,
) -> Warning {
    let scale = match ind.unit {
        crate::model::Unit::Percent => 100.0,
        crate::model::Unit::Number => 1.0,
    };
    let percent = if scale == 100.0 { "%" } else { "" };
    let shown = |v: f64| format!("{:.*}", ind.decimals as usize, v * scale);
    let (v, m) = (shown(value), format!("{}", max * scale));
    let code = &site.region(region).code;
    let inputs: Vec<String> = ind
        .inputs
        .iter()
        .map(|&s| {
            let fig = site.figures.actual(region, s, year);
            format!(
                "{} = {}",
                site.series(s).id,
                fig.map_or("?".to_string(), |f| f.to_string())
            )
        })
        .collect();
    let pos = ind
        .formula
        .whole()
        .or(ind.inputs.first().copied())
        .and_then(|s| site.figures.get(region, s, year))
        .map_or(ind.pos.clone(), |f| f.pos.clone());
    Warning {
        pos,
        message: Text::new(
            format!(
                "`{}` của `{code}` năm {year} là {}{percent}, vượt mức tối đa {}{percent}; kiểm tra số liệu ({})",
                ind.id,
                v.replace('.', ","),
                m.replace('.', ","),
                inputs.join(", ")
            ),
            format!(
                "`{}` of `{code}` in {year} is {v}{percent}, above its maximum {m}{percent}; check the figures ({})",
                ind.id,
                inputs.join(", ")
            ),
        ),
    }
}

/// Evaluates a formula with `value` giving each series' figure.
pub fn eval(expr: &Expr, value: &dyn Fn(SeriesIdx) -> Option<f64>) -> Ratio {
    match expr {
        Expr::Number(n) => Ratio::Value(*n),
        Expr::Series(s) => value(*s).map_or(Ratio::Missing, Ratio::Value),
        Expr::Neg(e) => match eval(e, value) {
            Ratio::Value(v) => Ratio::Value(-v),
            other => other,
        },
        Expr::Binary(op, a, b) => {
            let (a, b) = (eval(a, value), eval(b, value));
            match (a, b) {
                (Ratio::ZeroDenominator, _) | (_, Ratio::ZeroDenominator) => Ratio::ZeroDenominator,
                (Ratio::Value(a), Ratio::Value(b)) => match op {
                    Op::Add => Ratio::Value(a + b),
                    Op::Sub => Ratio::Value(a - b),
                    Op::Mul => Ratio::Value(a * b),
                    Op::Div => stats::ratio(Some(a), Some(b)),
                },
                _ => Ratio::Missing,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::formula::parse;

    fn series(name: &str) -> Option<SeriesIdx> {
        ["bhxh_tn", "lao_dong", "bhxh_bb"]
            .iter()
            .position(|s| *s == name)
            .map(SeriesIdx)
    }

    #[test]
    fn evaluates_the_voluntary_eligible_share() {
        let f = parse("bhxh_tn / (lao_dong - bhxh_bb)", &series).unwrap();
        let values = [Some(278.0), Some(49923.0), Some(4844.0)];
        let r = eval(&f, &|s| values[s.0]).value().unwrap();
        assert!((r - 278.0 / 45079.0).abs() < 1e-15);
    }

    #[test]
    fn missing_input_and_zero_denominator() {
        let f = parse("bhxh_tn / (lao_dong - bhxh_bb)", &series).unwrap();
        assert_eq!(
            eval(&f, &|s| [Some(1.0), None, Some(2.0)][s.0]),
            Ratio::Missing
        );
        assert_eq!(
            eval(&f, &|s| [Some(1.0), Some(2.0), Some(2.0)][s.0]),
            Ratio::ZeroDenominator
        );
        // 0 / x is zero, not missing.
        assert_eq!(
            eval(&f, &|s| [Some(0.0), Some(3.0), Some(2.0)][s.0]),
            Ratio::Value(0.0)
        );
    }

    #[test]
    fn changes_from_bounds() {
        use Qualifier::*;
        assert_eq!(change_qualifier(None, None), Some(None));
        // "> 16.000.000" after an exact figure: the rise is at least the difference.
        assert_eq!(change_qualifier(Some(MoreThan), None), Some(Some(MoreThan)));
        // Two lower bounds say nothing of the change.
        assert_eq!(change_qualifier(Some(MoreThan), Some(MoreThan)), None);
        assert_eq!(change_qualifier(Some(About), None), Some(Some(About)));
    }

    #[test]
    fn published_precision() {
        assert_eq!(printed_decimals(25.8), 1);
        assert_eq!(printed_decimals(10.26), 2);
        assert_eq!(printed_decimals(94.0), 0);
    }

    #[test]
    fn values_before_the_year_ended_are_not_compared() {
        let v = Value::computed(0.2, None);
        assert!(!v.partial());
        let at_april = Value {
            as_of: Some(Date {
                year: 2023,
                month: 4,
                day: 30,
            }),
            ..v
        };
        assert!(at_april.partial());
    }
}
