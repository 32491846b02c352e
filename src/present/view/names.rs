//! What things are called on a page: regions, series, indicators, levels, metrics, formulas.

use crate::model::{IndicatorIdx, Level, Measure, Metric, RegionIdx, SeriesIdx, Site};
use crate::present::i18n::Tr;

pub(super) fn region_name(tr: &Tr, site: &Site, r: RegionIdx) -> String {
    let region = site.region(r);
    tr.name(&region.name_vi, &region.name_en)
}

pub(super) fn series_name(tr: &Tr, site: &Site, s: SeriesIdx) -> String {
    let series = site.series(s);
    tr.name(&series.name_vi, &series.name_en)
}

pub(super) fn indicator_name(tr: &Tr, site: &Site, i: IndicatorIdx) -> String {
    let ind = site.indicator(i);
    tr.name(&ind.name_vi, &ind.name_en)
}

pub(super) fn level_name(tr: &Tr, level: Level) -> String {
    tr.t(match level {
        Level::Nation => "level_nation",
        Level::Province => "level_province",
        Level::District => "level_district",
        Level::Commune => "level_commune",
    })
}

pub(super) fn level_slug(level: Level) -> &'static str {
    match level {
        Level::Nation => "toan-quoc",
        Level::Province => "tinh",
        Level::District => "huyen",
        Level::Commune => "xa",
    }
}

pub fn metric_name(tr: &Tr, site: &Site, metric: Metric) -> String {
    match metric {
        Metric::Indicator(i) => indicator_name(tr, site, i),
        Metric::Series(s, Measure::Value) => series_name(tr, site, s),
        Metric::Series(s, Measure::Growth) => {
            tr.f("growth_of", &[("name", &series_name(tr, site, s))])
        }
        Metric::Series(s, Measure::DevelopmentIndex) => {
            tr.f("index_of", &[("name", &series_name(tr, site, s))])
        }
    }
}

/// The formula with each series id replaced by its name.
pub fn formula_words(tr: &Tr, site: &Site, i: IndicatorIdx) -> String {
    let ind = site.indicator(i);
    let mut text = ind.formula_text.clone();
    // Longest ids first, so that `bhxh_tn` is not read as `bhxh` + `_tn`.
    let mut inputs = ind.inputs.clone();
    inputs.sort_by_key(|s| std::cmp::Reverse(site.series(*s).id.len()));
    let mut names = Vec::new();
    for (n, s) in inputs.iter().enumerate() {
        let placeholder = format!("\u{1}{n}\u{1}");
        text = replace_word(&text, &site.series(*s).id, &placeholder);
        names.push((placeholder, series_name(tr, site, *s)));
    }
    for (placeholder, name) in names {
        text = text.replace(&placeholder, &format!("[{name}]"));
    }
    text.replace('*', "×").replace('/', "÷")
}

fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(word) {
        let before_ok = rest[..i]
            .chars()
            .last()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let after = &rest[i + word.len()..];
        let after_ok = after
            .chars()
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        out.push_str(&rest[..i]);
        out.push_str(if before_ok && after_ok { with } else { word });
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_word_respects_boundaries() {
        assert_eq!(replace_word("bhxh_tn / bhxh", "bhxh", "X"), "bhxh_tn / X");
    }
}
