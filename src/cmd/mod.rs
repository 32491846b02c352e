//! One file per command-line verb. Each runs the pipeline as far as its job needs.

pub mod build;
pub mod check;
pub mod init;
pub mod progress;
pub mod serve;

use crate::compute::{self, Computed};
use crate::error::Error;
use crate::load;
use crate::model::{self, Site};
use std::path::Path;

/// Load, validate and compute: the part every command shares.
pub fn prepare(root: &Path) -> Result<(Site, Computed), Error> {
    prepare_with(root, &load::FiguresCache::default())
}

/// `prepare`, taking unchanged figures files from `cache` (the live preview's rebuilds).
pub fn prepare_with(root: &Path, cache: &load::FiguresCache) -> Result<(Site, Computed), Error> {
    // Not a site at all: one clear message rather than one per missing file.
    if !root.join("config.toml").is_file() {
        return Err(Error::Usage {
            message: crate::error::Text::new(
                format!(
                    "`{}` không phải thư mục trang: không có config.toml",
                    root.display()
                ),
                format!(
                    "`{}` is not a site folder: it has no config.toml",
                    root.display()
                ),
            ),
            hint: crate::error::Text::new(
                "chạy lệnh trong thư mục trang, hoặc chỉ thư mục đó bằng --root",
                "run the command in the site's folder, or give it with --root",
            ),
        });
    }
    let timings = std::env::var_os("BAOPHU_TIMINGS").is_some();
    let start = std::time::Instant::now();
    let input = load::load_with(root, cache)?;
    let loaded = start.elapsed();
    let site = model::build(input)?;
    let modelled = start.elapsed();
    let computed = compute::compute(&site);
    if timings {
        eprintln!(
            "load: {} ms; model: {} ms; compute: {} ms",
            loaded.as_millis(),
            (modelled - loaded).as_millis(),
            (start.elapsed() - modelled).as_millis()
        );
    }
    Ok((site, computed))
}

/// Pages without share-preview metadata when the address is only a path: said by `build` and
/// `check` alike, at the `base_url` line.
pub(crate) fn base_url_warning(
    config: &load::config::Config,
    base_url: &str,
) -> Option<crate::Warning> {
    crate::present::absolute_base(base_url).is_none().then(|| crate::Warning {
        pos: config.base_url_pos.clone(),
        message: crate::error::Text::new(
            format!("base_url `{base_url}` là một đường dẫn, không phải địa chỉ đầy đủ: các trang không có thông tin xem trước khi chia sẻ (og:image cần địa chỉ tuyệt đối) và mã nhúng bắt đầu bằng đường dẫn; đặt base_url = \"https://…/\" hoặc build với --base-url"),
            format!("base_url `{base_url}` is a path, not a full address: pages get no share-preview metadata (og:image needs an absolute URL) and embed code starts with a path; set base_url = \"https://…/\" or build with --base-url"),
        ),
    })
}
