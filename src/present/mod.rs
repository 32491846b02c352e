//! Present stage: turns the model and computed values into pages (views, charts, templates).
//! It reads and writes nothing: the theme comes loaded.

pub mod chart;
pub mod data;
pub mod format;
pub mod i18n;
pub mod markdown;
pub mod share;
pub mod view;

use crate::compute::Computed;
use crate::error::{Error, Position, Text, Warning};
use crate::load::theme::Theme;
use crate::model::{IndicatorIdx, RegionIdx, Site};
use format::Lang;
use i18n::Tr;
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

/// Where rendered pages go as soon as they are ready: the output folder, memory for the
/// preview, or nowhere for `check`. Called from several threads at once.
pub trait Sink: Sync {
    fn put(&self, page: Page) -> Result<(), Error>;
}

/// Pages kept in memory, for the preview and for tests.
#[derive(Default)]
pub struct Memory(std::sync::Mutex<Vec<Page>>);

impl Sink for Memory {
    fn put(&self, page: Page) -> Result<(), Error> {
        self.0.lock().expect("pages").push(page);
        Ok(())
    }
}

impl Memory {
    /// The pages, in path order.
    pub fn into_pages(self) -> Vec<Page> {
        let mut pages = self.0.into_inner().expect("pages");
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        pages
    }
}

/// Pages dropped as they come: `check` renders to find errors, not to keep.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: Page) -> Result<(), Error> {
        Ok(())
    }
}

/// Pages of one language on their way to the sink: under the language's folder, their paths
/// noted for the sitemap and the link check.
struct Out<'a> {
    sink: &'a dyn Sink,
    prefix: &'static str,
    paths: std::sync::Mutex<Vec<String>>,
    /// The files of each region's own pages, for a later build to keep.
    region_paths: std::sync::Mutex<Vec<(RegionIdx, String)>>,
}

impl Out<'_> {
    fn put(&self, page: Page) -> Result<(), Error> {
        self.put_for(None, page)
    }
    fn put_for(&self, region: Option<RegionIdx>, mut page: Page) -> Result<(), Error> {
        page.path = format!("{}{}", self.prefix, page.path);
        self.paths.lock().expect("paths").push(page.path.clone());
        if let Some(r) = region {
            self.region_paths
                .lock()
                .expect("paths")
                .push((r, page.path.clone()));
        }
        self.sink.put(page)
    }
}

pub struct Rendered {
    /// Every file written, in path order.
    pub paths: Vec<String>,
    /// The files of each region's own pages (both languages), by region.
    pub region_paths: std::collections::BTreeMap<RegionIdx, Vec<String>>,
    /// Problems found while rendering: links in texts that lead nowhere.
    pub warnings: Vec<Warning>,
    /// The theme's `static/` folder, copied as it is.
    pub static_dir: PathBuf,
}

/// Site-wide values every template gets as `site`.
#[derive(Serialize)]
struct SiteView<'a> {
    title: String,
    description: String,
    publisher: String,
    /// Path prefix of every link within the page's language: "/", "/sub/", "/en/", "/sub/en/".
    base: String,
    /// Path of the site's root, for static files shared by both languages: "/" or "/sub/".
    root: String,
    /// The absolute address of the site's root, for embed code and share metadata; the root
    /// path when the base URL is not absolute.
    url: String,
    /// Whether `url` is absolute: share metadata is only written then.
    absolute: bool,
    lang: &'static str,
    /// This language's folder under the root: "" or "en/".
    prefix: &'static str,
    /// Every language: code and folder, for `hreflang` links and the language switch.
    languages: Vec<(&'static str, &'static str)>,
    methodology_url: &'static str,
    /// The open-data page, with the whole dataset.
    data_url: &'static str,
    search_url: &'static str,
    /// Pages of prose, as (address, title), for the footer.
    pages: Vec<(String, String)>,
    /// Interface text of this language, from the theme.
    #[serde(skip)]
    _texts: std::marker::PhantomData<&'a ()>,
}

/// The folder of a language under the site's root.
pub fn prefix(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "",
        Lang::En => "en/",
    }
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
struct PageMeta {
    /// Relative to the language's root.
    url: String,
    title: String,
    description: String,
    /// The share image, relative to the language's root.
    image: Option<String>,
    image_alt: String,
    /// The page's data downloads, relative to the language's root.
    csv: Option<String>,
    json: Option<String>,
    /// The targets shown on a region page, as CSV.
    targets_csv: Option<String>,
    /// The page's figures are in the whole dataset (it links there, with or without files of
    /// its own).
    in_dataset: bool,
}

/// Which pages a render writes. The live preview, after an edit of figures only, renders the
/// pages of the regions whose figures changed (`Regions`), shows them, then renders every page
/// that gathers many regions (`SiteWide`: home, indicators, plans, data, search); the rest of
/// the site is as before.
#[derive(Clone, Copy)]
pub enum Scope<'a> {
    All,
    /// Only these regions' own pages and files.
    Regions(&'a std::collections::HashSet<RegionIdx>),
    /// Every page but the regions' own, without the sitemap.
    SiteWide,
    /// Every page but those of these regions, which a build kept from its previous output
    /// (their files are `kept`): the sitemap and the link check still count them.
    AllBut {
        regions: &'a std::collections::HashSet<RegionIdx>,
        kept: &'a [String],
    },
}

impl Scope<'_> {
    /// Whether the pages that gather many regions are rendered.
    fn site_wide(&self) -> bool {
        !matches!(self, Scope::Regions(_))
    }

    /// Whether a region's own pages are rendered.
    fn has_region(&self, r: RegionIdx) -> bool {
        match self {
            Scope::All => true,
            Scope::Regions(set) => set.contains(&r),
            Scope::SiteWide => false,
            Scope::AllBut { regions, .. } => !regions.contains(&r),
        }
    }
}

/// Renders every page of the site in every language, with data files, embeds and share images
/// (within `scope`).
pub fn render(
    site: &Site,
    computed: &Computed,
    theme: &Theme,
    base_url: &str,
    cache: &share::ShareCache,
    scope: Scope,
    sink: &dyn Sink,
) -> Result<Rendered, Error> {
    let env = environment(theme)?;
    let mut paths = Vec::new();
    let mut region_paths: std::collections::BTreeMap<RegionIdx, Vec<String>> =
        std::collections::BTreeMap::new();
    for lang in [Lang::Vi, Lang::En] {
        let texts = theme.texts.get(lang.code()).ok_or_else(|| Error::Invalid {
            pos: Position::file(&theme.templates_dir),
            message: Text::new(
                format!("giao diện không có chữ tiếng {}", lang.code()),
                format!("the theme has no {} texts", lang.code()),
            ),
            hint: Text::new(
                format!("thêm i18n/{}.toml vào giao diện", lang.code()),
                format!("add i18n/{}.toml to the theme", lang.code()),
            ),
        })?;
        let tr = Tr::new(lang, texts);
        let run = Run {
            env: &env,
            theme,
            site,
            computed,
            base_url,
            cache,
            scope,
        };
        let out = Out {
            sink,
            prefix: prefix(lang),
            paths: std::sync::Mutex::new(Vec::new()),
            region_paths: std::sync::Mutex::new(Vec::new()),
        };
        render_language(run, &tr, &out)?;
        paths.extend(out.paths.into_inner().expect("paths"));
        for (r, path) in out.region_paths.into_inner().expect("paths") {
            region_paths.entry(r).or_default().push(path);
        }
    }
    for files in region_paths.values_mut() {
        files.sort();
    }
    if let Scope::AllBut { kept, .. } = scope {
        paths.extend(kept.iter().cloned());
    }
    // Pages are rendered in parallel: their order is fixed here.
    paths.sort();
    // A partial render leaves the set of pages as it was: the sitemap and the links that lead
    // nowhere are those of the last whole render.
    let warnings = match scope {
        Scope::All | Scope::AllBut { .. } => {
            let warnings = broken_links(site, &paths, &theme.static_dir);
            for page in [
                Page::text("sitemap.xml".into(), sitemap(base_url, &paths)),
                Page::text(
                    "robots.txt".into(),
                    format!(
                        "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
                        absolute_base(base_url).unwrap_or_else(|| base_path(base_url))
                    ),
                ),
            ] {
                paths.push(page.path.clone());
                sink.put(page)?;
            }
            paths.sort();
            warnings
        }
        Scope::Regions(_) | Scope::SiteWide => Vec::new(),
    };
    Ok(Rendered {
        paths,
        region_paths,
        warnings,
        static_dir: theme.static_dir.clone(),
    })
}

/// Links in plan texts and pages of prose that lead to no page or file of the site.
pub fn broken_links(site: &Site, paths: &[String], static_dir: &std::path::Path) -> Vec<Warning> {
    let paths: std::collections::HashSet<&str> = paths.iter().map(String::as_str).collect();
    let exists = |path: &str| {
        let candidates = if path.is_empty() || path.ends_with('/') {
            vec![format!("{path}index.html")]
        } else {
            vec![path.to_string(), format!("{path}/index.html")]
        };
        candidates
            .iter()
            .any(|c| paths.contains(c.as_str()) || static_dir.join(c).is_file())
    };
    let texts = site
        .plans
        .iter()
        .map(|p| (view::plan_url(p), &p.body, &p.body_pos))
        .chain(
            site.pages
                .iter()
                .map(|p| (view::page_url(p), &p.body, &p.body_pos)),
        );
    let mut warnings = Vec::new();
    for (url, body, start) in texts {
        for (offset, dest) in markdown::internal_links(body) {
            if resolve_link(&url, &dest).is_some_and(|path| exists(&path)) {
                continue;
            }
            let at = Position::at(&start.path, body, offset);
            let pos = Position {
                path: start.path.clone(),
                line: start.line + at.line - 1,
                column: if at.line == 1 {
                    start.column + at.column - 1
                } else {
                    at.column
                },
            };
            warnings.push(Warning {
                pos,
                message: Text::new(
                    format!("liên kết `{dest}` không dẫn tới trang nào của trang web; viết địa chỉ từ gốc trang, ví dụ `/phuong-phap/`, `/vung/vn/`, `/ke-hoach/huong-hoa-2020/`"),
                    format!("the link `{dest}` leads to no page of the site; write addresses from the site's root, such as `/phuong-phap/`, `/vung/vn/`, `/ke-hoach/huong-hoa-2020/`"),
                ),
            });
        }
    }
    warnings
}

/// The output path a link from the page at `from` (a folder address such as "ke-hoach/x/")
/// leads to, without its fragment or query; None when it leaves the site.
fn resolve_link(from: &str, dest: &str) -> Option<String> {
    let dest = dest.split(['#', '?']).next().unwrap_or("");
    let (mut parts, rest): (Vec<&str>, &str) = match dest.strip_prefix('/') {
        Some(rest) => (Vec::new(), rest),
        None => (from.split('/').filter(|p| !p.is_empty()).collect(), dest),
    };
    for segment in rest.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if (dest.is_empty() || dest.ends_with('/') || rest.is_empty()) && !path.is_empty() {
        path.push('/');
    }
    Some(path)
}

/// Every HTML page but embeds and the 404 page, for search engines.
fn sitemap(base_url: &str, paths: &[String]) -> String {
    let root = absolute_base(base_url).unwrap_or_else(|| base_path(base_url));
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        let Some(dir) = path.strip_suffix("index.html") else {
            continue;
        };
        if dir.contains("/nhung/") || dir.starts_with("nhung/") {
            continue;
        }
        out.push_str(&format!(
            "<url><loc>{}</loc></url>\n",
            escape(&format!("{root}{dir}"))
        ));
    }
    out.push_str("</urlset>\n");
    out
}

/// Phases of a render timed on standard error when `BAOPHU_TIMINGS` is set: how the profile
/// in the README was read.
struct Timer {
    lang: Lang,
    what: &'static str,
    at: Option<std::time::Instant>,
}

impl Timer {
    fn start(lang: Lang, what: &'static str) -> Timer {
        Timer {
            lang,
            what,
            at: std::env::var_os("BAOPHU_TIMINGS").map(|_| std::time::Instant::now()),
        }
    }
    fn next(self, what: &'static str) -> Timer {
        let lang = self.lang;
        self.done();
        Timer::start(lang, what)
    }
    fn done(self) {
        if let Some(at) = self.at {
            eprintln!(
                "[{}] {}: {} ms",
                self.lang.code(),
                self.what,
                at.elapsed().as_millis()
            );
        }
    }
}

/// What every language's pages are rendered from.
#[derive(Clone, Copy)]
struct Run<'a> {
    env: &'a Environment<'static>,
    theme: &'a Theme,
    site: &'a Site,
    computed: &'a Computed,
    base_url: &'a str,
    cache: &'a share::ShareCache,
    scope: Scope<'a>,
}

/// The pages of one language, with paths relative to that language's root.
fn render_language(run: Run, tr: &Tr, out: &Out) -> Result<(), Error> {
    let Run {
        env,
        theme,
        site,
        computed,
        base_url,
        cache,
        scope,
    } = run;
    let lang = tr.lang;
    let timer = Timer::start(lang, "home and site-wide pages");
    let root = base_path(base_url);
    let site_view = SiteView {
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
    };
    let texts = theme.texts.get(lang.code()).cloned().unwrap_or_default();
    let address = absolute_base(base_url)
        .map(|u| {
            u.split_once("://")
                .map_or(u.as_str(), |(_, rest)| rest)
                .trim_end_matches('/')
                .to_string()
        })
        .unwrap_or_default();
    let sv = Serde(&site_view);
    let t: minijinja::Value = Serde(&texts).into();
    let render = |template: &str, meta: PageMeta, data: minijinja::Value| {
        let tpl = env
            .get_template(template)
            .map_err(|e| template_error(theme, template, &e))?;
        let html = tpl
            .render(context! { site => sv, page => Serde(&meta), data => data, t => t.clone() })
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
    let site_title = site_view.title.clone();
    let share_image = |url: &str,
                       title: &str,
                       headline: Option<(String, String, Option<&view::charts::ChartView>)>|
     -> Result<(Page, String), Error> {
        let (figure, caption, chart) = match headline {
            Some((f, c, chart)) => (Some(f), c, chart),
            None => (None, tr.t("no_data_yet"), None),
        };
        let alt = match &figure {
            Some(f) => format!("{title}: {f} – {caption}"),
            None => format!("{title}: {caption}"),
        };
        let png = cache
            .render(&share::Card {
                site_title: &site_title,
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
                content: png.as_ref().clone(),
            },
            alt,
        ))
    };
    let page_address = |url: &str| format!("{}{}{url}", site_view.url, prefix(lang));
    let data_files = |url: &str, title: &str, rows: &[data::Observation]| {
        vec![
            Page::text(
                view::charts::data_file(url, "csv"),
                data::observations_csv(rows),
            ),
            Page::text(
                view::charts::data_file(url, "json"),
                data::observations_json(tr, title, &page_address(url), rows),
            ),
        ]
    };
    let with_data =
        |url: &str, title: &str, description: String, image: Option<&(Page, String)>| PageMeta {
            url: url.to_string(),
            title: title.to_string(),
            description,
            image: image.map(|i| i.0.path.clone()),
            image_alt: image.map(|i| i.1.clone()).unwrap_or_default(),
            csv: Some(view::charts::data_file(url, "csv")),
            json: Some(view::charts::data_file(url, "json")),
            targets_csv: None,
            in_dataset: true,
        };

    let home = view::home(tr, site, computed);
    let nation_image = site
        .region_by_code(&site.config.headline_region)
        .filter(|r| site.config.pages.share_image(site.region(*r).level.key()))
        .map(|r| share_path(&view::region_url(site, r)));
    let site_wide = scope.site_wide();
    if site_wide {
        out.put(render(
            "home.html",
            PageMeta {
                url: String::new(),
                title: site_view.title.clone(),
                description: site_view.description.clone(),
                image: nation_image.clone(),
                image_alt: site_view.title.clone(),
                ..PageMeta::default()
            },
            Serde(&home).into(),
        )?)?;
    }

    // Region, indicator and plan pages are independent: render them on all cores. The
    // collected order is the job order, so the output does not depend on scheduling.
    enum Job {
        Region(RegionIdx),
        Indicator(IndicatorIdx),
        Plan(usize),
    }
    let jobs: Vec<Job> = (0..site.regions.len())
        .map(RegionIdx)
        .filter(|r| scope.has_region(*r))
        .map(Job::Region)
        .chain(
            (0..site.indicators.len())
                .filter(|_| site_wide)
                .map(|i| Job::Indicator(IndicatorIdx(i))),
        )
        .chain((0..site.plans.len()).filter(|_| site_wide).map(Job::Plan))
        .collect();
    let timer = timer.next("region, indicator and plan pages, whole dataset");
    let job_pages = |job: &Job| -> Result<Vec<Page>, Error> {
        match *job {
            Job::Region(r) => {
                let mut v = view::region(tr, site, computed, r);
                let url = view::region_url(site, r);
                let description = tr.f("region_description", &[("name", &v.name)]);
                // The configuration may keep share images and chart pages to some levels: at
                // national size they are most of the files.
                let level = site.region(r).level.key();
                let image = if site.config.pages.share_image(level) {
                    Some(share_image(&url, &v.name, v.headline(tr))?)
                } else {
                    None
                };
                let with_embeds = site.config.pages.embeds(level);
                if !with_embeds {
                    v.forget_embeds();
                }
                let with_downloads = site.config.pages.downloads(level);
                if !with_downloads {
                    v.point_data_to(data::DATASET_DIR);
                }
                let mut meta = with_data(&url, &v.name, description, image.as_ref());
                let mut files = Vec::new();
                if with_downloads {
                    let targets = computed
                        .region_targets
                        .get(&r)
                        .map_or(&[][..], |t| t.as_slice());
                    if !targets.is_empty() {
                        let path = format!("{url}{}", data::TARGETS);
                        let rows = data::targets_of(tr, site, computed, targets);
                        files.push(Page::text(path.clone(), data::targets_csv(&rows)));
                        meta.targets_csv = Some(path);
                    }
                    let rows = data::region_rows(tr, site, computed, r);
                    files.extend(data_files(&url, &v.name, &rows));
                } else {
                    meta.csv = None;
                    meta.json = None;
                }
                let mut out = vec![render("region.html", meta, Serde(&v).into())?];
                out.extend(files);
                if with_embeds {
                    out.extend(embeds(v.charts())?);
                }
                out.extend(image.map(|i| i.0));
                Ok(out)
            }
            Job::Indicator(i) => {
                let v = view::indicator(tr, site, computed, i);
                let url = view::indicator_url(site, i);
                let description = if v.description.is_empty() {
                    v.name.clone()
                } else {
                    v.description.clone()
                };
                let image = share_image(&url, &v.name, v.headline(tr))?;
                let regions: Vec<RegionIdx> = v
                    .blocks
                    .iter()
                    .filter_map(|b| site.region_by_code(&b.region_code))
                    .collect();
                let rows = data::indicator_page_rows(tr, site, computed, i, &regions);
                let mut out = vec![render(
                    "indicator.html",
                    with_data(&url, &v.name, description, Some(&image)),
                    Serde(&v).into(),
                )?];
                out.extend(data_files(&url, &v.name, &rows));
                out.extend(embeds(v.charts())?);
                out.push(image.0);
                Ok(out)
            }
            Job::Plan(n) => {
                let v = view::plan(tr, site, computed, n);
                let url = view::plan_url(&site.plans[n]);
                let description = if v.summary.is_empty() {
                    v.title.clone()
                } else {
                    v.summary.clone()
                };
                let image = share_image(&url, &v.title, Some(v.headline(tr)))?;
                let rows = data::target_rows(tr, site, computed, &[n]);
                let mut out = vec![render(
                    "plan.html",
                    with_data(&url, &v.title, description, Some(&image)),
                    Serde(&v).into(),
                )?];
                out.push(Page::text(
                    view::charts::data_file(&url, "csv"),
                    data::targets_csv(&rows),
                ));
                out.push(Page::text(
                    view::charts::data_file(&url, "json"),
                    data::targets_json(&v.title, &page_address(&url), &rows),
                ));
                out.extend(embeds(v.charts())?);
                out.push(image.0);
                Ok(out)
            }
        }
    };
    let dir = data::DATASET_DIR;
    // The whole dataset is one long file made on one core: it is made while the pages are,
    // not after them with the other cores idle.
    let dataset = || {
        if !site_wide {
            return Ok(());
        }
        out.put(Page::text(
            format!("{dir}{}", data::OBSERVATIONS),
            data::dataset_csv(tr, site, computed),
        ))
    };
    let pages = || {
        jobs.par_iter()
            .map(|job| {
                let region = match *job {
                    Job::Region(r) => Some(r),
                    _ => None,
                };
                (region, job_pages(job))
            })
            // Each job's pages go to the sink as soon as the job is done: the site is never
            // held in memory whole.
            .try_for_each(|(region, pages)| {
                pages?
                    .into_iter()
                    .try_for_each(|page| out.put_for(region, page))
            })
    };
    let (pages, dataset) = rayon::join(pages, dataset);
    pages?;
    dataset?;

    if !site_wide {
        timer.done();
        return Ok(());
    }
    // The rest of the whole dataset, described by its data package.
    let timer = timer.next("the other site-wide pages");
    out.put(Page::text(
        format!("{dir}{}", data::TARGETS),
        data::targets_csv(&data::target_rows(
            tr,
            site,
            computed,
            &(0..site.plans.len()).collect::<Vec<_>>(),
        )),
    ))?;
    out.put(Page::text(
        format!("{dir}{}", data::PACKAGE),
        data::datapackage(tr, site, &format!("{}{}", site_view.url, prefix(lang))),
    ))?;
    out.put(render(
        "data.html",
        PageMeta {
            url: dir.to_string(),
            title: tr.t("data_title"),
            description: tr.t("data_description"),
            image: nation_image.clone(),
            image_alt: site_view.title.clone(),
            ..PageMeta::default()
        },
        Serde(&data::description(tr, site)).into(),
    )?)?;
    let search = view::search(tr, site);
    out.put(render(
        "search.html",
        PageMeta {
            url: view::SEARCH_URL.into(),
            title: tr.t("search_title"),
            description: tr.t("search_description"),
            ..PageMeta::default()
        },
        Serde(&search).into(),
    )?)?;
    out.put(Page::text("atom.xml".into(), feed(tr, site, &site_view)))?;

    for (i, p) in site.pages.iter().enumerate() {
        let v = view::page(tr, site, i);
        out.put(render(
            "page.html",
            PageMeta {
                url: view::page_url(p),
                title: v.title.clone(),
                description: if v.summary.is_empty() {
                    v.title.clone()
                } else {
                    v.summary.clone()
                },
                ..PageMeta::default()
            },
            Serde(&v).into(),
        )?)?;
    }

    let m = view::methodology(tr, site, computed);
    out.put(render(
        "methodology.html",
        PageMeta {
            url: view::METHODOLOGY_URL.into(),
            title: tr.t("methodology_title"),
            description: tr.t("methodology_description"),
            ..PageMeta::default()
        },
        Serde(&m).into(),
    )?)?;
    out.put(render(
        "404.html",
        PageMeta {
            url: "404.html".into(),
            title: tr.t("not_found_title"),
            description: tr.t("not_found_description"),
            ..PageMeta::default()
        },
        Serde(&home).into(),
    )?)?;
    timer.done();
    Ok(())
}

/// An Atom feed of the plans, newest first: what a journalist subscribes to.
fn feed(tr: &Tr, site: &Site, sv: &SiteView) -> String {
    let base = format!("{}{}", sv.url, sv.prefix);
    let mut plans: Vec<&crate::model::Plan> = site.plans.iter().collect();
    plans.sort_by(|a, b| b.date.cmp(&a.date).then(a.slug.cmp(&b.slug)));
    // The feed changes when the newest plan does; a build clock would break identical builds.
    let updated = plans
        .iter()
        .filter_map(|p| p.date)
        .max()
        .map_or("2000-01-01".to_string(), |d| {
            format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
        });
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<id>{base}</id>\n<link href=\"{base}\"/>\n<link rel=\"self\" href=\"{base}atom.xml\"/>\n<updated>{updated}T00:00:00Z</updated>\n<author><name>{}</name></author>\n",
        sv.lang,
        escape(&sv.title),
        escape(&sv.publisher),
    );
    for p in plans {
        let url = format!("{base}{}", view::plan_url(p));
        let date = p.date.map_or(updated.clone(), |d| {
            format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
        });
        out.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{url}</id>\n<link href=\"{url}\"/>\n<updated>{date}T00:00:00Z</updated>\n<summary>{}</summary>\n</entry>\n",
            escape(&tr.text(&p.title, &p.title_en)),
            escape(&tr.text(&p.summary, &p.summary_en)),
        ));
    }
    out.push_str("</feed>\n");
    out
}

/// Where a page's share image is written, next to its `index.html`.
pub fn share_path(page_url: &str) -> String {
    format!("{page_url}chia-se.png")
}

#[cfg(test)]
mod link_tests {
    #[test]
    fn links_resolve_from_the_page_they_are_on() {
        let r = |from, dest| super::resolve_link(from, dest);
        assert_eq!(
            r("ke-hoach/x/", "/phuong-phap/"),
            Some("phuong-phap/".into())
        );
        assert_eq!(
            r("ke-hoach/x/", "../y/#muc-tieu"),
            Some("ke-hoach/y/".into())
        );
        assert_eq!(r("ke-hoach/x/", "../../vung/vn"), Some("vung/vn".into()));
        assert_eq!(r("huong-dan/", "/"), Some("".into()));
        assert_eq!(r("huong-dan/", "../../x/"), None);
    }
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
