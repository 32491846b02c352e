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
    // The theme's templates are compiled too, so that a template error fails `check`.
    let theme = crate::load::theme::load(root, &site.config.theme)?;
    crate::present::environment(&theme)?;
    Ok(Report {
        regions: site.regions.len(),
        plans: site.plans.len(),
        targets: site.plans.iter().map(|p| p.targets.len()).sum(),
        warnings: computed.warnings,
    })
}
