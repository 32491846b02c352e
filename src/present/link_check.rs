//! The link check: links in plan texts and pages of prose that lead to no page or file of the
//! site.

use super::{markdown, view};
use crate::error::{Text, Warning};
use crate::model::Site;

/// Links in plan texts and pages of prose that lead to no page or file of the site.
pub fn broken_links(site: &Site, paths: &[String], static_dir: &std::path::Path) -> Vec<Warning> {
    let paths: std::collections::HashSet<&str> = paths.iter().map(String::as_str).collect();
    let exists = |path: &str| {
        let candidates = if path.is_empty() || path.ends_with('/') {
            vec![format!("{path}index.html")]
        } else {
            vec![path.to_string(), format!("{path}/index.html")]
        };
        candidates
            .iter()
            .any(|c| paths.contains(c.as_str()) || static_dir.join(c).is_file())
    };
    let texts = site
        .plans
        .iter()
        .map(|p| (view::plan_url(p), &p.body, &p.body_pos))
        .chain(
            site.pages
                .iter()
                .map(|p| (view::page_url(p), &p.body, &p.body_pos)),
        );
    let mut warnings = Vec::new();
    for (url, body, start) in texts {
        for (offset, dest) in markdown::internal_links(body) {
            if resolve_link(&url, &dest).is_some_and(|path| exists(&path)) {
                continue;
            }
            let pos = start.within(body, offset);
            warnings.push(Warning {
                pos,
                message: Text::new(
                    format!("liên kết `{dest}` không dẫn tới trang nào của trang web; viết địa chỉ từ gốc trang, ví dụ `/phuong-phap/`, `/vung/vn/`, `/ke-hoach/huong-hoa-2020/`"),
                    format!("the link `{dest}` leads to no page of the site; write addresses from the site's root, such as `/phuong-phap/`, `/vung/vn/`, `/ke-hoach/huong-hoa-2020/`"),
                ),
            });
        }
    }
    warnings
}

/// The output path a link from the page at `from` (a folder address such as "ke-hoach/x/")
/// leads to, without its fragment or query; None when it leaves the site.
fn resolve_link(from: &str, dest: &str) -> Option<String> {
    let dest = dest.split(['#', '?']).next().unwrap_or("");
    let (mut parts, rest): (Vec<&str>, &str) = match dest.strip_prefix('/') {
        Some(rest) => (Vec::new(), rest),
        None => (from.split('/').filter(|p| !p.is_empty()).collect(), dest),
    };
    for segment in rest.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if (dest.is_empty() || dest.ends_with('/') || rest.is_empty()) && !path.is_empty() {
        path.push('/');
    }
    Some(path)
}

#[cfg(test)]
mod link_tests {
    #[test]
    fn links_resolve_from_the_page_they_are_on() {
        let r = |from, dest| super::resolve_link(from, dest);
        assert_eq!(
            r("ke-hoach/x/", "/phuong-phap/"),
            Some("phuong-phap/".into())
        );
        assert_eq!(
            r("ke-hoach/x/", "../y/#muc-tieu"),
            Some("ke-hoach/y/".into())
        );
        assert_eq!(r("ke-hoach/x/", "../../vung/vn"), Some("vung/vn".into()));
        assert_eq!(r("huong-dan/", "/"), Some("".into()));
        assert_eq!(r("huong-dan/", "../../x/"), None);
    }
}
