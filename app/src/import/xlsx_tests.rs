//! Workbooks read back: what the export writes imports as it was, over
//! generated registers with hostile text; a workbook typed by hand reads;
//! one that breaks a rule is refused naming sheet, row and column.
#![allow(clippy::unwrap_used)]
use super::model::ParseErrorKind;
use super::xlsx::{WorkbookErrorKind, column_letter, parse_workbook};
use crate::documents::register_workbook;
use crate::i18n::Locale;
use crate::register::model::*;
use rust_xlsxwriter::{Format, Workbook};

/// A small deterministic generator (xorshift): the same cases every run.
struct Cases(u64);

impl Cases {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

const HOSTILE: [&str; 16] = [
    "Penyusunan <i>assessment</i> resmi",
    "<i>online</i>",
    "akhir <i>reminder</i>",
    "=SUM(A1)",
    "- Menyusun SOP",
    "+62 811 5555",
    "<b>tebal</b> & <script>x</script>",
    "مراجعة الحسابات",
    "ZWJ\u{200D}di\u{200B}tengah",
    "'kutip di depan",
    "123",
    "1.50",
    "a < b > c & d \" e",
    "TRUE",
    "Kata <i>satu</i> dan <i>dua</i>",
    "   spasi   ganda   di   tengah",
];

fn generated(cases: &mut Cases, id: i32) -> RegisterView {
    let long = "w".repeat(4_000);
    let mut next_id = 0;
    let sections = (0..1 + cases.next() % 4)
        .map(|s| {
            let rows = (0..cases.next() % 5)
                .map(|_| {
                    next_id += 1;
                    let mut texts = [(); 5].map(|_| RichText::parse(cases.pick(&HOSTILE)).unwrap());
                    if cases.next().is_multiple_of(7) {
                        texts[(cases.next() % 5) as usize] = RichText::parse(&long).unwrap();
                    }
                    let [aktivitas, potensi, penyebab, dampak, rencana] = texts;
                    RiskRowView {
                        id: next_id,
                        code: format!("BK-{next_id:03}"),
                        version: 1,
                        aktivitas,
                        potensi,
                        penyebab,
                        dampak,
                        rencana,
                        notes: 0,
                        assessment: Assessment::default(),
                    }
                })
                .collect::<Vec<_>>();
            SectionView {
                bagian_id: s as i32,
                ordinal: 0,
                name: format!("Bagian {} {}", s + 1, cases.pick(&HOSTILE[7..9])),
                rows,
            }
        })
        .collect::<Vec<_>>();
    let mut ordinal = 0;
    let sections = sections
        .into_iter()
        .map(|mut section| {
            if !section.rows.is_empty() {
                ordinal += 1;
                section.ordinal = ordinal;
            }
            section
        })
        .collect();
    RegisterView {
        id,
        unit_id: 1,
        version: 1,
        title: "Tabel Pemetaan Potensi Benturan Kepentingan".into(),
        unit_name: "Biro Administrasi Pimpinan".into(),
        parent_name: Some("Setda Provinsi Kalimantan Timur".into()),
        year: 2026,
        status: RegisterStatus::Draft,
        sections,
        sources: vec![],
        as_of: None,
        cycle: Default::default(),
    }
}

#[test]
fn an_exported_workbook_reads_back_as_it_was() {
    let mut cases = Cases(0x5eed_1234_abcd_0001);
    let mut checked = 0;
    for id in 0..60 {
        let register = generated(&mut cases, id);
        if register.row_count() == 0 {
            continue;
        }
        let locale = if id % 2 == 0 { Locale::Id } else { Locale::En };
        let bytes = register_workbook(&register, locale.strings()).unwrap();
        let table = parse_workbook(&bytes).unwrap_or_else(|e| panic!("case {id}: {e:?}"));
        assert_eq!(table.title, register.title);
        let expected: Vec<_> = register.sections.iter().filter(|s| !s.rows.is_empty()).collect();
        assert_eq!(table.sections.len(), expected.len(), "case {id}");
        for (read, written) in table.sections.iter().zip(expected) {
            assert_eq!(read.name, written.name, "case {id}");
            assert_eq!(read.rows.len(), written.rows.len(), "case {id}");
            for (row, original) in read.rows.iter().zip(&written.rows) {
                assert_eq!(row.code.as_deref(), Some(original.code.as_str()), "case {id}");
                let cells: Vec<_> = row.cells.iter().map(RichText::markup).collect();
                let originals: Vec<_> =
                    original.cells().into_iter().map(RichText::markup).collect();
                assert_eq!(cells, originals, "case {id}");
            }
        }
        checked += 1;
    }
    assert!(checked > 40, "{checked} cases");
}

/// The Biro's own kind of workbook: a title and unit above the header, a
/// blank row between, No typed as a number, No and Bagian merged, blank rows
/// inside the table, no Kode column, italics typed in Excel.
fn typed_by_hand(break_it: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Lembar1").unwrap();
    sheet.write_string(0, 0, "Tabel Pemetaan Potensi Benturan Kepentingan").unwrap();
    sheet.write_string(1, 0, "Biro Administrasi Pimpinan Setda Provinsi Kalimantan Timur").unwrap();
    for (column, name) in OFFICIAL_COLUMNS.iter().enumerate() {
        sheet.write_string(3, column as u16, *name).unwrap();
    }
    let plain = Format::new();
    let merged = Format::new().set_text_wrap();
    sheet.merge_range(4, 0, 5, 0, "", &merged).unwrap();
    sheet.write_number(4, 0, 1).unwrap();
    sheet.merge_range(4, 1, 5, 1, "Bagian Protokol", &merged).unwrap();
    for (row, first) in [(4, "Pelaksanaan Acara"), (5, "Perencanaan Fasilitas")] {
        for column in 2..7 {
            sheet.write_string(row, column, format!("{first} {column}")).unwrap();
        }
    }
    let italic = Format::new().set_italic();
    sheet.write_rich_string(5, 6, &[(&plain, "Menyusun "), (&italic, "contact person")]).unwrap();
    // Row 7 blank; then the second Bagian.
    sheet.write_number(7, 0, 2).unwrap();
    sheet.write_string(7, 1, "Bagian Materi").unwrap();
    for column in 2..7 {
        sheet.write_string(7, column, format!("Materi\nbaris {column}")).unwrap();
    }
    break_it(sheet);
    book.save_to_buffer().unwrap()
}

#[test]
fn a_workbook_typed_by_hand_reads() {
    let table = parse_workbook(&typed_by_hand(|_| {})).unwrap();
    assert_eq!(table.unit.biro, "Biro Administrasi Pimpinan");
    let names: Vec<_> = table.sections.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Bagian Protokol", "Bagian Materi"]);
    let protokol = &table.sections[0];
    assert_eq!(protokol.rows.len(), 2);
    assert_eq!(protokol.rows[0].line, 5, "rows are named as Excel numbers them");
    assert_eq!(protokol.rows[1].cells[4].markup(), "Menyusun <i>contact person</i>");
    assert!(protokol.rows.iter().all(|row| row.code.is_none()));
    let materi = &table.sections[1].rows[0];
    assert_eq!(materi.line, 8);
    assert_eq!(materi.cells[0].markup(), "Materi baris 2", "a line break in a cell is a space");
}

#[test]
fn a_workbook_breaking_a_rule_is_refused_naming_sheet_row_and_column() {
    let long = "x".repeat(4_001);
    let error = parse_workbook(&typed_by_hand(|sheet| {
        sheet.write_string(7, 4, &long).unwrap();
    }))
    .unwrap_err();
    assert_eq!((error.sheet.as_str(), error.row, error.column), ("Lembar1", 8, Some(4)));
    assert_eq!(
        error.kind,
        WorkbookErrorKind::Table(ParseErrorKind::Field(FieldError::new(
            Field::Penyebab,
            FieldProblem::TooLong { limit: 4_000 }
        )))
    );
    let error = parse_workbook(&typed_by_hand(|sheet| {
        sheet.write_string(3, 2, "Kegiatan").unwrap();
    }))
    .unwrap_err();
    assert_eq!((error.row, error.column), (4, Some(2)));
    let error = parse_workbook(&typed_by_hand(|sheet| {
        sheet.write_string(5, 9, "catatan di luar tabel").unwrap();
    }))
    .unwrap_err();
    assert_eq!(
        (error.row, error.column, error.kind),
        (6, Some(9), WorkbookErrorKind::BeyondTable { columns: 7 })
    );
    let error = parse_workbook(&typed_by_hand(|sheet| {
        sheet.write_string(4, 3, " \u{200B} ").unwrap();
    }))
    .unwrap_err();
    assert_eq!((error.row, error.column), (5, Some(3)), "{error:?}");
    let error = parse_workbook(b"Tabel\tbukan\tbuku kerja").unwrap_err();
    assert_eq!(error.kind, WorkbookErrorKind::NotAWorkbook);
}

#[test]
fn columns_are_lettered_as_excel_does() {
    assert_eq!(column_letter(0), "A");
    assert_eq!(column_letter(4), "E");
    assert_eq!(column_letter(25), "Z");
    assert_eq!(column_letter(26), "AA");
}
