//! One file per command-line verb. Each runs the pipeline as far as its job needs.

pub mod build;
pub mod check;
pub mod init;

use crate::compute::{self, Computed};
use crate::error::Error;
use crate::model::{self, Site};
use crate::{load, Warning};
use std::path::Path;

/// Load, validate and compute: the part every command shares.
pub fn prepare(root: &Path) -> Result<(Site, Computed), Error> {
    let input = load::load(root)?;
    let site = model::build(input)?;
    let computed = compute::compute(&site);
    Ok((site, computed))
}

/// Warnings of a run, for the terminal.
pub fn print_warnings(warnings: &[Warning]) {
    for w in warnings {
        eprintln!("{w}");
    }
}
