//! Messenger's payload limits, checked before anything is sent, and [`split_text`] for long
//! replies.
//!
//! Lengths are counted in UTF-16 code units, the unit Messenger's clients count in: it is never
//! less than the number of characters, so a text that passes here is never too long there.

use unicode_segmentation::UnicodeSegmentation;

/// `message.text`: 2000.
pub const TEXT_MAX: usize = 2000;
/// `message.metadata`: 1000.
pub const METADATA_MAX: usize = 1000;
/// Quick replies per message: 13.
pub const QUICK_REPLIES_MAX: usize = 13;
/// Quick reply title: 20.
pub const QUICK_REPLY_TITLE_MAX: usize = 20;
/// Quick reply and postback payloads: 1000.
pub const PAYLOAD_MAX: usize = 1000;
/// Generic template elements: 10.
pub const GENERIC_ELEMENTS_MAX: usize = 10;
/// Generic template element title: 80.
pub const ELEMENT_TITLE_MAX: usize = 80;
/// Generic template element subtitle: 80.
pub const ELEMENT_SUBTITLE_MAX: usize = 80;
/// Buttons per element or button template: 3.
pub const BUTTONS_MAX: usize = 3;
/// Button title: 20.
pub const BUTTON_TITLE_MAX: usize = 20;
/// Button template text: 640.
pub const BUTTON_TEMPLATE_TEXT_MAX: usize = 640;
/// Calls in one batch request: 50.
pub const BATCH_MAX: usize = 50;

/// A payload broke a limit. Names the field (as a path, `elements[2].buttons[0].title`), the
/// limit and what was found.
///
/// ```
/// use messenger_sdk::send::Message;
///
/// let err = Message::text("x".repeat(2001)).validate().unwrap_err();
/// assert_eq!((err.field.as_str(), err.limit, err.actual, err.unit), ("text", 2000, 2001, "characters"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field} is {actual} {unit} long; the limit is {limit}")]
#[non_exhaustive]
pub struct LimitError {
    /// The offending field.
    pub field: String,
    /// The limit.
    pub limit: usize,
    /// What was found.
    pub actual: usize,
    /// `characters` or `items`.
    pub unit: &'static str,
}

/// Length as Messenger counts it (UTF-16 code units).
///
/// ```
/// use messenger_sdk::limits::text_len;
///
/// assert_eq!(text_len("gg wp"), 5);
/// assert_eq!(text_len("🔥"), 2, "UTF-16 code units, not chars");
/// ```
#[must_use]
pub fn text_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Checks a text field's length.
///
/// # Errors
///
/// A [`LimitError`] naming `field` when `text` is longer than `limit`.
///
/// ```
/// use messenger_sdk::limits::{QUICK_REPLY_TITLE_MAX, check_text};
///
/// assert!(check_text("title", "Heroes", QUICK_REPLY_TITLE_MAX).is_ok());
/// let err = check_text("title", &"x".repeat(21), QUICK_REPLY_TITLE_MAX).unwrap_err();
/// assert_eq!((err.field.as_str(), err.limit, err.actual), ("title", 20, 21));
/// ```
pub fn check_text(field: impl Into<String>, text: &str, limit: usize) -> Result<(), LimitError> {
    let actual = text_len(text);
    if actual > limit {
        return Err(LimitError {
            field: field.into(),
            limit,
            actual,
            unit: "characters",
        });
    }
    Ok(())
}

/// Checks a list's length (`min` items at least, `max` at most).
///
/// # Errors
///
/// A [`LimitError`] naming `field` when the count is outside `min..=max`.
///
/// ```
/// use messenger_sdk::limits::{BUTTONS_MAX, check_count};
///
/// assert!(check_count("buttons", 3, 1, BUTTONS_MAX).is_ok());
/// let err = check_count("buttons", 0, 1, BUTTONS_MAX).unwrap_err();
/// assert_eq!((err.field.as_str(), err.limit, err.actual), ("buttons", 1, 0));
/// ```
pub fn check_count(
    field: impl Into<String>,
    count: usize,
    min: usize,
    max: usize,
) -> Result<(), LimitError> {
    if count > max || count < min {
        return Err(LimitError {
            field: field.into(),
            limit: if count > max { max } else { min },
            actual: count,
            unit: "items",
        });
    }
    Ok(())
}

/// Splits `text` into messages of at most `max` UTF-16 units each (use [`TEXT_MAX`]), breaking
/// after a line break or space where possible, and never inside a grapheme (an emoji with
/// modifiers, a flag, a letter with combining marks stays whole). Whitespace at the breaks is
/// dropped; empty input gives no message.
///
/// ```
/// use messenger_sdk::limits::{split_text, text_len};
///
/// let long = "gg wp 🔥 ".repeat(400);
/// let parts = split_text(&long, 2000);
/// assert!(parts.len() > 1);
/// assert!(parts.iter().all(|p| text_len(p) <= 2000 && !p.ends_with(' ')));
/// assert_eq!(parts.concat().replace(' ', ""), long.replace(' ', ""));
/// ```
#[must_use]
pub fn split_text(text: &str, max: usize) -> Vec<String> {
    let max = max.max(2);
    let mut parts = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        if text_len(rest) <= max {
            parts.push(rest.to_owned());
            break;
        }
        let mut cut = 0; // byte index of the end of the chunk
        let mut units = 0;
        let mut last_space = None; // byte index after a whitespace grapheme
        let mut last_newline = None;
        for (idx, grapheme) in rest.grapheme_indices(true) {
            let len = text_len(grapheme);
            if units + len > max {
                break;
            }
            units += len;
            cut = idx + grapheme.len();
            if grapheme.chars().all(char::is_whitespace) {
                last_space = Some(cut);
                if grapheme.contains('\n') {
                    last_newline = Some(cut);
                }
            }
        }
        let breaks_at_cut = rest[cut..].starts_with(char::is_whitespace);
        if cut == 0 {
            // A single grapheme longer than `max`: cut it at a char boundary rather than loop.
            cut = rest.char_indices().nth(1).map_or(rest.len(), |(i, _)| i);
        } else if breaks_at_cut && last_newline.is_none_or(|n| n * 2 < cut) {
            // The chunk ends right before a space: a word boundary already.
        } else if let Some(at) = last_newline.filter(|&n| n * 2 >= cut).or(last_space) {
            cut = at;
        }
        let (head, tail) = rest.split_at(cut);
        let head = head.trim_end();
        if !head.is_empty() {
            parts.push(head.to_owned());
        }
        rest = tail.trim_start();
    }
    parts
}

/// `text` cut to at most `max` UTF-16 units, for a title or a label that must fit in one field:
/// never inside a grapheme (an emoji with modifiers or joiners, a flag, a letter with combining
/// marks is kept whole or dropped whole), trailing whitespace dropped. A text that fits comes
/// back as it is.
///
/// ```
/// use messenger_sdk::limits::{QUICK_REPLY_TITLE_MAX, truncate};
///
/// assert_eq!(truncate("Arteezy", QUICK_REPLY_TITLE_MAX), "Arteezy");
/// assert_eq!(truncate("abcdefghijklmnopqrstuvwxyz", 20), "abcdefghijklmnopqrst");
/// // 19 letters and an emoji of two UTF-16 units: the emoji does not fit.
/// assert_eq!(truncate("aaaaaaaaaaaaaaaaaaa🔥", 20), "aaaaaaaaaaaaaaaaaaa");
/// ```
#[must_use]
pub fn truncate(text: &str, max: usize) -> &str {
    if text_len(text) <= max {
        return text;
    }
    let mut units = 0;
    let mut end = 0;
    for (idx, grapheme) in text.grapheme_indices(true) {
        units += text_len(grapheme);
        if units > max {
            break;
        }
        end = idx + grapheme.len();
    }
    text[..end].trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_one_part() {
        assert_eq!(split_text("  hello  ", 2000), vec!["hello"]);
        assert!(split_text("   ", 2000).is_empty());
    }

    #[test]
    fn breaks_on_spaces_and_prefers_newlines() {
        assert_eq!(split_text("aaa bbb ccc", 7), vec!["aaa bbb", "ccc"]);
        assert_eq!(split_text("aaaa\nbb cc dd", 10), vec!["aaaa", "bb cc dd"]);
        assert_eq!(
            split_text("aaaaaaaaaa\nbb cc dd", 14),
            vec!["aaaaaaaaaa", "bb cc dd"]
        );
    }

    #[test]
    fn never_cuts_a_grapheme() {
        let family = "👨‍👩‍👧‍👦"; // 11 UTF-16 units, one grapheme
        let text = family.repeat(5);
        let parts = split_text(&text, 24);
        assert_eq!(
            parts,
            vec![family.repeat(2), family.repeat(2), family.to_owned()]
        );
        let flags = "🇸🇪🇫🇮";
        assert_eq!(split_text(flags, 4), vec!["🇸🇪", "🇫🇮"]);
        let accents = "e\u{301}".repeat(3);
        for part in split_text(&accents, 3) {
            assert_eq!(part, "e\u{301}");
        }
    }

    #[test]
    fn word_longer_than_the_limit_is_cut_between_graphemes() {
        let parts = split_text("abcdefghij", 4);
        assert_eq!(parts, vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn counts_utf16_units() {
        assert_eq!(text_len("🔥"), 2);
        assert!(check_text("text", &"🔥".repeat(1000), TEXT_MAX).is_ok());
        let err = check_text("text", &"🔥".repeat(1001), TEXT_MAX).unwrap_err();
        assert_eq!(
            err.to_string(),
            "text is 2002 characters long; the limit is 2000"
        );
        let err = check_count("quick_replies", 14, 0, QUICK_REPLIES_MAX).unwrap_err();
        assert_eq!(
            err.to_string(),
            "quick_replies is 14 items long; the limit is 13"
        );
    }

    #[test]
    fn truncate_keeps_graphemes_whole() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(
            truncate(&format!("{}{family}", "a".repeat(15)), 20),
            "aaaaaaaaaaaaaaa"
        );
        assert_eq!(
            truncate(&format!("{}👍🏽", "a".repeat(17)), 20),
            "aaaaaaaaaaaaaaaaa"
        );
        assert_eq!(
            truncate(&format!("{}🇸🇪🇸🇪", "a".repeat(14)), 20),
            "aaaaaaaaaaaaaa🇸🇪"
        );
        assert_eq!(
            truncate(&format!("{}e\u{301}", "a".repeat(19)), 20),
            "aaaaaaaaaaaaaaaaaaa"
        );
        assert_eq!(truncate("ééééé", 3), "ééé");
        assert_eq!(truncate("gg wp ez", 6), "gg wp");
        assert_eq!(truncate("", 3), "");
    }
}
