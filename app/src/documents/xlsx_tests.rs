//! The workbook read back with calamine, as Excel or an importer would.
#![allow(clippy::unwrap_used)]
use super::register_workbook;
use crate::i18n::Locale;
use crate::register::model::*;
use calamine::{Data, DataType, Reader, Xlsx};
use std::io::{Cursor, Read};

fn cell(text: &str) -> RichText {
    RichText::parse(text).unwrap()
}

fn row(id: i32, texts: [&str; 5]) -> RiskRowView {
    let [aktivitas, potensi, penyebab, dampak, rencana] = texts.map(cell);
    RiskRowView {
        id,
        code: format!("BK-{id:03}"),
        version: 1,
        aktivitas,
        potensi,
        penyebab,
        dampak,
        rencana,
        notes: 0,
        assessment: Assessment::default(),
    }
}

fn register() -> RegisterView {
    let long = "x".repeat(4_000);
    let mut rated = row(4, ["Satu baris", "Risiko", "Sebab", "Akibat", "Rencana"]);
    rated.assessment.jabatan = "Kasubbag TU".into();
    rated.assessment.inherent = Score {
        likelihood: Some(4),
        impact: Some(3),
        rating: Some(Rating { likelihood: 4, impact: 3, score: 15, level: Level::Tinggi }),
    };
    rated.assessment.target_date = chrono::NaiveDate::from_ymd_opt(2026, 6, 30);
    rated.assessment.status = Some(RtpStatus::Selesai);
    rated.assessment.realisation[1] = Realisation {
        progress: 75,
        done: "Rapat koordinasi".into(),
        evidence: "https://x.go.id".into(),
    };
    RegisterView {
        id: 1,
        unit_id: 1,
        version: 3,
        title: "Tabel Pemetaan Potensi Benturan Kepentingan".into(),
        unit_name: "Biro Administrasi Pimpinan".into(),
        parent_name: Some("Setda Provinsi Kalimantan Timur".into()),
        year: 2026,
        status: RegisterStatus::Draft,
        sources: vec![],
        as_of: None,
        cycle: Default::default(),
        sections: vec![
            SectionView {
                bagian_id: 10,
                ordinal: 1,
                name: "Bagian Protokol".into(),
                rows: vec![
                    row(
                        1,
                        [
                            "Penyusunan <i>assessment</i>",
                            "=SUM(A1)",
                            "- Menyusun",
                            "<b>markup</b>",
                            "عربي",
                        ],
                    ),
                    row(2, [&long, "b", "c", "d", "e"]),
                    row(3, ["a", "b", "c", "d", "e"]),
                ],
            },
            SectionView { bagian_id: 11, ordinal: 0, name: "Bagian Kosong".into(), rows: vec![] },
            SectionView {
                bagian_id: 12,
                ordinal: 2,
                name: "Bagian Materi".into(),
                rows: vec![rated],
            },
        ],
    }
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).unwrap()
}

fn text(range: &calamine::Range<Data>, at: (u32, u32)) -> String {
    range.get_value(at).map(|value| value.to_string()).unwrap_or_default()
}

#[test]
fn sheet_one_is_the_official_table() {
    let bytes = register_workbook(&register(), Locale::Id.strings()).unwrap();
    let mut book = open(&bytes);
    assert_eq!(book.sheet_names(), ["Tabel Pemetaan", "Penilaian & RTP"]);
    let sheet = book.worksheet_range("Tabel Pemetaan").unwrap();
    assert_eq!(text(&sheet, (0, 0)), "Tabel Pemetaan Potensi Benturan Kepentingan");
    assert_eq!(text(&sheet, (1, 0)), "Biro Administrasi Pimpinan Setda Provinsi Kalimantan Timur");
    assert_eq!(text(&sheet, (2, 0)), "Periode 2026 · Status: Draf");
    let header: Vec<String> = (0..8).map(|c| text(&sheet, (4, c))).collect();
    assert_eq!(&header[..7], OFFICIAL_COLUMNS.map(str::to_owned));
    assert_eq!(header[7], "Kode");
    // Rows in order, texts plain (no markup, formulas as text), codes last.
    assert_eq!(text(&sheet, (5, 0)), "1");
    assert_eq!(text(&sheet, (5, 1)), "Bagian Protokol");
    assert_eq!(text(&sheet, (5, 2)), "Penyusunan assessment");
    assert_eq!(text(&sheet, (5, 3)), "=SUM(A1)");
    assert_eq!(text(&sheet, (5, 5)), "<b>markup</b>");
    assert_eq!(text(&sheet, (5, 6)), "عربي");
    assert_eq!(text(&sheet, (6, 2)).len(), 4_000);
    assert_eq!(text(&sheet, (8, 0)), "2", "the empty Bagian takes no row");
    assert_eq!(text(&sheet, (8, 2)), "Satu baris");
    let codes: Vec<String> = (5..9).map(|r| text(&sheet, (r, 7))).collect();
    assert_eq!(codes, ["BK-001", "BK-002", "BK-003", "BK-004"]);
    assert_eq!(text(&sheet, (9, 0)), "", "nothing after the last row");
    // No and Bagian merged over their Bagian's rows; the heading across.
    let merged = book.merge_cells_by_sheet_name("Tabel Pemetaan").unwrap();
    let spans: Vec<_> = merged.iter().map(|d| (d.start, d.end)).collect();
    for span in [((5, 0), (7, 0)), ((5, 1), (7, 1)), ((0, 0), (0, 6))] {
        assert!(spans.contains(&span), "{span:?} in {spans:?}");
    }
    assert!(!spans.iter().any(|(start, _)| start.0 == 8), "one row needs no merge");
}

#[test]
fn italics_are_rich_text_and_the_page_prints() {
    let bytes = register_workbook(&register(), Locale::Id.strings()).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut read = |name: &str| {
        let mut xml = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
        xml
    };
    let strings = read("xl/sharedStrings.xml");
    assert!(strings.contains("<i/>"), "an italic run");
    assert!(strings.contains(">assessment</t>"), "{strings:.400}");
    let sheet = read("xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"orientation="landscape""#));
    assert!(sheet.contains(r#"paperSize="9""#), "A4");
    assert!(sheet.contains("Halaman &amp;P dari &amp;N"));
    assert!(sheet.contains(r#"<pane ySplit="5""#), "the header frozen");
    let workbook = read("xl/workbook.xml");
    assert!(workbook.contains("_xlnm.Print_Titles"), "the header row on every page");
    assert!(workbook.contains("$A$1:$G$9"), "the code stays off the print: {workbook}");
}

#[test]
fn sheet_two_is_the_assessment() {
    let bytes = register_workbook(&register(), Locale::En.strings()).unwrap();
    let mut book = open(&bytes);
    assert_eq!(book.sheet_names(), ["Mapping Table", "Assessment & RTP"]);
    let sheet = book.worksheet_range("Assessment & RTP").unwrap();
    let header: Vec<String> = (0..40).map(|c| text(&sheet, (4, c))).collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap() as u32;
    assert_eq!(text(&sheet, (8, 0)), "BK-004");
    assert_eq!(text(&sheet, (8, column("Position involved"))), "Kasubbag TU");
    assert_eq!(text(&sheet, (8, column("Inherent score"))), "15");
    assert_eq!(text(&sheet, (8, column("Inherent risk level"))), "High");
    assert_eq!(text(&sheet, (8, column("Control action status"))), "Done");
    let date = sheet.get_value((8, column("Control action target date"))).unwrap();
    assert_eq!(date.as_date(), chrono::NaiveDate::from_ymd_opt(2026, 6, 30));
    assert_eq!(text(&sheet, (8, column("Q2 · Realisation progress"))), "75");
    assert_eq!(text(&sheet, (8, column("Q2 · What was done"))), "Rapat koordinasi");
    assert_eq!(text(&sheet, (5, column("Inherent score"))), "", "not rated: blank");
}
