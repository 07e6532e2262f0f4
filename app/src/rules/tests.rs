use super::*;
use crate::rules::rich_text::RichText;
use rstest::rstest;

fn problem(raw: &str) -> Option<FieldProblem> {
    parse_cell(Field::Penyebab, raw).err().map(|error| error.problem)
}

#[rstest]
#[case("", Some(FieldProblem::Required))]
#[case("   ", Some(FieldProblem::Required))]
#[case("\u{200B}\u{200D} \u{FEFF}", Some(FieldProblem::Required))]
#[case("<i></i>", Some(FieldProblem::Required))]
#[case("<i> </i>", Some(FieldProblem::Required))]
#[case("Intervensi pihak ketiga", None)]
fn cells_must_hold_visible_text(#[case] raw: &str, #[case] expected: Option<FieldProblem>) {
    assert_eq!(problem(raw), expected);
}

#[test]
fn cell_limit_counts_visible_characters() {
    let at_limit = "a".repeat(MAX_CELL_CHARS);
    assert!(parse_cell(Field::Rencana, &format!("<i>{at_limit}</i>")).is_ok());
    let error = parse_cell(Field::Rencana, &format!("{at_limit}b")).unwrap_err();
    assert_eq!(
        error,
        FieldError::new(Field::Rencana, FieldProblem::TooLong { limit: MAX_CELL_CHARS })
    );
}

#[test]
fn empty_emphasis_is_dropped_before_the_byte_cap() {
    // One letter and 150,000 empty emphasis pairs: a megabyte of nothing.
    let padded = format!("a{}", "<i></i>".repeat(150_000));
    assert_eq!(parse_cell(Field::Dampak, &padded).unwrap().markup(), "a");
}

#[test]
fn markup_beyond_the_byte_cap_is_refused() {
    // 4,000 visible four-byte characters, every other one emphasised alone.
    let dense: String =
        (0..4_000).map(|i| if i % 2 == 0 { "<i>\u{1F600}</i>" } else { "\u{1F600}" }).collect();
    assert_eq!(problem(&dense), Some(FieldProblem::TooManyBytes { limit: MAX_CELL_BYTES }));
    // Four-byte characters up to the visible limit still fit.
    let emoji = "\u{1F600}".repeat(MAX_CELL_CHARS);
    assert!(parse_cell(Field::Dampak, &emoji).is_ok());
}

#[rstest]
#[case("\u{0}", 0x0, 1)]
#[case("ab\u{1}c", 0x1, 3)]
#[case("a\tb", 0x9, 2)]
#[case("del\u{7F}", 0x7F, 4)]
#[case("c1 \u{85}", 0x85, 4)]
#[case("\u{9F}", 0x9F, 1)]
#[case("admin\u{202E}txt.exe", 0x202E, 6)]
#[case("\u{2066}x", 0x2066, 1)]
fn control_characters_are_refused_with_their_place(
    #[case] raw: &str,
    #[case] code_point: u32,
    #[case] position: usize,
) {
    assert_eq!(problem(raw), Some(FieldProblem::ControlCharacter { code_point, position }));
}

#[test]
fn a_cell_is_one_paragraph() {
    let text = parse_cell(Field::Aktivitas, "  satu\r\ndua \r tiga\u{2028}empat \n\n").unwrap();
    assert_eq!(text.markup(), "satu dua tiga empat");
}

#[test]
fn text_is_nfc_normalised() {
    // "é" as e + combining acute becomes one code point.
    let text = parse_cell(Field::Aktivitas, "Kafe\u{301}").unwrap();
    assert_eq!(text.markup(), "Kaf\u{E9}");
    assert_eq!(parse_name(Field::Bagian, "Bagian Kafe\u{301}").unwrap(), "Bagian Kaf\u{E9}");
}

#[test]
fn hostile_but_harmless_text_is_kept_as_written() {
    for raw in [
        "<script>alert(1)</script>",
        "مرحبا بالعالم",
        "עברית ו-English",
        "zero\u{200B}width\u{200D}joiner",
        "arah \u{200F}שלום\u{200E} kanan ke kiri",
        &"x".repeat(MAX_CELL_CHARS),
    ] {
        let text = parse_cell(Field::Aktivitas, raw).unwrap();
        assert_eq!(text.markup(), raw);
    }
}

#[test]
fn names_and_titles_are_one_trimmed_line() {
    assert_eq!(parse_name(Field::Bagian, "  Bagian   Protokol ").unwrap(), "Bagian Protokol");
    assert!(parse_name(Field::Bagian, &"x".repeat(MAX_NAME_CHARS + 1)).is_err());
    assert!(parse_title(&"x".repeat(MAX_TITLE_CHARS + 1)).is_err());
    assert_eq!(parse_name(Field::Bagian, "Bagian\nProtokol").unwrap(), "Bagian Protokol");
    assert_eq!(
        parse_name(Field::Unit, "\u{200B}"),
        Err(FieldError::new(Field::Unit, FieldProblem::Required))
    );
    assert_eq!(
        parse_title("Judul\u{0}"),
        Err(FieldError::new(
            Field::Title,
            FieldProblem::ControlCharacter { code_point: 0, position: 6 }
        ))
    );
}

#[rstest]
#[case("bk-001", Ok("BK-001".to_owned()))]
#[case(" R.2026_7 ", Ok("R.2026_7".to_owned()))]
#[case("BK 001", Err(FieldProblem::InvalidCode))]
#[case("BK\n001", Err(FieldProblem::InvalidCode))]
#[case("<b>", Err(FieldProblem::InvalidCode))]
#[case("", Err(FieldProblem::Required))]
#[case(&"A".repeat(MAX_CODE_CHARS + 1), Err(FieldProblem::TooLong { limit: MAX_CODE_CHARS }))]
fn codes_are_short_and_plain(#[case] raw: &str, #[case] expected: Result<String, FieldProblem>) {
    assert_eq!(parse_code(raw).map_err(|error| error.problem), expected);
}

#[cfg(feature = "ssr")]
#[test]
fn cells_validate_when_deserialised() {
    let ok: RichText = serde_json::from_str(r#""  hasil <i>assessment</i> ""#).unwrap();
    assert_eq!(ok.markup(), "hasil <i>assessment</i>");
    for hostile in [r#""\u0000""#, r#""""#, r#""a\u202Eb""#] {
        let error = serde_json::from_str::<RichText>(hostile).unwrap_err();
        assert!(error.to_string().contains("invalid cell text"), "{hostile}: {error}");
    }
    let long = format!("\"{}\"", "x".repeat(MAX_CELL_CHARS + 1));
    assert!(serde_json::from_str::<RichText>(&long).is_err());
}
