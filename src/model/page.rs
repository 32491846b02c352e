//! Pages of prose (Page), such as the editors' guide, from `content/pages/*.md`.

use super::check::Checker;
use super::printed::{quoted, Printed};
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
    /// Figures the page quotes as documents print them, audited against the data.
    pub printed: Vec<Printed>,
}

/// The pages, each at the address its file name gives (the loader checked it is a slug).
pub(super) fn pages(c: &mut Checker, files: &[load::content::PageFile]) -> Vec<Page> {
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
            printed: quoted(c, &p.file, &p.front.printed),
        })
        .collect()
}
