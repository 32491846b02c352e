//! A page of prose, such as a guide to reading the site.

use super::printed::{printed_rows, PrintedRow};
use crate::compute::Computed;
use crate::model::Site;
use crate::present::i18n::Tr;
use crate::present::markdown;
use serde::Serialize;

/// A page of prose. An English page without an English title shows the Vietnamese text, with
/// its language marked for screen readers and a note for readers.
#[derive(Serialize)]
pub struct PageView {
    pub title: String,
    pub summary: String,
    pub body_html: String,
    /// The language of the text, when it is not the page's.
    pub text_lang: Option<&'static str>,
    /// The figures the page quotes as printed, against the data.
    pub printed: Vec<PrintedRow>,
}

pub fn page(tr: &Tr, site: &Site, computed: &Computed, index: usize) -> PageView {
    let page = &site.pages[index];
    // A page's text is written in Vietnamese only: on English pages it is marked as such, even
    // when its title has an English name.
    let untranslated = tr.lang == crate::present::format::Lang::En;
    PageView {
        title: tr.text(&page.title, &page.title_en),
        summary: tr.text(&page.summary, &page.summary_en),
        body_html: markdown::to_html(&page.body, &tr.t("plan_table"), "../"),
        text_lang: untranslated.then_some("vi"),
        printed: printed_rows(tr, site, computed, &page.printed),
    }
}
