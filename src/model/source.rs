//! Sources: the documents and tables figures are taken from, from `data/sources.toml`.

use super::check::Checker;
use crate::error::Text;
use crate::load::{data, SourceFile};

#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub note: String,
}

/// The sources as declared, with only web addresses kept as links.
pub(super) fn sources(c: &mut Checker, raw: &data::Loaded<data::SourcesFile>) -> Vec<Source> {
    let srcf = &raw.file;
    raw.data.source.iter().map(|s| source(c, srcf, s)).collect()
}

fn source(c: &mut Checker, srcf: &SourceFile, s: &data::RawSource) -> Source {
    let url = match &s.url {
        // Only web addresses: a `javascript:` link must never reach a page.
        Some(u) if !(u.get_ref().starts_with("https://") || u.get_ref().starts_with("http://")) => {
            c.invalid(
                srcf,
                u.span(),
                Text::new(
                    format!("`{}` không phải địa chỉ web", u.get_ref()),
                    format!("`{}` is not a web address", u.get_ref()),
                ),
                Text::new(
                    "viết đầy đủ địa chỉ, bắt đầu bằng https://",
                    "write the full address, starting with https://",
                ),
            );
            String::new()
        }
        Some(u) => u.get_ref().clone(),
        None => String::new(),
    };
    Source {
        id: s.id.get_ref().clone(),
        title: s.title.clone(),
        publisher: s.publisher.clone(),
        url,
        note: s.note.clone(),
    }
}
