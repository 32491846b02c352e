//! Present stage: turns the model and computed values into pages (views, charts, templates).
//! It reads and writes nothing: the theme comes loaded. This file holds the render loop over
//! the languages and the addresses every part shares; the pages of one language are made in
//! `language.rs`.

pub mod chart;
pub mod data;
pub mod format;
pub mod i18n;
mod language;
mod link_check;
pub mod markdown;
mod output;
pub mod share;
mod site_files;
mod templates;
mod timer;
pub mod view;

pub use link_check::broken_links;
pub use output::{Discard, Memory, Page, Sink};
pub use templates::environment;

use crate::compute::Computed;
use crate::error::{Error, Position, Text, Warning};
use crate::load::theme::Theme;
use crate::model::{RegionIdx, Site};
use format::Lang;
use i18n::Tr;
use language::{render_language, Run};
use output::Out;
use std::path::PathBuf;

pub struct Rendered {
    /// Every file written, in path order.
    pub paths: Vec<String>,
    /// The files of each region's own pages (both languages), by region.
    pub region_paths: std::collections::BTreeMap<RegionIdx, Vec<String>>,
    /// Problems found while rendering: links in texts that lead nowhere.
    pub warnings: Vec<Warning>,
    /// The theme's `static/` folder, copied as it is.
    pub static_dir: PathBuf,
}

/// The folder of a language under the site's root.
pub fn prefix(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "",
        Lang::En => "en/",
    }
}

/// Escapes text for HTML and XML content and attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The path part of a base URL, with leading and trailing slashes.
pub fn base_path(base_url: &str) -> String {
    let without_scheme = base_url
        .split_once("://")
        .map(|(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]))
        .unwrap_or(base_url);
    let trimmed = without_scheme.trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

/// The base URL with one trailing slash, when it is an absolute http(s) address.
pub fn absolute_base(base_url: &str) -> Option<String> {
    (base_url.starts_with("https://") || base_url.starts_with("http://"))
        .then(|| format!("{}/", base_url.trim_end_matches('/')))
}

/// Which pages a render writes. The live preview, after an edit of figures only, renders the
/// pages of the regions whose figures changed (`Regions`), shows them, then renders every page
/// that gathers many regions (`SiteWide`: home, indicators, plans, data, search); the rest of
/// the site is as before.
#[derive(Clone, Copy)]
pub enum Scope<'a> {
    All,
    /// Only these regions' own pages and files.
    Regions(&'a std::collections::HashSet<RegionIdx>),
    /// Every page but the regions' own, without the sitemap.
    SiteWide,
    /// Every page but those of these regions, which a build kept from its previous output
    /// (their files are `kept`): the sitemap and the link check still count them.
    AllBut {
        regions: &'a std::collections::HashSet<RegionIdx>,
        kept: &'a [String],
    },
}

impl Scope<'_> {
    /// Whether the pages that gather many regions are rendered.
    fn site_wide(&self) -> bool {
        !matches!(self, Scope::Regions(_))
    }

    /// Whether a region's own pages are rendered.
    fn has_region(&self, r: RegionIdx) -> bool {
        match self {
            Scope::All => true,
            Scope::Regions(set) => set.contains(&r),
            Scope::SiteWide => false,
            Scope::AllBut { regions, .. } => !regions.contains(&r),
        }
    }
}

/// Renders every page of the site in every language, with data files, embeds and share images
/// (within `scope`).
pub fn render(
    site: &Site,
    computed: &Computed,
    theme: &Theme,
    base_url: &str,
    cache: &share::ShareCache,
    scope: Scope,
    sink: &dyn Sink,
) -> Result<Rendered, Error> {
    let env = environment(theme)?;
    let mut paths = Vec::new();
    let mut region_paths: std::collections::BTreeMap<RegionIdx, Vec<String>> =
        std::collections::BTreeMap::new();
    for lang in [Lang::Vi, Lang::En] {
        let texts = theme.texts.get(lang.code()).ok_or_else(|| Error::Invalid {
            pos: Position::file(&theme.templates_dir),
            message: Text::new(
                format!("giao diện không có chữ tiếng {}", lang.code()),
                format!("the theme has no {} texts", lang.code()),
            ),
            hint: Text::new(
                format!("thêm i18n/{}.toml vào giao diện", lang.code()),
                format!("add i18n/{}.toml to the theme", lang.code()),
            ),
        })?;
        let tr = Tr::new(lang, texts);
        let run = Run {
            env: &env,
            theme,
            site,
            computed,
            base_url,
            cache,
            scope,
        };
        let out = Out {
            sink,
            prefix: prefix(lang),
            paths: std::sync::Mutex::new(Vec::new()),
            region_paths: std::sync::Mutex::new(Vec::new()),
        };
        render_language(run, &tr, &out)?;
        paths.extend(out.paths.into_inner().expect("paths"));
        for (r, path) in out.region_paths.into_inner().expect("paths") {
            region_paths.entry(r).or_default().push(path);
        }
    }
    for files in region_paths.values_mut() {
        files.sort();
    }
    if let Scope::AllBut { kept, .. } = scope {
        paths.extend(kept.iter().cloned());
    }
    // Pages are rendered in parallel: their order is fixed here.
    paths.sort();
    // A partial render leaves the set of pages as it was: the sitemap and the links that lead
    // nowhere are those of the last whole render.
    let warnings = match scope {
        Scope::All | Scope::AllBut { .. } => {
            let warnings = broken_links(site, &paths, &theme.static_dir);
            let mut pages = vec![
                Page::text("sitemap.xml".into(), site_files::sitemap(base_url, &paths)),
                Page::text("robots.txt".into(), site_files::robots(base_url)),
                Page::text(
                    "manifest.webmanifest".into(),
                    site_files::manifest(&site.config.title, &site.config.description),
                ),
            ];
            // The home-screen icons, drawn from the theme's favicon when it has one.
            if let Ok(svg) = std::fs::read_to_string(theme.static_dir.join("favicon.svg")) {
                for size in [192, 512] {
                    let png = share::icon_png(&svg, size).map_err(|e| Error::Invalid {
                        pos: Position::file(&theme.static_dir.join("favicon.svg")),
                        message: Text::new(
                            format!("không vẽ được biểu tượng: {e}"),
                            format!("the icon cannot be drawn: {e}"),
                        ),
                        hint: Text::new(
                            "favicon.svg phải là một tệp SVG hợp lệ",
                            "favicon.svg must be a valid SVG file",
                        ),
                    })?;
                    pages.push(Page {
                        path: format!("icon-{size}.png"),
                        content: png,
                    });
                }
            }
            for page in pages {
                paths.push(page.path.clone());
                sink.put(page)?;
            }
            paths.sort();
            warnings
        }
        Scope::Regions(_) | Scope::SiteWide => Vec::new(),
    };
    Ok(Rendered {
        paths,
        region_paths,
        warnings,
        static_dir: theme.static_dir.clone(),
    })
}

/// Where a page's share image is written, next to its `index.html`.
pub fn share_path(page_url: &str) -> String {
    format!("{page_url}chia-se.png")
}

#[cfg(test)]
mod tests {
    use super::base_path;

    #[test]
    fn base_path_from_urls() {
        assert_eq!(base_path("/"), "/");
        assert_eq!(base_path(""), "/");
        assert_eq!(base_path("https://example.org"), "/");
        assert_eq!(base_path("https://example.org/bao-phu"), "/bao-phu/");
        assert_eq!(base_path("/a/b/"), "/a/b/");
    }
}
