//! The theme: its templates read into memory, and the folder of static files copied as they are.

use crate::error::{Error, Position};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct Theme {
    /// The `templates/` folder, for positions in messages.
    pub templates_dir: PathBuf,
    /// (name relative to `templates/`, text), sorted by name.
    pub templates: Vec<(String, String)>,
    pub static_dir: PathBuf,
}

pub fn load(root: &Path, name: &str) -> Result<Theme, Error> {
    let theme = root.join("themes").join(name);
    let dir = theme.join("templates");
    let mut templates = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io(&dir, e.into()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry
            .path()
            .strip_prefix(&dir)
            .expect("walked under dir")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        templates.push((name, text));
    }
    if templates.is_empty() {
        return Err(Error::Invalid {
            pos: Position::file(&root.join("config.toml")),
            message: format!("the theme `{name}` has no templates in {}", dir.display()),
            hint: "set `theme` in config.toml to a folder under themes/".into(),
        });
    }
    Ok(Theme {
        templates_dir: dir,
        templates,
        static_dir: theme.join("static"),
    })
}
