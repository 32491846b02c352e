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
    /// The slug of the plan whose document the source is, when it has no web address.
    pub document: String,
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
        document: s
            .document
            .as_ref()
            .map(|d| d.get_ref().clone())
            .unwrap_or_default(),
        printed: quoted(c, srcf, &s.printed),
    }
}

/// A source that is a plan's document names a plan of the site.
pub(super) fn check_documents(
    c: &mut Checker,
    raw: &data::Loaded<data::SourcesFile>,
    plans: &[super::Plan],
) {
    for s in &raw.data.source {
        let Some(d) = &s.document else { continue };
        if !plans.iter().any(|p| p.slug == *d.get_ref()) {
            let names: Vec<&str> = plans.iter().map(|p| p.slug.as_str()).collect();
            let suggestion = crate::error::Suggestion::closest(d.get_ref(), names.iter().copied());
            c.invalid(
                &raw.file,
                d.span(),
                Text::new(
                    format!("không có kế hoạch `{}` trong content/plans/", d.get_ref()),
                    format!("there is no plan `{}` in content/plans/", d.get_ref()),
                ),
                match suggestion.0 {
                    Some(n) => Text::new(
                        format!("có phải ý bạn là `{n}`? `document` là tên tệp của kế hoạch, không có `.md`"),
                        format!("did you mean `{n}`? `document` is the plan's file name without `.md`"),
                    ),
                    None => Text::new(
                        "`document` là tên tệp của một kế hoạch trong content/plans/, không có `.md`",
                        "`document` is the file name of a plan in content/plans/, without `.md`",
                    ),
                },
            );
        }
    }
}
