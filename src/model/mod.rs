//! Model stage: turns raw loaded records into validated regions, series, indicators, figures and
//! plans, with every cross-reference resolved to an index. Nothing after this stage sees an id
//! that might not exist.

mod body;
pub mod bound;
mod check;
mod figure;
pub mod formula;
mod page;
mod plan;
mod printed;
mod published;
mod region;
mod series;
mod source;
mod span;

pub use figure::{Figure, Figures, Qualifier};
pub use page::Page;
pub use plan::{Comparison, Measure, Metric, Plan, Target, Task};
pub use printed::{parse_printed, Printed, PrintedMeasure, PrintedOf};
pub use published::Published;
pub use region::{Date, Level, Region, LEVELS};
pub use series::{Indicator, Series, SeriesKind, Unit};
pub use source::Source;
pub use span::Span;

use crate::error::{Error, Text, Warning};
use crate::load;
use check::Checker;
// Keys are small indexes and ids the site itself declares: a fast hash, not one hardened against
// chosen keys, and the same order in every run.
use rustc_hash::FxHashMap;

/// The years a figure or a target may be given for: anything else is a typo.
pub const YEARS: std::ops::RangeInclusive<i32> = 1945..=2100;

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

/// The validated site: everything later stages read.
#[derive(Debug)]
pub struct Site {
    pub config: load::config::Config,
    pub regions: Vec<Region>,
    pub series: Vec<Series>,
    pub indicators: Vec<Indicator>,
    pub sources: Vec<Source>,
    pub figures: Figures,
    /// Indicator values as sources publish them.
    pub published: Published,
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

/// Validates the loaded input and builds the model, reporting every problem found.
pub fn build(mut input: load::Input) -> Result<Site, Error> {
    // Problems the loader could step over (a bad CSV cell): reported with the rest.
    let errors = std::mem::take(&mut input.problems);
    // Declarations first, so references may point forwards.
    let mut c = Checker::declare(&input, errors);
    // Files the loader did not read, and why.
    c.warnings.append(&mut input.warnings);
    let regions = region::regions(&mut c, &input.regions);
    let series = series::series(&mut c, &input.series);
    let indicators = series::indicators(&mut c, &input.indicators);
    let sources = source::sources(&mut c, &input.sources);
    let (figures, published) =
        figure::figures(&mut c, &input.figures, &regions, &series, &indicators);
    let plans = plan::plans(&mut c, &input.plans, &regions, &indicators, &series);
    source::check_documents(&mut c, &input.sources, &plans);
    let pages = page::pages(&mut c, &input.pages);
    check_texts(&mut c, &input);
    check_headline_region(&mut c, &input.config);
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
        published,
        plans,
        pages,
        region_index,
        warnings: c.warnings,
    };
    Ok(site)
}

/// The texts of plans and pages, as markdown.
fn check_texts(c: &mut Checker, input: &load::Input) {
    let plans = input.plans.iter().map(|p| (&p.body, &p.body_pos));
    let pages = input.pages.iter().map(|p| (&p.body, &p.body_pos));
    for (body, start) in plans.chain(pages) {
        body::check(c, body, start);
    }
}

/// The region the home page leads with must be one the data declare.
fn check_headline_region(c: &mut Checker, config: &load::config::Config) {
    if c.regions.get(&config.headline_region).is_none() {
        c.errors.push(Error::Invalid {
            pos: config.headline_region_pos.clone(),
            message: Text::new(
                format!(
                    "headline_region `{}` không phải một vùng",
                    config.headline_region
                ),
                format!(
                    "headline_region `{}` is not a region",
                    config.headline_region
                ),
            ),
            hint: Text::new(
                "đặt `headline_region` là một mã trong data/regions.toml",
                "set `headline_region` to a code from data/regions.toml",
            ),
        });
    }
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
