//! Progress toward a target by the two methods of DOMAIN.md: the linear trajectory from a base
//! year, and the compound-growth ratio R = CAGR observed / CAGR required used by SDG platforms.

use crate::model::Comparison;

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
}

/// What a target asks: a value for a year, compared one way.
#[derive(Debug, Clone, Copy)]
pub struct Goal {
    pub year: i32,
    pub value: f64,
    pub comparison: Comparison,
    /// How close counts as equal for `exactly`, in the metric's scale.
    pub tolerance: f64,
}

impl Goal {
    pub fn is_met_by(&self, v: f64) -> bool {
        match self.comparison {
            Comparison::AtLeast => v >= self.value,
            Comparison::AtMost => v <= self.value,
            Comparison::Exactly => (v - self.value).abs() <= self.tolerance,
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
    observed: &[(i32, f64)],
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
    };
    if let Some(&(y, v)) = observed.iter().find(|(y, _)| *y == goal.year) {
        p.latest = Some((y, v));
        p.status = if goal.is_met_by(v) {
            Status::Achieved
        } else {
            Status::Missed
        };
        p.linear_status = p.status;
        p.cagr_status = p.status;
        return p;
    }
    // Only figures up to the target year tell whether it will be met.
    let before: Vec<(i32, f64)> = observed
        .iter()
        .copied()
        .filter(|(y, _)| *y < goal.year)
        .collect();
    let Some(&latest) = before.last() else {
        return p;
    };
    p.latest = Some(latest);
    if goal.is_met_by(latest.1) {
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
    p.linear_ratio = linear_ratio(base, latest, goal);
    p.cagr_ratio = cagr_ratio(base, latest, goal);
    p.linear_status = p.linear_ratio.map_or(Status::NotMeasurable, band);
    p.cagr_status = p.cagr_ratio.map_or(Status::NotMeasurable, band);
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

/// (y_c − y_0)/(y_T − y_0) over (t_c − t_0)/(t_T − t_0).
fn linear_ratio(base: (i32, f64), latest: (i32, f64), goal: Goal) -> Option<f64> {
    let way = goal.value - base.1;
    let time = f64::from(latest.0 - base.0) / f64::from(goal.year - base.0);
    if way == 0.0 {
        // Already at the target level at the base year and no longer: moving away.
        return Some(-1.0);
    }
    Some(((latest.1 - base.1) / way) / time)
}

/// CAGR observed / CAGR required; undefined unless base, latest and target are positive.
fn cagr_ratio(base: (i32, f64), latest: (i32, f64), goal: Goal) -> Option<f64> {
    if base.1 <= 0.0 || latest.1 <= 0.0 || goal.value <= 0.0 {
        return None;
    }
    let observed = (latest.1 / base.1).powf(1.0 / f64::from(latest.0 - base.0)) - 1.0;
    let required = (goal.value / base.1).powf(1.0 / f64::from(goal.year - base.0)) - 1.0;
    if required == 0.0 {
        return Some(-1.0);
    }
    Some(observed / required)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(year: i32, value: f64) -> Goal {
        Goal {
            year,
            value,
            comparison: Comparison::AtLeast,
            tolerance: 0.0,
        }
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
            assess(&obs, goal(2020, 5200.0), None, Method::Cagr, None).status,
            Status::Achieved
        );
        assert_eq!(
            assess(&obs, goal(2020, 5200.5), None, Method::Cagr, None).status,
            Status::Missed
        );
        let at_most = Goal {
            comparison: Comparison::AtMost,
            ..goal(2020, 5200.0)
        };
        assert_eq!(
            assess(&obs, at_most, None, Method::Cagr, None).status,
            Status::Achieved
        );
        let exactly = Goal {
            comparison: Comparison::Exactly,
            tolerance: 0.5,
            ..goal(2020, 5200.4)
        };
        assert_eq!(
            assess(&obs, exactly, None, Method::Cagr, None).status,
            Status::Achieved
        );
    }

    #[test]
    fn hướng_hóa_2020_bhxh_target_by_both_methods() {
        // 2018: 4.815, 2019: 5.122, target 6.450 in 2020.
        let obs = [(2018, 4815.0), (2019, 5122.0)];
        // The plan counts from 2019, its latest figure: the trend is taken from 2018.
        let p = assess(&obs, goal(2020, 6450.0), Some(2019), Method::Cagr, None);
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
                &[(2020, 100.0), (2025, value)],
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
    fn not_measurable_without_enough_figures() {
        assert_eq!(
            assess(&[], goal(2020, 1.0), None, Method::Cagr, None).status,
            Status::NotMeasurable
        );
        let one = [(2019, 0.5)];
        assert_eq!(
            assess(&one, goal(2020, 1.0), None, Method::Cagr, None).status,
            Status::NotMeasurable
        );
        // Target year passed without a figure for it: later figures, or the site's data reach it.
        let later = [(2017, 0.5), (2019, 0.6)];
        assert_eq!(
            assess(&later, goal(2018, 1.0), None, Method::Cagr, None).status,
            Status::NotMeasurable
        );
        let p = assess(
            &[(2018, 0.5), (2019, 0.6)],
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
            &[(2018, 0.5), (2019, 0.6)],
            goal(2020, 1.0),
            None,
            Method::Cagr,
            Some(2019),
        );
        assert_eq!(p.status, Status::Limited);
        // Already met before the target year.
        let met = [(2017, 0.5), (2018, 1.2)];
        assert_eq!(
            assess(&met, goal(2020, 1.0), None, Method::Linear, None).status,
            Status::Achieved
        );
    }
}
