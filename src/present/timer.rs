//! Timings of a render's phases, on standard error when `BAOPHU_TIMINGS` is set.

use super::format::Lang;

/// Phases of a render timed on standard error when `BAOPHU_TIMINGS` is set: how the profile
/// in the README was read.
pub(super) struct Timer {
    lang: Lang,
    what: &'static str,
    at: Option<std::time::Instant>,
}

impl Timer {
    pub(super) fn start(lang: Lang, what: &'static str) -> Timer {
        Timer {
            lang,
            what,
            at: std::env::var_os("BAOPHU_TIMINGS").map(|_| std::time::Instant::now()),
        }
    }
    pub(super) fn next(self, what: &'static str) -> Timer {
        let lang = self.lang;
        self.done();
        Timer::start(lang, what)
    }
    pub(super) fn done(self) {
        if let Some(at) = self.at {
            eprintln!(
                "[{}] {}: {} ms",
                self.lang.code(),
                self.what,
                at.elapsed().as_millis()
            );
        }
    }
}
