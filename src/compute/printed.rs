//! Printed figures audited: each figure a plan, a page or a source records as a document prints
//! it is recomputed from the data, and a warning names both values where they differ beyond the
//! printed rounding, so that the site never repeats a slip from a printed report.

use super::Computed;
use crate::error::{Text, Warning};
use crate::model::{Printed, PrintedMeasure, PrintedOf, Site, Unit};

/// What the data give for a printed figure, in its printed unit, with how it was computed.
fn from_data(site: &Site, computed: &Computed, p: &Printed) -> Option<(f64, String)> {
    match p.of {
        PrintedOf::Indicator(i) => {
            let v = computed.indicator(p.region, i)?.get(&p.year)?;
            if v.qualifier.is_some() {
                return None;
            }
            let scale = if site.indicator(i).unit == Unit::Percent {
                100.0
            } else {
                1.0
            };
            Some((v.value * scale, site.indicator(i).formula_text.clone()))
        }
        PrintedOf::Series(s, measure) => {
            let y = computed
                .series_years(p.region, s)
                .iter()
                .find(|y| y.year == p.year)?;
            let id = &site.series(s).id;
            let year = p.year;
            match measure {
                PrintedMeasure::Value => {
                    let v = y.actual.filter(|_| y.qualifier.is_none())?;
                    Some((v, format!("{id} {year}")))
                }
                PrintedMeasure::Attainment => Some((
                    y.attainment.filter(|_| y.qualifier.is_none())? * 100.0,
                    format!("{id} {year} ÷ plan {year}"),
                )),
                PrintedMeasure::Increase => Some((
                    y.increase.filter(|_| y.change_qualifier.is_none())?,
                    format!("{id} {year} − {id} {}", year - 1),
                )),
                PrintedMeasure::Growth => Some((
                    y.growth.filter(|_| y.change_qualifier.is_none())? * 100.0,
                    format!("{id} {year} ÷ {id} {} − 100%", year - 1),
                )),
                PrintedMeasure::DevelopmentIndex => Some((
                    y.development_index
                        .filter(|_| y.change_qualifier.is_none())?
                        * 100.0,
                    format!("{id} {year} ÷ {id} {}", year - 1),
                )),
            }
        }
    }
}

/// What the data say of a printed figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Equal once the data are rounded as the figure is printed.
    Agrees,
    Differs,
    /// The data have no exact figure for it (none that year, or a qualified one).
    Unchecked,
}

/// A printed figure against the data.
#[derive(Debug, Clone)]
pub struct Audit {
    /// What the data give, in the printed unit (percent for rates).
    pub data: Option<f64>,
    /// How the data give it: "bhxh 2019 ÷ bhxh 2018 − 100%".
    pub how: String,
    pub verdict: Verdict,
}

/// A printed figure recomputed from the data and judged at the printed rounding.
pub fn check(site: &Site, computed: &Computed, p: &Printed) -> Audit {
    match from_data(site, computed, p) {
        None => Audit {
            data: None,
            how: String::new(),
            verdict: Verdict::Unchecked,
        },
        Some((v, how)) => Audit {
            data: Some(v),
            how,
            verdict: if (round(v, p.decimals) - p.value).abs() > 1e-9 {
                Verdict::Differs
            } else {
                Verdict::Agrees
            },
        },
    }
}

/// Every printed figure of the site: those of plans, pages and sources.
fn all(site: &Site) -> impl Iterator<Item = &Printed> {
    let plans = site.plans.iter().flat_map(|p| &p.printed);
    let pages = site.pages.iter().flat_map(|p| &p.printed);
    let sources = site.sources.iter().flat_map(|s| &s.printed);
    plans.chain(pages).chain(sources)
}

/// `v` rounded half up to `decimals`, as documents round.
fn round(v: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    (v.abs() * scale * (1.0 + 1e-12)).round() / scale * v.signum()
}

/// `v` in the printed style with `decimals`: 6,38.
fn vietnamese(v: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, v.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if v < 0.0 {
        out.push('−');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// Warnings for every printed figure of a plan, page or source that the data contradict, and
/// for those the data cannot check.
pub fn audit(site: &Site, computed: &Computed) -> Vec<Warning> {
    let mut out = Vec::new();
    for p in all(site) {
        let (what_vi, what) = match p.of {
            PrintedOf::Indicator(i) => {
                let id = &site.indicator(i).id;
                (format!("chỉ tiêu {id}"), id.clone())
            }
            PrintedOf::Series(s, m) => {
                let id = &site.series(s).id;
                match m {
                    PrintedMeasure::Value => (id.clone(), id.clone()),
                    PrintedMeasure::Attainment => (
                        format!("tỷ lệ hoàn thành kế hoạch {id}"),
                        format!("attainment of {id}"),
                    ),
                    PrintedMeasure::Increase => {
                        (format!("số tăng {id}"), format!("increase of {id}"))
                    }
                    PrintedMeasure::Growth => {
                        (format!("tốc độ tăng {id}"), format!("growth of {id}"))
                    }
                    PrintedMeasure::DevelopmentIndex => (
                        format!("chỉ số phát triển {id}"),
                        format!("development index of {id}"),
                    ),
                }
            }
        };
        let region = &site.region(p.region).code;
        let audit = check(site, computed, p);
        match (audit.verdict, audit.data) {
            (Verdict::Unchecked, _) | (_, None) => out.push(Warning {
                pos: p.pos.clone(),
                message: Text::new(
                    format!(
                        "không kiểm tra được {what_vi} của `{region}` năm {} ({}) như văn bản in: số liệu không có con số chính xác cho nó",
                        p.year, p.text
                    ),
                    format!(
                        "the printed {what} of `{region}` in {} ({}) cannot be checked: the data have no exact figure for it",
                        p.year, p.text
                    ),
                ),
            }),
            (Verdict::Differs, Some(v)) => {
                let how = &audit.how;
                let percent = if p.text.trim_end().ends_with('%') { "%" } else { "" };
                let shown = format!("{}{percent}", vietnamese(v, p.decimals));
                out.push(Warning {
                    pos: p.pos.clone(),
                    message: Text::new(
                        format!(
                            "văn bản in {} cho {what_vi} của `{region}` năm {}, nhưng số liệu cho {shown} ({how}); trang web hiện con số tính lại, hãy kiểm tra con số nào đúng",
                            p.text, p.year
                        ),
                        format!(
                            "the document prints {} for {what} of `{region}` in {}, but the data give {shown} ({how}); the page shows the recomputed figure, so check which is right",
                            p.text, p.year
                        ),
                    ),
                });
            }
            (Verdict::Agrees, _) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_and_writing_follow_documents() {
        assert_eq!(round(6.3759, 2), 6.38);
        assert_eq!(round(93.9113, 1), 93.9);
        assert_eq!(round(-1.005, 2), -1.01);
        assert_eq!(vietnamese(49923.0, 0), "49.923");
        assert_eq!(vietnamese(6.3759, 2), "6,38");
    }

    #[test]
    fn a_printed_figure_agrees_differs_or_cannot_be_checked_wherever_it_sits() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut site, computed) = crate::cmd::prepare(root).unwrap();
        let plan = site
            .plans
            .iter()
            .find(|p| p.slug == "huong-hoa-2020")
            .unwrap();
        let by_text = |t: &str| plan.printed.iter().find(|p| p.text == t).unwrap().clone();
        let rounded = check(&site, &computed, &by_text("93,9%"));
        assert_eq!(rounded.verdict, Verdict::Agrees);
        assert!((rounded.data.unwrap() - 93.91).abs() < 0.01);
        let slip = check(&site, &computed, &by_text("6,37%"));
        assert_eq!(slip.verdict, Verdict::Differs);
        assert_eq!(slip.how, "bhxh 2019 ÷ bhxh 2018 − 100%");
        let mut no_figure = by_text("5.122");
        no_figure.year = 2016;
        let none = check(&site, &computed, &no_figure);
        assert_eq!((none.verdict, none.data), (Verdict::Unchecked, None));
        // The same figures quoted by a page and by a source are audited as the plan's are.
        let before = audit(&site, &computed).len();
        site.pages[0].printed = vec![by_text("6,37%"), by_text("93,9%")];
        site.sources[0].printed = vec![no_figure.clone()];
        let warnings = audit(&site, &computed);
        assert_eq!(warnings.len(), before + 2);
        assert!(warnings
            .iter()
            .any(|w| w.message.en.contains("(5.122) cannot be checked")));
    }
}
