//! What an edit of figures changed: the regions whose own pages must be drawn again. Used by
//! the live preview to re-render only what depends on the edit.

use crate::compute::Computed;
use crate::fingerprint::Fingerprint;
use crate::model::{Figure, IndicatorIdx, RegionIdx, SeriesIdx, Site};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// The regions whose figures differ between two versions of a site whose regions, series,
/// indicators, plans and theme are the same (only figures files were edited). None when the
/// change reaches every page: another set of regions, or another latest year of data (pages
/// judge targets against it).
pub fn regions_with_new_figures(
    old: (&Site, &Computed),
    new: (&Site, &Computed),
) -> Option<HashSet<RegionIdx>> {
    let ((old, old_computed), (new, new_computed)) = (old, new);
    if old.regions.len() != new.regions.len() || old_computed.as_of != new_computed.as_of {
        return None;
    }
    let series = old.series.len().max(new.series.len());
    let same = |a: Option<&BTreeMap<i32, Figure>>, b: Option<&BTreeMap<i32, Figure>>| match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|((y0, f0), (y1, f1))| y0 == y1 && f0.same_as(f1))
        }
        _ => false,
    };
    let indicators = old.indicators.len().max(new.indicators.len());
    let changed = (0..new.regions.len())
        .into_par_iter()
        .map(RegionIdx)
        .filter(|&region| {
            (0..series).map(SeriesIdx).any(|s| {
                !same(
                    old.figures.by_year(region, s),
                    new.figures.by_year(region, s),
                )
            }) || (0..indicators).map(IndicatorIdx).any(|i| {
                !same(
                    old.published.by_year(region, i),
                    new.published.by_year(region, i),
                )
            })
        })
        .collect();
    Some(changed)
}

/// A fingerprint of each region's figures (every series and year, as pages show them), by
/// region index. A build keeps a region's pages when this and everything else its pages are
/// made from are unchanged.
pub fn region_fingerprints(site: &Site) -> Vec<Fingerprint> {
    let mut per_region = vec![0u128; site.regions.len()];
    // Published indicator values count apart from series: their index is marked.
    let series = site
        .figures
        .iter()
        .map(|((r, s), years)| (r, s.0 as u64, years));
    let published = site
        .published
        .iter()
        .map(|((r, i), years)| (r, (1u64 << 63) | i.0 as u64, years));
    for (region, what, years) in series.chain(published) {
        let mut f = Fingerprint::default();
        f.write(&what.to_le_bytes());
        for (year, fig) in years {
            f.write(&year.to_le_bytes());
            for v in [fig.actual, fig.plan] {
                f.write(&v.map_or([0xff; 8], f64::to_le_bytes));
            }
            f.write(&(fig.source.0 as u64).to_le_bytes());
            f.write(&(fig.plan_source.0 as u64).to_le_bytes());
            f.write_str(&format!("{:?} {:?}", fig.qualifier, fig.as_of));
            f.write(&[u8::from(fig.estimate)]);
            f.write_str(&fig.quote);
            f.write_str(&fig.note);
            f.write(&[u8::from(fig.derived)]);
        }
        // Series come in no particular order: their fingerprints are added, not chained.
        per_region[region.0] = per_region[region.0].wrapping_add(f.value());
    }
    per_region
        .into_iter()
        .map(|v| Fingerprint::of(&v.to_le_bytes()))
        .collect()
}
