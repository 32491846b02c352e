//! The yearly formulas of DOMAIN.md: attainment, increase, growth rate, development index.
//! A missing input gives a missing result; a zero denominator gives `ZeroDenominator`.

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ratio {
    Value(f64),
    Missing,
    ZeroDenominator,
}

impl Ratio {
    pub fn value(self) -> Option<f64> {
        match self {
            Ratio::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// `numerator / denominator`, keeping "missing" and "zero denominator" apart.
pub fn ratio(numerator: Option<f64>, denominator: Option<f64>) -> Ratio {
    match (numerator, denominator) {
        (Some(_), Some(0.0)) => Ratio::ZeroDenominator,
        (Some(n), Some(d)) => Ratio::Value(n / d),
        _ => Ratio::Missing,
    }
}

/// Attainment of plan: actual / plan.
pub fn attainment(actual: Option<f64>, plan: Option<f64>) -> Ratio {
    ratio(actual, plan)
}

/// Increase: x(y) − x(y−1).
pub fn increase(current: Option<f64>, previous: Option<f64>) -> Option<f64> {
    Some(current? - previous?)
}

/// Development index: x(y) / x(y−1).
pub fn development_index(current: Option<f64>, previous: Option<f64>) -> Ratio {
    ratio(current, previous)
}

/// Growth rate: x(y) / x(y−1) − 1.
pub fn growth(current: Option<f64>, previous: Option<f64>) -> Ratio {
    match development_index(current, previous) {
        Ratio::Value(v) => Ratio::Value(v - 1.0),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(r: Ratio, expected: f64) {
        let v = r.value().expect("a value");
        assert!((v - expected).abs() < 1e-4, "{v} != {expected}");
    }

    #[test]
    fn formulas_of_the_worked_example() {
        close(attainment(Some(5122.0), Some(5454.0)), 0.9391);
        assert_eq!(increase(Some(5122.0), Some(4815.0)), Some(307.0));
        close(growth(Some(5122.0), Some(4815.0)), 0.0638);
        close(development_index(Some(278.0), Some(115.0)), 2.4174);
    }

    #[test]
    fn missing_stays_missing_and_zero_is_flagged() {
        assert_eq!(attainment(None, Some(5.0)), Ratio::Missing);
        assert_eq!(attainment(Some(5.0), None), Ratio::Missing);
        assert_eq!(increase(Some(5.0), None), None);
        assert_eq!(attainment(Some(5.0), Some(0.0)), Ratio::ZeroDenominator);
        assert_eq!(growth(Some(5.0), Some(0.0)), Ratio::ZeroDenominator);
        // A zero numerator is a real value, not a missing one.
        assert_eq!(growth(Some(0.0), Some(4.0)), Ratio::Value(-1.0));
    }
}
