//! The site configuration file `config.toml` at the site root.

use super::SourceFile;
use crate::error::Error;
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site title in Vietnamese.
    pub title: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub description: String,
    /// The public address the site is served from; `--base-url` overrides it.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// Folder under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Which progress method gives a target its headline status: "cagr" or "linear".
    #[serde(default = "default_method")]
    pub progress_method: String,
    /// The region whose figures make the home page's headline.
    #[serde(default = "default_nation")]
    pub headline_region: String,
    /// The publisher named in the footer.
    #[serde(default)]
    pub publisher: String,
}

fn default_base_url() -> String {
    "/".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_method() -> String {
    "cagr".into()
}
fn default_nation() -> String {
    "vn".into()
}

pub fn load(root: &Path) -> Result<Config, Error> {
    let file = SourceFile::read(&root.join("config.toml"))?;
    file.parse(&file.text)
}
