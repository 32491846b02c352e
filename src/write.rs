//! Write stage: puts the rendered pages, as they come, and the theme's static files in the
//! output folder. Everything is written to a fresh folder beside it first and swapped in only
//! when complete, so a failed build leaves the previous output untouched.

use crate::error::{Error, Position, Text};
use crate::present::{Page, Sink};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Marks a folder as baophu's output, so that a build never replaces a folder it did not write.
pub const MARKER: &str = ".baophu-output";

/// The output folder being written: pages go into a fresh folder beside it as they are
/// rendered, and `finish` swaps it in. Dropped unfinished (an error, denied warnings), the fresh
/// folder is removed and the previous output stays as it was.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    parent: PathBuf,
    name: String,
    /// Folders already made, so that each page does not ask the file system again.
    made: Mutex<HashSet<PathBuf>>,
    finished: bool,
}

impl Staging {
    pub fn begin(output: &Path) -> Result<Staging, Error> {
        check_replaceable(output)?;
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.new-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            parent,
            name,
            made: Mutex::new(HashSet::new()),
            finished: false,
        })
    }

    /// Takes a file of the previous output as it is: a hard link, so nothing is copied.
    pub fn keep(&self, previous: &Path, path: &str) -> Result<(), Error> {
        let to = self.dir.join(path);
        self.make_parent(&to)?;
        let from = previous.join(path);
        fs::hard_link(&from, &to)
            .or_else(|_| fs::copy(&from, &to).map(|_| ()))
            .map_err(|e| Error::io(&from, e))
    }

    fn make_parent(&self, path: &Path) -> Result<(), Error> {
        let Some(folder) = path.parent() else {
            return Ok(());
        };
        if self.made.lock().expect("folders").contains(folder) {
            return Ok(());
        }
        // Made outside the lock, so that threads writing into other folders do not wait on
        // this one's `mkdir`; two threads making the same folder at once is harmless, as
        // `create_dir_all` takes a folder that exists as made.
        fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
        self.made
            .lock()
            .expect("folders")
            .insert(folder.to_path_buf());
        Ok(())
    }

    /// Adds the theme's static files and swaps the new output in.
    pub fn finish(mut self, static_dir: &Path) -> Result<(), Error> {
        if static_dir.is_dir() {
            copy_dir(static_dir, &self.dir.join("static"))?;
        }
        fs::write(self.dir.join(MARKER), "").map_err(|e| Error::io(&self.dir, e))?;
        swap(&self.dir, &self.output, &self.parent, &self.name)?;
        self.finished = true;
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, page: Page) -> Result<(), Error> {
        let path = self.dir.join(&page.path);
        self.make_parent(&path)?;
        fs::write(&path, &page.content).map_err(|e| Error::io(&path, e))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn check_replaceable(output: &Path) -> Result<(), Error> {
    if !output.exists() {
        return Ok(());
    }
    if !output.is_dir() {
        return Err(Error::Invalid {
            pos: Position::file(output),
            message: Text::new(
                "nơi xuất là một tệp, không phải thư mục",
                "the output is a file, not a folder",
            ),
            hint: Text::new(
                "chọn một thư mục cho --output",
                "choose a folder for --output",
            ),
        });
    }
    let empty = fs::read_dir(output)
        .map_err(|e| Error::io(output, e))?
        .next()
        .is_none();
    if !output.is_dir() || !(empty || output.join(MARKER).exists()) {
        return Err(Error::Invalid {
            pos: Position::file(output),
            message: Text::new(
                "thư mục xuất đã có và không do baophu ghi",
                "the output folder exists and was not written by baophu",
            ),
            hint: Text::new(
                "chọn thư mục --output khác, hoặc tự xóa thư mục này",
                "choose another --output folder, or delete this one yourself",
            ),
        });
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), Error> {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io(from, e.into()))?;
        let target: PathBuf = to.join(entry.path().strip_prefix(from).expect("walked under from"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).map_err(|e| Error::io(&target, e))?;
        } else {
            fs::copy(entry.path(), &target).map_err(|e| Error::io(&target, e))?;
        }
    }
    Ok(())
}

/// Moves the old output aside, the new one in, then deletes the old one.
fn swap(staging: &Path, output: &Path, parent: &Path, name: &str) -> Result<(), Error> {
    if output.exists() {
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        fs::rename(output, &old).map_err(|e| Error::io(output, e))?;
        if let Err(e) = fs::rename(staging, output) {
            // Put the previous site back rather than leave nothing.
            let _ = fs::rename(&old, output);
            return Err(Error::io(output, e));
        }
        // The new site is in place; a copy of the old one that cannot be removed does no harm.
        let _ = fs::remove_dir_all(&old);
    } else {
        fs::rename(staging, output).map_err(|e| Error::io(output, e))?;
    }
    Ok(())
}
