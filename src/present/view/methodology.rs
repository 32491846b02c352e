//! The methodology page: how progress is judged, every indicator's formula, every source.

use super::links::{indicator_url, plan_url, Link};
use super::names::{formula_words, indicator_name};
use super::printed::{printed_rows, PrintedRow};
use super::targets::{status_label, StatusCount};
use crate::compute::progress::{self, Status};
use crate::compute::Computed;
use crate::load::config::ProgressMethod;
use crate::model::{IndicatorIdx, Site};
use crate::present::format;
use crate::present::i18n::Tr;
use serde::Serialize;

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
    /// The page of the plan whose document the source is, when it has no web address.
    pub document: Option<Link>,
    /// The sentences figures were read in, each once: the source's own, then its figures'.
    pub quotes: Vec<String>,
    /// The figures the source prints, against the data.
    pub printed: Vec<PrintedRow>,
}

#[derive(Serialize)]
pub struct MethodologyView {
    pub method: &'static str,
    /// The last year with any figure: how far the site's data reach.
    pub as_of: Option<i32>,
    pub on_track: String,
    pub acceleration_needed: String,
    /// How close an `about` target must be reached, in percent of its value.
    pub about_tolerance: String,
    pub indicators: Vec<MethodIndicator>,
    pub sources: Vec<SourceView>,
    pub statuses: Vec<StatusCount>,
}

pub fn methodology(tr: &Tr, site: &Site, computed: &Computed) -> MethodologyView {
    let mut quotes = source_quotes(site);
    MethodologyView {
        as_of: computed.as_of,
        method: match site.config.progress_method {
            ProgressMethod::Linear => "linear",
            ProgressMethod::Cagr => "cagr",
        },
        on_track: format::number(progress::ON_TRACK, 2, tr.lang),
        acceleration_needed: format::number(progress::ACCELERATION_NEEDED, 2, tr.lang),
        about_tolerance: format::number(site.config.about_tolerance * 100.0, 1, tr.lang),
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
            .enumerate()
            .map(|(i, s)| SourceView {
                id: s.id.clone(),
                title: s.title.clone(),
                publisher: s.publisher.clone(),
                url: s.url.clone(),
                note: s.note.clone(),
                quotes: std::mem::take(&mut quotes[i]),
                document: site
                    .plans
                    .iter()
                    .find(|p| !s.document.is_empty() && p.slug == s.document)
                    .map(|p| Link {
                        name: tr.name(&p.short_name, &p.short_name_en),
                        url: plan_url(p),
                    }),
                printed: printed_rows(tr, site, computed, &s.printed),
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

/// Every source's quoted sentences, each once, in the order figures are walked: one pass over
/// the figures, whatever their number.
fn source_quotes(site: &Site) -> Vec<Vec<String>> {
    let mut quotes: Vec<Vec<String>> = site
        .sources
        .iter()
        .map(|s| {
            if s.quote.is_empty() {
                Vec::new()
            } else {
                vec![s.quote.clone()]
            }
        })
        .collect();
    let mut seen: Vec<std::collections::HashSet<String>> =
        quotes.iter().map(|q| q.iter().cloned().collect()).collect();
    let figures = site
        .figures
        .iter()
        .flat_map(|(_, years)| years.values())
        .chain(site.published.iter().flat_map(|(_, years)| years.values()));
    for f in figures {
        if f.quote.is_empty() {
            continue;
        }
        let s = f.source.0;
        if seen[s].insert(f.quote.clone()) {
            quotes[s].push(f.quote.clone());
        }
    }
    quotes
}
