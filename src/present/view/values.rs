//! How values are written on pages: figures, indicator values and changes, qualified numbers.

use crate::model::{IndicatorIdx, Measure, Metric, Qualifier, SeriesIdx, SeriesKind, Site, Unit};
use crate::present::format;
use crate::present::i18n::Tr;

/// How a value of `metric` is written.
pub fn metric_value(tr: &Tr, site: &Site, metric: Metric, v: f64) -> String {
    match metric {
        Metric::Indicator(i) => indicator_value(tr, site, i, v),
        Metric::Series(s, Measure::Value) => series_value(tr, site, s, v),
        Metric::Series(_, _) => format::percent(v, 2, tr.lang),
    }
}

pub(super) fn indicator_value(tr: &Tr, site: &Site, i: IndicatorIdx, v: f64) -> String {
    let (n, decimals) = indicator_number(site, i, v);
    match site.indicator(i).unit {
        Unit::Percent => format!("{}%", format::number(n, decimals, tr.lang)),
        Unit::Number => format::number(n, decimals, tr.lang),
    }
}

/// An indicator's value as pages write it: in percent for rates, and the decimals kept.
/// Data downloads use the same pair, so that they hold the numbers the page shows.
pub fn indicator_number(site: &Site, i: IndicatorIdx, v: f64) -> (f64, usize) {
    let ind = site.indicator(i);
    // A rate that restates published percentages keeps their precision: 24,8%, not 24,80%.
    let published = ind
        .inputs
        .iter()
        .all(|s| site.series(*s).kind == SeriesKind::Percent);
    let decimals = usize::from(ind.decimals);
    match ind.unit {
        Unit::Percent if published => (v * 100.0, natural_decimals(v * 100.0, decimals)),
        Unit::Percent => (v * 100.0, decimals),
        Unit::Number => (v, decimals),
    }
}

/// A value of an indicator as pages and downloads write it: one known only as published keeps
/// the precision it was published with (94,0% is not 94,00%).
pub fn indicator_value_number(
    site: &Site,
    i: IndicatorIdx,
    v: &crate::compute::Value,
) -> (f64, usize) {
    let (n, decimals) = indicator_number(site, i, v.value);
    match v.origin {
        crate::compute::Origin::Published => (n, natural_decimals(n, decimals)),
        _ => (n, decimals),
    }
}

/// [`indicator_value_number`] with its unit, qualified.
pub(super) fn indicator_value_text(
    tr: &Tr,
    site: &Site,
    i: IndicatorIdx,
    v: &crate::compute::Value,
) -> String {
    let (n, decimals) = indicator_value_number(site, i, v);
    let text = match site.indicator(i).unit {
        Unit::Percent => format!("{}%", format::number(n, decimals, tr.lang)),
        Unit::Number => format::number(n, decimals, tr.lang),
    };
    qualified(v.qualifier, text)
}

/// A change of an indicator: percentage points for rates.
pub(super) fn indicator_change(tr: &Tr, site: &Site, i: IndicatorIdx, c: f64) -> String {
    let (n, decimals) = indicator_change_number(site, i, c);
    match site.indicator(i).unit {
        Unit::Percent => tr.f(
            "points",
            &[("value", &format::signed(n, decimals, tr.lang))],
        ),
        Unit::Number => format::signed(n, decimals, tr.lang),
    }
}

/// A change of an indicator as pages write it: percentage points for rates.
pub fn indicator_change_number(site: &Site, i: IndicatorIdx, c: f64) -> (f64, usize) {
    let ind = site.indicator(i);
    match ind.unit {
        Unit::Percent => (c * 100.0, ind.decimals.into()),
        Unit::Number => (c, ind.decimals.into()),
    }
}

pub(super) fn series_value(tr: &Tr, site: &Site, s: SeriesIdx, v: f64) -> String {
    match site.series(s).kind {
        SeriesKind::Count => format::count(v, tr.lang),
        SeriesKind::Percent => format!("{}%", format::number(v, natural_decimals(v, 2), tr.lang)),
    }
}

/// The fewest decimals (up to `max`) that show `v` exactly: 24.8 → 1, 33.77 → 2.
pub(super) fn natural_decimals(v: f64, max: usize) -> usize {
    (0..max)
        .find(|d| {
            let scaled = v * 10f64.powi(*d as i32);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(max)
}

pub(super) fn qualified(q: Option<Qualifier>, text: String) -> String {
    match q {
        Some(Qualifier::About) => format!("≈ {text}"),
        Some(Qualifier::MoreThan) => format!("> {text}"),
        Some(Qualifier::LessThan) => format!("< {text}"),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_decimals_keep_the_source_precision() {
        assert_eq!(natural_decimals(24.8, 2), 1);
        assert_eq!(natural_decimals(33.77, 2), 2);
        assert_eq!(natural_decimals(90.0, 2), 0);
    }
}
