//! Plans in `content/plans/*.md` and pages in `content/pages/*.md`: TOML front matter between
//! `+++` lines, then markdown.

use super::SourceFile;
use crate::error::{Error, Position, Text};
use serde::Deserialize;
use std::path::Path;
use toml::value::Datetime;
use toml::Spanned;

/// A markdown file with its front matter read into `F`.
#[derive(Debug)]
pub struct Document<F> {
    pub file: SourceFile,
    /// File name without extension; the document's address.
    pub slug: String,
    pub front: F,
    pub body: String,
    /// Where the body starts in the file, so that a place in the body can be reported.
    pub body_pos: Position,
}

pub type PlanFile = Document<FrontMatter>;
pub type PageFile = Document<PageFront>;

/// A page of the site that is neither data nor plan, such as the editors' guide.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    pub title: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub summary_en: String,
    /// Figures the page quotes as a document prints them, audited like a plan's; each names
    /// its `region`, a page having none of its own.
    #[serde(default)]
    pub printed: Vec<RawPrinted>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub number: String,
    /// A name short enough for a table cell, for plans the document gives no number.
    #[serde(default)]
    pub short_title: String,
    #[serde(default)]
    pub short_title_en: String,
    pub date: Option<Datetime>,
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub issuer_en: String,
    pub region: Spanned<String>,
    #[serde(default)]
    pub kind: String,
    /// The kind of document in English ("Decision" for "Quyết định").
    #[serde(default)]
    pub kind_en: String,
    pub base_year: Option<Spanned<i32>>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub summary_en: String,
    /// The source document the text summarises.
    #[serde(default)]
    pub seed: String,
    /// Each with the place of its `[[target]]` header, where a problem of the whole target is
    /// reported.
    #[serde(default)]
    pub target: Vec<Spanned<RawTarget>>,
    #[serde(default)]
    pub task: Vec<RawTask>,
    /// Figures as the document prints them, for `check` to compare with the data.
    #[serde(default)]
    pub printed: Vec<RawPrinted>,
}

/// One figure as a document prints it: "93,9%" attainment of `bhxh` in 2019. The same block in
/// a plan, a page and a source (`[[source.printed]]` in data/sources.toml).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPrinted {
    pub region: Option<Spanned<String>>,
    pub year: Spanned<i32>,
    pub indicator: Option<Spanned<String>>,
    pub series: Option<Spanned<String>>,
    /// For a series: value (default), attainment, increase, growth or development_index.
    pub measure: Option<Spanned<String>>,
    /// Exactly as printed, Vietnamese style: "5.122", "93,9%", "+186".
    pub value: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    pub indicator: Option<Spanned<String>>,
    pub series: Option<Spanned<String>>,
    pub measure: Option<Spanned<String>>,
    pub region: Option<Spanned<String>>,
    /// The target's year; with `period_from`, the end of the period.
    pub year: Option<Spanned<i32>>,
    /// A yearly target over a span of years, instead of `year`: "tăng từ 30% trở lên mỗi năm"
    /// from 2017 to 2020.
    pub every_year_from: Option<Spanned<i32>>,
    pub every_year_to: Option<Spanned<i32>>,
    /// The first year of a period ending at `year`: "giai đoạn 2021–2025".
    pub period_from: Option<Spanned<i32>>,
    pub value: Spanned<f64>,
    /// The upper end of a range (`comparison = "between"`): "đạt 26 - 27%".
    pub value_to: Option<Spanned<f64>>,
    pub comparison: Spanned<String>,
    #[serde(default)]
    pub printed: String,
    pub base_year: Option<Spanned<i32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTask {
    pub content: String,
    #[serde(default)]
    pub lead: String,
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default)]
    pub deadline: String,
}

pub fn load_plan(path: &Path) -> Result<PlanFile, Error> {
    load_document(path)
}

pub fn load_page(path: &Path) -> Result<PageFile, Error> {
    load_document(path)
}

fn load_document<F: serde::de::DeserializeOwned>(path: &Path) -> Result<Document<F>, Error> {
    // The file's name is its page's address: one that is not a plain slug could leave its
    // folder, take the place of another page, or break a feed.
    let slug = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some((message, hint)) = crate::address::slug_problem(&slug) {
        return Err(Error::Invalid {
            pos: Position::file(path),
            message,
            hint,
        });
    }
    let mut file = SourceFile::read(path)?;
    let (start, end, body_start) = split_front_matter(&file.text).ok_or_else(|| {
        let (message, hint) = if file.text.starts_with("+++") {
            (
                Text::new(
                    "phần khai báo đầu tệp bắt đầu ở đây chưa được đóng",
                    "the front matter that starts here is not closed",
                ),
                Text::new(
                    "thêm một dòng chỉ có `+++` sau các khóa, trước phần văn bản",
                    "add a line with only `+++` after the keys, before the text",
                ),
            )
        } else {
            (
                Text::new(
                    "tệp không có phần khai báo đầu tệp",
                    "the file has no front matter",
                ),
                Text::new(
                    "bắt đầu tệp bằng một dòng `+++`, các khóa TOML (title = \"…\" …), rồi một dòng `+++` nữa",
                    "start the file with a line `+++`, its TOML keys (title = \"…\" …), and another line `+++`",
                ),
            )
        };
        Error::Syntax {
            pos: Position::file(path),
            message,
            hint,
        }
    })?;
    file.offset = start;
    let front: F = file.parse(&file.text[start..end])?;
    let body = file.text[body_start..].to_string();
    let body_pos = Position::at(path, &file.text, body_start);
    Ok(Document {
        file,
        slug,
        front,
        body,
        body_pos,
    })
}

/// Byte ranges of the front matter and the start of the body, or None without `+++` fences.
fn split_front_matter(text: &str) -> Option<(usize, usize, usize)> {
    let rest = text.strip_prefix("+++")?;
    let start = 3 + rest.find('\n')? + 1;
    if !text[3..start].trim().is_empty() {
        return None;
    }
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some((start, offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let text = "+++\ntitle = \"x\"\n+++\n# Body\n";
        let (s, e, b) = split_front_matter(text).unwrap();
        assert_eq!(&text[s..e], "title = \"x\"\n");
        assert_eq!(&text[b..], "# Body\n");
        assert!(split_front_matter("title = 1").is_none());
        assert!(split_front_matter("+++\ntitle = 1\n").is_none());
    }
}
