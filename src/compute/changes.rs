//! What an edit of figures changed: the regions whose own pages must be drawn again. Used by
//! the live preview to re-render only what depends on the edit.

use crate::compute::Computed;
use crate::model::{RegionIdx, Site};
use std::collections::HashSet;

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
    let mut changed = HashSet::new();
    for (&(region, series), years) in new.figures.iter() {
        let same = old.figures.by_year(region, series).is_some_and(|before| {
            before.len() == years.len()
                && before
                    .iter()
                    .zip(years)
                    .all(|((y0, f0), (y1, f1))| y0 == y1 && f0.same_as(f1))
        });
        if !same {
            changed.insert(region);
        }
    }
    for (&(region, series), _) in old.figures.iter() {
        if new.figures.by_year(region, series).is_none() {
            changed.insert(region);
        }
    }
    Some(changed)
}
