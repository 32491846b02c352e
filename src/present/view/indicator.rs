//! An indicator's page: a ranking of the regions of each level, and the indicator over time
//! in the highest levels.

use super::charts::{key, ChartView, Slots};
use super::indicator_block::{indicator_block, IndicatorBlock};
use super::links::{indicator_url, region_link, Link};
use super::names::{formula_words, indicator_name, level_name, level_slug};
use super::sources::{input_sources, SourceRef};
use super::values::{indicator_value, qualified};
use crate::compute::{Computed, Value};
use crate::model::{IndicatorIdx, Level, Metric, Plan, RegionIdx, Site, Target, Unit};
use crate::present::chart::ranking::{ranking_chart, Bar, Ranking};
use crate::present::i18n::Tr;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Serialize)]
pub struct RankGroup {
    pub level: String,
    pub slug: &'static str,
    /// The one year the regions are compared in.
    pub year: i32,
    pub rows: Vec<RankRow>,
    /// Regions of this level with figures, but none for `year`.
    pub without_year: Vec<Link>,
    pub reference: Option<String>,
    pub chart: Option<ChartView>,
}

#[derive(Serialize)]
pub struct RankRow {
    pub rank: usize,
    pub region: Link,
    pub value: String,
    pub former: bool,
    pub sources: Vec<SourceRef>,
}

#[derive(Serialize)]
pub struct IndicatorView {
    pub id: String,
    pub name: String,
    pub name_en: String,
    pub description: String,
    pub formula: String,
    pub formula_text: String,
    pub unit: String,
    pub higher_is_better: bool,
    pub ranking: Vec<RankGroup>,
    pub blocks: Vec<IndicatorBlock>,
}

/// The year most regions of a level have a value in; the latest such year on a tie.
fn ranking_year(values: &[(RegionIdx, &BTreeMap<i32, Value>)]) -> Option<i32> {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for (_, m) in values {
        for y in m.keys() {
            *counts.entry(*y).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))
        .map(|(y, _)| y)
}

/// The target a ranking is read against: one set on the indicator for the unit all the ranked
/// units belong to (the nation for provinces), the first due in or after `year`, else the
/// last one before it. A target of one of the ranked units is its own, not theirs.
fn ranking_reference<'a>(
    site: &'a Site,
    computed: &Computed,
    i: IndicatorIdx,
    year: i32,
    ranked: &[RegionIdx],
) -> Option<(&'a Plan, &'a Target)> {
    let whole = common_parent(site, ranked)?;
    let list = computed.targets.get(&(whole, Metric::Indicator(i)))?;
    let targets: Vec<(&Plan, &Target)> = list
        .iter()
        .map(|&(p, t)| (&site.plans[p], &site.plans[p].targets[t]))
        .collect();
    targets
        .iter()
        .filter(|(_, t)| t.year >= year)
        .min_by_key(|(_, t)| t.year)
        .or_else(|| targets.iter().max_by_key(|(_, t)| t.year))
        .copied()
}

/// The nearest unit every one of `regions` lies within, if there is one.
fn common_parent(site: &Site, regions: &[RegionIdx]) -> Option<RegionIdx> {
    let within = |unit: RegionIdx, mut r: RegionIdx| loop {
        match site.region(r).parent {
            Some(p) if p == unit => return true,
            Some(p) => r = p,
            None => return false,
        }
    };
    let mut candidate = site.region(*regions.first()?).parent?;
    for &r in regions {
        while !within(candidate, r) {
            candidate = site.region(candidate).parent?;
        }
    }
    Some(candidate)
}

pub fn indicator(tr: &Tr, site: &Site, computed: &Computed, i: IndicatorIdx) -> IndicatorView {
    let ind = site.indicator(i);
    let mut slots = Slots::new(indicator_url(site, i));
    let ranking = rankings(tr, site, computed, i, &mut slots);
    let blocks = shown_regions(site, computed, i)
        .into_iter()
        .filter_map(|r| indicator_block(tr, site, computed, r, i, &mut slots))
        .collect();
    IndicatorView {
        id: ind.id.clone(),
        name: indicator_name(tr, site, i),
        name_en: ind.name_en.clone(),
        description: tr.text(&ind.description_vi, &ind.description_en),
        formula: formula_words(tr, site, i),
        formula_text: ind.formula_text.clone(),
        unit: match ind.unit {
            Unit::Percent => tr.t("unit_percent"),
            Unit::Number => tr.t("unit_number"),
        },
        higher_is_better: ind.higher_is_better,
        ranking,
        blocks,
    }
}

/// One ranking per level, in one year: a district is not compared with the nation, nor
/// 2019 with 2024.
fn rankings(
    tr: &Tr,
    site: &Site,
    computed: &Computed,
    i: IndicatorIdx,
    slots: &mut Slots,
) -> Vec<RankGroup> {
    let with_values: Vec<(RegionIdx, &BTreeMap<i32, Value>)> = (0..site.regions.len())
        .map(RegionIdx)
        .filter_map(|r| Some((r, computed.indicator(r, i)?)))
        .collect();
    let mut levels: Vec<Level> = with_values
        .iter()
        .map(|(r, _)| site.region(*r).level)
        .collect();
    levels.sort();
    levels.dedup();
    levels
        .into_iter()
        .filter_map(|level| {
            let at_level: Vec<(RegionIdx, &BTreeMap<i32, Value>)> = with_values
                .iter()
                .filter(|(r, _)| site.region(*r).level == level)
                .copied()
                .collect();
            rank_group(tr, site, computed, i, level, &at_level, slots)
        })
        .collect()
}

/// The ranking of one level's regions, in the year most of them have a value in; None when
/// none has any.
fn rank_group(
    tr: &Tr,
    site: &Site,
    computed: &Computed,
    i: IndicatorIdx,
    level: Level,
    at_level: &[(RegionIdx, &BTreeMap<i32, Value>)],
    slots: &mut Slots,
) -> Option<RankGroup> {
    let year = ranking_year(at_level)?;
    let ranked = ranked(site, i, at_level, year);
    let units: Vec<RegionIdx> = at_level.iter().map(|(r, _)| *r).collect();
    let reference = ranking_reference(site, computed, i, year, &units);
    let reference_label = reference.map(|(p, t)| {
        tr.f(
            "ranking_reference",
            &[
                ("year", &t.year.to_string()),
                ("plan", &tr.name(&p.short_name, &p.short_name_en)),
                ("value", &indicator_value(tr, site, i, t.value)),
            ],
        )
    });
    let mut group = RankGroup {
        level: level_name(tr, level),
        slug: level_slug(level),
        year,
        rows: rank_rows(tr, site, i, year, &ranked),
        without_year: at_level
            .iter()
            .filter(|(_, m)| !m.contains_key(&year))
            .map(|(r, _)| region_link(tr, site, *r))
            .collect(),
        reference: reference_label,
        chart: None,
    };
    // A ranking of one is no ranking: the table says it, without a chart.
    if group.rows.len() >= 2 {
        let reference = reference.map(|(_, t)| t.value);
        group.chart = ranking_chart_view(tr, site, i, &group, &ranked, reference, slots);
    }
    Some(group)
}

/// The regions with a value in `year`, best first.
fn ranked(
    site: &Site,
    i: IndicatorIdx,
    at_level: &[(RegionIdx, &BTreeMap<i32, Value>)],
    year: i32,
) -> Vec<(RegionIdx, Value)> {
    let mut ranked: Vec<(RegionIdx, Value)> = at_level
        .iter()
        .filter_map(|(r, m)| Some((*r, *m.get(&year)?)))
        .collect();
    ranked.sort_by(|a, b| {
        let order = b.1.value.total_cmp(&a.1.value);
        let order = if site.indicator(i).higher_is_better {
            order
        } else {
            order.reverse()
        };
        order.then(a.0.cmp(&b.0))
    });
    ranked
}

/// The rows of a ranking: equal shown values share a rank.
fn rank_rows(
    tr: &Tr,
    site: &Site,
    i: IndicatorIdx,
    year: i32,
    ranked: &[(RegionIdx, Value)],
) -> Vec<RankRow> {
    let mut rows: Vec<RankRow> = Vec::new();
    for (r, v) in ranked {
        let value = qualified(v.qualifier, indicator_value(tr, site, i, v.value));
        let rank = match rows.last() {
            Some(prev) if prev.value == value => prev.rank,
            _ => rows.len() + 1,
        };
        rows.push(RankRow {
            rank,
            region: region_link(tr, site, *r),
            value,
            former: site.region(*r).until.is_some(),
            sources: input_sources(site, *r, i, year),
        });
    }
    rows
}

/// A ranking as bars, with the value of its reference target marked.
fn ranking_chart_view(
    tr: &Tr,
    site: &Site,
    i: IndicatorIdx,
    group: &RankGroup,
    ranked: &[(RegionIdx, Value)],
    reference: Option<f64>,
    slots: &mut Slots,
) -> Option<ChartView> {
    let year = group.year.to_string();
    let title = tr.f(
        "ranking_title",
        &[
            ("name", &indicator_name(tr, site, i)),
            ("year", &year),
            ("level", &group.level),
        ],
    );
    let ranked_words = group
        .rows
        .iter()
        .map(|r| format!("{}. {} {}", r.rank, r.region.name, r.value))
        .collect::<Vec<_>>()
        .join("; ");
    let reference_words = group
        .reference
        .as_ref()
        .map(|l| format!(" {l}."))
        .unwrap_or_default();
    let desc = tr.f(
        "ranking_desc",
        &[
            ("level", &group.level),
            ("rows", &ranked_words),
            ("reference", &reference_words),
        ],
    );
    let mut keys = vec![key(
        "key-actual",
        tr.f("key_ranking_value", &[("year", &year)]),
    )];
    if reference.is_some() {
        keys.push(key("key-target", tr.t("key_ranking_target")));
    }
    let sources = group
        .rows
        .iter()
        .flat_map(|r| r.sources.iter().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let anchor = format!("xep-hang-{}", group.slug);
    slots.chart(&anchor, title, desc, keys, sources, |frame| {
        ranking_chart(&Ranking {
            frame,
            bars: ranked
                .iter()
                .zip(&group.rows)
                .map(|((_, v), row)| Bar {
                    label: row.region.name.clone(),
                    value: v.value,
                    value_label: row.value.clone(),
                    approximate: v.qualifier.is_some(),
                })
                .collect(),
            reference: reference.zip(group.reference.clone()),
        })
    })
}

/// The regions shown over time: those of the two highest levels that have figures (or else
/// targets), and every region with a target; other regions of lower levels are on their own
/// region pages, so that the page does not grow with every commune.
fn shown_regions(site: &Site, computed: &Computed, i: IndicatorIdx) -> Vec<RegionIdx> {
    let candidates: Vec<RegionIdx> = (0..site.regions.len())
        .map(RegionIdx)
        .filter(|r| {
            computed.indicator(*r, i).is_some()
                || computed.targets.contains_key(&(*r, Metric::Indicator(i)))
        })
        .collect();
    // Levels are chosen by their figures: a level with targets only would hide the one level
    // that has data. Without any figure, the levels with targets.
    let with_figures: Vec<RegionIdx> = candidates
        .iter()
        .copied()
        .filter(|r| computed.indicator(*r, i).is_some())
        .collect();
    let level_source = if with_figures.is_empty() {
        &candidates
    } else {
        &with_figures
    };
    let mut shown_levels: Vec<Level> = level_source.iter().map(|r| site.region(*r).level).collect();
    shown_levels.sort();
    shown_levels.dedup();
    shown_levels.truncate(2);
    // A region with a target on the indicator is always shown: its target must appear on the
    // indicator's page even before the region has a figure.
    candidates
        .into_iter()
        .filter(|r| {
            shown_levels.contains(&site.region(*r).level)
                || computed.targets.contains_key(&(*r, Metric::Indicator(i)))
        })
        .collect()
}

impl IndicatorView {
    pub fn charts(&self) -> Vec<&ChartView> {
        let mut out: Vec<&ChartView> = self.ranking.iter().flat_map(|g| &g.chart).collect();
        out.extend(self.blocks.iter().flat_map(|b| &b.chart));
        out
    }

    /// The latest value of the first region shown (the highest level).
    pub fn headline(&self, tr: &Tr) -> Option<(String, String, Option<&ChartView>)> {
        self.blocks.iter().find_map(|b| {
            let row = b.rows.iter().rev().find(|r| r.value.is_some())?;
            Some((
                row.value.clone()?,
                tr.f(
                    "what_in_year",
                    &[("what", &b.region.name), ("year", &row.year.to_string())],
                ),
                b.chart.as_ref(),
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ranking_is_read_against_the_target_of_the_unit_its_units_belong_to() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (site, computed) = crate::cmd::prepare(root).unwrap();
        let code = |c: &str| site.region_by_code(c).unwrap();
        let (vn, quang_tri) = (code("vn"), code("quang-tri"));
        assert_eq!(common_parent(&site, &[code("huong-hoa")]), Some(quang_tri));
        assert_eq!(common_parent(&site, &[quang_tri, code("son-la")]), Some(vn));
        assert_eq!(common_parent(&site, &[vn]), None);
        // Sơn La's own 15% is Sơn La's target, never the line provinces are read against.
        let i = IndicatorIdx(
            site.indicators
                .iter()
                .position(|x| x.id == "bao_phu_bhxh")
                .unwrap(),
        );
        let provinces = [quang_tri, code("son-la"), code("hai-duong")];
        if let Some((_, t)) = ranking_reference(&site, &computed, i, 2020, &provinces) {
            assert_eq!(
                computed.targets[&(vn, Metric::Indicator(i))]
                    .iter()
                    .filter(|&&(p, k)| std::ptr::eq(&site.plans[p].targets[k], t))
                    .count(),
                1,
                "the nation's target"
            );
        }
        assert!(ranking_reference(&site, &computed, i, 2020, &[vn]).is_none());
    }
}
