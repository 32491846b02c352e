//! Model stage: turns raw loaded records into validated regions, series, indicators, figures and
//! plans, with every cross-reference resolved to an index. Nothing after this stage sees an id
//! that might not exist.

pub mod bound;
pub mod formula;

use crate::error::{Error, Position, Suggestion, Text, Warning};

/// The years a figure or a target may be given for: anything else is a typo.
pub const YEARS: std::ops::RangeInclusive<i32> = 1945..=2100;
use crate::load::{self, data, SourceFile};
use rayon::prelude::*;
// Keys are small indexes and ids the site itself declares: a fast hash, not one hardened against
// chosen keys, and the same order in every run.
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use toml::Spanned;

macro_rules! index_type {
    ($name:ident) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub usize);
    };
}
index_type!(RegionIdx);
index_type!(SeriesIdx);
index_type!(IndicatorIdx);
index_type!(SourceIdx);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Nation,
    Province,
    District,
    Commune,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    /// Vietnamese order, as on every page: 31/12/2019.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{}", self.day, self.month, self.year)
    }
}

#[derive(Debug, Clone)]
pub struct Region {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub level: Level,
    pub parent: Option<RegionIdx>,
    pub children: Vec<RegionIdx>,
    pub from: Option<Date>,
    pub until: Option<Date>,
    pub became: Vec<RegionIdx>,
    /// Units that ceased and became (part of) this one.
    pub formed_from: Vec<RegionIdx>,
    pub note_vi: String,
    pub note_en: String,
}

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

#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub note: String,
}

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
    /// The same figure as pages show it: everything but where it is written.
    pub fn same_as(&self, other: &Figure) -> bool {
        self.actual == other.actual
            && self.plan == other.plan
            && self.source == other.source
            && self.plan_source == other.plan_source
            && self.qualifier == other.qualifier
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
    fn gather(
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
                                    series: raw.series.get_ref().clone(),
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    AtLeast,
    AtMost,
    Exactly,
}

#[derive(Debug, Clone)]
pub struct Target {
    pub metric: Metric,
    pub region: RegionIdx,
    pub year: i32,
    /// In the metric's own scale: a ratio for percent indicators, growth and development index.
    pub value: f64,
    pub comparison: Comparison,
    /// The figure as the document prints it.
    pub printed: String,
    pub base_year: Option<i32>,
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

/// A page of prose, such as the editors' guide, from `content/pages/<slug>.md`.
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub title_en: String,
    pub summary: String,
    pub summary_en: String,
    pub body: String,
    pub body_pos: Position,
}

/// First path segments the site's own pages use: a page of prose cannot take them.
pub const RESERVED_SLUGS: &[&str] = &[
    "vung",
    "chi-tieu",
    "ke-hoach",
    "phuong-phap",
    "du-lieu",
    "tim-kiem",
    "nhung",
    "en",
    "fonts",
];

/// What a printed figure states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintedMeasure {
    Value,
    Attainment,
    Increase,
    Growth,
    DevelopmentIndex,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintedOf {
    Series(SeriesIdx, PrintedMeasure),
    Indicator(IndicatorIdx),
}

/// A figure as a document prints it, in the unit it is printed in (percent for rates).
#[derive(Debug, Clone)]
pub struct Printed {
    pub region: RegionIdx,
    pub year: i32,
    pub of: PrintedOf,
    /// As printed: "6,37%".
    pub text: String,
    pub value: f64,
    /// Decimals printed: the precision the comparison allows.
    pub decimals: usize,
    pub pos: Position,
}

/// Reads a number as Vietnamese documents print it: "5.122", "+186", "6,37%", "−1,5".
/// Returns the value and its decimals; `None` when it is not such a number.
pub fn parse_printed(text: &str) -> Option<(f64, usize)> {
    let t = text.trim().trim_end_matches('%').trim();
    let (sign, digits) = match t.chars().next()? {
        '+' => (1.0, &t[1..]),
        '-' => (-1.0, &t[1..]),
        '−' => (-1.0, &t['−'.len_utf8()..]),
        _ => (1.0, t),
    };
    let digits = digits.trim();
    let (int, frac) = digits.split_once(',').unwrap_or((digits, ""));
    // Thousands are grouped by dots in threes: "489.923", never "48.99".
    let groups: Vec<&str> = int.split('.').collect();
    let grouped_ok = groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    if int.is_empty()
        || !grouped_ok && groups.len() > 1
        || !int.chars().all(|c| c.is_ascii_digit() || c == '.')
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let plain = format!(
        "{}.{}",
        int.replace('.', ""),
        if frac.is_empty() { "0" } else { frac }
    );
    Some((sign * plain.parse::<f64>().ok()?, frac.len()))
}

/// The validated site: everything later stages read.
#[derive(Debug)]
pub struct Site {
    pub config: load::config::Config,
    pub regions: Vec<Region>,
    pub series: Vec<Series>,
    pub indicators: Vec<Indicator>,
    pub sources: Vec<Source>,
    pub figures: Figures,
    pub plans: Vec<Plan>,
    /// Pages of prose, by file name.
    pub pages: Vec<Page>,
    region_index: FxHashMap<String, RegionIdx>,
    /// Problems that do not stop the build.
    pub warnings: Vec<Warning>,
}

impl Site {
    pub fn region(&self, i: RegionIdx) -> &Region {
        &self.regions[i.0]
    }
    pub fn series(&self, i: SeriesIdx) -> &Series {
        &self.series[i.0]
    }
    pub fn indicator(&self, i: IndicatorIdx) -> &Indicator {
        &self.indicators[i.0]
    }
    pub fn source(&self, i: SourceIdx) -> &Source {
        &self.sources[i.0]
    }
    pub fn region_by_code(&self, code: &str) -> Option<RegionIdx> {
        self.region_index.get(code).copied()
    }
}

/// An id table that remembers where each id was declared.
struct Ids<I> {
    map: FxHashMap<String, (I, Position)>,
}

impl<I: Copy> Ids<I> {
    fn new() -> Self {
        Ids {
            map: FxHashMap::default(),
        }
    }
    fn declare(
        &mut self,
        kind: &'static str,
        id: &Spanned<String>,
        idx: I,
        file: &SourceFile,
        errors: &mut Vec<Error>,
    ) {
        let pos = file.pos(&id.span());
        // Ids become file names and addresses: nothing that could leave the output folder.
        let valid = id
            .get_ref()
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && id
                .get_ref()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !valid {
            errors.push(Error::Invalid {
                pos,
                message: Text::new(
                    format!("`{}` không phải mã hợp lệ ({kind})", id.get_ref()),
                    format!("`{}` is not a valid {kind} id", id.get_ref()),
                ),
                hint: Text::new(
                    format!(
                        "dùng chữ thường không dấu, chữ số, `-` và `_`, ví dụ `{}`",
                        crate::text::slug(id.get_ref())
                    ),
                    format!(
                        "use lower-case letters without accents, digits, `-` and `_`, e.g. `{}`",
                        crate::text::slug(id.get_ref())
                    ),
                ),
            });
            return;
        }
        if let Some((_, first)) = self.map.get(id.get_ref()) {
            errors.push(Error::DuplicateId {
                pos,
                kind,
                id: id.get_ref().clone(),
                first: Box::new(first.clone()),
            });
        } else {
            self.map.insert(id.get_ref().clone(), (idx, pos));
        }
    }
    fn get(&self, id: &str) -> Option<I> {
        self.map.get(id).map(|(i, _)| *i)
    }
    fn names(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }
}

/// Collects the errors of one validation pass.
/// The declared ids are shared, so that files can be checked on several cores at once.
struct Checker {
    errors: Vec<Error>,
    warnings: Vec<Warning>,
    regions: Arc<Ids<RegionIdx>>,
    series: Arc<Ids<SeriesIdx>>,
    indicators: Arc<Ids<IndicatorIdx>>,
    sources: Arc<Ids<SourceIdx>>,
}

impl Checker {
    /// A checker with the same ids and no problems yet, for work done beside this one.
    fn fork(&self) -> Checker {
        Checker {
            errors: Vec::new(),
            warnings: Vec::new(),
            regions: Arc::clone(&self.regions),
            series: Arc::clone(&self.series),
            indicators: Arc::clone(&self.indicators),
            sources: Arc::clone(&self.sources),
        }
    }
    /// Takes over the problems a fork found, after those found so far.
    fn join(&mut self, fork: Checker) {
        self.errors.extend(fork.errors);
        self.warnings.extend(fork.warnings);
    }
    fn region(&mut self, code: &Spanned<String>, file: &SourceFile) -> Option<RegionIdx> {
        let found = self.regions.get(code.get_ref());
        if found.is_none() {
            // "Hướng Hóa" or "huong hoa" for `huong-hoa`: suggest by the code the name makes.
            let suggestion =
                Suggestion::closest(&crate::text::slug(code.get_ref()), self.regions.names());
            self.errors.push(Error::UnknownRegion {
                pos: file.pos(&code.span()),
                code: code.get_ref().clone(),
                suggestion,
            });
        }
        found
    }
    fn indicator(&mut self, id: &Spanned<String>, file: &SourceFile) -> Option<IndicatorIdx> {
        let found = self.indicators.get(id.get_ref());
        if found.is_none() {
            self.errors.push(Error::UnknownIndicator {
                pos: file.pos(&id.span()),
                id: id.get_ref().clone(),
                suggestion: Suggestion::closest(id.get_ref(), self.indicators.names()),
            });
        }
        found
    }
    fn series(&mut self, id: &Spanned<String>, file: &SourceFile) -> Option<SeriesIdx> {
        let found = self.series.get(id.get_ref());
        if found.is_none() {
            self.errors.push(Error::UnknownSeries {
                pos: file.pos(&id.span()),
                name: id.get_ref().clone(),
                suggestion: Suggestion::closest(id.get_ref(), self.series.names()),
            });
        }
        found
    }
    fn source(&mut self, id: &Spanned<String>, file: &SourceFile) -> Option<SourceIdx> {
        let found = self.sources.get(id.get_ref());
        if found.is_none() {
            self.errors.push(Error::UnknownSource {
                pos: file.pos(&id.span()),
                id: id.get_ref().clone(),
                suggestion: Suggestion::closest(id.get_ref(), self.sources.names()),
            });
        }
        found
    }
    fn invalid(
        &mut self,
        file: &SourceFile,
        span: std::ops::Range<usize>,
        message: Text,
        hint: Text,
    ) {
        self.errors.push(Error::Invalid {
            pos: file.pos(&span),
            message,
            hint,
        });
    }
    /// A count must be written as a whole number. Vietnamese "5.122" (five thousand) or "6.000"
    /// are valid TOML decimals, so the written token is checked, not only the value.
    fn whole_count(&mut self, file: &SourceFile, v: &Spanned<f64>) -> bool {
        let span = v.span();
        // A CSV's numbers are read in the declared style, where "5.122" is five thousand: the
        // value tells whether it is whole.
        if file.path.extension().is_some_and(|e| e == "csv") {
            if v.get_ref().fract() == 0.0 {
                return true;
            }
            // Said as the editor typed it: "2.400.000,5", not 2400000.5.
            let cell = file.text.get(span.clone()).unwrap_or("").trim();
            self.invalid(
                file,
                span,
                Text::new(
                    format!("số đếm {cell} không phải số nguyên"),
                    format!("count {cell} is not a whole number"),
                ),
                Text::new(
                    "số người hay số đơn vị là số nguyên; kiểm tra ô này trong Excel",
                    "a count of people or units is whole; check this cell in Excel",
                ),
            );
            return false;
        }
        let token = file
            .text
            .get(file.offset + span.start..file.offset + span.end)
            .unwrap_or("")
            .trim();
        if token
            .chars()
            .all(|ch| ch.is_ascii_digit() || ch == '-' || ch == '_')
        {
            return true;
        }
        let digits: String = token.chars().filter(char::is_ascii_digit).collect();
        self.invalid(
            file,
            span,
            Text::new(
                format!("số đếm {token} không phải số nguyên"),
                format!("count {token} is not a whole number"),
            ),
            Text::new(
                format!("viết số đếm là số nguyên, không có dấu phân cách hàng nghìn: {digits}, không phải {token}"),
                format!("write counts as whole numbers without thousands separators: {digits}, not {token}"),
            ),
        );
        false
    }

    /// Parses one of a fixed set of keywords.
    fn keyword<T: Copy>(
        &mut self,
        value: &Spanned<String>,
        file: &SourceFile,
        what: &str,
        options: &[(&str, T)],
    ) -> Option<T> {
        let found = options
            .iter()
            .find(|(k, _)| k == value.get_ref())
            .map(|(_, v)| *v);
        if found.is_none() {
            let names: Vec<String> = options.iter().map(|(k, _)| format!("`{k}`")).collect();
            self.invalid(
                file,
                value.span(),
                Text::new(
                    format!("giá trị `{}` không hợp lệ cho {what}", value.get_ref()),
                    format!("unknown {what} `{}`", value.get_ref()),
                ),
                Text::new(
                    format!("dùng một trong: {}", names.join(", ")),
                    format!("use one of {}", names.join(", ")),
                ),
            );
        }
        found
    }
}

fn date(d: &Option<toml::value::Datetime>) -> Option<Date> {
    d.as_ref()?.date.map(|d| Date {
        year: d.year,
        month: d.month,
        day: d.day,
    })
}

impl Level {
    /// The level's name in the data files and the configuration.
    pub fn key(self) -> &'static str {
        LEVELS
            .iter()
            .find(|(_, l)| *l == self)
            .map_or("", |(k, _)| k)
    }
}

/// The levels' names in the data files and the configuration, from the top.
pub const LEVELS: &[(&str, Level)] = &[
    ("nation", Level::Nation),
    ("province", Level::Province),
    ("district", Level::District),
    ("commune", Level::Commune),
];

/// Validates the loaded input and builds the model, reporting every problem found.
pub fn build(mut input: load::Input) -> Result<Site, Error> {
    // Problems the loader could step over (a bad CSV cell): reported with the rest.
    let mut errors = std::mem::take(&mut input.problems);

    // Declarations first, so references may point forwards.
    let rf = &input.regions.file;
    let mut region_ids = Ids::new();
    for (i, r) in input.regions.data.region.iter().enumerate() {
        region_ids.declare("region", &r.code, RegionIdx(i), rf, &mut errors);
    }
    let sf = &input.series.file;
    let mut series_ids = Ids::new();
    for (i, s) in input.series.data.series.iter().enumerate() {
        series_ids.declare("series", &s.id, SeriesIdx(i), sf, &mut errors);
    }
    let inf = &input.indicators.file;
    let mut indicator_ids = Ids::new();
    for (i, s) in input.indicators.data.indicator.iter().enumerate() {
        indicator_ids.declare("indicator", &s.id, IndicatorIdx(i), inf, &mut errors);
    }
    let srcf = &input.sources.file;
    let mut source_ids = Ids::new();
    for (i, s) in input.sources.data.source.iter().enumerate() {
        source_ids.declare("source", &s.id, SourceIdx(i), srcf, &mut errors);
    }
    let mut c = Checker {
        errors,
        warnings: Vec::new(),
        regions: Arc::new(region_ids),
        series: Arc::new(series_ids),
        indicators: Arc::new(indicator_ids),
        sources: Arc::new(source_ids),
    };

    let mut regions = Vec::new();
    for r in &input.regions.data.region {
        let level = c
            .keyword(&r.level, rf, "level", LEVELS)
            .unwrap_or(Level::Commune);
        let parent = r.parent.as_ref().and_then(|p| c.region(p, rf));
        let became = r.became.iter().filter_map(|b| c.region(b, rf)).collect();
        if r.name_en.is_empty() {
            c.warnings.push(untranslated(
                rf.pos(&r.code.span()),
                "region",
                r.code.get_ref(),
            ));
        }
        regions.push(Region {
            code: r.code.get_ref().clone(),
            name_vi: r.name_vi.clone(),
            name_en: r.name_en.clone(),
            level,
            parent,
            children: Vec::new(),
            from: date(&r.from),
            until: date(&r.until),
            became,
            formed_from: Vec::new(),
            note_vi: r.note_vi.clone(),
            note_en: r.note_en.clone(),
        });
    }
    check_region_tree(&mut c, &regions, &input.regions);
    for i in 0..regions.len() {
        if let Some(p) = regions[i].parent {
            regions[p.0].children.push(RegionIdx(i));
        }
        for b in regions[i].became.clone() {
            regions[b.0].formed_from.push(RegionIdx(i));
        }
    }

    let mut series = Vec::new();
    for s in &input.series.data.series {
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
        let parts = s.parts.iter().filter_map(|p| c.series(p, sf)).collect();
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

    let mut indicators = Vec::new();
    for ind in &input.indicators.data.indicator {
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
                    decimals: match &ind.decimals {
                        Some(d) if *d.get_ref() > 6 => {
                            c.invalid(
                                inf,
                                d.span(),
                                Text::new(
                                    format!("{} chữ số thập phân là nhiều hơn mọi nguồn số liệu", d.get_ref()),
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
                    },
                    higher_is_better: ind.higher_is_better,
                    // Written as pages show it (100 for 100%), kept as the formula gives it.
                    maximum: ind.maximum.map(|m| match unit {
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

    let mut sources = Vec::new();
    for s in &input.sources.data.source {
        let url = match &s.url {
            // Only web addresses: a `javascript:` link must never reach a page.
            Some(u)
                if !(u.get_ref().starts_with("https://") || u.get_ref().starts_with("http://")) =>
            {
                c.invalid(
                    srcf,
                    u.span(),
                    Text::new(
                        format!("`{}` không phải địa chỉ web", u.get_ref()),
                        format!("`{}` is not a web address", u.get_ref()),
                    ),
                    Text::new(
                        "viết đầy đủ địa chỉ, bắt đầu bằng https://",
                        "write the full address, starting with https://",
                    ),
                );
                String::new()
            }
            Some(u) => u.get_ref().clone(),
            None => String::new(),
        };
        sources.push(Source {
            id: s.id.get_ref().clone(),
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            url,
            note: s.note.clone(),
        });
    }

    // A national site has a figures file per year with a row per region and series: the
    // files' rows are checked on all cores, then gathered in file order, so that a duplicate
    // is reported against the figure the earlier file gives.
    let checked: Vec<(Checker, Vec<CheckedFigure>)> = input
        .figures
        .par_iter()
        .map(|f| {
            let mut fc = c.fork();
            let rows = figures_file(&mut fc, f, &regions, &series);
            (fc, rows)
        })
        .collect();
    let mut files = Vec::with_capacity(checked.len());
    for (fc, rows) in checked {
        c.join(fc);
        files.push(rows);
    }
    let (mut figures, duplicates) = Figures::gather(regions.len(), series.len(), &files);
    c.errors.extend(duplicates);

    derive_totals(&mut figures, &series, &mut c.warnings);
    sub_regions_within_parent(&figures, &regions, &series, &mut c.warnings);

    let mut plans = Vec::new();
    for p in &input.plans {
        let file = &p.file;
        let fm = &p.front;
        let Some(region) = c.region(&fm.region, file) else {
            continue;
        };
        let mut targets = Vec::new();
        let issued = date(&fm.date).map(|d| i32::from(d.year));
        for t in &fm.target {
            if issued.is_some_and(|y| *t.year.get_ref() < y) {
                c.warnings.push(Warning {
                    pos: file.pos(&t.year.span()),
                    message: Text::new(
                        format!(
                            "năm mục tiêu {} ở trước năm ban hành kế hoạch ({})",
                            t.year.get_ref(),
                            issued.unwrap_or_default()
                        ),
                        format!(
                            "target year {} is before the plan was issued ({})",
                            t.year.get_ref(),
                            issued.unwrap_or_default()
                        ),
                    ),
                });
            }
            if let Some(target) = target(&mut c, file, t, region, &regions, &indicators, &series) {
                targets.push(target);
            }
        }
        if fm.title_en.is_empty() {
            c.warnings
                .push(untranslated(Position::file(&file.path), "plan", &p.slug));
        }
        let printed = fm
            .printed
            .iter()
            .filter_map(|raw| printed(&mut c, file, raw, region))
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
            base_year: fm.base_year,
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
    let pages = input.pages.iter().filter_map(|p| page(&mut c, p)).collect();
    // Newest plans first, as readers look for them.
    plans.sort_by(|a, b| b.date.cmp(&a.date).then(a.slug.cmp(&b.slug)));

    if c.regions.get(&input.config.headline_region).is_none() {
        c.errors.push(Error::Invalid {
            pos: input.config.headline_region_pos.clone(),
            message: Text::new(
                format!(
                    "headline_region `{}` không phải một vùng",
                    input.config.headline_region
                ),
                format!(
                    "headline_region `{}` is not a region",
                    input.config.headline_region
                ),
            ),
            hint: Text::new(
                "đặt `headline_region` là một mã trong data/regions.toml",
                "set `headline_region` to a code from data/regions.toml",
            ),
        });
    }
    if !c.errors.is_empty() {
        return Err(Error::from_many(c.errors));
    }
    let region_index = c
        .regions
        .map
        .iter()
        .map(|(k, (i, _))| (k.clone(), *i))
        .collect();
    let site = Site {
        config: input.config,
        regions,
        series,
        indicators,
        sources,
        figures,
        plans,
        pages,
        region_index,
        warnings: c.warnings,
    };
    Ok(site)
}

fn page(c: &mut Checker, p: &load::content::PageFile) -> Option<Page> {
    let slug_ok = !p.slug.is_empty()
        && p.slug
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-');
    if !slug_ok || RESERVED_SLUGS.contains(&p.slug.as_str()) {
        c.errors.push(Error::Invalid {
            pos: Position::file(&p.file.path),
            message: Text::new(
                format!("tên tệp `{}` không dùng được làm địa chỉ trang", p.slug),
                format!("the file name `{}` cannot be a page's address", p.slug),
            ),
            hint: Text::new(
                format!(
                    "đặt tên tệp bằng chữ thường không dấu, chữ số và `-`, khác với {}",
                    RESERVED_SLUGS.join(", ")
                ),
                format!(
                    "name the file with lower-case letters without accents, digits and `-`, other than {}",
                    RESERVED_SLUGS.join(", ")
                ),
            ),
        });
        return None;
    }
    Some(Page {
        slug: p.slug.clone(),
        title: p.front.title.clone(),
        title_en: p.front.title_en.clone(),
        summary: p.front.summary.clone(),
        summary_en: p.front.summary_en.clone(),
        body: p.body.clone(),
        body_pos: p.body_pos.clone(),
    })
}

/// A parent must be a unit of a higher level (which also rules out cycles), and a unit that
/// ceased must say what it became only with an end date.
fn check_region_tree(c: &mut Checker, regions: &[Region], raw: &data::Loaded<data::RegionsFile>) {
    for (i, (region, r)) in regions.iter().zip(&raw.data.region).enumerate() {
        if let (Some(p), Some(span)) = (region.parent, r.parent.as_ref()) {
            if regions[p.0].level >= region.level {
                c.invalid(
                    &raw.file,
                    span.span(),
                    Text::new(
                        format!(
                            "`{}` không thể là cấp trên của `{}`: cấp trên phải ở cấp cao hơn",
                            regions[p.0].code, region.code
                        ),
                        format!(
                            "`{}` cannot be the parent of `{}`: a parent must be of a higher level",
                            regions[p.0].code, region.code
                        ),
                    ),
                    Text::new(
                        "các cấp là toàn quốc > tỉnh > huyện > xã",
                        "the levels are nation > province > district > commune",
                    ),
                );
            }
        }
        if region.became.contains(&RegionIdx(i)) {
            c.invalid(
                &raw.file,
                r.code.span(),
                Text::new(
                    format!("`{}` không thể trở thành chính nó", region.code),
                    format!("`{}` cannot become itself", region.code),
                ),
                Text::new(
                    "liệt kê các đơn vị mà nó được sáp nhập vào",
                    "list the units it became part of",
                ),
            );
        }
        if !region.became.is_empty() && region.until.is_none() {
            c.invalid(
                &raw.file,
                r.code.span(),
                Text::new(
                    format!(
                        "`{}` ghi đơn vị kế thừa nhưng không có ngày `until`",
                        region.code
                    ),
                    format!(
                        "`{}` lists what it became but has no `until` date",
                        region.code
                    ),
                ),
                Text::new(
                    "thêm `until = YYYY-MM-DD`, ngày cuối cùng đơn vị còn tồn tại",
                    "add `until = YYYY-MM-DD`, the last day the unit existed",
                ),
            );
        }
        if let (Some(from), Some(until)) = (region.from, region.until) {
            if from > until {
                c.invalid(
                    &raw.file,
                    r.code.span(),
                    Text::new(
                        format!("`{}` kết thúc trước khi bắt đầu", region.code),
                        format!("`{}` ends before it starts", region.code),
                    ),
                    Text::new("kiểm tra `from` và `until`", "check `from` and `until`"),
                );
            }
        }
    }
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
            warnings.push(Warning {
                pos: fig.pos.clone(),
                message: Text::new(
                    format!("`{id}` của `{code}` năm {year} là {total}, nhưng {units} đơn vị trực thuộc cộng lại được {sum}, nhiều hơn cả tổng; kiểm tra số liệu của các đơn vị trực thuộc và của `{code}`"),
                    format!("`{id}` of `{code}` in {year} is {total}, but its {units} units add up to {sum}, more than the whole; check the units' figures and that of `{code}`"),
                ),
            });
        }
    }
}

/// Where a series is declared the sum of parts and a region's year has every part but not the
/// total, the total is their sum (BHXH = compulsory + voluntary), marked as derived.
/// Where the total is given too, it must equal the sum of exact parts: a warning says where not.
fn derive_totals(figures: &mut Figures, series: &[Series], warnings: &mut Vec<Warning>) {
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
                let Some(sum) = parts.iter().map(|f| f.actual).sum::<Option<f64>>() else {
                    continue;
                };
                if let Some((given, total_fig)) = existing.and_then(|f| Some((f.actual?, f))) {
                    let exact = total_fig.qualifier.is_none()
                        && parts.iter().all(|f| f.qualifier.is_none());
                    if exact && (given - sum).abs() > 0.5 {
                        let names: Vec<&str> =
                            s.parts.iter().map(|p| series[p.0].id.as_str()).collect();
                        warnings.push(Warning {
                            pos: total_fig.pos.clone(),
                            message: Text::new(
                                format!(
                                    "`{}` năm {year} là {given} nhưng các phần {} cộng lại được {sum}",
                                    s.id,
                                    names.join(" + ")
                                ),
                                format!(
                                    "`{}` in {year} is {given} but its parts {} add up to {sum}",
                                    s.id,
                                    names.join(" + ")
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

/// A figure that passed its checks, with its region, series and year and the row it came from.
type CheckedFigure<'a> = (RegionIdx, SeriesIdx, i32, Figure, &'a data::RawFigure);

/// The figures of one file that pass their checks, with their region, series and year; the
/// problems of the others go to `c`.
fn figures_file<'a>(
    c: &mut Checker,
    f: &'a data::Loaded<data::FiguresFile>,
    regions: &[Region],
    series: &[Series],
) -> Vec<CheckedFigure<'a>> {
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
        return Vec::new();
    }
    if !check_file_name_year(c, file, &f.data.year) {
        return Vec::new();
    }
    f.data
        .figure
        .iter()
        .filter_map(|raw| {
            let (r, s, figure) = figure(c, file, raw, year, regions, series)?;
            Some((r, s, year, figure, raw))
        })
        .collect()
}

/// What is wrong with a year outside the years the site covers.
fn year_out_of_range(year: i32) -> Text {
    Text::new(
        format!(
            "năm {year} nằm ngoài khoảng cho phép ({}–{})",
            YEARS.start(),
            YEARS.end()
        ),
        format!(
            "year {year} is out of range ({}–{})",
            YEARS.start(),
            YEARS.end()
        ),
    )
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

fn figure(
    c: &mut Checker,
    file: &SourceFile,
    raw: &data::RawFigure,
    year: i32,
    regions: &[Region],
    series: &[Series],
) -> Option<(RegionIdx, SeriesIdx, Figure)> {
    let region = c.region(&raw.region, file);
    let s = c.series(&raw.series, file);
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
    if raw.actual.is_none() && raw.plan.is_none() {
        c.invalid(
            file,
            raw.series.span(),
            Text::new(
                "số liệu không có cả `actual` lẫn `plan`",
                "the figure has neither `actual` nor `plan`",
            ),
            Text::new(
                "ghi `actual = …` (số thực hiện tại 31/12), `plan = …` (kế hoạch được giao), hoặc cả hai",
                "give `actual = …` (the value at 31 December), `plan = …` (the assigned plan), or both",
            ),
        );
        return None;
    }
    let (region, s, source, plan_source) = (region?, s?, source?, plan_source?);
    if let Some(r) = regions.get(region.0) {
        // A figure is at 31 December: the unit must exist on that day.
        let day = Date {
            year: year as u16,
            month: 12,
            day: 31,
        };
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
                                "từ {} đơn vị này đã trở thành {}: ghi số liệu năm {year} cho đơn vị đó",
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
            return None;
        }
    }
    let mut ok = true;
    for v in [&raw.actual, &raw.plan].into_iter().flatten() {
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
        } else if value < 0.0 && series[s.0].kind == SeriesKind::Count {
            c.errors.push(Error::NegativeCount {
                pos: file.pos(&v.span()),
                series: raw.series.get_ref().clone(),
                value,
            });
            ok = false;
        } else if series[s.0].kind == SeriesKind::Count && !c.whole_count(file, v) {
            ok = false;
        } else if series[s.0].kind == SeriesKind::Percent && !(0.0..=100.0).contains(&value) {
            c.invalid(
                file,
                v.span(),
                Text::new(
                    format!("{value} không phải tỷ lệ phần trăm từ 0 đến 100"),
                    format!("{value} is not a percentage between 0 and 100"),
                ),
                Text::new(
                    "dãy tỷ lệ ghi theo phần trăm: 24.8 cho 24,8%",
                    "percent series are written in percent: 24.8 for 24,8%",
                ),
            );
            ok = false;
        }
    }
    ok.then(|| {
        (
            region,
            s,
            Figure {
                actual: raw.actual.as_ref().map(|v| *v.get_ref()),
                plan: raw.plan.as_ref().map(|v| *v.get_ref()),
                source,
                plan_source,
                qualifier,
                note: raw.note.clone(),
                derived: false,
                pos: file.pos(&raw.region.span()),
            },
        )
    })
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

/// A printed figure resolved: what it states, and its number read as printed.
fn printed(
    c: &mut Checker,
    file: &SourceFile,
    raw: &load::content::RawPrinted,
    plan_region: RegionIdx,
) -> Option<Printed> {
    let region = match &raw.region {
        Some(r) => c.region(r, file)?,
        None => plan_region,
    };
    let of = match (&raw.indicator, &raw.series) {
        (Some(id), None) => {
            let i = c.indicator(id, file)?;
            PrintedOf::Indicator(i)
        }
        (None, Some(id)) => {
            let s = c.series(id, file)?;
            let measure = match &raw.measure {
                Some(m) => c.keyword(
                    m,
                    file,
                    "measure",
                    &[
                        ("value", PrintedMeasure::Value),
                        ("attainment", PrintedMeasure::Attainment),
                        ("increase", PrintedMeasure::Increase),
                        ("growth", PrintedMeasure::Growth),
                        ("development_index", PrintedMeasure::DevelopmentIndex),
                    ],
                )?,
                None => PrintedMeasure::Value,
            };
            PrintedOf::Series(s, measure)
        }
        _ => {
            c.invalid(
                file,
                raw.year.span(),
                Text::new(
                    "số liệu công bố không ghi đúng một `indicator` hoặc một `series`",
                    "a printed figure names neither one `indicator` nor one `series`",
                ),
                Text::new(
                    "ghi `series = \"bhxh\"` (kèm `measure`) hoặc `indicator = \"bao_phu_bhxh\"`",
                    "write `series = \"bhxh\"` (with `measure`) or `indicator = \"bao_phu_bhxh\"`",
                ),
            );
            return None;
        }
    };
    let Some((value, decimals)) = parse_printed(raw.value.get_ref()) else {
        c.invalid(
            file,
            raw.value.span(),
            Text::new(
                format!(
                    "`{}` không phải một con số như văn bản in",
                    raw.value.get_ref()
                ),
                format!(
                    "`{}` is not a number as documents print it",
                    raw.value.get_ref()
                ),
            ),
            Text::new(
                "chép đúng con số như văn bản in, kiểu Việt Nam: \"5.122\", \"93,9%\", \"+186\"",
                "copy the figure as printed, Vietnamese style: \"5.122\", \"93,9%\", \"+186\"",
            ),
        );
        return None;
    };
    Some(Printed {
        region,
        year: *raw.year.get_ref(),
        of,
        text: raw.value.get_ref().clone(),
        value,
        decimals,
        pos: file.pos(&raw.value.span()),
    })
}

fn target(
    c: &mut Checker,
    file: &SourceFile,
    t: &load::content::RawTarget,
    plan_region: RegionIdx,
    regions: &[Region],
    indicators: &[Indicator],
    series: &[Series],
) -> Option<Target> {
    let region = match &t.region {
        Some(r) => c.region(r, file)?,
        None => plan_region,
    };
    let comparison = c.keyword(
        &t.comparison,
        file,
        "comparison",
        &[
            ("at_least", Comparison::AtLeast),
            ("at_most", Comparison::AtMost),
            ("exactly", Comparison::Exactly),
        ],
    )?;
    let value = *t.value.get_ref();
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
                t.year.span(),
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
    let year = *t.year.get_ref();
    if !YEARS.contains(&year) {
        c.invalid(
            file,
            t.year.span(),
            year_out_of_range(year),
            Text::new(
                "ghi năm của mục tiêu, ví dụ `year = 2025`",
                "write the target year, e.g. `year = 2025`",
            ),
        );
        return None;
    }
    if let Some(from) = regions[region.0].from {
        if year < i32::from(from.year) {
            c.invalid(
                file,
                t.year.span(),
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
            return None;
        }
    }
    if let Some((printed, decimals)) = printed_number(&t.printed, scale != 1.0) {
        let tolerance = 0.5 * 10f64.powi(-(decimals as i32)) + 1e-9;
        if (printed - value).abs() > tolerance {
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
            return None;
        }
    }
    Some(Target {
        metric,
        region,
        year: *t.year.get_ref(),
        value: value * scale,
        comparison,
        printed: t.printed.clone(),
        base_year: t.base_year,
    })
}

/// An English page shows the Vietnamese name, marked; the editor hears of it.
fn untranslated(pos: Position, what: &str, id: &str) -> Warning {
    let key = if what == "plan" {
        "title_en"
    } else {
        "name_en"
    };
    Warning {
        pos,
        message: Text::new(
            format!("{what} `{id}` chưa có `{key}`: trang tiếng Anh hiện tên tiếng Việt, kèm dấu \"(Vietnamese name)\"; thêm `{key} = \"…\"`"),
            format!("{what} `{id}` has no `{key}`: English pages show its Vietnamese name, marked \"(Vietnamese name)\"; add `{key} = \"…\"`"),
        ),
    }
}

#[cfg(test)]
mod printed_tests {
    use super::parse_printed;

    #[test]
    fn printed_numbers_read_as_documents_write_them() {
        assert_eq!(parse_printed("5.122"), Some((5122.0, 0)));
        assert_eq!(parse_printed("489.923"), Some((489923.0, 0)));
        assert_eq!(parse_printed("93,9%"), Some((93.9, 1)));
        assert_eq!(parse_printed("+186"), Some((186.0, 0)));
        assert_eq!(parse_printed("−1,25"), Some((-1.25, 2)));
        assert_eq!(parse_printed("48.99"), None);
        assert_eq!(parse_printed("abc"), None);
        assert_eq!(parse_printed(""), None);
    }
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
