//! Number and date formatting for each page language (CLDR `vi`: `5.122`, `93,9%`; `en`: `5,122`, `93.9%`).

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    /// The language's code, as in `<html lang>` and the theme's `i18n/<code>.toml`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    fn separators(self) -> (char, char) {
        match self {
            Lang::Vi => ('.', ','),
            Lang::En => (',', '.'),
        }
    }
}

/// `v` rounded to `decimals` places, with the language's grouping and decimal marks.
pub fn number(v: f64, decimals: usize, lang: Lang) -> String {
    let (group, point) = lang.separators();
    let text = round_half_up(v.abs(), decimals);
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    // Rounding may give "0.00" for a tiny negative: no sign then. The sign is a true minus.
    if v < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('−');
    }
    let digits = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// `v` (not negative) with `decimals` places, halves rounded up as published reports do:
/// 33,775 → 33,78 although the binary value of 33.775 is a little below it.
fn round_half_up(v: f64, decimals: usize) -> String {
    let scale = match decimals {
        0 => 1.0,
        1 => 10.0,
        2 => 100.0,
        n => 10f64.powi(n as i32),
    };
    let whole = (v * scale * (1.0 + 1e-12)).round();
    // Integer formatting: `{:.0}` of a float takes the exact (slow) path, and this runs for
    // every number of every page.
    let mut digits = if whole < 9.0e15 {
        (whole as u64).to_string()
    } else {
        format!("{whole:.0}")
    };
    if decimals == 0 {
        return digits;
    }
    if digits.len() <= decimals {
        digits.insert_str(0, &"0".repeat(decimals + 1 - digits.len()));
    }
    digits.insert(digits.len() - decimals, '.');
    digits
}

/// A count: whole numbers, grouped.
pub fn count(v: f64, lang: Lang) -> String {
    number(v, count_decimals(v), lang)
}

/// Counts are whole; a summed estimate may not be, and keeps one decimal.
pub fn count_decimals(v: f64) -> usize {
    if v.fract().abs() > 1e-9 {
        1
    } else {
        0
    }
}

/// `v` for data files: rounded exactly as [`number`] rounds it, with `.` for the decimal
/// point, no grouping and an ASCII minus, as spreadsheets and parsers read numbers.
pub fn plain(v: f64, decimals: usize) -> String {
    let text = round_half_up(v.abs(), decimals);
    if v < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("-{text}")
    } else {
        text
    }
}

/// A ratio shown as a percentage: 0.9391 → `93,91%`.
pub fn percent(ratio: f64, decimals: usize, lang: Lang) -> String {
    format!("{}%", number(ratio * 100.0, decimals, lang))
}

/// A change with its sign: `+307`, `-12`.
pub fn signed(v: f64, decimals: usize, lang: Lang) -> String {
    let n = number(v, decimals, lang);
    if v > 0.0 && n.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{n}")
    } else {
        n
    }
}

/// A change in percentage points or percent with its sign: `+6,38%`.
pub fn signed_percent(ratio: f64, decimals: usize, lang: Lang) -> String {
    format!("{}%", signed(ratio * 100.0, decimals, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_and_english_marks() {
        assert_eq!(number(5122.0, 0, Lang::Vi), "5.122");
        assert_eq!(number(5122.0, 0, Lang::En), "5,122");
        assert_eq!(number(1234567.891, 2, Lang::Vi), "1.234.567,89");
        assert_eq!(percent(0.939, 1, Lang::Vi), "93,9%");
        assert_eq!(percent(0.939, 1, Lang::En), "93.9%");
        assert_eq!(percent(5122.0 / 5454.0, 2, Lang::Vi), "93,91%");
        assert_eq!(number(999.0, 0, Lang::Vi), "999");
        assert_eq!(number(100000.0, 0, Lang::Vi), "100.000");
    }

    #[test]
    fn halves_round_up() {
        assert_eq!(number(33.775, 2, Lang::Vi), "33,78");
        assert_eq!(percent(0.0625, 1, Lang::Vi), "6,3%");
        assert_eq!(number(2.5, 0, Lang::Vi), "3");
        assert_eq!(number(0.05, 1, Lang::Vi), "0,1");
        assert_eq!(number(0.004, 2, Lang::Vi), "0,00");
        assert_eq!(number(12072860.0, 0, Lang::Vi), "12.072.860");
    }

    #[test]
    fn plain_numbers_round_as_pages_do() {
        assert_eq!(plain(33.775, 2), "33.78");
        assert_eq!(plain(12072860.0, 0), "12072860");
        assert_eq!(plain(-1200.0, 0), "-1200");
        assert_eq!(plain(-0.0001, 2), "0.00");
        assert_eq!(
            number(33.775, 2, Lang::Vi),
            plain(33.775, 2).replace('.', ",")
        );
    }

    #[test]
    fn signs() {
        assert_eq!(signed(307.0, 0, Lang::Vi), "+307");
        assert_eq!(signed(-1200.0, 0, Lang::Vi), "−1.200");
        assert_eq!(signed(0.0, 0, Lang::Vi), "0");
        assert_eq!(number(-0.0001, 2, Lang::Vi), "0,00");
        assert_eq!(signed_percent(307.0 / 4815.0, 2, Lang::Vi), "+6,38%");
    }
}
