use super::*;
use crate::import::SEED_TABLE;
use crate::register::model::FieldProblem;
use rstest::rstest;

const HEADER_LINE: &str = "No\tUnit Kerja / Bagian\tAktivitas / Tahapan Kegiatan\tPotensi Benturan Kepentingan / Risiko\tPenyebab Utama\tDampak Negatif\tRencana Tindak Pengendalian (Sesuai SK/SOP)";

fn table(body: &str) -> String {
    format!("Judul\n\nBiro Contoh Setda Provinsi Contoh\n{HEADER_LINE}\n{body}")
}

fn seed() -> ParsedTable {
    parse_table(SEED_TABLE).expect("the seed parses")
}

fn cell(table: &ParsedTable, section: usize, row: usize, column: usize) -> &str {
    table.sections[section].rows[row].cells[column].markup()
}

#[test]
fn seed_has_three_bagian_and_thirteen_rows() {
    let table = seed();
    assert_eq!(table.title, "Tabel Pemetaan Potensi Benturan Kepentingan");
    assert_eq!(
        table.unit,
        UnitPath {
            biro: "Biro Administrasi Pimpinan".into(),
            instansi: Some("Setda Provinsi Kalimantan Timur".into()),
        }
    );
    let names: Vec<_> = table.sections.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Bagian Perencanaan & Kepegawain",
            "Bagian Protokol",
            "Bagian Materi & Komunikasi Pimpinan"
        ]
    );
    let sizes: Vec<_> = table.sections.iter().map(|s| s.rows.len()).collect();
    assert_eq!(sizes, [4, 4, 5]);
    assert_eq!(table.row_count(), 13);
}

#[test]
fn seed_page_broken_cells_are_joined_back() {
    let table = seed();
    assert_eq!(cell(&table, 0, 2, 2), "Pengumpulan data antar-Biro masih dilakukan secara manual");
    assert_eq!(
        cell(&table, 0, 2, 4),
        "Penerapan sistem pengumpulan data digital yang terintegrasi secara berkala."
    );
    assert_eq!(
        cell(&table, 2, 1, 4),
        "Menyusun SOP Pelaksanaan Acara yang mengatur batas waktu pasokan data dari OPD."
    );
}

#[test]
fn seed_stray_t_is_dropped_and_reported() {
    let table = seed();
    assert_eq!(cell(&table, 0, 2, 3), "Layanan kepegawain internal menjadi terhambat");
    let all_cells = table.sections.iter().flat_map(|s| &s.rows).flat_map(|r| &r.cells);
    assert!(all_cells.clone().all(|c| !c.markup().ends_with(" t")));
    assert!(table.notes.contains(&Note {
        line: 12,
        kind: NoteKind::StrayFragment { field: Field::Dampak, fragment: "t".into() },
    }));
    let joined = table.notes.iter().filter(|n| matches!(n.kind, NoteKind::Joined { .. })).count();
    assert_eq!(joined, 3);
}

#[test]
fn seed_keeps_emphasis_and_spelling() {
    let table = seed();
    assert_eq!(
        cell(&table, 0, 0, 4),
        "Penempatan pegawai berdasarkan hasil <i>assessment</i> resmi oleh lembaga berkompeten."
    );
    assert_eq!(cell(&table, 0, 1, 0), "Perencanaan Kepegawain");
    let emphasised: Vec<String> = table
        .sections
        .iter()
        .flat_map(|s| &s.rows)
        .flat_map(|r| &r.cells)
        .flat_map(|c| c.spans().into_iter().filter(|s| s.emphasis).map(|s| s.text.to_owned()))
        .collect();
    assert!(emphasised.contains(&"form online".to_owned()));
    assert!(emphasised.contains(&"content calendar".to_owned()));
    assert!(!table.notes.iter().any(|n| matches!(n.kind, NoteKind::ForeignMarkup { .. })));
}

#[test]
fn crlf_line_endings_read_the_same() {
    let crlf = SEED_TABLE.replace('\n', "\r\n");
    assert_eq!(parse_table(&crlf).unwrap(), seed());
}

#[rstest]
#[case::no_header("Judul\nBiro\n", 2, ParseErrorKind::MissingHeader)]
#[case::empty("", 1, ParseErrorKind::MissingHeader)]
#[case::no_title(&format!("{HEADER_LINE}\n1\tB\ta\tb\tc\td\te"), 1, ParseErrorKind::MissingTitle)]
#[case::no_rows(&table(""), 4, ParseErrorKind::NoRows)]
#[case::short_row(&table("1\tB\ta\tb\tc\td"), 5, ParseErrorKind::ColumnCount { found: 6, expected: 7 })]
#[case::long_row(&table("1\tB\ta\tb\tc\td\te\tf"), 5, ParseErrorKind::ColumnCount { found: 8, expected: 7 })]
#[case::bad_number(&table("1a\tB\ta\tb\tc\td\te"), 5, ParseErrorKind::InvalidNumber { found: "1a".into() })]
#[case::row_first(&table("\t\ta\tb\tc\td\te"), 5, ParseErrorKind::RowWithoutBagian)]
#[case::duplicate(
    &table("1\tB\ta\tb\tc\td\te\n2\tb\ta\tb\tc\td\te"),
    6,
    ParseErrorKind::DuplicateBagian { name: "b".into(), first_line: 5 }
)]
#[case::empty_cell(
    &table("1\tB\ta\tb\t\td\te"),
    5,
    ParseErrorKind::Field(FieldError { field: Field::Penyebab, problem: FieldProblem::Required })
)]
#[case::bad_header(
    "Judul\nBiro\nNo\tUnit\tAktivitas / Tahapan Kegiatan\tPotensi Benturan Kepentingan / Risiko\tPenyebab Utama\tDampak Negatif\tRencana Tindak Pengendalian (Sesuai SK/SOP)\n",
    3,
    ParseErrorKind::HeaderMismatch { column: 1, found: "Unit".into() }
)]
fn broken_inputs_name_the_line(
    #[case] input: &str,
    #[case] line: usize,
    #[case] kind: ParseErrorKind,
) {
    assert_eq!(parse_table(input), Err(ParseError { line, kind }));
}

#[test]
fn overlong_cell_names_field_and_limit() {
    let long = "x".repeat(crate::register::model::MAX_CELL_CHARS + 1);
    let error = parse_table(&table(&format!("1\tB\ta\tb\tc\td\t{long}"))).unwrap_err();
    assert_eq!(error.line, 5);
    assert_eq!(
        error.kind,
        ParseErrorKind::Field(FieldError {
            field: Field::Rencana,
            problem: FieldProblem::TooLong { limit: crate::register::model::MAX_CELL_CHARS },
        })
    );
}

#[test]
fn invalid_utf8_names_the_line() {
    let mut bytes = table("1\tB\ta\tb\tc\td\te\n").into_bytes();
    bytes.extend_from_slice(b"\t\ta\t\xff\tc\td\te");
    let error = parse_bytes(&bytes).unwrap_err();
    assert_eq!(error, ParseError { line: 6, kind: ParseErrorKind::NotUtf8 });
}

#[test]
fn an_incomplete_line_without_page_break_is_an_error() {
    let error = parse_table(&table("1\tB\ta\tb\tc\td\te\n\t\t\t\tmore\t\t")).unwrap_err();
    assert_eq!(error.line, 6);
    assert!(matches!(
        error.kind,
        ParseErrorKind::Field(FieldError { field: Field::Aktivitas, .. })
    ));
}

#[test]
fn odd_things_are_noted_with_lines() {
    let input = "Judul\nBiro\nKeterangan lain\nNo\tUnit Kerja / Bagian\tAktivitas / Tahapan Kegiatan\tPotensi Benturan Kepentingan / Risiko\tPenyebab Utama\tDampak Negatif\tRencana Tindak Pengendalian (Sesuai SK/SOP)\n3\tB\ta <b>x</b>\tb\tc\td\te\n";
    let table = parse_table(input).unwrap();
    assert_eq!(
        table.notes,
        vec![
            Note { line: 3, kind: NoteKind::Ignored { text: "Keterangan lain".into() } },
            Note { line: 5, kind: NoteKind::Renumbered { found: 3, expected: 1 } },
            Note {
                line: 5,
                kind: NoteKind::ForeignMarkup { field: Field::Aktivitas, tag: "<b>".into() }
            },
            Note {
                line: 5,
                kind: NoteKind::ForeignMarkup { field: Field::Aktivitas, tag: "</b>".into() }
            },
        ]
    );
    assert_eq!(table.unit, UnitPath { biro: "Biro".into(), instansi: None });
}

#[test]
fn a_full_line_after_a_page_break_is_a_new_row() {
    let table = parse_table(&table("1\tB\ta\tb\tc\td\te\n\n\t\tf\tg\th\ti\tj")).unwrap();
    assert_eq!(table.sections[0].rows.len(), 2);
    assert!(table.notes.is_empty());
}

const CODED_HEADER: &str = "No\tUnit Kerja / Bagian\tAktivitas / Tahapan Kegiatan\tPotensi Benturan Kepentingan / Risiko\tPenyebab Utama\tDampak Negatif\tRencana Tindak Pengendalian (Sesuai SK/SOP)\tKode";

#[test]
fn a_kode_column_gives_rows_their_codes() {
    let input =
        format!("Judul\nBiro\n{CODED_HEADER}\n1\tB\ta\tb\tc\td\te\tbk-007\n\t\tf\tg\th\ti\tj\t\n");
    let table = parse_table(&input).unwrap();
    let codes: Vec<_> = table.sections[0].rows.iter().map(|r| r.code.clone()).collect();
    assert_eq!(codes, [Some("BK-007".to_owned()), None]);
}

#[test]
fn codes_are_unique_within_a_file() {
    let input = format!(
        "Judul\nBiro\n{CODED_HEADER}\n1\tB\ta\tb\tc\td\te\tBK-1\n\t\tf\tg\th\ti\tj\tbk-1\n"
    );
    assert_eq!(
        parse_table(&input).unwrap_err(),
        ParseError {
            line: 5,
            kind: ParseErrorKind::DuplicateCode { code: "BK-1".into(), first_line: 4 }
        }
    );
}

/// A cell holding only U+0000 once imported on SQLite and then broke every
/// visitor's page: now the file is refused, naming its line and column.
#[test]
fn control_characters_refuse_the_file_naming_line_and_column() {
    let error = parse_table(&table("1\tB\ta\tb\t\u{0}\td\te")).unwrap_err();
    assert_eq!(
        error,
        ParseError {
            line: 5,
            kind: ParseErrorKind::Field(FieldError {
                field: Field::Penyebab,
                problem: FieldProblem::ControlCharacter { code_point: 0, position: 1 },
            }),
        }
    );
    assert_eq!(
        crate::import::messages::parse_error(crate::i18n::Locale::Id, &error),
        "baris 5: Penyebab Utama berisi karakter kendali U+0000 pada karakter ke-1; hapus karakter itu."
    );
}
