//! Series and indicators: the counts and rates the data files give, and the formulas that
//! combine them, from `data/series.toml` and `data/indicators.toml`.

use super::check::{untranslated, Checker};
use super::{formula, SeriesIdx};
use crate::error::{Error, Position, Suggestion, Text};
use crate::load::{data, SourceFile};
use toml::Spanned;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesKind {
    /// People or units: never negative, shown without decimals.
    Count,
    /// A rate published as a percentage (24.8 means 24,8%).
    Percent,
}

#[derive(Debug, Clone)]
pub struct Series {
    pub id: String,
    pub name_vi: String,
    pub name_en: String,
    pub kind: SeriesKind,
    pub unit_vi: String,
    pub unit_en: String,
    pub parts: Vec<SeriesIdx>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// The formula gives a ratio; pages show it ×100 with `%`.
    Percent,
    Number,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    pub name_vi: String,
    pub name_en: String,
    pub unit: Unit,
    pub formula: formula::Expr,
    pub formula_text: String,
    /// The series the formula reads.
    pub inputs: Vec<SeriesIdx>,
    pub decimals: u8,
    pub higher_is_better: bool,
    /// The largest value the indicator can take, as a ratio for percent indicators (1.0 for a
    /// share of a whole): a value above it means a wrong figure.
    pub maximum: Option<f64>,
    pub description_vi: String,
    pub description_en: String,
    /// Where the formula is written, for warnings about its values.
    pub pos: Position,
}

/// The series as declared, each with its parts resolved.
pub(super) fn series(c: &mut Checker, raw: &data::Loaded<data::SeriesFile>) -> Vec<Series> {
    let sf = &raw.file;
    let mut series = Vec::new();
    for s in &raw.data.series {
        let kind = c
            .keyword(
                &s.kind,
                sf,
                "series kind",
                &[
                    ("count", SeriesKind::Count),
                    ("percent", SeriesKind::Percent),
                ],
            )
            .unwrap_or(SeriesKind::Count);
        if let Some(own) = s.parts.iter().find(|p| p.get_ref() == s.id.get_ref()) {
            c.invalid(
                sf,
                own.span(),
                Text::new(
                    format!("dãy `{}` được kê là một phần của chính nó", s.id.get_ref()),
                    format!("the series `{}` is listed among its own parts", s.id.get_ref()),
                ),
                Text::new(
                    "`parts` kê các dãy cộng lại thành dãy này, ví dụ parts = [\"bhxh_bb\", \"bhxh_tn\"]",
                    "`parts` lists the series that add up to this one, e.g. parts = [\"bhxh_bb\", \"bhxh_tn\"]",
                ),
            );
        }
        let parts = s
            .parts
            .iter()
            .filter(|p| p.get_ref() != s.id.get_ref())
            .filter_map(|p| c.series(p, sf))
            .collect();
        if s.name_en.is_empty() {
            c.warnings
                .push(untranslated(sf.pos(&s.id.span()), "series", s.id.get_ref()));
        }
        series.push(Series {
            id: s.id.get_ref().clone(),
            name_vi: s.name_vi.clone(),
            name_en: s.name_en.clone(),
            kind,
            unit_vi: s.unit_vi.clone(),
            unit_en: s.unit_en.clone(),
            parts,
        });
    }
    series
}

/// The indicators whose formulas compile; the problems of the others go to `c`.
pub(super) fn indicators(
    c: &mut Checker,
    raw: &data::Loaded<data::IndicatorsFile>,
) -> Vec<Indicator> {
    let inf = &raw.file;
    let mut indicators = Vec::new();
    for ind in &raw.data.indicator {
        let unit = c
            .keyword(
                &ind.unit,
                inf,
                "unit",
                &[("percent", Unit::Percent), ("number", Unit::Number)],
            )
            .unwrap_or(Unit::Number);
        let span = ind.formula.span();
        // The formula's text starts after the opening quote.
        let text_start = span.start + 1;
        let resolve = |name: &str| c.series.get(name);
        match formula::parse(ind.formula.get_ref(), &resolve) {
            Ok(expr) => {
                if ind.name_en.is_empty() {
                    c.warnings.push(untranslated(
                        inf.pos(&ind.id.span()),
                        "indicator",
                        ind.id.get_ref(),
                    ));
                }
                let mut inputs = Vec::new();
                expr.series(&mut inputs);
                indicators.push(Indicator {
                    id: ind.id.get_ref().clone(),
                    name_vi: ind.name_vi.clone(),
                    name_en: ind.name_en.clone(),
                    unit,
                    formula: expr,
                    formula_text: ind.formula.get_ref().clone(),
                    inputs,
                    decimals: decimals(c, inf, &ind.decimals),
                    higher_is_better: ind.higher_is_better,
                    // Written as pages show it (100 for 100%), kept as the formula gives it.
                    maximum: maximum(c, inf, &ind.maximum).map(|m| match unit {
                        Unit::Percent => m / 100.0,
                        Unit::Number => m,
                    }),
                    description_vi: ind.description_vi.clone(),
                    description_en: ind.description_en.clone(),
                    pos: inf.pos(&span),
                });
            }
            Err(formula::FormulaError::UnknownSeries { name, offset }) => {
                let suggestion = Suggestion::closest(&name, c.series.names());
                c.errors.push(Error::UnknownSeries {
                    pos: inf.pos(&((text_start + offset)..(text_start + offset))),
                    name,
                    suggestion,
                });
            }
            Err(formula::FormulaError::Syntax { message, offset }) => c.invalid(
                inf,
                (text_start + offset)..(text_start + offset),
                Text::new(
                    format!("công thức của chỉ tiêu `{}`: {}", ind.id.get_ref(), message.vi),
                    format!("formula of indicator `{}`: {}", ind.id.get_ref(), message.en),
                ),
                Text::new(
                    "công thức ghép các mã dãy số liệu bằng + - * / và dấu ngoặc, ví dụ \"bhxh / lao_dong\"",
                    "a formula combines series ids with + - * / and parentheses, e.g. \"bhxh / lao_dong\"",
                ),
            ),
        }
    }
    indicators
}

/// The decimals an indicator is shown with: 2 unless it says, and never more than sources give.
fn decimals(c: &mut Checker, inf: &SourceFile, decimals: &Option<Spanned<u8>>) -> u8 {
    match decimals {
        Some(d) if *d.get_ref() > 6 => {
            c.invalid(
                inf,
                d.span(),
                Text::new(
                    format!(
                        "{} chữ số thập phân là nhiều hơn mọi nguồn số liệu",
                        d.get_ref()
                    ),
                    format!("{} decimals is more than any source gives", d.get_ref()),
                ),
                Text::new(
                    "hiển thị tối đa 6 chữ số thập phân; tỷ lệ thường dùng 2",
                    "show at most 6 decimals; 2 is usual for rates",
                ),
            );
            6
        }
        Some(d) => *d.get_ref(),
        None => 2,
    }
}

/// An indicator's largest possible value, if it is a positive number.
fn maximum(c: &mut Checker, file: &SourceFile, given: &Option<Spanned<f64>>) -> Option<f64> {
    let m = given.as_ref()?;
    if m.get_ref().is_finite() && *m.get_ref() > 0.0 {
        return Some(*m.get_ref());
    }
    c.invalid(
        file,
        m.span(),
        Text::new(
            format!("`maximum = {}` không phải một số dương", m.get_ref()),
            format!("`maximum = {}` is not a positive number", m.get_ref()),
        ),
        Text::new(
            "ghi giá trị lớn nhất có thể của chỉ tiêu, ví dụ `maximum = 100` cho một tỷ lệ phần trăm",
            "write the indicator's largest possible value, e.g. `maximum = 100` for a percentage",
        ),
    );
    None
}
