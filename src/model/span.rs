//! The years of a target: one year (`year`), every year of a span (`every_year_from`,
//! `every_year_to`: "tăng từ 30% trở lên mỗi năm" from 2017 to 2020, entered once), or a period
//! ending at its year (`period_from` with `year`: "giai đoạn 2021–2025").

use super::{year_out_of_range, YEARS};
use crate::error::Text;
use crate::load::content::RawTarget;
use std::ops::{Range, RangeInclusive};
use toml::Spanned;

/// How a target's year stands in its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Span {
    /// A target for its year alone.
    Year,
    /// One year of a yearly target set once for every year from `from` to `to`: each year is a
    /// target of its own, judged on that year's figure.
    EveryYear { from: i32, to: i32 },
    /// The period from `from` to the target's year, judged at its end; progress is measured from
    /// the year before the period unless the target gives its own base year.
    Period { from: i32 },
}

/// The years a target is set for, and the key a problem of one of them is reported at.
#[derive(Debug, PartialEq)]
pub(super) struct Years {
    pub span: Span,
    pub years: RangeInclusive<i32>,
    pub at: Range<usize>,
}

/// A problem with the keys giving a target's years: where, what, how to fix it.
#[derive(Debug)]
pub(super) struct Problem {
    pub at: Range<usize>,
    pub message: Text,
    pub hint: Text,
}

fn problem(at: Range<usize>, message: Text, hint: Text) -> Problem {
    Problem { at, message, hint }
}

fn span_example() -> Text {
    Text::new(
        "ví dụ \"mỗi năm từ 2017 đến 2020\": every_year_from = 2017, every_year_to = 2020",
        "e.g. \"every year from 2017 to 2020\": every_year_from = 2017, every_year_to = 2020",
    )
}

fn period_example() -> Text {
    Text::new(
        "`period_from` là năm đầu của giai đoạn, `year` là năm cuối: \"giai đoạn 2021–2025\" ghi period_from = 2021, year = 2025",
        "`period_from` is the period's first year and `year` its last: \"giai đoạn 2021–2025\" is period_from = 2021, year = 2025",
    )
}

fn in_range(year: &Spanned<i32>, hint: Text) -> Result<i32, Problem> {
    let y = *year.get_ref();
    if YEARS.contains(&y) {
        Ok(y)
    } else {
        Err(problem(year.span(), year_out_of_range(y), hint))
    }
}

/// The years of target `t`, whose `[[target]]` header is at `table`. A plain `year` is checked
/// later, with the target's region (it must have existed that year).
pub(super) fn years(t: &RawTarget, table: Range<usize>) -> Result<Years, Problem> {
    let example = span_example();
    match (&t.year, &t.every_year_from, &t.every_year_to, &t.period_from) {
        (Some(_), Some(from), _, _) => Err(problem(
            from.span(),
            Text::new(
                "mục tiêu có cả `year` lẫn `every_year_from`",
                "a target has both `year` and `every_year_from`",
            ),
            Text::new(
                "mục tiêu cho một năm: giữ `year`; cùng một mục tiêu cho mỗi năm trong nhiều năm: xóa `year`, giữ `every_year_from` và `every_year_to`",
                "for one year keep `year`; for the same target every year of a span remove `year` and keep `every_year_from` and `every_year_to`",
            ),
        )),
        (_, None, Some(to), _) => Err(problem(
            to.span(),
            Text::new(
                "`every_year_to` thiếu `every_year_from`: các năm của mục tiêu chưa có năm đầu",
                "`every_year_to` has no `every_year_from`: the span of years has no first year",
            ),
            Text::new(
                format!("thêm `every_year_from`, năm đầu tiên đặt mục tiêu; {}", example.vi),
                format!("add `every_year_from`, the first year the target is set for; {}", example.en),
            ),
        )),
        (_, Some(from), None, _) => Err(problem(
            from.span(),
            Text::new(
                "`every_year_from` thiếu `every_year_to`: các năm của mục tiêu chưa có năm cuối",
                "`every_year_from` has no `every_year_to`: the span of years has no last year",
            ),
            Text::new(
                format!("thêm `every_year_to`, năm cuối cùng đặt mục tiêu; {}", example.vi),
                format!("add `every_year_to`, the last year the target is set for; {}", example.en),
            ),
        )),
        (_, Some(_), Some(_), Some(period)) => Err(problem(
            period.span(),
            Text::new(
                "mục tiêu có cả `period_from` lẫn `every_year_from`",
                "a target has both `period_from` and `every_year_from`",
            ),
            Text::new(
                "mục tiêu phải đạt mỗi năm: giữ `every_year_from` và `every_year_to`; mục tiêu của cả giai đoạn, đánh giá ở năm cuối: giữ `period_from` và `year`",
                "a target to meet every year: keep `every_year_from` and `every_year_to`; a target for the whole period, judged at its end: keep `period_from` and `year`",
            ),
        )),
        (None, Some(from_key), Some(to_key), None) => {
            let hint = || {
                Text::new(
                    format!("ghi năm đầu và năm cuối của mục tiêu hằng năm, {}", example.vi),
                    format!("write the first and last years of the yearly target, {}", example.en),
                )
            };
            let from = in_range(from_key, hint())?;
            let to = in_range(to_key, hint())?;
            if to <= from {
                return Err(problem(
                    to_key.span(),
                    Text::new(
                        format!("các năm bị ngược: năm cuối {to} không sau năm đầu {from}"),
                        format!(
                            "the span of years is upside down: its last year {to} is not after its first year {from}"
                        ),
                    ),
                    Text::new(
                        "`every_year_from` là năm đầu, `every_year_to` là năm cuối: đổi chỗ hai năm; mục tiêu cho một năm thì ghi `year`",
                        "`every_year_from` is the first year and `every_year_to` the last: swap the two years; for one year write `year`",
                    ),
                ));
            }
            Ok(Years {
                span: Span::EveryYear { from, to },
                years: from..=to,
                at: from_key.span(),
            })
        }
        (Some(year), None, None, None) => Ok(Years {
            span: Span::Year,
            years: *year.get_ref()..=*year.get_ref(),
            at: year.span(),
        }),
        (Some(year), None, None, Some(period)) => {
            let from = in_range(period, period_example())?;
            let end = *year.get_ref();
            if from >= end {
                return Err(problem(
                    period.span(),
                    Text::new(
                        format!("giai đoạn bị ngược: năm đầu {from} không trước năm cuối {end}"),
                        format!(
                            "the period is upside down: its first year {from} is not before its last year {end}"
                        ),
                    ),
                    period_example(),
                ));
            }
            Ok(Years {
                span: Span::Period { from },
                years: end..=end,
                at: year.span(),
            })
        }
        (None, None, None, Some(period)) => Err(problem(
            period.span(),
            Text::new(
                "`period_from` thiếu `year`, năm cuối của giai đoạn",
                "`period_from` needs `year`, the last year of the period",
            ),
            period_example(),
        )),
        (None, None, None, None) => Err(problem(
            table,
            Text::new("mục tiêu thiếu năm", "a target has no year"),
            Text::new(
                format!("ghi `year = 2025`; cho mỗi năm trong nhiều năm: every_year_from và every_year_to, {}", example.vi),
                format!("write `year = 2025`; for every year of a span: every_year_from and every_year_to, {}", example.en),
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(keys: &str) -> (RawTarget, String) {
        let text = format!("value = 30\ncomparison = \"at_least\"\nseries = \"bhxh_tn\"\n{keys}");
        (toml::from_str(&text).unwrap(), text)
    }

    /// The message (English) and the text it points at.
    fn fails(keys: &str) -> (String, String) {
        let (t, text) = target(keys);
        let p = years(&t, 0..5).unwrap_err();
        (p.message.en.to_string(), text[p.at].to_string())
    }

    #[test]
    fn a_yearly_target_over_a_span_is_every_year_of_it() {
        let (t, text) = target("every_year_from = 2017\nevery_year_to = 2020\n");
        let y = years(&t, 0..5).unwrap();
        assert_eq!(
            y.span,
            Span::EveryYear {
                from: 2017,
                to: 2020
            }
        );
        assert_eq!(y.years.collect::<Vec<_>>(), [2017, 2018, 2019, 2020]);
        assert_eq!(&text[y.at], "2017");
        let (t, _) = target("year = 2020\n");
        assert_eq!(years(&t, 0..5).unwrap().span, Span::Year);
    }

    #[test]
    fn a_period_target_is_judged_at_its_end() {
        let (t, text) = target("period_from = 2021\nyear = 2025\n");
        let y = years(&t, 0..5).unwrap();
        assert_eq!(y.span, Span::Period { from: 2021 });
        assert_eq!(y.years.collect::<Vec<_>>(), [2025]);
        assert_eq!(&text[y.at], "2025");
    }

    #[test]
    fn each_wrong_combination_of_year_keys_is_named_at_its_key() {
        let cases = [
            (
                "year = 2017\nevery_year_from = 2017\nevery_year_to = 2020\n",
                "both `year` and `every_year_from`",
                "2017",
            ),
            ("every_year_to = 2020\n", "has no `every_year_from`", "2020"),
            (
                "year = 2017\nevery_year_to = 2020\n",
                "has no `every_year_from`",
                "2020",
            ),
            ("every_year_from = 2017\n", "has no `every_year_to`", "2017"),
            (
                "every_year_from = 2020\nevery_year_to = 2017\n",
                "its last year 2017 is not after its first year 2020",
                "2017",
            ),
            (
                "every_year_from = 2020\nevery_year_to = 2020\n",
                "upside down",
                "2020",
            ),
            (
                "every_year_from = 2017\nevery_year_to = 20200\n",
                "year 20200 is out of range",
                "20200",
            ),
            (
                "every_year_from = 1900\nevery_year_to = 2020\n",
                "year 1900 is out of range",
                "1900",
            ),
            (
                "period_from = 2021\nevery_year_from = 2021\nevery_year_to = 2025\n",
                "both `period_from` and `every_year_from`",
                "2021",
            ),
            ("period_from = 2021\n", "`period_from` needs `year`", "2021"),
            (
                "period_from = 2025\nyear = 2025\n",
                "its first year 2025 is not before its last year 2025",
                "2025",
            ),
            (
                "period_from = 20\nyear = 2025\n",
                "year 20 is out of range",
                "20",
            ),
            ("", "a target has no year", "value"),
        ];
        for (keys, message, at) in cases {
            let (got, pointed) = fails(keys);
            assert!(got.contains(message), "{keys:?}: {got}");
            assert_eq!(pointed, at, "{keys:?}");
        }
    }
}
