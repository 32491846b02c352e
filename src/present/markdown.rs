//! Markdown of plan texts to HTML, sanitised: editors' text never reaches a page as raw HTML.

use pulldown_cmark::{html, Options, Parser};

pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .add_generic_attributes(["id"])
        .clean(&out)
        .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn renders_tables_and_removes_scripts() {
        let html = super::to_html("## Mục tiêu\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script><b onclick=\"x()\">đậm</b>");
        assert!(html.contains("<h2>Mục tiêu</h2>"));
        assert!(html.contains("<table>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("onclick"));
        assert!(html.contains("<b>đậm</b>"));
    }
}
