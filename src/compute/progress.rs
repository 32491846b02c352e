//! Progress toward a target by the two methods of DOMAIN.md: the linear trajectory from a base
//! year, and the compound-growth ratio R = CAGR observed / CAGR required used by SDG platforms.

use crate::model::bound::Bound;
use crate::model::{Comparison, Qualifier};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// The latest value (or the value of the target year) meets the target.
    Achieved,
    /// The target year has a figure and it does not meet the target.
    Missed,
    OnTrack,
    AccelerationNeeded,
    Limited,
    MovingAway,
    NotMeasurable,
}

/// Why a target is not judged: pages, badges and downloads say the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unjudged {
    /// No figure at all.
    NoData,
    /// The figure it is judged on (the target year's, or the latest for a trend) is an estimate
    /// or a bound that cannot decide.
    Undetermined,
    /// The target year has passed (the site has later figures) without a figure for it.
    NoFigureForYear,
    /// Too few figures yet to tell the trend.
    TooFewFigures,
}

impl Progress {
    /// Why the target is not judged, when it is not; `as_of` is the site's latest year.
    pub fn unjudged(&self, target_year: i32, as_of: Option<i32>) -> Option<Unjudged> {
        (self.status == Status::NotMeasurable).then(|| match self.latest {
            None => Unjudged::NoData,
            Some((y, _)) if y == target_year => Unjudged::Undetermined,
            _ if as_of.is_some_and(|y| y >= target_year) => Unjudged::NoFigureForYear,
            // The latest figure is a bound that leaves the trend open.
            _ if matches!(self.ratio_bound, Bound::Below | Bound::Unknown) => {
                Unjudged::Undetermined
            }
            _ => Unjudged::TooFewFigures,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Linear,
    Cagr,
}

/// What is known of one target.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub status: Status,
    /// The figure the status is judged on.
    pub latest: Option<(i32, f64)>,
    pub base: Option<(i32, f64)>,
    /// Linear method: share of the way covered / share of the time elapsed.
    pub linear_ratio: Option<f64>,
    /// Compound-growth method: CAGR observed / CAGR required.
    pub cagr_ratio: Option<f64>,
    pub linear_status: Status,
    pub cagr_status: Status,
    /// What the qualifiers of the base and latest figures leave known of both ratios: exact,
    /// about (≈), at least (>). A ratio only known from above, or not at all, is not computed.
    pub ratio_bound: Bound,
}

/// What a target asks: a value for a year, compared one way.
#[derive(Debug, Clone, Copy)]
pub struct Goal {
    pub year: i32,
    pub value: f64,
    pub comparison: Comparison,
    /// How close counts as equal for `exactly`, in the metric's scale.
    pub tolerance: f64,
    /// The upper end of a `between` range.
    pub upper: Option<f64>,
    /// How close counts as reached for `about`: a share of the value (0.05 for 5%).
    pub about: f64,
    /// Whether more of the metric is better: the side on which an `about` target is reached.
    pub higher_is_better: bool,
}

/// The side a target is reached on, if it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Up,
    Down,
}

/// One figure of a target's metric.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Observation {
    pub year: i32,
    pub value: f64,
    /// How the source qualifies it: a "more than" figure can prove an at-least target met,
    /// never missed.
    pub qualifier: Option<Qualifier>,
}

impl Goal {
    /// A goal with the defaults of `at_least` for what it does not use.
    pub fn new(year: i32, value: f64, comparison: Comparison) -> Goal {
        Goal {
            year,
            value,
            comparison,
            tolerance: 0.0,
            upper: None,
            about: 0.0,
            higher_is_better: true,
        }
    }

    fn side(&self) -> Option<Side> {
        match self.comparison {
            Comparison::AtLeast | Comparison::MoreThan => Some(Side::Up),
            Comparison::AtMost | Comparison::LessThan => Some(Side::Down),
            Comparison::About if self.higher_is_better => Some(Side::Up),
            Comparison::About => Some(Side::Down),
            Comparison::Exactly | Comparison::Between => None,
        }
    }

    /// Whether the figure meets the goal: `None` when its qualifier leaves it open.
    pub fn verdict(&self, o: &Observation) -> Option<bool> {
        let met = self.is_met_by(o.value);
        match (self.side(), o.qualifier) {
            (_, None | Some(Qualifier::About)) => Some(met),
            (Some(Side::Up), Some(Qualifier::MoreThan))
            | (Some(Side::Down), Some(Qualifier::LessThan)) => met.then_some(true),
            (Some(Side::Up), Some(Qualifier::LessThan))
            | (Some(Side::Down), Some(Qualifier::MoreThan)) => (!met).then_some(false),
            (None, Some(_)) => None,
        }
    }

    pub fn is_met_by(&self, v: f64) -> bool {
        match self.comparison {
            Comparison::AtLeast => v >= self.value,
            Comparison::AtMost => v <= self.value,
            Comparison::Exactly => (v - self.value).abs() <= self.tolerance,
            Comparison::MoreThan => v > self.value,
            Comparison::LessThan => v < self.value,
            Comparison::About if self.higher_is_better => {
                v >= self.value - self.about * self.value.abs()
            }
            Comparison::About => v <= self.value + self.about * self.value.abs(),
            Comparison::Between => {
                v >= self.value - self.tolerance
                    && v <= self.upper.unwrap_or(self.value) + self.tolerance
            }
        }
    }

    /// Met only within the tolerance of an `about` target, short of the value itself: "đạt
    /// xấp xỉ".
    pub fn met_approximately(&self, v: f64) -> bool {
        self.comparison == Comparison::About
            && self.is_met_by(v)
            && if self.higher_is_better {
                v < self.value
            } else {
                v > self.value
            }
    }

    /// The value a trajectory from `from` aims at: the nearer end of a range.
    fn aim(&self, from: f64) -> f64 {
        match self.upper {
            Some(upper) if self.comparison == Comparison::Between && from > upper => upper,
            _ => self.value,
        }
    }
}

/// R at or above this is on track.
pub const ON_TRACK: f64 = 0.95;
/// R at or above this (and below [`ON_TRACK`]) needs acceleration; below it, progress is limited.
pub const ACCELERATION_NEEDED: f64 = 0.60;

/// Status bands of the ratio R, shared by both methods.
pub fn band(r: f64) -> Status {
    if r >= ON_TRACK {
        Status::OnTrack
    } else if r >= ACCELERATION_NEEDED {
        Status::AccelerationNeeded
    } else if r >= 0.0 {
        Status::Limited
    } else {
        Status::MovingAway
    }
}

/// Judges `goal` from `observed` (year, value) pairs sorted by year, as of the latest year the
/// site has figures for (`as_of`). The base is the latest
/// figure at or before `base_year` that is older than the latest figure, else the earliest figure:
/// a trend needs two points.
pub fn assess(
    observed: &[Observation],
    goal: Goal,
    base_year: Option<i32>,
    method: Method,
    as_of: Option<i32>,
) -> Progress {
    let mut p = Progress {
        status: Status::NotMeasurable,
        latest: None,
        base: None,
        linear_ratio: None,
        cagr_ratio: None,
        linear_status: Status::NotMeasurable,
        cagr_status: Status::NotMeasurable,
        ratio_bound: Bound::Exact,
    };
    if let Some(o) = observed.iter().find(|o| o.year == goal.year) {
        p.latest = Some((o.year, o.value));
        p.status = match goal.verdict(o) {
            Some(true) => Status::Achieved,
            Some(false) => Status::Missed,
            None => Status::NotMeasurable,
        };
        p.linear_status = p.status;
        p.cagr_status = p.status;
        return p;
    }
    // Only figures up to the target year tell whether it will be met.
    let before: Vec<(i32, f64)> = observed
        .iter()
        .filter(|o| o.year < goal.year)
        .map(|o| (o.year, o.value))
        .collect();
    let Some(&latest) = before.last() else {
        return p;
    };
    p.latest = Some(latest);
    let latest_observation = observed
        .iter()
        .find(|o| o.year == latest.0)
        .expect("from observed");
    if goal.verdict(latest_observation) == Some(true) {
        p.status = Status::Achieved;
        p.linear_status = Status::Achieved;
        p.cagr_status = Status::Achieved;
        return p;
    }
    // The base is an earlier figure than the latest: at or before the base year if there is one.
    let earlier = &before[..before.len() - 1];
    let base = match base_year {
        Some(b) => earlier
            .iter()
            .rev()
            .find(|(y, _)| *y <= b)
            .or(earlier.first()),
        None => earlier.first(),
    };
    let Some(&base) = base else { return p };
    p.base = Some(base);
    let qualifier = |year: i32| {
        observed
            .iter()
            .find(|o| o.year == year)
            .and_then(|o| o.qualifier)
    };
    p.ratio_bound = ratio_bound(
        qualifier(latest.0),
        qualifier(base.0),
        goal.aim(base.1) - base.1,
    );
    if goal.is_met_by(base.1) {
        // It was met at the base and no longer is: the ratios would have the wrong sign.
        p.linear_status = Status::MovingAway;
        p.cagr_status = Status::MovingAway;
    } else if matches!(p.ratio_bound, Bound::Below | Bound::Unknown) {
        // Known only from above ("< 30%" toward at least 35%), the progress could be anything
        // down to moving away: no ratio, no trend.
    } else {
        p.linear_ratio = linear_ratio(base, latest, goal);
        p.cagr_ratio = cagr_ratio(base, latest, goal);
        p.linear_status = p.linear_ratio.map_or(Status::NotMeasurable, band);
        p.cagr_status = p.cagr_ratio.map_or(Status::NotMeasurable, band);
    }
    // Once the data reach the target year, a trajectory no longer says whether the target was
    // met: only the target year's figure does. The ratios stay for reference.
    let target_year_passed = observed.len() > before.len() || as_of.is_some_and(|y| y >= goal.year);
    p.status = match method {
        _ if target_year_passed => Status::NotMeasurable,
        Method::Linear => p.linear_status,
        Method::Cagr => p.cagr_status,
    };
    p
}

/// Keeps only what the target year's own figure says (achieved, missed), dropping the
/// trajectory: for targets on a yearly rate of change and the years of a yearly target. An
/// earlier year's figure meeting the target says nothing of the target's year.
pub fn judged_in_its_year(mut p: Progress, year: i32) -> Progress {
    p.base = None;
    p.linear_ratio = None;
    p.cagr_ratio = None;
    p.ratio_bound = Bound::Exact;
    let own_year = p.latest.is_some_and(|(y, _)| y == year);
    if !own_year || !matches!(p.status, Status::Achieved | Status::Missed) {
        p.status = Status::NotMeasurable;
    }
    p.linear_status = p.status;
    p.cagr_status = p.status;
    p
}

/// What is known of both ratios from how the latest and base figures are qualified: the ratios
/// grow with the latest figure and shrink with the base when the target lies above the base
/// (`way` > 0), and the other way round below it.
pub fn ratio_bound(latest: Option<Qualifier>, base: Option<Qualifier>, way: f64) -> Bound {
    let (latest, base) = (Bound::of(latest), Bound::of(base));
    if way >= 0.0 {
        latest.less(base)
    } else {
        base.less(latest)
    }
}

/// (y_c − y_0)/(y_T − y_0) over (t_c − t_0)/(t_T − t_0).
fn linear_ratio(base: (i32, f64), latest: (i32, f64), goal: Goal) -> Option<f64> {
    let way = goal.aim(base.1) - base.1;
    let time = f64::from(latest.0 - base.0) / f64::from(goal.year - base.0);
    if way == 0.0 {
        // Already at the target level at the base year and no longer: moving away.
        return Some(-1.0);
    }
    Some(((latest.1 - base.1) / way) / time)
}

/// CAGR observed / CAGR required; undefined unless base, latest and target are positive.
fn cagr_ratio(base: (i32, f64), latest: (i32, f64), goal: Goal) -> Option<f64> {
    let aim = goal.aim(base.1);
    if base.1 <= 0.0 || latest.1 <= 0.0 || aim <= 0.0 {
        return None;
    }
    let observed = (latest.1 / base.1).powf(1.0 / f64::from(latest.0 - base.0)) - 1.0;
    let required = (aim / base.1).powf(1.0 / f64::from(goal.year - base.0)) - 1.0;
    if required == 0.0 {
        return Some(-1.0);
    }
    Some(observed / required)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn observations(points: &[(i32, f64)]) -> Vec<Observation> {
        points
            .iter()
            .map(|&(year, value)| Observation {
                year,
                value,
                qualifier: None,
            })
            .collect()
    }

    fn goal(year: i32, value: f64) -> Goal {
        Goal::new(year, value, Comparison::AtLeast)
    }

    #[test]
    fn each_comparison_is_read_as_the_documents_word_it() {
        let judged = |goal: Goal, v: f64| {
            assess(
                &observations(&[(2019, v * 0.9), (2020, v)]),
                goal,
                None,
                Method::Cagr,
                None,
            )
            .status
        };
        // "trên 70%": exactly 70% is not above it.
        let above = Goal::new(2020, 0.70, Comparison::MoreThan);
        assert_eq!(judged(above, 0.70), Status::Missed);
        assert_eq!(judged(above, 0.7001), Status::Achieved);
        let below = Goal::new(2020, 0.05, Comparison::LessThan);
        assert_eq!(judged(below, 0.05), Status::Missed);
        assert_eq!(judged(below, 0.049), Status::Achieved);
        // "khoảng 35%" with 5%: reached from 33,25%, approximately below 35%.
        let about = Goal {
            about: 0.05,
            ..Goal::new(2021, 0.35, Comparison::About)
        };
        let about_2020 = Goal {
            year: 2020,
            ..about
        };
        assert_eq!(judged(about_2020, 0.3377), Status::Achieved);
        assert!(about.met_approximately(0.3377));
        assert!(
            !about.met_approximately(0.36),
            "beyond it is plainly reached"
        );
        assert_eq!(judged(about_2020, 0.33), Status::Missed);
        // Lower is better: "khoảng 5%" of arrears is reached up to 5,25%.
        let fewer = Goal {
            higher_is_better: false,
            ..Goal {
                year: 2020,
                value: 0.05,
                ..about
            }
        };
        assert_eq!(judged(fewer, 0.0524), Status::Achieved);
        assert_eq!(judged(fewer, 0.053), Status::Missed);
        // "đạt 26 - 27%": both ends included.
        let range = Goal {
            upper: Some(0.27),
            ..Goal::new(2020, 0.26, Comparison::Between)
        };
        assert_eq!(judged(range, 0.26), Status::Achieved);
        assert_eq!(judged(range, 0.27), Status::Achieved);
        assert_eq!(judged(range, 0.2701), Status::Missed);
        assert_eq!(judged(range, 0.2599), Status::Missed);
        // A trajectory from above a range aims at its upper end.
        assert_eq!(range.aim(0.30), 0.27);
        assert_eq!(range.aim(0.20), 0.26);
    }

    #[test]
    fn band_boundaries() {
        assert_eq!(band(0.95), Status::OnTrack);
        assert_eq!(band(0.949_999), Status::AccelerationNeeded);
        assert_eq!(band(0.60), Status::AccelerationNeeded);
        assert_eq!(band(0.599_999), Status::Limited);
        assert_eq!(band(0.0), Status::Limited);
        assert_eq!(band(-0.000_001), Status::MovingAway);
    }

    #[test]
    fn achieved_and_missed_in_the_target_year() {
        let obs = [(2019, 4844.0), (2020, 5200.0)];
        assert_eq!(
            assess(
                &observations(&obs),
                goal(2020, 5200.0),
                None,
                Method::Cagr,
                None
            )
            .status,
            Status::Achieved
        );
        assert_eq!(
            assess(
                &observations(&obs),
                goal(2020, 5200.5),
                None,
                Method::Cagr,
                None
            )
            .status,
            Status::Missed
        );
        let at_most = Goal {
            comparison: Comparison::AtMost,
            ..goal(2020, 5200.0)
        };
        assert_eq!(
            assess(&observations(&obs), at_most, None, Method::Cagr, None).status,
            Status::Achieved
        );
        let exactly = Goal {
            comparison: Comparison::Exactly,
            tolerance: 0.5,
            ..goal(2020, 5200.4)
        };
        assert_eq!(
            assess(&observations(&obs), exactly, None, Method::Cagr, None).status,
            Status::Achieved
        );
    }

    #[test]
    fn hướng_hóa_2020_bhxh_target_by_both_methods() {
        // 2018: 4.815, 2019: 5.122, target 6.450 in 2020.
        let obs = [(2018, 4815.0), (2019, 5122.0)];
        // The plan counts from 2019, its latest figure: the trend is taken from 2018.
        let p = assess(
            &observations(&obs),
            goal(2020, 6450.0),
            Some(2019),
            Method::Cagr,
            None,
        );
        assert_eq!(p.base, Some((2018, 4815.0)));
        let linear = (307.0 / 1635.0) / 0.5;
        assert!((p.linear_ratio.unwrap() - linear).abs() < 1e-12);
        let cagr = (5122.0f64 / 4815.0 - 1.0) / ((6450.0f64 / 4815.0).sqrt() - 1.0);
        assert!((p.cagr_ratio.unwrap() - cagr).abs() < 1e-12);
        assert_eq!(p.status, Status::Limited);
        assert_eq!(p.linear_status, Status::Limited);
    }

    #[test]
    fn statuses_from_the_ratio() {
        // Required: 100 → 200 over 10 years. Observed after 5 years decides the band.
        let required = 2f64.powf(0.1) - 1.0;
        let at = |r: f64| {
            let value = 100.0 * (1.0 + r * required).powi(5);
            assess(
                &observations(&[(2020, 100.0), (2025, value)]),
                goal(2030, 200.0),
                None,
                Method::Cagr,
                Some(2025),
            )
        };
        assert_eq!(at(1.0).status, Status::OnTrack);
        assert_eq!(at(0.96).status, Status::OnTrack);
        assert_eq!(at(0.94).status, Status::AccelerationNeeded);
        assert_eq!(at(0.61).status, Status::AccelerationNeeded);
        assert_eq!(at(0.59).status, Status::Limited);
        assert_eq!(at(-0.1).status, Status::MovingAway);
    }

    #[test]
    fn qualified_figures_decide_only_what_they_can() {
        let more_than = |value: f64| Observation {
            year: 2020,
            value,
            qualifier: Some(Qualifier::MoreThan),
        };
        let g = goal(2020, 1_200_000.0);
        // "> 1.120.000" against at least 1.200.000: not known.
        assert_eq!(
            assess(&[more_than(1_120_000.0)], g, None, Method::Cagr, None).status,
            Status::NotMeasurable
        );
        // "> 1.250.000": certainly met.
        assert_eq!(
            assess(&[more_than(1_250_000.0)], g, None, Method::Cagr, None).status,
            Status::Achieved
        );
        let at_most = Goal {
            comparison: Comparison::AtMost,
            ..g
        };
        assert_eq!(
            assess(&[more_than(1_250_000.0)], at_most, None, Method::Cagr, None).status,
            Status::Missed
        );
    }

    #[test]
    fn ratios_carry_the_qualifier_of_the_figures_they_come_from() {
        let figures = |latest: Option<Qualifier>, base: Option<Qualifier>| {
            vec![
                Observation {
                    year: 2020,
                    value: 0.25,
                    qualifier: base,
                },
                Observation {
                    year: 2022,
                    value: 0.28,
                    qualifier: latest,
                },
            ]
        };
        let at_least = goal(2025, 0.35);
        let judged = |latest, base, g: Goal| {
            assess(&figures(latest, base), g, None, Method::Cagr, Some(2022))
        };
        let exact = judged(None, None, at_least);
        assert_eq!(exact.ratio_bound, Bound::Exact);
        let r = exact.cagr_ratio.unwrap();
        // "≈ 28%": R about the same; "> 28%" toward at least 35%: R at least as large.
        let about = judged(Some(Qualifier::About), None, at_least);
        assert_eq!(
            (about.ratio_bound, about.cagr_ratio),
            (Bound::About, Some(r))
        );
        let more = judged(Some(Qualifier::MoreThan), None, at_least);
        assert_eq!((more.ratio_bound, more.cagr_ratio), (Bound::Above, Some(r)));
        assert_eq!(more.status, exact.status);
        // "< 28%" toward at least 35%: it could be moving away; no ratio, no trend.
        let less = judged(Some(Qualifier::LessThan), None, at_least);
        assert_eq!(less.ratio_bound, Bound::Below);
        assert_eq!((less.cagr_ratio, less.linear_ratio), (None, None));
        assert_eq!(less.status, Status::NotMeasurable);
        assert_eq!(
            less.unjudged(2025, Some(2022)),
            Some(Unjudged::Undetermined)
        );
        // A base known from above: the way from it is at most as long, the progress at least.
        let base_below = judged(None, Some(Qualifier::LessThan), at_least);
        assert_eq!(base_below.ratio_bound, Bound::Above);
        // Two lower bounds: nothing is known of the progress between them.
        let both = judged(
            Some(Qualifier::MoreThan),
            Some(Qualifier::MoreThan),
            at_least,
        );
        assert_eq!(both.ratio_bound, Bound::Unknown);
        assert_eq!(both.cagr_ratio, None);
        // Lower is better: "< 20%" toward at most 10% (from 25%) is progress of at least R.
        let at_most = Goal {
            comparison: Comparison::AtMost,
            ..goal(2025, 0.10)
        };
        let mut falling = figures(Some(Qualifier::LessThan), None);
        falling[1].value = 0.20;
        let p = assess(&falling, at_most, None, Method::Linear, Some(2022));
        assert_eq!(p.ratio_bound, Bound::Above);
        assert!(p.linear_ratio.is_some());
    }

    #[test]
    fn falling_below_a_target_met_at_the_base_is_moving_away() {
        let p = assess(
            &observations(&[(2020, 100.0), (2022, 80.0)]),
            goal(2025, 90.0),
            None,
            Method::Linear,
            None,
        );
        assert_eq!(p.status, Status::MovingAway);
        assert_eq!(p.cagr_status, Status::MovingAway);
        let at_most = Goal {
            comparison: Comparison::AtMost,
            ..goal(2025, 10.0)
        };
        let p = assess(
            &observations(&[(2020, 8.0), (2022, 12.0)]),
            at_most,
            None,
            Method::Cagr,
            None,
        );
        assert_eq!(p.status, Status::MovingAway);
    }

    #[test]
    fn yearly_rate_targets_have_no_trajectory() {
        let p = assess(
            &observations(&[(2016, 0.05), (2017, 0.10)]),
            goal(2018, 0.30),
            None,
            Method::Cagr,
            None,
        );
        assert!(p.cagr_ratio.is_some());
        let p = judged_in_its_year(p, 2018);
        assert_eq!(
            (p.status, p.cagr_ratio, p.base),
            (Status::NotMeasurable, None, None)
        );
        let met = assess(
            &observations(&[(2018, 0.40)]),
            goal(2018, 0.30),
            None,
            Method::Cagr,
            None,
        );
        assert_eq!(judged_in_its_year(met, 2018).status, Status::Achieved);
        // 40% in 2017 does not meet the 2018 target of a yearly target: only 2018's figure can.
        let earlier = assess(
            &observations(&[(2016, 0.05), (2017, 0.40)]),
            goal(2018, 0.30),
            None,
            Method::Cagr,
            None,
        );
        assert_eq!(
            earlier.status,
            Status::Achieved,
            "as a milestone, it is met"
        );
        assert_eq!(
            judged_in_its_year(earlier, 2018).status,
            Status::NotMeasurable
        );
    }

    #[test]
    fn not_measurable_without_enough_figures() {
        assert_eq!(
            assess(&[], goal(2020, 1.0), None, Method::Cagr, None).status,
            Status::NotMeasurable
        );
        let one = [(2019, 0.5)];
        assert_eq!(
            assess(
                &observations(&one),
                goal(2020, 1.0),
                None,
                Method::Cagr,
                None
            )
            .status,
            Status::NotMeasurable
        );
        // Target year passed without a figure for it: later figures, or the site's data reach it.
        let later = [(2017, 0.5), (2019, 0.6)];
        assert_eq!(
            assess(
                &observations(&later),
                goal(2018, 1.0),
                None,
                Method::Cagr,
                None
            )
            .status,
            Status::NotMeasurable
        );
        let p = assess(
            &observations(&[(2018, 0.5), (2019, 0.6)]),
            goal(2020, 1.0),
            None,
            Method::Cagr,
            Some(2024),
        );
        assert_eq!(p.status, Status::NotMeasurable);
        assert_eq!(
            p.cagr_status,
            Status::Limited,
            "the trajectory is kept for reference"
        );
        let p = assess(
            &observations(&[(2018, 0.5), (2019, 0.6)]),
            goal(2020, 1.0),
            None,
            Method::Cagr,
            Some(2019),
        );
        assert_eq!(p.status, Status::Limited);
        // Already met before the target year.
        let met = [(2017, 0.5), (2018, 1.2)];
        assert_eq!(
            assess(
                &observations(&met),
                goal(2020, 1.0),
                None,
                Method::Linear,
                None
            )
            .status,
            Status::Achieved
        );
    }
}
