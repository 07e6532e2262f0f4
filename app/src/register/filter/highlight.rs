//! Search matches marked in a cell's text as written.
use super::fold::fold_char;
use crate::register::model::RichText;

/// A piece of a cell's text as shown: emphasised or not, a search match or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub emphasis: bool,
    pub matched: bool,
}

/// A cell's text cut where the search terms match, so matches can be marked.
/// Matching is on folded text; the pieces are the text as written.
pub fn highlight(text: &RichText, terms: &[String]) -> Vec<Piece> {
    let spans = text.spans();
    let plain: String = spans.iter().map(|span| span.text).collect();
    let ranges = match_ranges(&plain, terms);
    let mut pieces = Vec::new();
    let mut start = 0;
    for span in spans {
        let end = start + span.text.len();
        // Cut the span at every range boundary that falls inside it.
        let mut at = start;
        while at < end {
            let inside = ranges.iter().find(|(from, to)| *from <= at && at < *to);
            let next = match inside {
                Some((_, to)) => (*to).min(end),
                None => ranges
                    .iter()
                    .map(|(from, _)| *from)
                    .filter(|from| *from > at)
                    .min()
                    .unwrap_or(end)
                    .min(end),
            };
            pieces.push(Piece {
                text: plain[at..next].to_owned(),
                emphasis: span.emphasis,
                matched: inside.is_some(),
            });
            at = next;
        }
        start = end;
    }
    pieces
}

/// [`highlight`] as HTML: emphasis as `<em>`, matches as `<mark>`, all text
/// escaped. A cell at rest is this one string (one `innerHTML`), not a
/// reactive node per piece.
pub fn highlight_html(text: &RichText, terms: &[String]) -> String {
    let mut html = String::with_capacity(text.markup().len() + 16);
    let mut emphasised = false;
    for Piece { text, emphasis, matched } in highlight(text, terms) {
        if emphasis != emphasised {
            html.push_str(if emphasis { "<em>" } else { "</em>" });
            emphasised = emphasis;
        }
        if matched {
            html.push_str("<mark>");
        }
        for c in text.chars() {
            match c {
                '&' => html.push_str("&amp;"),
                '<' => html.push_str("&lt;"),
                '>' => html.push_str("&gt;"),
                c => html.push(c),
            }
        }
        if matched {
            html.push_str("</mark>");
        }
    }
    if emphasised {
        html.push_str("</em>");
    }
    html
}

/// Byte ranges of `text` where any term matches, merged and in order.
fn match_ranges(text: &str, terms: &[String]) -> Vec<(usize, usize)> {
    if terms.is_empty() {
        return Vec::new();
    }
    // The folded text, and for each of its bytes the original character's range.
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let range = (at, at + c.len_utf8());
        let before = origin.len();
        fold_char(c, |f| {
            folded.push(f);
            origin.extend(std::iter::repeat_n(range, f.len_utf8()));
        });
        // A character that folds to nothing (an accent, a zero-width space)
        // belongs to the one before it: "e" + U+0301 is marked whole.
        if origin.len() == before
            && let Some(&(start, _)) = origin.last()
        {
            for entry in origin.iter_mut().rev().take_while(|entry| entry.0 == start) {
                entry.1 = range.1;
            }
        }
    }
    let mut ranges: Vec<(usize, usize)> = terms
        .iter()
        .filter(|term| !term.is_empty())
        .flat_map(|term| {
            let origin = &origin;
            folded
                .match_indices(term.as_str())
                .map(move |(at, found)| (origin[at].0, origin[at + found.len() - 1].1))
        })
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (from, to) in ranges {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::filter::row_filter::RowFilter;

    fn marked(text: &str, search: &str) -> Vec<(String, bool, bool)> {
        let terms =
            RowFilter { search: search.into(), bagian: vec![], ..Default::default() }.terms();
        highlight(&RichText::new(text), &terms)
            .into_iter()
            .map(|piece| (piece.text, piece.emphasis, piece.matched))
            .collect()
    }

    #[test]
    fn matches_are_marked_in_the_text_as_written() {
        let piece = |text: &str, emphasis, matched| (text.to_owned(), emphasis, matched);
        assert_eq!(
            marked("Pengadaan Barang", "barang"),
            vec![piece("Pengadaan ", false, false), piece("Barang", false, true)]
        );
        // A match across emphasis is cut at its edge.
        assert_eq!(
            marked("tata <i>naskah</i> dinas", "ta nas"),
            vec![
                piece("tata", false, true),
                piece(" ", false, false),
                piece("nas", true, true),
                piece("kah", true, false),
                piece(" di", false, false),
                piece("nas", false, true),
            ]
        );
        // Accents: the original letters are marked.
        assert_eq!(marked("Café", "cafe"), vec![piece("Café", false, true)]);
        assert_eq!(
            marked("Cafe\u{0301} x", "cafe"),
            vec![piece("Cafe\u{0301}", false, true), piece(" x", false, false)]
        );
        // Overlapping terms merge into one mark.
        assert_eq!(
            marked("abcdef", "abc cde"),
            vec![piece("abcde", false, true), piece("f", false, false)]
        );
        assert_eq!(marked("abc", ""), vec![piece("abc", false, false)]);
    }

    #[test]
    fn marked_html_escapes_everything_but_its_own_tags() {
        let html = |text: &str, search: &str| {
            let terms =
                RowFilter { search: search.into(), bagian: vec![], ..Default::default() }.terms();
            highlight_html(&RichText::new(text), &terms)
        };
        assert_eq!(
            html("tata <i>naskah</i> dinas", "nas"),
            "tata <em><mark>nas</mark>kah</em> di<mark>nas</mark>"
        );
        assert_eq!(
            html("<script>alert(1)</script> & <b>x</b>", "alert"),
            "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;"
        );
        assert_eq!(html("\u{202E}abc\u{200B}", ""), "\u{202E}abc\u{200B}");
        assert_eq!(html("", "x"), "");
    }
}
