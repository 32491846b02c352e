//! Figures: one region's value of one series in one year (Figure, Figures), the checks of the
//! figures files, and the totals derived from their parts.

use super::check::Checker;
use super::published::Published;
use super::region::{Date, Region};
use super::series::{Indicator, Series, SeriesKind, Unit};
use super::{bound, year_out_of_range, IndicatorIdx, RegionIdx, SeriesIdx, SourceIdx, YEARS};
use crate::error::{Error, Position, Text, Warning};
use crate::load::{data, SourceFile};
use crate::text::number;
use rayon::prelude::*;
// Keys are small indexes and ids the site itself declares: a fast hash, not one hardened against
// chosen keys, and the same order in every run.
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::Arc;
use toml::Spanned;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    /// ≈: the source gives an approximate figure.
    About,
    /// >: the source says "more than".
    MoreThan,
    /// <: the source says "less than" (or a value computed from bounds is an upper bound).
    LessThan,
}

/// One region's value of one series in one year.
#[derive(Debug, Clone)]
pub struct Figure {
    pub actual: Option<f64>,
    pub plan: Option<f64>,
    pub source: SourceIdx,
    pub plan_source: SourceIdx,
    pub qualifier: Option<Qualifier>,
    /// The day of a figure taken before the year ended ("đến 30/9/2022"); `None` at 31 December.
    pub as_of: Option<Date>,
    /// The source gives the figure as an estimate (ước tính, ước thực hiện).
    pub estimate: bool,
    /// The sentence of the source it was read in.
    pub quote: String,
    pub note: String,
    /// Summed from the series' parts (compulsory + voluntary = total), not read from a file.
    pub derived: bool,
    pub pos: Position,
}

/// All figures, indexed by region and series, then by year. One slot per region and series,
/// found by arithmetic rather than hashing: a national site looks figures up millions of times.
#[derive(Debug, Default)]
pub struct Figures {
    series: usize,
    slots: Vec<BTreeMap<i32, Figure>>,
}

impl Figure {
    /// A figure taken before the year ended: not comparable with the year-end figures of other
    /// years, nor a judge of a target for its year.
    pub fn partial(&self) -> bool {
        self.as_of.is_some()
    }
    /// The same figure as pages show it: everything but where it is written.
    pub fn same_as(&self, other: &Figure) -> bool {
        self.actual == other.actual
            && self.plan == other.plan
            && self.source == other.source
            && self.plan_source == other.plan_source
            && self.qualifier == other.qualifier
            && self.as_of == other.as_of
            && self.estimate == other.estimate
            && self.quote == other.quote
            && self.note == other.note
            && self.derived == other.derived
    }
}

impl Figures {
    fn new(regions: usize, series: usize) -> Figures {
        Figures {
            series,
            slots: std::iter::repeat_with(BTreeMap::new)
                .take(regions * series)
                .collect(),
        }
    }
    /// The figures of checked files, each region and series filled on one core, in file and
    /// row order; a second figure for the same year is a duplicate of the first.
    pub(super) fn gather(
        regions: usize,
        series: usize,
        files: &[Vec<CheckedFigure>],
    ) -> (Figures, Vec<Error>) {
        let mut figures = Figures::new(regions, series);
        let chunk = figures
            .slots
            .len()
            .div_ceil(4 * rayon::current_num_threads())
            .max(1);
        let mut duplicates: Vec<(usize, usize, Error)> = figures
            .slots
            .par_chunks_mut(chunk)
            .enumerate()
            .flat_map_iter(|(k, slots)| {
                let range = k * chunk..k * chunk + slots.len();
                let mut duplicates = Vec::new();
                for (f, rows) in files.iter().enumerate() {
                    for (row, (r, s, year, figure, raw)) in rows.iter().enumerate() {
                        let i = r.0 * series + s.0;
                        if !range.contains(&i) {
                            continue;
                        }
                        let years = &mut slots[i - range.start];
                        if let Some(first) = years.get(year) {
                            duplicates.push((
                                f,
                                row,
                                Error::DuplicateFigure {
                                    pos: figure.pos.clone(),
                                    region: raw.region.get_ref().clone(),
                                    series: raw
                                        .series
                                        .as_ref()
                                        .or(raw.indicator.as_ref())
                                        .map(|s| s.get_ref().clone())
                                        .unwrap_or_default(),
                                    year: *year,
                                    first: Box::new(first.pos.clone()),
                                },
                            ));
                        } else {
                            years.insert(*year, figure.clone());
                        }
                    }
                }
                duplicates
            })
            .collect();
        duplicates.sort_by_key(|(f, row, _)| (*f, *row));
        (figures, duplicates.into_iter().map(|(_, _, e)| e).collect())
    }
    /// A region's figures of one series, to add to.
    fn slot_mut(&mut self, region: RegionIdx, series: SeriesIdx) -> &mut BTreeMap<i32, Figure> {
        &mut self.slots[region.0 * self.series + series.0]
    }
    /// Every region and series that has figures, with its figures by year: regions in order,
    /// each region's series in order.
    pub fn iter(&self) -> impl Iterator<Item = ((RegionIdx, SeriesIdx), &BTreeMap<i32, Figure>)> {
        let series = self.series.max(1);
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, years)| !years.is_empty())
            .map(move |(i, years)| ((RegionIdx(i / series), SeriesIdx(i % series)), years))
    }
    pub fn get(&self, region: RegionIdx, series: SeriesIdx, year: i32) -> Option<&Figure> {
        self.by_year(region, series)?.get(&year)
    }
    pub fn actual(&self, region: RegionIdx, series: SeriesIdx, year: i32) -> Option<f64> {
        self.get(region, series, year)?.actual
    }
    /// A region's figures of one series, by year.
    pub fn by_year(&self, region: RegionIdx, series: SeriesIdx) -> Option<&BTreeMap<i32, Figure>> {
        if series.0 >= self.series {
            return None;
        }
        self.slots
            .get(region.0 * self.series + series.0)
            .filter(|years| !years.is_empty())
    }
    /// The last year any region has an actual figure for: how far the data reach.
    pub fn latest_actual_year(&self) -> Option<i32> {
        self.slots
            .iter()
            .flat_map(|years| years.iter().rev().find(|(_, f)| f.actual.is_some()))
            .map(|(y, _)| *y)
            .max()
    }
}

/// The figures of all files: checked, gathered, completed with the totals their parts give, and
/// compared with the figures of the units within each region; and the indicator values the
/// files give as published.
pub(super) fn figures(
    c: &mut Checker,
    files: &[Arc<data::Loaded<data::FiguresFile>>],
    regions: &[Region],
    series: &[Series],
    indicators: &[Indicator],
) -> (Figures, Published) {
    // A national site has a figures file per year with a row per region and series: the
    // files' rows are checked on all cores, then gathered in file order, so that a duplicate
    // is reported against the figure the earlier file gives.
    let checked: Vec<(Checker, Vec<CheckedFigure>, Vec<CheckedFigure>)> = files
        .par_iter()
        .map(|f| {
            let mut fc = c.fork();
            let (of_series, of_indicators) = figures_file(&mut fc, f, regions, series, indicators);
            (fc, of_series, of_indicators)
        })
        .collect();
    let mut series_files = Vec::with_capacity(checked.len());
    let mut indicator_files = Vec::with_capacity(checked.len());
    for (fc, of_series, of_indicators) in checked {
        c.join(fc);
        series_files.push(of_series);
        indicator_files.push(of_indicators);
    }
    let (mut figures, duplicates) = Figures::gather(regions.len(), series.len(), &series_files);
    c.errors.extend(duplicates);
    let (published, duplicates) =
        Figures::gather(regions.len(), indicators.len(), &indicator_files);
    c.errors.extend(duplicates);

    derive_totals(&mut figures, regions, series, &mut c.warnings);
    sub_regions_within_parent(&figures, regions, series, &mut c.warnings);
    (figures, Published::new(published))
}

/// The people counted in a region's units are counted in the region too: where the units of a
/// year add up to more than the region's own exact figure, one of them is wrong. One pass over
/// the figures, summing each unit into its parent.
fn sub_regions_within_parent(
    figures: &Figures,
    regions: &[Region],
    series: &[Series],
    warnings: &mut Vec<Warning>,
) {
    let mut sums: FxHashMap<(RegionIdx, SeriesIdx, i32), (f64, usize)> = FxHashMap::default();
    for ((region, s), years) in figures.iter() {
        let Some(parent) = regions[region.0].parent else {
            continue;
        };
        if series[s.0].kind != SeriesKind::Count {
            continue;
        }
        for (&year, fig) in years {
            // "More than x" can be anything above: only exact figures prove too much.
            if let (Some(v), None) = (fig.actual, fig.qualifier) {
                let entry = sums.entry((parent, s, year)).or_default();
                entry.0 += v;
                entry.1 += 1;
            }
        }
    }
    for ((parent, s, year), (sum, units)) in sums {
        let Some(fig) = figures.get(parent, s, year) else {
            continue;
        };
        let (Some(total), None) = (fig.actual, fig.qualifier) else {
            continue;
        };
        if sum > total + 0.5 {
            let (code, id) = (&regions[parent.0].code, &series[s.0].id);
            let (total_vi, sum_vi) = (number(total, true), number(sum, true));
            let (total_en, sum_en) = (number(total, false), number(sum, false));
            warnings.push(Warning {
                pos: fig.pos.clone(),
                message: Text::new(
                    format!("`{id}` của `{code}` năm {year} là {total_vi}, nhưng {units} đơn vị trực thuộc cộng lại được {sum_vi}, nhiều hơn cả tổng; kiểm tra số liệu của các đơn vị trực thuộc và của `{code}`"),
                    format!("`{id}` of `{code}` in {year} is {total_en}, but its {units} units add up to {sum_en}, more than the whole; check the units' figures and that of `{code}`"),
                ),
            });
        }
    }
}

/// Where a series is declared the sum of parts and a region's year has every part but not the
/// total, the total is their sum (BHXH = compulsory + voluntary), marked as derived.
/// Where the total is given too, it must equal the sum of exact parts: a warning says where not.
fn derive_totals(
    figures: &mut Figures,
    regions: &[Region],
    series: &[Series],
    warnings: &mut Vec<Warning>,
) {
    let mut derived = Vec::new();
    for (total, s) in series.iter().enumerate() {
        let Some(first) = s.parts.first() else {
            continue;
        };
        for ((region, part), years) in figures.iter() {
            if part != *first {
                continue;
            }
            for (&year, fig) in years {
                let existing = figures.get(region, SeriesIdx(total), year);
                let parts: Option<Vec<&Figure>> = s
                    .parts
                    .iter()
                    .map(|p| figures.get(region, *p, year))
                    .collect();
                let Some(parts) = parts else { continue };
                // Parts counted on different days do not add up to one total.
                if parts.iter().any(|f| f.as_of != fig.as_of) {
                    continue;
                }
                let Some(sum) = parts.iter().map(|f| f.actual).sum::<Option<f64>>() else {
                    continue;
                };
                if let Some((given, total_fig)) = existing.and_then(|f| Some((f.actual?, f))) {
                    let exact = total_fig.qualifier.is_none()
                        && parts.iter().all(|f| f.qualifier.is_none());
                    if exact && (given - sum).abs() > 0.5 {
                        let names: Vec<&str> =
                            s.parts.iter().map(|p| series[p.0].id.as_str()).collect();
                        let code = &regions[region.0].code;
                        warnings.push(Warning {
                            pos: total_fig.pos.clone(),
                            message: Text::new(
                                format!(
                                    "`{}` của `{code}` năm {year} là {} nhưng các phần {} cộng lại được {}",
                                    s.id,
                                    number(given, true),
                                    names.join(" + "),
                                    number(sum, true)
                                ),
                                format!(
                                    "`{}` of `{code}` in {year} is {} but its parts {} add up to {}",
                                    s.id,
                                    number(given, false),
                                    names.join(" + "),
                                    number(sum, false)
                                ),
                            ),
                        });
                    }
                    continue;
                }
                // "> a" plus "< b" is not known; "> a" plus "> b" is "> a + b".
                let bound = parts.iter().fold(bound::Bound::Exact, |b, f| {
                    b.and(bound::Bound::of(f.qualifier))
                });
                let Some(qualifier) = bound.qualifier() else {
                    continue;
                };
                derived.push((
                    (region, SeriesIdx(total)),
                    year,
                    Figure {
                        actual: Some(sum),
                        plan: existing.and_then(|f| f.plan),
                        source: fig.source,
                        plan_source: existing.map_or(fig.source, |f| f.plan_source),
                        qualifier,
                        as_of: fig.as_of,
                        estimate: parts.iter().any(|f| f.estimate),
                        // Each part keeps its own quote; the sum has none.
                        quote: String::new(),
                        // Pages say it is a sum, in their own language (`derived`).
                        note: String::new(),
                        derived: true,
                        pos: fig.pos.clone(),
                    },
                ));
            }
        }
    }
    for (key, year, fig) in derived {
        figures.slot_mut(key.0, key.1).insert(year, fig);
    }
}

/// A figure that passed its checks, with its region, what it measures (a series, or for a
/// published value an indicator, by its index) and year, and the row it came from.
type CheckedFigure<'a> = (RegionIdx, SeriesIdx, i32, Figure, &'a data::RawFigure);

/// What a row of a figures file gives: a series' figure or an indicator's published value.
#[derive(Clone, Copy)]
enum Measured {
    Series(SeriesIdx),
    Indicator(IndicatorIdx),
}

/// The figures of one file that pass their checks, with their region, series and year, then
/// the published indicator values; the problems of the others go to `c`.
fn figures_file<'a>(
    c: &mut Checker,
    f: &'a data::Loaded<data::FiguresFile>,
    regions: &[Region],
    series: &[Series],
    indicators: &[Indicator],
) -> (Vec<CheckedFigure<'a>>, Vec<CheckedFigure<'a>>) {
    let file = &f.file;
    let year = *f.data.year.get_ref();
    if !YEARS.contains(&year) {
        c.invalid(
            file,
            f.data.year.span(),
            year_out_of_range(year),
            Text::new(
                "ghi năm báo cáo, ví dụ `year = 2019`",
                "write the reporting year, e.g. `year = 2019`",
            ),
        );
        return (Vec::new(), Vec::new());
    }
    if !check_file_name_year(c, file, &f.data.year) {
        return (Vec::new(), Vec::new());
    }
    let ctx = Context {
        file,
        year,
        regions,
        series,
        indicators,
    };
    let (mut of_series, mut of_indicators) = (Vec::new(), Vec::new());
    for raw in &f.data.figure {
        match figure(c, &ctx, raw) {
            Some((r, Measured::Series(s), figure)) => of_series.push((r, s, year, figure, raw)),
            Some((r, Measured::Indicator(i), figure)) => {
                of_indicators.push((r, SeriesIdx(i.0), year, figure, raw))
            }
            None => {}
        }
    }
    (of_series, of_indicators)
}

/// What a row is checked against.
struct Context<'a> {
    file: &'a SourceFile,
    year: i32,
    regions: &'a [Region],
    series: &'a [Series],
    indicators: &'a [Indicator],
}

/// `data/figures/2019.toml` must hold `year = 2019`: a copied file with a stale year would
/// silently overwrite another year's figures.
/// Returns false when they disagree: the file's figures are then not read, so that one wrong
/// year does not bring a duplicate-figure error for every line.
fn check_file_name_year(c: &mut Checker, file: &SourceFile, year: &Spanned<i32>) -> bool {
    let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    match stem.parse::<i32>() {
        Ok(n) if n != *year.get_ref() => {
            c.invalid(
                file,
                year.span(),
                Text::new(
                    format!("tệp tên là {n} nhưng ghi `year = {}`", year.get_ref()),
                    format!("the file is named {n} but says `year = {}`", year.get_ref()),
                ),
                Text::new(
                    "đặt tên tệp số liệu theo năm của nó, hoặc sửa năm",
                    "name each figures file after its year, or correct the year",
                ),
            );
            false
        }
        _ => true,
    }
}

/// One row of a figures file, checked: its region, what it measures and its figure; `None`
/// when it fails a check, the problems going to `c`.
fn figure(
    c: &mut Checker,
    ctx: &Context,
    raw: &data::RawFigure,
) -> Option<(RegionIdx, Measured, Figure)> {
    let file = ctx.file;
    let region = c.region(&raw.region, file);
    let measured = measured(c, file, raw);
    let source = c.source(&raw.source, file);
    let plan_source = match &raw.plan_source {
        Some(p) => c.source(p, file),
        None => source,
    };
    let qualifier = raw.qualifier.as_ref().and_then(|q| {
        c.keyword(
            q,
            file,
            "qualifier",
            &[
                ("about", Qualifier::About),
                ("more_than", Qualifier::MoreThan),
                ("less_than", Qualifier::LessThan),
            ],
        )
    });
    let estimate = match &raw.status {
        Some(s) => c.keyword(s, file, "status", &[("estimate", true)]),
        None => Some(false),
    };
    let as_of = as_of(c, file, raw, ctx.year);
    let (region, measured, source, plan_source) = (region?, measured?, source?, plan_source?);
    let (estimate, as_of) = (estimate?, as_of?);
    if !values_given(c, file, raw, measured) {
        return None;
    }
    let day = as_of.unwrap_or(Date {
        year: ctx.year as u16,
        month: 12,
        day: 31,
    });
    if !existed_on(c, file, raw, day, ctx.regions, region) {
        return None;
    }
    let range = match measured {
        Measured::Series(s) => ValueRange::of_series(&ctx.series[s.0]),
        Measured::Indicator(i) => ValueRange::of_indicator(&ctx.indicators[i.0]),
    };
    let scale = range.scale;
    values_ok(c, file, raw, range).then(|| {
        (
            region,
            measured,
            Figure {
                actual: raw
                    .actual
                    .as_ref()
                    .or(raw.value.as_ref())
                    .map(|v| *v.get_ref() / scale),
                plan: raw.plan.as_ref().map(|v| *v.get_ref() / scale),
                source,
                plan_source,
                qualifier,
                as_of: ((day.month, day.day) != (12, 31)).then_some(day),
                estimate,
                quote: raw.quote.clone(),
                note: raw.note.clone(),
                derived: false,
                pos: file.pos(&raw.region.span()),
            },
        )
    })
}

/// A row gives a series or an indicator, not both and not neither.
fn measured(c: &mut Checker, file: &SourceFile, raw: &data::RawFigure) -> Option<Measured> {
    match (&raw.series, &raw.indicator) {
        (Some(s), None) => c.series(s, file).map(Measured::Series),
        (None, Some(i)) => c.indicator(i, file).map(Measured::Indicator),
        (Some(_), Some(i)) => {
            c.invalid(
                file,
                i.span(),
                Text::new(
                    "số liệu ghi cả `series` lẫn `indicator`",
                    "the figure gives both `series` and `indicator`",
                ),
                Text::new(
                    "mỗi khối `[[figure]]` là số liệu của một dãy (`series`, `actual = …`) hoặc giá trị công bố của một chỉ tiêu (`indicator`, `value = …`): tách làm hai khối",
                    "each `[[figure]]` is a series' figure (`series`, `actual = …`) or an indicator's published value (`indicator`, `value = …`): make it two blocks",
                ),
            );
            None
        }
        (None, None) => {
            c.invalid(
                file,
                raw.region.span(),
                Text::new(
                    "số liệu không ghi `series` hay `indicator`",
                    "the figure names neither a `series` nor an `indicator`",
                ),
                Text::new(
                    "ghi `series = \"bhxh\"` với `actual = …`, hoặc với một tỷ lệ chỉ có số công bố: `indicator = \"bao_phu_bhxh\"` với `value = 25.8`",
                    "write `series = \"bhxh\"` with `actual = …`, or for a rate published on its own: `indicator = \"bao_phu_bhxh\"` with `value = 25.8`",
                ),
            );
            None
        }
    }
}

/// A series' figure is `actual`, an indicator's published value is `value`; each row gives it
/// or a plan.
fn values_given(c: &mut Checker, file: &SourceFile, raw: &data::RawFigure, m: Measured) -> bool {
    let (own, other, own_name, other_name) = match m {
        Measured::Series(_) => (&raw.actual, &raw.value, "actual", "value"),
        Measured::Indicator(_) => (&raw.value, &raw.actual, "value", "actual"),
    };
    if let Some(wrong) = other {
        let hint = match m {
            Measured::Series(_) => Text::new(
                "số liệu của một dãy ghi `actual = …`; `value` dành cho giá trị công bố của một chỉ tiêu (`indicator`)",
                "a series' figure is written `actual = …`; `value` is an indicator's published value (`indicator`)",
            ),
            Measured::Indicator(_) => Text::new(
                "giá trị công bố của một chỉ tiêu ghi `value = …` (tỷ lệ ghi theo phần trăm: 25.8 cho 25,8%)",
                "an indicator's published value is written `value = …` (a rate in percent: 25.8 for 25,8%)",
            ),
        };
        c.invalid(
            file,
            wrong.span(),
            Text::new(
                format!("khối này dùng `{own_name}`, không dùng `{other_name}`"),
                format!("this block takes `{own_name}`, not `{other_name}`"),
            ),
            hint,
        );
        return false;
    }
    if own.is_none() && raw.plan.is_none() {
        c.invalid(
            file,
            raw.series.as_ref().or(raw.indicator.as_ref()).map_or(raw.region.span(), |s| s.span()),
            Text::new(
                format!("số liệu không có cả `{own_name}` lẫn `plan`"),
                format!("the figure has neither `{own_name}` nor `plan`"),
            ),
            Text::new(
                format!("ghi `{own_name} = …` (số thực hiện tại 31/12, hoặc tại ngày `as_of`), `plan = …` (kế hoạch được giao), hoặc cả hai"),
                format!("give `{own_name} = …` (the value at 31 December, or at `as_of`), `plan = …` (the assigned plan), or both"),
            ),
        );
        return false;
    }
    true
}

/// The day of a figure taken before 31 December, within the file's year; `Some(None)` for a
/// year-end figure, `None` when the date is wrong.
fn as_of(
    c: &mut Checker,
    file: &SourceFile,
    raw: &data::RawFigure,
    year: i32,
) -> Option<Option<Date>> {
    let Some(d) = &raw.as_of else {
        return Some(None);
    };
    let day = match (d.get_ref().date, d.get_ref().time) {
        (Some(day), None) => day,
        _ => {
            c.invalid(
                file,
                d.span(),
                Text::new(
                    "`as_of` phải là một ngày, không kèm giờ",
                    "`as_of` must be a day, without a time",
                ),
                Text::new(
                    format!("ghi năm-tháng-ngày không ngoặc kép: `as_of = {year}-09-30`"),
                    format!("write year-month-day without quotes: `as_of = {year}-09-30`"),
                ),
            );
            return None;
        }
    };
    if i32::from(day.year) != year {
        c.invalid(
            file,
            d.span(),
            Text::new(
                format!("ngày `as_of` {} không thuộc năm {year} của tệp", d.get_ref()),
                format!("the `as_of` day {} is not in the file's year {year}", d.get_ref()),
            ),
            Text::new(
                format!(
                    "số liệu tại một ngày của năm {} ghi vào tệp của năm đó; nếu nguồn viết \"đến 30/9/{year}\" thì ghi `as_of = {year}-09-30`",
                    day.year
                ),
                format!(
                    "a figure at a day of {} goes in that year's file; for \"at 30/9/{year}\" write `as_of = {year}-09-30`",
                    day.year
                ),
            ),
        );
        return None;
    }
    Some(Some(Date {
        year: day.year,
        month: day.month,
        day: day.day,
    }))
}

/// A figure is given for a year its unit existed in; otherwise the message names the unit that
/// took its place, when the data say.
fn existed_on(
    c: &mut Checker,
    file: &SourceFile,
    raw: &data::RawFigure,
    day: Date,
    regions: &[Region],
    region: RegionIdx,
) -> bool {
    let year = day.year;
    if let Some(r) = regions.get(region.0) {
        // A figure is at 31 December or at its `as_of` day: the unit must exist on that day.
        let before = r.from.is_some_and(|d| d > day);
        let after = r.until.is_some_and(|d| d < day);
        if before || after {
            c.invalid(
                file,
                raw.region.span(),
                Text::new(
                    format!("`{}` không tồn tại vào năm {year}", raw.region.get_ref()),
                    format!("`{}` did not exist in {year}", raw.region.get_ref()),
                ),
                {
                    // Name the unit that took its place, when the data say.
                    let successors: Vec<String> = r
                        .became
                        .iter()
                        .filter_map(|b| regions.get(b.0))
                        .map(|b| format!("`{}`", b.code))
                        .collect();
                    if after && !successors.is_empty() {
                        Text::new(
                            format!(
                                "sau ngày {} đơn vị này đã trở thành {}: ghi số liệu năm {year} cho đơn vị đó",
                                r.until.map(|d| d.to_string()).unwrap_or_default(),
                                successors.join(", ")
                            ),
                            format!(
                                "after {} it became {}: give the {year} figures under it",
                                r.until.map(|d| d.to_string()).unwrap_or_default(),
                                successors.join(", ")
                            ),
                        )
                    } else {
                        Text::new(
                            "ghi số liệu của đơn vị đã sắp xếp lại dưới đơn vị tồn tại trong năm đó",
                            "give figures of a reorganised unit under the unit that existed that year",
                        )
                    }
                },
            );
            return false;
        }
    }
    true
}

/// 2^53: from it on, not every whole number has a value of its own, and one would be
/// rounded to another without a word.
const MAX_EXACT: f64 = 9_007_199_254_740_992.0;

/// What a row's values may be: whole and not negative for counts, a percentage for rates; and
/// how a published percentage becomes the ratio indicators compute (25.8 → 0.258).
#[derive(Clone, Copy)]
struct ValueRange {
    count: bool,
    /// The bounds of a percentage, in percent.
    percent: Option<(f64, f64)>,
    scale: f64,
}

impl ValueRange {
    fn of_series(s: &Series) -> ValueRange {
        match s.kind {
            SeriesKind::Count => ValueRange {
                count: true,
                percent: None,
                scale: 1.0,
            },
            SeriesKind::Percent => ValueRange {
                count: false,
                percent: Some((0.0, 100.0)),
                scale: 1.0,
            },
        }
    }
    fn of_indicator(i: &Indicator) -> ValueRange {
        match i.unit {
            Unit::Percent => ValueRange {
                count: false,
                // A share of a whole is 0–100%; a rate without a maximum (a growth) may be
                // negative or above 100%.
                percent: i.maximum.map(|m| (0.0, m * 100.0)),
                scale: 100.0,
            },
            Unit::Number => ValueRange {
                count: false,
                percent: None,
                scale: 1.0,
            },
        }
    }
}

/// A figure's values are finite, and within what its series' kind or indicator allows.
fn values_ok(c: &mut Checker, file: &SourceFile, raw: &data::RawFigure, range: ValueRange) -> bool {
    let mut ok = true;
    let what = raw
        .series
        .as_ref()
        .or(raw.indicator.as_ref())
        .map(|s| s.get_ref().clone())
        .unwrap_or_default();
    for v in [&raw.actual, &raw.value, &raw.plan].into_iter().flatten() {
        let value = *v.get_ref();
        if !value.is_finite() {
            c.invalid(
                file,
                v.span(),
                Text::new(
                    "giá trị không phải là số",
                    "the value is not a finite number",
                ),
                Text::new("ghi một số bình thường", "write a plain number"),
            );
            ok = false;
        } else if value.abs() >= MAX_EXACT {
            c.invalid(
                file,
                v.span(),
                Text::new(
                    format!("{value} quá lớn để giữ chính xác từng đơn vị"),
                    format!("{value} is too large to be held exactly, to the unit"),
                ),
                Text::new(
                    "số liệu lớn nhất giữ được chính xác là 9.007.199.254.740.991; kiểm tra lại số đã nhập",
                    "the largest figure held exactly is 9,007,199,254,740,991; check the number entered",
                ),
            );
            ok = false;
        } else if value < 0.0 && range.count {
            c.errors.push(Error::NegativeCount {
                pos: file.pos(&v.span()),
                series: what.clone(),
                value,
            });
            ok = false;
        } else if range.count && !c.whole_count(file, v) {
            ok = false;
        } else if let Some((low, high)) = range.percent.filter(|(l, h)| !(*l..=*h).contains(&value))
        {
            c.invalid(
                file,
                v.span(),
                Text::new(
                    format!(
                        "{value} không phải tỷ lệ phần trăm từ {} đến {}",
                        number(low, true),
                        number(high, true)
                    ),
                    format!(
                        "{value} is not a percentage between {} and {}",
                        number(low, false),
                        number(high, false)
                    ),
                ),
                Text::new(
                    "tỷ lệ ghi theo phần trăm: 24.8 cho 24,8%",
                    "rates are written in percent: 24.8 for 24,8%",
                ),
            );
            ok = false;
        }
    }
    ok
}
