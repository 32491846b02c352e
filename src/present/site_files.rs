//! The files about the whole site, beside its pages: the sitemap and robots.txt for search
//! engines, and each language's Atom feed of the plans.

use super::i18n::Tr;
use super::templates::SiteView;
use super::{absolute_base, base_path, escape, view};
use crate::model::Site;

/// Every HTML page but embeds and the 404 page, for search engines.
pub(super) fn sitemap(base_url: &str, paths: &[String]) -> String {
    let root = absolute_base(base_url).unwrap_or_else(|| base_path(base_url));
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        let Some(dir) = path.strip_suffix("index.html") else {
            continue;
        };
        if dir.contains("/nhung/") || dir.starts_with("nhung/") {
            continue;
        }
        out.push_str(&format!(
            "<url><loc>{}</loc></url>\n",
            escape(&format!("{root}{dir}"))
        ));
    }
    out.push_str("</urlset>\n");
    out
}

/// Where search engines may go, and where the sitemap is.
pub(super) fn robots(base_url: &str) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
        absolute_base(base_url).unwrap_or_else(|| base_path(base_url))
    )
}

/// An Atom feed of the plans, newest first: what a journalist subscribes to.
pub(super) fn feed(tr: &Tr, site: &Site, sv: &SiteView) -> String {
    // Addresses are escaped like any text: a feed that no longer parses is a feed lost.
    let base = escape(&format!("{}{}", sv.url, sv.prefix));
    let mut plans: Vec<&crate::model::Plan> = site.plans.iter().collect();
    plans.sort_by(|a, b| b.date.cmp(&a.date).then(a.slug.cmp(&b.slug)));
    // The feed changes when the newest plan does; a build clock would break identical builds.
    let updated = plans
        .iter()
        .filter_map(|p| p.date)
        .max()
        .map_or("2000-01-01".to_string(), |d| {
            format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
        });
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<id>{base}</id>\n<link href=\"{base}\"/>\n<link rel=\"self\" href=\"{base}atom.xml\"/>\n<updated>{updated}T00:00:00Z</updated>\n<author><name>{}</name></author>\n",
        sv.lang,
        escape(&sv.title),
        escape(&sv.publisher),
    );
    for p in plans {
        let url = format!("{base}{}", escape(&view::plan_url(p)));
        let date = p.date.map_or(updated.clone(), |d| {
            format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
        });
        out.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{url}</id>\n<link href=\"{url}\"/>\n<updated>{date}T00:00:00Z</updated>\n<summary>{}</summary>\n</entry>\n",
            escape(&tr.text(&p.title, &p.title_en)),
            escape(&tr.text(&p.summary, &p.summary_en)),
        ));
    }
    out.push_str("</feed>\n");
    out
}

/// The web app manifest: the site's name and icons for a phone's home screen. Addresses are
/// relative to the manifest, so the site works under any path.
pub(super) fn manifest(title: &str, description: &str) -> String {
    let manifest = serde_json::json!({
        "name": title,
        "short_name": title,
        "description": description,
        "lang": "vi",
        "start_url": "./",
        "scope": "./",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#0b5cad",
        "icons": [
            { "src": "static/favicon.svg", "sizes": "any", "type": "image/svg+xml" },
            { "src": "icon-192.png", "sizes": "192x192", "type": "image/png" },
            { "src": "icon-512.png", "sizes": "512x512", "type": "image/png" }
        ]
    });
    let mut text = serde_json::to_string_pretty(&manifest).expect("a manifest serializes");
    text.push('\n');
    text
}
