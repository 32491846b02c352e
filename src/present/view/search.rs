//! The search page: everything search finds, with the folded words it is found by.

use super::links::{indicator_url, plan_url, region_url};
use super::names::level_name;
use crate::model::{IndicatorIdx, RegionIdx, Site};
use crate::present::i18n::Tr;
use serde::Serialize;

/// One thing search can find.
#[derive(Serialize)]
pub struct SearchItem {
    pub name: String,
    pub url: String,
    /// What it is: "Huyện", "Chỉ tiêu", "Kế hoạch"…, with "former unit" where it applies.
    pub kind: String,
    /// Folded (lower case, no diacritics) words it is found by: both languages' names, code.
    pub keys: String,
}

/// Everything search finds: regions (by level), indicators, plans. It is both the list page
/// shown without JavaScript and, through each item's folded keys, the index the script
/// searches.
#[derive(Serialize)]
pub struct SearchView {
    pub items: Vec<SearchItem>,
}

pub fn search(tr: &Tr, site: &Site) -> SearchView {
    let keys = |words: &[&str]| {
        let mut k: Vec<String> = words
            .iter()
            .filter(|w| !w.is_empty())
            .map(|w| crate::text::fold(w))
            .collect();
        k.dedup();
        k.join(" ")
    };
    let mut items = Vec::new();
    let mut regions: Vec<RegionIdx> = (0..site.regions.len()).map(RegionIdx).collect();
    regions.sort_by_key(|r| (site.region(*r).level, site.region(*r).until.is_some(), r.0));
    for r in regions {
        let region = site.region(r);
        let mut kind = level_name(tr, region.level).to_string();
        if let Some(until) = region.until {
            kind = tr.f(
                "former_until",
                &[("kind", &kind), ("date", &tr.date(until))],
            );
        }
        items.push(SearchItem {
            name: tr.name(&region.name_vi, &region.name_en),
            url: region_url(site, r),
            kind,
            keys: keys(&[&region.name_vi, &region.name_en, &region.code]),
        });
    }
    for (i, ind) in site.indicators.iter().enumerate() {
        items.push(SearchItem {
            name: tr.name(&ind.name_vi, &ind.name_en),
            url: indicator_url(site, IndicatorIdx(i)),
            kind: tr.t("kind_indicator"),
            keys: keys(&[&ind.name_vi, &ind.name_en, &ind.id]),
        });
    }
    for plan in &site.plans {
        items.push(SearchItem {
            name: tr.name(&plan.title, &plan.title_en),
            url: plan_url(plan),
            kind: tr.t("kind_plan"),
            keys: keys(&[&plan.title, &plan.title_en, &plan.number, &plan.short_name]),
        });
    }
    SearchView { items }
}
