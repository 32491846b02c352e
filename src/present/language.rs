//! The pages of one language: home, regions, indicators, plans, data, search, prose,
//! methodology and 404, with their data files, embeds and share images.

use super::format::Lang;
use super::i18n::Tr;
use super::output::{Out, Page};
use super::site_files::feed;
use super::templates::{template_error, PageMeta, SiteView};
use super::timer::Timer;
use super::{absolute_base, base_path, data, prefix, share, share_path, view, Scope};
use crate::compute::Computed;
use crate::error::Error;
use crate::load::theme::Theme;
use crate::model::{IndicatorIdx, RegionIdx, Site};
use minijinja::value::Serde;
use minijinja::{context, Environment};
use rayon::prelude::*;

/// What every language's pages are rendered from.
#[derive(Clone, Copy)]
pub(super) struct Run<'a> {
    pub(super) env: &'a Environment<'static>,
    pub(super) theme: &'a Theme,
    pub(super) site: &'a Site,
    pub(super) computed: &'a Computed,
    pub(super) base_url: &'a str,
    pub(super) cache: &'a share::ShareCache,
    pub(super) scope: Scope<'a>,
}

/// The pages of one language, with paths relative to that language's root.
pub(super) fn render_language(run: Run, tr: &Tr, out: &Out) -> Result<(), Error> {
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
