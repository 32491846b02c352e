//! The site configuration file `config.toml` at the site root.

use super::SourceFile;
use crate::error::{Error, Position};
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

#[derive(Debug, Clone)]
pub struct Config {
    /// Site title in Vietnamese.
    pub title: String,
    pub title_en: String,
    pub description: String,
    /// The public address the site is served from; `--base-url` overrides it.
    pub base_url: String,
    /// Folder under `themes/`.
    pub theme: String,
    /// Which progress method gives a target its headline status: "cagr" or "linear".
    pub progress_method: String,
    /// The region whose figures make the home page's headline.
    pub headline_region: String,
    /// Where `headline_region` is written, for the message if it is not a region.
    pub headline_region_pos: Position,
    /// The publisher named in the footer.
    pub publisher: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_base_url")]
    base_url: String,
    #[serde(default = "default_theme")]
    theme: String,
    progress_method: Option<Spanned<String>>,
    headline_region: Option<Spanned<String>>,
    #[serde(default)]
    publisher: String,
}

fn default_base_url() -> String {
    "/".into()
}
fn default_theme() -> String {
    "default".into()
}

pub const PROGRESS_METHODS: [&str; 2] = ["cagr", "linear"];

pub fn load(root: &Path) -> Result<Config, Error> {
    let file = SourceFile::read(&root.join("config.toml"))?;
    let raw: RawConfig = file.parse(&file.text)?;
    let progress_method = match raw.progress_method {
        Some(m) if !PROGRESS_METHODS.contains(&m.get_ref().as_str()) => {
            return Err(Error::Invalid {
                pos: file.pos(&m.span()),
                message: format!("unknown progress_method `{}`", m.get_ref()),
                hint: "use `cagr` (compound-growth ratio) or `linear` (linear trajectory)".into(),
            })
        }
        Some(m) => m.into_inner(),
        None => "cagr".into(),
    };
    let (headline_region, headline_region_pos) = match raw.headline_region {
        Some(r) => (r.get_ref().clone(), file.pos(&r.span())),
        None => ("vn".into(), Position::file(&file.path)),
    };
    Ok(Config {
        title: raw.title,
        title_en: raw.title_en,
        description: raw.description,
        base_url: raw.base_url,
        theme: raw.theme,
        progress_method,
        headline_region,
        headline_region_pos,
        publisher: raw.publisher,
    })
}
