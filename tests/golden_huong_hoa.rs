//! The worked example of DOMAIN.md (Hướng Hóa district, 2019), computed from the repository's
//! own data files and compared with the values the domain reference gives.

mod common;

use baophu::cmd::prepare;
use baophu::compute::{Computed, SeriesYear};
use baophu::model::{IndicatorIdx, RegionIdx, SeriesIdx, Site};

fn region(site: &Site) -> RegionIdx {
    site.region_by_code("huong-hoa")
        .expect("Hướng Hóa is in data/regions.toml")
}

fn series(site: &Site, id: &str) -> SeriesIdx {
    SeriesIdx(site.series.iter().position(|s| s.id == id).unwrap())
}

fn indicator(site: &Site, computed: &Computed, id: &str, year: i32) -> f64 {
    let i = IndicatorIdx(site.indicators.iter().position(|s| s.id == id).unwrap());
    computed.indicator(region(site), i).unwrap()[&year].value
}

fn year<'a>(site: &Site, computed: &'a Computed, id: &str, y: i32) -> &'a SeriesYear {
    computed
        .series_years(region(site), series(site, id))
        .iter()
        .find(|s| s.year == y)
        .unwrap()
}

/// Percent rounded to two decimals, as the worked example's "computed" column.
fn pct(v: f64) -> f64 {
    (v * 10000.0).round() / 100.0
}

#[test]
fn every_computed_value_of_the_worked_example() {
    let (site, c) = prepare(&common::repo()).expect("the example site loads");
    let bhxh = year(&site, &c, "bhxh", 2019);
    assert_eq!(pct(bhxh.attainment.unwrap()), 93.91);
    assert_eq!(pct(indicator(&site, &c, "bao_phu_bhxh", 2019)), 10.26);
    assert_eq!(bhxh.increase, Some(307.0));
    assert_eq!(pct(bhxh.growth.unwrap()), 6.38);

    let bb = year(&site, &c, "bhxh_bb", 2019);
    assert_eq!(pct(indicator(&site, &c, "tuan_thu_bb", 2019)), 89.70);
    assert_eq!(pct(bb.attainment.unwrap()), 100.37);

    let tn = year(&site, &c, "bhxh_tn", 2019);
    assert_eq!(pct(indicator(&site, &c, "tn_tren_doi_tuong", 2019)), 0.62);
    assert_eq!(pct(tn.attainment.unwrap()), 44.27);
    assert_eq!(tn.increase, Some(163.0));
    assert_eq!(pct(tn.growth.unwrap()), 141.74);

    let bhtn = year(&site, &c, "bhtn", 2019);
    assert_eq!(pct(indicator(&site, &c, "bao_phu_bhtn", 2019)), 7.75);
    assert_eq!(pct(indicator(&site, &c, "tuan_thu_bhtn", 2019)), 87.44);
    assert_eq!(pct(bhtn.attainment.unwrap()), 100.52);
}

#[test]
fn the_2020_plan_values_are_read_and_missing_actuals_stay_missing() {
    let (site, c) = prepare(&common::repo()).unwrap();
    let y2020 = year(&site, &c, "bhxh", 2020);
    assert_eq!(y2020.plan, Some(6450.0));
    assert_eq!(y2020.actual, None);
    assert_eq!(y2020.attainment, None);
    assert_eq!(y2020.increase, None);
    // LLLĐ is given for 2019 only: coverage in 2018 has no value, not 0.
    let i = IndicatorIdx(
        site.indicators
            .iter()
            .position(|s| s.id == "bao_phu_bhxh")
            .unwrap(),
    );
    assert!(!c.indicator(region(&site), i).unwrap().contains_key(&2018));
}

#[test]
fn national_total_is_derived_from_its_parts() {
    let (site, c) = prepare(&common::repo()).unwrap();
    let vn = site.region_by_code("vn").unwrap();
    let total = c.series_years(vn, series(&site, "bhxh"));
    let y2015 = total.iter().find(|y| y.year == 2015).unwrap();
    let bb = site
        .figures
        .actual(vn, series(&site, "bhxh_bb"), 2015)
        .unwrap();
    let tn = site
        .figures
        .actual(vn, series(&site, "bhxh_tn"), 2015)
        .unwrap();
    assert_eq!(y2015.actual, Some(bb + tn));
    assert!(
        site.figures
            .get(vn, series(&site, "bhxh"), 2015)
            .unwrap()
            .derived
    );
    // 2020 has the voluntary figure only: no total.
    assert!(total.iter().all(|y| y.year != 2020));
}

/// The national BHXH total of 2019 when its two parts carry the given qualifiers.
fn national_total_2019(compulsory: &str, voluntary: &str) -> Option<SeriesYear> {
    let dir = common::example_site();
    let root = dir.path();
    let file = "data/figures/2019.toml";
    let qualify = |actual: &str, q: &str| format!("{actual}\nqualifier = \"{q}\"");
    common::edit(
        root,
        file,
        "actual = 15185000",
        &qualify("actual = 15185000", compulsory),
    );
    common::edit(
        root,
        file,
        "actual = 551000",
        &qualify("actual = 551000", voluntary),
    );
    let (site, c) = prepare(root).unwrap();
    let vn = site.region_by_code("vn").unwrap();
    c.series_years(vn, series(&site, "bhxh"))
        .iter()
        .find(|y| y.year == 2019)
        .cloned()
}

#[test]
fn a_total_of_opposite_bounds_is_not_summed() {
    assert_eq!(national_total_2019("less_than", "more_than"), None);
    // Two lower bounds add up to a lower bound.
    let y = national_total_2019("more_than", "more_than").unwrap();
    assert_eq!(y.actual, Some(15_736_000.0));
    assert_eq!(y.qualifier, Some(baophu::model::Qualifier::MoreThan));
}
