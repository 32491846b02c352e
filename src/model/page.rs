//! Pages of prose (Page), such as the editors' guide, from `content/pages/*.md`, and the
//! addresses they may take.

use super::check::Checker;
use crate::error::{Error, Position, Text};
use crate::load;

/// A page of prose, such as the editors' guide, from `content/pages/<slug>.md`.
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub title_en: String,
    pub summary: String,
    pub summary_en: String,
    pub body: String,
    pub body_pos: Position,
}

/// First path segments the site's own pages use: a page of prose cannot take them.
pub const RESERVED_SLUGS: &[&str] = &[
    "vung",
    "chi-tieu",
    "ke-hoach",
    "phuong-phap",
    "du-lieu",
    "tim-kiem",
    "nhung",
    "en",
    "fonts",
];

/// The pages whose file names can be their addresses.
pub(super) fn pages(c: &mut Checker, files: &[load::content::PageFile]) -> Vec<Page> {
    files.iter().filter_map(|p| page(c, p)).collect()
}

fn page(c: &mut Checker, p: &load::content::PageFile) -> Option<Page> {
    let slug_ok = !p.slug.is_empty()
        && p.slug
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-');
    if !slug_ok || RESERVED_SLUGS.contains(&p.slug.as_str()) {
        c.errors.push(Error::Invalid {
            pos: Position::file(&p.file.path),
            message: Text::new(
                format!("tên tệp `{}` không dùng được làm địa chỉ trang", p.slug),
                format!("the file name `{}` cannot be a page's address", p.slug),
            ),
            hint: Text::new(
                format!(
                    "đặt tên tệp bằng chữ thường không dấu, chữ số và `-`, khác với {}",
                    RESERVED_SLUGS.join(", ")
                ),
                format!(
                    "name the file with lower-case letters without accents, digits and `-`, other than {}",
                    RESERVED_SLUGS.join(", ")
                ),
            ),
        });
        return None;
    }
    Some(Page {
        slug: p.slug.clone(),
        title: p.front.title.clone(),
        title_en: p.front.title_en.clone(),
        summary: p.front.summary.clone(),
        summary_en: p.front.summary_en.clone(),
        body: p.body.clone(),
        body_pos: p.body_pos.clone(),
    })
}
