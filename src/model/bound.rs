//! What is known of a value computed from figures that the source gives as "about" (≈),
//! "more than" (>) or "less than" (<). Quantities here are positive, so a sum or product of
//! lower bounds is a lower bound, and subtracting or dividing by a lower bound gives an upper one.

use crate::model::formula::{Expr, Op};
use crate::model::{Qualifier, SeriesIdx};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Exact,
    /// The true value is at least this.
    Above,
    /// The true value is at most this.
    Below,
    About,
    /// Nothing can be said: e.g. the difference of two lower bounds.
    Unknown,
}

impl Bound {
    pub fn of(q: Option<Qualifier>) -> Bound {
        match q {
            None => Bound::Exact,
            Some(Qualifier::MoreThan) => Bound::Above,
            Some(Qualifier::LessThan) => Bound::Below,
            Some(Qualifier::About) => Bound::About,
        }
    }

    /// The qualifier to print, or `None` when the value cannot be shown at all.
    pub fn qualifier(self) -> Option<Option<Qualifier>> {
        match self {
            Bound::Exact => Some(None),
            Bound::Above => Some(Some(Qualifier::MoreThan)),
            Bound::Below => Some(Some(Qualifier::LessThan)),
            Bound::About => Some(Some(Qualifier::About)),
            Bound::Unknown => None,
        }
    }

    fn flip(self) -> Bound {
        match self {
            Bound::Above => Bound::Below,
            Bound::Below => Bound::Above,
            b => b,
        }
    }

    /// `a + b` or `a × b`.
    pub fn and(self, other: Bound) -> Bound {
        use Bound::*;
        match (self, other) {
            (Unknown, _) | (_, Unknown) => Unknown,
            (Exact, b) | (b, Exact) => b,
            // About a value that is itself a bound: still a bound, roughly.
            (About, b) | (b, About) => {
                if b == About {
                    About
                } else {
                    b
                }
            }
            (a, b) if a == b => a,
            _ => Unknown,
        }
    }

    /// `a − b` or `a ÷ b`.
    pub fn less(self, other: Bound) -> Bound {
        self.and(other.flip())
    }
}

/// The bound of a formula's value from the bounds of its inputs.
pub fn of_formula(expr: &Expr, input: &dyn Fn(SeriesIdx) -> Bound) -> Bound {
    match expr {
        Expr::Number(_) => Bound::Exact,
        Expr::Series(s) => input(*s),
        Expr::Neg(e) => of_formula(e, input).flip(),
        Expr::Binary(op, a, b) => {
            let (a, b) = (of_formula(a, input), of_formula(b, input));
            match op {
                Op::Add | Op::Mul => a.and(b),
                Op::Sub | Op::Div => a.less(b),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Bound::*;
    use super::*;

    #[test]
    fn differences_of_bounds() {
        // > 1.450.000 minus exact: more than. Exact minus > x: less than.
        assert_eq!(Above.less(Exact), Above);
        assert_eq!(Exact.less(Above), Below);
        // Two lower bounds: the difference is unknown.
        assert_eq!(Above.less(Above), Unknown);
        assert_eq!(Above.less(Below), Above);
        assert_eq!(About.less(Exact), About);
        // "> 88.800.000" minus "≈ 88.000.000": at least about 800.000.
        assert_eq!(Above.less(About), Above);
        assert_eq!(Above.and(Above), Above);
        assert_eq!(Above.and(Below), Unknown);
    }

    #[test]
    fn formulas_combine_their_inputs() {
        let f = crate::model::formula::parse("a / (b - c)", &|n: &str| {
            ["a", "b", "c"].iter().position(|x| *x == n).map(SeriesIdx)
        })
        .unwrap();
        let bounds = |q: [Bound; 3]| of_formula(&f, &|s: SeriesIdx| q[s.0]);
        assert_eq!(bounds([Exact, Exact, Exact]), Exact);
        assert_eq!(bounds([Above, Exact, Exact]), Above);
        // A larger denominator part makes the ratio smaller; subtracting it makes it larger.
        assert_eq!(bounds([Exact, Above, Exact]), Below);
        assert_eq!(bounds([Exact, Exact, Above]), Above);
    }
}
