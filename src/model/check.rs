//! The Checker: the declared id tables that every reference is resolved against, and the errors
//! and warnings one validation pass collects.

use super::{IndicatorIdx, RegionIdx, SeriesIdx, SourceIdx};
use crate::error::{Error, Position, Suggestion, Text, Warning};
use crate::load::{self, SourceFile};
// Keys are small indexes and ids the site itself declares: a fast hash, not one hardened against
// chosen keys, and the same order in every run.
use rustc_hash::FxHashMap;
use std::sync::Arc;
use toml::Spanned;

/// An id table that remembers where each id was declared.
pub(super) struct Ids<I> {
    pub(super) map: FxHashMap<String, (I, Position)>,
}

impl<I: Copy> Ids<I> {
    fn new() -> Self {
        Ids {
            map: FxHashMap::default(),
        }
    }
    fn declare(
        &mut self,
        kind: &'static str,
        id: &Spanned<String>,
        idx: I,
        file: &SourceFile,
        errors: &mut Vec<Error>,
    ) {
        let pos = file.pos(&id.span());
        // Ids become file names and addresses: nothing that could leave the output folder.
        let valid = id
            .get_ref()
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && id
                .get_ref()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !valid {
            errors.push(Error::Invalid {
                pos,
                message: Text::new(
                    format!(
                        "`{}` không phải mã hợp lệ ({})",
                        id.get_ref(),
                        crate::error::kind_vi(kind)
                    ),
                    format!("`{}` is not a valid {kind} id", id.get_ref()),
                ),
                hint: Text::new(
                    format!(
                        "dùng chữ thường không dấu, chữ số, `-` và `_`, ví dụ `{}`",
                        crate::text::slug(id.get_ref())
                    ),
                    format!(
                        "use lower-case letters without accents, digits, `-` and `_`, e.g. `{}`",
                        crate::text::slug(id.get_ref())
                    ),
                ),
            });
            return;
        }
        if let Some((_, first)) = self.map.get(id.get_ref()) {
            errors.push(Error::DuplicateId {
                pos,
                kind,
                id: id.get_ref().clone(),
                first: Box::new(first.clone()),
            });
        } else {
            self.map.insert(id.get_ref().clone(), (idx, pos));
        }
    }
    pub(super) fn get(&self, id: &str) -> Option<I> {
        self.map.get(id).map(|(i, _)| *i)
    }
    pub(super) fn names(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }
}

/// Collects the errors of one validation pass.
/// The declared ids are shared, so that files can be checked on several cores at once.
pub(super) struct Checker {
    pub(super) errors: Vec<Error>,
    pub(super) warnings: Vec<Warning>,
    pub(super) regions: Arc<Ids<RegionIdx>>,
    pub(super) series: Arc<Ids<SeriesIdx>>,
    pub(super) indicators: Arc<Ids<IndicatorIdx>>,
    pub(super) sources: Arc<Ids<SourceIdx>>,
}

impl Checker {
    /// A checker holding every declared id, with the errors found so far.
    pub(super) fn declare(input: &load::Input, mut errors: Vec<Error>) -> Checker {
        let rf = &input.regions.file;
        let mut region_ids = Ids::new();
        for (i, r) in input.regions.data.region.iter().enumerate() {
            region_ids.declare("region", &r.code, RegionIdx(i), rf, &mut errors);
        }
        let sf = &input.series.file;
        let mut series_ids = Ids::new();
        for (i, s) in input.series.data.series.iter().enumerate() {
            series_ids.declare("series", &s.id, SeriesIdx(i), sf, &mut errors);
        }
        let inf = &input.indicators.file;
        let mut indicator_ids = Ids::new();
        for (i, s) in input.indicators.data.indicator.iter().enumerate() {
            indicator_ids.declare("indicator", &s.id, IndicatorIdx(i), inf, &mut errors);
        }
        let srcf = &input.sources.file;
        let mut source_ids = Ids::new();
        for (i, s) in input.sources.data.source.iter().enumerate() {
            source_ids.declare("source", &s.id, SourceIdx(i), srcf, &mut errors);
        }
        Checker {
            errors,
            warnings: Vec::new(),
            regions: Arc::new(region_ids),
            series: Arc::new(series_ids),
            indicators: Arc::new(indicator_ids),
            sources: Arc::new(source_ids),
        }
    }
    /// A checker with the same ids and no problems yet, for work done beside this one.
    pub(super) fn fork(&self) -> Checker {
        Checker {
            errors: Vec::new(),
            warnings: Vec::new(),
            regions: Arc::clone(&self.regions),
            series: Arc::clone(&self.series),
            indicators: Arc::clone(&self.indicators),
            sources: Arc::clone(&self.sources),
        }
    }
    /// Takes over the problems a fork found, after those found so far.
    pub(super) fn join(&mut self, fork: Checker) {
        self.errors.extend(fork.errors);
        self.warnings.extend(fork.warnings);
    }
    pub(super) fn region(
        &mut self,
        code: &Spanned<String>,
        file: &SourceFile,
    ) -> Option<RegionIdx> {
        let found = self.regions.get(code.get_ref());
        if found.is_none() {
            // "Hướng Hóa" or "huong hoa" for `huong-hoa`: suggest by the code the name makes.
            let suggestion =
                Suggestion::closest(&crate::text::slug(code.get_ref()), self.regions.names());
            self.errors.push(Error::UnknownRegion {
                pos: file.pos(&code.span()),
                code: code.get_ref().clone(),
                suggestion,
            });
        }
        found
    }
    pub(super) fn indicator(
        &mut self,
        id: &Spanned<String>,
        file: &SourceFile,
    ) -> Option<IndicatorIdx> {
        let found = self.indicators.get(id.get_ref());
        if found.is_none() {
            self.errors.push(Error::UnknownIndicator {
                pos: file.pos(&id.span()),
                id: id.get_ref().clone(),
                suggestion: Suggestion::closest(id.get_ref(), self.indicators.names()),
            });
        }
        found
    }
    pub(super) fn series(&mut self, id: &Spanned<String>, file: &SourceFile) -> Option<SeriesIdx> {
        let found = self.series.get(id.get_ref());
        if found.is_none() {
            self.errors.push(Error::UnknownSeries {
                pos: file.pos(&id.span()),
                name: id.get_ref().clone(),
                suggestion: Suggestion::closest(id.get_ref(), self.series.names()),
            });
        }
        found
    }
    pub(super) fn source(&mut self, id: &Spanned<String>, file: &SourceFile) -> Option<SourceIdx> {
        let found = self.sources.get(id.get_ref());
        if found.is_none() {
            self.errors.push(Error::UnknownSource {
                pos: file.pos(&id.span()),
                id: id.get_ref().clone(),
                suggestion: Suggestion::closest(id.get_ref(), self.sources.names()),
            });
        }
        found
    }
    pub(super) fn invalid(
        &mut self,
        file: &SourceFile,
        span: std::ops::Range<usize>,
        message: Text,
        hint: Text,
    ) {
        self.errors.push(Error::Invalid {
            pos: file.pos(&span),
            message,
            hint,
        });
    }
    /// A count must be written as a whole number. Vietnamese "5.122" (five thousand) or "6.000"
    /// are valid TOML decimals, so the written token is checked, not only the value.
    pub(super) fn whole_count(&mut self, file: &SourceFile, v: &Spanned<f64>) -> bool {
        let span = v.span();
        // A CSV's numbers are read in the declared style, where "5.122" is five thousand: the
        // value tells whether it is whole.
        if file.path.extension().is_some_and(|e| e == "csv") {
            if v.get_ref().fract() == 0.0 {
                return true;
            }
            // Said as the editor typed it: "2.400.000,5", not 2400000.5.
            let cell = file.text.get(span.clone()).unwrap_or("").trim();
            self.invalid(
                file,
                span,
                Text::new(
                    format!("số đếm {cell} không phải số nguyên"),
                    format!("count {cell} is not a whole number"),
                ),
                Text::new(
                    "số người hay số đơn vị là số nguyên; kiểm tra ô này trong Excel",
                    "a count of people or units is whole; check this cell in Excel",
                ),
            );
            return false;
        }
        let token = file
            .text
            .get(file.offset + span.start..file.offset + span.end)
            .unwrap_or("")
            .trim();
        if token
            .chars()
            .all(|ch| ch.is_ascii_digit() || ch == '-' || ch == '_')
        {
            return true;
        }
        let digits: String = token.chars().filter(char::is_ascii_digit).collect();
        self.invalid(
            file,
            span,
            Text::new(
                format!("số đếm {token} không phải số nguyên"),
                format!("count {token} is not a whole number"),
            ),
            Text::new(
                format!("viết số đếm là số nguyên, không có dấu phân cách hàng nghìn: {digits}, không phải {token}"),
                format!("write counts as whole numbers without thousands separators: {digits}, not {token}"),
            ),
        );
        false
    }

    /// Parses one of a fixed set of keywords.
    pub(super) fn keyword<T: Copy>(
        &mut self,
        value: &Spanned<String>,
        file: &SourceFile,
        what: &str,
        options: &[(&str, T)],
    ) -> Option<T> {
        let found = options
            .iter()
            .find(|(k, _)| k == value.get_ref())
            .map(|(_, v)| *v);
        if found.is_none() {
            let names: Vec<String> = options.iter().map(|(k, _)| format!("`{k}`")).collect();
            self.invalid(
                file,
                value.span(),
                Text::new(
                    format!("giá trị `{}` không hợp lệ cho {what}", value.get_ref()),
                    format!("unknown {what} `{}`", value.get_ref()),
                ),
                Text::new(
                    format!("dùng một trong: {}", names.join(", ")),
                    format!("use one of {}", names.join(", ")),
                ),
            );
        }
        found
    }
}

/// An English page shows the Vietnamese name, marked; the editor hears of it.
pub(super) fn untranslated(pos: Position, what: &str, id: &str) -> Warning {
    let key = if what == "plan" {
        "title_en"
    } else {
        "name_en"
    };
    Warning {
        pos,
        message: Text::new(
            format!("{} `{id}` chưa có `{key}`: trang tiếng Anh hiện tên tiếng Việt, kèm dấu \"(Vietnamese name)\"; thêm `{key} = \"…\"`", crate::error::kind_vi(what)),
            format!("{what} `{id}` has no `{key}`: English pages show its Vietnamese name, marked \"(Vietnamese name)\"; add `{key} = \"…\"`"),
        ),
    }
}
