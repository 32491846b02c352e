//! The build manifest: what a build made the site and each region's pages from, and every file
//! it wrote, for the next build into the same output folder to keep what did not change.

use super::CACHE;
use crate::fingerprint::Fingerprint;
use crate::model::RegionIdx;
use crate::{present, write};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const MANIFEST_HEADER: &str = "baophu manifest 3\n";

/// The manifest lives in the cache of the site, one per output folder, not in the output:
/// the output is the same bytes for the same input, whatever built it before.
pub(super) fn path(root: &Path, output: &Path) -> PathBuf {
    let output = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
    root.join(CACHE).join("builds").join(format!(
        "{}.manifest",
        Fingerprint::of(output.to_string_lossy().as_bytes()).hex()
    ))
}

/// Writes a build's manifest where the next build looks for it.
pub(super) fn save(path: &Path, manifest: &str) {
    // Without a manifest the next build renders everything: never wrong, only slower.
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = std::fs::write(path, manifest);
}

/// What the previous build made the site and each region's pages from, their files, and every
/// file it wrote with its size and content hash.
#[derive(Default)]
pub(super) struct Manifest<'a> {
    pub(super) site: Option<&'a str>,
    pub(super) site_paths: Vec<&'a str>,
    pub(super) files: HashMap<&'a str, write::FileStamp>,
    pub(super) regions: HashMap<&'a str, (&'a str, Vec<&'a str>)>,
}

impl<'a> Manifest<'a> {
    /// The manifest of the previous build into `output`, if the output is still as it left it.
    pub(super) fn previous(text: &'a str, output: &Path) -> Manifest<'a> {
        let previous = Manifest::parse(text);
        // Whatever is kept is checked first: the output must hold exactly the files the last
        // build of this site wrote there, as it wrote them. Another site's build into the same
        // folder, or a file edited by hand, and everything is written anew.
        if previous.site.is_some() && write::verify(output, &previous.files) {
            previous
        } else {
            Manifest::default()
        }
    }

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
    pub(super) fn write(
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
