//! Printed figures as a page or a source shows their audit: the figure as printed, what the data
//! give for it, and whether the two agree.

use super::links::{region_link, Link};
use super::names::{indicator_name, series_name};
use super::values::natural_decimals;
use crate::compute::printed::{check, Verdict};
use crate::compute::Computed;
use crate::model::{Printed, PrintedMeasure, PrintedOf, SeriesKind, Site, Unit};
use crate::present::format;
use crate::present::i18n::Tr;
use serde::Serialize;

/// One printed figure against the data.
#[derive(Serialize)]
pub struct PrintedRow {
    /// What the figure states: "Tốc độ tăng: Số người tham gia BHXH".
    pub metric: String,
    pub region: Link,
    pub year: i32,
    /// Exactly as printed, in Vietnamese style whatever the page's language.
    pub printed: String,
    /// What the data give, in the page's language; none when they cannot check it.
    pub data: Option<String>,
    /// `agrees`, `differs` or `unchecked`.
    pub verdict: &'static str,
    pub verdict_label: String,
    pub verdict_symbol: &'static str,
    /// The status style the verdict is drawn in.
    pub status: &'static str,
}

/// The audit rows of a page's or a source's printed figures, in the order written.
pub fn printed_rows(
    tr: &Tr,
    site: &Site,
    computed: &Computed,
    printed: &[Printed],
) -> Vec<PrintedRow> {
    printed
        .iter()
        .map(|p| {
            let audit = check(site, computed, p);
            let (verdict, key, symbol, status) = match audit.verdict {
                Verdict::Agrees => ("agrees", "printed_agrees", "✓", "achieved"),
                Verdict::Differs => ("differs", "printed_differs", "✗", "missed"),
                Verdict::Unchecked => ("unchecked", "printed_unchecked", "?", "not-measurable"),
            };
            PrintedRow {
                metric: printed_metric(tr, site, p.of),
                region: region_link(tr, site, p.region),
                year: p.year,
                printed: p.text.clone(),
                data: audit.data.map(|v| data_value(site, p, v, tr.lang)),
                verdict,
                verdict_label: tr.t(key),
                verdict_symbol: symbol,
                status,
            }
        })
        .collect()
}

/// What a printed figure states, in the page's language.
fn printed_metric(tr: &Tr, site: &Site, of: PrintedOf) -> String {
    match of {
        PrintedOf::Indicator(i) => indicator_name(tr, site, i),
        PrintedOf::Series(s, measure) => {
            let name = series_name(tr, site, s);
            let key = match measure {
                PrintedMeasure::Value => return name,
                PrintedMeasure::Attainment => "attainment_of",
                PrintedMeasure::Increase => "increase_of",
                PrintedMeasure::Growth => "growth_of",
                PrintedMeasure::DevelopmentIndex => "index_of",
            };
            tr.f(key, &[("name", &name)])
        }
    }
}

/// What the data give (`v`, in the printed unit), with at least the decimals printed so that a
/// rounding shows as one: 93,91% beside a printed 93,9%.
fn data_value(site: &Site, p: &Printed, v: f64, lang: format::Lang) -> String {
    let (decimals, percent) = match p.of {
        PrintedOf::Indicator(i) => {
            let ind = site.indicator(i);
            (usize::from(ind.decimals), ind.unit == Unit::Percent)
        }
        // A published rate keeps its own precision; its increase is in points, without `%`.
        PrintedOf::Series(s, m @ (PrintedMeasure::Value | PrintedMeasure::Increase))
            if site.series(s).kind == SeriesKind::Percent =>
        {
            (natural_decimals(v, 2), m == PrintedMeasure::Value)
        }
        PrintedOf::Series(_, PrintedMeasure::Value | PrintedMeasure::Increase) => {
            (format::count_decimals(v), false)
        }
        PrintedOf::Series(_, _) => (2, true),
    };
    let text = format::number(v, decimals.max(p.decimals), lang);
    if percent {
        format!("{text}%")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::format::Lang;
    use std::collections::BTreeMap;

    #[test]
    fn the_data_are_shown_in_the_page_language_at_least_as_precise_as_printed() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (site, computed) = crate::cmd::prepare(root).unwrap();
        let plan = site
            .plans
            .iter()
            .find(|p| p.slug == "huong-hoa-2020")
            .unwrap();
        let by_text = |t: &str| plan.printed.iter().find(|p| p.text == t).unwrap();
        // A rate printed with one decimal shows the data with two: the rounding is seen as one.
        assert_eq!(
            data_value(&site, by_text("93,9%"), 93.9113, Lang::Vi),
            "93,91%"
        );
        assert_eq!(
            data_value(&site, by_text("93,9%"), 93.9113, Lang::En),
            "93.91%"
        );
        assert_eq!(
            data_value(&site, by_text("489.923"), 49923.0, Lang::En),
            "49,923"
        );
        assert_eq!(
            data_value(&site, by_text("10,26%"), 10.2598, Lang::Vi),
            "10,26%"
        );

        let texts: BTreeMap<String, String> = [
            ("growth_of", "Tốc độ tăng: {name}"),
            ("printed_agrees", "Khớp"),
            ("printed_differs", "Lệch"),
            ("printed_unchecked", "Không kiểm tra được"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let tr = Tr::new(Lang::Vi, &texts);
        let mut unchecked = by_text("5.122").clone();
        unchecked.year = 2016;
        let rows = printed_rows(
            &tr,
            &site,
            &computed,
            &[by_text("6,37%").clone(), unchecked],
        );
        assert_eq!(rows[0].metric, "Tốc độ tăng: Người tham gia BHXH");
        assert_eq!(
            (rows[0].printed.as_str(), rows[0].data.as_deref()),
            ("6,37%", Some("6,38%"))
        );
        assert_eq!(
            (rows[0].verdict, rows[0].verdict_label.as_str()),
            ("differs", "Lệch")
        );
        assert_eq!(
            (rows[1].verdict, rows[1].data.as_deref()),
            ("unchecked", None)
        );
        assert_eq!(rows[1].region.url, "vung/huong-hoa/");
    }
}
