//! Cell text with the one kind of markup the official form uses: foreign words
//! in italics, written `<i>…</i>`. Everything else is plain text, so any other
//! markup is shown literally, never interpreted as HTML.
use serde::{Deserialize, Serialize};

/// The text of one cell of the register, as stored (with `<i>…</i>` emphasis).
///
/// On the server it can only be deserialised through the rules of
/// [`RichText::parse`]: no server function receives an unchecked cell.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", serde(try_from = "String"))]
#[cfg_attr(not(feature = "ssr"), serde(transparent))]
pub struct RichText(String);

impl From<RichText> for String {
    fn from(text: RichText) -> Self {
        text.0
    }
}

#[cfg(feature = "ssr")]
impl TryFrom<String> for RichText {
    type Error = String;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw).map_err(|problem| format!("invalid cell text: {problem:?}"))
    }
}

/// A run of text that is either emphasised (italic) or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span<'a> {
    pub text: &'a str,
    pub emphasis: bool,
}

const OPEN: &str = "<i>";
const CLOSE: &str = "</i>";

impl RichText {
    /// Wraps text that is already checked: read from the database, or made
    /// by [`RichText::parse`]. Untrusted input goes through `parse`.
    pub fn new(markup: impl Into<String>) -> Self {
        Self(markup.into())
    }

    /// The same text with its markup in the shortest form: empty `<i></i>`
    /// dropped, neighbouring runs of the same kind merged.
    pub fn canonical(self) -> Self {
        let mut text = self;
        loop {
            let mut merged: Vec<(String, bool)> = Vec::new();
            for span in text.spans() {
                if span.text.is_empty() {
                    continue;
                }
                match merged.last_mut() {
                    Some((words, emphasis)) if *emphasis == span.emphasis => {
                        words.push_str(span.text)
                    }
                    _ => merged.push((span.text.to_owned(), span.emphasis)),
                }
            }
            let mut markup = String::with_capacity(text.0.len());
            for (words, emphasis) in merged {
                if emphasis {
                    markup.push_str(OPEN);
                    markup.push_str(&words);
                    markup.push_str(CLOSE);
                } else {
                    markup.push_str(&words);
                }
            }
            // In contrived input, merging can bring the pieces of an `<i>`
            // together; another pass settles it. Each pass that changes the text
            // shortens it, so this ends.
            if markup == text.0 {
                return text;
            }
            text = Self(markup);
        }
    }

    /// The stored form, with `<i>…</i>` around emphasised words.
    pub fn markup(&self) -> &str {
        &self.0
    }

    /// Splits the text into plain and emphasised runs. An `<i>` without its
    /// `</i>` is not emphasis: it stays in the text as written.
    pub fn spans(&self) -> Vec<Span<'_>> {
        let mut spans = Vec::new();
        let mut rest = self.0.as_str();
        while let Some(start) = rest.find(OPEN) {
            let after_open = &rest[start + OPEN.len()..];
            let Some(end) = after_open.find(CLOSE) else {
                break;
            };
            if start > 0 {
                spans.push(Span { text: &rest[..start], emphasis: false });
            }
            if end > 0 {
                spans.push(Span { text: &after_open[..end], emphasis: true });
            }
            rest = &after_open[end + CLOSE.len()..];
        }
        if !rest.is_empty() {
            spans.push(Span { text: rest, emphasis: false });
        }
        spans
    }

    /// The words alone, emphasis dropped (for CSV and search).
    pub fn plain(&self) -> String {
        self.spans().iter().map(|span| span.text).collect()
    }

    /// Number of characters a reader sees.
    pub fn visible_len(&self) -> usize {
        self.spans().iter().map(|span| span.text.chars().count()).sum()
    }

    /// Tags other than `<i>`/`</i>` found in the text: they will be shown as
    /// written, which is worth a note when importing.
    pub fn foreign_tags(&self) -> Vec<&str> {
        let mut tags = Vec::new();
        let mut rest = self.0.as_str();
        while let Some(start) = rest.find('<') {
            let candidate = &rest[start..];
            let Some(end) = candidate.find('>') else {
                break;
            };
            let tag = &candidate[..=end];
            let name = tag.trim_start_matches("</").trim_start_matches('<');
            let looks_like_tag = name.starts_with(|c: char| c.is_ascii_alphabetic());
            if looks_like_tag && tag != OPEN && tag != CLOSE {
                tags.push(tag);
            }
            rest = &candidate[end + 1..];
        }
        tags
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn render(text: &str) -> Vec<(String, bool)> {
        RichText::new(text)
            .spans()
            .into_iter()
            .map(|span| (span.text.to_owned(), span.emphasis))
            .collect()
    }

    #[rstest]
    #[case("plain words", vec![("plain words", false)])]
    #[case(
        "hasil <i>assessment</i> resmi",
        vec![("hasil ", false), ("assessment", true), (" resmi", false)]
    )]
    #[case(
        "<i>form online</i> dan <i>reminder</i>",
        vec![("form online", true), (" dan ", false), ("reminder", true)]
    )]
    #[case("tanpa <i>penutup", vec![("tanpa <i>penutup", false)])]
    #[case("<b>tebal</b>", vec![("<b>tebal</b>", false)])]
    fn splits_emphasis(#[case] text: &str, #[case] expected: Vec<(&str, bool)>) {
        let expected: Vec<(String, bool)> =
            expected.into_iter().map(|(t, e)| (t.to_owned(), e)).collect();
        assert_eq!(render(text), expected);
    }

    #[test]
    fn plain_drops_the_tags_only() {
        let text = RichText::new("mekanisme <i>double check</i> ke narasumber");
        assert_eq!(text.plain(), "mekanisme double check ke narasumber");
        assert_eq!(text.visible_len(), text.plain().chars().count());
    }

    #[rstest]
    #[case("a<i></i><i></i>b", "ab")]
    #[case("<i>a</i><i>b</i> c", "<i>ab</i> c")]
    #[case("<<i></i>i>x</i>", "<i>x</i>")]
    #[case("tanpa <i>penutup", "tanpa <i>penutup")]
    #[case("hasil <i>assessment</i> resmi", "hasil <i>assessment</i> resmi")]
    fn canonical_markup_is_shortest_and_stable(#[case] raw: &str, #[case] expected: &str) {
        let once = RichText::new(raw).canonical();
        assert_eq!(once.markup(), expected);
        assert_eq!(once.clone().canonical(), once);
    }

    #[test]
    fn reports_tags_other_than_italics() {
        let text = RichText::new("a <b>b</b> <i>c</i> 3 < 4 > 2 <script>");
        assert_eq!(text.foreign_tags(), vec!["<b>", "</b>", "<script>"]);
    }
}
