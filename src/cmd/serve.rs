//! `baophu serve`: the editors' live preview. Builds the site in memory, serves it on
//! 127.0.0.1, watches the site's files, rebuilds after a change and reloads the open pages. A
//! failed rebuild keeps the last good site and shows its errors over every page.

use crate::compute::{changes, Computed};
use crate::diagnostic::Reporter;
use crate::error::{Error, Text};
use crate::load::theme::Theme;
use crate::model::Site;
use crate::present;
use crate::present::format::Lang;
use crate::present::share::ShareCache;
use crate::Warning;
use std::collections::{BTreeSet, HashMap};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

mod http;

/// How long the files must stay still before a rebuild: an editor's save can be several writes,
/// made within a few milliseconds. A build that still caught a file half-written is followed by
/// another when the last write lands.
const QUIET: Duration = Duration::from_millis(40);
/// How long a page's reload request waits for a new build before it asks again.
const LONG_POLL: Duration = Duration::from_secs(25);

/// What is being served: the last good site, and the last build's errors if it failed.
struct State {
    pages: HashMap<String, Arc<Vec<u8>>>,
    static_dir: Option<PathBuf>,
    /// Counts builds, good or failed; an open page reloads when it changes.
    version: u64,
    /// The errors of the last build, as the terminal shows them (without colours).
    errors: Option<String>,
    /// When the file change behind the latest build was seen, until a page has been served.
    saved_at: Option<Instant>,
    /// After a partial rebuild, until the site-wide pages are rendered again: a request for a
    /// page not in `fresh` (the pages just rendered) waits for them.
    settling: bool,
    fresh: std::collections::HashSet<String>,
    lang: Lang,
}

type Shared = Arc<(Mutex<State>, Condvar)>;

impl State {
    fn new(lang: Lang) -> State {
        State {
            pages: HashMap::new(),
            static_dir: None,
            version: 0,
            errors: None,
            saved_at: None,
            settling: false,
            fresh: std::collections::HashSet::new(),
            lang,
        }
    }

    /// Puts a build's pages in place of the served ones; a page that did not change keeps its
    /// served bytes. Gives the paths rendered, for a partial render, and how many changed.
    fn replace_pages(
        &mut self,
        pages: Vec<present::Page>,
        partial: bool,
    ) -> (std::collections::HashSet<String>, usize) {
        // A partial render replaces the pages it rendered; the others stay as they
        // were, and until the site-wide pages are rendered again, a request for one of
        // them waits (`State::settling`).
        let old = if partial {
            HashMap::new()
        } else {
            std::mem::take(&mut self.pages)
        };
        let mut fresh = std::collections::HashSet::new();
        let mut changed = 0;
        for page in pages {
            let before = if partial {
                self.pages.get(&page.path)
            } else {
                old.get(&page.path)
            };
            let content = match before {
                Some(b) if **b == page.content => b.clone(),
                _ => {
                    changed += 1;
                    Arc::new(page.content)
                }
            };
            if partial {
                fresh.insert(page.path.clone());
            }
            self.pages.insert(page.path, content);
        }
        (fresh, changed)
    }
}

pub fn run(root: &Path, port: u16, lang: Lang) -> Result<(), Error> {
    let absolute = site_folder(root)?;
    let root = absolute.as_path();
    let listener = listen(port)?;
    let base_url = format!("http://127.0.0.1:{port}/");
    let shared: Shared = Arc::new((Mutex::new(State::new(lang)), Condvar::new()));
    let (_watcher, events) = watch(root)?;
    let mut builder = Builder::new(root, base_url.clone(), shared.clone(), lang);
    builder.build(&BTreeSet::new(), None);
    match lang {
        Lang::Vi => println!(
            "đang phục vụ {base_url} (Ctrl+C để dừng); theo dõi content/, data/, themes/ và config.toml"
        ),
        Lang::En => println!(
            "serving {base_url} (Ctrl+C to stop); watching content/, data/, themes/ and config.toml"
        ),
    }

    http::start(listener, shared.clone(), port);

    while let Some((changed, saved_at)) = next_change(&events, root) {
        let names: Vec<String> = changed
            .iter()
            .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
            .collect();
        match lang {
            Lang::Vi => println!("đã đổi: {}", names.join(", ")),
            Lang::En => println!("changed: {}", names.join(", ")),
        }
        builder.build(&changed, Some(saved_at));
    }
    Ok(())
}

/// The site folder as an absolute path.
fn site_folder(root: &Path) -> Result<PathBuf, Error> {
    // Watched paths come back as they were given: an absolute root makes every event's path
    // comparable with it, whatever `--root` was (".", "../site").
    std::fs::canonicalize(root).map_err(|e| Error::Usage {
        message: Text::new(
            format!("không mở được thư mục trang {}: {e}", root.display()),
            format!("cannot open the site folder {}: {e}", root.display()),
        ),
        hint: Text::new(
            "chỉ thư mục có config.toml bằng --root",
            "give the folder that holds config.toml with --root",
        ),
    })
}

fn listen(port: u16) -> Result<std::net::TcpListener, Error> {
    std::net::TcpListener::bind(("127.0.0.1", port)).map_err(|e| Error::Usage {
        message: Text::new(
            format!("không mở được cổng {port}: {e}"),
            format!("cannot listen on port {port}: {e}"),
        ),
        hint: Text::new(
            "chọn cổng khác với --port, hoặc dừng chương trình đang dùng cổng này",
            "choose another port with --port, or stop the program using this one",
        ),
    })
}

/// The file events of a watcher.
type Events = mpsc::Receiver<notify::Result<notify::Event>>;

/// Watches the site's inputs; the events come while the watcher lives.
fn watch(root: &Path) -> Result<(notify::RecommendedWatcher, Events), Error> {
    use notify::Watcher;
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .map_err(|e| watch_error(root, e))?;
    for dir in ["content", "data", "themes"] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, notify::RecursiveMode::Recursive)
                .map_err(|e| watch_error(&path, e))?;
        }
    }
    // The configuration is watched through its folder, which holds `public/` too: events
    // are filtered by path (`is_input`).
    watcher
        .watch(root, notify::RecursiveMode::NonRecursive)
        .map_err(|e| watch_error(root, e))?;
    Ok((watcher, rx))
}

/// The files changed by the next edit, once they have stayed still for `QUIET`, and when the
/// first change was seen; None when the watcher has stopped.
fn next_change(events: &Events, root: &Path) -> Option<(BTreeSet<PathBuf>, Instant)> {
    loop {
        let event = events.recv().ok()?;
        let mut changed = changed_paths(event, root);
        if changed.is_empty() {
            continue;
        }
        let saved_at = Instant::now();
        while let Ok(event) = events.recv_timeout(QUIET) {
            changed.extend(changed_paths(event, root));
        }
        return Some((changed, saved_at));
    }
}

/// Whether a path is one of the site's inputs: in content/, data/ or themes/, or config.toml.
fn is_input(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy());
    match first.as_deref() {
        Some("content" | "data" | "themes") => true,
        Some("config.toml") => rel.components().count() == 1,
        _ => false,
    }
}

fn watch_error(path: &Path, e: notify::Error) -> Error {
    Error::Usage {
        message: Text::new(
            format!("không theo dõi được {}: {e}", path.display()),
            format!("cannot watch {} for changes: {e}", path.display()),
        ),
        hint: Text::new(
            "kiểm tra thư mục trang (--root)",
            "check the site folder given with --root",
        ),
    }
}

/// The site's files an event changed; reads and editors' lock files are not changes.
fn changed_paths(event: notify::Result<notify::Event>, root: &Path) -> BTreeSet<PathBuf> {
    let Ok(event) = event else {
        return BTreeSet::new();
    };
    if matches!(event.kind, notify::EventKind::Access(_)) {
        return BTreeSet::new();
    }
    event
        .paths
        .into_iter()
        .filter(|p| is_input(root, p))
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            // Editors' and tools' scratch files: lock files, backups, swap files, and the
            // extension-less temporary files `sed -i` and some editors write before renaming.
            p.extension().is_some()
                && !(name.starts_with(".#") || name.ends_with('~') || name.ends_with(".swp"))
        })
        .collect()
}

struct Builder {
    root: PathBuf,
    base_url: String,
    cache: ShareCache,
    figures: crate::load::FiguresCache,
    reporter: Reporter,
    plain: Reporter,
    /// Warnings already printed, so that a rebuild prints only new ones.
    warnings: BTreeSet<Warning>,
    /// The last good build's model and theme, to tell which regions an edit of figures changed
    /// and to render the site-wide pages after them.
    last: Option<(Site, Computed, Theme)>,
    /// Links that lead nowhere, as the last whole render found them.
    link_warnings: Vec<Warning>,
    shared: Shared,
    lang: Lang,
}

/// A rebuild's pages and warnings, and which regions' pages it rendered (None: all).
struct Rebuilt {
    pages: Vec<present::Page>,
    static_dir: PathBuf,
    warnings: Vec<Warning>,
    regions: Option<usize>,
    /// The build before, dropped once the new pages are served: freeing a national site's
    /// model takes time the editor need not wait for.
    previous: Option<(Site, Computed, Theme)>,
}

impl Builder {
    fn new(root: &Path, base_url: String, shared: Shared, lang: Lang) -> Builder {
        Builder {
            root: root.to_path_buf(),
            base_url,
            cache: ShareCache::default(),
            figures: crate::load::FiguresCache::default(),
            reporter: Reporter::new(lang, std::io::stderr().is_terminal()),
            plain: Reporter::new(lang, false),
            warnings: BTreeSet::new(),
            last: None,
            link_warnings: Vec::new(),
            shared,
            lang,
        }
    }

    /// Renders the site again: when nothing but figures files changed since the last good
    /// build, only the pages of the regions whose figures changed (the site-wide pages follow
    /// in `render_site_wide`), else everything.
    fn render(&mut self, figures_only: bool) -> Result<Rebuilt, Error> {
        let timings = std::env::var_os("BAOPHU_TIMINGS").is_some();
        let (site, computed) = super::prepare_with(&self.root, &self.figures)?;
        let start = Instant::now();
        let theme = crate::load::theme::load(&self.root, &site.config.theme)?;
        let regions = figures_only
            .then_some(self.last.as_ref())
            .flatten()
            .and_then(|(s, c, _)| changes::regions_with_new_figures((s, c), (&site, &computed)));
        if timings {
            eprintln!("theme and what changed: {} ms", start.elapsed().as_millis());
        }
        let scope = match &regions {
            Some(set) => present::Scope::Regions(set),
            None => present::Scope::All,
        };
        let memory = present::Memory::default();
        let mut rendered = present::render(
            &site,
            &computed,
            &theme,
            &self.base_url,
            &self.cache,
            scope,
            &memory,
        )?;
        if regions.is_none() {
            self.link_warnings = std::mem::take(&mut rendered.warnings);
        }
        let mut warnings = computed.warnings.clone();
        warnings.extend(self.link_warnings.iter().cloned());
        warnings.sort();
        let regions = regions.map(|r| r.len());
        let previous = self.last.replace((site, computed, theme));
        Ok(Rebuilt {
            pages: memory.into_pages(),
            static_dir: rendered.static_dir,
            warnings,
            regions,
            previous,
        })
    }

    /// The pages that gather many regions (home, indicators, plans, the whole dataset,
    /// search), after a partial render of the changed regions' own pages.
    fn render_site_wide(&self) -> Result<Vec<present::Page>, Error> {
        let Some((site, computed, theme)) = &self.last else {
            return Ok(Vec::new());
        };
        let memory = present::Memory::default();
        present::render(
            site,
            computed,
            theme,
            &self.base_url,
            &self.cache,
            present::Scope::SiteWide,
            &memory,
        )?;
        Ok(memory.into_pages())
    }

    fn build(&mut self, changed: &BTreeSet<PathBuf>, saved_at: Option<Instant>) {
        let start = Instant::now();
        let figures = self.root.join("data").join("figures");
        let figures_only = !changed.is_empty() && changed.iter().all(|p| p.starts_with(&figures));
        let result = self.render(figures_only);
        let ms = start.elapsed().as_millis();
        let mut previous = None;
        let partial = match result {
            Ok(mut rebuilt) => {
                previous = rebuilt.previous.take();
                self.serve_rebuilt(rebuilt, ms, saved_at)
            }
            Err(e) => {
                self.serve_errors(&e, ms, saved_at);
                false
            }
        };
        self.shared.1.notify_all();
        drop(previous);
        if partial {
            // The open page is already reloading with the edited region's pages: now the
            // pages every region feeds.
            self.serve_site_wide();
        }
    }

    /// Serves a good build's pages and prints what it did; true when it rendered only the
    /// pages of some regions.
    fn serve_rebuilt(&mut self, rebuilt: Rebuilt, ms: u128, saved_at: Option<Instant>) -> bool {
        let Rebuilt {
            pages: rendered_pages,
            static_dir,
            warnings,
            regions,
            ..
        } = rebuilt;
        let new: Vec<&Warning> = warnings
            .iter()
            .filter(|w| !self.warnings.contains(*w))
            .collect();
        for w in &new {
            eprintln!("{}\n", self.reporter.warning(w));
        }
        self.warnings = warnings.iter().cloned().collect();
        let (lock, _) = &*self.shared;
        let mut state = lock.lock().expect("serve state");
        let rendered_files = rendered_pages.len();
        let partial = regions.is_some();
        let (fresh, changed) = state.replace_pages(rendered_pages, partial);
        let w = warnings.len();
        let drawn = if partial {
            0
        } else {
            self.cache.finish_build(true)
        };
        match (self.lang, regions) {
            (Lang::Vi, Some(n)) => println!(
                "đã dựng lại trang của {n} vùng có số liệu mới trong {ms} ms: {rendered_files} tệp, {changed} tệp đổi, {w} cảnh báo"
            ),
            (Lang::Vi, None) => println!(
                "đã dựng toàn trang trong {ms} ms: {rendered_files} tệp, {changed} tệp đổi, vẽ {drawn} ảnh chia sẻ, {w} cảnh báo"
            ),
            (Lang::En, Some(n)) => println!(
                "rebuilt the pages of {n} region(s) with new figures in {ms} ms: {rendered_files} files, {changed} changed, {w} warnings"
            ),
            (Lang::En, None) => println!(
                "built the whole site in {ms} ms: {rendered_files} files, {changed} changed, {drawn} share images drawn, {w} warnings"
            ),
        }
        state.static_dir = Some(static_dir);
        state.errors = None;
        state.version += 1;
        state.saved_at = saved_at;
        state.settling = partial;
        state.fresh = fresh;
        partial
    }

    /// Shows a failed build's errors, in the terminal and over the last good site.
    fn serve_errors(&mut self, e: &Error, ms: u128, saved_at: Option<Instant>) {
        // A failed build used nothing: the cache keeps everything for the next one.
        self.cache.finish_build(false);
        eprint!("{}", self.reporter.error(e));
        eprintln!("{}", self.reporter.summary(e.flatten().len(), 0));
        match self.lang {
            Lang::Vi => println!("dựng không được ({ms} ms): vẫn phục vụ bản tốt gần nhất"),
            Lang::En => {
                println!("build failed in {ms} ms: still serving the last good site")
            }
        }
        let (lock, _) = &*self.shared;
        let mut state = lock.lock().expect("serve state");
        state.errors = Some(self.plain.error(e));
        state.version += 1;
        state.saved_at = saved_at;
    }

    /// Renders the site-wide pages after a partial rebuild and serves them; the requests that
    /// wait for them are answered.
    fn serve_site_wide(&mut self) {
        let (lock, wake) = &*self.shared;
        let start = Instant::now();
        let result = self.render_site_wide();
        let drawn = self.cache.finish_build(false);
        let ms = start.elapsed().as_millis();
        let mut state = lock.lock().expect("serve state");
        match result {
            Ok(pages) => {
                let files = pages.len();
                let mut changed = 0;
                for page in pages {
                    if state.pages.get(&page.path).map(|b| b.as_slice()) != Some(&page.content) {
                        changed += 1;
                        state.pages.insert(page.path, Arc::new(page.content));
                    }
                }
                match self.lang {
                    Lang::Vi => println!(
                        "đã dựng lại các trang chung trong {ms} ms: {files} tệp, {changed} tệp đổi, vẽ {drawn} ảnh chia sẻ"
                    ),
                    Lang::En => println!(
                        "rebuilt the site-wide pages in {ms} ms: {files} files, {changed} changed, {drawn} share images drawn"
                    ),
                }
            }
            Err(e) => {
                eprint!("{}", self.reporter.error(&e));
                state.errors = Some(self.plain.error(&e));
                state.version += 1;
            }
        }
        state.settling = false;
        state.fresh.clear();
        drop(state);
        wake.notify_all();
    }
}
