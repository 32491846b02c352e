//! `baophu check`: loads, validates and computes without writing anything.

use crate::error::Error;
use crate::Warning;
use std::path::Path;

pub struct Report {
    pub regions: usize,
    pub plans: usize,
    pub targets: usize,
    pub warnings: Vec<Warning>,
}

pub fn run(root: &Path) -> Result<Report, Error> {
    let (site, computed) = super::prepare(root)?;
    // Every page is rendered in memory too, so that a template error fails `check` as it
    // would fail `build`; nothing is written.
    let theme = crate::load::theme::load(root, &site.config.theme)?;
    // Share images are composed but not drawn: check keeps no file.
    let cache = crate::present::share::ShareCache::not_drawn();
    let rendered = crate::present::render(
        &site,
        &computed,
        &theme,
        &site.config.base_url,
        &cache,
        crate::present::Scope::All,
        &crate::present::Discard,
    )?;
    let mut warnings = computed.warnings;
    warnings.extend(rendered.warnings);
    warnings.extend(super::base_url_warning(&site.config, &site.config.base_url));
    warnings.sort();
    Ok(Report {
        regions: site.regions.len(),
        plans: site.plans.len(),
        targets: site.plans.iter().map(|p| p.targets.len()).sum(),
        warnings,
    })
}
