//! The site configuration file `config.toml` at the site root.

use super::SourceFile;
use crate::error::{Error, Position, Text};
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

#[derive(Debug, Clone)]
pub struct Config {
    /// Site title in Vietnamese.
    pub title: String,
    pub title_en: String,
    pub description: String,
    pub description_en: String,
    /// The public address the site is served from; `--base-url` overrides it.
    pub base_url: String,
    /// How close to an `about` target counts as reached: a share of its value (0.05 for 5%).
    pub about_tolerance: f64,
    /// Where `base_url` is written (the file's start when it is not).
    pub base_url_pos: Position,
    /// Folder under `themes/`.
    pub theme: String,
    /// Which progress method gives a target its headline status.
    pub progress_method: ProgressMethod,
    /// The region whose figures make the home page's headline.
    pub headline_region: String,
    /// Where `headline_region` is written, for the message if it is not a region.
    pub headline_region_pos: Position,
    /// The publisher named in the footer.
    pub publisher: String,
    pub publisher_en: String,
    /// The licence the data downloads are published under, if the publisher has chosen one.
    pub licence: Option<Licence>,
    /// How numbers are written in `data/figures/*.csv`.
    pub csv_numbers: CsvNumbers,
    /// Which levels of units get which files.
    pub pages: PageLevels,
}

/// The levels of units (nation, province, district, commune) whose pages get a share image, a
/// page of their own for each chart, and their own data downloads (CSV and JSON). Every level by
/// default; at national size these files are most of the site, and a publisher may keep them to
/// the upper levels (the whole dataset still has every unit).
#[derive(Debug, Clone)]
pub struct PageLevels {
    pub share_images: Vec<String>,
    pub embeds: Vec<String>,
    pub downloads: Vec<String>,
}

impl PageLevels {
    pub fn share_image(&self, level: &str) -> bool {
        self.share_images.iter().any(|l| l == level)
    }
    pub fn embeds(&self, level: &str) -> bool {
        self.embeds.iter().any(|l| l == level)
    }
    pub fn downloads(&self, level: &str) -> bool {
        self.downloads.iter().any(|l| l == level)
    }
}

const LEVEL_NAMES: [&str; 4] = ["nation", "province", "district", "commune"];

impl Default for PageLevels {
    fn default() -> Self {
        let all: Vec<String> = LEVEL_NAMES.iter().map(|s| s.to_string()).collect();
        PageLevels {
            share_images: all.clone(),
            embeds: all.clone(),
            downloads: all,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPages {
    share_images: Option<Vec<Spanned<String>>>,
    embeds: Option<Vec<Spanned<String>>>,
    downloads: Option<Vec<Spanned<String>>>,
}

/// How the figures in CSV files write their numbers: as Excel writes them in the editor's
/// locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvNumbers {
    /// `1.234.567` and `93,9`: points group thousands, a comma marks decimals.
    #[default]
    Vietnamese,
    /// `1234567` and `93.9`.
    Plain,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCsv {
    numbers: Option<Spanned<String>>,
}

/// A licence as a data package names it.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    /// An SPDX or Open Definition id: `CC-BY-4.0`.
    pub name: String,
    #[serde(default)]
    pub title: String,
    /// Where its text is.
    pub path: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLicence {
    name: String,
    #[serde(default)]
    title: String,
    path: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    description_en: String,
    base_url: Option<Spanned<String>>,
    theme: Option<Spanned<String>>,
    progress_method: Option<Spanned<String>>,
    headline_region: Option<Spanned<String>>,
    #[serde(default)]
    publisher: String,
    #[serde(default)]
    publisher_en: String,
    licence: Option<RawLicence>,
    #[serde(default)]
    csv: RawCsv,
    #[serde(default)]
    pages: RawPages,
    #[serde(default)]
    targets: RawTargets,
}

/// `[targets]`: how targets are read.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTargets {
    /// How close to a "khoảng" (about) target counts as reached, in percent of its value.
    about_tolerance: Option<Spanned<f64>>,
}

/// Why a base URL cannot be used, if it cannot: every link on the site starts with its path.
pub fn base_url_problem(url: &str) -> Option<Text> {
    if url
        .chars()
        .any(|c| c.is_whitespace() || c == '?' || c == '#' || c == '"' || c == '<')
    {
        Some(Text::new(
            "địa chỉ gốc không có dấu cách, `?`, `#`, dấu nháy hay `<`",
            "a base URL has no spaces, `?`, `#`, quotes or `<`",
        ))
    } else if !(url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/'))
        || url.starts_with("//")
    {
        Some(Text::new(
            "ghi đầy đủ địa chỉ (https://example.org/bao-phu/) hoặc một đường dẫn bắt đầu bằng `/`",
            "write a full address (https://example.org/bao-phu/) or a path starting with `/`",
        ))
    } else {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressMethod {
    /// The compound-growth ratio of SDG reporting platforms.
    Cagr,
    /// The linear trajectory from the base year.
    Linear,
}

pub fn load(root: &Path) -> Result<Config, Error> {
    let file = SourceFile::read(&root.join("config.toml"))?;
    let raw: RawConfig = file.parse(&file.text)?;
    let progress_method = progress_method(&file, raw.progress_method)?;
    let base_url_pos = raw
        .base_url
        .as_ref()
        .map_or_else(|| Position::file(&file.path), |u| file.pos(&u.span()));
    let base_url = base_url(&file, raw.base_url)?;
    let (headline_region, headline_region_pos) = match raw.headline_region {
        Some(r) => (r.get_ref().clone(), file.pos(&r.span())),
        None => ("vn".into(), Position::file(&file.path)),
    };
    let csv_numbers = csv_numbers(&file, &raw.csv)?;
    let theme = theme(&file, raw.theme)?;
    let licence = licence(&file, raw.licence)?;
    let about_tolerance = about_tolerance(&file, &raw.targets)?;
    let pages = PageLevels {
        share_images: levels(&file, &raw.pages.share_images)?,
        embeds: levels(&file, &raw.pages.embeds)?,
        downloads: levels(&file, &raw.pages.downloads)?,
    };
    Ok(Config {
        pages,
        csv_numbers,
        title: raw.title,
        title_en: raw.title_en,
        description: raw.description,
        description_en: raw.description_en,
        base_url,
        theme,
        progress_method,
        headline_region,
        headline_region_pos,
        base_url_pos,
        about_tolerance,
        publisher: raw.publisher,
        publisher_en: raw.publisher_en,
        licence,
    })
}

fn progress_method(
    file: &SourceFile,
    given: Option<Spanned<String>>,
) -> Result<ProgressMethod, Error> {
    Ok(match given {
        None => ProgressMethod::Cagr,
        Some(m) => match m.get_ref().as_str() {
            "cagr" => ProgressMethod::Cagr,
            "linear" => ProgressMethod::Linear,
            other => {
                return Err(Error::Invalid {
                    pos: file.pos(&m.span()),
                    message: Text::new(
                        format!("không có progress_method `{other}`"),
                        format!("unknown progress_method `{other}`"),
                    ),
                    hint: Text::new(
                        "dùng `cagr` (tốc độ tăng kép) hoặc `linear` (tiến độ tuyến tính)",
                        "use `cagr` (compound-growth ratio) or `linear` (linear trajectory)",
                    ),
                })
            }
        },
    })
}

fn base_url(file: &SourceFile, given: Option<Spanned<String>>) -> Result<String, Error> {
    Ok(match given {
        Some(u) => {
            if let Some(hint) = base_url_problem(u.get_ref()) {
                return Err(Error::Invalid {
                    pos: file.pos(&u.span()),
                    message: Text::new(
                        format!(
                            "`{}` không dùng được làm địa chỉ gốc (base_url)",
                            u.get_ref()
                        ),
                        format!("`{}` cannot be used as the base URL", u.get_ref()),
                    ),
                    hint,
                });
            }
            u.into_inner()
        }
        None => "/".into(),
    })
}

/// 5% unless the site says otherwise: "khoảng 35%" is reached from 33,25%.
fn about_tolerance(file: &SourceFile, targets: &RawTargets) -> Result<f64, Error> {
    let Some(t) = &targets.about_tolerance else {
        return Ok(0.05);
    };
    let percent = *t.get_ref();
    if percent.is_finite() && (0.0..50.0).contains(&percent) {
        return Ok(percent / 100.0);
    }
    Err(Error::Invalid {
        pos: file.pos(&t.span()),
        message: Text::new(
            format!("about_tolerance = {percent} không phải một tỷ lệ phần trăm từ 0 đến dưới 50"),
            format!("about_tolerance = {percent} is not a percentage from 0 to below 50"),
        ),
        hint: Text::new(
            "ghi sai số chấp nhận cho mục tiêu \"khoảng\", theo phần trăm của giá trị mục tiêu, ví dụ about_tolerance = 5",
            "give how close an \"about\" target must be reached, in percent of its value, e.g. about_tolerance = 5",
        ),
    })
}

fn csv_numbers(file: &SourceFile, csv: &RawCsv) -> Result<CsvNumbers, Error> {
    Ok(match &csv.numbers {
        None => CsvNumbers::Vietnamese,
        Some(n) => match n.get_ref().as_str() {
            "vi" => CsvNumbers::Vietnamese,
            "plain" => CsvNumbers::Plain,
            other => {
                return Err(Error::Invalid {
                    pos: file.pos(&n.span()),
                    message: Text::new(
                        format!("không có kiểu số `{other}` cho CSV"),
                        format!("unknown CSV number style `{other}`"),
                    ),
                    hint: Text::new(
                        "dùng `vi` (1.234,5 như Excel tiếng Việt) hoặc `plain` (1234.5)",
                        "use `vi` (1.234,5, as Vietnamese Excel writes) or `plain` (1234.5)",
                    ),
                })
            }
        },
    })
}

/// The levels of units one key of `[pages]` gives files to; every level when it is not given.
fn levels(file: &SourceFile, given: &Option<Vec<Spanned<String>>>) -> Result<Vec<String>, Error> {
    let Some(given) = given else {
        return Ok(LEVEL_NAMES.iter().map(|s| s.to_string()).collect());
    };
    given
        .iter()
        .map(|l| {
            if LEVEL_NAMES.contains(&l.get_ref().as_str()) {
                Ok(l.get_ref().clone())
            } else {
                Err(Error::Invalid {
                    pos: file.pos(&l.span()),
                    message: Text::new(
                        format!("không có cấp `{}`", l.get_ref()),
                        format!("unknown level `{}`", l.get_ref()),
                    ),
                    hint: Text::new(
                        format!("dùng các cấp: {}", LEVEL_NAMES.join(", ")),
                        format!("use the levels {}", LEVEL_NAMES.join(", ")),
                    ),
                })
            }
        })
        .collect()
}

fn theme(file: &SourceFile, given: Option<Spanned<String>>) -> Result<String, Error> {
    // A theme is a folder of `themes/`, named as a slug: never a path out of the site.
    Ok(match given {
        None => "default".to_string(),
        Some(t) => {
            let name = t.get_ref();
            let valid = !name.is_empty()
                && name.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
                });
            if !valid {
                return Err(Error::Invalid {
                    pos: file.pos(&t.span()),
                    message: Text::new(
                        format!("`{name}` không phải tên một giao diện"),
                        format!("`{name}` is not the name of a theme"),
                    ),
                    hint: Text::new(
                        "ghi tên một thư mục trong themes/, bằng chữ thường không dấu, chữ số, `-` hoặc `_`, ví dụ theme = \"default\"",
                        "write the name of a folder in themes/, in lower-case letters, digits, `-` or `_`, e.g. theme = \"default\"",
                    ),
                });
            }
            t.into_inner()
        }
    })
}

fn licence(file: &SourceFile, given: Option<RawLicence>) -> Result<Option<Licence>, Error> {
    Ok(match given {
        None => None,
        Some(l) => {
            if let Some(hint) = crate::address::link_problem(l.path.get_ref()) {
                return Err(Error::Invalid {
                    pos: file.pos(&l.path.span()),
                    message: Text::new(
                        format!(
                            "`{}` không dùng được làm địa chỉ của giấy phép",
                            l.path.get_ref()
                        ),
                        format!(
                            "`{}` cannot be used as the licence's address",
                            l.path.get_ref()
                        ),
                    ),
                    hint,
                });
            }
            Some(Licence {
                name: l.name,
                title: l.title,
                path: l.path.into_inner(),
            })
        }
    })
}
