//! An input file's path and text, kept so that positions can be reported after parsing.

use crate::error::{Error, Position};
use serde::de::DeserializeOwned;
use std::ops::Range;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    /// Byte offset of the parsed part within `text` (front matter starts after `+++`).
    pub offset: usize,
}

impl SourceFile {
    pub fn read(path: &Path) -> Result<SourceFile, Error> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = String::from_utf8(bytes).map_err(|e| Error::Syntax {
            pos: Position::at(path, "", 0),
            message: format!(
                "the file is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
            hint: "save the file as UTF-8".into(),
        })?;
        // A byte-order mark is invisible to editors; accept it.
        let text = text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text);
        Ok(SourceFile {
            path: path.to_path_buf(),
            text,
            offset: 0,
        })
    }

    /// Position of a span reported by the TOML parser over the parsed part.
    pub fn pos(&self, span: &Range<usize>) -> Position {
        Position::at(&self.path, &self.text, self.offset + span.start)
    }

    /// Parses `part` (which starts at `self.offset` in the text) as TOML into `T`.
    pub fn parse<T: DeserializeOwned>(&self, part: &str) -> Result<T, Error> {
        toml::from_str(part).map_err(|e| {
            let pos = match e.span() {
                Some(span) => self.pos(&span),
                None => Position::at(&self.path, &self.text, self.offset),
            };
            let message = e.message().trim().to_string();
            Error::Syntax {
                hint: toml_hint(&message),
                message,
                pos,
            }
        })
    }
}

/// A hint for the common TOML mistakes editors make.
fn toml_hint(message: &str) -> String {
    let m = message.to_lowercase();
    if m.contains("unknown field") {
        "remove the key or correct its spelling; the expected keys are listed above".into()
    } else if m.contains("missing field") {
        "add the missing key".into()
    } else if m.contains("invalid type") {
        "check the value's type: text goes in double quotes, numbers without quotes or thousands separators (5122, not 5.122)".into()
    } else if m.contains("duplicate key") {
        "a key may appear once per table; remove one of them".into()
    } else {
        "check the TOML syntax: `key = value`, text in double quotes, tables as [[name]]".into()
    }
}
