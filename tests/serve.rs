//! `baophu serve` end to end: the preview follows edits, and a broken edit keeps the last good
//! site on show with its errors over it.

mod common;

use common::{edit, example_site};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The preview server, stopped when the test ends, passing or failing.
struct Serve(Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// GET over plain HTTP/1.0: (status, body), or None while the server is not up.
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    request(
        port,
        &format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"),
    )
}

/// Sends `head` as it is: (status, body).
fn request(port: u16, head: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    stream.write_all(head.as_bytes()).ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response.split(' ').nth(1)?.parse().ok()?;
    let body = response.split_once("\r\n\r\n")?.1.to_string();
    Some((status, body))
}

/// Reads `path` until `ready` holds for its body, for at most a minute.
fn until(port: u16, path: &str, what: &str, ready: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        if let Some((200, body)) = get(port, path) {
            if ready(&body) {
                return body;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{path} never showed {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_preview_follows_edits_and_keeps_the_last_good_site_after_a_broken_one() {
    let site = example_site();
    let root = site.path();
    let (_serve, port) = start(root);
    let page = "/vung/huong-hoa/";
    let before = until(port, page, "the first build", |b| b.contains("49.923"));
    assert!(
        before.contains("src=\"/__baophu/reload.js\""),
        "the reload script is on the page"
    );
    assert!(!before.contains("baophu-errors"));
    // A folder's address without its slash is sent to the folder, as static hosts do.
    assert_eq!(get(port, "/vung/huong-hoa").map(|r| r.0), Some(301));
    let version = |body: &str| -> u64 {
        let at = body.find("data-version=\"").expect("a version") + 14;
        body[at..].split('"').next().unwrap().parse().unwrap()
    };

    // A page waiting for a rebuild is answered by the edit.
    let waiting = std::thread::spawn({
        let v = version(&before);
        move || get(port, &format!("/__baophu/wait?v={v}"))
    });
    edit(
        root,
        "data/figures/2019.toml",
        "actual = 49923",
        "actual = 51234",
    );
    let after = until(port, page, "the edited figure", |b| b.contains("51.234"));
    assert!(!after.contains("49.923"), "the old figure is gone");
    // The pages every region feeds are rendered after the edited region's own: asked for at
    // once, the whole dataset waits for them rather than answering with the old figure.
    let (status, dataset) = get(port, "/du-lieu/bao-phu.csv").expect("the whole dataset");
    assert_eq!(status, 200);
    assert!(
        dataset.contains(",51234,") && !dataset.contains(",49923,"),
        "the whole dataset has the edited figure"
    );
    assert!(version(&after) > version(&before));
    let (status, answer) = waiting.join().unwrap().expect("the wait is answered");
    assert_eq!(status, 200);
    assert!(
        answer.contains(&format!("\"version\":{}", version(&after))),
        "{answer}"
    );

    // A broken edit: the last good site is still served, with the error over it.
    edit(
        root,
        "data/figures/2019.toml",
        "actual = 51234",
        "actual = 51.234.0",
    );
    let broken = until(port, page, "the error", |b| b.contains("baophu-errors"));
    assert!(
        broken.contains("51.234"),
        "the last good figure is still shown"
    );
    assert!(broken.contains("2019.toml:"), "the error names the file");
    assert!(broken.contains("write numbers without thousands separators"));

    // Mended: the overlay goes.
    edit(
        root,
        "data/figures/2019.toml",
        "actual = 51.234.0",
        "actual = 52000",
    );
    let mended = until(port, page, "the mended figure", |b| b.contains("52.000"));
    assert!(!mended.contains("baophu-errors"));
}

/// The pages a render put in memory, by path.
/// The preview started on a free port, once its first build is served.
fn start(root: &std::path::Path) -> (Serve, u16) {
    let port = free_port();
    let serve = Serve(
        Command::new(env!("CARGO_BIN_EXE_baophu"))
            .args([
                "serve",
                "--lang",
                "en",
                "--port",
                &port.to_string(),
                "--root",
            ])
            .arg(root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    until(port, "/", "the first build", |_| true);
    (serve, port)
}

#[cfg(target_os = "linux")]
fn threads(pid: u32) -> usize {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn the_preview_answers_its_own_address_with_get_and_head_only_and_a_bounded_pool() {
    let site = example_site();
    let (serve, port) = start(site.path());
    for method in ["POST", "PUT", "TRACE", "CONNECT", "FOO"] {
        let head = format!("{method} / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
        assert_eq!(request(port, &head).map(|r| r.0), Some(405), "{method}");
    }
    let head = |host: &str| format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n");
    assert_eq!(
        request(port, &head(&format!("localhost:{port}"))).map(|r| r.0),
        Some(200)
    );
    assert_eq!(
        request(port, &head("rebound.example")).map(|r| r.0),
        Some(403)
    );
    assert_eq!(
        request(port, &head(&format!("rebound.example:{port}"))).map(|r| r.0),
        Some(403)
    );
    // A folder with Vietnamese letters, without its slash: redirected, no panic.
    let (status, _) = get(port, "/vung/h%C6%B0%E1%BB%9Bng-h%C3%B3a").unwrap();
    assert!(status == 301 || status == 404, "{status}");
    assert_eq!(get(port, "/").map(|r| r.0), Some(200), "still serving");

    // 300 open pages waiting for a rebuild: the threads stay few and pages are still served.
    let (_, home) = get(port, "/").unwrap();
    let at = home.find("data-version=\"").unwrap() + 14;
    let version: u64 = home[at..].split('"').next().unwrap().parse().unwrap();
    let mut polls = Vec::new();
    for _ in 0..300 {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        // Past the 64 it parks, the server answers 503 and closes, maybe before this write.
        let _ = write!(
            stream,
            "GET /__baophu/wait?v={version} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
        );
        polls.push(stream);
    }
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        get(port, "/").map(|r| r.0),
        Some(200),
        "served beside 300 waits"
    );
    #[cfg(target_os = "linux")]
    {
        let threads = threads(serve.0.id());
        assert!(threads < 40, "{threads} threads for 300 waiting pages");
    }
    drop(polls);
}

fn pages(memory: baophu::present::Memory) -> std::collections::BTreeMap<String, Vec<u8>> {
    memory
        .into_pages()
        .into_iter()
        .map(|p| (p.path, p.content))
        .collect()
}

#[test]
fn after_an_edit_of_figures_the_pages_rendered_again_make_the_whole_new_site() {
    use baophu::present::{render, share::ShareCache, Scope};
    let site = example_site();
    let root = site.path();
    let cache = ShareCache::default();
    let url = "https://baophu.example.org/";
    let whole = |site: &baophu::model::Site, computed: &baophu::compute::Computed| {
        let theme = baophu::load::theme::load(root, "default").unwrap();
        let memory = baophu::present::Memory::default();
        render(site, computed, &theme, url, &cache, Scope::All, &memory).unwrap();
        pages(memory)
    };
    let (mut old_site, mut old_computed) = baophu::cmd::prepare(root).unwrap();
    let mut served = whole(&old_site, &old_computed);
    let edits = [
        // One district's figure; a national figure; only a note.
        ("data/figures/2019.toml", "actual = 49923", "actual = 51234", Some(vec!["huong-hoa"])),
        ("data/figures/2020.toml", "actual = 1120000", "actual = 1130000", Some(vec!["vn"])),
        ("data/figures/2015.toml", "note = \"Tỷ lệ", "note = \"Ghi chú mới. Tỷ lệ", Some(vec!["vn"])),
        // A figure of a new latest year changes how every target is judged: everything.
        (
            "data/figures/2025.toml",
            "",
            "year = 2025\n\n[[figure]]\nregion = \"vn\"\nseries = \"bhyt\"\nactual = 95000000\nsource = \"bhxh-thong-ke-2015-2017\"\n",
            None,
        ),
    ];
    for (file, from, to, expected) in edits {
        if from.is_empty() {
            std::fs::write(root.join(file), to).unwrap();
        } else {
            edit(root, file, from, to);
        }
        let (site, computed) = baophu::cmd::prepare(root).unwrap();
        let changed = baophu::compute::changes::regions_with_new_figures(
            (&old_site, &old_computed),
            (&site, &computed),
        );
        let codes = changed.as_ref().map(|set| {
            let mut codes: Vec<&str> = set.iter().map(|r| site.region(*r).code.as_str()).collect();
            codes.sort();
            codes
        });
        assert_eq!(codes, expected, "{file}: {from} → {to}");
        let new_whole = whole(&site, &computed);
        if let Some(set) = &changed {
            let theme = baophu::load::theme::load(root, "default").unwrap();
            let scoped = |scope| {
                let memory = baophu::present::Memory::default();
                render(&site, &computed, &theme, url, &cache, scope, &memory).unwrap();
                pages(memory)
            };
            // First the changed regions' own pages, nothing else; then the site-wide pages,
            // without any region's own.
            let regions = scoped(Scope::Regions(set));
            let site_wide = scoped(Scope::SiteWide);
            let own = |path: &str, code: &str| {
                path.starts_with(&format!("vung/{code}/"))
                    || path.starts_with(&format!("en/vung/{code}/"))
            };
            for path in regions.keys() {
                assert!(
                    codes.as_ref().unwrap().iter().any(|c| own(path, c)),
                    "{path} is not a changed region's"
                );
            }
            for region in &site.regions {
                let rendered = regions.keys().any(|p| own(p, &region.code));
                let expected = codes.as_ref().unwrap().contains(&region.code.as_str());
                assert_eq!(rendered, expected, "{}", region.code);
                assert!(!site_wide.keys().any(|p| own(p, &region.code)));
            }
            assert!(
                site_wide.contains_key("index.html")
                    && site_wide.contains_key("du-lieu/bao-phu.csv")
            );
            let mut partial = regions;
            partial.extend(site_wide);
            served.extend(partial);
            assert_eq!(served.len(), new_whole.len());
            for (path, content) in &new_whole {
                assert!(
                    served.get(path) == Some(content),
                    "{path} is stale after {file}: {from} → {to}"
                );
            }
        }
        served = new_whole;
        (old_site, old_computed) = (site, computed);
    }
}
