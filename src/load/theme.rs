//! The theme: its templates and translation files read into memory, and the folder of static
//! files copied as they are.

use super::SourceFile;
use crate::error::{Error, Position, Text};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The languages of the site, in page order: Vietnamese at the root, English under `en/`.
pub const LANGUAGES: [&str; 2] = ["vi", "en"];

#[derive(Debug)]
pub struct Theme {
    /// The `templates/` folder, for positions in messages.
    pub templates_dir: PathBuf,
    /// (name relative to `templates/`, text), sorted by name.
    pub templates: Vec<(String, String)>,
    pub static_dir: PathBuf,
    /// Interface text by language code (`i18n/vi.toml`, `i18n/en.toml`): key → text.
    pub texts: BTreeMap<String, BTreeMap<String, String>>,
}

/// Reads `i18n/<lang>.toml` for every language and checks they have the same keys, so that no
/// page of one language lacks a text the other has.
fn load_texts(theme: &Path) -> Result<BTreeMap<String, BTreeMap<String, String>>, Error> {
    let mut files = Vec::new();
    for lang in LANGUAGES {
        let file = SourceFile::read(&theme.join("i18n").join(format!("{lang}.toml")))?;
        let raw: BTreeMap<Spanned<String>, String> = file.parse(&file.text)?;
        files.push((lang, file, raw));
    }
    let mut errors = Vec::new();
    for (lang, file, raw) in &files {
        for (other_lang, other_file, other) in &files {
            if lang == other_lang {
                continue;
            }
            for key in raw.keys() {
                if !other.keys().any(|k| k.get_ref() == key.get_ref()) {
                    errors.push(Error::Invalid {
                        pos: file.pos(&key.span()),
                        message: Text::new(
                            format!(
                                "`{}` chưa có bản {other_lang} trong {}",
                                key.get_ref(),
                                other_file.path.display()
                            ),
                            format!(
                                "`{}` has no {other_lang} text in {}",
                                key.get_ref(),
                                other_file.path.display()
                            ),
                        ),
                        hint: Text::new(
                            format!(
                                "thêm `{} = \"…\"` vào {} (mỗi dòng chữ giao diện có ở mọi ngôn ngữ)",
                                key.get_ref(),
                                other_file.path.display()
                            ),
                            format!(
                                "add `{} = \"…\"` to {} (every interface text exists in every language)",
                                key.get_ref(),
                                other_file.path.display()
                            ),
                        ),
                    });
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::from_many(errors));
    }
    Ok(files
        .into_iter()
        .map(|(lang, _, raw)| {
            (
                lang.to_string(),
                raw.into_iter().map(|(k, v)| (k.into_inner(), v)).collect(),
            )
        })
        .collect())
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
            message: Text::new(
                format!(
                    "giao diện `{name}` không có mẫu nào trong {}",
                    dir.display()
                ),
                format!("the theme `{name}` has no templates in {}", dir.display()),
            ),
            hint: Text::new(
                "đặt `theme` trong config.toml là một thư mục trong themes/",
                "set `theme` in config.toml to a folder under themes/",
            ),
        });
    }
    Ok(Theme {
        texts: load_texts(&theme)?,
        templates_dir: dir,
        templates,
        static_dir: theme.join("static"),
    })
}
