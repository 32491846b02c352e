//! The editors' guide documents everything an editor may write: every key of every block the
//! loaders accept is named in it, in backticks. The keys are read from the loaders' own types,
//! so a key added to the code and not to the guide fails here.

mod common;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use std::fmt;

/// A deserializer that records the field names a struct asks for, then stops.
struct Fields(Vec<&'static str>);

#[derive(Debug)]
struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("stop")
    }
}
impl std::error::Error for Stop {}
impl de::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Stop
    }
}

impl<'de> Deserializer<'de> for &mut Fields {
    type Error = Stop;
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Stop> {
        self.0.extend_from_slice(fields);
        Err(Stop)
    }
    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

fn keys<T: for<'de> Deserialize<'de>>() -> Vec<&'static str> {
    let mut f = Fields(Vec::new());
    let _ = T::deserialize(&mut f);
    assert!(!f.0.is_empty(), "no fields recorded");
    f.0
}

#[test]
fn the_editors_guide_names_every_key_of_the_data_and_content_files() {
    use baophu::load::{content, data};
    let guide = std::fs::read_to_string(common::repo().join("content/pages/huong-dan-bien-tap.md"))
        .unwrap();
    let blocks: [(&str, Vec<&str>); 7] = [
        ("[[region]]", keys::<data::RawRegion>()),
        ("[[series]]", keys::<data::RawSeries>()),
        ("[[indicator]]", keys::<data::RawIndicator>()),
        ("[[source]]", keys::<data::RawSource>()),
        ("[[figure]]", keys::<data::RawFigure>()),
        ("[[target]]", keys::<content::RawTarget>()),
        ("[[printed]]", keys::<content::RawPrinted>()),
    ];
    let mut missing = Vec::new();
    for (block, keys) in &blocks {
        for key in keys {
            if !guide.contains(&format!("`{key}`")) && !guide.contains(&format!("`{key} =")) {
                missing.push(format!("{block} {key}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys the guide does not name: {missing:?}"
    );
}
