//! A region's page: its place among regions, its series and indicators, and the targets set
//! for it.

use super::charts::{ChartView, Slots};
use super::indicator_block::{indicator_block, IndicatorBlock};
use super::links::{plan_url, region_link, region_url, Link};
use super::names::{level_name, region_name};
use super::series_block::{series_block, SeriesBlock};
use super::targets::{progress_chart, target_view, TargetView};
use crate::compute::Computed;
use crate::model::{IndicatorIdx, RegionIdx, SeriesIdx, SeriesKind, Site};
use crate::present::i18n::Tr;
use serde::Serialize;

#[derive(Serialize)]
pub struct RegionView {
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub level: String,
    /// The GSO code, empty when not given.
    pub gso: String,
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
        // Rates reach the page through the indicators that read them; one no indicator reads
        // gets a block of its own, so that no figure is left out.
        .filter(|s| {
            site.series(*s).kind == SeriesKind::Count
                || !site.indicators.iter().any(|i| i.inputs.contains(s))
        })
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
        gso: region.gso.clone(),
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
                let row = b.rows.iter().rev().find(|r| r.value.is_some())?;
                Some((
                    row.value.clone()?,
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
