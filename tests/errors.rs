//! Bad input gives an error that names the problem, the file, the line and the column.

mod common;

use baophu::cmd::check;
use baophu::Error;
use common::{append, edit, example_site, line_col};
use std::path::Path;

/// Runs `check`, asserts that its single error is in `file` at the first `needle`, and returns
/// the message.
fn error_at(root: &Path, file: &str, needle: &str) -> String {
    let (msg, f, line, col) = single_error(root);
    assert_eq!(f, file, "{msg}");
    assert_eq!((line, col), line_col(root, file, needle), "{msg}");
    msg
}

/// Runs `check` and returns its single error, with the position it reports.
fn single_error(root: &Path) -> (String, String, usize, usize) {
    let err = check::run(root).err().expect("check must fail");
    let errors = err.flatten();
    assert_eq!(errors.len(), 1, "expected one error, got: {err}");
    let e = errors[0];
    let pos = e.position().expect("the error has a position");
    let file = pos
        .path
        .strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .into_owned();
    (e.to_string(), file, pos.line, pos.column)
}

#[test]
fn malformed_toml() {
    let site = example_site();
    let root = site.path();
    // A value without its closing quote.
    edit(
        root,
        "data/figures/2019.toml",
        "series = \"lao_dong\"",
        "series = \"lao_dong",
    );
    let (msg, file, line, col) = single_error(root);
    assert_eq!(file, "data/figures/2019.toml");
    let (l, c) = line_col(root, "data/figures/2019.toml", "\"lao_dong");
    // The parser points at the end of the line, where the quote is missing.
    assert_eq!((line, col), (l, c + "\"lao_dong".len()), "{msg}");
    assert!(
        msg.contains("error: invalid basic string, expected `\"`"),
        "{msg}"
    );
    assert!(
        msg.contains("hint: the text is missing its closing double quote"),
        "{msg}"
    );
}

#[test]
fn unknown_key_is_reported_where_it_is() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "data/figures/2018.toml",
        "actual = 4815",
        "actaul = 4815",
    );
    let msg = error_at(root, "data/figures/2018.toml", "actaul");
    assert!(msg.contains("unknown field `actaul`"), "{msg}");
}

#[test]
fn unknown_region() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "data/figures/2019.toml",
        "region = \"huong-hoa\"",
        "region = \"huong-hao\"",
    );
    let (msg, file, line, col) = single_error(root);
    assert_eq!(file, "data/figures/2019.toml");
    let (l, c) = line_col(root, "data/figures/2019.toml", "\"huong-hao\"");
    assert_eq!((line, col), (l, c));
    assert!(msg.contains("unknown region `huong-hao`"), "{msg}");
    assert!(msg.contains("did you mean `huong-hoa`"), "{msg}");
}

#[test]
fn unknown_series_in_a_formula_points_into_the_formula() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "data/indicators.toml",
        "formula = \"bhtn / lao_dong\"",
        "formula = \"bhtn / lao_dng\"",
    );
    let msg = error_at(root, "data/indicators.toml", "lao_dng");
    assert!(msg.contains("unknown series `lao_dng`"), "{msg}");
    assert!(msg.contains("did you mean `lao_dong`"), "{msg}");
}

#[test]
fn duplicate_figure_names_both_places() {
    let site = example_site();
    let root = site.path();
    append(
        root,
        "data/figures/2019.toml",
        "\n[[figure]]\nregion = \"huong-hoa\"\nseries = \"bhtn\"\nactual = 3900\nsource = \"kh-huong-hoa-2020\"\n",
    );
    let (msg, file, line, _) = single_error(root);
    assert_eq!(file, "data/figures/2019.toml");
    let text = std::fs::read_to_string(root.join("data/figures/2019.toml")).unwrap();
    let last = text.rfind("region = \"huong-hoa\"").unwrap();
    assert_eq!(line, text[..last].matches('\n').count() + 1);
    assert!(
        msg.contains("duplicate figure for region `huong-hoa`, series `bhtn`, year 2019"),
        "{msg}"
    );
    let (first_line, _) = line_col(
        root,
        "data/figures/2019.toml",
        "region = \"huong-hoa\"\nseries = \"bhtn\"",
    );
    assert!(
        msg.contains(&format!(
            "first given at {}:{first_line}:10",
            root.join("data/figures/2019.toml").display()
        )),
        "{msg}"
    );
}

#[test]
fn negative_count() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "data/figures/2018.toml",
        "actual = 115",
        "actual = -115",
    );
    let msg = error_at(root, "data/figures/2018.toml", "-115");
    assert!(msg.contains("negative count -115"), "{msg}");
}

#[test]
fn zero_denominator_gives_no_value_and_a_warning() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "data/figures/2019.toml",
        "actual = 4427",
        "actual = 0",
    );
    let report = check::run(root).expect("a zero denominator is a warning, not an error");
    let w = report
        .warnings
        .iter()
        .find(|w| {
            w.message.en.contains("tuan_thu_bhtn") && w.message.en.contains("denominator is zero")
        })
        .expect("a warning about the indicator");
    assert!(w.message.en.contains("huong-hoa") && w.message.en.contains("2019"));
    assert_eq!(*w.pos.path, *root.join("data/indicators.toml"));
    assert_eq!(
        (w.pos.line, w.pos.column),
        line_col(root, "data/indicators.toml", "\"bhtn / doi_tuong_bhtn\"")
    );
    // The built page shows no value for it: never inf or NaN.
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    baophu::cmd::build::run(&baophu::cmd::build::Options {
        deny_warnings: false,
        root: root.to_path_buf(),
        output: Some(output.clone()),
        base_url: None,
    })
    .unwrap();
    let html = std::fs::read_to_string(output.join("chi-tieu/tuan_thu_bhtn/index.html")).unwrap();
    assert!(!html.contains("inf") && !html.contains("NaN"));
    assert!(!html.contains("87,44%"));
}

#[test]
fn unknown_indicator_in_a_plan_target() {
    let site = example_site();
    let root = site.path();
    let file = "content/plans/huong-hoa-2020.md";
    edit(
        root,
        file,
        "indicator = \"bao_phu_bhxh\"",
        "indicator = \"bao_phu_bxh\"",
    );
    let (msg, f, line, col) = single_error(root);
    assert_eq!(f, file);
    assert_eq!((line, col), line_col(root, file, "\"bao_phu_bxh\""));
    assert!(msg.contains("did you mean `bao_phu_bhxh`"), "{msg}");
}

#[test]
fn front_matter_errors_point_into_the_markdown_file() {
    let site = example_site();
    let root = site.path();
    let file = "content/plans/huong-hoa-2020.md";
    edit(
        root,
        file,
        "comparison = \"at_least\"",
        "comparison = \"more\"",
    );
    let (msg, f, line, col) = single_error(root);
    assert_eq!(f, file);
    assert_eq!((line, col), line_col(root, file, "\"more\""));
    assert!(
        msg.contains("unknown comparison `more`") && msg.contains("`at_least`"),
        "{msg}"
    );
}

#[test]
fn all_errors_are_reported_at_once() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "data/figures/2018.toml",
        "actual = 115",
        "actual = -115",
    );
    edit(
        root,
        "data/figures/2019.toml",
        "region = \"huong-hoa\"",
        "region = \"nowhere\"",
    );
    let err = check::run(root).err().unwrap();
    assert!(matches!(err, Error::Many(ref v) if v.len() == 2), "{err}");
}

#[test]
fn the_command_exits_non_zero_and_prints_the_position() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "data/figures/2018.toml",
        "actual = 115",
        "actual = -115",
    );
    let check = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_baophu"))
            .args(args)
            .arg("--root")
            .arg(root)
            .env_remove("BAOPHU_LANG")
            .output()
            .unwrap()
    };
    let (l, c) = line_col(root, "data/figures/2018.toml", "-115");
    // Vietnamese by default, like the Rust compiler's messages: what, where, the line with
    // the spot marked, and a hint.
    let out = check(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("lỗi: số âm -115 cho dãy `bhxh_tn`"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("2018.toml:{l}:{c}\n")), "{stderr}");
    assert!(
        stderr.contains(&format!("{l} | actual = -115\n")),
        "{stderr}"
    );
    let marks = stderr.lines().find(|line| line.contains("^^^^")).unwrap();
    assert_eq!(marks.matches('^').count(), 4, "{stderr}");
    assert!(stderr.contains("= gợi ý: số người hay số đơn vị không thể nhỏ hơn 0"));
    let out = check(&["check", "--lang", "en"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: negative count -115"), "{stderr}");
    assert!(stderr.contains("= help: a count of people or units cannot be below zero"));
}

#[test]
fn a_count_written_with_a_thousands_separator() {
    let site = example_site();
    let root = site.path();
    // "5.122" is valid TOML (a decimal number) but a count of people is whole.
    edit(
        root,
        "data/figures/2019.toml",
        "actual = 5122",
        "actual = 5.122",
    );
    let msg = error_at(root, "data/figures/2019.toml", "5.122");
    assert!(msg.contains("5.122 is not a whole number"), "{msg}");
    assert!(msg.contains("5122"), "{msg}");
}

#[test]
fn a_figure_for_a_unit_that_no_longer_existed() {
    let site = example_site();
    let root = site.path();
    append(
        root,
        "data/figures/2024.toml",
        "\n[[figure]]\nregion = \"quang-tri-2025\"\nseries = \"bhyt\"\nactual = 1\nsource = \"nld-2024\"\n",
    );
    let msg = error_at(root, "data/figures/2024.toml", "\"quang-tri-2025\"");
    assert!(
        msg.contains("`quang-tri-2025` did not exist in 2024"),
        "{msg}"
    );
}

#[test]
fn a_parent_of_a_lower_level_is_refused() {
    let site = example_site();
    let root = site.path();
    // Making the nation a child of a district would also make a cycle.
    edit(
        root,
        "data/regions.toml",
        "level = \"nation\"",
        "level = \"nation\"\nparent = \"huong-hoa\"",
    );
    let msg = error_at(root, "data/regions.toml", "\"huong-hoa\"\n");
    assert!(
        msg.contains("`huong-hoa` cannot be the parent of `vn`"),
        "{msg}"
    );
}

#[test]
fn an_unknown_progress_method() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "config.toml",
        "progress_method = \"cagr\"",
        "progress_method = \"sdg\"",
    );
    let msg = error_at(root, "config.toml", "\"sdg\"");
    assert!(msg.contains("unknown progress_method `sdg`"), "{msg}");
}

#[test]
fn a_count_target_written_vietnamese_style() {
    let site = example_site();
    let root = site.path();
    let file = "content/plans/huong-hoa-2020.md";
    edit(root, file, "value = 6450", "value = 6.450");
    let (msg, f, line, col) = single_error(root);
    assert_eq!(f, file);
    assert_eq!((line, col), line_col(root, file, "6.450\n"));
    assert!(
        msg.contains("count 6.450 is not a whole number") && msg.contains("6450, not 6.450"),
        "{msg}"
    );
}

#[test]
fn a_target_value_that_contradicts_its_printed_figure() {
    let site = example_site();
    let root = site.path();
    let file = "content/plans/huong-hoa-2020.md";
    // 12,9% written as a ratio.
    edit(root, file, "value = 12.9", "value = 0.129");
    let (msg, f, line, col) = single_error(root);
    assert_eq!(f, file);
    assert_eq!((line, col), line_col(root, file, "0.129"));
    assert!(
        msg.contains("value 0.129 does not match the printed figure \"12,9%\""),
        "{msg}"
    );
    assert!(msg.contains("write `value = 12.9`"), "{msg}");
}

#[test]
fn a_region_written_by_its_name_is_matched_to_its_code() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "data/figures/2019.toml",
        "region = \"huong-hoa\"",
        "region = \"Hướng Hóa\"",
    );
    let (msg, _, _, _) = single_error(root);
    assert!(
        msg.contains("unknown region `Hướng Hóa`") && msg.contains("did you mean `huong-hoa`"),
        "{msg}"
    );
}

#[test]
fn an_unclosed_front_matter() {
    let site = example_site();
    let root = site.path();
    let file = "content/plans/huong-hoa-2020.md";
    let text = std::fs::read_to_string(root.join(file)).unwrap();
    let second = text[3..].find("\n+++").unwrap() + 3;
    std::fs::write(
        root.join(file),
        format!("{}{}", &text[..second], &text[second + 4..]),
    )
    .unwrap();
    let (msg, f, line, col) = single_error(root);
    assert_eq!((f.as_str(), line, col), (file, 1, 1));
    assert!(
        msg.contains("the front matter that starts here is not closed"),
        "{msg}"
    );
}

#[test]
fn vietnamese_thousands_separators_get_a_hint() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "data/figures/2015.toml",
        "actual = 12072860",
        "actual = 12.072.860",
    );
    let (msg, f, line, _) = single_error(root);
    assert_eq!(
        (f.as_str(), line),
        (
            "data/figures/2015.toml",
            line_col(root, "data/figures/2015.toml", "12.072.860").0
        )
    );
    assert!(
        msg.contains("hint: write numbers without thousands separators: 12072860"),
        "{msg}"
    );
}

#[test]
fn a_figures_file_with_the_wrong_year_gives_one_error() {
    let site = example_site();
    let root = site.path();
    edit(root, "data/figures/2018.toml", "year = 2018", "year = 2019");
    let msg = error_at(root, "data/figures/2018.toml", "2019");
    assert!(
        msg.contains("the file is named 2018 but says `year = 2019`"),
        "{msg}"
    );
}

#[test]
fn a_target_before_its_plan_is_a_warning() {
    let site = example_site();
    let root = site.path();
    let file = "content/plans/1436-qd-ubnd-son-la-2017.md";
    edit(root, file, "year = 2020", "year = 2002");
    let report = check::run(root).expect("a warning, not an error");
    let w = report
        .warnings
        .iter()
        .find(|w| {
            w.message
                .en
                .contains("target year 2002 is before the plan was issued (2017)")
        })
        .expect("the warning");
    assert_eq!(*w.pos.path, *root.join(file));
    assert_eq!((w.pos.line, w.pos.column), line_col(root, file, "2002"));
}

#[test]
fn a_template_error_fails_check_and_names_the_template() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "themes/default/templates/plan.html",
        "{% endblock %}",
        "{% endblok %}",
    );
    let err = check::run(root).err().expect("check must fail");
    let msg = err.to_string();
    let (line, _) = line_col(root, "themes/default/templates/plan.html", "{% endblok %}");
    let place = format!(
        "{}:{line}:",
        root.join("themes/default/templates/plan.html").display()
    );
    assert!(
        msg.contains(&place) && msg.contains("error: in a theme template"),
        "{msg}"
    );
}

#[test]
fn an_undefined_value_in_a_template_fails_check() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "themes/default/templates/plan.html",
        "<h1>{{ data.title }}</h1>",
        "<h1>{{ data.titel }}</h1>",
    );
    let err = check::run(root).err().expect("check renders every page");
    let msg = err.to_string();
    let (line, col) = line_col(root, "themes/default/templates/plan.html", "data.titel");
    assert!(
        msg.contains(&format!("plan.html:{line}:")),
        "{msg} (expected line {line}, column near {col})"
    );
    assert!(msg.contains("undefined"), "{msg}");
}

#[test]
fn an_id_that_could_leave_the_output_folder() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "data/regions.toml",
        "code = \"son-la\"",
        "code = \"../../escape\"",
    );
    let err = check::run(root).err().expect("check must fail");
    let first = err.flatten()[0].to_string();
    let (l, c) = line_col(root, "data/regions.toml", "\"../../escape\"");
    assert!(
        first.contains(&format!(
            "regions.toml:{l}:{c}: error: `../../escape` is not a valid region id"
        )),
        "{first}"
    );
}

#[test]
fn a_source_address_that_is_not_a_web_address() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "data/sources.toml",
        "url = \"https://www.issa.int/gp/212207\"",
        "url = \"javascript:alert(1)\"",
    );
    let msg = error_at(root, "data/sources.toml", "\"javascript:");
    assert!(msg.contains("is not a web address"), "{msg}");
}

#[test]
fn a_figure_after_the_unit_ceased_in_the_same_year() {
    let site = example_site();
    let root = site.path();
    // Hướng Hóa ended on 30/06/2025: it has no figure at 31/12/2025.
    std::fs::write(
        root.join("data/figures/2025.toml"),
        "year = 2025\n\n[[figure]]\nregion = \"huong-hoa\"\nseries = \"bhxh\"\nactual = 1\nsource = \"kh-huong-hoa-2020\"\n",
    )
    .unwrap();
    let (msg, _, line, col) = single_error(root);
    assert_eq!((line, col), (4, 10));
    assert!(msg.contains("`huong-hoa` did not exist in 2025"), "{msg}");
    // The unit existed on 30/06/2025 and the new one began on 01/07/2025: "after", not "from".
    let hint = check::run(root).err().unwrap().flatten()[0].parts().hint;
    assert!(
        hint.vi
            .contains("sau ngày 30/06/2025 đơn vị này đã trở thành `quang-tri-2025`"),
        "{}",
        hint.vi
    );
    assert!(
        hint.en
            .contains("after 30/06/2025 it became `quang-tri-2025`"),
        "{}",
        hint.en
    );
}

#[test]
fn an_unusable_command_line_exits_with_2() {
    let site = example_site();
    let root = site.path();
    let bin = env!("CARGO_BIN_EXE_baophu");
    for args in [
        vec!["build", "--base-url", "https://x.org/a b/"],
        vec!["build", "--output", "data/out"],
        vec!["build", "--no-such-flag"],
    ] {
        let out = std::process::Command::new(bin)
            .args(&args)
            .arg("--root")
            .arg(root)
            .current_dir(root)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(!root.join("data/out").exists());
    // A folder that is not a site: one message, and the command line is what is wrong.
    let empty = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(bin)
        .args(["check", "--lang", "en", "--root"])
        .arg(empty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is not a site folder: it has no config.toml"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
}

#[test]
fn a_total_that_is_not_the_sum_of_its_parts_is_a_warning() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "data/figures/2019.toml",
        "actual = 5122",
        "actual = 5200",
    );
    let report = check::run(root).expect("a warning, not an error");
    let w = report
        .warnings
        .iter()
        .find(|w| {
            w.message
                .en
                .contains("`bhxh` of `huong-hoa` in 2019 is 5,200 but its parts bhxh_bb + bhxh_tn add up to 5,122")
        })
        .expect("the warning, naming the region, its numbers grouped");
    assert!(
        w.message
            .vi
            .contains("`bhxh` của `huong-hoa` năm 2019 là 5.200"),
        "{}",
        w.message.vi
    );
    assert_eq!(*w.pos.path, *root.join("data/figures/2019.toml"));
}

#[test]
fn warnings_fail_only_when_denied_and_a_denied_build_writes_nothing() {
    let site = example_site();
    let root = site.path();
    let bin = env!("CARGO_BIN_EXE_baophu");
    let run = |args: &[&str]| {
        std::process::Command::new(bin)
            .args(args)
            .arg("--root")
            .arg(root)
            .env_remove("BAOPHU_LANG")
            .output()
            .unwrap()
    };
    // The example site warns of the Hướng Hóa report's printed slips.
    let out = run(&["check"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cảnh báo: văn bản in 6,37%"), "{stderr}");
    assert!(stderr.contains("| value = \"6,37%\""), "{stderr}");
    let out = run(&["check", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["build", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !root.join("public").exists(),
        "a denied build writes nothing"
    );
    let out = run(&["build", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: the document prints 6,37%"));
    assert!(root.join("public/index.html").is_file());
}

/// The single error of `check`, its English title and hint, for a file-level problem.
fn file_error(root: &Path, file: &str) -> (String, String) {
    let err = check::run(root).err().expect("check must fail");
    let errors = err.flatten();
    assert_eq!(errors.len(), 1, "expected one error, got: {err}");
    let pos = errors[0].position().expect("a position");
    assert_eq!(pos.path.strip_prefix(root).unwrap(), Path::new(file));
    assert_eq!((pos.line, pos.column), (1, 1));
    let parts = errors[0].parts();
    (parts.title.en.to_string(), parts.hint.en.to_string())
}

#[cfg(unix)]
#[test]
fn inputs_that_cannot_be_read_are_named_not_dropped() {
    let site = example_site();
    let root = site.path();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("2030.toml"), "year = 2030\n").unwrap();

    // A link: never followed, as it may lead out of the site.
    std::os::unix::fs::symlink(
        outside.path().join("2030.toml"),
        root.join("data/figures/2030.toml"),
    )
    .unwrap();
    let (title, hint) = file_error(root, "data/figures/2030.toml");
    assert!(title.contains("is a link"), "{title}");
    assert!(hint.contains("copy the file itself"), "{hint}");
    std::fs::remove_file(root.join("data/figures/2030.toml")).unwrap();

    // A folder with a figures file's name.
    std::fs::create_dir(root.join("data/figures/2031.toml")).unwrap();
    let (title, _) = file_error(root, "data/figures/2031.toml");
    assert!(title.contains("is a folder"), "{title}");
    std::fs::remove_dir(root.join("data/figures/2031.toml")).unwrap();

    // A named pipe: reading it would hang the build.
    let fifo = root.join("content/plans/ke-hoach-moi.md");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let (title, _) = file_error(root, "content/plans/ke-hoach-moi.md");
    assert!(title.contains("is not an ordinary file"), "{title}");
    std::fs::remove_file(&fifo).unwrap();

    // A plan named only `.md`.
    std::fs::write(root.join("content/plans/.md"), "+++\ntitle = \"x\"\n+++\n").unwrap();
    let (title, _) = file_error(root, "content/plans/.md");
    assert!(
        title.contains("`.md` cannot be a page's address"),
        "{title}"
    );
    std::fs::remove_file(root.join("content/plans/.md")).unwrap();

    assert!(check::run(root).is_ok(), "mended, the site checks again");
}

#[test]
fn one_broken_file_does_not_hide_the_problems_of_the_others() {
    let site = example_site();
    let root = site.path();
    // A syntax error in one figures file, an unknown region in another, a plan with an unknown
    // indicator, and a page without front matter: one run names all four.
    edit(
        root,
        "data/figures/2019.toml",
        "series = \"lao_dong\"",
        "series = \"lao_dong",
    );
    edit(
        root,
        "data/figures/2018.toml",
        "region = \"huong-hoa\"",
        "region = \"huong-hao\"",
    );
    edit(
        root,
        "content/plans/huong-hoa-2020.md",
        "indicator = \"bao_phu_bhxh\"",
        "indicator = \"bao_phu_bhxx\"",
    );
    std::fs::write(root.join("content/pages/moi.md"), "# Trang mới\n").unwrap();
    let err = check::run(root).err().expect("check must fail");
    let files: std::collections::BTreeSet<String> = err
        .flatten()
        .iter()
        .map(|e| {
            let pos = e.position().expect("a position");
            pos.path.strip_prefix(root).unwrap().display().to_string()
        })
        .collect();
    for file in [
        "data/figures/2019.toml",
        "data/figures/2018.toml",
        "content/plans/huong-hoa-2020.md",
        "content/pages/moi.md",
    ] {
        assert!(files.contains(file), "{file} not reported: {err}");
    }
}

#[test]
fn vietnamese_messages_name_what_is_declared_in_vietnamese() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "data/regions.toml",
        "code = \"quang-binh\"",
        "code = \"son-la\"",
    );
    let err = check::run(root).err().expect("a duplicate region code");
    let vi = err.flatten()[0].parts().title.vi.to_string();
    let before_place = vi.split("đã khai báo ở").next().unwrap();
    assert!(
        before_place.contains("(vùng)") && !before_place.contains("region"),
        "{vi}"
    );
}
