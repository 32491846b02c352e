//! Text helpers shared by the stages: folding Vietnamese letters to ASCII for matching.

/// Lower-cases `s` and removes Vietnamese diacritics: "Hướng Hóa" → "huong hoa", "Đ" → "d".
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(base_letter)
        .collect()
}

fn base_letter(c: char) -> char {
    const GROUPS: [(&str, char); 7] = [
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ìíỉĩị", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ùúủũụưừứửữự", 'u'),
        ("ỳýỷỹỵ", 'y'),
        ("đ", 'd'),
    ];
    GROUPS
        .iter()
        .find(|(letters, _)| letters.contains(c))
        .map_or(c, |(_, base)| *base)
}

/// A URL-style code from a name: "Hướng Hóa" → "huong-hoa".
pub fn slug(s: &str) -> String {
    fold(s)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// A number for a message, its thousands grouped as the language writes them: 206810 →
/// "206.810" (Vietnamese, `vi`) or "206,810" (English); a decimal one with its decimal mark.
pub fn number(value: f64, vi: bool) -> String {
    let (group, decimal) = if vi { ('.', ',') } else { (',', '.') };
    let plain = format!("{}", value.abs());
    let (whole, fraction) = plain.split_once('.').unwrap_or((&plain, ""));
    let mut out = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(decimal);
        out.push_str(fraction);
    }
    if value < 0.0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_messages_are_grouped() {
        assert_eq!(number(206810.0, true), "206.810");
        assert_eq!(number(206810.0, false), "206,810");
        assert_eq!(number(16200000.0, true), "16.200.000");
        assert_eq!(number(-1234.5, true), "-1.234,5");
        assert_eq!(number(999.0, false), "999");
    }

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Hướng Hóa"), "huong hoa");
        assert_eq!(fold("ĐẮK LẮK"), "dak lak");
        assert_eq!(fold("Quảng Trị"), "quang tri");
        assert_eq!(
            slug("Hải Dương (trước 1/7/2025)"),
            "hai-duong-truoc-1-7-2025"
        );
    }
}
