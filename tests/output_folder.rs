//! The output folder is only ever the site the last build says it is: what a build keeps from
//! an earlier one is checked, leftovers of killed builds go, links to folders are followed.

mod common;

use common::*;
use std::fs;
use std::path::Path;

fn run(root: &Path, output: &Path) -> baophu::cmd::build::Report {
    build_report(root, output)
}

/// A second site: the example with another title and another figure.
fn other_site() -> tempfile::TempDir {
    let site = example_site();
    edit(
        site.path(),
        "config.toml",
        "title = \"Bao phủ bảo hiểm xã hội\"",
        "title = \"Trang khác\"",
    );
    edit(
        site.path(),
        "data/figures/2019.toml",
        "actual = 49923",
        "actual = 51234",
    );
    site
}

#[test]
fn building_site_a_then_b_then_a_into_one_folder_gives_a_byte_for_byte() {
    let (a, b) = (example_site(), other_site());
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let fresh_a = out.path().join("fresh-a");
    run(a.path(), &fresh_a);
    for round in 0..2 {
        run(a.path(), &output);
        assert!(snapshot(&output) == snapshot(&fresh_a), "round {round}: A");
        run(b.path(), &output);
        assert!(snapshot(&output) != snapshot(&fresh_a), "round {round}: B");
        let report = run(a.path(), &output);
        assert_eq!(report.regions_kept, 0, "nothing of B's output is kept");
        assert!(
            snapshot(&output) == snapshot(&fresh_a),
            "round {round}: A again, byte for byte"
        );
    }
}

#[test]
fn a_file_changed_or_added_by_hand_in_the_output_is_put_right_by_the_next_build() {
    let site = example_site();
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let fresh = out.path().join("fresh");
    run(site.path(), &fresh);
    run(site.path(), &output);
    // Same size, other content: only the hash tells.
    let page = output.join("vung/huong-hoa/index.html");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, text.replacen("5.122", "9.999", 1)).unwrap();
    run(site.path(), &output);
    assert!(
        snapshot(&output) == snapshot(&fresh),
        "edited page restored"
    );

    fs::write(output.join("vung/huong-hoa/extra.html"), "<p>not ours</p>").unwrap();
    run(site.path(), &output);
    assert!(snapshot(&output) == snapshot(&fresh), "stray file removed");

    fs::remove_file(output.join("chi-tieu/bao_phu_bhxh/index.html")).unwrap();
    run(site.path(), &output);
    assert!(
        snapshot(&output) == snapshot(&fresh),
        "deleted page written again"
    );
}

#[test]
fn leftovers_of_killed_builds_are_removed_and_nothing_else() {
    let site = example_site();
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    // Process ids no process has: the builds that wrote these are gone.
    let staging = out.path().join(".public.new-4294967290");
    let old = out.path().join(".public.old-4294967291");
    fs::create_dir_all(staging.join("vung")).unwrap();
    fs::write(staging.join(".baophu-staging"), "").unwrap();
    fs::write(staging.join("vung/x.html"), "half").unwrap();
    fs::create_dir_all(&old).unwrap();
    fs::write(old.join(".baophu-output"), "").unwrap();
    // Not ours: no marker, another name, another output's leftovers.
    let unmarked = out.path().join(".public.new-4294967292");
    let other_name = out.path().join(".public.new-12ab");
    let other_output = out.path().join(".site.new-4294967293");
    for dir in [&unmarked, &other_name, &other_output] {
        fs::create_dir_all(dir).unwrap();
    }
    fs::write(other_output.join(".baophu-staging"), "").unwrap();

    run(site.path(), &output);
    assert!(!staging.exists() && !old.exists(), "leftovers removed");
    for dir in [&unmarked, &other_name, &other_output] {
        assert!(dir.exists(), "{} kept", dir.display());
    }
    let beside: Vec<String> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    assert_eq!(
        beside.len(),
        2,
        "the build leaves nothing of its own: {beside:?}"
    );
    assert!(!output.join(".baophu-staging").exists());
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_link_to_a_folder_is_built_through_the_link() {
    let (a, b) = (example_site(), other_site());
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site-2026");
    let link = out.path().join("public");
    run(a.path(), &target);
    std::os::unix::fs::symlink(&target, &link).unwrap();
    run(b.path(), &link);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    assert!(
        read(&target, "index.html").contains("Trang khác"),
        "its folder has the new site"
    );
}
