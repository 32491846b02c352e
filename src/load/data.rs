//! The TOML data files under `data/`: regions, series, indicators, sources and one figures file
//! per reporting year. Values that later checks must point at are kept with their spans.

use super::SourceFile;
use crate::error::Error;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::path::Path;
use toml::value::Datetime;
use toml::Spanned;

/// A parsed file together with its text, for positions.
#[derive(Debug)]
pub struct Loaded<T> {
    pub file: SourceFile,
    pub data: T,
}

pub fn load_file<T: DeserializeOwned>(path: &Path) -> Result<Loaded<T>, Error> {
    let file = SourceFile::read(path)?;
    let data = file.parse(&file.text)?;
    Ok(Loaded { file, data })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionsFile {
    #[serde(default)]
    pub region: Vec<RawRegion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    pub code: Spanned<String>,
    pub name_vi: String,
    #[serde(default)]
    pub name_en: String,
    pub level: Spanned<String>,
    /// The unit's code in the GSO list of administrative units ("44" for Quảng Trị).
    pub gso: Option<Spanned<String>>,
    pub parent: Option<Spanned<String>>,
    /// First day the unit existed, when known.
    pub from: Option<Datetime>,
    /// Last day the unit existed; absent for current units.
    pub until: Option<Datetime>,
    /// The units it became part of when it ceased.
    #[serde(default)]
    pub became: Vec<Spanned<String>>,
    #[serde(default)]
    pub note_vi: String,
    #[serde(default)]
    pub note_en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesFile {
    #[serde(default)]
    pub series: Vec<RawSeries>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSeries {
    pub id: Spanned<String>,
    pub name_vi: String,
    #[serde(default)]
    pub name_en: String,
    pub kind: Spanned<String>,
    #[serde(default)]
    pub unit_vi: String,
    #[serde(default)]
    pub unit_en: String,
    /// Series that add up to this one (compulsory + voluntary = total).
    #[serde(default)]
    pub parts: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorsFile {
    #[serde(default)]
    pub indicator: Vec<RawIndicator>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub id: Spanned<String>,
    pub name_vi: String,
    #[serde(default)]
    pub name_en: String,
    pub unit: Spanned<String>,
    pub formula: Spanned<String>,
    /// Decimals shown (2 when absent).
    pub decimals: Option<Spanned<u8>>,
    #[serde(default = "yes")]
    pub higher_is_better: bool,
    /// The largest possible value, in the unit pages show (100 for a share in percent).
    pub maximum: Option<Spanned<f64>>,
    #[serde(default)]
    pub description_vi: String,
    #[serde(default)]
    pub description_en: String,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    #[serde(default)]
    pub source: Vec<RawSource>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub publisher: String,
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub note: String,
    /// The sentence its figures were read in, when one sentence gives them all.
    #[serde(default)]
    pub quote: String,
    /// The plan of this site whose document the source is (`content/plans/<slug>.md`), for a
    /// document that has no web address: its text is on the plan's page.
    pub document: Option<Spanned<String>>,
    /// Figures the source prints (`[[source.printed]]`), audited against the data.
    #[serde(default)]
    pub printed: Vec<super::content::RawPrinted>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FiguresFile {
    pub year: Spanned<i32>,
    #[serde(default)]
    pub figure: Vec<RawFigure>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFigure {
    pub region: Spanned<String>,
    /// What the figure counts; a row gives `series` or `indicator`, not both.
    pub series: Option<Spanned<String>>,
    /// An indicator's value as a source publishes it (`value = 25.8` for 25,8%), for rates
    /// published without the counts behind them.
    pub indicator: Option<Spanned<String>>,
    /// The published value of `indicator`, in percent for a percent indicator.
    pub value: Option<Spanned<f64>>,
    /// Value at 31 December of the file's year, or at `as_of`.
    pub actual: Option<Spanned<f64>>,
    /// The plan assigned by the level above (kế hoạch giao).
    pub plan: Option<Spanned<f64>>,
    pub source: Spanned<String>,
    /// Source of the plan value when it differs from `source`.
    pub plan_source: Option<Spanned<String>>,
    /// "about" (≈) or "more_than" (>) when the source gives the figure that way.
    pub qualifier: Option<Spanned<String>>,
    /// The day the figure is at, when not 31 December ("đến 30/9/2022").
    pub as_of: Option<Spanned<Datetime>>,
    /// "estimate" (ước tính, ước thực hiện) when the source gives the figure as an estimate.
    pub status: Option<Spanned<String>>,
    /// The sentence of the source the figure was read in, exactly as printed.
    #[serde(default)]
    pub quote: String,
    #[serde(default)]
    pub note: String,
}
