//! Open data: the CSV and JSON files of each region and indicator page, the whole dataset in
//! one CSV with the targets beside it, and its Frictionless `datapackage.json`. Every number is
//! rounded by the rule the page uses for it, from the same computed values.

use super::format::{self, plain};
use super::i18n::Tr;
use super::view::{self, SourceRef};
use crate::compute::progress::{Status, Unjudged};
use crate::compute::{Computed, Origin};
use crate::model::{
    Comparison, IndicatorIdx, Measure, Metric, Qualifier, RegionIdx, SeriesIdx, SeriesKind, Site,
    Span, Unit,
};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// Where the whole dataset is written, under the output folder.
pub const DATASET_DIR: &str = "du-lieu/";
pub const OBSERVATIONS: &str = "bao-phu.csv";
pub const TARGETS: &str = "muc-tieu.csv";
pub const PACKAGE: &str = "datapackage.json";

/// A column of a data file: its name and Frictionless type. Its meaning is the theme's text
/// `field_<name>`, in each language.
struct Field {
    name: &'static str,
    kind: &'static str,
}

const fn field(name: &'static str, kind: &'static str) -> Field {
    Field { name, kind }
}

/// The meaning of a column of `file` ("obs" or "target") in the page's language.
fn meaning(tr: &Tr, file: &str, f: &Field) -> String {
    tr.t(&format!("field_{file}_{}", f.name))
}

const STATUS_FIELD: Field = field("status", "string");

const OBSERVATION_FIELDS: [Field; 22] = [
    field("region_code", "string"),
    field("region", "string"),
    field("kind", "string"),
    field("measure_id", "string"),
    field("measure", "string"),
    field("unit", "string"),
    field("year", "year"),
    field("value", "number"),
    field("qualifier", "string"),
    field("plan", "number"),
    field("attainment_percent", "number"),
    field("change", "number"),
    field("change_qualifier", "string"),
    field("growth_percent", "number"),
    field("development_index_percent", "number"),
    field("source", "string"),
    field("source_url", "string"),
    field("plan_gap_points", "number"),
    field("as_of", "date"),
    field("estimate", "boolean"),
    field("origin", "string"),
    field("published_value", "number"),
];

const TARGET_FIELDS: [Field; 20] = [
    field("plan_slug", "string"),
    field("plan", "string"),
    field("region_code", "string"),
    field("region", "string"),
    field("measure_id", "string"),
    field("measure", "string"),
    field("unit", "string"),
    field("year", "year"),
    field("comparison", "string"),
    field("target", "number"),
    field("target_to", "number"),
    field("printed", "string"),
    field("base_year", "year"),
    field("base", "number"),
    field("latest_year", "year"),
    field("latest", "number"),
    field("latest_qualifier", "string"),
    field("span", "string"),
    field("span_from", "year"),
    field("span_to", "year"),
];

/// One value as a page shows it, in the columns of [`OBSERVATION_FIELDS`].
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Observation {
    pub region_code: String,
    pub region: String,
    pub kind: &'static str,
    pub measure_id: String,
    pub measure: String,
    pub unit: String,
    pub year: i32,
    pub value: Option<String>,
    pub qualifier: &'static str,
    pub plan: Option<String>,
    pub attainment_percent: Option<String>,
    pub change: Option<String>,
    /// How sure the change, growth and development index are: from qualified figures they are
    /// qualified too.
    pub change_qualifier: &'static str,
    pub growth_percent: Option<String>,
    pub development_index_percent: Option<String>,
    pub source: String,
    pub source_url: String,
    /// For a rate: actual minus plan, in percentage points.
    pub plan_gap_points: Option<String>,
    /// The day of a figure taken before the year ended, `YYYY-MM-DD`; empty at 31 December.
    pub as_of: String,
    pub estimate: bool,
    /// How an indicator's value came: computed, published, or computed_and_published (with
    /// the published value in the notes of the page).
    pub origin: &'static str,
    /// The value a source published beside the recomputed one.
    pub published_value: Option<String>,
}

impl Observation {
    fn cells(&self) -> Vec<String> {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        vec![
            self.region_code.clone(),
            self.region.clone(),
            self.kind.to_string(),
            self.measure_id.clone(),
            self.measure.clone(),
            self.unit.clone(),
            self.year.to_string(),
            o(&self.value),
            self.qualifier.to_string(),
            o(&self.plan),
            o(&self.attainment_percent),
            o(&self.change),
            self.change_qualifier.to_string(),
            o(&self.growth_percent),
            o(&self.development_index_percent),
            self.source.clone(),
            self.source_url.clone(),
            o(&self.plan_gap_points),
            self.as_of.clone(),
            if self.estimate { "true" } else { "false" }.to_string(),
            self.origin.to_string(),
            o(&self.published_value),
        ]
    }
}

fn qualifier_word(q: Option<Qualifier>) -> &'static str {
    match q {
        Some(Qualifier::About) => "about",
        Some(Qualifier::MoreThan) => "more_than",
        Some(Qualifier::LessThan) => "less_than",
        None => "",
    }
}

fn join_sources(list: &[SourceRef]) -> (String, String) {
    let titles: Vec<&str> = list.iter().map(|s| s.title.as_str()).collect();
    let urls: Vec<&str> = list.iter().map(|s| s.url.as_str()).collect();
    (titles.join(" | "), urls.join(" | "))
}

/// The rows of one series for a region: what the region page's table for it shows.
fn series_rows(
    tr: &Tr,
    site: &Site,
    computed: &Computed,
    r: RegionIdx,
    s: SeriesIdx,
) -> Vec<Observation> {
    let region = site.region(r);
    let series = site.series(s);
    computed
        .series_years(r, s)
        .iter()
        .map(|y| {
            let (mut sources, plan_sources) = view::figure_sources(site, r, s, y.year);
            sources.extend(plan_sources);
            let (source, source_url) = join_sources(&sources);
            Observation {
                region_code: region.code.clone(),
                region: tr.name(&region.name_vi, &region.name_en),
                kind: "series",
                measure_id: series.id.clone(),
                measure: tr.name(&series.name_vi, &series.name_en),
                unit: tr.text(&series.unit_vi, &series.unit_en),
                year: y.year,
                value: y.actual.map(|v| plain(v, format::count_decimals(v))),
                qualifier: qualifier_word(y.qualifier),
                plan: y.plan.map(|v| plain(v, format::count_decimals(v))),
                attainment_percent: y.attainment.map(|v| plain(v * 100.0, 2)),
                change: y.increase.map(|v| plain(v, 0)),
                change_qualifier: qualifier_word(y.change_qualifier),
                growth_percent: y.growth.map(|v| plain(v * 100.0, 2)),
                development_index_percent: y.development_index.map(|v| plain(v * 100.0, 2)),
                source,
                source_url,
                plan_gap_points: y.plan_gap.map(|v| plain(v, 2)),
                as_of: y.as_of.map(iso_date).unwrap_or_default(),
                estimate: y.estimate,
                origin: "",
                published_value: None,
            }
        })
        .collect()
}

fn iso_date(d: crate::model::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// The rows of one indicator for a region: what an indicator block's table shows.
fn indicator_rows(
    tr: &Tr,
    site: &Site,
    computed: &Computed,
    r: RegionIdx,
    i: IndicatorIdx,
) -> Vec<Observation> {
    let region = site.region(r);
    let ind = site.indicator(i);
    computed
        .indicator_years(r, i)
        .into_iter()
        .map(|y| {
            let (year, v, plan) = (y.year, y.value, y.plan);
            let number = |x: f64| {
                let (n, d) = view::indicator_number(site, i, x);
                plain(n, d)
            };
            let (source, source_url) = join_sources(&view::input_sources(site, r, i, year));
            let change = computed.indicator_change(r, i, year);
            Observation {
                region_code: region.code.clone(),
                region: tr.name(&region.name_vi, &region.name_en),
                kind: "indicator",
                measure_id: ind.id.clone(),
                measure: tr.name(&ind.name_vi, &ind.name_en),
                unit: match ind.unit {
                    Unit::Percent => "%".into(),
                    Unit::Number => String::new(),
                },
                year,
                value: v.map(|v| {
                    let (n, d) = view::indicator_value_number(site, i, v);
                    plain(n, d)
                }),
                qualifier: qualifier_word(v.and_then(|v| v.qualifier)),
                plan: plan.map(number),
                attainment_percent: y.attainment.map(|a| plain(a * 100.0, 2)),
                change: change.map(|c| {
                    let (n, d) = view::indicator_change_number(site, i, c.value);
                    plain(n, d)
                }),
                change_qualifier: qualifier_word(change.and_then(|c| c.qualifier)),
                growth_percent: None,
                development_index_percent: None,
                source,
                source_url,
                plan_gap_points: y.plan_gap.filter(|_| ind.unit == Unit::Percent).map(|g| {
                    let (n, d) = view::indicator_change_number(site, i, g);
                    plain(n, d)
                }),
                as_of: v.and_then(|v| v.as_of).map(iso_date).unwrap_or_default(),
                estimate: v.is_some_and(|v| v.estimate),
                origin: match v.map(|v| v.origin) {
                    None => "",
                    Some(Origin::Computed) => "computed",
                    Some(Origin::Published) => "published",
                    Some(Origin::Both { .. }) => "computed_and_published",
                },
                published_value: v.and_then(|v| v.published()).map(|p| {
                    let (n, d) = view::indicator_value_number(site, i, &p);
                    plain(n, d)
                }),
            }
        })
        .collect()
}

/// Everything a region page shows by year: its count series, then its indicators.
pub fn region_rows(tr: &Tr, site: &Site, computed: &Computed, r: RegionIdx) -> Vec<Observation> {
    let mut rows = Vec::new();
    for s in (0..site.series.len()).map(SeriesIdx) {
        // As on the page: rates reach it through the indicators that read them.
        let read = site.indicators.iter().any(|i| i.inputs.contains(&s));
        if site.series(s).kind == SeriesKind::Count || !read {
            rows.extend(series_rows(tr, site, computed, r, s));
        }
    }
    for i in (0..site.indicators.len()).map(IndicatorIdx) {
        rows.extend(indicator_rows(tr, site, computed, r, i));
    }
    rows
}

/// An indicator's values in the regions its page shows over time.
pub fn indicator_page_rows(
    tr: &Tr,
    site: &Site,
    computed: &Computed,
    i: IndicatorIdx,
    regions: &[RegionIdx],
) -> Vec<Observation> {
    regions
        .iter()
        .flat_map(|r| indicator_rows(tr, site, computed, *r, i))
        .collect()
}

/// A CSV file as Excel opens it with Vietnamese letters intact: UTF-8 with a byte-order mark,
/// comma-separated, CRLF line ends, fields quoted when they need it (RFC 4180), and no cell
/// that a spreadsheet would run as a formula.
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::from("\u{feff}".as_bytes()));
    let written = writer
        .write_record(header.iter().map(|h| defused(h)))
        .and_then(|()| {
            rows.iter()
                .try_for_each(|row| writer.write_record(row.iter().map(|cell| defused(cell))))
        });
    // Writing into memory fails only on a full memory.
    written.expect("CSV written to memory");
    let bytes = writer.into_inner().expect("CSV written to memory");
    String::from_utf8(bytes).expect("cells are text")
}

/// A cell as it is, or behind a `'` when a spreadsheet would take it for a formula: text that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return (the OWASP rule). Numbers such as
/// -115 stay numbers.
fn defused(cell: &str) -> std::borrow::Cow<'_, [u8]> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        format!("'{cell}").into_bytes().into()
    } else {
        cell.as_bytes().into()
    }
}

pub fn observations_csv(rows: &[Observation]) -> String {
    let header: Vec<&str> = OBSERVATION_FIELDS.iter().map(|f| f.name).collect();
    let cells: Vec<Vec<String>> = rows.iter().map(Observation::cells).collect();
    csv(&header, &cells)
}

/// The whole dataset as CSV, the same as [`observations_csv`] of every region's rows, made a
/// region at a time on all cores: the rows of a national site would not fit in memory at
/// once, their text does.
pub fn dataset_csv(tr: &Tr, site: &Site, computed: &Computed) -> String {
    use rayon::prelude::*;
    let header = observations_csv(&[]);
    let bodies: Vec<String> = (0..site.regions.len())
        .into_par_iter()
        .map(|r| {
            let rows = region_rows(tr, site, computed, RegionIdx(r));
            let text = observations_csv(&rows);
            // Without the byte-order mark and the header the region's own file starts with.
            text[header.len()..].to_string()
        })
        .collect();
    let mut out =
        String::with_capacity(header.len() + bodies.iter().map(String::len).sum::<usize>());
    out.push_str(&header);
    for body in bodies {
        out.push_str(&body);
    }
    out
}

/// A number cell as a JSON number: whole numbers stay whole.
fn json_number(text: &Option<String>) -> Value {
    match text {
        None => Value::Null,
        Some(t) => t
            .parse::<i64>()
            .map(Value::from)
            .or_else(|_| t.parse::<f64>().map(Value::from))
            .unwrap_or(Value::Null),
    }
}

/// The page's rows as JSON, with what they are and where they come from.
pub fn observations_json(tr: &Tr, title: &str, page_url: &str, rows: &[Observation]) -> String {
    // Written straight from the rows, not through `serde_json::Value` maps: every region
    // page has this file, and building maps of its rows was an eighth of a national build.
    // Keys are in alphabetical order, as the maps wrote them.
    #[derive(Serialize)]
    struct Row<'a> {
        attainment_percent: JsonNumber<'a>,
        change: JsonNumber<'a>,
        change_qualifier: &'a str,
        development_index_percent: JsonNumber<'a>,
        growth_percent: JsonNumber<'a>,
        kind: &'a str,
        measure: &'a str,
        measure_id: &'a str,
        plan: JsonNumber<'a>,
        qualifier: &'a str,
        region: &'a str,
        region_code: &'a str,
        source: &'a str,
        source_url: &'a str,
        unit: &'a str,
        value: JsonNumber<'a>,
        year: i32,
        plan_gap_points: JsonNumber<'a>,
        as_of: Option<&'a str>,
        estimate: bool,
        origin: &'a str,
        published_value: JsonNumber<'a>,
    }
    #[derive(Serialize)]
    struct FieldView<'a> {
        description: String,
        name: &'a str,
        #[serde(rename = "type")]
        kind: &'a str,
    }
    #[derive(Serialize)]
    struct File<'a> {
        fields: Vec<FieldView<'a>>,
        page: &'a str,
        rows: Vec<Row<'a>>,
        title: &'a str,
    }
    let file = File {
        fields: OBSERVATION_FIELDS
            .iter()
            .map(|f| FieldView {
                description: meaning(tr, "obs", f),
                name: f.name,
                kind: f.kind,
            })
            .collect(),
        page: page_url,
        rows: rows
            .iter()
            .map(|o| Row {
                attainment_percent: JsonNumber(&o.attainment_percent),
                change: JsonNumber(&o.change),
                change_qualifier: o.change_qualifier,
                development_index_percent: JsonNumber(&o.development_index_percent),
                growth_percent: JsonNumber(&o.growth_percent),
                kind: o.kind,
                measure: &o.measure,
                measure_id: &o.measure_id,
                plan: JsonNumber(&o.plan),
                qualifier: o.qualifier,
                region: &o.region,
                region_code: &o.region_code,
                source: &o.source,
                source_url: &o.source_url,
                unit: &o.unit,
                value: JsonNumber(&o.value),
                year: o.year,
                plan_gap_points: JsonNumber(&o.plan_gap_points),
                as_of: (!o.as_of.is_empty()).then_some(o.as_of.as_str()),
                estimate: o.estimate,
                origin: o.origin,
                published_value: JsonNumber(&o.published_value),
            })
            .collect(),
        title,
    };
    let mut s = serde_json::to_string_pretty(&file).expect("rows always serialize");
    s.push('\n');
    s
}

/// A number of a data file as JSON, as [`json_number`] gives it.
struct JsonNumber<'a>(&'a Option<String>);

impl Serialize for JsonNumber<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        json_number(self.0).serialize(serializer)
    }
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("JSON values always serialize");
    s.push('\n');
    s
}

/// Every target of the plans `plans` (indices), with what is known of it: the columns of
/// [`TARGET_FIELDS`] and its status.
pub fn target_rows(tr: &Tr, site: &Site, computed: &Computed, plans: &[usize]) -> Vec<Vec<String>> {
    let list: Vec<(usize, usize)> = plans
        .iter()
        .flat_map(|&p| (0..site.plans[p].targets.len()).map(move |t| (p, t)))
        .collect();
    targets_of(tr, site, computed, &list)
}

/// The rows of the targets `list` names as (plan, target).
pub fn targets_of(
    tr: &Tr,
    site: &Site,
    computed: &Computed,
    list: &[(usize, usize)],
) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for &(p, t) in list {
        let plan = &site.plans[p];
        let target = &plan.targets[t];
        {
            let progress = &computed.progress[p][t];
            let region = site.region(target.region);
            let (id, name, unit, number): (String, String, String, Box<dyn Fn(f64) -> String>) =
                match target.metric {
                    Metric::Indicator(i) => {
                        let ind = site.indicator(i);
                        (
                            ind.id.clone(),
                            tr.name(&ind.name_vi, &ind.name_en),
                            if ind.unit == Unit::Percent { "%" } else { "" }.into(),
                            Box::new(move |v| {
                                let (n, d) = view::indicator_number(site, i, v);
                                plain(n, d)
                            }),
                        )
                    }
                    Metric::Series(s, Measure::Value) => (
                        site.series(s).id.clone(),
                        tr.name(&site.series(s).name_vi, &site.series(s).name_en),
                        tr.text(&site.series(s).unit_vi, &site.series(s).unit_en),
                        Box::new(|v| plain(v, format::count_decimals(v))),
                    ),
                    Metric::Series(s, measure) => (
                        format!(
                            "{}_{}",
                            site.series(s).id,
                            if measure == Measure::Growth {
                                "growth"
                            } else {
                                "development_index"
                            }
                        ),
                        view::metric_name(tr, site, target.metric),
                        "%".into(),
                        Box::new(|v| plain(v * 100.0, 2)),
                    ),
                };
            rows.push(vec![
                plan.slug.clone(),
                tr.name(&plan.short_name, &plan.short_name_en),
                region.code.clone(),
                tr.name(&region.name_vi, &region.name_en),
                id,
                name,
                unit,
                target.year.to_string(),
                match target.comparison {
                    Comparison::AtLeast => "at_least",
                    Comparison::AtMost => "at_most",
                    Comparison::Exactly => "exactly",
                    Comparison::MoreThan => "more_than",
                    Comparison::LessThan => "less_than",
                    Comparison::About => "about",
                    Comparison::Between => "between",
                }
                .into(),
                number(target.value),
                target.value_to.map(&number).unwrap_or_default(),
                target.printed.clone(),
                progress.base.map(|b| b.0.to_string()).unwrap_or_default(),
                progress.base.map(|b| number(b.1)).unwrap_or_default(),
                progress.latest.map(|l| l.0.to_string()).unwrap_or_default(),
                progress.latest.map(|l| number(l.1)).unwrap_or_default(),
                qualifier_word(
                    progress.latest.and_then(|(y, _)| {
                        computed.metric_qualifier(target.region, target.metric, y)
                    }),
                )
                .into(),
                match target.span {
                    Span::Year => "",
                    Span::EveryYear { .. } => "every_year",
                    Span::Period { .. } => "period",
                }
                .into(),
                match target.span {
                    Span::Year => String::new(),
                    Span::EveryYear { from, .. } | Span::Period { from } => from.to_string(),
                },
                match target.span {
                    Span::Year => String::new(),
                    Span::EveryYear { to, .. } => to.to_string(),
                    Span::Period { .. } => target.year.to_string(),
                },
                status_word(
                    progress.status,
                    progress.unjudged(target.year, computed.as_of),
                    computed.met_approximately(site, target, progress),
                )
                .into(),
            ]);
        }
    }
    rows
}

fn target_header() -> Vec<&'static str> {
    TARGET_FIELDS
        .iter()
        .map(|f| f.name)
        .chain(["status"])
        .collect()
}

pub fn targets_csv(rows: &[Vec<String>]) -> String {
    csv(&target_header(), rows)
}

/// Targets as JSON: text columns as strings, number and year columns as numbers.
pub fn targets_json(title: &str, page_url: &str, rows: &[Vec<String>]) -> String {
    let kinds: Vec<&str> = TARGET_FIELDS
        .iter()
        .map(|f| f.kind)
        .chain(["string"])
        .collect();
    let rows: Vec<Value> = rows
        .iter()
        .map(|row| {
            let mut m = Map::new();
            for ((name, kind), cell) in target_header().into_iter().zip(&kinds).zip(row) {
                let value = if *kind == "string" {
                    json!(cell)
                } else {
                    json_number(&(!cell.is_empty()).then(|| cell.clone()))
                };
                m.insert(name.into(), value);
            }
            Value::Object(m)
        })
        .collect();
    pretty(&json!({"title": title, "page": page_url, "rows": rows}))
}

fn status_word(s: Status, why: Option<Unjudged>, approximately: bool) -> &'static str {
    if approximately {
        return "achieved_approximately";
    }
    match why {
        Some(Unjudged::NoData) => return "no_data",
        Some(Unjudged::Undetermined) => return "undetermined",
        Some(Unjudged::NoFigureForYear) => return "no_figure_for_target_year",
        Some(Unjudged::TooFewFigures) | None => {}
    }
    match s {
        Status::Achieved => "achieved",
        Status::Missed => "missed",
        Status::OnTrack => "on_track",
        Status::AccelerationNeeded => "acceleration_needed",
        Status::Limited => "limited",
        Status::MovingAway => "moving_away",
        Status::NotMeasurable => "not_measurable",
    }
}

/// The Frictionless Data Package that describes the whole dataset.
pub fn datapackage(tr: &Tr, site: &Site, base_url: &str) -> String {
    let schema = |file: &str, fields: &[Field], extra: &[Field]| {
        json!({
            "fields": fields.iter().chain(extra).map(|f| json!({
                "name": f.name, "type": f.kind, "description": meaning(tr, file, f)
            })).collect::<Vec<_>>(),
        })
    };
    let sources: Vec<Value> = site
        .sources
        .iter()
        .map(|s| {
            // A source without an address (a document on paper) has only its title.
            if s.url.is_empty() {
                json!({"title": s.title})
            } else {
                json!({"title": s.title, "path": s.url})
            }
        })
        .collect();
    let mut package = json!({
        "profile": "tabular-data-package",
        "name": "bao-phu",
        "title": tr.text(&site.config.title, &site.config.title_en),
        "description": tr.text(&site.config.description, &site.config.description_en),
        "homepage": super::absolute_base(base_url).unwrap_or_else(|| super::base_path(base_url)),
        "contributors": [{
            "title": tr.text(&site.config.publisher, &site.config.publisher_en),
            "role": "publisher"
        }],
        "sources": sources,
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "bao-phu",
                "title": tr.t("file_observations"),
                "path": OBSERVATIONS,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema("obs", &OBSERVATION_FIELDS, &[]),
            },
            {
                "profile": "tabular-data-resource",
                "name": "muc-tieu",
                "title": tr.t("file_targets"),
                "path": TARGETS,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema("target", &TARGET_FIELDS, &[STATUS_FIELD]),
            },
        ],
    });
    if let Some(licence) = &site.config.licence {
        package["licenses"] = json!([{
            "name": licence.name, "title": licence.title, "path": licence.path
        }]);
    }
    pretty(&package)
}

#[derive(Serialize)]
pub struct FieldView {
    pub name: &'static str,
    pub kind: &'static str,
    pub description: String,
}

#[derive(Serialize)]
pub struct FileView {
    pub title: String,
    pub url: String,
    pub fields: Vec<FieldView>,
}

/// What the open-data page lists: the files and their columns, and the licence.
#[derive(Serialize)]
pub struct DataPage {
    pub files: Vec<FileView>,
    pub package_url: String,
    pub licence: Option<crate::load::config::Licence>,
}

pub fn description(tr: &Tr, site: &Site) -> DataPage {
    let fields = |file: &str, list: &[&Field]| {
        list.iter()
            .map(|f| FieldView {
                name: f.name,
                kind: f.kind,
                description: meaning(tr, file, f),
            })
            .collect()
    };
    let target_fields: Vec<FieldView> = fields(
        "target",
        &TARGET_FIELDS
            .iter()
            .chain([&STATUS_FIELD])
            .collect::<Vec<_>>(),
    );
    DataPage {
        files: vec![
            FileView {
                title: tr.t("file_observations"),
                url: format!("{DATASET_DIR}{OBSERVATIONS}"),
                fields: fields("obs", &OBSERVATION_FIELDS.iter().collect::<Vec<_>>()),
            },
            FileView {
                title: tr.t("file_targets"),
                url: format!("{DATASET_DIR}{TARGETS}"),
                fields: target_fields,
            },
        ],
        package_url: format!("{DATASET_DIR}{PACKAGE}"),
        licence: site.config.licence.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_quoting_and_starts_with_a_bom() {
        let out = csv(
            &["a", "b"],
            &[vec!["Hướng Hóa, Quảng Trị".into(), "say \"hi\"".into()]],
        );
        assert_eq!(
            out,
            "\u{feff}a,b\r\n\"Hướng Hóa, Quảng Trị\",\"say \"\"hi\"\"\"\r\n"
        );
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_defused_and_numbers_kept() {
        let out = csv(
            &["name", "value"],
            &[
                vec!["=HYPERLINK(\"https://x\",\"y\")".into(), "-115".into()],
                vec!["+1+1".into(), "-0.5".into()],
                vec!["@SUM(A1)".into(), "\tx".into()],
                vec!["-x".into(), "5122".into()],
            ],
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[1],
            "\"'=HYPERLINK(\"\"https://x\"\",\"\"y\"\")\",-115"
        );
        assert_eq!(lines[2], "'+1+1,-0.5");
        assert_eq!(lines[3], "'@SUM(A1),'\tx");
        assert_eq!(lines[4], "'-x,5122");
    }

    #[test]
    fn json_numbers_stay_whole_when_whole() {
        assert_eq!(json_number(&Some("5122".into())), json!(5122));
        assert_eq!(json_number(&Some("93.91".into())), json!(93.91));
        assert_eq!(json_number(&None), Value::Null);
    }
}
