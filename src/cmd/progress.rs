//! A progress line for long builds on a terminal: the stage, the regions rendered of all, the
//! time elapsed. It appears after a second of work, and never when standard error is not a
//! terminal, so that CI logs and redirected output stay clean.

use crate::error::Error;
use crate::present::format::Lang;
use crate::present::{Page, Sink};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::OnceLock;
use std::time::Duration;

static LANGUAGE: OnceLock<Lang> = OnceLock::new();

/// The language of the progress line (the command line's `--lang`); Vietnamese unless set.
pub fn set_language(lang: Lang) {
    let _ = LANGUAGE.set(lang);
}

fn words(vi: &'static str, en: &'static str) -> &'static str {
    match LANGUAGE.get() {
        Some(Lang::En) => en,
        _ => vi,
    }
}

/// How long work goes on before the line appears.
const DELAY: Duration = Duration::from_secs(1);

pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// Starts the clock; the line shows itself after [`DELAY`] on a terminal.
    pub fn start() -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} [{elapsed}]").expect("a fixed template"),
        );
        bar.set_message(words(
            "đọc, kiểm tra và tính số liệu",
            "reading, checking, computing",
        ));
        if std::io::stderr().is_terminal() {
            let shown = bar.clone();
            std::thread::spawn(move || {
                std::thread::sleep(DELAY);
                if !shown.is_finished() {
                    shown.set_draw_target(ProgressDrawTarget::stderr());
                    shown.enable_steady_tick(Duration::from_millis(120));
                }
            });
        }
        Progress { bar }
    }

    /// The rendering stage, with the number of regions whose pages are rendered.
    pub fn rendering(&self, regions: usize) {
        self.bar.set_length(regions as u64);
        self.bar.set_style(
            ProgressStyle::with_template(match LANGUAGE.get() {
                Some(Lang::En) => "{spinner} {msg}: {pos}/{len} regions [{elapsed}]",
                _ => "{spinner} {msg}: {pos}/{len} vùng [{elapsed}]",
            })
            .expect("a fixed template"),
        );
        self.bar.set_message(words("dựng trang", "rendering pages"));
    }

    /// Counts the pages going to `inner`: a region's Vietnamese page is a region rendered.
    pub fn counting<'a>(&'a self, inner: &'a dyn Sink) -> Counting<'a> {
        Counting {
            inner,
            bar: &self.bar,
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

pub struct Counting<'a> {
    inner: &'a dyn Sink,
    bar: &'a ProgressBar,
}

impl Sink for Counting<'_> {
    fn put(&self, page: Page) -> Result<(), Error> {
        let region_page = page
            .path
            .strip_prefix("vung/")
            .and_then(|rest| rest.strip_suffix("/index.html"))
            .is_some_and(|code| !code.contains('/'));
        self.inner.put(page)?;
        if region_page {
            self.bar.inc(1);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::Memory;

    #[test]
    fn regions_rendered_are_counted_by_their_own_page() {
        let progress = Progress::start();
        progress.rendering(3);
        let memory = Memory::default();
        let sink = progress.counting(&memory);
        for path in [
            "vung/vn/index.html",
            "vung/vn/so-lieu.csv",
            "vung/vn/nhung/c1/index.html",
            "en/vung/vn/index.html",
            "vung/huong-hoa/index.html",
        ] {
            sink.put(Page {
                path: path.into(),
                content: Vec::new(),
            })
            .unwrap();
        }
        assert_eq!(progress.bar.position(), 2);
        assert_eq!(memory.into_pages().len(), 5, "every page goes through");
    }
}
