//! Plans: a plan's document with its targets (Target, Metric, Measure, Comparison) and tasks,
//! from `content/plans/*.md`, and the checks of its targets against the data's declarations.

use super::check::{untranslated, Checker};
use super::printed::{printed, Printed};
use super::region::{date, Date, Region};
use super::series::{Indicator, Series, SeriesKind, Unit};
use super::span::{self, Span};
use super::{year_out_of_range, IndicatorIdx, RegionIdx, SeriesIdx, YEARS};
use crate::error::{Error, Position, Text, Warning};
use crate::load::{self, SourceFile};
use rustc_hash::FxHashMap;
use toml::Spanned;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    Value,
    /// x(y) / x(y−1) − 1
    Growth,
    /// x(y) / x(y−1)
    DevelopmentIndex,
}

/// What a target is set on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    Indicator(IndicatorIdx),
    Series(SeriesIdx, Measure),
}

/// How a target's value is read, as the documents word it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Comparison {
    /// "ít nhất", "tối thiểu", "đạt … trở lên": reached at the value.
    AtLeast,
    /// "tối đa", "không quá".
    AtMost,
    Exactly,
    /// "trên 70%": reached only beyond the value.
    MoreThan,
    /// "dưới 5%".
    LessThan,
    /// "khoảng 35%": reached within the site's tolerance (`[targets] about_tolerance`), or
    /// beyond it in the direction the metric is better.
    About,
    /// "đạt 26 - 27%": `value` to `value_to`, both included.
    Between,
}

#[derive(Debug, Clone)]
pub struct Target {
    pub metric: Metric,
    pub region: RegionIdx,
    pub year: i32,
    /// In the metric's own scale: a ratio for percent indicators, growth and development index.
    pub value: f64,
    /// The upper end of a `Between` range, in the same scale.
    pub value_to: Option<f64>,
    pub comparison: Comparison,
    /// The figure as the document prints it.
    pub printed: String,
    /// The target's own base year, as written.
    pub base_year: Option<i32>,
    /// Whether it is a target for its year alone, one year of a yearly target, or a period's.
    pub span: Span,
    /// Its `[[target]]` block, where what concerns the whole target is reported.
    pub pos: Position,
}

impl Target {
    /// The year progress is measured from: the target's own base year, else the year before its
    /// period, else the plan's.
    pub fn measured_from(&self, plan_base: Option<i32>) -> Option<i32> {
        self.base_year
            .or(match self.span {
                Span::Period { from } => Some(from - 1),
                _ => None,
            })
            .or(plan_base)
    }

    /// Whether only the target year's own figure judges it, with no trajectory toward it: a
    /// yearly rate of change, or one year of a yearly target.
    pub fn judged_in_its_year(&self) -> bool {
        matches!(
            self.metric,
            Metric::Series(_, Measure::Growth | Measure::DevelopmentIndex)
        ) || matches!(self.span, Span::EveryYear { .. })
    }
}

#[derive(Debug, Clone)]
pub struct Task {
    pub content: String,
    pub lead: String,
    pub partners: Vec<String>,
    pub deadline: String,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub slug: String,
    pub title: String,
    pub title_en: String,
    pub number: String,
    /// For tables: the number, else the short title, else the title.
    pub short_name: String,
    /// The same in English: the number is the same in both languages.
    pub short_name_en: String,
    pub date: Option<Date>,
    pub issuer: String,
    pub issuer_en: String,
    pub region: RegionIdx,
    pub kind: String,
    pub kind_en: String,
    pub base_year: Option<i32>,
    pub summary: String,
    pub summary_en: String,
    pub seed: String,
    pub targets: Vec<Target>,
    pub tasks: Vec<Task>,
    /// Figures as the document prints them, checked against the data.
    pub printed: Vec<Printed>,
    /// Markdown text of the plan.
    pub body: String,
    /// Where the text starts in the plan's file.
    pub body_pos: Position,
}

/// The plans whose region is known, each with its targets, tasks and printed figures; newest
/// first.
pub(super) fn plans(
    c: &mut Checker,
    files: &[load::content::PlanFile],
    regions: &[Region],
    indicators: &[Indicator],
    series: &[Series],
) -> Vec<Plan> {
    let mut plans = Vec::new();
    for p in files {
        let file = &p.file;
        let fm = &p.front;
        let Some(region) = c.region(&fm.region, file) else {
            continue;
        };
        let mut targets: Vec<Target> = Vec::new();
        // Where each target of the plan was first set: one target given twice is a slip. A
        // period's target is another target than its last year's own ("mỗi năm từ 35%" and
        // "giai đoạn 2021–2025 đạt 45%" both end in 2025).
        type Key = (Metric, RegionIdx, i32, Comparison, bool);
        let mut set_at: FxHashMap<Key, Position> = FxHashMap::default();
        let issued = date(&fm.date).map(|d| i32::from(d.year));
        let plan_base = base_year(c, file, &fm.base_year);
        for raw in &fm.target {
            let t = raw.get_ref();
            let years = match span::years(t, raw.span()) {
                Ok(years) => years,
                Err(p) => {
                    c.invalid(file, p.at, p.message, p.hint);
                    continue;
                }
            };
            let pos = file.pos(&raw.span());
            let year_pos = file.pos(&years.at);
            for target in target(c, file, t, &years, pos, region, regions, indicators, series) {
                year_warnings(c, &year_pos, target.year, plan_base, issued);
                let period = matches!(target.span, Span::Period { .. });
                let key = (
                    target.metric,
                    target.region,
                    target.year,
                    target.comparison,
                    period,
                );
                match set_at.get(&key) {
                    Some(first) => c.errors.push(twice(year_pos.clone(), first)),
                    None => {
                        set_at.insert(key, year_pos.clone());
                        targets.push(target);
                    }
                }
            }
        }
        if fm.title_en.is_empty() {
            c.warnings
                .push(untranslated(Position::file(&file.path), "plan", &p.slug));
        }
        let printed = fm
            .printed
            .iter()
            .filter_map(|raw| printed(c, file, raw, Some(region)))
            .collect();
        plans.push(Plan {
            slug: p.slug.clone(),
            title: fm.title.clone(),
            title_en: fm.title_en.clone(),
            number: fm.number.clone(),
            short_name: [&fm.number, &fm.short_title, &fm.title]
                .into_iter()
                .find(|s| !s.is_empty())
                .cloned()
                .unwrap_or_default(),
            short_name_en: [&fm.number, &fm.short_title_en, &fm.title_en]
                .into_iter()
                .find(|s| !s.is_empty())
                .cloned()
                .unwrap_or_default(),
            date: date(&fm.date),
            issuer: fm.issuer.clone(),
            issuer_en: fm.issuer_en.clone(),
            region,
            kind: fm.kind.clone(),
            kind_en: fm.kind_en.clone(),
            base_year: plan_base,
            summary: fm.summary.clone(),
            summary_en: fm.summary_en.clone(),
            seed: fm.seed.clone(),
            targets,
            tasks: fm
                .task
                .iter()
                .map(|t| Task {
                    content: t.content.clone(),
                    lead: t.lead.clone(),
                    partners: t.partners.clone(),
                    deadline: t.deadline.clone(),
                })
                .collect(),
            printed,
            body: p.body.clone(),
            body_pos: p.body_pos.clone(),
        });
    }
    // Newest plans first, as readers look for them.
    plans.sort_by(|a, b| b.date.cmp(&a.date).then(a.slug.cmp(&b.slug)));
    plans
}

/// A target year before the plan's base year, or before the plan was issued: a slip, or a
/// target that cannot be measured.
fn year_warnings(
    c: &mut Checker,
    pos: &Position,
    year: i32,
    plan_base: Option<i32>,
    issued: Option<i32>,
) {
    if let Some(base) = plan_base.filter(|b| year < *b) {
        c.warnings.push(Warning {
            pos: pos.clone(),
            message: Text::new(
                format!(
                    "năm mục tiêu {year} ở trước năm gốc của kế hoạch ({base}): tiến độ không đo được ngược về trước"
                ),
                format!(
                    "target year {year} is before the plan's base year ({base}): progress cannot be measured backwards"
                ),
            ),
        });
    }
    if let Some(issued) = issued.filter(|y| year < *y) {
        c.warnings.push(Warning {
            pos: pos.clone(),
            message: Text::new(
                format!("năm mục tiêu {year} ở trước năm ban hành kế hoạch ({issued})"),
                format!("target year {year} is before the plan was issued ({issued})"),
            ),
        });
    }
}

fn twice(pos: Position, first: &Position) -> Error {
    Error::Invalid {
        pos,
        message: Text::new(
            format!(
                "mục tiêu này trùng với mục tiêu ở dòng {} (cùng chỉ tiêu, đơn vị, năm và cách so sánh)",
                first.line
            ),
            format!(
                "this target repeats the one on line {} (same measure, unit, year and comparison)",
                first.line
            ),
        ),
        hint: Text::new(
            "xóa một trong hai khối [[target]], hoặc sửa năm của khối này",
            "remove one of the two [[target]] blocks, or correct this one's year",
        ),
    }
}

/// A base year as written, if it is a year a figure may have.
fn base_year(c: &mut Checker, file: &SourceFile, year: &Option<Spanned<i32>>) -> Option<i32> {
    let year = year.as_ref()?;
    if YEARS.contains(year.get_ref()) {
        return Some(*year.get_ref());
    }
    c.invalid(
        file,
        year.span(),
        year_out_of_range(*year.get_ref()),
        Text::new(
            "ghi năm gốc mà tiến độ được tính từ đó, ví dụ `base_year = 2019`",
            "write the year progress is measured from, e.g. `base_year = 2019`",
        ),
    );
    None
}

/// One target of a plan, checked: what it is set on, in its metric's own scale, once for each of
/// its years; none when it fails a check, the problems going to `c`.
#[allow(clippy::too_many_arguments)]
fn target(
    c: &mut Checker,
    file: &SourceFile,
    t: &load::content::RawTarget,
    years: &span::Years,
    pos: Position,
    plan_region: RegionIdx,
    regions: &[Region],
    indicators: &[Indicator],
    series: &[Series],
) -> Vec<Target> {
    let region = match &t.region {
        Some(r) => match c.region(r, file) {
            Some(region) => region,
            None => return Vec::new(),
        },
        None => plan_region,
    };
    let Some(comparison) = c.keyword(
        &t.comparison,
        file,
        "comparison",
        &[
            ("at_least", Comparison::AtLeast),
            ("at_most", Comparison::AtMost),
            ("exactly", Comparison::Exactly),
            ("more_than", Comparison::MoreThan),
            ("less_than", Comparison::LessThan),
            ("about", Comparison::About),
            ("between", Comparison::Between),
        ],
    ) else {
        return Vec::new();
    };
    let value = *t.value.get_ref();
    let Some(value_to) = range_end(c, file, t, comparison) else {
        return Vec::new();
    };
    let Some((metric, scale)) = metric(c, file, t, value, &years.at, indicators, series) else {
        return Vec::new();
    };
    // One error for a span that reaches before its region existed, not one per year.
    if !years
        .years
        .clone()
        .all(|year| target_year_ok(c, file, year, &years.at, region, regions))
    {
        return Vec::new();
    }
    if !matches_printed(c, file, t, value, scale) {
        return Vec::new();
    }
    let base_year = base_year(c, file, &t.base_year);
    years
        .years
        .clone()
        .map(|year| Target {
            metric,
            region,
            year,
            span: years.span,
            value: value * scale,
            value_to: value_to.map(|v| v * scale),
            comparison,
            printed: t.printed.clone(),
            base_year,
            pos: pos.clone(),
        })
        .collect()
}

/// The upper end of a range: given with `between` only, and above `value`. `None` inside
/// `Some` when the target has no range; the outer `None` when it is wrong.
fn range_end(
    c: &mut Checker,
    file: &SourceFile,
    t: &load::content::RawTarget,
    comparison: Comparison,
) -> Option<Option<f64>> {
    match (&t.value_to, comparison) {
        (None, Comparison::Between) => {
            c.invalid(
                file,
                t.comparison.span(),
                Text::new(
                    "mục tiêu dạng khoảng cần cả hai đầu",
                    "a range target needs both its ends",
                ),
                Text::new(
                    "ghi `value` là đầu dưới và `value_to` là đầu trên, ví dụ \"đạt 26 - 27%\": value = 26, value_to = 27",
                    "give `value` as the lower end and `value_to` as the upper, e.g. \"đạt 26 - 27%\": value = 26, value_to = 27",
                ),
            );
            None
        }
        (None, _) => Some(None),
        (Some(to), Comparison::Between) if *to.get_ref() > *t.value.get_ref() => {
            Some(Some(*to.get_ref()))
        }
        (Some(to), Comparison::Between) => {
            c.invalid(
                file,
                to.span(),
                Text::new(
                    format!(
                        "khoảng bị ngược: đầu trên {} không lớn hơn đầu dưới {}",
                        to.get_ref(),
                        t.value.get_ref()
                    ),
                    format!(
                        "the range is upside down: its upper end {} is not above its lower end {}",
                        to.get_ref(),
                        t.value.get_ref()
                    ),
                ),
                Text::new(
                    "`value` là đầu dưới, `value_to` là đầu trên: đổi chỗ hai số",
                    "`value` is the lower end and `value_to` the upper: swap the two numbers",
                ),
            );
            None
        }
        (Some(to), _) => {
            c.invalid(
                file,
                to.span(),
                Text::new(
                    "`value_to` chỉ dùng với comparison = \"between\"",
                    "`value_to` goes with comparison = \"between\" only",
                ),
                Text::new(
                    "xóa `value_to`, hoặc đặt comparison = \"between\" cho mục tiêu dạng khoảng",
                    "remove `value_to`, or set comparison = \"between\" for a range target",
                ),
            );
            None
        }
    }
}

/// What a target is set on (an indicator, or a measure of a series) and the scale that turns its
/// written value into the metric's own; `at` is the key giving its year.
fn metric(
    c: &mut Checker,
    file: &SourceFile,
    t: &load::content::RawTarget,
    value: f64,
    at: &std::ops::Range<usize>,
    indicators: &[Indicator],
    series: &[Series],
) -> Option<(Metric, f64)> {
    let (metric, scale) = match (&t.indicator, &t.series) {
        (Some(id), None) => {
            let i = c.indicator(id, file)?;
            // Indicators that failed to compile are not in `indicators`; their error is reported.
            let unit = indicators.iter().find(|x| &x.id == id.get_ref())?.unit;
            (
                Metric::Indicator(i),
                if unit == Unit::Percent { 0.01 } else { 1.0 },
            )
        }
        (None, Some(id)) => {
            let s = c.series(id, file)?;
            let measure = match &t.measure {
                Some(m) => c.keyword(
                    m,
                    file,
                    "measure",
                    &[
                        ("value", Measure::Value),
                        ("growth", Measure::Growth),
                        ("development_index", Measure::DevelopmentIndex),
                    ],
                )?,
                None => Measure::Value,
            };
            let scale = if measure == Measure::Value { 1.0 } else { 0.01 };
            let count = measure == Measure::Value && series[s.0].kind == SeriesKind::Count;
            if count && value < 0.0 {
                c.errors.push(Error::NegativeCount {
                    pos: file.pos(&t.value.span()),
                    series: id.get_ref().clone(),
                    value,
                });
                return None;
            }
            if count && !c.whole_count(file, &t.value) {
                return None;
            }
            (Metric::Series(s, measure), scale)
        }
        (Some(_), Some(series)) => {
            c.invalid(
                file,
                series.span(),
                Text::new(
                    "chỉ tiêu kế hoạch có cả `indicator` lẫn `series`",
                    "a target has both `indicator` and `series`",
                ),
                Text::new(
                    "giữ một: chỉ tiêu (tỷ lệ) hoặc dãy số liệu (số đếm) mà mục tiêu đặt ra",
                    "keep one: the indicator (a rate) or the series (a count) the target is set on",
                ),
            );
            return None;
        }
        (None, None) => {
            c.invalid(
                file,
                at.clone(),
                Text::new(
                    "mục tiêu cần `indicator` hoặc `series`",
                    "a target needs `indicator` or `series`",
                ),
                Text::new(
                    "ghi `indicator = \"bao_phu_bhxh\"` hoặc `series = \"bhxh\"` phía trên `year`",
                    "write `indicator = \"bao_phu_bhxh\"` or `series = \"bhxh\"` above `year`",
                ),
            );
            return None;
        }
    };
    Some((metric, scale))
}

/// A target's year is one the site covers, and its region existed then; `at` is the key giving
/// the year.
fn target_year_ok(
    c: &mut Checker,
    file: &SourceFile,
    year: i32,
    at: &std::ops::Range<usize>,
    region: RegionIdx,
    regions: &[Region],
) -> bool {
    if !YEARS.contains(&year) {
        c.invalid(
            file,
            at.clone(),
            year_out_of_range(year),
            Text::new(
                "ghi năm của mục tiêu, ví dụ `year = 2025`",
                "write the target year, e.g. `year = 2025`",
            ),
        );
        return false;
    }
    if let Some(from) = regions[region.0].from {
        if year < i32::from(from.year) {
            c.invalid(
                file,
                at.clone(),
                Text::new(
                    format!(
                        "`{}` chưa tồn tại vào năm {year}: có từ {from}",
                        regions[region.0].code
                    ),
                    format!(
                        "`{}` did not exist in {year}: it exists from {from}",
                        regions[region.0].code
                    ),
                ),
                Text::new(
                    "đặt mục tiêu cho đơn vị tồn tại trong năm mục tiêu",
                    "set the target on the unit that existed in the target year",
                ),
            );
            return false;
        }
    }
    true
}

/// A target's value is the figure its printed text gives, to the decimals printed.
fn matches_printed(
    c: &mut Checker,
    file: &SourceFile,
    t: &load::content::RawTarget,
    value: f64,
    scale: f64,
) -> bool {
    if let Some((printed, decimals)) = printed_number(&t.printed, scale != 1.0) {
        let tolerance = 0.5 * 10f64.powi(-(decimals as i32)) + 1e-9;
        // A range prints its upper end with `%` ("26-27%"): either end is the figure found.
        let upper = t.value_to.as_ref().map(|v| *v.get_ref());
        let near = |v: f64| (printed - v).abs() <= tolerance;
        if !near(value) && !upper.is_some_and(near) {
            c.invalid(
                file,
                t.value.span(),
                Text::new(
                    format!("giá trị {value} không khớp với con số in \"{}\"", t.printed),
                    format!(
                        "value {value} does not match the printed figure \"{}\"",
                        t.printed
                    ),
                ),
                Text::new(
                    format!(
                        "văn bản in {printed}; ghi `value = {printed}`{}",
                        if scale != 1.0 {
                            " (tỷ lệ ghi theo phần trăm: 12.9 cho 12,9%)"
                        } else {
                            ""
                        }
                    ),
                    format!(
                        "the document prints {printed}; write `value = {printed}`{}",
                        if scale != 1.0 {
                            " (percentages in percent: 12.9 for 12,9%)"
                        } else {
                            ""
                        }
                    ),
                ),
            );
            return false;
        }
    }
    true
}

/// The figure in a target's printed text, in Vietnamese format ("6.450 người", "12,9%"), with
/// its number of decimals. For percentages, the number followed by `%`.
fn printed_number(printed: &str, percent: bool) -> Option<(f64, usize)> {
    let chars: Vec<char> = printed.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_ascii_digit()
                || ((chars[i] == '.' || chars[i] == ',')
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
        {
            i += 1;
        }
        let token: String = chars[start..i].iter().collect();
        let followed_by_percent = chars[i..].iter().find(|ch| !ch.is_whitespace()) == Some(&'%');
        if percent && !followed_by_percent {
            continue;
        }
        let (int, frac) = token.split_once(',').unwrap_or((&token, ""));
        let number = format!("{}.{frac}", int.replace('.', ""));
        return number
            .trim_end_matches('.')
            .parse()
            .ok()
            .map(|n| (n, frac.len()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::printed_number;

    #[test]
    fn printed_figures_in_vietnamese_format() {
        assert_eq!(printed_number("6.450 người", false), Some((6450.0, 0)));
        assert_eq!(printed_number("12,9%", true), Some((12.9, 1)));
        assert_eq!(printed_number("khoảng 2,6%", true), Some((2.6, 1)));
        assert_eq!(printed_number("trên 70%", true), Some((70.0, 0)));
        // For a percentage, the year before it is not the figure.
        assert_eq!(
            printed_number("đến cuối năm 2017 có 100% số đơn vị", true),
            Some((100.0, 0))
        );
        assert_eq!(printed_number("Thường xuyên", false), None);
        assert_eq!(printed_number("năm 2020", true), None);
    }
}
