//! Where figures come from: the sources pages cite for them, and the notes they carry.

use super::names::series_name;
use crate::model::{IndicatorIdx, Measure, Metric, RegionIdx, SeriesIdx, Site, SourceIdx};
use crate::present::i18n::Tr;
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Serialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceRef {
    pub id: String,
    pub title: String,
    pub url: String,
}

pub(super) fn source_ref(site: &Site, s: SourceIdx) -> SourceRef {
    let src = site.source(s);
    SourceRef {
        id: src.id.clone(),
        title: src.title.clone(),
        url: src.url.clone(),
    }
}

/// What a figure's note says: a summed total says so, in the page's language, then the
/// editor's note.
pub(super) fn figure_note(
    tr: &Tr,
    site: &Site,
    s: SeriesIdx,
    fig: &crate::model::Figure,
) -> String {
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
pub(super) fn metric_sources(
    site: &Site,
    region: RegionIdx,
    metric: Metric,
    year: i32,
) -> Vec<SourceRef> {
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
    let published = site.published.get(region, i, year);
    let sources: BTreeSet<SourceRef> = site
        .indicator(i)
        .inputs
        .iter()
        .filter_map(|s| site.figures.get(region, *s, year))
        .chain(published)
        .flat_map(|f| {
            let plan = f.plan.is_some().then_some(f.plan_source);
            std::iter::once(f.source).chain(plan)
        })
        .map(|s| source_ref(site, s))
        .collect();
    sources.into_iter().collect()
}
