//! `baophu build`: the whole pipeline, ending in the output folder.

use crate::error::{Error, Position, Text};
use crate::{load, present, write, Warning};
use std::path::{Path, PathBuf};

pub struct Options {
    pub root: PathBuf,
    /// Defaults to `public/` in the site root.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of the configuration.
    pub base_url: Option<String>,
    /// Write nothing when there is any warning.
    pub deny_warnings: bool,
}

pub struct Report {
    pub output: PathBuf,
    pub pages: usize,
    pub warnings: Vec<Warning>,
    /// False when warnings were denied and nothing was written.
    pub written: bool,
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
                message: Text::new(
                    format!("`{url}` không dùng được cho --base-url"),
                    format!("`{url}` cannot be used as --base-url"),
                ),
                hint,
            });
        }
    }
    let (rendered, warnings) = render(
        &options.root,
        options.base_url.as_deref(),
        &present::share::ShareCache::default(),
    )?;
    let written = !options.deny_warnings || warnings.is_empty();
    if written {
        write::write_site(&rendered, &output)?;
    }
    Ok(Report {
        output,
        pages: rendered.pages.len(),
        warnings,
        written,
    })
}

/// The whole site in memory, with every warning of the run: what `build` writes, `check`
/// validates and `serve` serves.
pub fn render(
    root: &Path,
    base_url: Option<&str>,
    cache: &present::share::ShareCache,
) -> Result<(present::Rendered, Vec<Warning>), Error> {
    let (site, computed) = super::prepare(root)?;
    let theme = load::theme::load(root, &site.config.theme)?;
    let base_url = base_url.unwrap_or(&site.config.base_url).to_string();
    let mut rendered = present::render(
        &site,
        &computed,
        &theme,
        &base_url,
        cache,
        present::Scope::All,
    )?;
    let mut warnings = computed.warnings;
    warnings.append(&mut rendered.warnings);
    if present::absolute_base(&base_url).is_none() {
        warnings.push(Warning {
            pos: Position::file(&root.join("config.toml")),
            message: Text::new(
                format!("base_url `{base_url}` là một đường dẫn, không phải địa chỉ đầy đủ: các trang không có thông tin xem trước khi chia sẻ (og:image cần địa chỉ tuyệt đối) và mã nhúng bắt đầu bằng đường dẫn; đặt base_url = \"https://…/\" hoặc build với --base-url"),
                format!("base_url `{base_url}` is a path, not a full address: pages get no share-preview metadata (og:image needs an absolute URL) and embed code starts with a path; set base_url = \"https://…/\" or build with --base-url"),
            ),
        });
    }
    warnings.sort();
    Ok((rendered, warnings))
}

/// The output folder is replaced by each build: it must not hold or be inside the site's inputs.
fn check_output(root: &Path, output: &Path) -> Result<(), Error> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out) = (absolute(root), absolute(output));
    let inputs = ["data", "content", "themes", "config.toml"].map(|n| root.join(n));
    if root.starts_with(&out) || inputs.iter().any(|i| out.starts_with(i)) {
        return Err(Error::Usage {
            message: Text::new(
                format!(
                    "`{}` không thể là thư mục xuất: nó chứa tệp của chính trang",
                    output.display()
                ),
                format!(
                    "`{}` cannot be the output folder: it holds the site's own files",
                    output.display()
                ),
            ),
            hint: Text::new(
                "xuất vào một thư mục riêng, ví dụ public/",
                "build into a folder of its own, such as public/",
            ),
        });
    }
    Ok(())
}
