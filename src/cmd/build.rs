//! `baophu build`: the whole pipeline, ending in the output folder.

use crate::error::{Error, Position, Text};
use crate::{load, present, write, Warning};
use std::path::{Path, PathBuf};

/// The folder in the site's root where builds keep what they can reuse (git ignores it).
pub const CACHE: &str = ".baophu-cache";

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
    /// Share images drawn; the others came from the cache of earlier builds.
    pub images_drawn: usize,
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
    let (site, computed) = super::prepare(&options.root)?;
    let theme = load::theme::load(&options.root, &site.config.theme)?;
    let base_url = options
        .base_url
        .clone()
        .unwrap_or_else(|| site.config.base_url.clone());
    let staging = write::Staging::begin(&output)?;
    // Share images are kept between builds, by the content drawn on them.
    let cache = present::share::ShareCache::on_disk(options.root.join(CACHE).join("share"));
    let rendered = present::render(
        &site,
        &computed,
        &theme,
        &base_url,
        &cache,
        present::Scope::All,
        &staging,
    )?;
    let mut warnings = computed.warnings;
    warnings.extend(rendered.warnings);
    if present::absolute_base(&base_url).is_none() {
        warnings.push(Warning {
            pos: Position::file(&options.root.join("config.toml")),
            message: Text::new(
                format!("base_url `{base_url}` là một đường dẫn, không phải địa chỉ đầy đủ: các trang không có thông tin xem trước khi chia sẻ (og:image cần địa chỉ tuyệt đối) và mã nhúng bắt đầu bằng đường dẫn; đặt base_url = \"https://…/\" hoặc build với --base-url"),
                format!("base_url `{base_url}` is a path, not a full address: pages get no share-preview metadata (og:image needs an absolute URL) and embed code starts with a path; set base_url = \"https://…/\" or build with --base-url"),
            ),
        });
    }
    warnings.sort();
    // Denied warnings: the staging folder is dropped, the previous output stays.
    let written = !options.deny_warnings || warnings.is_empty();
    let images_drawn = if written {
        staging.finish(&rendered.static_dir)?;
        cache.finish_build(true)
    } else {
        0
    };
    Ok(Report {
        output,
        pages: rendered.paths.len(),
        warnings,
        written,
        images_drawn,
    })
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
