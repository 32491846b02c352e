//! An input file's path and text, kept so that positions can be reported after parsing.

use crate::error::{Error, Position, Text};
use serde::de::DeserializeOwned;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: Arc<Path>,
    pub text: String,
    /// Byte offset of the parsed part within `text` (front matter starts after `+++`).
    pub offset: usize,
    /// Byte offset of each line's start, so that a position costs a binary search, not a scan
    /// from the top of a file with thousands of figures.
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn read(path: &Path) -> Result<SourceFile, Error> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let prefix = std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or_default();
            Error::Syntax {
                pos: Position::at(path, prefix, valid),
                message: Text::new(
                    "tệp không phải văn bản UTF-8",
                    "the file is not UTF-8 text",
                ),
                hint: Text::new(
                    "lưu tệp dạng UTF-8 (trong Excel: CSV UTF-8; trong trình soạn thảo: mã hoá UTF-8)",
                    "save the file as UTF-8 (in Excel: CSV UTF-8; in an editor: encoding UTF-8)",
                ),
            }
        })?;
        // A byte-order mark is invisible to editors; accept it.
        let text = text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text);
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Ok(SourceFile {
            path: Arc::from(path),
            text,
            offset: 0,
            line_starts,
        })
    }

    /// Position of a span reported by the TOML parser over the parsed part.
    pub fn pos(&self, span: &Range<usize>) -> Position {
        let offset = (self.offset + span.start).min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        Position {
            path: self.path.clone(),
            line,
            column,
        }
    }

    /// Parses `part` (which starts at `self.offset` in the text) as TOML into `T`.
    pub fn parse<T: DeserializeOwned>(&self, part: &str) -> Result<T, Error> {
        toml::from_str(part).map_err(|e| {
            let pos = match e.span() {
                Some(span) => self.pos(&span),
                None => Position::at(&self.path, &self.text, self.offset),
            };
            let message = e.message().trim().to_string();
            let line = self.text.lines().nth(pos.line - 1).unwrap_or("");
            Error::Syntax {
                hint: toml_hint(&message, line),
                message: toml_message(message),
                pos,
            }
        })
    }
}

/// The TOML parser's message, with a Vietnamese rendering of the messages editors meet.
fn toml_message(en: String) -> Text {
    let quoted = |prefix: &str| {
        en.strip_prefix(prefix)
            .and_then(|r| r.split('`').next())
            .map(str::to_string)
    };
    let vi = if let Some(field) = quoted("unknown field `") {
        format!("khóa `{field}` không có ở đây")
    } else if let Some(field) = quoted("missing field `") {
        format!("thiếu khóa `{field}`")
    } else if en.starts_with("invalid type") && en.contains("expected a sequence") {
        "giá trị phải là một danh sách".into()
    } else if en.starts_with("invalid type") {
        format!("giá trị sai kiểu ({en})")
    } else if en.starts_with("duplicate key") {
        "khóa bị lặp lại".into()
    } else if en.contains("invalid float") || en.contains("invalid number") {
        "con số viết sai".into()
    } else if en.contains("invalid basic string") || en.contains("unterminated") {
        "chuỗi chữ chưa được đóng bằng dấu nháy kép".into()
    } else if en.contains("expected newline") {
        "sau giá trị còn ký tự thừa (thường là số viết có dấu phẩy hay dấu cách)".into()
    } else if en.contains("string values must be quoted") {
        "giá trị không đọc được: chữ phải đặt trong dấu nháy kép, số và ngày viết không có dấu nháy"
            .into()
    } else if en.contains("expected a TOML datetime") || en.contains("invalid datetime") {
        "cần một ngày dạng năm-tháng-ngày (2020-12-25), không đặt trong dấu nháy".into()
    } else {
        format!("lỗi cú pháp TOML ({en})")
    };
    Text::new(vi, en)
}

/// A hint for the common TOML mistakes editors make, from the parser's message and the line.
fn toml_hint(message: &str, line: &str) -> Text {
    let m = message.to_lowercase();
    let value = line.split_once('=').map_or("", |(_, v)| v).trim();
    if let Some(hint) = number_hint(value) {
        return hint;
    }
    if let Some(field) = m
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        return Text::new(
            format!(
                "thêm `{field} = …` vào bảng này; README.md liệt kê các khóa và giá trị của chúng"
            ),
            format!("add `{field} = …` to this table; README.md lists the keys and their values"),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        // "unknown field `regoin`, expected one of `region`, `series`": suggest the closest.
        let field = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest
            .split_once("expected")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        return match crate::error::Suggestion::closest(field, expected.iter().copied()).0 {
            Some(name) => Text::new(
                format!("có phải ý bạn là `{name}`? Sửa tên khóa, hoặc xóa nó"),
                format!("did you mean `{name}`? Correct the key's spelling, or remove it"),
            ),
            None => Text::new(
                format!("xóa khóa này; các khóa dùng được: {}", expected.join(", ")),
                format!(
                    "remove the key; the valid keys are: {}",
                    expected.join(", ")
                ),
            ),
        };
    }
    if m.contains("invalid type") && m.contains("expected a sequence") {
        let key = line.split_once('=').map_or("", |(k, _)| k).trim();
        Text::new(
            format!("viết `{key} = [\"…\"]`: một danh sách trong dấu ngoặc vuông, mỗi mã trong dấu nháy kép, cách nhau bằng dấu phẩy"),
            format!("write `{key} = [\"…\"]`: a list in square brackets, each code in double quotes, separated by commas"),
        )
    } else if m.contains("invalid type") && m.contains("expected a toml datetime") {
        let key = line.split_once('=').map_or("", |(k, _)| k).trim();
        let day = value.trim_matches('"');
        Text::new(
            format!("ngày viết năm-tháng-ngày, không có dấu nháy: `{key} = {day}`"),
            format!("a day is written year-month-day, without quotes: `{key} = {day}`"),
        )
    } else if m.contains("invalid type") {
        Text::new(
            "kiểm tra kiểu của giá trị: chữ đặt trong dấu nháy kép, số viết không có dấu nháy và không có dấu phân cách hàng nghìn (5122, không phải 5.122)",
            "check the value's type: text goes in double quotes, numbers without quotes or thousands separators (5122, not 5.122)",
        )
    } else if m.contains("duplicate key") {
        Text::new(
            "mỗi khóa chỉ xuất hiện một lần trong một bảng; xóa một trong hai",
            "a key may appear once per table; remove one of them",
        )
    } else if value.starts_with('"') && value.matches('"').count() == 1 {
        Text::new(
            "chuỗi chữ thiếu dấu nháy kép `\"` đóng ở cuối dòng",
            "the text is missing its closing double quote `\"` at the end of the line",
        )
    } else {
        Text::new(
            "kiểm tra cú pháp TOML: `khóa = giá trị`, chữ trong dấu nháy kép, bảng dạng [[tên]]",
            "check the TOML syntax: `key = value`, text in double quotes, tables as [[name]]",
        )
    }
}

/// Numbers and dates written the Vietnamese way, which TOML does not read.
fn number_hint(value: &str) -> Option<Text> {
    let value = value
        .split('#')
        .next()
        .unwrap_or("")
        .trim()
        .trim_matches('"');
    if value.is_empty()
        || !value
            .chars()
            .all(|c| c.is_ascii_digit() || ".,/ -".contains(c))
    {
        return None;
    }
    // A date with a one-digit month or day: 2020-12-5.
    let parts: Vec<&str> = value.split('-').collect();
    if let [y, m, d] = parts[..] {
        if y.len() == 4 && (m.len() == 1 || d.len() == 1) {
            return Some(Text::new(
                format!("viết tháng và ngày bằng hai chữ số: {y}-{m:0>2}-{d:0>2}"),
                format!("write the month and the day in two digits: {y}-{m:0>2}-{d:0>2}"),
            ));
        }
    }
    if value.contains('/') {
        let parts: Vec<&str> = value.split('/').collect();
        if let [d, m, y] = parts[..] {
            return Some(Text::new(
                format!(
                    "viết ngày theo dạng năm-tháng-ngày, không có dấu nháy: {y}-{m:0>2}-{d:0>2}"
                ),
                format!("write dates as year-month-day without quotes: {y}-{m:0>2}-{d:0>2}"),
            ));
        }
    }
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    if value.matches('.').count() > 1 || value.contains(' ') {
        return Some(Text::new(
            format!("viết số không có dấu phân cách hàng nghìn: {digits}"),
            format!("write numbers without thousands separators: {digits}"),
        ));
    }
    if value.contains(',') {
        let plain = value.replace('.', "").replace(',', ".");
        return Some(Text::new(
            format!(
                "dùng dấu chấm cho phần thập phân và không có dấu phân cách hàng nghìn: {plain}"
            ),
            format!("use a point for decimals and no thousands separators: {plain}"),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::toml_hint;

    #[test]
    fn positions_from_the_line_index_match_a_scan() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.toml");
        let text = "a = 1\nvùng = \"Hướng Hóa\"\n\nb = 2";
        std::fs::write(&path, text).unwrap();
        let file = super::SourceFile::read(&path).unwrap();
        for offset in 0..text.len() {
            if text.is_char_boundary(offset) {
                assert_eq!(
                    file.pos(&(offset..offset)),
                    crate::Position::at(&path, text, offset)
                );
            }
        }
    }

    #[test]
    fn hints_for_vietnamese_numbers_and_dates() {
        assert!(toml_hint("invalid float", "actual = 12.072.860")
            .en
            .contains("12072860"));
        assert!(toml_hint("unexpected", "actual = 32,7")
            .en
            .contains(": 32.7"));
        assert!(toml_hint("unexpected", "actual = 12 072 860")
            .en
            .contains("12072860"));
        assert!(toml_hint("unexpected", "date = 23/5/2018")
            .en
            .contains("2018-05-23"));
        assert!(toml_hint("missing field `comparison`", "")
            .en
            .contains("add `comparison = …`"));
        assert!(toml_hint("invalid basic string", "series = \"bhxh")
            .en
            .contains("closing double quote"));
    }
}
