//! Indicator formulas: arithmetic over series ids, parsed and resolved once when the model is built.

use super::SeriesIdx;
use crate::error::Text;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Number(f64),
    Series(SeriesIdx),
    Neg(Box<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

/// A problem in a formula, at a byte offset within the formula text.
#[derive(Debug, Clone, PartialEq)]
pub enum FormulaError {
    UnknownSeries { name: String, offset: usize },
    Syntax { message: Text, offset: usize },
}

/// Parses `text`, resolving each name with `resolve`.
pub fn parse(
    text: &str,
    resolve: &dyn Fn(&str) -> Option<SeriesIdx>,
) -> Result<Expr, FormulaError> {
    let mut p = Parser {
        text,
        pos: 0,
        depth: 0,
        resolve,
    };
    let expr = p.sum()?;
    p.skip_space();
    if p.pos < text.len() {
        return Err(p.syntax(
            "cần một phép tính (+ - * /) hoặc kết thúc công thức",
            "expected an operator (+ - * /) or the end of the formula",
        ));
    }
    Ok(expr)
}

/// Deeper nesting than this is a mistake, and would exhaust the stack.
const MAX_DEPTH: usize = 64;

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
    resolve: &'a dyn Fn(&str) -> Option<SeriesIdx>,
}

impl Parser<'_> {
    fn skip_space(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
    }
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }
    fn syntax(&self, vi: &str, en: &str) -> FormulaError {
        FormulaError::Syntax {
            message: Text::new(vi, en),
            offset: self.pos,
        }
    }

    fn sum(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.product()?;
        loop {
            self.skip_space();
            let op = match self.peek() {
                Some('+') => Op::Add,
                Some('-') => Op::Sub,
                _ => return Ok(left),
            };
            self.pos += 1;
            let right = self.product()?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
    }

    fn product(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.unary()?;
        loop {
            self.skip_space();
            let op = match self.peek() {
                Some('*') => Op::Mul,
                Some('/') => Op::Div,
                _ => return Ok(left),
            };
            self.pos += 1;
            let right = self.unary()?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
    }

    fn unary(&mut self) -> Result<Expr, FormulaError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.syntax(
                "công thức lồng quá nhiều tầng ngoặc",
                "the formula is nested too deeply",
            ));
        }
        let result = self.unary_inner();
        self.depth -= 1;
        result
    }

    fn unary_inner(&mut self) -> Result<Expr, FormulaError> {
        self.skip_space();
        match self.peek() {
            Some('-') => {
                self.pos += 1;
                Ok(Expr::Neg(Box::new(self.unary()?)))
            }
            Some('(') => {
                self.pos += 1;
                let inner = self.sum()?;
                self.skip_space();
                if self.peek() != Some(')') {
                    return Err(self.syntax("thiếu dấu `)`", "expected `)`"));
                }
                self.pos += 1;
                Ok(inner)
            }
            Some(c) if c.is_ascii_digit() => {
                let start = self.pos;
                while self.peek().is_some_and(|c| c.is_ascii_digit() || c == '.') {
                    self.pos += 1;
                }
                self.text[start..self.pos]
                    .parse()
                    .map(Expr::Number)
                    .map_err(|_| FormulaError::Syntax {
                        message: Text::new("không phải một số", "not a number"),
                        offset: start,
                    })
            }
            Some(c) if c.is_alphabetic() || c == '_' => {
                let start = self.pos;
                while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    self.pos += c_len(self.peek());
                }
                let name = &self.text[start..self.pos];
                (self.resolve)(name)
                    .map(Expr::Series)
                    .ok_or(FormulaError::UnknownSeries {
                        name: name.to_string(),
                        offset: start,
                    })
            }
            _ => Err(self.syntax(
                "cần một mã dãy số liệu, một số hoặc `(`",
                "expected a series id, a number or `(`",
            )),
        }
    }
}

fn c_len(c: Option<char>) -> usize {
    c.map_or(1, char::len_utf8)
}

impl Expr {
    /// Every series the formula reads, in order of appearance.
    /// The series a share is taken of (`lao_dong` in `bhxh / lao_dong`, also with `* 100`): when
    /// the share is above its whole, that figure is the first to check.
    pub fn whole(&self) -> Option<SeriesIdx> {
        match self {
            Expr::Binary(Op::Div, _, b) => {
                let mut out = Vec::new();
                b.series(&mut out);
                out.first().copied()
            }
            Expr::Binary(Op::Mul, a, b) => match (&**a, &**b) {
                (Expr::Number(_), e) | (e, Expr::Number(_)) => e.whole(),
                _ => None,
            },
            Expr::Neg(e) => e.whole(),
            _ => None,
        }
    }

    pub fn series(&self, out: &mut Vec<SeriesIdx>) {
        match self {
            Expr::Number(_) => {}
            Expr::Series(s) => {
                if !out.contains(s) {
                    out.push(*s)
                }
            }
            Expr::Neg(e) => e.series(out),
            Expr::Binary(_, a, b) => {
                a.series(out);
                b.series(out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(name: &str) -> Option<SeriesIdx> {
        ["bhxh", "lao_dong", "bhxh_bb"]
            .iter()
            .position(|s| *s == name)
            .map(SeriesIdx)
    }

    #[test]
    fn parses_precedence_and_parentheses() {
        let e = parse("bhxh / (lao_dong - bhxh_bb)", &resolve).unwrap();
        assert_eq!(
            e,
            Expr::Binary(
                Op::Div,
                Box::new(Expr::Series(SeriesIdx(0))),
                Box::new(Expr::Binary(
                    Op::Sub,
                    Box::new(Expr::Series(SeriesIdx(1))),
                    Box::new(Expr::Series(SeriesIdx(2)))
                ))
            )
        );
        let e = parse("1 + 2 * bhxh", &resolve).unwrap();
        assert!(matches!(e, Expr::Binary(Op::Add, _, _)));
    }

    #[test]
    fn reports_unknown_series_with_offset() {
        assert_eq!(
            parse("bhxh / lao_dongg", &resolve),
            Err(FormulaError::UnknownSeries {
                name: "lao_dongg".into(),
                offset: 7
            })
        );
    }

    #[test]
    fn unusual_input_gives_errors_not_panics() {
        assert!(parse("bhxh /\u{a0}lao_dong", &resolve).is_ok());
        let deep = format!("{}bhxh{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(matches!(
            parse(&deep, &resolve),
            Err(FormulaError::Syntax { .. })
        ));
        assert!(matches!(
            parse(&"-".repeat(100_000), &resolve),
            Err(FormulaError::Syntax { .. })
        ));
    }

    #[test]
    fn reports_syntax_errors() {
        assert!(matches!(
            parse("bhxh / ", &resolve),
            Err(FormulaError::Syntax { offset: 7, .. })
        ));
        assert!(matches!(
            parse("(bhxh", &resolve),
            Err(FormulaError::Syntax { .. })
        ));
        assert!(matches!(
            parse("bhxh lao_dong", &resolve),
            Err(FormulaError::Syntax { offset: 5, .. })
        ));
    }
}
