//! Addresses of the site's pages, and links to them as pages show them.

use super::names::region_name;
use crate::model::{IndicatorIdx, Plan, RegionIdx, Site};
use crate::present::i18n::Tr;
use serde::Serialize;

pub fn region_url(site: &Site, r: RegionIdx) -> String {
    format!("vung/{}/", site.region(r).code)
}
pub fn indicator_url(site: &Site, i: IndicatorIdx) -> String {
    format!("chi-tieu/{}/", site.indicator(i).id)
}
pub fn plan_url(plan: &Plan) -> String {
    format!("ke-hoach/{}/", plan.slug)
}
pub fn page_url(page: &crate::model::Page) -> String {
    format!("{}/", page.slug)
}
pub const METHODOLOGY_URL: &str = "phuong-phap/";
pub const SEARCH_URL: &str = "tim-kiem/";

#[derive(Serialize, Clone)]
pub struct Link {
    pub name: String,
    pub url: String,
}

pub(super) fn region_link(tr: &Tr, site: &Site, r: RegionIdx) -> Link {
    Link {
        name: region_name(tr, site, r),
        url: region_url(site, r),
    }
}
