//! One file per command-line verb. Each runs the pipeline as far as its job needs.

pub mod build;
pub mod check;
pub mod init;
pub mod serve;

use crate::compute::{self, Computed};
use crate::error::Error;
use crate::load;
use crate::model::{self, Site};
use std::path::Path;

/// Load, validate and compute: the part every command shares.
pub fn prepare(root: &Path) -> Result<(Site, Computed), Error> {
    let input = load::load(root)?;
    let site = model::build(input)?;
    let computed = compute::compute(&site);
    Ok((site, computed))
}
