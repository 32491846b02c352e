//! The pages of one language: home, regions, indicators, plans, data, search, prose,
//! methodology and 404, with their data files, embeds and share images.

use super::i18n::Tr;
use super::output::{Out, Page};
use super::site_files::feed;
use super::templates::{template_error, PageMeta, SiteView};
use super::timer::Timer;
use super::{absolute_base, data, prefix, share, share_path, view, Scope};
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
    let timer = Timer::start(tr.lang, "home and site-wide pages");
    let language = Language::new(run, tr, out);
    let home = view::home(tr, run.site, run.computed);
    let site_wide = run.scope.site_wide();
    if site_wide {
        language.home_page(&home)?;
    }
    let timer = timer.next("region, indicator and plan pages, whole dataset");
    language.pages_and_dataset()?;
    if !site_wide {
        timer.done();
        return Ok(());
    }
    let timer = timer.next("the other site-wide pages");
    language.other_site_wide_pages(&home)?;
    timer.done();
    Ok(())
}

/// One language's pages on their way out, and what each of them is rendered with.
struct Language<'a> {
    run: Run<'a>,
    tr: &'a Tr<'a>,
    out: &'a Out<'a>,
    site_view: SiteView<'a>,
    /// Interface text of this language, from the theme: the templates' `t`.
    texts: minijinja::Value,
    /// The site's address as share images print it.
    address: String,
    /// The headline region's share image, which the home and data pages share too.
    nation_image: Option<String>,
}

/// A page rendered with the others on all cores: a region's, an indicator's or a plan's, with
/// its files.
enum Job {
    Region(RegionIdx),
    Indicator(IndicatorIdx),
    Plan(usize),
}

impl<'a> Language<'a> {
    fn new(run: Run<'a>, tr: &'a Tr<'a>, out: &'a Out<'a>) -> Language<'a> {
        let site = run.site;
        let texts = run
            .theme
            .texts
            .get(tr.lang.code())
            .cloned()
            .unwrap_or_default();
        let nation_image = site
            .region_by_code(&site.config.headline_region)
            .filter(|r| site.config.pages.share_image(site.region(*r).level.key()))
            .map(|r| share_path(&view::region_url(site, r)));
        Language {
            site_view: SiteView::new(tr, site, run.base_url),
            texts: Serde(&texts).into(),
            address: share_address(run.base_url),
            nation_image,
            run,
            tr,
            out,
        }
    }

    /// A page from its template: at `meta.url`, in that folder's `index.html` unless the
    /// address names a file.
    fn render(
        &self,
        template: &str,
        meta: PageMeta,
        data: minijinja::Value,
    ) -> Result<Page, Error> {
        let theme = self.run.theme;
        let tpl = self
            .run
            .env
            .get_template(template)
            .map_err(|e| template_error(theme, template, &e))?;
        let html = tpl
            .render(context! {
                site => Serde(&self.site_view),
                page => Serde(&meta),
                data => data,
                t => self.texts.clone()
            })
            .map_err(|e| template_error(theme, template, &e))?;
        let path = if meta.url.ends_with(".html") {
            meta.url.clone()
        } else {
            format!("{}index.html", meta.url)
        };
        Ok(Page::text(path, html))
    }

    /// Each chart's own page, for an `<iframe>`.
    fn embeds(&self, charts: Vec<&view::charts::ChartView>) -> Result<Vec<Page>, Error> {
        charts
            .into_iter()
            .map(|c| {
                self.render(
                    "embed.html",
                    PageMeta::plain(c.embed_url.clone(), c.title.clone(), c.title.clone()),
                    Serde(c).into(),
                )
            })
            .collect()
    }

    /// A page's share image, with its text alternative: the page's headline figure, what it
    /// is and its chart, or that there are no figures yet.
    fn share_image(
        &self,
        url: &str,
        title: &str,
        headline: Option<(String, String, Option<&view::charts::ChartView>)>,
    ) -> Result<(Page, String), Error> {
        let (figure, caption, chart) = match headline {
            Some((f, c, chart)) => (Some(f), c, chart),
            None => (None, self.tr.t("no_data_yet"), None),
        };
        let alt = match &figure {
            Some(f) => format!("{title}: {f} – {caption}"),
            None => format!("{title}: {caption}"),
        };
        let png = self
            .run
            .cache
            .render(&share::Card {
                site_title: &self.site_view.title,
                title,
                figure,
                caption,
                chart: chart.map(|c| c.svg.as_str()),
                address: &self.address,
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
    }

    /// The absolute address of a page of this language.
    fn page_address(&self, url: &str) -> String {
        format!("{}{}{url}", self.site_view.url, prefix(self.tr.lang))
    }

    /// A page's figures, as CSV and as JSON.
    fn data_files(&self, url: &str, title: &str, rows: &[data::Observation]) -> Vec<Page> {
        vec![
            Page::text(
                view::charts::data_file(url, "csv"),
                data::observations_csv(rows),
            ),
            Page::text(
                view::charts::data_file(url, "json"),
                data::observations_json(self.tr, title, &self.page_address(url), rows),
            ),
        ]
    }

    fn home_page(&self, home: &view::HomeView) -> Result<(), Error> {
        self.out.put(self.render(
            "home.html",
            PageMeta {
                image: self.nation_image.clone(),
                image_alt: self.site_view.title.clone(),
                ..PageMeta::plain(
                    String::new(),
                    self.site_view.title.clone(),
                    self.site_view.description.clone(),
                )
            },
            Serde(home).into(),
        )?)
    }

    /// Region, indicator and plan pages, on all cores, while the whole dataset is made.
    fn pages_and_dataset(&self) -> Result<(), Error> {
        let jobs = self.jobs();
        // The whole dataset is one long file made on one core: it is made while the pages are,
        // not after them with the other cores idle.
        let dataset = || {
            if !self.run.scope.site_wide() {
                return Ok(());
            }
            self.out.put(Page::text(
                format!("{}{}", data::DATASET_DIR, data::OBSERVATIONS),
                data::dataset_csv(self.tr, self.run.site, self.run.computed),
            ))
        };
        let pages = || {
            jobs.par_iter()
                .map(|job| {
                    let region = match *job {
                        Job::Region(r) => Some(r),
                        _ => None,
                    };
                    (region, self.job_pages(job))
                })
                // Each job's pages go to the sink as soon as the job is done: the site is never
                // held in memory whole.
                .try_for_each(|(region, pages)| {
                    pages?
                        .into_iter()
                        .try_for_each(|page| self.out.put_for(region, page))
                })
        };
        let (pages, dataset) = rayon::join(pages, dataset);
        pages?;
        dataset
    }

    /// Region, indicator and plan pages are independent: render them on all cores. The
    /// collected order is the job order, so the output does not depend on scheduling.
    fn jobs(&self) -> Vec<Job> {
        let (site, scope) = (self.run.site, self.run.scope);
        let site_wide = scope.site_wide();
        (0..site.regions.len())
            .map(RegionIdx)
            .filter(|r| scope.has_region(*r))
            .map(Job::Region)
            .chain(
                (0..site.indicators.len())
                    .filter(|_| site_wide)
                    .map(|i| Job::Indicator(IndicatorIdx(i))),
            )
            .chain((0..site.plans.len()).filter(|_| site_wide).map(Job::Plan))
            .collect()
    }

    fn job_pages(&self, job: &Job) -> Result<Vec<Page>, Error> {
        match *job {
            Job::Region(r) => self.region_pages(r),
            Job::Indicator(i) => self.indicator_pages(i),
            Job::Plan(n) => self.plan_pages(n),
        }
    }

    fn region_pages(&self, r: RegionIdx) -> Result<Vec<Page>, Error> {
        let (tr, site) = (self.tr, self.run.site);
        let mut v = view::region(tr, site, self.run.computed, r);
        let url = view::region_url(site, r);
        let description = tr.f("region_description", &[("name", &v.name)]);
        // The configuration may keep share images and chart pages to some levels: at
        // national size they are most of the files.
        let level = site.region(r).level.key();
        let image = if site.config.pages.share_image(level) {
            Some(self.share_image(&url, &v.name, v.headline(tr))?)
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
        let files = if with_downloads {
            self.region_data_files(r, &url, &v.name, &mut meta)
        } else {
            meta.csv = None;
            meta.json = None;
            Vec::new()
        };
        let mut out = vec![self.render("region.html", meta, Serde(&v).into())?];
        out.extend(files);
        if with_embeds {
            out.extend(self.embeds(v.charts())?);
        }
        out.extend(image.map(|i| i.0));
        Ok(out)
    }

    /// A region's own data files: its targets, when it has any (which `meta` then links), and
    /// its figures.
    fn region_data_files(
        &self,
        r: RegionIdx,
        url: &str,
        name: &str,
        meta: &mut PageMeta,
    ) -> Vec<Page> {
        let (tr, site, computed) = (self.tr, self.run.site, self.run.computed);
        let mut files = Vec::new();
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
        files.extend(self.data_files(url, name, &rows));
        files
    }

    fn indicator_pages(&self, i: IndicatorIdx) -> Result<Vec<Page>, Error> {
        let (tr, site, computed) = (self.tr, self.run.site, self.run.computed);
        let v = view::indicator(tr, site, computed, i);
        let url = view::indicator_url(site, i);
        let description = if v.description.is_empty() {
            v.name.clone()
        } else {
            v.description.clone()
        };
        let image = self.share_image(&url, &v.name, v.headline(tr))?;
        let regions: Vec<RegionIdx> = v
            .blocks
            .iter()
            .filter_map(|b| site.region_by_code(&b.region_code))
            .collect();
        let rows = data::indicator_page_rows(tr, site, computed, i, &regions);
        let mut out = vec![self.render(
            "indicator.html",
            with_data(&url, &v.name, description, Some(&image)),
            Serde(&v).into(),
        )?];
        out.extend(self.data_files(&url, &v.name, &rows));
        out.extend(self.embeds(v.charts())?);
        out.push(image.0);
        Ok(out)
    }

    fn plan_pages(&self, n: usize) -> Result<Vec<Page>, Error> {
        let (tr, site, computed) = (self.tr, self.run.site, self.run.computed);
        let v = view::plan(tr, site, computed, n);
        let url = view::plan_url(&site.plans[n]);
        let description = if v.summary.is_empty() {
            v.title.clone()
        } else {
            v.summary.clone()
        };
        let image = self.share_image(&url, &v.title, Some(v.headline(tr)))?;
        let rows = data::target_rows(tr, site, computed, &[n]);
        let mut out = vec![self.render(
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
            data::targets_json(&v.title, &self.page_address(&url), &rows),
        ));
        out.extend(self.embeds(v.charts())?);
        out.push(image.0);
        Ok(out)
    }

    /// The pages that gather many regions, after the home page: the rest of the dataset,
    /// search, the feed, pages of prose, methodology and 404.
    fn other_site_wide_pages(&self, home: &view::HomeView) -> Result<(), Error> {
        let (tr, site, computed) = (self.tr, self.run.site, self.run.computed);
        self.rest_of_dataset()?;
        let search = view::search(tr, site);
        self.out.put(self.render(
            "search.html",
            PageMeta::plain(
                view::SEARCH_URL.into(),
                tr.t("search_title"),
                tr.t("search_description"),
            ),
            Serde(&search).into(),
        )?)?;
        self.out.put(Page::text(
            "atom.xml".into(),
            feed(tr, site, &self.site_view),
        ))?;
        for (i, p) in site.pages.iter().enumerate() {
            let v = view::page(tr, site, computed, i);
            let description = if v.summary.is_empty() {
                v.title.clone()
            } else {
                v.summary.clone()
            };
            self.out.put(self.render(
                "page.html",
                PageMeta::plain(view::page_url(p), v.title.clone(), description),
                Serde(&v).into(),
            )?)?;
        }
        let m = view::methodology(tr, site, computed);
        self.out.put(self.render(
            "methodology.html",
            PageMeta::plain(
                view::METHODOLOGY_URL.into(),
                tr.t("methodology_title"),
                tr.t("methodology_description"),
            ),
            Serde(&m).into(),
        )?)?;
        self.out.put(self.render(
            "404.html",
            PageMeta::plain(
                "404.html".into(),
                tr.t("not_found_title"),
                tr.t("not_found_description"),
            ),
            Serde(home).into(),
        )?)
    }

    /// The rest of the whole dataset, described by its data package, and the data page.
    fn rest_of_dataset(&self) -> Result<(), Error> {
        let (tr, site, computed) = (self.tr, self.run.site, self.run.computed);
        let dir = data::DATASET_DIR;
        self.out.put(Page::text(
            format!("{dir}{}", data::TARGETS),
            data::targets_csv(&data::target_rows(
                tr,
                site,
                computed,
                &(0..site.plans.len()).collect::<Vec<_>>(),
            )),
        ))?;
        self.out.put(Page::text(
            format!("{dir}{}", data::PACKAGE),
            data::datapackage(tr, site, &self.page_address("")),
        ))?;
        self.out.put(self.render(
            "data.html",
            PageMeta {
                image: self.nation_image.clone(),
                image_alt: self.site_view.title.clone(),
                ..PageMeta::plain(
                    dir.to_string(),
                    tr.t("data_title"),
                    tr.t("data_description"),
                )
            },
            Serde(&data::description(tr, site)).into(),
        )?)
    }
}

/// The metadata of a page with data files of its own.
fn with_data(
    url: &str,
    title: &str,
    description: String,
    image: Option<&(Page, String)>,
) -> PageMeta {
    PageMeta {
        url: url.to_string(),
        title: title.to_string(),
        description,
        image: image.map(|i| i.0.path.clone()),
        image_alt: image.map(|i| i.1.clone()).unwrap_or_default(),
        csv: Some(view::charts::data_file(url, "csv")),
        json: Some(view::charts::data_file(url, "json")),
        targets_csv: None,
        in_dataset: true,
    }
}

/// The site's address as share images print it, without scheme or trailing slash; nothing when
/// the base URL is not absolute.
fn share_address(base_url: &str) -> String {
    absolute_base(base_url)
        .map(|u| {
            u.split_once("://")
                .map_or(u.as_str(), |(_, rest)| rest)
                .trim_end_matches('/')
                .to_string()
        })
        .unwrap_or_default()
}
