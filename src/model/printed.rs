//! Printed figures: a figure as a document prints it ("6,37%"), to be checked against the data.
//! A plan records those of its own document; a page or a source (`[[source.printed]]`) those it
//! quotes or prints.

use super::check::Checker;
use super::{year_out_of_range, IndicatorIdx, RegionIdx, SeriesIdx, YEARS};
use crate::error::{Position, Text};
use crate::load::{self, SourceFile};

/// What a printed figure states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintedMeasure {
    Value,
    Attainment,
    Increase,
    Growth,
    DevelopmentIndex,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintedOf {
    Series(SeriesIdx, PrintedMeasure),
    Indicator(IndicatorIdx),
}

/// A figure as a document prints it, in the unit it is printed in (percent for rates).
#[derive(Debug, Clone)]
pub struct Printed {
    pub region: RegionIdx,
    pub year: i32,
    pub of: PrintedOf,
    /// As printed: "6,37%".
    pub text: String,
    pub value: f64,
    /// Decimals printed: the precision the comparison allows.
    pub decimals: usize,
    pub pos: Position,
}

/// The printed figures of a page or a source, each naming its region.
pub(super) fn quoted(
    c: &mut Checker,
    file: &SourceFile,
    raw: &[load::content::RawPrinted],
) -> Vec<Printed> {
    raw.iter()
        .filter_map(|p| printed(c, file, p, None))
        .collect()
}

/// Reads a number as Vietnamese documents print it: "5.122", "+186", "6,37%", "−1,5".
/// Returns the value and its decimals; `None` when it is not such a number.
pub fn parse_printed(text: &str) -> Option<(f64, usize)> {
    let t = text.trim().trim_end_matches('%').trim();
    let (sign, digits) = match t.chars().next()? {
        '+' => (1.0, &t[1..]),
        '-' => (-1.0, &t[1..]),
        '−' => (-1.0, &t['−'.len_utf8()..]),
        _ => (1.0, t),
    };
    let digits = digits.trim();
    let (int, frac) = digits.split_once(',').unwrap_or((digits, ""));
    // Thousands are grouped by dots in threes: "489.923", never "48.99".
    let groups: Vec<&str> = int.split('.').collect();
    let grouped_ok = groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    if int.is_empty()
        || !grouped_ok && groups.len() > 1
        || !int.chars().all(|c| c.is_ascii_digit() || c == '.')
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let plain = format!(
        "{}.{}",
        int.replace('.', ""),
        if frac.is_empty() { "0" } else { frac }
    );
    Some((sign * plain.parse::<f64>().ok()?, frac.len()))
}

/// A printed figure resolved: what it states, and its number read as printed. `region` is the
/// plan's, for a block that names none; a page or a source has none of its own.
pub(super) fn printed(
    c: &mut Checker,
    file: &SourceFile,
    raw: &load::content::RawPrinted,
    region: Option<RegionIdx>,
) -> Option<Printed> {
    let region = match (&raw.region, region) {
        (Some(r), _) => c.region(r, file)?,
        (None, Some(r)) => r,
        (None, None) => {
            c.invalid(
                file,
                raw.year.span(),
                Text::new(
                    "số liệu công bố ngoài kế hoạch không ghi `region`",
                    "a printed figure outside a plan names no `region`",
                ),
                Text::new(
                    "thêm `region = \"huong-hoa\"` (một mã trong data/regions.toml): trang và nguồn không có địa bàn riêng như kế hoạch",
                    "add `region = \"huong-hoa\"` (a code from data/regions.toml): a page or a source has no region of its own, as a plan has",
                ),
            );
            return None;
        }
    };
    if !YEARS.contains(raw.year.get_ref()) {
        c.invalid(
            file,
            raw.year.span(),
            year_out_of_range(*raw.year.get_ref()),
            Text::new(
                "ghi năm của con số như văn bản in, ví dụ `year = 2019`",
                "write the year the printed figure is for, e.g. `year = 2019`",
            ),
        );
        return None;
    }
    let of = match (&raw.indicator, &raw.series) {
        (Some(id), None) => {
            let i = c.indicator(id, file)?;
            PrintedOf::Indicator(i)
        }
        (None, Some(id)) => {
            let s = c.series(id, file)?;
            let measure = match &raw.measure {
                Some(m) => c.keyword(
                    m,
                    file,
                    "measure",
                    &[
                        ("value", PrintedMeasure::Value),
                        ("attainment", PrintedMeasure::Attainment),
                        ("increase", PrintedMeasure::Increase),
                        ("growth", PrintedMeasure::Growth),
                        ("development_index", PrintedMeasure::DevelopmentIndex),
                    ],
                )?,
                None => PrintedMeasure::Value,
            };
            PrintedOf::Series(s, measure)
        }
        _ => {
            c.invalid(
                file,
                raw.year.span(),
                Text::new(
                    "số liệu công bố không ghi đúng một `indicator` hoặc một `series`",
                    "a printed figure names neither one `indicator` nor one `series`",
                ),
                Text::new(
                    "ghi `series = \"bhxh\"` (kèm `measure`) hoặc `indicator = \"bao_phu_bhxh\"`",
                    "write `series = \"bhxh\"` (with `measure`) or `indicator = \"bao_phu_bhxh\"`",
                ),
            );
            return None;
        }
    };
    let Some((value, decimals)) = parse_printed(raw.value.get_ref()) else {
        c.invalid(
            file,
            raw.value.span(),
            Text::new(
                format!(
                    "`{}` không phải một con số như văn bản in",
                    raw.value.get_ref()
                ),
                format!(
                    "`{}` is not a number as documents print it",
                    raw.value.get_ref()
                ),
            ),
            Text::new(
                "chép đúng con số như văn bản in, kiểu Việt Nam: \"5.122\", \"93,9%\", \"+186\"",
                "copy the figure as printed, Vietnamese style: \"5.122\", \"93,9%\", \"+186\"",
            ),
        );
        return None;
    };
    Some(Printed {
        region,
        year: *raw.year.get_ref(),
        of,
        text: raw.value.get_ref().clone(),
        value,
        decimals,
        pos: file.pos(&raw.value.span()),
    })
}

#[cfg(test)]
mod tests {
    use super::{parse_printed, printed, quoted, Checker, PrintedMeasure, PrintedOf};
    use crate::load::{self, SourceFile};

    /// The `[[printed]]` blocks of `text`, read as the loader reads them, with a checker that
    /// knows the example site's ids.
    fn blocks(text: &str) -> (Checker, SourceFile, Vec<load::content::RawPrinted>) {
        #[derive(serde::Deserialize)]
        struct Blocks {
            printed: Vec<load::content::RawPrinted>,
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let input = load::load(root).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.toml");
        std::fs::write(&path, text).unwrap();
        let file = SourceFile::read(&path).unwrap();
        let raw: Blocks = file.parse(&file.text).unwrap();
        (Checker::declare(&input, Vec::new()), file, raw.printed)
    }

    #[test]
    fn outside_a_plan_a_printed_figure_names_its_region_and_a_year_in_range() {
        let text = "[[printed]]\nregion = \"huong-hoa\"\nyear = 2019\nseries = \"bhxh\"\nmeasure = \"growth\"\nvalue = \"6,37%\"\n\n\
                    [[printed]]\nyear = 2019\nseries = \"bhxh\"\nvalue = \"5.122\"\n\n\
                    [[printed]]\nregion = \"vn\"\nyear = 20019\nseries = \"bhxh\"\nvalue = \"5.122\"\n";
        let (mut c, file, raw) = blocks(text);
        let found = quoted(&mut c, &file, &raw);
        assert_eq!(found.len(), 1, "only the first block is whole");
        assert_eq!(found[0].year, 2019);
        assert_eq!(found[0].text, "6,37%");
        assert!(matches!(
            found[0].of,
            PrintedOf::Series(_, PrintedMeasure::Growth)
        ));
        assert_eq!((found[0].pos.line, found[0].pos.column), (6, 9));
        let messages: Vec<String> = c
            .errors
            .iter()
            .map(|e| format!("{} {}", e.parts().title.en, e.position().unwrap().line))
            .collect();
        assert_eq!(
            messages,
            [
                "a printed figure outside a plan names no `region` 9",
                "year 20019 is out of range (1945–2100) 15",
            ]
        );
        // In a plan, a block without `region` is the plan's region's.
        let (mut c, file, raw) = blocks(text);
        let plan_region = c.regions.get("quang-tri").unwrap();
        let in_plan = printed(&mut c, &file, &raw[1], Some(plan_region)).unwrap();
        assert_eq!(in_plan.region, plan_region);
    }

    #[test]
    fn printed_numbers_read_as_documents_write_them() {
        assert_eq!(parse_printed("5.122"), Some((5122.0, 0)));
        assert_eq!(parse_printed("489.923"), Some((489923.0, 0)));
        assert_eq!(parse_printed("93,9%"), Some((93.9, 1)));
        assert_eq!(parse_printed("+186"), Some((186.0, 0)));
        assert_eq!(parse_printed("−1,25"), Some((-1.25, 2)));
        assert_eq!(parse_printed("48.99"), None);
        assert_eq!(parse_printed("abc"), None);
        assert_eq!(parse_printed(""), None);
    }
}
