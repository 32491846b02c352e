//! Pages of prose (Page), such as the editors' guide, from `content/pages/*.md`.

use crate::error::Position;
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

/// The pages, each at the address its file name gives (the loader checked it is a slug).
pub(super) fn pages(files: &[load::content::PageFile]) -> Vec<Page> {
    files
        .iter()
        .map(|p| Page {
            slug: p.slug.clone(),
            title: p.front.title.clone(),
            title_en: p.front.title_en.clone(),
            summary: p.front.summary.clone(),
            summary_en: p.front.summary_en.clone(),
            body: p.body.clone(),
            body_pos: p.body_pos.clone(),
        })
        .collect()
}
