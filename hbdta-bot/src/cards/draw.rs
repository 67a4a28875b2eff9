//! A [`Picture`] as SVG (written here, every text escaped, no images, no links), then as PNG
//! through resvg with the fonts built into the binary (`assets/fonts/`).

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg;
use std::fmt::Write as _;
use unicode_segmentation::UnicodeSegmentation;

use crate::conversation::picture::{LastMatchPicture, StatsPicture};
use crate::conversation::{Picture, thousands};

/// Every picture is this wide…
pub const WIDTH: u32 = 800;
/// …and this high (1.91:1, what Messenger's generic template shows whole).
pub const HEIGHT: u32 = 418;

/// The page behind everything.
pub const BACKGROUND: [u8; 3] = [0x16, 0x1a, 0x22];
/// A hero bar's track.
pub const TRACK: [u8; 3] = [0x2b, 0x31, 0x3c];
/// A win: the bar of a hero won more often than not, a won game in the strip.
pub const WIN: [u8; 3] = [0x3f, 0xb9, 0x50];
/// A loss.
pub const LOSS: [u8; 3] = [0xe5, 0x48, 0x4d];
/// A result OpenDota does not know.
pub const UNKNOWN: [u8; 3] = [0x6e, 0x76, 0x81];

/// Left edge of the hero bars.
pub const BAR_X: u32 = 250;
/// The longest bar (the most played hero).
pub const BAR_WIDTH: u32 = 330;
/// Top of the first bar; the next are [`BAR_STEP`] lower.
pub const BAR_Y: u32 = 168;
/// A bar's height.
pub const BAR_HEIGHT: u32 = 26;
/// From one bar to the next.
pub const BAR_STEP: u32 = 38;
/// Top of the results strip.
pub const STRIP_Y: u32 = 372;
/// Left edge of the first result (the newest).
pub const STRIP_X: u32 = 32;
/// From one result to the next.
pub const STRIP_STEP: u32 = 30;
/// A result's square.
pub const STRIP_SIZE: u32 = 24;

const FONTS: &str = "'Noto Sans', 'Droid Sans Fallback', 'Noto Emoji'";

/// Why a picture could not be drawn (a bug, not bad input: every input is escaped).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DrawError {
    /// The SVG did not parse.
    #[error("the card's SVG did not parse: {0}")]
    Svg(#[from] usvg::Error),
    /// No pixmap of that size.
    #[error("no {WIDTH}×{HEIGHT} pixmap")]
    Pixmap,
    /// PNG encoding failed.
    #[error("PNG encoding failed: {0}")]
    Png(String),
}

/// The picture as a PNG.
///
/// # Errors
///
/// [`DrawError`] if the drawing failed (it should not).
pub fn png(picture: &Picture) -> Result<Vec<u8>, DrawError> {
    let mut pixmap = Pixmap::new(WIDTH, HEIGHT).ok_or(DrawError::Pixmap)?;
    png_on(picture, &mut pixmap)
}

/// The picture as a PNG, drawn on `pixmap` (cleared first; [`WIDTH`] × [`HEIGHT`]): the drawing
/// thread keeps one, rather than allocating 1.3 MB a card.
///
/// # Errors
///
/// [`DrawError`] if the drawing failed (it should not), or `pixmap` is of another size.
pub fn png_on(picture: &Picture, pixmap: &mut Pixmap) -> Result<Vec<u8>, DrawError> {
    if (pixmap.width(), pixmap.height()) != (WIDTH, HEIGHT) {
        return Err(DrawError::Pixmap);
    }
    pixmap.fill(resvg::tiny_skia::Color::TRANSPARENT);
    let svg = svg(picture);
    let options = usvg::Options {
        fontdb: super::fonts::database(),
        font_family: "Noto Sans".to_owned(),
        // No images at all: nothing on a card is loaded from anywhere.
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&svg, &options)?;
    resvg::render(&tree, Transform::identity(), &mut pixmap.as_mut());
    drop(tree);
    encode(pixmap).map_err(|e| DrawError::Png(e.to_string()))
}

/// The pixmap as an RGB PNG, row by row. Every card is opaque (the background covers it), so
/// its premultiplied pixels are plain colours and the alpha channel can go: no copy of the
/// pixmap, and a quarter fewer bytes to compress.
fn encode(pixmap: &Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::with_capacity(64 * 1024);
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    let mut stream = writer.stream_writer()?;
    let mut row = Vec::with_capacity(pixmap.width() as usize * 3);
    for pixels in pixmap.data().chunks_exact(pixmap.width() as usize * 4) {
        row.clear();
        for rgba in pixels.chunks_exact(4) {
            row.extend_from_slice(&rgba[..3]);
        }
        std::io::Write::write_all(&mut stream, &row)?;
    }
    stream.finish()?;
    writer.finish()?;
    // The cache weighs a PNG by its length: hold no more than that.
    out.shrink_to_fit();
    Ok(out)
}

/// The picture as SVG.
#[must_use]
pub fn svg(picture: &Picture) -> String {
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONTS}"><rect width="{WIDTH}" height="{HEIGHT}" fill="{}"/>"#,
        hex(BACKGROUND)
    );
    match picture {
        Picture::Stats(stats) => draw_stats(&mut svg, stats),
        Picture::LastMatch(last) => draw_last_match(&mut svg, last),
    }
    let _ = write!(
        svg,
        r##"<text x="{}" y="{}" font-size="14" fill="#6e7681" text-anchor="end">hbdta · data from OpenDota</text></svg>"##,
        WIDTH - 24,
        HEIGHT - 10
    );
    svg
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Text for XML: `&`, `<`, `>`, quotes escaped; control characters dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// At most `max` graphemes, `…` when cut.
fn clip(text: &str, max: usize) -> String {
    let graphemes: Vec<&str> = text.graphemes(true).collect();
    if graphemes.len() <= max {
        return text.to_owned();
    }
    let mut out: String = graphemes[..max.saturating_sub(1)].concat();
    out.push('…');
    out
}

#[allow(clippy::cast_precision_loss, reason = "game counts are far below 2^52")]
fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "–".to_owned();
    }
    format!("{:.1}%", part as f64 * 100.0 / whole as f64)
}

fn text(svg: &mut String, x: u32, y: u32, size: u32, fill: &str, weight: &str, body: &str) {
    let _ = write!(
        svg,
        r#"<text x="{x}" y="{y}" font-size="{size}" fill="{fill}" font-weight="{weight}">{}</text>"#,
        escape(body)
    );
}

fn rect(svg: &mut String, x: u32, y: u32, width: u32, height: u32, fill: [u8; 3]) {
    let _ = write!(
        svg,
        r#"<rect x="{x}" y="{y}" width="{width}" height="{height}" rx="4" fill="{}"/>"#,
        hex(fill)
    );
}

/// Name, rank, record; the top five heroes as bars as long as their games (the longest is the
/// most played), green when won at least half the time, red otherwise, with games and win
/// rate beside; the last 20 results as squares, newest on the left.
fn draw_stats(svg: &mut String, stats: &StatsPicture) {
    text(svg, 32, 62, 38, "#f0f3f6", "bold", &clip(&stats.name, 28));
    text(svg, 32, 98, 22, "#d4a94f", "normal", &clip(&stats.rank, 40));
    let games = stats.wins + stats.losses;
    let record = format!(
        "{} W – {} L · {} wins over {} games",
        thousands(stats.wins),
        thousands(stats.losses),
        percent(stats.wins, games),
        thousands(games)
    );
    text(svg, 32, 132, 20, "#c9d1d9", "normal", &record);
    let most = stats
        .heroes
        .iter()
        .map(|h| h.games)
        .max()
        .unwrap_or(0)
        .max(1);
    for (row, hero) in (0u32..).zip(stats.heroes.iter().take(5)) {
        let y = BAR_Y + row * BAR_STEP;
        text(
            svg,
            32,
            y + 20,
            18,
            "#e6edf3",
            "normal",
            &clip(&hero.hero, 20),
        );
        rect(svg, BAR_X, y, BAR_WIDTH, BAR_HEIGHT, TRACK);
        let length = u32::try_from(u64::from(hero.games) * u64::from(BAR_WIDTH) / u64::from(most))
            .unwrap_or(BAR_WIDTH)
            .max(4);
        let colour = if u64::from(hero.wins) * 2 >= u64::from(hero.games) {
            WIN
        } else {
            LOSS
        };
        rect(svg, BAR_X, y, length, BAR_HEIGHT, colour);
        let label = format!(
            "{} · {}",
            thousands(u64::from(hero.games)),
            percent(u64::from(hero.wins), u64::from(hero.games))
        );
        text(
            svg,
            BAR_X + BAR_WIDTH + 12,
            y + 19,
            16,
            "#c9d1d9",
            "normal",
            &label,
        );
    }
    text(
        svg,
        STRIP_X,
        STRIP_Y - 8,
        15,
        "#8b949e",
        "normal",
        "Last 20 matches (newest first)",
    );
    for (n, result) in (0u32..).zip(stats.results.chars().take(20)) {
        let colour = match result {
            'W' => WIN,
            'L' => LOSS,
            _ => UNKNOWN,
        };
        rect(
            svg,
            STRIP_X + n * STRIP_STEP,
            STRIP_Y,
            STRIP_SIZE,
            STRIP_SIZE,
            colour,
        );
    }
}

/// Won or lost (the colour of the band on the left), hero and side, the player, K/D/A in big
/// figures, length, mode and when, economy, the final items as tiles.
fn draw_last_match(svg: &mut String, last: &LastMatchPicture) {
    let (colour, verdict) = match last.won {
        Some(true) => (WIN, "Won"),
        Some(false) => (LOSS, "Lost"),
        None => (UNKNOWN, "Played"),
    };
    rect(svg, 0, 0, 12, HEIGHT, colour);
    let side = match last.radiant {
        Some(true) => " as Radiant",
        Some(false) => " as Dire",
        None => "",
    };
    let _ = write!(
        svg,
        r#"<text x="32" y="58" font-size="34" font-weight="bold" fill="{}">{}</text>"#,
        hex(colour),
        escape(&format!("{verdict}{side}"))
    );
    text(svg, 32, 100, 28, "#f0f3f6", "bold", &clip(&last.hero, 30));
    text(svg, 32, 132, 20, "#c9d1d9", "normal", &clip(&last.name, 40));
    if let Some([k, d, a]) = last.kda {
        text(
            svg,
            520,
            100,
            52,
            "#f0f3f6",
            "bold",
            &format!("{k}/{d}/{a}"),
        );
        text(
            svg,
            520,
            128,
            16,
            "#8b949e",
            "normal",
            "kills / deaths / assists",
        );
    }
    text(
        svg,
        32,
        176,
        18,
        "#c9d1d9",
        "normal",
        &clip(&last.facts, 70),
    );
    text(
        svg,
        32,
        206,
        18,
        "#c9d1d9",
        "normal",
        &clip(&last.economy, 70),
    );
    if last.items.is_empty() {
        text(
            svg,
            32,
            262,
            18,
            "#8b949e",
            "normal",
            "No item data for this match",
        );
        return;
    }
    text(svg, 32, 250, 15, "#8b949e", "normal", "Final items");
    for (n, item) in (0u32..).zip(last.items.iter().take(7)) {
        let (x, y) = (32 + (n % 4) * 186, 262 + (n / 4) * 52);
        rect(svg, x, y, 176, 42, TRACK);
        text(
            svg,
            x + 10,
            y + 27,
            15,
            "#e6edf3",
            "normal",
            &clip(item, 20),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_clipped() {
        assert_eq!(
            escape("<b>a & 'b'\u{7}</b>"),
            "&lt;b&gt;a &amp; &apos;b&apos;&lt;/b&gt;"
        );
        assert_eq!(clip("Arteezy", 28), "Arteezy");
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("🇸🇪🇸🇪🇸🇪", 2), "🇸🇪…");
    }
}
