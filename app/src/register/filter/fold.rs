//! Text as search compares it.
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// The longest search kept, in characters; the rest is ignored.
pub const MAX_SEARCH_CHARS: usize = 200;

/// Text as search compares it: lower case, accents and other combining marks
/// dropped ("Pengadaan Barang/Jasa" and "pengadaan barang/jasa" are one, as
/// are "é" and "e"), invisible characters (zero-width, soft hyphen) removed.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, |f| folded.push(f));
    }
    folded
}

pub(super) fn fold_char(c: char, mut push: impl FnMut(char)) {
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
    } else if !is_invisible(c) {
        decompose_canonical(c, |part| {
            if !is_combining_mark(part) {
                part.to_lowercase().for_each(&mut push);
            }
        });
    }
}

/// Characters that print nothing: a search must see through them.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}
