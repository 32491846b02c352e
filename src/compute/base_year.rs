//! The base year a target's progress is measured from, checked against the data: a base year
//! without a figure makes progress start from another year, and the editor is told so, at the
//! target.

use super::Computed;
use crate::error::{Text, Warning};
use crate::model::{Metric, Site, Span, Target};

/// A warning for each target whose base year (its own, the year before its period, or its
/// plan's) has no figure of its metric in its region while other years have. Targets judged in
/// their year alone (rates of change, years of a yearly target) have no base.
pub fn warnings(site: &Site, computed: &Computed) -> Vec<Warning> {
    let mut out = Vec::new();
    for (plan, progress) in site.plans.iter().zip(&computed.progress) {
        for (t, p) in plan.targets.iter().zip(progress) {
            if t.judged_in_its_year() {
                continue;
            }
            let Some(asked) = t.measured_from(plan.base_year) else {
                continue;
            };
            let values = computed.metric_values(t.region, t.metric);
            if values.is_empty() || values.iter().any(|o| o.year == asked) {
                continue;
            }
            let (vi, en) = whose(t, plan.base_year, asked);
            let metric = metric_id(site, t);
            let region = &site.region(t.region).code;
            let (then_vi, then_en) = match (p.base, p.latest) {
                (Some((y, _)), _) => (
                    format!("tiến độ tính từ năm {y}"),
                    format!("progress is measured from {y}"),
                ),
                (None, Some((y, _))) => (
                    format!("mục tiêu được đánh giá bằng số liệu năm {y}"),
                    format!("the target is judged on the figure of {y}"),
                ),
                (None, None) => continue,
            };
            out.push(Warning {
                pos: t.pos.clone(),
                message: Text::new(
                    format!("{vi} không có số liệu `{metric}` của `{region}`; {then_vi}"),
                    format!("{en} has no figure of `{metric}` for `{region}`; {then_en}"),
                ),
            });
        }
    }
    out
}

/// Whose base year it is, in words: the target's, its period's, or its plan's.
fn whose(t: &Target, plan_base: Option<i32>, asked: i32) -> (String, String) {
    match t.span {
        _ if t.base_year.is_some() => (
            format!("năm gốc {asked} của mục tiêu"),
            format!("the target's base year {asked}"),
        ),
        Span::Period { from } => (
            format!("năm {asked}, năm trước giai đoạn {from}–{},", t.year),
            format!("{asked}, the year before the period {from}–{},", t.year),
        ),
        _ => {
            debug_assert_eq!(plan_base, Some(asked));
            (
                format!("năm gốc {asked} của kế hoạch"),
                format!("the plan's base year {asked}"),
            )
        }
    }
}

/// Rates of change have no base year: a metric here is an indicator or a series' level.
fn metric_id(site: &Site, t: &Target) -> String {
    match t.metric {
        Metric::Indicator(i) => site.indicator(i).id.clone(),
        Metric::Series(s, _) => site.series(s).id.clone(),
    }
}
