//! Load stage: reads the site configuration, `data/` and `content/` into raw, unvalidated records
//! that remember where each value came from.

pub mod config;
pub mod content;
pub mod csv;
pub mod data;
mod source;
pub mod theme;

pub use source::SourceFile;

use crate::error::{Error, Position, Text, Warning};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// Everything read from a site folder, before validation.
#[derive(Debug)]
pub struct Input {
    pub root: PathBuf,
    pub config: config::Config,
    pub regions: data::Loaded<data::RegionsFile>,
    pub series: data::Loaded<data::SeriesFile>,
    pub indicators: data::Loaded<data::IndicatorsFile>,
    pub sources: data::Loaded<data::SourcesFile>,
    /// Shared with a `FiguresCache`, which may keep them for the next load.
    pub figures: Vec<Arc<data::Loaded<data::FiguresFile>>>,
    pub plans: Vec<content::PlanFile>,
    pub pages: Vec<content::PageFile>,
    /// Problems in rows the loader left out (a CSV cell that is not a number): errors, but
    /// validation goes on so that every problem is reported at once.
    pub problems: Vec<Error>,
    /// Files in the site's folders that are not read, and why.
    pub warnings: Vec<Warning>,
}

/// Reads the whole site folder. All syntax errors are collected, not only the first.
pub fn load(root: &Path) -> Result<Input, Error> {
    load_with(root, &FiguresCache::default())
}

/// The figures files read by earlier loads, by path, with the size and modification time they
/// had. The live preview reloads the site after every save; at national size parsing the
/// figures is most of a load, and an edit touches one file of them.
#[derive(Default)]
pub struct FiguresCache {
    files: Mutex<HashMap<PathBuf, CachedFile>>,
}

/// The figures a file gives (one per year) and the problems of rows left out.
type ReadFigures<F> = (Vec<F>, Vec<Error>);

struct CachedFile {
    stamp: (u64, SystemTime),
    figures: Vec<Arc<data::Loaded<data::FiguresFile>>>,
}

impl FiguresCache {
    /// The figures of a file, read again unless it has the size and modification time it had
    /// when cached (how make and cargo tell a changed file). Files with errors are not kept.
    fn get_or_read(
        &self,
        path: &Path,
        read: impl FnOnce() -> Result<ReadFigures<data::Loaded<data::FiguresFile>>, Error>,
    ) -> Result<ReadFigures<Arc<data::Loaded<data::FiguresFile>>>, Error> {
        let stamp = std::fs::metadata(path)
            .and_then(|m| Ok((m.len(), m.modified()?)))
            .ok();
        if let Some(stamp) = stamp {
            let files = self.files.lock().expect("figures cache");
            if let Some(cached) = files.get(path).filter(|c| c.stamp == stamp) {
                return Ok((cached.figures.clone(), Vec::new()));
            }
        }
        let (figures, problems) = read()?;
        let figures: Vec<_> = figures.into_iter().map(Arc::new).collect();
        let mut files = self.files.lock().expect("figures cache");
        match stamp {
            Some(stamp) if problems.is_empty() => {
                files.insert(
                    path.to_path_buf(),
                    CachedFile {
                        stamp,
                        figures: figures.clone(),
                    },
                );
            }
            _ => {
                files.remove(path);
            }
        }
        Ok((figures, problems))
    }

    /// Forgets the files a load did not read (deleted or renamed).
    fn keep_only(&self, paths: &[&PathBuf]) {
        let keep: std::collections::HashSet<&PathBuf> = paths.iter().copied().collect();
        self.files
            .lock()
            .expect("figures cache")
            .retain(|p, _| keep.contains(p));
    }
}

/// `load`, taking unchanged figures files from `cache`.
pub fn load_with(root: &Path, cache: &FiguresCache) -> Result<Input, Error> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let config = config::load(root).map_err(|e| errors.push(e)).ok();
    let data = root.join("data");
    let regions = data::load_file(&data.join("regions.toml")).map_err(|e| errors.push(e));
    let series = data::load_file(&data.join("series.toml")).map_err(|e| errors.push(e));
    let indicators = data::load_file(&data.join("indicators.toml")).map_err(|e| errors.push(e));
    let sources = data::load_file(&data.join("sources.toml")).map_err(|e| errors.push(e));
    // A national site has a figures file per year with a row per region and series: the
    // files are read on all cores, then taken in name order so messages keep their order.
    let numbers = config.as_ref().map(|c| c.csv_numbers).unwrap_or_default();
    // Figures saved from Excel are read as they are: no conversion step to forget, and
    // messages point at the row and column the editor typed.
    let figures_files = input_files(
        &data.join("figures"),
        &["toml", "csv"],
        &mut errors,
        &mut warnings,
    );
    let (csv_files, toml_files): (Vec<PathBuf>, Vec<PathBuf>) = figures_files
        .into_iter()
        .partition(|p| p.extension().is_some_and(|x| x == "csv"));
    let read = |path: &PathBuf, is_csv: bool| {
        cache.get_or_read(path, || {
            if is_csv {
                csv::load(path, numbers)
            } else {
                data::load_file(path).map(|f| (vec![f], Vec::new()))
            }
        })
    };
    let all: Vec<(&PathBuf, bool)> = toml_files
        .iter()
        .map(|p| (p, false))
        .chain(csv_files.iter().map(|p| (p, true)))
        .collect();
    let mut figures = Vec::new();
    let mut problems = Vec::new();
    for loaded in all
        .par_iter()
        .map(|&(path, is_csv)| read(path, is_csv))
        .collect::<Vec<_>>()
    {
        match loaded {
            Ok((years, mut bad_rows)) => {
                figures.extend(years);
                problems.append(&mut bad_rows);
            }
            Err(e) => errors.push(e),
        }
    }
    cache.keep_only(&all.iter().map(|(p, _)| *p).collect::<Vec<_>>());
    let mut plans = Vec::new();
    let plans_dir = root.join("content").join("plans");
    for path in input_files(&plans_dir, &["md"], &mut errors, &mut warnings) {
        match content::load_plan(&path) {
            Ok(p) => plans.push(p),
            Err(e) => errors.push(e),
        }
    }
    let mut pages = Vec::new();
    let pages_dir = root.join("content").join("pages");
    for path in input_files(&pages_dir, &["md"], &mut errors, &mut warnings) {
        match content::load_page(&path) {
            Ok(p) => pages.push(p),
            Err(e) => errors.push(e),
        }
    }
    // With the declarations read, a broken figures file, plan or page does not hide the
    // problems of the others: its errors go on with the rest, and validation runs on what was
    // read, so that one run lists every problem.
    match (config, regions, series, indicators, sources) {
        (Some(config), Ok(regions), Ok(series), Ok(indicators), Ok(sources)) => {
            errors.append(&mut problems);
            let problems = errors;
            Ok(Input {
                root: root.to_path_buf(),
                config,
                regions,
                series,
                indicators,
                sources,
                figures,
                plans,
                pages,
                problems,
                warnings,
            })
        }
        _ => Err(Error::from_many(errors)),
    }
}

/// The files directly in `dir` ending in one of `exts`, sorted by name so every build reads
/// them in the same order. Nothing is passed over in silence: a name that asks to be read but
/// cannot be (a link, a folder, a pipe, `.TOML`) is an error, any other file a warning; only
/// hidden files (an editor's or the system's, such as `.DS_Store`) are left alone.
fn input_files(
    dir: &Path,
    exts: &[&str],
    errors: &mut Vec<Error>,
    warnings: &mut Vec<Warning>,
) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(Error::io(dir, e.into()));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        let lower = name.to_lowercase();
        let Some(ext) = exts.iter().find(|x| lower.ends_with(&format!(".{x}"))) else {
            if !name.starts_with('.') {
                warnings.push(not_read(entry.path(), exts));
            }
            continue;
        };
        let kind = entry.file_type();
        match unreadable(&name, ext, kind) {
            Some((message, hint)) => errors.push(Error::Invalid {
                pos: Position::file(entry.path()),
                message,
                hint,
            }),
            None => out.push(entry.into_path()),
        }
    }
    out
}

/// Why a file whose name asks to be read cannot be.
fn unreadable(name: &str, ext: &str, kind: std::fs::FileType) -> Option<(Text, Text)> {
    if kind.is_symlink() {
        Some((
            Text::new(
                format!("`{name}` là một liên kết (symlink), không phải tệp"),
                format!("`{name}` is a link (symlink), not a file"),
            ),
            Text::new(
                "chép chính tệp vào đây: liên kết không được đọc vì có thể dẫn ra ngoài thư mục trang",
                "copy the file itself here: links are not followed, as they may lead outside the site",
            ),
        ))
    } else if kind.is_dir() {
        Some((
            Text::new(
                format!("`{name}` là một thư mục, không phải tệp"),
                format!("`{name}` is a folder, not a file"),
            ),
            Text::new(
                format!("đổi tên thư mục để tên không kết thúc bằng `.{ext}`, hoặc chuyển các tệp trong đó ra đây"),
                format!("rename the folder so that its name does not end in `.{ext}`, or move its files here"),
            ),
        ))
    } else if !kind.is_file() {
        Some((
            Text::new(
                format!("`{name}` không phải một tệp thông thường"),
                format!("`{name}` is not an ordinary file"),
            ),
            Text::new(
                "lưu nội dung thành một tệp thông thường",
                "save the content as an ordinary file",
            ),
        ))
    } else if !name.ends_with(&format!(".{ext}")) {
        let stem = &name[..name.len() - ext.len() - 1];
        Some((
            Text::new(
                format!("phần đuôi của `{name}` phải viết thường"),
                format!("the extension of `{name}` must be lower case"),
            ),
            Text::new(
                format!("đổi tên tệp thành `{stem}.{ext}`"),
                format!("rename the file `{stem}.{ext}`"),
            ),
        ))
    } else {
        None
    }
}

fn not_read(path: &Path, exts: &[&str]) -> Warning {
    let list = exts
        .iter()
        .map(|x| format!("`.{x}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Warning {
        pos: Position::file(path),
        message: Text::new(
            format!("tệp này không được đọc: thư mục này chỉ đọc các tệp {list}"),
            format!("this file is not read: this folder reads only {list} files"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(cache: &FiguresCache, path: &Path) -> Vec<Arc<data::Loaded<data::FiguresFile>>> {
        cache
            .get_or_read(path, || csv::load(path, config::CsvNumbers::default()))
            .unwrap()
            .0
    }

    #[test]
    fn an_unchanged_figures_file_is_not_read_again_and_an_edited_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2019.csv");
        std::fs::write(
            &path,
            "region,series,year,actual,source\nvn,bhxh,2019,100,s\n",
        )
        .unwrap();
        let cache = FiguresCache::default();
        let first = read(&cache, &path);
        let again = read(&cache, &path);
        assert!(Arc::ptr_eq(&first[0], &again[0]), "taken from the cache");

        // Another size: read again, with the new figure.
        std::fs::write(
            &path,
            "region,series,year,actual,source\nvn,bhxh,2019,1234,s\n",
        )
        .unwrap();
        let edited = read(&cache, &path);
        assert!(!Arc::ptr_eq(&first[0], &edited[0]));
        let actual = |f: &[Arc<data::Loaded<data::FiguresFile>>]| {
            f[0].data.figure[0].actual.as_ref().map(|a| *a.get_ref())
        };
        assert_eq!(actual(&edited), Some(1234.0));

        // Files a load no longer finds are forgotten.
        cache.keep_only(&[]);
        assert!(cache.files.lock().unwrap().is_empty());
    }
}
