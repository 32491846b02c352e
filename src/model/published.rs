//! Indicator values as sources publish them (`indicator = "bao_phu_bhxh"`, `value = 25.8`):
//! rates reported without the counts behind them, kept apart from the figures they would be
//! recomputed from.

use super::figure::{Figure, Figures};
use super::{IndicatorIdx, RegionIdx, SeriesIdx};
use std::collections::BTreeMap;

/// Published indicator values by region and indicator, then by year. Values of percent
/// indicators are held as ratios (25,8% as 0.258), as the formulas compute them.
#[derive(Debug, Default)]
pub struct Published(Figures);

impl Published {
    pub(super) fn new(values: Figures) -> Published {
        Published(values)
    }
    /// A region's published values of one indicator, by year.
    pub fn by_year(&self, region: RegionIdx, i: IndicatorIdx) -> Option<&BTreeMap<i32, Figure>> {
        self.0.by_year(region, SeriesIdx(i.0))
    }
    pub fn get(&self, region: RegionIdx, i: IndicatorIdx, year: i32) -> Option<&Figure> {
        self.by_year(region, i)?.get(&year)
    }
    /// Every region and indicator with published values, regions in order.
    pub fn iter(
        &self,
    ) -> impl Iterator<Item = ((RegionIdx, IndicatorIdx), &BTreeMap<i32, Figure>)> {
        self.0
            .iter()
            .map(|((r, s), years)| ((r, IndicatorIdx(s.0)), years))
    }
}
