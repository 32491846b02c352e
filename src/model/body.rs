//! The texts of plans and pages (markdown): what they may hold. Links follow the one rule for
//! addresses, nesting stays shallow enough to render in linear time, and no raw HTML element
//! that would swallow or run the rest of the page (`<style>`, `<script>`…) gets through.

use super::check::Checker;
use crate::error::{Error, Position, Text};
use pulldown_cmark::{Event, Options, Parser, Tag};

/// Lists and quotes inside each other, and raw HTML elements inside each other, at most. Real
/// texts nest a few levels; HTML parsers slow down with the square of the depth.
const MAX_DEPTH: usize = 32;

/// Raw-text elements: an unclosed one takes the rest of the page as its content.
const RAW_TEXT: &[&str] = &[
    "style",
    "script",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noscript",
    "noembed",
    "noframes",
    "plaintext",
    "template",
    "object",
    "embed",
];

/// Elements without content: they open nothing.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Checks a text whose first byte is at `start`; problems go to `c`.
pub(super) fn check(c: &mut Checker, body: &str, start: &Position) {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut depth = 0usize;
    let mut html_depth = 0usize;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let at = |offset: usize| start.within(body, offset);
        match event {
            Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    c.errors.push(too_deep(at(range.start)));
                    return;
                }
            }
            Event::End(pulldown_cmark::TagEnd::List(_) | pulldown_cmark::TagEnd::BlockQuote(_)) => {
                depth = depth.saturating_sub(1)
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                if let Some(hint) = crate::address::link_problem(&dest_url) {
                    let offset = body[range.clone()]
                        .find(dest_url.as_ref())
                        .map_or(range.start, |i| range.start + i);
                    c.errors.push(Error::Invalid {
                        pos: at(offset),
                        message: Text::new(
                            format!("liên kết `{dest_url}` không dùng được"),
                            format!("the link `{dest_url}` cannot be used"),
                        ),
                        hint,
                    });
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for (offset, name, closing) in tags(&html) {
                    let pos = || at(range.start + offset);
                    if !closing && RAW_TEXT.contains(&name.as_str()) {
                        c.errors.push(raw_text(pos(), &name));
                        return;
                    }
                    if closing {
                        html_depth = html_depth.saturating_sub(1);
                    } else if !VOID.contains(&name.as_str()) {
                        html_depth += 1;
                        if html_depth > MAX_DEPTH {
                            c.errors.push(too_deep(pos()));
                            return;
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// The tags in a piece of raw HTML: (offset, lower-case name, whether it closes).
fn tags(html: &str) -> Vec<(usize, String, bool)> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    for (i, _) in html.match_indices('<') {
        let closing = bytes.get(i + 1) == Some(&b'/');
        let from = i + 1 + usize::from(closing);
        let name: String = html[from..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
            continue;
        }
        // `<br/>`, `<x />`: closed where it opens.
        let self_closing = html[from..]
            .find('>')
            .is_some_and(|end| html[from..from + end].ends_with('/'));
        if !self_closing {
            out.push((i, name, closing));
        }
    }
    out
}

fn too_deep(pos: Position) -> Error {
    Error::Invalid {
        pos,
        message: Text::new(
            format!("văn bản lồng nhau quá {MAX_DEPTH} cấp (danh sách, trích dẫn hoặc thẻ HTML)"),
            format!(
                "the text nests more than {MAX_DEPTH} levels deep (lists, quotes or HTML tags)"
            ),
        ),
        hint: Text::new(
            "bỏ bớt các cấp lồng nhau: một danh sách trong danh sách vài cấp là đủ",
            "flatten the nesting: a few levels of lists within lists are enough",
        ),
    }
}

fn raw_text(pos: Position, name: &str) -> Error {
    Error::Invalid {
        pos,
        message: Text::new(
            format!("văn bản không được chứa thẻ HTML `<{name}>`"),
            format!("a text cannot hold the HTML element `<{name}>`"),
        ),
        hint: Text::new(
            "xóa thẻ này: trang không chạy mã hay kiểu trình bày viết trong văn bản, và một thẻ chưa đóng sẽ nuốt phần còn lại của trang",
            "remove the element: pages run no code or styles written in texts, and an unclosed one would swallow the rest of the page",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_found_with_their_kind() {
        let found = tags("<div class=x><br/><B>a</b></DIV><!-- c --> 1 < 2");
        let names: Vec<(String, bool)> = found.into_iter().map(|(_, n, c)| (n, c)).collect();
        assert_eq!(
            names,
            [
                ("div".to_string(), false),
                ("b".to_string(), false),
                ("b".to_string(), true),
                ("div".to_string(), true)
            ]
        );
    }
}
