//! `baophu build`: the whole pipeline, ending in the output folder.

use crate::compute::changes;
use crate::error::{Error, Position, Text};
use crate::fingerprint::Fingerprint;
use crate::model::RegionIdx;
use crate::{load, present, write, Warning};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
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
    /// Regions whose pages were kept from the previous output, unchanged.
    pub regions_kept: usize,
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
    // A region's pages are kept from the previous output when nothing they are made from
    // changed: the files of the site but the figures, the program, and the region's figures.
    let common = common_fingerprint(&options.root, &base_url, computed.as_of);
    let made_from: Vec<String> = changes::region_fingerprints(&site)
        .into_iter()
        .zip(&site.regions)
        .map(|(figures, region)| {
            let mut f = common;
            f.write_str(&region.code);
            f.write(&figures.value().to_le_bytes());
            f.hex()
        })
        .collect();
    let whole_site = {
        let mut f = common;
        for made in &made_from {
            f.write_str(made);
        }
        f.hex()
    };
    let manifest_path = manifest_path(&options.root, staging.output());
    let previous_manifest = std::fs::read_to_string(&manifest_path).unwrap_or_default();
    let previous = Manifest::parse(&previous_manifest);
    // Whatever is kept is checked first: the output must hold exactly the files the last build
    // of this site wrote there, as it wrote them. Another site's build into the same folder, or
    // a file edited by hand, and everything is written anew.
    let previous = if previous.site.is_some() && write::verify(staging.output(), &previous.files) {
        previous
    } else {
        Manifest::default()
    };
    // Nothing changed and the output is whole: it is already what this build would write.
    if previous.site == Some(whole_site.as_str()) {
        let paths: Vec<String> = previous.site_paths.iter().map(|f| f.to_string()).collect();
        let mut warnings = computed.warnings;
        warnings.extend(present::broken_links(&site, &paths, &theme.static_dir));
        warnings.extend(base_url_warning(&options.root, &base_url));
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
    let kept_files: Vec<(String, write::FileStamp)> = kept_regions
        .iter()
        .flat_map(|i| &previous.regions[site.regions[i.0].code.as_str()].1)
        .map(|f| (f.to_string(), previous.files[f]))
        .collect();
    let output_folder = staging.output().to_path_buf();
    kept_files
        .par_iter()
        .try_for_each(|(f, stamp)| staging.keep(&output_folder, f, *stamp))?;
    let kept_paths: Vec<String> = kept_files.into_iter().map(|(f, _)| f).collect();
    let scope = if kept_regions.is_empty() {
        present::Scope::All
    } else {
        present::Scope::AllBut {
            regions: &kept_regions,
            kept: &kept_paths,
        }
    };
    let rendered = present::render(&site, &computed, &theme, &base_url, &cache, scope, &staging)?;
    let mut warnings = computed.warnings;
    warnings.extend(rendered.warnings.iter().cloned());
    warnings.extend(base_url_warning(&options.root, &base_url));
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
        // Without a manifest the next build renders everything: never wrong, only slower.
        if let Some(dir) = manifest_path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(&manifest_path, &manifest);
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

/// Regions whose pages the previous build made from what this one would make them from.
fn kept_regions(
    site: &crate::model::Site,
    previous: &Manifest,
    made_from: &[String],
) -> HashSet<RegionIdx> {
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

/// The manifest lives in the cache of the site, one per output folder, not in the output:
/// the output is the same bytes for the same input, whatever built it before.
fn manifest_path(root: &Path, output: &Path) -> PathBuf {
    let output = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
    root.join(CACHE).join("builds").join(format!(
        "{}.manifest",
        Fingerprint::of(output.to_string_lossy().as_bytes()).hex()
    ))
}

/// Pages without share-preview metadata when the address is only a path.
fn base_url_warning(root: &Path, base_url: &str) -> Option<Warning> {
    present::absolute_base(base_url).is_none().then(|| Warning {
        pos: Position::file(&root.join("config.toml")),
        message: Text::new(
            format!("base_url `{base_url}` là một đường dẫn, không phải địa chỉ đầy đủ: các trang không có thông tin xem trước khi chia sẻ (og:image cần địa chỉ tuyệt đối) và mã nhúng bắt đầu bằng đường dẫn; đặt base_url = \"https://…/\" hoặc build với --base-url"),
            format!("base_url `{base_url}` is a path, not a full address: pages get no share-preview metadata (og:image needs an absolute URL) and embed code starts with a path; set base_url = \"https://…/\" or build with --base-url"),
        ),
    })
}

const MANIFEST_HEADER: &str = "baophu manifest 3\n";

/// What the previous build made the site and each region's pages from, their files, and every
/// file it wrote with its size and content hash.
#[derive(Default)]
struct Manifest<'a> {
    site: Option<&'a str>,
    site_paths: Vec<&'a str>,
    files: HashMap<&'a str, write::FileStamp>,
    regions: HashMap<&'a str, (&'a str, Vec<&'a str>)>,
}

impl<'a> Manifest<'a> {
    /// An unreadable or older manifest is no manifest: everything is rendered.
    fn parse(text: &'a str) -> Manifest<'a> {
        let mut manifest = Manifest::default();
        let Some(body) = text.strip_prefix(MANIFEST_HEADER) else {
            return manifest;
        };
        for line in body.lines() {
            let mut cells = line.split('\t');
            match (cells.next(), cells.next()) {
                (Some("site"), Some(made)) => {
                    manifest.site = Some(made);
                    manifest.site_paths = cells.filter(|c| !c.is_empty()).collect();
                }
                (Some("file"), Some(path)) => {
                    let size = cells.next().and_then(|c| c.parse().ok());
                    let hash = cells.next().and_then(|c| u128::from_str_radix(c, 16).ok());
                    let (Some(size), Some(hash)) = (size, hash) else {
                        return Manifest::default();
                    };
                    manifest.files.insert(path, write::FileStamp { size, hash });
                }
                (Some("region"), Some(code)) => {
                    let made = cells.next().unwrap_or_default();
                    let files = cells.filter(|c| !c.is_empty()).collect();
                    manifest.regions.insert(code, (made, files));
                }
                _ => return Manifest::default(),
            }
        }
        manifest
    }

    /// The manifest of a build: `region(i)` gives a region's code, what its pages were made
    /// from, and its files when they were kept rather than rendered.
    fn write(
        whole_site: &str,
        rendered: &present::Rendered,
        files: &[(String, write::FileStamp)],
        region: impl Fn(usize) -> (&'a str, &'a str, Option<Vec<&'a str>>),
        regions: usize,
    ) -> String {
        let mut out = String::from(MANIFEST_HEADER);
        out.push_str(&format!(
            "site\t{whole_site}\t{}\n",
            rendered.paths.join("\t")
        ));
        for (path, stamp) in files {
            out.push_str(&format!(
                "file\t{path}\t{}\t{:032x}\n",
                stamp.size, stamp.hash
            ));
        }
        for i in 0..regions {
            let (code, made, kept) = region(i);
            let files: Vec<&str> = match rendered.region_paths.get(&RegionIdx(i)) {
                Some(files) => files.iter().map(String::as_str).collect(),
                None => kept.unwrap_or_default(),
            };
            out.push_str(&format!("region\t{code}\t{made}\t{}\n", files.join("\t")));
        }
        out
    }
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
