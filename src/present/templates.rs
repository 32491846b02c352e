//! The theme's templates: compiled once for a build, with their errors placed in the theme's
//! files, and the values every template gets about the site and the page.

use super::format::Lang;
use super::i18n::Tr;
use super::{absolute_base, base_path, data, escape, prefix, view};
use crate::error::{Error, Position};
use crate::load::theme::Theme;
use crate::model::Site;
use minijinja::{AutoEscape, Environment};
use serde::Serialize;

/// Site-wide values every template gets as `site`.
#[derive(Serialize)]
pub(super) struct SiteView<'a> {
    pub(super) title: String,
    pub(super) description: String,
    pub(super) publisher: String,
    /// Path prefix of every link within the page's language: "/", "/sub/", "/en/", "/sub/en/".
    pub(super) base: String,
    /// Path of the site's root, for static files shared by both languages: "/" or "/sub/".
    pub(super) root: String,
    /// The absolute address of the site's root, for embed code and share metadata; the root
    /// path when the base URL is not absolute.
    pub(super) url: String,
    /// Whether `url` is absolute: share metadata is only written then.
    pub(super) absolute: bool,
    pub(super) lang: &'static str,
    /// This language's folder under the root: "" or "en/".
    pub(super) prefix: &'static str,
    /// Every language: code and folder, for `hreflang` links and the language switch.
    pub(super) languages: Vec<(&'static str, &'static str)>,
    pub(super) methodology_url: &'static str,
    /// The open-data page, with the whole dataset.
    pub(super) data_url: &'static str,
    pub(super) search_url: &'static str,
    /// Pages of prose, as (address, title), for the footer.
    pub(super) pages: Vec<(String, String)>,
    /// Interface text of this language, from the theme.
    #[serde(skip)]
    pub(super) _texts: std::marker::PhantomData<&'a ()>,
}

impl SiteView<'_> {
    /// The site as the templates of `tr`'s language see it.
    pub(super) fn new(tr: &Tr, site: &Site, base_url: &str) -> Self {
        let lang = tr.lang;
        let root = base_path(base_url);
        SiteView {
            title: tr.text(&site.config.title, &site.config.title_en),
            description: tr.text(&site.config.description, &site.config.description_en),
            publisher: tr.text(&site.config.publisher, &site.config.publisher_en),
            base: format!("{root}{}", prefix(lang)),
            url: absolute_base(base_url).unwrap_or_else(|| root.clone()),
            root,
            absolute: absolute_base(base_url).is_some(),
            lang: lang.code(),
            prefix: prefix(lang),
            languages: [Lang::Vi, Lang::En]
                .into_iter()
                .map(|l| (l.code(), prefix(l)))
                .collect(),
            methodology_url: view::METHODOLOGY_URL,
            data_url: data::DATASET_DIR,
            search_url: view::SEARCH_URL,
            pages: site
                .pages
                .iter()
                .map(|p| (view::page_url(p), tr.text(&p.title, &p.title_en)))
                .collect(),
            _texts: std::marker::PhantomData,
        }
    }
}

/// The theme's templates, compiled once for the whole build.
pub fn environment(theme: &Theme) -> Result<Environment<'static>, Error> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".svg") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    // The built-in HTML escaping also escapes `/`, which bloats every link; this escapes the
    // five characters that matter in text and attributes.
    env.set_formatter(|out, state, value| {
        if *state.auto_escape() == AutoEscape::Html && !value.is_safe() {
            out.write_str(&escape(&value.to_string())).map_err(|_| {
                minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "cannot write")
            })
        } else {
            minijinja::escape_formatter(out, state, value)
        }
    });
    // Interface text with values: {{ fill(t.gone, date=data.until) }}. `fill_html` is for
    // texts that hold markup: the values are escaped, the text is the theme's own.
    fn fill_values(
        text: &str,
        kwargs: &minijinja::value::Kwargs,
        escaped: bool,
    ) -> Result<String, minijinja::Error> {
        let mut out = text.to_string();
        for key in kwargs.args() {
            let value: minijinja::Value = kwargs.get(key)?;
            let value = value.to_string();
            let value = if escaped { escape(&value) } else { value };
            out = out.replace(&format!("{{{key}}}"), &value);
        }
        kwargs.assert_all_used()?;
        Ok(out)
    }
    env.add_function("fill", |text: String, kwargs: minijinja::value::Kwargs| {
        fill_values(&text, &kwargs, false)
    });
    env.add_function(
        "fill_html",
        |text: String, kwargs: minijinja::value::Kwargs| {
            fill_values(&text, &kwargs, true).map(minijinja::Value::from_safe_string)
        },
    );
    for (name, text) in &theme.templates {
        env.add_template_owned(name.clone(), text.clone())
            .map_err(|err| template_error(theme, name, &err))?;
    }
    Ok(env)
}

/// A template error at its place in the theme's file.
pub(super) fn template_error(theme: &Theme, name: &str, err: &minijinja::Error) -> Error {
    let path = theme.templates_dir.join(name);
    let text = theme
        .templates
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, t)| t.as_str());
    let pos = match (err.range(), err.line()) {
        (Some(range), _) => Position::at(&path, text, range.start),
        (None, Some(line)) => Position {
            path: path.into(),
            line,
            column: 1,
        },
        (None, None) => Position::file(&path),
    };
    let message = match err.detail() {
        Some(detail) => format!("{}: {detail}", err.kind()),
        None => err.kind().to_string(),
    };
    Error::Template { pos, message }
}

/// What the base template says about one page: for the `<head>` and share metadata.
#[derive(Serialize, Default)]
pub(super) struct PageMeta {
    /// Relative to the language's root.
    pub(super) url: String,
    pub(super) title: String,
    pub(super) description: String,
    /// The share image, relative to the language's root.
    pub(super) image: Option<String>,
    pub(super) image_alt: String,
    /// The page's data downloads, relative to the language's root.
    pub(super) csv: Option<String>,
    pub(super) json: Option<String>,
    /// The targets shown on a region page, as CSV.
    pub(super) targets_csv: Option<String>,
    /// The page's figures are in the whole dataset (it links there, with or without files of
    /// its own).
    pub(super) in_dataset: bool,
}

impl PageMeta {
    /// A page without share image or data files of its own.
    pub(super) fn plain(url: String, title: String, description: String) -> PageMeta {
        PageMeta {
            url,
            title,
            description,
            ..PageMeta::default()
        }
    }
}
