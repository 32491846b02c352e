//! `baophu init [DIR]`: a new site that builds, with one region, two series, one indicator, one
//! plan and the default theme, each file commented for the editor who fills it in.

use crate::error::{Error, Text};
use std::fs;
use std::path::Path;

/// The default theme as compiled into the program: (path under `themes/default/`, contents).
const THEME: &[(&str, &[u8])] = &[
    (
        "i18n/en.toml",
        include_bytes!("../../themes/default/i18n/en.toml"),
    ),
    (
        "i18n/vi.toml",
        include_bytes!("../../themes/default/i18n/vi.toml"),
    ),
    (
        "static/style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "static/favicon.svg",
        include_bytes!("../../themes/default/static/favicon.svg"),
    ),
    (
        "static/search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
    (
        "static/fonts/dejavu-sans-vi.woff2",
        include_bytes!("../../themes/default/static/fonts/dejavu-sans-vi.woff2"),
    ),
    (
        "static/fonts/LICENSE.txt",
        include_bytes!("../../themes/default/static/fonts/LICENSE.txt"),
    ),
    (
        "templates/404.html",
        include_bytes!("../../themes/default/templates/404.html"),
    ),
    (
        "templates/base.html",
        include_bytes!("../../themes/default/templates/base.html"),
    ),
    (
        "templates/data.html",
        include_bytes!("../../themes/default/templates/data.html"),
    ),
    (
        "templates/embed.html",
        include_bytes!("../../themes/default/templates/embed.html"),
    ),
    (
        "templates/home.html",
        include_bytes!("../../themes/default/templates/home.html"),
    ),
    (
        "templates/indicator.html",
        include_bytes!("../../themes/default/templates/indicator.html"),
    ),
    (
        "templates/macros.html",
        include_bytes!("../../themes/default/templates/macros.html"),
    ),
    (
        "templates/methodology.html",
        include_bytes!("../../themes/default/templates/methodology.html"),
    ),
    (
        "templates/page.html",
        include_bytes!("../../themes/default/templates/page.html"),
    ),
    (
        "templates/plan.html",
        include_bytes!("../../themes/default/templates/plan.html"),
    ),
    (
        "templates/region.html",
        include_bytes!("../../themes/default/templates/region.html"),
    ),
    (
        "templates/search.html",
        include_bytes!("../../themes/default/templates/search.html"),
    ),
];

const CONFIG: &str = r#"# Site configuration: see the README of baophu for every key.
title = "Bao phủ bảo hiểm xã hội"
title_en = "Social insurance coverage"
description = "Số người tham gia bảo hiểm xã hội: thực hiện so với kế hoạch và mục tiêu."
description_en = "Social insurance participants: actual figures against plans and targets."
publisher = "Tên đơn vị xuất bản"
publisher_en = "Publisher"
# The address the site will be published at; share previews need a full address.
base_url = "/"
theme = "default"
progress_method = "cagr"
headline_region = "tinh-moi"
"#;

const REGIONS: &str = r#"# Administrative units: code (used in addresses and files), names, level, parent.
[[region]]
code = "tinh-moi"
name_vi = "Tỉnh Mới"
name_en = "New Province"
level = "province"
"#;

const SERIES: &str = r#"# Series: the quantities figures are reported for. kind = "count" or "percent".
[[series]]
id = "bhxh"
name_vi = "Người tham gia BHXH"
name_en = "Social insurance participants"
kind = "count"
unit_vi = "người"
unit_en = "people"

[[series]]
id = "lao_dong"
name_vi = "Lực lượng lao động trong độ tuổi"
name_en = "Working-age labour force"
kind = "count"
unit_vi = "người"
unit_en = "people"
"#;

const INDICATORS: &str = r#"# Indicators: formulas over series ids. unit = "percent" shows 0.1026 as 10,26%.
[[indicator]]
id = "bao_phu_bhxh"
name_vi = "Tỷ lệ lực lượng lao động tham gia BHXH"
name_en = "Social insurance coverage of the labour force"
unit = "percent"
formula = "bhxh / lao_dong"
decimals = 2
higher_is_better = true
"#;

const SOURCES: &str = r#"# Where figures come from: every figure names one of these ids.
[[source]]
id = "bao-cao"
title = "Tên báo cáo hoặc văn bản nguồn"
publisher = "Cơ quan công bố"
url = "https://example.org/"
"#;

const FIGURES: &str = r#"# Figures at 31 December of the year. Add one [[figure]] per region and series, e.g.:
#
# [[figure]]
# region = "tinh-moi"
# series = "bhxh"
# actual = 5122        # counts without thousands separators
# plan = 5454          # the plan assigned for the year, if any
# source = "bao-cao"
year = 2024
"#;

const PLAN: &str = r#"+++
title = "Kế hoạch phát triển người tham gia BHXH"
title_en = "Plan to expand social insurance participation"
short_title = "Kế hoạch mẫu"
short_title_en = "Sample plan"
issuer = "Ủy ban nhân dân tỉnh"
region = "tinh-moi"
base_year = 2024

[[target]]
indicator = "bao_phu_bhxh"
year = 2030
value = 60                 # percent: 60 means 60%
comparison = "at_least"
printed = "60%"
+++

## Nội dung

Tóm tắt văn bản ở đây (markdown).
"#;

/// Writes a new site into `dir`, which must not exist or be empty.
pub fn run(dir: &Path) -> Result<usize, Error> {
    if dir.exists()
        && fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .next()
            .is_some()
    {
        return Err(Error::Usage {
            message: Text::new(
                format!("`{}` không trống", dir.display()),
                format!("`{}` is not empty", dir.display()),
            ),
            hint: Text::new(
                "chọn một thư mục mới hoặc trống: init không bao giờ ghi đè tệp",
                "give a new folder, or an empty one: init never overwrites files",
            ),
        });
    }
    let files: Vec<(String, &[u8])> = [
        ("config.toml", CONFIG.as_bytes()),
        ("data/regions.toml", REGIONS.as_bytes()),
        ("data/series.toml", SERIES.as_bytes()),
        ("data/indicators.toml", INDICATORS.as_bytes()),
        ("data/sources.toml", SOURCES.as_bytes()),
        ("data/figures/2024.toml", FIGURES.as_bytes()),
        ("content/plans/ke-hoach-mau.md", PLAN.as_bytes()),
    ]
    .into_iter()
    .map(|(p, b)| (p.to_string(), b))
    .chain(
        THEME
            .iter()
            .map(|(p, b)| (format!("themes/default/{p}"), *b)),
    )
    .collect();
    for (path, bytes) in &files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::write(&target, bytes).map_err(|e| Error::io(&target, e))?;
    }
    Ok(files.len())
}
