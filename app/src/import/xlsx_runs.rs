//! The italics of a workbook's texts. calamine reads a cell's text but not
//! its runs, so the shared strings (`xl/sharedStrings.xml`) are read here:
//! each text that has an italic run is mapped from its plain form to its
//! markup with `<i>…</i>`, as the register stores it.
use quick_xml::{Reader, events::Event};
use std::collections::HashMap;
use std::io::Read;

/// Plain text → markup, for the texts with italics.
pub type Italics = HashMap<String, String>;

/// The italic texts of the workbook in `bytes`; none when it has no
/// shared strings (or they cannot be read: the plain texts are then read).
pub fn italics(bytes: &[u8]) -> Italics {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Italics::new();
    };
    let mut xml = String::new();
    let read = zip.by_name("xl/sharedStrings.xml").map(|mut file| file.read_to_string(&mut xml));
    match read {
        Ok(Ok(_)) => from_shared_strings(&xml),
        _ => Italics::new(),
    }
}

/// A run being read: its text and whether it is italic.
#[derive(Default)]
struct Run {
    text: String,
    italic: bool,
}

fn from_shared_strings(xml: &str) -> Italics {
    let mut reader = Reader::from_str(xml);
    let mut found = Italics::new();
    let mut runs: Vec<Run> = Vec::new();
    // Where we are: in a string item, in a run, in its properties, in a
    // text, in a phonetic guide (whose text is not the cell's).
    let (mut in_run, mut in_properties, mut in_text, mut in_phonetic) =
        (false, false, false, false);
    loop {
        match reader.read_event() {
            Ok(Event::Start(tag)) => match tag.local_name().as_ref() {
                "si" => runs.clear(),
                "r" => {
                    in_run = true;
                    runs.push(Run::default());
                }
                "rPr" => in_properties = true,
                "rPh" => in_phonetic = true,
                "t" if !in_phonetic => {
                    in_text = true;
                    if !in_run {
                        runs.push(Run::default());
                    }
                }
                _ => {}
            },
            Ok(Event::Empty(tag)) if in_properties && tag.local_name().as_ref() == "i" => {
                let off = tag.attributes().flatten().any(|attribute| {
                    attribute.key.local_name().as_ref() == "val"
                        && matches!(attribute.value.as_ref(), "0" | "false")
                });
                if let Some(run) = runs.last_mut() {
                    run.italic = !off;
                }
            }
            Ok(Event::Text(text)) if in_text => {
                if let Some(run) = runs.last_mut() {
                    run.text.push_str(&text.xml10_content());
                }
            }
            Ok(Event::GeneralRef(reference)) if in_text => {
                let resolved = reference
                    .resolve_char_ref()
                    .ok()
                    .flatten()
                    .map(String::from)
                    .or_else(|| predefined(&reference));
                if let (Some(run), Some(text)) = (runs.last_mut(), resolved) {
                    run.text.push_str(&text);
                }
            }
            Ok(Event::End(tag)) => match tag.local_name().as_ref() {
                "r" => in_run = false,
                "rPr" => in_properties = false,
                "rPh" => in_phonetic = false,
                "t" => in_text = false,
                "si" if runs.iter().any(|run| run.italic && !run.text.is_empty()) => {
                    let plain: String = runs.iter().map(|run| run.text.as_str()).collect();
                    let markup = runs.iter().map(|run| match run.italic {
                        true if !run.text.is_empty() => format!("<i>{}</i>", run.text),
                        _ => run.text.clone(),
                    });
                    found.entry(plain).or_insert_with(|| markup.collect());
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    found
}

/// `&amp;` and its kin.
fn predefined(reference: &quick_xml::events::BytesRef<'_>) -> Option<String> {
    let text = match &**reference {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    };
    Some(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn italic_runs_become_markup() {
        let xml = r#"<sst xmlns="x"><si><t>plain only</t></si>
            <si><r><t xml:space="preserve">Penyusunan </t></r><r><rPr><i/><sz val="10"/></rPr><t>assessment</t></r><r><t> &amp; &lt;b&gt;</t></r></si>
            <si><r><rPr><i val="0"/></rPr><t>not italic</t></r></si>
            <si><r><rPr><i/></rPr><t>kata</t></r><rPh><t>ignored</t></rPh></si></sst>"#;
        let found = from_shared_strings(xml);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found["Penyusunan assessment & <b>"], "Penyusunan <i>assessment</i> & <b>");
        assert_eq!(found["kata"], "<i>kata</i>");
    }
}
