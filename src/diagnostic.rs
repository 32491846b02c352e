//! Terminal reports of errors and warnings, in the manner of the Rust compiler: what is wrong,
//! where (file, line, column), the line of the file with the spot marked, and how to fix it, in
//! Vietnamese or English.

use crate::error::{Error, Position, Text, Warning};
use crate::present::format::Lang;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use std::collections::HashMap;
use std::path::PathBuf;

/// Errors shown for one file; the others are counted.
const SHOWN_PER_FILE: usize = 100;

/// Renders diagnostics, reading each file it quotes once.
pub struct Reporter {
    lang: Lang,
    renderer: Renderer,
    files: HashMap<PathBuf, Option<QuotedFile>>,
}

/// A file messages quote, with where each line starts: 200,000 messages on one file cost a
/// lookup each, not a walk through the file.
struct QuotedFile {
    text: String,
    line_starts: Vec<usize>,
}

impl QuotedFile {
    fn line(&self, number: usize) -> Option<&str> {
        let start = *self.line_starts.get(number.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(number)
            .map_or(self.text.len(), |&next| next - 1);
        let line = &self.text[start..end.max(start)];
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

impl Reporter {
    /// `styled` adds terminal colours; tests and files get plain text.
    pub fn new(lang: Lang, styled: bool) -> Reporter {
        Reporter {
            lang,
            renderer: if styled {
                Renderer::styled()
            } else {
                Renderer::plain()
            },
            files: HashMap::new(),
        }
    }

    fn pick<'t>(&self, text: &'t Text) -> &'t str {
        match self.lang {
            Lang::Vi => &text.vi,
            Lang::En => &text.en,
        }
    }

    /// One error: every single error inside it, each as its own report.
    pub fn error(&mut self, error: &Error) -> String {
        let mut out = String::new();
        // A file pasted twice or an export gone wrong gives thousands of the same message: the
        // first ones of each file are shown, the rest counted.
        let mut shown: HashMap<Option<&std::path::Path>, usize> = HashMap::new();
        let mut left: Vec<(Option<&std::path::Path>, usize)> = Vec::new();
        for e in error.flatten() {
            let file = e.position().map(|p| &*p.path);
            let count = shown.entry(file).or_default();
            *count += 1;
            if *count > SHOWN_PER_FILE {
                match left.iter_mut().find(|(f, _)| *f == file) {
                    Some((_, n)) => *n += 1,
                    None => left.push((file, 1)),
                }
                continue;
            }
            let parts = e.parts();
            let level = match self.lang {
                Lang::Vi => Level::ERROR.with_name("lỗi"),
                Lang::En => Level::ERROR,
            };
            let title = self.pick(&parts.title).to_string();
            let hint = self.pick(&parts.hint).to_string();
            out.push_str(&self.report(level, &title, e.position(), &hint));
            // A blank line between reports, as the Rust compiler leaves.
            out.push_str("\n\n");
        }
        for (file, n) in left {
            let file = file.map_or(String::new(), |f| f.display().to_string());
            out.push_str(&match self.lang {
                Lang::Vi => format!(
                    "… và {n} lỗi nữa trong {file} (mỗi tệp chỉ hiện {SHOWN_PER_FILE} lỗi đầu tiên)\n\n"
                ),
                Lang::En => format!(
                    "… and {n} more errors in {file} (the first {SHOWN_PER_FILE} of each file are shown)\n\n"
                ),
            });
        }
        out
    }

    pub fn warning(&mut self, warning: &Warning) -> String {
        let level = match self.lang {
            Lang::Vi => Level::WARNING.with_name("cảnh báo"),
            Lang::En => Level::WARNING,
        };
        let title = self.pick(&warning.message).to_string();
        self.report(level, &title, Some(&warning.pos), "")
    }

    /// The closing line: how many errors and warnings, and whether the site can be built.
    pub fn summary(&self, errors: usize, warnings: usize) -> String {
        match (self.lang, errors) {
            (Lang::Vi, 0) => format!("không có lỗi; {warnings} cảnh báo"),
            (Lang::Vi, n) => format!("{n} lỗi, {warnings} cảnh báo: chưa dựng được trang"),
            (Lang::En, 0) => format!("no errors; {}", plural(warnings, "warning")),
            (Lang::En, n) => format!(
                "{}, {}: the site cannot be built",
                plural(n, "error"),
                plural(warnings, "warning")
            ),
        }
    }

    fn report(
        &mut self,
        level: Level<'_>,
        title: &str,
        pos: Option<&Position>,
        hint: &str,
    ) -> String {
        let help = match self.lang {
            Lang::Vi => Level::HELP.with_name("gợi ý"),
            Lang::En => Level::HELP,
        };
        let mut group = Group::with_title(level.primary_title(title));
        if let Some(pos) = pos {
            // "./data/…" when the root is ".": said as the editor knows it, "data/…".
            let path = pos.path.display().to_string();
            let path = path.strip_prefix("./").unwrap_or(&path).to_string();
            match self.line(pos) {
                Some((line, span)) => {
                    group = group.element(
                        Snippet::source(line)
                            .line_start(pos.line)
                            .path(path)
                            .annotation(AnnotationKind::Primary.span(span)),
                    );
                }
                None => {
                    group = group.element(
                        Origin::path(path)
                            .line(pos.line)
                            .char_column(pos.column.saturating_sub(1)),
                    );
                }
            }
        }
        if !hint.is_empty() {
            group = group.element(help.message(hint));
        }
        self.renderer.render(&[group])
    }

    /// The line a position is on and the byte span, within it, of the token it points at.
    fn line(&mut self, pos: &Position) -> Option<(String, std::ops::Range<usize>)> {
        let file = self
            .files
            .entry(pos.path.to_path_buf())
            .or_insert_with(|| {
                let text = std::fs::read_to_string(&pos.path).ok()?;
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
                let line_starts = std::iter::once(0)
                    .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                    .collect();
                Some(QuotedFile { text, line_starts })
            })
            .as_ref()?;
        let line = file.line(pos.line)?;
        let start = line
            .char_indices()
            .nth(pos.column.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i);
        // In a CSV file a cell runs to the separator, spaces and commas included.
        let stops = if pos.path.extension().is_some_and(|e| e == "csv") {
            if line.contains(';') {
                ";"
            } else {
                ","
            }
        } else {
            ",;]}#= \t"
        };
        Some((line.to_string(), token(line, start, stops)))
    }
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The span of the token starting at `start`: a quoted string with its quotes, or a run of
/// characters up to a space or a separator. Marks one place at the end of a line.
fn token(line: &str, start: usize, stops: &str) -> std::ops::Range<usize> {
    let rest = &line[start..];
    let len = if let Some(inner) = rest.strip_prefix('"') {
        inner.find('"').map_or(rest.len(), |i| i + 2)
    } else {
        rest.find(|c: char| stops.contains(c)).unwrap_or(rest.len())
    };
    let len = if len == 0 {
        rest.chars().next().map_or(0, char::len_utf8)
    } else {
        len
    };
    start..start + len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_the_token_at_the_position_in_either_language() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2019.toml");
        std::fs::write(&path, "year = 2019\n[[figure]]\nregion = \"vn-xx\"\n").unwrap();
        let error = Error::UnknownRegion {
            pos: Position {
                path: path.clone().into(),
                line: 3,
                column: 10,
            },
            code: "vn-xx".into(),
            suggestion: crate::error::Suggestion(Some("vn".into())),
        };
        let vi = Reporter::new(Lang::Vi, false).error(&error);
        assert!(vi.starts_with("lỗi: không có vùng `vn-xx`"), "{vi}");
        assert!(vi.contains("2019.toml:3:10"), "{vi}");
        assert!(vi.contains("3 | region = \"vn-xx\""), "{vi}");
        // The caret run covers the quoted code, quotes included, under the right column.
        let marks = vi.lines().find(|l| l.contains('^')).unwrap();
        assert_eq!(marks.find('^').unwrap() - marks.find('|').unwrap(), 11);
        assert_eq!(marks.matches('^').count(), "\"vn-xx\"".len());
        assert!(vi.contains("gợi ý: dùng một `code`"), "{vi}");
        assert!(vi.contains("có phải ý bạn là `vn`?"), "{vi}");
        let en = Reporter::new(Lang::En, false).error(&error);
        assert!(en.starts_with("error: unknown region `vn-xx`"), "{en}");
        assert!(en.contains("help: use a `code` declared in data/regions.toml; did you mean `vn`?"));
    }

    #[test]
    fn tokens_stop_at_separators() {
        let toml = ",;]}#= \t";
        assert_eq!(token("actual = 12.072.860", 9, toml), 9..19);
        assert_eq!(token("x = ", 4, toml), 4..4);
        assert_eq!(token("k = \"a b\" # c", 4, toml), 4..9);
        // A CSV cell runs to its separator.
        assert_eq!(token("vn;bhxh;2.400.000,5 ;x", 8, ";"), 8..20);
    }
}
