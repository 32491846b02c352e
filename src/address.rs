//! The rules for addresses an editor writes or a file name gives: links (one rule for every
//! URL in the inputs) and slugs (one rule for every address made from a file name).

use crate::error::Text;

/// First path segments and names the site's own files use: a plan or page cannot take them.
pub const RESERVED_SLUGS: &[&str] = &[
    "index",
    "404",
    "en",
    "static",
    "fonts",
    "vung",
    "chi-tieu",
    "ke-hoach",
    "phuong-phap",
    "du-lieu",
    "tim-kiem",
    "nhung",
    "atom",
    "sitemap",
    "robots",
    "favicon",
    "manifest",
    "chia-se",
    "so-lieu",
    "muc-tieu",
    "bao-cao",
];

/// Why a link an editor wrote cannot be put on a page, if it cannot. Web addresses (http,
/// https), e-mail addresses (mailto) and addresses relative to the site are links; anything
/// else (`javascript:`, `data:`, `file:`, an address of another host without its scheme) is not.
pub fn link_problem(url: &str) -> Option<Text> {
    if url.is_empty() {
        return Some(Text::new("địa chỉ trống", "the address is empty"));
    }
    // Browsers drop tabs and line breaks inside an address: `java\tscript:` is `javascript:`.
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(Text::new(
            "địa chỉ không được có dấu cách hay ký tự điều khiển (dấu cách viết là %20)",
            "an address has no spaces or control characters (write a space as %20)",
        ));
    }
    if url.starts_with("//") || url.starts_with("\\\\") || url.starts_with("/\\") {
        return Some(Text::new(
            "ghi đầy đủ địa chỉ, bắt đầu bằng https://",
            "write the full address, starting with https://",
        ));
    }
    match scheme(url) {
        None => None,
        Some(s) if ["http", "https"].contains(&s.as_str()) => {
            let host = url[s.len() + 1..].strip_prefix("//").unwrap_or("");
            host.split(['/', '?', '#'])
                .next()
                .is_none_or(str::is_empty)
                .then(|| {
                    Text::new(
                        "địa chỉ web thiếu tên miền, ví dụ https://baohiemxahoi.gov.vn/…",
                        "the web address has no host, e.g. https://baohiemxahoi.gov.vn/…",
                    )
                })
        }
        Some(s) if s == "mailto" => None,
        Some(s) => Some(Text::new(
            format!("không dùng được địa chỉ kiểu `{s}:`; chỉ https://, http://, mailto: hoặc đường dẫn trong trang"),
            format!("`{s}:` addresses cannot be used; only https://, http://, mailto: or a path within the site"),
        )),
    }
}

/// The scheme of an address, lower-cased, if it has one (`HTTPS://…` → `https`).
fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let name = &url[..colon];
    // A colon after a slash, `?` or `#` is inside a relative path or query, not a scheme.
    let mut chars = name.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| name.to_ascii_lowercase())
}

/// Why a file name (without its extension) cannot be the address of the page made from it,
/// with the name to use instead.
pub fn slug_problem(name: &str) -> Option<(Text, Text)> {
    let valid = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    if valid && !RESERVED_SLUGS.contains(&name) {
        return None;
    }
    let suggestion = crate::text::slug(name);
    let suggestion = if suggestion.is_empty() || RESERVED_SLUGS.contains(&suggestion.as_str()) {
        format!(
            "{}-1",
            if suggestion.is_empty() {
                "trang"
            } else {
                &suggestion
            }
        )
    } else {
        suggestion
    };
    let message = Text::new(
        format!("tên tệp `{name}` không dùng được làm địa chỉ trang"),
        format!("the file name `{name}` cannot be a page's address"),
    );
    let hint = Text::new(
        format!("đổi tên tệp thành `{suggestion}.md`: chữ thường không dấu, chữ số và `-`, khác với {}", RESERVED_SLUGS.join(", ")),
        format!("rename the file `{suggestion}.md`: lower-case letters without accents, digits and `-`, other than {}", RESERVED_SLUGS.join(", ")),
    );
    Some((message, hint))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_web_mail_or_relative_only() {
        for good in [
            "https://baohiemxahoi.gov.vn/a?b=1#c",
            "HTTP://example.org",
            "mailto:bbt@vss.gov.vn",
            "/ke-hoach/",
            "../du-lieu/bao-phu.csv",
            "giay-phep.html",
            "#muc-tieu",
            "?q=1",
            "a/b:c",
        ] {
            assert!(link_problem(good).is_none(), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "java\tscript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "file:///etc/passwd",
            "//evil.example/x",
            "https://",
            "https:///path",
            "",
        ] {
            assert!(link_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn slugs_are_lower_case_ascii_and_not_the_site_s_own() {
        assert!(slug_problem("huong-hoa-2020").is_none());
        assert!(slug_problem("1279-kh-bhxh-2017").is_none());
        for bad in [
            "..",
            "",
            ".",
            "Ke Hoach",
            "a b",
            "\">x",
            "..\\..\\x",
            "%2e%2e",
            "nhung",
            "index",
            "static",
            "404",
            "-a",
            "a-",
            "kế-hoạch",
        ] {
            assert!(slug_problem(bad).is_some(), "{bad:?}");
        }
        let (_, hint) = slug_problem("Kế Hoạch 2020").unwrap();
        assert!(hint.en.contains("`ke-hoach-2020.md`"), "{}", hint.en);
        let (_, hint) = slug_problem("nhung").unwrap();
        assert!(hint.en.contains("`nhung-1.md`"), "{}", hint.en);
    }
}
