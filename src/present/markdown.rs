//! Markdown of plan texts to HTML, sanitised: editors' text never reaches a page as raw HTML.

use pulldown_cmark::{html, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// `table_label` names each table's scrolling region, with `{n}` its number on the page.
pub fn to_html(markdown: &str, table_label: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events: Vec<Event> = Parser::new_ext(markdown, options).collect();
    // The page title is the only h1: the text's own headings start at h2.
    let top = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    let shift = 2usize.saturating_sub(top);
    let demote = |level: HeadingLevel| {
        HeadingLevel::try_from((level as usize + shift).min(6)).unwrap_or(HeadingLevel::H6)
    };
    let events = events.into_iter().map(|e| match e {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
        e => e,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    let clean = ammonia::Builder::default()
        .add_generic_attributes(["id"])
        .clean(&out)
        .to_string();
    wrap_tables(&clean, table_label)
}

/// Each table in a region of its own that scrolls sideways on a phone, reachable by keyboard.
fn wrap_tables(html: &str, label: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut n = 0;
    while let Some(start) = rest.find("<table>") {
        n += 1;
        out.push_str(&rest[..start]);
        out.push_str(&format!(
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table>",
            super::escape(&label.replace("{n}", &n.to_string()))
        ));
        rest = &rest[start + "<table>".len()..];
        match rest.find("</table>") {
            Some(end) => {
                out.push_str(&rest[..end + "</table>".len()]);
                out.push_str("</div>");
                rest = &rest[end + "</table>".len()..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn renders_tables_and_removes_scripts() {
        let html = super::to_html("## Mục tiêu\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script><b onclick=\"x()\">đậm</b>", "Bảng {n}");
        assert!(html.contains("<h2>Mục tiêu</h2>"));
        assert!(html.contains("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Bảng 1\"><table>"));
        assert!(html.contains("</table></div>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("onclick"));
        assert!(html.contains("<b>đậm</b>"));
    }

    #[test]
    fn headings_start_below_the_page_title() {
        let html = super::to_html("# Một\n\n## Hai\n", "");
        assert!(
            html.contains("<h2>Một</h2>") && html.contains("<h3>Hai</h3>"),
            "{html}"
        );
        assert!(super::to_html("### Ba\n", "").contains("<h3>Ba</h3>"));
    }
}
