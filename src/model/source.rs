//! Sources: the documents and tables figures are taken from, from `data/sources.toml`.

use super::check::Checker;
use super::printed::{quoted, Printed};
use crate::error::Text;
use crate::load::{data, SourceFile};

#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub note: String,
    /// The sentence its figures were read in, when one sentence gives them all.
    pub quote: String,
    /// Figures the source prints (`[[source.printed]]`), audited against the data.
    pub printed: Vec<Printed>,
}

/// The sources as declared, with only addresses that may be links.
pub(super) fn sources(c: &mut Checker, raw: &data::Loaded<data::SourcesFile>) -> Vec<Source> {
    let srcf = &raw.file;
    raw.data.source.iter().map(|s| source(c, srcf, s)).collect()
}

fn source(c: &mut Checker, srcf: &SourceFile, s: &data::RawSource) -> Source {
    let url = match &s.url {
        // One rule for every address an editor writes: a `javascript:` link never reaches
        // a page.
        Some(u) => match crate::address::link_problem(u.get_ref()) {
            Some(hint) => {
                c.invalid(
                    srcf,
                    u.span(),
                    Text::new(
                        format!("`{}` không phải địa chỉ web", u.get_ref()),
                        format!("`{}` is not a web address", u.get_ref()),
                    ),
                    hint,
                );
                String::new()
            }
            None => u.get_ref().clone(),
        },
        None => String::new(),
    };
    Source {
        id: s.id.get_ref().clone(),
        title: s.title.clone(),
        publisher: s.publisher.clone(),
        url,
        note: s.note.clone(),
        quote: s.quote.clone(),
        printed: quoted(c, srcf, &s.printed),
    }
}
