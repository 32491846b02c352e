//! Load stage: reads the site configuration, `data/` and `content/` into raw, unvalidated records
//! that remember where each value came from.

pub mod config;
pub mod content;
pub mod csv;
pub mod data;
mod source;
pub mod theme;

pub use source::SourceFile;

use crate::error::Error;
use std::path::{Path, PathBuf};

/// Everything read from a site folder, before validation.
#[derive(Debug)]
pub struct Input {
    pub root: PathBuf,
    pub config: config::Config,
    pub regions: data::Loaded<data::RegionsFile>,
    pub series: data::Loaded<data::SeriesFile>,
    pub indicators: data::Loaded<data::IndicatorsFile>,
    pub sources: data::Loaded<data::SourcesFile>,
    pub figures: Vec<data::Loaded<data::FiguresFile>>,
    pub plans: Vec<content::PlanFile>,
    pub pages: Vec<content::PageFile>,
    /// Problems in rows the loader left out (a CSV cell that is not a number): errors, but
    /// validation goes on so that every problem is reported at once.
    pub problems: Vec<Error>,
}

/// Reads the whole site folder. All syntax errors are collected, not only the first.
pub fn load(root: &Path) -> Result<Input, Error> {
    let mut errors = Vec::new();
    let config = config::load(root).map_err(|e| errors.push(e)).ok();
    let data = root.join("data");
    let regions = data::load_file(&data.join("regions.toml")).map_err(|e| errors.push(e));
    let series = data::load_file(&data.join("series.toml")).map_err(|e| errors.push(e));
    let indicators = data::load_file(&data.join("indicators.toml")).map_err(|e| errors.push(e));
    let sources = data::load_file(&data.join("sources.toml")).map_err(|e| errors.push(e));
    let mut figures = Vec::new();
    for path in files_with_extension(&data.join("figures"), "toml", &mut errors) {
        match data::load_file(&path) {
            Ok(f) => figures.push(f),
            Err(e) => errors.push(e),
        }
    }
    // Figures saved from Excel are read as they are: no conversion step to forget, and
    // messages point at the row and column the editor typed.
    let numbers = config.as_ref().map(|c| c.csv_numbers).unwrap_or_default();
    let mut problems = Vec::new();
    for path in files_with_extension(&data.join("figures"), "csv", &mut errors) {
        match csv::load(&path, numbers) {
            Ok((years, mut bad_rows)) => {
                figures.extend(years);
                problems.append(&mut bad_rows);
            }
            Err(e) => errors.push(e),
        }
    }
    let mut plans = Vec::new();
    for path in files_with_extension(&root.join("content").join("plans"), "md", &mut errors) {
        match content::load_plan(&path) {
            Ok(p) => plans.push(p),
            Err(e) => errors.push(e),
        }
    }
    let mut pages = Vec::new();
    for path in files_with_extension(&root.join("content").join("pages"), "md", &mut errors) {
        match content::load_page(&path) {
            Ok(p) => pages.push(p),
            Err(e) => errors.push(e),
        }
    }
    match (config, regions, series, indicators, sources) {
        (Some(config), Ok(regions), Ok(series), Ok(indicators), Ok(sources))
            if errors.is_empty() =>
        {
            Ok(Input {
                root: root.to_path_buf(),
                config,
                regions,
                series,
                indicators,
                sources,
                figures,
                plans,
                pages,
                problems,
            })
        }
        _ => Err(Error::from_many(errors)),
    }
}

/// The files directly in `dir` ending in `.ext`, sorted by name so every build reads them in
/// the same order.
fn files_with_extension(dir: &Path, ext: &str, errors: &mut Vec<Error>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == ext) => {
                out.push(e.into_path())
            }
            Ok(_) => {}
            Err(e) => errors.push(Error::io(dir, e.into())),
        }
    }
    out
}
