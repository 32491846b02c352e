//! The home page: the headline region's latest figures, the plans, the regions and the
//! indicators.

use super::links::{indicator_url, plan_url, region_link, region_url, Link};
use super::names::{indicator_name, level_name, series_name};
use super::sources::{figure_note, input_sources, source_ref, SourceRef};
use super::targets::{next_target, status_counts, StatusCount, TargetView};
use super::values::{indicator_change, indicator_value, qualified, series_value};
use crate::compute::Computed;
use crate::model::{IndicatorIdx, Level, Measure, Metric, RegionIdx, SeriesIdx, SeriesKind, Site};
use crate::present::chart::sparkline::sparkline;
use crate::present::chart::Frame;
use crate::present::format;
use crate::present::i18n::Tr;
use serde::Serialize;

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
        let id = format!("spark-{}", headlines.len() + 1);
        headlines.extend(series_headline(tr, site, computed, nation, s, id));
    }
    for i in (0..site.indicators.len()).map(IndicatorIdx) {
        let id = format!("spark-{}", headlines.len() + 1);
        headlines.extend(indicator_headline(tr, site, computed, nation, i, id));
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
            status_counts: status_counts(tr, site, computed, &p.targets, progress),
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

/// The headline of a count in the headline region: its latest figure, the change from the
/// year before, its course and its next target; None without any figure. `id` names its
/// sparkline.
fn series_headline(
    tr: &Tr,
    site: &Site,
    computed: &Computed,
    nation: RegionIdx,
    s: SeriesIdx,
    id: String,
) -> Option<Headline> {
    let years = computed.series_years(nation, s);
    let last = years.iter().rev().find(|y| y.actual.is_some())?;
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
    Some(Headline {
        target: next_target(
            tr,
            site,
            computed,
            nation,
            Metric::Series(s, Measure::Value),
        ),
        sparkline: headline_sparkline(tr, id, &series_name(tr, site, s), &points, &history),
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
    })
}

/// The headline of an indicator in the headline region: its latest value, the change from the
/// year before, its course and its next target; None without any value. `id` names its
/// sparkline.
fn indicator_headline(
    tr: &Tr,
    site: &Site,
    computed: &Computed,
    nation: RegionIdx,
    i: IndicatorIdx,
    id: String,
) -> Option<Headline> {
    let values = computed.indicator(nation, i)?;
    let (&year, &v) = values.iter().next_back()?;
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
    Some(Headline {
        target: next_target(tr, site, computed, nation, Metric::Indicator(i)),
        sparkline: headline_sparkline(tr, id, &indicator_name(tr, site, i), &points, &history),
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
    })
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
