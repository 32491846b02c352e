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

#[cfg(test)]
mod tests {
    use super::*;

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
