//! A plan's page: the document, its targets with their progress, and its tasks.

use super::charts::{ChartView, Slots};
use super::links::{plan_url, region_link, Link};
use super::printed::{printed_rows, PrintedRow};
use super::targets::{progress_chart, status_counts, target_view, StatusCount, TargetView};
use crate::compute::Computed;
use crate::model::Site;
use crate::present::i18n::Tr;
use crate::present::markdown;
use serde::Serialize;

#[derive(Serialize)]
pub struct TaskView {
    pub content: String,
    pub lead: String,
    pub partners: String,
    pub deadline: String,
}

#[derive(Serialize)]
pub struct PlanView {
    pub slug: String,
    pub title: String,
    pub short_name: String,
    pub title_en: String,
    pub number: String,
    pub date: Option<String>,
    pub issuer: String,
    pub kind: String,
    /// The page's language of `kind`: "vi" when no English name is given.
    pub kind_lang: &'static str,
    pub region: Link,
    pub summary: String,
    pub seed: String,
    pub body_html: String,
    pub targets: Vec<TargetView>,
    /// Whether some target is set for another region than the plan's.
    pub multi_region: bool,
    pub status_counts: Vec<StatusCount>,
    pub progress: Option<ChartView>,
    pub tasks: Vec<TaskView>,
    /// The figures the document prints, against the data: where its slips are.
    pub printed: Vec<PrintedRow>,
}

pub fn plan(tr: &Tr, site: &Site, computed: &Computed, index: usize) -> PlanView {
    let plan = &site.plans[index];
    let progress = &computed.progress[index];
    let list: Vec<(usize, usize)> = (0..plan.targets.len()).map(|t| (index, t)).collect();
    let chart = progress_chart(
        tr,
        site,
        computed,
        &list,
        plan.targets.iter().any(|t| t.region != plan.region),
        &mut Slots::new(plan_url(plan)),
        tr.f(
            "progress_title",
            &[("name", &tr.name(&plan.short_name, &plan.short_name_en))],
        ),
    );
    PlanView {
        progress: chart,
        slug: plan.slug.clone(),
        title: tr.name(&plan.title, &plan.title_en),
        short_name: tr.name(&plan.short_name, &plan.short_name_en),
        title_en: plan.title_en.clone(),
        number: plan.number.clone(),
        date: plan.date.map(|d| tr.date(d)),
        issuer: tr.text(&plan.issuer, &plan.issuer_en),
        kind: tr.text(&plan.kind, &plan.kind_en),
        kind_lang: if tr.lang == crate::present::format::Lang::En && !plan.kind_en.is_empty() {
            "en"
        } else {
            "vi"
        },
        region: region_link(tr, site, plan.region),
        summary: tr.text(&plan.summary, &plan.summary_en),
        seed: plan.seed.clone(),
        body_html: markdown::to_html(&plan.body, &tr.t("plan_table"), "../../"),
        targets: plan
            .targets
            .iter()
            .zip(progress)
            .map(|(t, p)| target_view(tr, site, computed, plan, t, p))
            .collect(),
        multi_region: plan.targets.iter().any(|t| t.region != plan.region),
        status_counts: status_counts(tr, site, computed, &plan.targets, progress),
        tasks: plan
            .tasks
            .iter()
            .map(|t| TaskView {
                content: t.content.clone(),
                lead: t.lead.clone(),
                partners: t.partners.join("; "),
                deadline: t.deadline.clone(),
            })
            .collect(),
        printed: printed_rows(tr, site, computed, &plan.printed),
    }
}

impl PlanView {
    pub fn charts(&self) -> Vec<&ChartView> {
        self.progress.iter().collect()
    }

    /// How many targets the plan sets, and how many have each status.
    pub fn headline(&self, tr: &Tr) -> (String, String, Option<&ChartView>) {
        // The count of targets leads, and every status is named: "0/13 achieved" alone would
        // read as failure when most targets cannot be judged yet.
        let counts: Vec<String> = self
            .status_counts
            .iter()
            .map(|c| format!("{}: {}", c.label, c.count))
            .collect();
        (
            self.targets.len().to_string(),
            tr.f("plan_share_caption", &[("statuses", &counts.join(", "))]),
            self.progress.as_ref(),
        )
    }
}
