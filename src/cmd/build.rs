//! `baophu build`: the whole pipeline, ending in the output folder.

use crate::error::{Error, Position};
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
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    check_output(&options.root, &output)?;
    if let Some(url) = &options.base_url {
        if let Some(hint) = load::config::base_url_problem(url) {
            return Err(Error::Usage {
                message: format!("`{url}` cannot be used as --base-url"),
                hint: hint.into(),
            });
        }
    }
    let (site, computed) = super::prepare(&options.root)?;
    let theme = load::theme::load(&options.root, &site.config.theme)?;
    let base_url = options
        .base_url
        .clone()
        .unwrap_or_else(|| site.config.base_url.clone());
    let rendered = present::render(&site, &computed, &theme, &base_url)?;

    write::write_site(&rendered, &output)?;
    let mut warnings = computed.warnings;
    if present::absolute_base(&base_url).is_none() {
        warnings.push(Warning {
            pos: Position::file(&options.root.join("config.toml")),
            message: format!("base_url `{base_url}` is a path, not a full address: pages get no share-preview metadata (og:image needs an absolute URL) and embed code starts with a path; set base_url = \"https://…/\" or build with --base-url"),
        });
    }
    Ok(Report {
        output,
        pages: rendered.pages.len(),
        warnings,
    })
}

/// The output folder is replaced by each build: it must not hold or be inside the site's inputs.
fn check_output(root: &Path, output: &Path) -> Result<(), Error> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out) = (absolute(root), absolute(output));
    let inputs = ["data", "content", "themes", "config.toml"].map(|n| root.join(n));
    if root.starts_with(&out) || inputs.iter().any(|i| out.starts_with(i)) {
        return Err(Error::Usage {
            message: format!(
                "`{}` cannot be the output folder: it holds the site's own files",
                output.display()
            ),
            hint: "build into a folder of its own, such as public/".into(),
        });
    }
    Ok(())
}
