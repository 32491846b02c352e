//! Present stage: turns the model and computed values into pages (views, charts, templates).
//! It reads and writes nothing: the theme comes loaded.

pub mod chart;
pub mod format;
pub mod markdown;
pub mod view;

use crate::compute::Computed;
use crate::error::{Error, Position};
use crate::load::theme::Theme;
use crate::model::{IndicatorIdx, RegionIdx, Site};
use minijinja::value::Serde;
use minijinja::{context, AutoEscape, Environment};
use rayon::prelude::*;
use serde::Serialize;
use std::path::PathBuf;

/// One output file: its path under the output folder and its content.
pub struct Page {
    pub path: String,
    pub content: String,
}

pub struct Rendered {
    pub pages: Vec<Page>,
    /// The theme's `static/` folder, copied as it is.
    pub static_dir: PathBuf,
}

/// Site-wide values every template gets as `site`.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    publisher: &'a str,
    /// Path prefix of every link, from the base URL: "/" or "/sub/".
    base: String,
    lang: &'static str,
    methodology_url: &'static str,
}

/// Escapes text for HTML and XML content and attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The path part of a base URL, with leading and trailing slashes.
pub fn base_path(base_url: &str) -> String {
    let without_scheme = base_url
        .split_once("://")
        .map(|(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]))
        .unwrap_or(base_url);
    let trimmed = without_scheme.trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
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
    for (name, text) in &theme.templates {
        env.add_template_owned(name.clone(), text.clone())
            .map_err(|err| template_error(theme, name, &err))?;
    }
    Ok(env)
}

/// A template error at its place in the theme's file.
fn template_error(theme: &Theme, name: &str, err: &minijinja::Error) -> Error {
    let path = theme.templates_dir.join(name);
    let text = theme
        .templates
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, t)| t.as_str());
    let pos = match (err.range(), err.line()) {
        (Some(range), _) => Position::at(&path, text, range.start),
        (None, Some(line)) => Position {
            path,
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

/// Renders every page of the site.
pub fn render(
    site: &Site,
    computed: &Computed,
    theme: &Theme,
    base_url: &str,
) -> Result<Rendered, Error> {
    let env = environment(theme)?;
    let site_view = SiteView {
        title: &site.config.title,
        description: &site.config.description,
        publisher: &site.config.publisher,
        base: base_path(base_url),
        lang: "vi",
        methodology_url: view::METHODOLOGY_URL,
    };
    let sv = Serde(&site_view);
    let render =
        |template: &str, url: &str, title: &str, description: &str, data: minijinja::Value| {
            let tpl = env
                .get_template(template)
                .map_err(|e| template_error(theme, template, &e))?;
            let html = tpl
                .render(context! {
                    site => sv,
                    page => context! { url => url, title => title, description => description },
                    data => data,
                })
                .map_err(|e| template_error(theme, template, &e))?;
            Ok::<_, Error>(Page {
                path: if url.ends_with(".html") {
                    url.to_string()
                } else {
                    format!("{url}index.html")
                },
                content: html,
            })
        };

    let mut pages = Vec::new();
    let home = view::home(site, computed);
    pages.push(render(
        "home.html",
        "",
        &site.config.title,
        &site.config.description,
        Serde(&home).into(),
    )?);

    // Region, indicator and plan pages are independent: render them on all cores. The
    // collected order is the job order, so the output does not depend on scheduling.
    enum Job {
        Region(RegionIdx),
        Indicator(IndicatorIdx),
        Plan(usize),
    }
    let jobs: Vec<Job> = (0..site.regions.len())
        .map(|r| Job::Region(RegionIdx(r)))
        .chain((0..site.indicators.len()).map(|i| Job::Indicator(IndicatorIdx(i))))
        .chain((0..site.plans.len()).map(Job::Plan))
        .collect();
    let rendered: Vec<Page> = jobs
        .par_iter()
        .map(|job| match *job {
            Job::Region(r) => {
                let v = view::region(site, computed, r);
                let description = format!("Số liệu bao phủ bảo hiểm xã hội, bảo hiểm thất nghiệp, bảo hiểm y tế của {} theo năm, so với kế hoạch và mục tiêu.", v.name);
                render("region.html", &view::region_url(site, r), &v.name, &description, Serde(&v).into())
            }
            Job::Indicator(i) => {
                let v = view::indicator(site, computed, i);
                let description = if v.description.is_empty() { v.name.clone() } else { v.description.clone() };
                render("indicator.html", &view::indicator_url(site, i), &v.name, &description, Serde(&v).into())
            }
            Job::Plan(n) => {
                let v = view::plan(site, computed, n);
                let description = if v.summary.is_empty() { v.title.clone() } else { v.summary.clone() };
                render("plan.html", &view::plan_url(&site.plans[n]), &v.title, &description, Serde(&v).into())
            }
        })
        .collect::<Result<_, Error>>()?;
    pages.extend(rendered);
    let m = view::methodology(site, computed);
    pages.push(render(
        "methodology.html",
        view::METHODOLOGY_URL,
        "Phương pháp tính và nguồn số liệu",
        "Công thức của các chỉ tiêu, cách đánh giá tiến độ so với mục tiêu và nguồn của từng số liệu.",
        Serde(&m).into(),
    )?);
    pages.push(render(
        "404.html",
        "404.html",
        "Không tìm thấy trang",
        "Trang bạn tìm không có trên trang này.",
        Serde(&home).into(),
    )?);

    Ok(Rendered {
        pages,
        static_dir: theme.static_dir.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::base_path;

    #[test]
    fn base_path_from_urls() {
        assert_eq!(base_path("/"), "/");
        assert_eq!(base_path(""), "/");
        assert_eq!(base_path("https://example.org"), "/");
        assert_eq!(base_path("https://example.org/bao-phu"), "/bao-phu/");
        assert_eq!(base_path("/a/b/"), "/a/b/");
    }
}
