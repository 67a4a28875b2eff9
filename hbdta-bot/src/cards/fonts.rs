//! The fonts every picture is drawn with, built into the binary (`assets/fonts/`, with their
//! licences): a card looks the same everywhere, and no system font is read.

use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb::{Database, Source};

/// The fonts, in the order a character is looked for: Latin, Greek and Cyrillic; Chinese,
/// Japanese, Korean and full-width forms; emoji.
const FONTS: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/DroidSansFallback.ttf"),
    include_bytes!("../../assets/fonts/NotoEmoji-Regular.ttf"),
];

/// The font database, loaded at the first picture (the fonts are parsed, not copied).
pub fn database() -> Arc<Database> {
    static DATABASE: OnceLock<Arc<Database>> = OnceLock::new();
    DATABASE
        .get_or_init(|| {
            let mut database = Database::new();
            for font in FONTS {
                database.load_font_source(Source::Binary(Arc::new(font)));
            }
            database.set_sans_serif_family("Noto Sans");
            Arc::new(database)
        })
        .clone()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_font_loads() {
        let families: Vec<String> = super::database()
            .faces()
            .flat_map(|face| face.families.iter().map(|(name, _)| name.clone()))
            .collect();
        for family in ["Noto Sans", "Droid Sans Fallback", "Noto Emoji"] {
            assert!(
                families.iter().any(|f| f == family),
                "{family}: {families:?}"
            );
        }
    }
}
