//! Regions: the administrative units (Region, Level, Date), read from `data/regions.toml` and
//! checked as a tree that changes over time.

use super::check::{untranslated, Checker};
use super::RegionIdx;
use crate::error::Text;
use crate::load::data;
use rustc_hash::FxHashMap;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Nation,
    Province,
    District,
    Commune,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    /// Vietnamese order, as on every page: 31/12/2019.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{}", self.day, self.month, self.year)
    }
}

#[derive(Debug, Clone)]
pub struct Region {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub level: Level,
    /// The GSO code of the unit ("44"), empty when not given: how maps and national
    /// statistics know it.
    pub gso: String,
    pub parent: Option<RegionIdx>,
    pub children: Vec<RegionIdx>,
    pub from: Option<Date>,
    pub until: Option<Date>,
    pub became: Vec<RegionIdx>,
    /// Units that ceased and became (part of) this one.
    pub formed_from: Vec<RegionIdx>,
    pub note_vi: String,
    pub note_en: String,
}

pub(super) fn date(d: &Option<toml::value::Datetime>) -> Option<Date> {
    d.as_ref()?.date.map(|d| Date {
        year: d.year,
        month: d.month,
        day: d.day,
    })
}

impl Level {
    /// The level's name in the data files and the configuration.
    pub fn key(self) -> &'static str {
        LEVELS
            .iter()
            .find(|(_, l)| *l == self)
            .map_or("", |(k, _)| k)
    }
}

/// The levels' names in the data files and the configuration, from the top.
pub const LEVELS: &[(&str, Level)] = &[
    ("nation", Level::Nation),
    ("province", Level::Province),
    ("district", Level::District),
    ("commune", Level::Commune),
];

/// The regions as declared, each linked to its parent's children and to the units it was
/// formed from.
pub(super) fn regions(c: &mut Checker, raw: &data::Loaded<data::RegionsFile>) -> Vec<Region> {
    let rf = &raw.file;
    let mut regions = Vec::new();
    for r in &raw.data.region {
        let level = c
            .keyword(&r.level, rf, "level", LEVELS)
            .unwrap_or(Level::Commune);
        let parent = r.parent.as_ref().and_then(|p| c.region(p, rf));
        let became = r.became.iter().filter_map(|b| c.region(b, rf)).collect();
        if r.name_en.is_empty() {
            c.warnings.push(untranslated(
                rf.pos(&r.code.span()),
                "region",
                r.code.get_ref(),
            ));
        }
        regions.push(Region {
            code: r.code.get_ref().clone(),
            name_vi: r.name_vi.clone(),
            name_en: r.name_en.clone(),
            level,
            gso: r
                .gso
                .as_ref()
                .map(|g| g.get_ref().clone())
                .unwrap_or_default(),
            parent,
            children: Vec::new(),
            from: date(&r.from),
            until: date(&r.until),
            became,
            formed_from: Vec::new(),
            note_vi: r.note_vi.clone(),
            note_en: r.note_en.clone(),
        });
    }
    check_region_tree(c, &regions, raw);
    check_gso_codes(c, &regions, raw);
    for i in 0..regions.len() {
        if let Some(p) = regions[i].parent {
            regions[p.0].children.push(RegionIdx(i));
        }
        for b in regions[i].became.clone() {
            regions[b.0].formed_from.push(RegionIdx(i));
        }
    }
    regions
}

/// A GSO code is digits, and no two units that exist on the same day share one (a new unit
/// may keep the code of one it was formed from, as the 2025 provinces do).
fn check_gso_codes(c: &mut Checker, regions: &[Region], raw: &data::Loaded<data::RegionsFile>) {
    let mut by_code: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, (region, r)) in regions.iter().zip(&raw.data.region).enumerate() {
        let Some(g) = &r.gso else { continue };
        let code = g.get_ref();
        if code.is_empty() || code.len() > 5 || !code.bytes().all(|b| b.is_ascii_digit()) {
            c.invalid(
                &raw.file,
                g.span(),
                Text::new(
                    format!("mã GSO `{code}` không phải một dãy chữ số"),
                    format!("the GSO code `{code}` is not a string of digits"),
                ),
                Text::new(
                    "ghi mã theo danh mục đơn vị hành chính của Tổng cục Thống kê, trong ngoặc kép để giữ số 0 đầu: `gso = \"01\"`",
                    "write the code from the GSO list of administrative units, quoted to keep its leading zero: `gso = \"01\"`",
                ),
            );
            continue;
        }
        for &j in by_code.get(code.as_str()).into_iter().flatten() {
            let other = &regions[j];
            // Periods [from, until] overlap unless one ends before the other begins.
            let apart = region.until.zip(other.from).is_some_and(|(u, f)| u < f)
                || other.until.zip(region.from).is_some_and(|(u, f)| u < f);
            if !apart && region.level == other.level {
                c.invalid(
                    &raw.file,
                    g.span(),
                    Text::new(
                        format!("mã GSO `{code}` đã dùng cho `{}`, cùng tồn tại một thời gian", other.code),
                        format!("the GSO code `{code}` is already `{}`'s, and both exist at one time", other.code),
                    ),
                    Text::new(
                        "mỗi mã chỉ thuộc một đơn vị vào một thời điểm; đơn vị mới dùng lại mã của đơn vị cũ thì ghi `until` cho đơn vị cũ và `from` cho đơn vị mới",
                        "a code belongs to one unit at a time; for a new unit reusing an old unit's code, give the old one `until` and the new one `from`",
                    ),
                );
            }
        }
        by_code.entry(code.as_str()).or_default().push(i);
    }
}

/// A parent must be a unit of a higher level (which also rules out cycles), and a unit that
/// ceased must say what it became only with an end date.
fn check_region_tree(c: &mut Checker, regions: &[Region], raw: &data::Loaded<data::RegionsFile>) {
    for (i, (region, r)) in regions.iter().zip(&raw.data.region).enumerate() {
        if let (Some(p), Some(span)) = (region.parent, r.parent.as_ref()) {
            if regions[p.0].level >= region.level {
                c.invalid(
                    &raw.file,
                    span.span(),
                    Text::new(
                        format!(
                            "`{}` không thể là cấp trên của `{}`: cấp trên phải ở cấp cao hơn",
                            regions[p.0].code, region.code
                        ),
                        format!(
                            "`{}` cannot be the parent of `{}`: a parent must be of a higher level",
                            regions[p.0].code, region.code
                        ),
                    ),
                    Text::new(
                        "các cấp là toàn quốc > tỉnh > huyện > xã",
                        "the levels are nation > province > district > commune",
                    ),
                );
            }
        }
        if region.became.contains(&RegionIdx(i)) {
            c.invalid(
                &raw.file,
                r.code.span(),
                Text::new(
                    format!("`{}` không thể trở thành chính nó", region.code),
                    format!("`{}` cannot become itself", region.code),
                ),
                Text::new(
                    "liệt kê các đơn vị mà nó được sáp nhập vào",
                    "list the units it became part of",
                ),
            );
        }
        if !region.became.is_empty() && region.until.is_none() {
            c.invalid(
                &raw.file,
                r.code.span(),
                Text::new(
                    format!(
                        "`{}` ghi đơn vị kế thừa nhưng không có ngày `until`",
                        region.code
                    ),
                    format!(
                        "`{}` lists what it became but has no `until` date",
                        region.code
                    ),
                ),
                Text::new(
                    "thêm `until = YYYY-MM-DD`, ngày cuối cùng đơn vị còn tồn tại",
                    "add `until = YYYY-MM-DD`, the last day the unit existed",
                ),
            );
        }
        if let (Some(from), Some(until)) = (region.from, region.until) {
            if from > until {
                c.invalid(
                    &raw.file,
                    r.code.span(),
                    Text::new(
                        format!("`{}` kết thúc trước khi bắt đầu", region.code),
                        format!("`{}` ends before it starts", region.code),
                    ),
                    Text::new("kiểm tra `from` và `until`", "check `from` and `until`"),
                );
            }
        }
    }
}
