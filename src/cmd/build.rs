//! `baophu build`: the whole pipeline, ending in the output folder.

use crate::compute::changes;
use crate::error::{Error, Text};
use crate::fingerprint::Fingerprint;
use crate::model::{RegionIdx, Site};
use crate::{load, present, write, Warning};
use manifest::Manifest;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

mod manifest;

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
    /// Regions whose pages were kept from the previous output, unchanged.
    pub regions_kept: usize,
}

pub fn run(options: &Options) -> Result<Report, Error> {
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    check_output(&options.root, &output)?;
    check_base_url(options.base_url.as_deref())?;
    let progress = super::progress::Progress::start();
    let (site, computed) = super::prepare(&options.root)?;
    let theme = load::theme::load(&options.root, &site.config.theme)?;
    let base_url = options
        .base_url
        .clone()
        .unwrap_or_else(|| site.config.base_url.clone());
    let staging = write::Staging::begin(&output)?;
    // Share images are kept between builds, by the content drawn on them.
    let cache = present::share::ShareCache::on_disk(options.root.join(CACHE).join("share"));
    // A region's pages are kept from the previous output when nothing they are made from
    // changed: the files of the site but the figures, the program, and the region's figures.
    let common = common_fingerprint(&options.root, &base_url, computed.as_of);
    let made_from = made_from(&site, common);
    let whole_site = whole_site(common, &made_from);
    let manifest_path = manifest::path(&options.root, staging.output());
    let previous_manifest = std::fs::read_to_string(&manifest_path).unwrap_or_default();
    let previous = Manifest::previous(&previous_manifest, staging.output());
    // Nothing changed and the output is whole: it is already what this build would write.
    if previous.site == Some(whole_site.as_str()) {
        let paths: Vec<String> = previous.site_paths.iter().map(|f| f.to_string()).collect();
        let mut warnings = computed.warnings;
        warnings.extend(present::broken_links(&site, &paths, &theme.static_dir));
        warnings.extend(super::base_url_warning(&site.config, &base_url));
        warnings.sort();
        return Ok(Report {
            output,
            pages: paths.len(),
            written: !options.deny_warnings || warnings.is_empty(),
            warnings,
            images_drawn: 0,
            regions_kept: site.regions.len(),
        });
    }
    let kept_regions = kept_regions(&site, &previous, &made_from);
    let kept_paths = keep_files(&staging, &site, &previous, &kept_regions)?;
    let scope = if kept_regions.is_empty() {
        present::Scope::All
    } else {
        present::Scope::AllBut {
            regions: &kept_regions,
            kept: &kept_paths,
        }
    };
    progress.rendering(site.regions.len() - kept_regions.len());
    let sink = progress.counting(&staging);
    let rendered = present::render(&site, &computed, &theme, &base_url, &cache, scope, &sink)?;
    drop(progress);
    let mut warnings = computed.warnings;
    warnings.extend(rendered.warnings.iter().cloned());
    warnings.extend(super::base_url_warning(&site.config, &base_url));
    warnings.sort();
    // Denied warnings: the staging folder is dropped, the previous output stays.
    let written = !options.deny_warnings || warnings.is_empty();
    let images_drawn = if written {
        let files = staging.finish(&rendered.static_dir)?;
        let manifest = Manifest::write(
            &whole_site,
            &rendered,
            &files,
            |i| {
                let region = &site.regions[i];
                let kept = kept_regions.contains(&RegionIdx(i));
                let files = kept.then(|| previous.regions[region.code.as_str()].1.clone());
                (region.code.as_str(), made_from[i].as_str(), files)
            },
            site.regions.len(),
        );
        manifest::save(&manifest_path, &manifest);
        // Kept pages did not ask for their images: the cache forgets nothing then.
        cache.finish_build(kept_regions.is_empty())
    } else {
        0
    };
    Ok(Report {
        output,
        pages: rendered.paths.len(),
        warnings,
        written,
        images_drawn,
        regions_kept: kept_regions.len(),
    })
}

/// The address given with `--base-url` follows the rule of `base_url` in the configuration.
fn check_base_url(url: Option<&str>) -> Result<(), Error> {
    if let Some(url) = url {
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
    Ok(())
}

/// What each region's pages are made from: everything `common` covers and its own figures.
fn made_from(site: &Site, common: Fingerprint) -> Vec<String> {
    changes::region_fingerprints(site)
        .into_iter()
        .zip(&site.regions)
        .map(|(figures, region)| {
            let mut f = common;
            f.write_str(&region.code);
            f.write(&figures.value().to_le_bytes());
            f.hex()
        })
        .collect()
}

/// What the whole site is made from: what every region's pages are made from.
fn whole_site(common: Fingerprint, made_from: &[String]) -> String {
    let mut f = common;
    for made in made_from {
        f.write_str(made);
    }
    f.hex()
}

/// The files of the kept regions, copied from the previous output into the staging folder:
/// their paths.
fn keep_files(
    staging: &write::Staging,
    site: &Site,
    previous: &Manifest,
    kept_regions: &HashSet<RegionIdx>,
) -> Result<Vec<String>, Error> {
    let kept_files: Vec<(String, write::FileStamp)> = kept_regions
        .iter()
        .flat_map(|i| &previous.regions[site.regions[i.0].code.as_str()].1)
        .map(|f| (f.to_string(), previous.files[f]))
        .collect();
    let output_folder = staging.output().to_path_buf();
    kept_files
        .par_iter()
        .try_for_each(|(f, stamp)| staging.keep(&output_folder, f, *stamp))?;
    Ok(kept_files.into_iter().map(|(f, _)| f).collect())
}

/// Regions whose pages the previous build made from what this one would make them from.
fn kept_regions(site: &Site, previous: &Manifest, made_from: &[String]) -> HashSet<RegionIdx> {
    let mut kept = HashSet::new();
    for (i, region) in site.regions.iter().enumerate() {
        if let Some((made, files)) = previous.regions.get(region.code.as_str()) {
            if *made == made_from[i] && files.iter().all(|f| previous.files.contains_key(f)) {
                kept.insert(RegionIdx(i));
            }
        }
    }
    kept
}

/// A fingerprint of everything a region's pages are made from but its own figures: every file
/// of the site except `data/figures/`, the address, the latest year of data (targets are
/// judged against it) and the program itself.
fn common_fingerprint(root: &Path, base_url: &str, as_of: Option<i32>) -> Fingerprint {
    let mut f = Fingerprint::default();
    f.write_str(env!("CARGO_PKG_VERSION"));
    if let Some(program) = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok())
    {
        f.write(&program.len().to_le_bytes());
        let modified = program
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        f.write(&modified.to_le_bytes());
    }
    f.write_str(base_url);
    f.write(&as_of.unwrap_or(0).to_le_bytes());
    let figures = root.join("data").join("figures");
    let mut inputs = vec![root.join("config.toml")];
    for dir in ["data", "content", "themes"] {
        for entry in walkdir::WalkDir::new(root.join(dir))
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if entry.file_type().is_file() && !entry.path().starts_with(&figures) {
                inputs.push(entry.into_path());
            }
        }
    }
    for path in inputs {
        f.write_str(&path.strip_prefix(root).unwrap_or(&path).to_string_lossy());
        f.write(&std::fs::read(&path).unwrap_or_default());
    }
    f
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
