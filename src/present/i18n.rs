//! Interface text in a page's language, from the theme's translation files, and the names of
//! regions, series, indicators and plans in that language from the data.

use super::format::Lang;
use crate::model::Date;
use std::collections::BTreeMap;

/// The translator of one language: what view code asks for words and names.
pub struct Tr<'a> {
    pub lang: Lang,
    texts: &'a BTreeMap<String, String>,
}

impl<'a> Tr<'a> {
    pub fn new(lang: Lang, texts: &'a BTreeMap<String, String>) -> Tr<'a> {
        Tr { lang, texts }
    }

    /// The text of `key`. A key the theme lacks shows as `⟦key⟧` on the page (and the tests look
    /// for that mark), never as silence.
    pub fn t(&self, key: &str) -> String {
        self.texts
            .get(key)
            .cloned()
            .unwrap_or_else(|| format!("⟦{key}⟧"))
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(&self.t(key), args)
    }

    /// A name from the data in this language. A missing English name falls back to the
    /// Vietnamese one, marked so that readers see it is untranslated (and `check` warns).
    pub fn name(&self, vi: &str, en: &str) -> String {
        match self.lang {
            Lang::Vi => vi.to_string(),
            Lang::En if !en.is_empty() => en.to_string(),
            Lang::En => self.f("untranslated", &[("name", vi)]),
        }
    }

    /// A text from the data that may have no English version: the Vietnamese one then, as is
    /// (free text such as notes; its language is marked by the template where it matters).
    pub fn text(&self, vi: &str, en: &str) -> String {
        match self.lang {
            Lang::En if !en.is_empty() => en.to_string(),
            _ => vi.to_string(),
        }
    }

    /// A date as the language writes it: 30/06/2025, or 30 June 2025.
    pub fn date(&self, d: Date) -> String {
        match self.lang {
            Lang::Vi => d.to_string(),
            Lang::En => format!(
                "{} {} {}",
                d.day,
                self.t(&format!("month_{}", d.month)),
                d.year
            ),
        }
    }
}

/// `text` with each `{name}` replaced by its value.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_keys_and_names_show() {
        let mut texts = BTreeMap::new();
        texts.insert(
            "untranslated".to_string(),
            "{name} (Vietnamese)".to_string(),
        );
        texts.insert("month_6".to_string(), "June".to_string());
        let tr = Tr::new(Lang::En, &texts);
        assert_eq!(tr.t("nope"), "⟦nope⟧");
        assert_eq!(tr.name("Hướng Hóa", ""), "Hướng Hóa (Vietnamese)");
        assert_eq!(tr.name("Hướng Hóa", "Huong Hoa"), "Huong Hoa");
        let d = Date {
            year: 2025,
            month: 6,
            day: 30,
        };
        assert_eq!(tr.date(d), "30 June 2025");
        assert_eq!(Tr::new(Lang::Vi, &texts).date(d), "30/06/2025");
        assert_eq!(fill("{a} và {b}", &[("a", "1"), ("b", "2")]), "1 và 2");
    }
}
