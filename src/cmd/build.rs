//! `baophu build`: the whole pipeline, ending in the output folder.

use crate::error::Error;
use crate::{load, present, write, Warning};
use std::path::{Path, PathBuf};

pub struct Options {
    pub root: PathBuf,
    /// Defaults to `public/` in the site root.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of the configuration.
    pub base_url: Option<String>,
}

pub struct Report {
    pub output: PathBuf,
    pub pages: usize,
    pub warnings: Vec<Warning>,
}

pub fn run(options: &Options) -> Result<Report, Error> {
    let (site, computed) = super::prepare(&options.root)?;
    let theme = load::theme::load(&options.root, &site.config.theme)?;
    let base_url = options
        .base_url
        .clone()
        .unwrap_or_else(|| site.config.base_url.clone());
    let rendered = present::render(&site, &computed, &theme, &base_url)?;
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    write::write_site(&rendered, &output)?;
    Ok(Report {
        output,
        pages: rendered.pages.len(),
        warnings: computed.warnings,
    })
}

/// The default site root: the current folder.
pub fn default_root() -> &'static Path {
    Path::new(".")
}
