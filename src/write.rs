//! Write stage: puts the rendered pages, as they come, and the theme's static files in the
//! output folder. Everything is written to a fresh folder beside it first and swapped in only
//! when complete, so a failed build leaves the previous output untouched.

use crate::error::{Error, Position, Text};
use crate::present::{Page, Sink};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Marks a folder as baophu's output, so that a build never replaces a folder it did not write.
pub const MARKER: &str = ".baophu-output";

/// Marks a folder as a build's staging folder while it is written, so that the leftovers of a
/// killed build can be told apart from anything else beside the output.
const STAGING_MARKER: &str = ".baophu-staging";

/// What a file of the output held when it was written: checked before a build keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub size: u64,
    pub hash: u128,
}

impl FileStamp {
    pub fn of(bytes: &[u8]) -> FileStamp {
        FileStamp {
            size: bytes.len() as u64,
            hash: xxhash_rust::xxh3::xxh3_128(bytes),
        }
    }
}

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
    /// Every file put in the folder, with what it holds, for the next build to check.
    files: Mutex<Vec<(String, FileStamp)>>,
    finished: bool,
}

impl Staging {
    pub fn begin(output: &Path) -> Result<Staging, Error> {
        let output = &resolve_link(output)?;
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
        remove_leftovers(&parent, &name);
        let dir = parent.join(format!(".{name}.new-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        fs::write(dir.join(STAGING_MARKER), "").map_err(|e| Error::io(&dir, e))?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            parent,
            name,
            made: Mutex::new(HashSet::new()),
            files: Mutex::new(Vec::new()),
            finished: false,
        })
    }

    /// The folder the build replaces (a link to a folder is followed).
    pub fn output(&self) -> &Path {
        &self.output
    }

    fn record(&self, path: &str, stamp: FileStamp) {
        self.files
            .lock()
            .expect("files")
            .push((path.to_string(), stamp));
    }

    /// Takes a file of the previous output as it is: a hard link, so nothing is copied. Only
    /// files `verify` found as they were written may be kept.
    pub fn keep(&self, previous: &Path, path: &str, stamp: FileStamp) -> Result<(), Error> {
        let to = self.dir.join(path);
        self.make_parent(&to)?;
        let from = previous.join(path);
        fs::hard_link(&from, &to)
            .or_else(|_| fs::copy(&from, &to).map(|_| ()))
            .map_err(|e| Error::io(&from, e))?;
        self.record(path, stamp);
        Ok(())
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

    /// Adds the theme's static files and swaps the new output in. Returns every file of the
    /// output with what it holds, in path order.
    pub fn finish(mut self, static_dir: &Path) -> Result<Vec<(String, FileStamp)>, Error> {
        if static_dir.is_dir() {
            for (path, bytes) in copy_dir(static_dir, &self.dir.join("static"))? {
                self.record(&format!("static/{path}"), FileStamp::of(&bytes));
            }
        }
        fs::write(self.dir.join(MARKER), "").map_err(|e| Error::io(&self.dir, e))?;
        self.record(MARKER, FileStamp::of(b""));
        fs::remove_file(self.dir.join(STAGING_MARKER)).map_err(|e| Error::io(&self.dir, e))?;
        swap(&self.dir, &self.output, &self.parent, &self.name)?;
        self.finished = true;
        let mut files = std::mem::take(&mut *self.files.lock().expect("files"));
        files.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(files)
    }
}

/// True when `output` holds exactly the files `recorded`, each with the size and content it
/// was written with: only then may a build keep any of it. A file changed by hand, a file
/// another site's build wrote, or anything unknown means the output is written anew.
pub fn verify(output: &Path, recorded: &HashMap<&str, FileStamp>) -> bool {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(output).min_depth(1) {
        let Ok(entry) = entry else { return false };
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            return false;
        }
        let Some(path) = relative(output, entry.path()) else {
            return false;
        };
        match recorded.get(path.as_str()) {
            Some(stamp) => found.push((entry.into_path(), *stamp)),
            None => return false,
        }
    }
    found.len() == recorded.len()
        && found.par_iter().all(|(path, stamp)| {
            fs::metadata(path).is_ok_and(|m| m.len() == stamp.size)
                && fs::read(path).is_ok_and(|bytes| FileStamp::of(&bytes) == *stamp)
        })
}

/// A path under `root` as the output names its files: `/`-separated, UTF-8.
fn relative(root: &Path, path: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = path
        .strip_prefix(root)
        .ok()?
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    Some(parts?.join("/"))
}

impl Sink for Staging {
    fn put(&self, page: Page) -> Result<(), Error> {
        let path = self.dir.join(&page.path);
        self.make_parent(&path)?;
        fs::write(&path, &page.content).map_err(|e| Error::io(&path, e))?;
        self.record(&page.path, FileStamp::of(page.content.as_ref()));
        Ok(())
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

/// Copies a folder, returning each file copied (its path under `from`) with its bytes.
fn copy_dir(from: &Path, to: &Path) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let mut copied = Vec::new();
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io(from, e.into()))?;
        let target: PathBuf = to.join(entry.path().strip_prefix(from).expect("walked under from"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).map_err(|e| Error::io(&target, e))?;
        } else {
            let bytes = fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            fs::write(&target, &bytes).map_err(|e| Error::io(&target, e))?;
            let name = relative(from, entry.path()).ok_or_else(|| {
                Error::io(
                    entry.path(),
                    std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8"),
                )
            })?;
            copied.push((name, bytes));
        }
    }
    Ok(copied)
}

/// An output given as a link to a folder is the folder: the build replaces what it links to
/// and the link stays.
fn resolve_link(output: &Path) -> Result<PathBuf, Error> {
    match fs::symlink_metadata(output) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(output).map_err(|e| Error::io(output, e))
        }
        _ => Ok(output.to_path_buf()),
    }
}

/// Removes what killed builds of this output left beside it: folders named as this program
/// names its staging and old folders, holding one of its markers, of a process that is gone.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let (new, old) = (format!(".{name}.new-"), format!(".{name}.old-"));
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let Some(pid) = file_name
            .strip_prefix(&new)
            .or_else(|| file_name.strip_prefix(&old))
        else {
            continue;
        };
        let path = entry.path();
        let ours = !pid.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
            && entry.file_type().is_ok_and(|t| t.is_dir())
            && (path.join(STAGING_MARKER).is_file() || path.join(MARKER).is_file());
        if ours && !process_alive(pid) {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// Whether a build with this process id may still be writing (Linux: `/proc`). Without
/// `/proc`, only this process's own leftovers are known to be dead.
fn process_alive(pid: &str) -> bool {
    if pid == std::process::id().to_string() {
        return false;
    }
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid).exists()
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
