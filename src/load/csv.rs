//! Yearly figures saved from Excel as CSV (`data/figures/*.csv`), read into the same records as
//! the TOML figures files, each value remembering its row and column in the CSV.
//!
//! The first row names the columns, with the keys of a `[[figure]]` block plus `year`: region,
//! series or indicator, year, actual, value, plan, source, plan_source, qualifier, as_of, status,
//! note, in any order. `;` or `,`
//! separates cells (whichever the header uses); cells may be quoted as Excel quotes them. An
//! empty cell is a missing figure, never 0.

use super::config::CsvNumbers;
use super::data::{FiguresFile, Loaded, RawFigure};
use super::SourceFile;
use crate::error::{Error, Suggestion, Text};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use toml::value::Datetime;
use toml::Spanned;

const COLUMNS: [&str; 14] = [
    "region",
    "series",
    "indicator",
    "year",
    "actual",
    "value",
    "plan",
    "source",
    "plan_source",
    "qualifier",
    "as_of",
    "status",
    "quote",
    "note",
];
const REQUIRED: [&str; 3] = ["region", "year", "source"];

/// One cell: its text (quotes removed) and its byte range in the file.
struct Cell<'a> {
    /// Borrowed from the file unless quoting changed it.
    text: Cow<'a, str>,
    span: Range<usize>,
}

/// The figures of a CSV file, one `FiguresFile` per year it gives, in year order, with the
/// errors of the rows left out. A file whose header cannot be read is an error of its own.
pub fn load(
    path: &Path,
    numbers: CsvNumbers,
) -> Result<(Vec<Loaded<FiguresFile>>, Vec<Error>), Error> {
    let file = SourceFile::read(path)?;
    let rows = split(&file)?;
    let mut rows = rows.into_iter();
    let Some(header) = rows.next() else {
        return Ok((Vec::new(), Vec::new()));
    };
    let columns = columns(&file, &header)?;
    let mut errors = Vec::new();
    let mut years: BTreeMap<i32, (Spanned<i32>, Vec<RawFigure>)> = BTreeMap::new();
    for cells in rows {
        let row = Row {
            file: &file,
            columns: &columns,
            cells: &cells,
        };
        let Some((year, figure)) = row_figure(&row, header.len(), numbers, &mut errors) else {
            continue;
        };
        years
            .entry(*year.get_ref())
            .or_insert_with(|| (year.clone(), Vec::new()))
            .1
            .push(figure);
    }
    drop(header);
    Ok((by_year(file, years), errors))
}

/// The column of each name the header row gives, or the errors of every unknown, repeated or
/// missing column.
fn columns(file: &SourceFile, header: &[Cell]) -> Result<BTreeMap<&'static str, usize>, Error> {
    let mut errors = Vec::new();
    let mut index: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (i, cell) in header.iter().enumerate() {
        let name = cell.text.trim();
        match COLUMNS.iter().find(|c| **c == name) {
            Some(c) if index.contains_key(c) => errors.push(invalid(
                file,
                &cell.span,
                Text::new(
                    format!("cột `{name}` có hai lần"),
                    format!("the column `{name}` is given twice"),
                ),
                Text::new("xóa một trong hai cột", "remove one of the two columns"),
            )),
            Some(c) => {
                index.insert(*c, i);
            }
            None => {
                let suggestion = Suggestion::closest(name, COLUMNS.iter().copied());
                errors.push(invalid(
                    file,
                    &cell.span,
                    Text::new(
                        format!("không có cột `{name}`"),
                        format!("unknown column `{name}`"),
                    ),
                    match suggestion.0 {
                        Some(s) => Text::new(
                            format!("có phải ý bạn là `{s}`?"),
                            format!("did you mean `{s}`?"),
                        ),
                        None => Text::new(
                            format!("các cột dùng được: {}", COLUMNS.join(", ")),
                            format!("the columns are: {}", COLUMNS.join(", ")),
                        ),
                    },
                ));
            }
        }
    }
    for required in REQUIRED {
        if !index.contains_key(required) {
            let span = header.first().map_or(0..0, |c| c.span.clone());
            errors.push(invalid(
                file,
                &span,
                Text::new(
                    format!("thiếu cột `{required}` ở dòng tiêu đề"),
                    format!("the header row has no `{required}` column"),
                ),
                Text::new(
                    format!(
                        "dòng đầu tiên phải ghi tên các cột, trong đó có {}",
                        REQUIRED.join(", ")
                    ),
                    format!(
                        "the first row names the columns, including {}",
                        REQUIRED.join(", ")
                    ),
                ),
            ));
        }
    }
    if !index.contains_key("series") && !index.contains_key("indicator") {
        let span = header.first().map_or(0..0, |c| c.span.clone());
        errors.push(invalid(
            file,
            &span,
            Text::new(
                "dòng tiêu đề không có cột `series` hay `indicator`",
                "the header row has neither a `series` nor an `indicator` column",
            ),
            Text::new(
                "thêm cột `series` (số người, số đơn vị…) hoặc `indicator` (tỷ lệ như nguồn công bố)",
                "add a `series` column (people, units…) or an `indicator` column (rates as published)",
            ),
        ));
    }
    if !errors.is_empty() {
        return Err(Error::from_many(errors));
    }
    Ok(index)
}

/// One row of figures, its cells found by the name of their column.
struct Row<'r> {
    file: &'r SourceFile,
    columns: &'r BTreeMap<&'static str, usize>,
    cells: &'r [Cell<'r>],
}

/// The figure of a row and its year, or None for a blank row or one with errors (pushed to
/// `errors`).
fn row_figure(
    row: &Row,
    header_len: usize,
    numbers: CsvNumbers,
    errors: &mut Vec<Error>,
) -> Option<(Spanned<i32>, RawFigure)> {
    let cells = row.cells;
    if cells.iter().all(|c| c.text.trim().is_empty()) {
        return None;
    }
    // A decimal comma in a comma-separated file makes one cell two: refuse the row rather
    // than read the wrong cells.
    if cells.len() != header_len {
        let at = cells
            .get(header_len)
            .or(cells.last())
            .map_or(0..0, |c| c.span.clone());
        errors.push(invalid(
            row.file,
            &at,
            Text::new(
                format!(
                    "dòng có {} ô nhưng dòng tiêu đề có {} cột",
                    cells.len(),
                    header_len
                ),
                format!(
                    "the row has {} cells but the header row has {} columns",
                    cells.len(),
                    header_len
                ),
            ),
            Text::new(
                "một số viết dấu phẩy thập phân (43,5) trong tệp phân cách bằng dấu phẩy bị tách làm hai ô: lưu CSV với dấu `;` (Excel tiếng Việt làm vậy), hoặc đặt ô trong ngoặc kép",
                "a number with a decimal comma (43,5) in a comma-separated file splits into two cells: save the CSV with `;` (as Vietnamese Excel does), or quote the cell",
            ),
        ));
        return None;
    }
    let before = errors.len();
    let region = row.required("region", errors);
    let source = row.required("source", errors);
    let year = row.year(errors);
    let actual = row.number("actual", numbers, errors);
    let value = row.number("value", numbers, errors);
    let plan = row.number("plan", numbers, errors);
    let as_of = row.date("as_of", errors);
    let (Some(region), Some(source), Some(year)) = (region, source, year) else {
        return None;
    };
    // A row with a bad cell is left out whole: half a figure is a wrong one.
    if errors.len() > before {
        return None;
    }
    let figure = RawFigure {
        region,
        series: row.text("series"),
        indicator: row.text("indicator"),
        value,
        actual,
        plan,
        source,
        plan_source: row.text("plan_source"),
        qualifier: row.text("qualifier"),
        as_of,
        status: row.text("status"),
        quote: row
            .text("quote")
            .map(|n| n.into_inner())
            .unwrap_or_default(),
        note: row.text("note").map(|n| n.into_inner()).unwrap_or_default(),
    };
    Some((year, figure))
}

impl Row<'_> {
    fn cell(&self, name: &str) -> Option<&Cell<'_>> {
        self.columns.get(name).and_then(|&i| self.cells.get(i))
    }

    /// The trimmed text of a cell, None when it is empty.
    fn text(&self, name: &str) -> Option<Spanned<String>> {
        let c = self.cell(name)?;
        let t = c.text.trim();
        (!t.is_empty()).then(|| Spanned::new(c.span.clone(), t.to_string()))
    }

    fn required(&self, name: &str, errors: &mut Vec<Error>) -> Option<Spanned<String>> {
        let found = self.text(name);
        if found.is_none() {
            // A cell of the row, or a place to point at when the row is too short.
            let end = self.cells.last().map_or(0..0, |c| c.span.end..c.span.end);
            let span = self.cell(name).map_or(end, |c| c.span.clone());
            errors.push(invalid(
                self.file,
                &span,
                Text::new(
                    format!("ô `{name}` trống"),
                    format!("the `{name}` cell is empty"),
                ),
                Text::new(
                    format!("mỗi dòng số liệu cần `{name}`"),
                    format!("every row of figures needs its `{name}`"),
                ),
            ));
        }
        found
    }

    /// A day written as TOML writes it (2022-09-30), the way Excel saves an ISO date.
    fn date(&self, name: &str, errors: &mut Vec<Error>) -> Option<Spanned<Datetime>> {
        let t = self.text(name)?;
        match t.get_ref().parse::<Datetime>() {
            Ok(d) if d.date.is_some() && d.time.is_none() => Some(Spanned::new(t.span(), d)),
            _ => {
                errors.push(invalid(
                    self.file,
                    &t.span(),
                    Text::new(
                        format!(
                            "`{}` ở cột `{name}` không phải một ngày năm-tháng-ngày",
                            t.get_ref()
                        ),
                        format!(
                            "`{}` in the `{name}` column is not a year-month-day date",
                            t.get_ref()
                        ),
                    ),
                    Text::new(
                        "ghi ngày theo kiểu 2022-09-30 (định dạng ô yyyy-mm-dd trong Excel)",
                        "write the day as 2022-09-30 (cell format yyyy-mm-dd in Excel)",
                    ),
                ));
                None
            }
        }
    }

    fn year(&self, errors: &mut Vec<Error>) -> Option<Spanned<i32>> {
        let y = self.required("year", errors)?;
        match y.get_ref().parse::<i32>() {
            Ok(v) => Some(Spanned::new(y.span(), v)),
            Err(_) => {
                errors.push(invalid(
                    self.file,
                    &y.span(),
                    Text::new(
                        format!("năm `{}` không phải một số năm", y.get_ref()),
                        format!("the year `{}` is not a year", y.get_ref()),
                    ),
                    Text::new(
                        "ghi năm bằng 4 chữ số: 2024",
                        "write the year in four digits: 2024",
                    ),
                ));
                None
            }
        }
    }

    fn number(
        &self,
        name: &str,
        numbers: CsvNumbers,
        errors: &mut Vec<Error>,
    ) -> Option<Spanned<f64>> {
        let t = self.text(name)?;
        match parse_number(t.get_ref(), numbers) {
            Some(v) => Some(Spanned::new(t.span(), v)),
            None => {
                errors.push(invalid(
                    self.file,
                    &t.span(),
                    Text::new(
                        format!("`{}` ở cột `{name}` không phải một số viết theo kiểu đã khai báo", t.get_ref()),
                        format!("`{}` in the `{name}` column is not a number written as declared", t.get_ref()),
                    ),
                    match numbers {
                        CsvNumbers::Vietnamese => Text::new(
                            "config.toml khai báo [csv] numbers = \"vi\": viết 1.234.567 hoặc 93,9 (dấu chấm nhóm hàng nghìn, dấu phẩy thập phân)",
                            "config.toml declares [csv] numbers = \"vi\": write 1.234.567 or 93,9 (points group thousands, a comma marks decimals)",
                        ),
                        CsvNumbers::Plain => Text::new(
                            "config.toml khai báo [csv] numbers = \"plain\": viết 1234567 hoặc 93.9; nếu Excel ghi kiểu 93,9 thì đặt numbers = \"vi\"",
                            "config.toml declares [csv] numbers = \"plain\": write 1234567 or 93.9; if Excel writes 93,9, set numbers = \"vi\"",
                        ),
                    },
                ));
                None
            }
        }
    }
}

/// One `FiguresFile` per year, in year order.
fn by_year(
    file: SourceFile,
    years: BTreeMap<i32, (Spanned<i32>, Vec<RawFigure>)>,
) -> Vec<Loaded<FiguresFile>> {
    // A file usually gives one year: it takes the text rather than a copy of it.
    let mut years: Vec<_> = years.into_values().collect();
    let last = years.pop();
    let mut loaded: Vec<_> = years
        .into_iter()
        .map(|(year, figure)| Loaded {
            file: file.clone(),
            data: FiguresFile { year, figure },
        })
        .collect();
    loaded.extend(last.map(|(year, figure)| Loaded {
        file,
        data: FiguresFile { year, figure },
    }));
    loaded
}

fn invalid(file: &SourceFile, span: &Range<usize>, message: Text, hint: Text) -> Error {
    Error::Invalid {
        pos: file.pos(span),
        message,
        hint,
    }
}

/// A number as the declared style writes it; spaces (also no-break ones) may group thousands.
pub fn parse_number(text: &str, style: CsvNumbers) -> Option<f64> {
    // Most cells are plain digits, the same in either style.
    if !text.is_empty() && text.len() < 16 && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let t: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let (sign, body) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t.strip_prefix('+').unwrap_or(&t)),
    };
    let (group, decimal) = match style {
        CsvNumbers::Vietnamese => ('.', ','),
        CsvNumbers::Plain => (',', '.'),
    };
    let (whole, fraction) = match body.split_once(decimal) {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    // Thousands groups, if any, are of three digits after the first.
    let groups: Vec<&str> = whole.split(group).collect();
    let grouped_well = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !grouped_well
        || !groups.iter().all(|g| digits(g))
        || fraction.is_some_and(|f| !digits(f))
        || (style == CsvNumbers::Plain && groups.len() > 1)
    {
        return None;
    }
    let plain = format!("{sign}{}.{}", groups.concat(), fraction.unwrap_or("0"));
    plain.parse().ok()
}

/// The rows of the file, split into cells, with the separator the header row uses. The `csv`
/// crate reads the records (Excel's quoting, line breaks inside quotes); each cell's place in
/// the file is then found in the record's own text, for messages.
fn split(file: &SourceFile) -> Result<Vec<Vec<Cell<'_>>>, Error> {
    let text = &file.text;
    let header = text.lines().next().unwrap_or("");
    let sep = if header.contains(';') {
        b';'
    } else if header.contains('\t') {
        b'\t'
    } else {
        b','
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = ::csv::StringRecord::new();
    let mut rows = Vec::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(rows),
            Ok(true) => {}
            Err(e) => {
                let at = e.position().map_or(0, |p| p.byte() as usize);
                return Err(invalid(
                    file,
                    &(at..at),
                    Text::new(
                        format!("không đọc được dòng này của tệp CSV: {e}"),
                        format!("this row of the CSV file cannot be read: {e}"),
                    ),
                    Text::new(
                        "lưu lại tệp từ Excel dưới dạng \"CSV UTF-8\"",
                        "save the file again from Excel as \"CSV UTF-8\"",
                    ),
                ));
            }
        }
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let end = reader.position().byte() as usize;
        rows.push(cells(file, start..end.min(text.len()), &record, sep)?);
    }
}

/// The cells of one record with their places: `raw` is the record's range in the file.
fn cells<'a>(
    file: &'a SourceFile,
    raw: Range<usize>,
    record: &::csv::StringRecord,
    sep: u8,
) -> Result<Vec<Cell<'a>>, Error> {
    let text = &file.text;
    let bytes = text.as_bytes();
    let field_end = |from: usize| {
        bytes[from..raw.end]
            .iter()
            .position(|&b| b == sep || b == b'\n' || b == b'\r')
            .map_or(raw.end, |n| from + n)
    };
    // The reader's position may stand on the line break before the record, or on blank lines.
    let mut at = raw.start;
    while at < raw.end && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    let mut row = Vec::with_capacity(record.len());
    for field in record.iter() {
        let cell = if bytes.get(at) == Some(&b'"') {
            let close = closing_quote(bytes, at, raw.end).ok_or_else(|| {
                invalid(
                    file,
                    &(at..at + 1),
                    Text::new(
                        "ô bắt đầu bằng dấu nháy kép này chưa được đóng",
                        "the cell quoted here is never closed",
                    ),
                    Text::new(
                        "thêm dấu nháy kép `\"` ở cuối ô; một dấu nháy trong ô được viết hai lần: \"\"",
                        "add the closing `\"` at the end of the cell; a quote inside a cell is written twice: \"\"",
                    ),
                )
            })?;
            Cell {
                text: Cow::Owned(field.to_string()),
                span: at..field_end(close + 1),
            }
        } else {
            let end = field_end(at);
            Cell {
                text: Cow::Borrowed(&text[at..end]),
                span: at..end,
            }
        };
        at = (cell.span.end + 1).min(raw.end);
        row.push(cell);
    }
    Ok(row)
}

/// The quote that closes the one opening at `open`; doubled quotes inside are the cell's own.
fn closing_quote(bytes: &[u8], open: usize, end: usize) -> Option<usize> {
    let mut i = open + 1;
    while i < end {
        if bytes[i] == b'"' {
            if bytes.get(i + 1) == Some(&b'"') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_declared() {
        let vi = |t| parse_number(t, CsvNumbers::Vietnamese);
        let plain = |t| parse_number(t, CsvNumbers::Plain);
        assert_eq!(vi("1.234.567"), Some(1234567.0));
        assert_eq!(vi("93,9"), Some(93.9));
        assert_eq!(vi("1.234,5"), Some(1234.5));
        assert_eq!(vi("12 072 860"), Some(12072860.0));
        assert_eq!(vi("-115"), Some(-115.0));
        assert_eq!(
            vi("12.5"),
            None,
            "a point groups thousands in the Vietnamese style"
        );
        assert_eq!(vi("1.2345"), None);
        assert_eq!(vi("abc"), None);
        assert_eq!(plain("1234.5"), Some(1234.5));
        assert_eq!(plain("93.9"), Some(93.9));
        assert_eq!(plain("93,9"), None);
        assert_eq!(
            plain("1,234"),
            None,
            "plain numbers have no thousands separators"
        );
    }

    #[test]
    fn cells_keep_their_place_and_excel_quoting() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        std::fs::write(&path, "\u{feff}a;b\r\n\"x;\"\"y\"\"\";2\r\n").unwrap();
        let file = SourceFile::read(&path).unwrap();
        let rows = split(&file).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1][0].text, "x;\"y\"");
        assert_eq!(rows[1][1].text, "2");
        let pos = file.pos(&rows[1][1].span);
        assert_eq!((pos.line, pos.column), (2, 11));
    }

    #[test]
    fn published_rates_dates_and_estimates_from_excel() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2024.csv");
        std::fs::write(
            &path,
            "region;indicator;year;value;plan;as_of;status;source\r\n\
             nghe-an;bao_phu_bhxh;2024;25,80;25,70;2024-09-30;estimate;bna\r\n",
        )
        .unwrap();
        let (years, errors) = load(&path, CsvNumbers::Vietnamese).unwrap();
        assert!(errors.is_empty());
        let f = &years[0].data.figure[0];
        assert_eq!(f.series, None);
        assert_eq!(
            f.indicator.as_ref().map(|i| i.get_ref().as_str()),
            Some("bao_phu_bhxh")
        );
        assert_eq!(f.value.as_ref().map(|v| *v.get_ref()), Some(25.8));
        assert_eq!(f.plan.as_ref().map(|v| *v.get_ref()), Some(25.7));
        assert_eq!(
            f.as_of.as_ref().map(|d| d.get_ref().to_string()).as_deref(),
            Some("2024-09-30")
        );
        assert_eq!(
            f.status.as_ref().map(|s| s.get_ref().as_str()),
            Some("estimate")
        );
    }

    #[test]
    fn a_header_without_series_or_indicator_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2024.csv");
        std::fs::write(&path, "region;year;actual;source\r\nvn;2024;1;s\r\n").unwrap();
        let err = load(&path, CsvNumbers::Vietnamese).unwrap_err();
        assert!(err.to_string().contains("series"), "{err}");
    }
}
