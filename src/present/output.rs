//! Where rendered pages go: each page as a file, the sinks that take them (the output folder,
//! memory, nowhere), and one language's pages on their way there.

use crate::error::Error;
use crate::model::RegionIdx;

/// One output file: its path under the output folder and its content.
pub struct Page {
    pub path: String,
    pub content: Vec<u8>,
}

impl Page {
    pub(super) fn text(path: String, content: String) -> Page {
        Page {
            path,
            content: content.into_bytes(),
        }
    }
}

/// Where rendered pages go as soon as they are ready: the output folder, memory for the
/// preview, or nowhere for `check`. Called from several threads at once.
pub trait Sink: Sync {
    fn put(&self, page: Page) -> Result<(), Error>;
}

/// Pages kept in memory, for the preview and for tests.
#[derive(Default)]
pub struct Memory(std::sync::Mutex<Vec<Page>>);

impl Sink for Memory {
    fn put(&self, page: Page) -> Result<(), Error> {
        self.0.lock().expect("pages").push(page);
        Ok(())
    }
}

impl Memory {
    /// The pages, in path order.
    pub fn into_pages(self) -> Vec<Page> {
        let mut pages = self.0.into_inner().expect("pages");
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        pages
    }
}

/// Pages dropped as they come: `check` renders to find errors, not to keep.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: Page) -> Result<(), Error> {
        Ok(())
    }
}

/// Pages of one language on their way to the sink: under the language's folder, their paths
/// noted for the sitemap and the link check.
pub(super) struct Out<'a> {
    pub(super) sink: &'a dyn Sink,
    pub(super) prefix: &'static str,
    pub(super) paths: std::sync::Mutex<Vec<String>>,
    /// The files of each region's own pages, for a later build to keep.
    pub(super) region_paths: std::sync::Mutex<Vec<(RegionIdx, String)>>,
}

impl Out<'_> {
    pub(super) fn put(&self, page: Page) -> Result<(), Error> {
        self.put_for(None, page)
    }
    pub(super) fn put_for(&self, region: Option<RegionIdx>, mut page: Page) -> Result<(), Error> {
        page.path = format!("{}{}", self.prefix, page.path);
        self.paths.lock().expect("paths").push(page.path.clone());
        if let Some(r) = region {
            self.region_paths
                .lock()
                .expect("paths")
                .push((r, page.path.clone()));
        }
        self.sink.put(page)
    }
}
