//! Targets as pages show them: each with its progress and status, the targets a page picks,
//! the progress chart of a list of them, and how many have each status.

use super::charts::{self, ChartView, Slots};
use super::links::{indicator_url, plan_url, region_link, Link};
use super::names::metric_name;
use super::sources::{metric_sources, SourceRef};
use super::values::{metric_value, qualified};
use crate::compute::progress::{Progress, Status, Unjudged};
use crate::compute::Computed;
use crate::load::config::ProgressMethod;
use crate::model::Qualifier;
use crate::model::{
    Comparison, Measure, Metric, Plan, RegionIdx, SeriesKind, Site, Span, Target, Unit,
};
use crate::present::format;
use crate::present::i18n::Tr;
use serde::Serialize;
use std::collections::BTreeSet;

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

#[derive(Serialize)]
pub struct TargetView {
    pub plan: Link,
    pub metric: String,
    pub metric_url: Option<String>,
    pub region: Link,
    pub year: i32,
    /// For one year of a yearly target, or a period's target: which ("giai đoạn 2021–2025").
    pub span: Option<String>,
    pub target: String,
    pub printed: String,
    pub latest: Option<String>,
    pub latest_year: Option<i32>,
    pub latest_sources: Vec<SourceRef>,
    pub base_sources: Vec<SourceRef>,
    /// When the outcome is not known, what the trajectory before it said.
    pub trend_label: Option<String>,
    pub base: Option<String>,
    /// Why progress is measured from another year than the document's base year.
    pub base_note: Option<String>,
    pub gap: Option<String>,
    pub status: &'static str,
    pub status_label: String,
    pub status_symbol: &'static str,
    pub cagr_ratio: Option<String>,
    pub linear_ratio: Option<String>,
    /// Both ratios in words, with the qualifier of the figures they come from: "R > 0,41".
    pub ratios: Option<String>,
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
    let value = metric_value(tr, site, t.metric, t.value);
    let target = match t.comparison {
        Comparison::AtLeast => format!("≥ {value}"),
        Comparison::AtMost => format!("≤ {value}"),
        Comparison::Exactly => format!("= {value}"),
        Comparison::MoreThan => format!("> {value}"),
        Comparison::LessThan => format!("< {value}"),
        Comparison::About => format!("≈ {value}"),
        Comparison::Between => format!(
            "{value} – {}",
            metric_value(tr, site, t.metric, t.value_to.unwrap_or(t.value))
        ),
    };
    let covered = charts::covered(t, p, plan.base_year, site.config.progress_method);
    // The ratios and the share covered carry what the figures they come from leave known.
    let bound = p.ratio_bound.qualifier().flatten();
    let ratio = |r: Option<f64>| r.map(|r| qualified(bound, format::number(r, 2, tr.lang)));
    let (status, status_label, status_symbol) = target_status(tr, site, computed, t, p);
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
        span: span_text(tr, t),
        target,
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
        trend_label: trend_label(tr, site, p),
        latest_sources: p
            .latest
            .map(|(y, _)| metric_sources(site, t.region, t.metric, y))
            .unwrap_or_default(),
        base: p
            .base
            .map(|(y, v)| format!("{} ({y})", metric_value(tr, site, t.metric, v))),
        base_note: base_note(tr, computed, plan, t, p),
        gap: gap(tr, site, computed, t, p),
        status,
        status_label,
        status_symbol,
        cagr_ratio: ratio(p.cagr_ratio),
        linear_ratio: ratio(p.linear_ratio),
        ratios: (p.cagr_ratio.is_some() || p.linear_ratio.is_some()).then(|| {
            tr.f(
                if bound.is_some() {
                    "ratios_qualified"
                } else {
                    "ratios"
                },
                &[
                    ("r", &ratio(p.cagr_ratio).unwrap_or_else(|| "—".into())),
                    (
                        "linear",
                        &ratio(p.linear_ratio).unwrap_or_else(|| "—".into()),
                    ),
                ],
            )
        }),
        covered: covered.map(|(share, _)| qualified(bound, charts::covered_label(tr, share))),
        elapsed: covered.map(|(_, e)| charts::covered_label(tr, e)),
    }
}

/// A target's status (key, words, symbol); a status that cannot be measured says why: no
/// data, a figure of the target's year that cannot decide, or no figure of that year yet.
fn target_status(
    tr: &Tr,
    site: &Site,
    computed: &Computed,
    t: &Target,
    p: &Progress,
) -> (&'static str, String, &'static str) {
    let (status, label, symbol) = status_label(tr, p.status);
    if computed.met_approximately(site, t, p) {
        return (status, tr.t("status_achieved_approximately"), symbol);
    }
    let year = t.year.to_string();
    // The figure that cannot decide: the target year's, or the latest a trend would start from.
    let judged_on = p.latest.map_or(t.year, |(y, _)| y).to_string();
    let label = match p.unjudged(t.year, computed.as_of) {
        Some(Unjudged::NoData) => tr.t("no_data"),
        Some(Unjudged::Undetermined) => tr.f("undetermined_year", &[("year", &judged_on)]),
        Some(Unjudged::NoFigureForYear) => tr.f("no_data_year", &[("year", &year)]),
        Some(Unjudged::TooFewFigures) | None => label,
    };
    (status, label, symbol)
}

/// When the outcome is not known, what the trajectory before it said, on the path the site's
/// progress method assumes.
fn trend_label(tr: &Tr, site: &Site, p: &Progress) -> Option<String> {
    let trend = match site.config.progress_method {
        ProgressMethod::Cagr => p.cagr_status,
        ProgressMethod::Linear => p.linear_status,
    };
    match (p.status, trend) {
        (
            Status::NotMeasurable,
            Status::OnTrack | Status::AccelerationNeeded | Status::Limited | Status::MovingAway,
        ) => Some(status_label(tr, trend).1),
        _ => None,
    }
}

/// How far the latest figure is from a target not achieved: percentage points for rates.
/// How far the latest value still is from the target: a distance, never signed (a shortfall
/// written "+2,64" reads as a gain); "reached" once the target is.
fn gap(tr: &Tr, site: &Site, computed: &Computed, t: &Target, p: &Progress) -> Option<String> {
    if matches!(p.status, Status::Achieved) {
        return Some(tr.t("gap_reached"));
    }
    let (year, v) = p.latest?;
    let distance = (t.value - v).abs();
    // From "≈ 25,8%" the distance is about as far; from "> L" below the target it is less.
    let below = v < t.value;
    let qualifier = computed
        .metric_qualifier(t.region, t.metric, year)
        .map(|q| match (q, below) {
            (Qualifier::About, _) => Qualifier::About,
            (Qualifier::MoreThan, true) | (Qualifier::LessThan, false) => Qualifier::LessThan,
            (Qualifier::MoreThan, false) | (Qualifier::LessThan, true) => Qualifier::MoreThan,
        });
    Some(qualified(qualifier, distance_text(tr, site, t, distance)))
}

/// When the trend is measured from another year than the document's base year, why: the base
/// year has no figure, or its figure is the latest and a trend needs an earlier one.
fn base_note(
    tr: &Tr,
    computed: &Computed,
    plan: &Plan,
    t: &Target,
    p: &Progress,
) -> Option<String> {
    let (used, _) = p.base?;
    let asked = t.measured_from(plan.base_year)?;
    if used == asked {
        return None;
    }
    let has_figure = computed
        .metric_values(t.region, t.metric)
        .iter()
        .any(|o| o.year == asked);
    // A period's progress starts the year before it, unless the target gives its own base year.
    let period = t.base_year.is_none() && matches!(t.span, Span::Period { .. });
    let key = match (has_figure, p.latest) {
        (true, Some((latest, _))) if latest == asked && period => "base_note_period_latest",
        (true, Some((latest, _))) if latest == asked => "base_note_latest",
        (true, _) => return None,
        (false, _) if period => "base_note_period_missing",
        (false, _) => "base_note_missing",
    };
    Some(tr.f(
        key,
        &[("asked", &asked.to_string()), ("year", &used.to_string())],
    ))
}

/// Which yearly target a year belongs to, or which period a target is for.
fn span_text(tr: &Tr, t: &Target) -> Option<String> {
    match t.span {
        Span::Year => None,
        Span::EveryYear { from, to } => Some(tr.f(
            "span_every_year",
            &[("from", &from.to_string()), ("to", &to.to_string())],
        )),
        Span::Period { from } => Some(tr.f(
            "span_period",
            &[("from", &from.to_string()), ("to", &t.year.to_string())],
        )),
    }
}

/// A distance to a target in its metric's words: a count, or points of a percentage.
fn distance_text(tr: &Tr, site: &Site, t: &Target, distance: f64) -> String {
    match t.metric {
        Metric::Series(s, Measure::Value) if site.series(s).kind == SeriesKind::Count => {
            format::count(distance, tr.lang)
        }
        Metric::Indicator(i) if site.indicator(i).unit == Unit::Percent => tr.f(
            "points",
            &[(
                "value",
                &format::number(distance * 100.0, site.indicator(i).decimals.into(), tr.lang),
            )],
        ),
        Metric::Series(_, Measure::Growth | Measure::DevelopmentIndex) => tr.f(
            "points",
            &[("value", &format::number(distance * 100.0, 2, tr.lang))],
        ),
        m => metric_value(tr, site, m, distance),
    }
}

/// Targets set on `metric` for `region`, across all plans, by year.
pub(super) fn targets_for<'a>(
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

/// The target on `metric` for `region` a reader looks at next: the first due in or after the
/// latest year of the data, else the last one.
pub(super) fn next_target(
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
pub struct StatusCount {
    pub status: &'static str,
    pub label: String,
    pub symbol: &'static str,
    pub count: usize,
}

/// The progress chart of a list of targets (plan, target): those a share of the way can be
/// measured for.
pub(super) fn progress_chart(
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
            share_label: view
                .covered
                .clone()
                .unwrap_or_else(|| charts::covered_label(tr, share)),
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

/// A status as badges count it: the status, whether only approximately, why not judged.
type StatusKey = (Status, bool, Option<Unjudged>);

/// How many targets have each status, in the order of [`Status`]; targets not judged are
/// counted by why, as their rows say it.
pub(super) fn status_counts(
    tr: &Tr,
    site: &Site,
    computed: &Computed,
    targets: &[Target],
    progress: &[Progress],
) -> Vec<StatusCount> {
    let mut counts: Vec<(StatusKey, usize)> = Vec::new();
    for (t, p) in targets.iter().zip(progress) {
        let approximately = computed.met_approximately(site, t, p);
        let key = (p.status, approximately, p.unjudged(t.year, computed.as_of));
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some(c) => c.1 += 1,
            None => counts.push((key, 1)),
        }
    }
    counts.sort();
    counts
        .into_iter()
        .map(|((s, approximately, why), count)| {
            let (status, label, symbol) = status_label(tr, s);
            let label = match why {
                _ if approximately => tr.t("status_achieved_approximately"),
                Some(Unjudged::NoData) => tr.t("no_data"),
                Some(Unjudged::Undetermined) => tr.t("status_undetermined"),
                Some(Unjudged::NoFigureForYear) => tr.t("status_no_figure_for_year"),
                Some(Unjudged::TooFewFigures) | None => label,
            };
            StatusCount {
                status,
                label,
                symbol,
                count,
            }
        })
        .collect()
}
