//! Typed errors and warnings: every problem names its kind, its file and its position.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A place in an input file: 1-based line and column (column counted in characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// Shared with the file's other positions: a national site keeps one per figure.
    pub path: Arc<Path>,
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text`, which was read from `path`.
    /// The place of `offset` in `text`, a text that starts at this position (a plan's body).
    pub fn within(&self, text: &str, offset: usize) -> Position {
        let at = Position::at(&self.path, text, offset);
        Position {
            path: self.path.clone(),
            line: self.line + at.line - 1,
            column: if at.line == 1 {
                self.column + at.column - 1
            } else {
                at.column
            },
        }
    }

    pub fn at(path: &Path, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position {
            path: Arc::from(path),
            line,
            column,
        }
    }

    /// The start of a file, for problems that concern a whole file.
    pub fn file(path: &Path) -> Position {
        Position {
            path: Arc::from(path),
            line: 1,
            column: 1,
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// A message in both languages of the site. The terminal shows one of them (`--lang`); the
/// English one is the `Display` form, used in logs and tests.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Text {
    // Boxed, not `String`: errors stay small enough to pass around by value.
    pub vi: Box<str>,
    pub en: Box<str>,
}

impl Text {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            vi: vi.into().into_boxed_str(),
            en: en.into().into_boxed_str(),
        }
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// One problem that stops a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: cannot read or write: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{pos}: error: {message}\n  hint: {hint}")]
    Syntax {
        pos: Position,
        message: Text,
        hint: Text,
    },
    #[error("{pos}: error: {}\n  hint: {}", self.parts().title, self.parts().hint)]
    UnknownRegion {
        pos: Position,
        code: String,
        suggestion: Suggestion,
    },
    #[error("{pos}: error: {}\n  hint: {}", self.parts().title, self.parts().hint)]
    UnknownSeries {
        pos: Position,
        name: String,
        suggestion: Suggestion,
    },
    #[error("{pos}: error: {}\n  hint: {}", self.parts().title, self.parts().hint)]
    UnknownIndicator {
        pos: Position,
        id: String,
        suggestion: Suggestion,
    },
    #[error("{pos}: error: {}\n  hint: {}", self.parts().title, self.parts().hint)]
    UnknownSource {
        pos: Position,
        id: String,
        suggestion: Suggestion,
    },
    #[error("{pos}: error: {}\n  hint: {}", self.parts().title, self.parts().hint)]
    DuplicateFigure {
        pos: Position,
        region: String,
        series: String,
        year: i32,
        first: Box<Position>,
    },
    #[error("{pos}: error: {}\n  hint: {}", self.parts().title, self.parts().hint)]
    DuplicateId {
        pos: Position,
        kind: &'static str,
        id: String,
        first: Box<Position>,
    },
    #[error("{pos}: error: {}\n  hint: {}", self.parts().title, self.parts().hint)]
    NegativeCount {
        pos: Position,
        series: String,
        value: f64,
    },
    #[error("{pos}: error: {message}\n  hint: {hint}")]
    Invalid {
        pos: Position,
        message: Text,
        hint: Text,
    },
    /// A command line that cannot be used (exit code 2).
    #[error("error: {message}\n  hint: {hint}")]
    Usage { message: Text, hint: Text },
    #[error("{pos}: error: in a theme template: {message}\n  hint: the theme's templates use minijinja (Jinja2) syntax; check this line")]
    Template { pos: Position, message: String },
    /// A share image could not be drawn: a fault in baophu, not in the site's files.
    #[error("error: cannot draw the share image {page}: {message}\n  hint: this is a bug in baophu; please report it with the page named here")]
    ShareImage { page: String, message: String },
    #[error("{} errors:\n{}", .0.len(), list(.0))]
    Many(Vec<Error>),
}

/// An error told in parts, in both languages: what is wrong, what to do about it.
pub struct Parts {
    pub title: Text,
    pub hint: Text,
}

fn list(errors: &[Error]) -> String {
    errors
        .iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// "Did you mean …?" text appended to a hint, or nothing.
#[derive(Debug, Clone, Default)]
pub struct Suggestion(pub Option<String>);

impl fmt::Display for Suggestion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(s) => write!(f, "; did you mean `{s}`?"),
            None => Ok(()),
        }
    }
}

impl Suggestion {
    /// The hint's ending in each language.
    fn vi(&self) -> String {
        self.0
            .as_ref()
            .map_or(String::new(), |s| format!("; có phải ý bạn là `{s}`?"))
    }

    /// The closest of `candidates` to `name`, if it is close enough to be a likely typo.
    /// An id written without its ending (`kh-huong-hoa` for `kh-huong-hoa-2020`) is close too.
    pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Suggestion {
        let candidates: Vec<&str> = candidates.collect();
        let best = candidates
            .iter()
            .map(|c| (edit_distance(name, c), *c))
            .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
        if let Some((_, c)) = best.filter(|(d, _)| *d <= 2.max(name.chars().count() / 3)) {
            return Suggestion(Some(c.to_string()));
        }
        let shortened = candidates
            .iter()
            .filter(|c| name.chars().count() >= 3 && (c.starts_with(name) || name.starts_with(**c)))
            .min_by(|a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
        Suggestion(shortened.map(|c| c.to_string()))
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// What the site declares, named in Vietnamese for messages in Vietnamese.
pub fn kind_vi(kind: &str) -> &str {
    match kind {
        "region" => "vùng",
        "series" => "dãy số liệu",
        "indicator" => "chỉ tiêu",
        "source" => "nguồn",
        "plan" => "kế hoạch",
        other => other,
    }
}

impl Error {
    /// What is wrong and what to do about it, in both languages.
    pub fn parts(&self) -> Parts {
        let (title, hint) = match self {
            Error::Io { path, source } => (
                Text::new(
                    format!("không đọc hoặc ghi được {}: {source}", path.display()),
                    format!("cannot read or write {}: {source}", path.display()),
                ),
                Text::new(
                    "kiểm tra tệp hoặc thư mục có tồn tại và được phép đọc, ghi",
                    "check that the file or folder exists and may be read and written",
                ),
            ),
            Error::Syntax { message, hint, .. }
            | Error::Invalid { message, hint, .. }
            | Error::Usage { message, hint } => (message.clone(), hint.clone()),
            Error::UnknownRegion {
                code, suggestion, ..
            } => (
                Text::new(
                    format!("không có vùng `{code}`"),
                    format!("unknown region `{code}`"),
                ),
                Text::new(
                    format!(
                        "dùng một `code` khai báo trong data/regions.toml{}",
                        suggestion.vi()
                    ),
                    format!("use a `code` declared in data/regions.toml{suggestion}"),
                ),
            ),
            Error::UnknownSeries {
                name, suggestion, ..
            } => (
                Text::new(
                    format!("không có dãy số liệu `{name}`"),
                    format!("unknown series `{name}`"),
                ),
                Text::new(
                    format!(
                        "dùng một `id` khai báo trong data/series.toml{}",
                        suggestion.vi()
                    ),
                    format!("use an `id` declared in data/series.toml{suggestion}"),
                ),
            ),
            Error::UnknownIndicator { id, suggestion, .. } => (
                Text::new(
                    format!("không có chỉ tiêu `{id}`"),
                    format!("unknown indicator `{id}`"),
                ),
                Text::new(
                    format!(
                        "dùng một `id` khai báo trong data/indicators.toml{}",
                        suggestion.vi()
                    ),
                    format!("use an `id` declared in data/indicators.toml{suggestion}"),
                ),
            ),
            Error::UnknownSource { id, suggestion, .. } => (
                Text::new(
                    format!("không có nguồn `{id}`"),
                    format!("unknown source `{id}`"),
                ),
                Text::new(
                    format!(
                        "dùng một `id` khai báo trong data/sources.toml, hoặc khai báo nguồn mới ở đó{}",
                        suggestion.vi()
                    ),
                    format!("use an `id` declared in data/sources.toml, or declare the new source there{suggestion}"),
                ),
            ),
            Error::DuplicateFigure {
                region,
                series,
                year,
                first,
                ..
            } => (
                Text::new(
                    format!("số liệu trùng: vùng `{region}`, dãy `{series}`, năm {year}; đã có ở {first}"),
                    format!("duplicate figure for region `{region}`, series `{series}`, year {year}; first given at {first}"),
                ),
                Text::new("giữ lại một trong hai số liệu", "keep one of the two"),
            ),
            Error::DuplicateId { kind, id, first, .. } => (
                Text::new(
                    format!("mã `{id}` bị trùng ({}); đã khai báo ở {first}", kind_vi(kind)),
                    format!("duplicate {kind} id `{id}`; first declared at {first}"),
                ),
                Text::new(
                    "mỗi mục cần một mã riêng",
                    format!("every {kind} needs its own id"),
                ),
            ),
            Error::NegativeCount { series, value, .. } => (
                Text::new(
                    format!("số âm {value} cho dãy `{series}`"),
                    format!("negative count {value} for series `{series}`"),
                ),
                Text::new(
                    "số người hay số đơn vị không thể nhỏ hơn 0; kiểm tra dấu",
                    "a count of people or units cannot be below zero; check the sign",
                ),
            ),
            Error::Template { message, .. } => (
                Text::new(
                    format!("lỗi trong mẫu giao diện: {message}"),
                    format!("in a theme template: {message}"),
                ),
                Text::new(
                    "mẫu giao diện dùng cú pháp minijinja (Jinja2); kiểm tra dòng này",
                    "the theme's templates use minijinja (Jinja2) syntax; check this line",
                ),
            ),
            Error::ShareImage { page, message } => (
                Text::new(
                    format!("không vẽ được ảnh chia sẻ {page}: {message}"),
                    format!("cannot draw the share image {page}: {message}"),
                ),
                Text::new(
                    "đây là lỗi của baophu; hãy báo lỗi kèm tên trang này",
                    "this is a bug in baophu; please report it with the page named here",
                ),
            ),
            Error::Many(errors) => (
                Text::new(
                    format!("{} lỗi", errors.len()),
                    format!("{} errors", errors.len()),
                ),
                Text::default(),
            ),
        };
        Parts { title, hint }
    }

    /// Several errors as one, or the single error itself.
    pub fn from_many(mut errors: Vec<Error>) -> Error {
        if errors.len() == 1 {
            errors.pop().expect("one error")
        } else {
            Error::Many(errors)
        }
    }

    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Every single error inside this one.
    pub fn flatten(&self) -> Vec<&Error> {
        match self {
            Error::Many(v) => v.iter().flat_map(|e| e.flatten()).collect(),
            e => vec![e],
        }
    }

    /// Where the error is, when it concerns a place in an input file.
    pub fn position(&self) -> Option<&Position> {
        match self {
            Error::Syntax { pos, .. }
            | Error::UnknownRegion { pos, .. }
            | Error::UnknownSeries { pos, .. }
            | Error::UnknownIndicator { pos, .. }
            | Error::UnknownSource { pos, .. }
            | Error::DuplicateFigure { pos, .. }
            | Error::DuplicateId { pos, .. }
            | Error::NegativeCount { pos, .. }
            | Error::Invalid { pos, .. }
            | Error::Template { pos, .. } => Some(pos),
            _ => None,
        }
    }
}

/// A problem that does not stop the build but that the publisher must see.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    pub pos: Position,
    pub message: Text,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: warning: {}", self.pos, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_counts_lines_and_characters() {
        let text = "a = 1\nvùng = \"x\"\n";
        let offset = text.find('"').unwrap();
        let pos = Position::at(Path::new("f.toml"), text, offset);
        assert_eq!((pos.line, pos.column), (2, 8));
    }

    #[test]
    fn suggestion_finds_typos_only() {
        let ids = ["bhxh", "bhxh_tn", "lao_dong"];
        assert_eq!(
            Suggestion::closest("lao_dng", ids.iter().copied()).0,
            Some("lao_dong".into())
        );
        assert_eq!(Suggestion::closest("zzzzzzzz", ids.iter().copied()).0, None);
    }
}
