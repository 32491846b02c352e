//! Share images: a 1200×630 PNG for each page, with its title, its headline figure and its
//! headline chart, for the previews Facebook, Zalo and X show. Drawn from SVG by resvg with the
//! chart font registered (without one, resvg silently drops every letter); no browser.

use super::chart::{text_width, FONT, FONT_FAMILY};
use super::escape;
use resvg::{tiny_skia, usvg};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;
/// Where the headline figure is drawn: tests look for ink there.
pub const FIGURE_BOX: (u32, u32, u32, u32) = (60, 250, 540, 350);
const MARGIN: i32 = 60;

/// What a share image shows.
pub struct Card<'a> {
    pub site_title: &'a str,
    pub title: &'a str,
    /// The headline figure as the page writes it, and what it is.
    pub figure: Option<String>,
    pub caption: String,
    /// A chart of the page, as drawn for it.
    pub chart: Option<&'a str>,
    /// The site's address, printed at the foot.
    pub address: &'a str,
}

fn options() -> &'static usvg::Options<'static> {
    static OPTIONS: OnceLock<usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT.to_vec());
        db.set_sans_serif_family(FONT_FAMILY);
        usvg::Options {
            font_family: FONT_FAMILY.into(),
            fontdb: Arc::new(db),
            ..usvg::Options::default()
        }
    })
}

/// Splits `text` into at most `lines` lines that fit `width` at `size`; the last is shortened.
fn wrap(text: &str, size: u32, width: i32, lines: usize) -> Vec<String> {
    // Measured at the size plotters would use for the same drawn height.
    let measure = |t: &str| text_width(t, size * 124 / 100);
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if measure(&candidate) <= width || current.is_empty() {
            current = candidate;
        } else {
            out.push(std::mem::replace(&mut current, word.to_string()));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    if out.len() > lines {
        out.truncate(lines);
        let last = out.last_mut().expect("at least one line");
        while measure(&format!("{last}…")) > width && last.pop().is_some() {}
        last.push('…');
    }
    out
}

/// The card as SVG: text on the left, the chart on the right.
pub fn card_svg(card: &Card) -> String {
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-family=\"{FONT_FAMILY}\"><rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#FFFFFF\"/><rect width=\"{WIDTH}\" height=\"14\" fill=\"#0072B2\"/>"
    );
    let text = |svg: &mut String, x: i32, y: i32, size: u32, fill: &str, t: &str| {
        svg.push_str(&format!(
            "<text x=\"{x}\" y=\"{y}\" font-size=\"{size}\" fill=\"{fill}\">{}</text>",
            escape(t)
        ));
    };
    text(&mut svg, MARGIN, 72, 28, "#555555", card.site_title);
    let title_lines = wrap(card.title, 50, WIDTH as i32 - 2 * MARGIN, 2);
    for (n, line) in title_lines.iter().enumerate() {
        text(&mut svg, MARGIN, 140 + 60 * n as i32, 50, "#222222", line);
    }
    let (fx, fy, fw, _) = FIGURE_BOX;
    if let Some(figure) = &card.figure {
        let size = if text_width(figure, 96 * 124 / 100) > fw as i32 {
            64
        } else {
            96
        };
        text(&mut svg, fx as i32, fy as i32 + 84, size, "#0072B2", figure);
    }
    for (n, line) in wrap(&card.caption, 30, fw as i32, 3).iter().enumerate() {
        text(&mut svg, MARGIN, 400 + 40 * n as i32, 30, "#333333", line);
    }
    text(
        &mut svg,
        MARGIN,
        HEIGHT as i32 - 40,
        24,
        "#555555",
        card.address,
    );
    if let Some(chart) = card.chart {
        // The page's chart, scaled into the right half.
        let chart = chart.replacen(
            "<svg ",
            "<svg x=\"600\" y=\"250\" width=\"560\" height=\"340\" ",
            1,
        );
        svg.push_str(&chart);
    }
    svg.push_str("</svg>");
    svg
}

/// The card drawn as PNG.
pub fn render(card: &Card) -> Result<Vec<u8>, String> {
    draw(&card_svg(card))
}

/// A square icon (the theme's `favicon.svg`) drawn as a PNG of `size` pixels, for the web app
/// manifest and phones' home screens, which do not all take SVG.
pub fn icon_png(svg: &str, size: u32) -> Result<Vec<u8>, String> {
    let tree = usvg::Tree::from_str(svg, options()).map_err(|e| e.to_string())?;
    let mut pixmap =
        tiny_skia::Pixmap::new(size, size).ok_or("cannot allocate the image".to_string())?;
    let scale = size as f32 / tree.size().width().max(tree.size().height());
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| e.to_string())
}

fn draw(svg: &str) -> Result<Vec<u8>, String> {
    let tree = usvg::Tree::from_str(svg, options()).map_err(|e| e.to_string())?;
    let mut pixmap =
        tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("cannot allocate the image".to_string())?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    encode(&pixmap)
}

/// PNG of the card. The card's background is opaque white, so every pixel's alpha is 255: its
/// premultiplied colour is its colour and the alpha channel carries nothing; RGB with fast
/// deflate (the flat card compresses well with it) takes a third of the time of tiny-skia's
/// RGBA default.
fn encode(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, String> {
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::with_capacity(64 * 1024);
    let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(&rgb).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

/// The name of a card's image in the cache: the fingerprint of the SVG it is drawn from.
fn key(svg: &str) -> String {
    crate::fingerprint::Fingerprint::of(svg.as_bytes()).hex()
}

/// Share images drawn by earlier builds, by the SVG they were drawn from: drawing is most of a
/// build's work, and a rebuild needs only the cards whose content changed. In memory (the
/// preview) it holds the images of the last build; on disk (`build`, in the site's
/// `.baophu-cache/`) a whole build removes the images it did not use.
#[derive(Default)]
pub struct ShareCache {
    state: Mutex<CacheState>,
    dir: Option<PathBuf>,
    /// For `check`, which keeps no file: the cards are composed, not drawn.
    skip: bool,
}

#[derive(Default)]
struct CacheState {
    previous: HashMap<String, Arc<Vec<u8>>>,
    current: HashMap<String, Arc<Vec<u8>>>,
    /// Names of the images on disk this build used.
    used: HashSet<String>,
    drawn: usize,
}

impl ShareCache {
    /// A cache kept in `dir` between builds.
    pub fn on_disk(dir: PathBuf) -> ShareCache {
        ShareCache {
            state: Mutex::default(),
            dir: Some(dir),
            skip: false,
        }
    }

    /// Composes every card but draws none: the images are not kept.
    pub fn not_drawn() -> ShareCache {
        ShareCache {
            skip: true,
            ..ShareCache::default()
        }
    }

    /// The card's PNG, drawn only when no earlier build drew the same card.
    pub fn render(&self, card: &Card) -> Result<Arc<Vec<u8>>, String> {
        let svg = card_svg(card);
        if self.skip {
            return Ok(Arc::new(Vec::new()));
        }
        if let Some(dir) = &self.dir {
            let name = format!("{}.png", key(&svg));
            let path = dir.join(&name);
            self.state
                .lock()
                .expect("share cache")
                .used
                .insert(name.clone());
            if let Ok(png) = std::fs::read(&path) {
                return Ok(Arc::new(png));
            }
            let png = draw(&svg)?;
            self.state.lock().expect("share cache").drawn += 1;
            // A cache that cannot be written only costs the next build time.
            if std::fs::create_dir_all(dir).is_ok() {
                let partial = dir.join(format!(
                    ".{name}.{}.{:?}",
                    std::process::id(),
                    std::thread::current().id()
                ));
                if std::fs::write(&partial, &png).is_ok() {
                    let _ = std::fs::rename(&partial, &path);
                }
            }
            return Ok(Arc::new(png));
        }
        {
            let mut state = self.state.lock().expect("share cache");
            if let Some(png) = state.current.get(&svg).cloned() {
                return Ok(png);
            }
            if let Some(png) = state.previous.remove(&svg) {
                state.current.insert(svg, png.clone());
                return Ok(png);
            }
        }
        // Drawn outside the lock, so that cards are drawn on all cores.
        let png = Arc::new(draw(&svg)?);
        let mut state = self.state.lock().expect("share cache");
        state.drawn += 1;
        state.current.insert(svg, png.clone());
        Ok(png)
    }

    /// Ends a build: after a build of the whole site, what it did not use is forgotten; a
    /// partial build keeps everything, since the pages it did not render still show their
    /// images. Returns how many images the build drew.
    pub fn finish_build(&self, whole_site: bool) -> usize {
        let mut state = self.state.lock().expect("share cache");
        let current = std::mem::take(&mut state.current);
        let used = std::mem::take(&mut state.used);
        if whole_site {
            state.previous = current;
            if let Some(entries) = self.dir.as_ref().and_then(|d| std::fs::read_dir(d).ok()) {
                for entry in entries.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if !used.contains(&name) {
                        let _ = std::fs::remove_file(entry.path());
                    }
                }
            }
        } else {
            state.previous.extend(current);
        }
        std::mem::take(&mut state.drawn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_wrap_and_are_shortened() {
        let lines = wrap(
            "Kế hoạch phát triển đối tượng tham gia bảo hiểm xã hội, bảo hiểm thất nghiệp trên địa bàn huyện Hướng Hóa năm 2020 và các năm tiếp theo cho đến hết 2030",
            50,
            1080,
            2,
        );
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert_eq!(wrap("Hướng Hóa", 50, 1080, 2), vec!["Hướng Hóa"]);
    }

    #[test]
    fn the_figure_is_drawn_in_the_registered_font() {
        let card = Card {
            site_title: "Bao phủ",
            title: "Hướng Hóa",
            figure: Some("5.122".into()),
            caption: "Người tham gia BHXH, năm 2019".into(),
            chart: None,
            address: "example.org",
        };
        let png = render(&card).unwrap();
        let pixmap = tiny_skia::Pixmap::decode_png(&png).unwrap();
        let (x, y, w, h) = FIGURE_BOX;
        let blue = (y..y + h)
            .flat_map(|row| (x..x + w).map(move |col| (col, row)))
            .filter(|(col, row)| {
                let p = pixmap.pixel(*col, *row).unwrap();
                p.blue() > 150 && p.red() < 80
            })
            .count();
        assert!(
            blue > 2000,
            "the figure's letters are drawn: {blue} blue pixels"
        );
    }
}
