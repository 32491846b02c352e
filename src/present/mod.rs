//! Present stage: turns the model and computed values into pages (views, charts, templates).
//! It reads and writes nothing: the theme comes loaded.

pub mod chart;
pub mod data;
pub mod format;
pub mod markdown;
pub mod share;
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
    pub content: Vec<u8>,
}

impl Page {
    fn text(path: String, content: String) -> Page {
        Page {
            path,
            content: content.into_bytes(),
        }
    }
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
    /// The absolute address of the site's root, for embed code and share metadata; the base
    /// path when the base URL is not absolute.
    url: String,
    /// Whether `url` is absolute: share metadata is only written then.
    absolute: bool,
    lang: &'static str,
    methodology_url: &'static str,
    /// The open-data page, with the whole dataset.
    data_url: &'static str,
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

/// The base URL with one trailing slash, when it is an absolute http(s) address.
pub fn absolute_base(base_url: &str) -> Option<String> {
    (base_url.starts_with("https://") || base_url.starts_with("http://"))
        .then(|| format!("{}/", base_url.trim_end_matches('/')))
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

/// What the base template says about one page: for the `<head>` and share metadata.
#[derive(Serialize, Default)]
struct PageMeta {
    url: String,
    title: String,
    description: String,
    /// The share image, relative to the site root.
    image: Option<String>,
    image_alt: String,
    /// The page's data downloads, relative to the site root.
    csv: Option<String>,
    json: Option<String>,
}

/// Renders every page of the site, and its data files, embeds and share images.
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
        url: absolute_base(base_url).unwrap_or_else(|| base_path(base_url)),
        absolute: absolute_base(base_url).is_some(),
        lang: "vi",
        methodology_url: view::METHODOLOGY_URL,
        data_url: data::DATASET_DIR,
    };
    let address = absolute_base(base_url)
        .map(|u| {
            u.split_once("://")
                .map_or(u.as_str(), |(_, rest)| rest)
                .trim_end_matches('/')
                .to_string()
        })
        .unwrap_or_default();
    let sv = Serde(&site_view);
    let render = |template: &str, meta: PageMeta, data: minijinja::Value| {
        let tpl = env
            .get_template(template)
            .map_err(|e| template_error(theme, template, &e))?;
        let html = tpl
            .render(context! { site => sv, page => Serde(&meta), data => data })
            .map_err(|e| template_error(theme, template, &e))?;
        let path = if meta.url.ends_with(".html") {
            meta.url.clone()
        } else {
            format!("{}index.html", meta.url)
        };
        Ok::<_, Error>(Page::text(path, html))
    };
    // Each chart's own page, for an `<iframe>`.
    let embeds = |charts: Vec<&view::charts::ChartView>| {
        charts
            .into_iter()
            .map(|c| {
                render(
                    "embed.html",
                    PageMeta {
                        url: c.embed_url.clone(),
                        title: c.title.clone(),
                        description: c.title.clone(),
                        ..PageMeta::default()
                    },
                    Serde(c).into(),
                )
            })
            .collect::<Result<Vec<Page>, Error>>()
    };
    let share_image = |url: &str,
                       title: &str,
                       headline: Option<(String, String, Option<&view::charts::ChartView>)>|
     -> Result<(Page, String), Error> {
        let (figure, caption, chart) = match headline {
            Some((f, c, chart)) => (Some(f), c, chart),
            None => (None, "Chưa có số liệu".to_string(), None),
        };
        let alt = match &figure {
            Some(f) => format!("{title}: {f} – {caption}"),
            None => format!("{title}: {caption}"),
        };
        let png = share::render(&share::Card {
            site_title: &site.config.title,
            title,
            figure,
            caption,
            chart: chart.map(|c| c.svg.as_str()),
            address: &address,
        })
        .map_err(|message| Error::ShareImage {
            page: url.to_string(),
            message,
        })?;
        Ok((
            Page {
                path: share_path(url),
                content: png,
            },
            alt,
        ))
    };
    let data_files = |url: &str, title: &str, rows: &[data::Observation]| {
        vec![
            Page::text(
                view::charts::data_file(url, "csv"),
                data::observations_csv(rows),
            ),
            Page::text(
                view::charts::data_file(url, "json"),
                data::observations_json(title, &format!("{}{url}", site_view.url), rows),
            ),
        ]
    };
    let with_data =
        |url: &str, title: &str, description: String, image: &(Page, String)| PageMeta {
            url: url.to_string(),
            title: title.to_string(),
            description,
            image: Some(image.0.path.clone()),
            image_alt: image.1.clone(),
            csv: Some(view::charts::data_file(url, "csv")),
            json: Some(view::charts::data_file(url, "json")),
        };

    let mut pages = Vec::new();
    let home = view::home(site, computed);
    let nation_image = site
        .region_by_code(&site.config.headline_region)
        .map(|r| share_path(&view::region_url(site, r)));
    pages.push(render(
        "home.html",
        PageMeta {
            url: String::new(),
            title: site.config.title.clone(),
            description: site.config.description.clone(),
            image: nation_image.clone(),
            image_alt: site.config.title.clone(),
            ..PageMeta::default()
        },
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
    let rendered: Vec<Vec<Page>> = jobs
        .par_iter()
        .map(|job| match *job {
            Job::Region(r) => {
                let v = view::region(site, computed, r);
                let url = view::region_url(site, r);
                let description = format!("Số liệu bao phủ bảo hiểm xã hội, bảo hiểm thất nghiệp, bảo hiểm y tế của {} theo năm, so với kế hoạch và mục tiêu.", v.name);
                let image = share_image(&url, &v.name, v.headline())?;
                let rows = data::region_rows(site, computed, r);
                let mut out = vec![render("region.html", with_data(&url, &v.name, description, &image), Serde(&v).into())?];
                out.extend(data_files(&url, &v.name, &rows));
                out.extend(embeds(v.charts())?);
                out.push(image.0);
                Ok(out)
            }
            Job::Indicator(i) => {
                let v = view::indicator(site, computed, i);
                let url = view::indicator_url(site, i);
                let description = if v.description.is_empty() { v.name.clone() } else { v.description.clone() };
                let image = share_image(&url, &v.name, v.headline())?;
                let regions: Vec<RegionIdx> = v.blocks.iter().filter_map(|b| site.region_by_code(&b.region_code)).collect();
                let rows = data::indicator_page_rows(site, computed, i, &regions);
                let mut out = vec![render("indicator.html", with_data(&url, &v.name, description, &image), Serde(&v).into())?];
                out.extend(data_files(&url, &v.name, &rows));
                out.extend(embeds(v.charts())?);
                out.push(image.0);
                Ok(out)
            }
            Job::Plan(n) => {
                let v = view::plan(site, computed, n);
                let url = view::plan_url(&site.plans[n]);
                let description = if v.summary.is_empty() { v.title.clone() } else { v.summary.clone() };
                let image = share_image(&url, &v.title, Some(v.headline()))?;
                let rows = data::target_rows(site, computed, &[n]);
                let mut out = vec![render("plan.html", with_data(&url, &v.title, description, &image), Serde(&v).into())?];
                out.push(Page::text(view::charts::data_file(&url, "csv"), data::targets_csv(&rows)));
                out.push(Page::text(
                    view::charts::data_file(&url, "json"),
                    data::targets_json(&v.title, &format!("{}{url}", site_view.url), &rows),
                ));
                out.extend(embeds(v.charts())?);
                out.push(image.0);
                Ok(out)
            }
        })
        .collect::<Result<_, Error>>()?;
    pages.extend(rendered.into_iter().flatten());

    // The whole dataset in one place, described by its data package.
    let all_rows: Vec<data::Observation> = (0..site.regions.len())
        .flat_map(|r| data::region_rows(site, computed, RegionIdx(r)))
        .collect();
    let dir = data::DATASET_DIR;
    pages.push(Page::text(
        format!("{dir}{}", data::OBSERVATIONS),
        data::observations_csv(&all_rows),
    ));
    pages.push(Page::text(
        format!("{dir}{}", data::TARGETS),
        data::targets_csv(&data::target_rows(
            site,
            computed,
            &(0..site.plans.len()).collect::<Vec<_>>(),
        )),
    ));
    pages.push(Page::text(
        format!("{dir}{}", data::PACKAGE),
        data::datapackage(site, base_url),
    ));
    pages.push(render(
        "data.html",
        PageMeta {
            url: dir.to_string(),
            title: "Dữ liệu mở".into(),
            description:
                "Tải toàn bộ số liệu bao phủ và mục tiêu dưới dạng CSV, kèm mô tả Data Package."
                    .into(),
            image: nation_image,
            image_alt: site.config.title.clone(),
            ..PageMeta::default()
        },
        Serde(&data::description(site)).into(),
    )?);

    let m = view::methodology(site, computed);
    pages.push(render(
        "methodology.html",
        PageMeta {
            url: view::METHODOLOGY_URL.into(),
            title: "Phương pháp tính và nguồn số liệu".into(),
            description: "Công thức của các chỉ tiêu, cách đánh giá tiến độ so với mục tiêu và nguồn của từng số liệu.".into(),
            ..PageMeta::default()
        },
        Serde(&m).into(),
    )?);
    pages.push(render(
        "404.html",
        PageMeta {
            url: "404.html".into(),
            title: "Không tìm thấy trang".into(),
            description: "Trang bạn tìm không có trên trang này.".into(),
            ..PageMeta::default()
        },
        Serde(&home).into(),
    )?);

    Ok(Rendered {
        pages,
        static_dir: theme.static_dir.clone(),
    })
}

/// Where a page's share image is written, next to its `index.html`.
pub fn share_path(page_url: &str) -> String {
    format!("{page_url}chia-se.png")
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
