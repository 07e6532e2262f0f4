//! How the register falls on A4 landscape sheets. Text height is estimated
//! from its length in each column, on the safe side, so that a sheet never
//! runs over its page: the form can then repeat a Bagian's name where its
//! rows go on, which a browser's own page breaks cannot. The same sheets on
//! the server and in the browser (hydration renders what the server did).
use crate::register::model::{RiskRowView, SectionView};
use std::ops::Range;

/// The printable area of an A4 landscape page under the form's `@page`
/// margins (12 mm, 16 mm at the foot for the page number), in millimetres.
pub const PAGE_WIDTH_MM: f64 = 273.0;
pub const PAGE_HEIGHT_MM: f64 = 182.0;
/// The seven columns' widths, in millimetres, summing to the page width.
pub const COLUMN_MM: [f64; 7] = [9.0, 32.0, 38.0, 48.0, 48.0, 45.0, 53.0];
/// The body's line (9 pt text, line-height 1.3) and a cell's padding and
/// borders, top and bottom, left and right.
const LINE_MM: f64 = 4.13;
const CELL_PADDING_MM: f64 = 2.4;
const CELL_INSET_MM: f64 = 3.2;
/// The average width of a character of 9 pt Arial, widened for capitals
/// and wide letters, and the share of a line word wrapping fills.
const CHAR_MM: f64 = 1.62;
const LINE_FILL: f64 = 0.9;
/// The heading over the first sheet's table, and the signature block.
pub const HEADING_MM: f64 = 32.0;
pub const SIGNATURES_MM: f64 = 56.0;
/// Kept free at the foot of each sheet for what estimates miss.
const SLACK_MM: f64 = 6.0;

/// A run of one Bagian's rows on one sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Index into the register's sections.
    pub section: usize,
    pub rows: Range<usize>,
    /// Its first row is not the Bagian's first: the name is repeated.
    pub continued: bool,
}

/// One printed page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    pub blocks: Vec<Block>,
    /// The form's heading (the first sheet).
    pub heading: bool,
    /// The signature block (the last sheet).
    pub signatures: bool,
}

impl Sheet {
    pub fn row_count(&self) -> usize {
        self.blocks.iter().map(|block| block.rows.len()).sum()
    }
}

/// Lines a text of `chars` characters takes in column `column`.
fn lines(chars: usize, column: usize) -> f64 {
    let per_line = ((COLUMN_MM[column] - CELL_INSET_MM) / CHAR_MM * LINE_FILL).floor().max(1.0);
    (chars as f64 / per_line).ceil().max(1.0)
}

/// The height of a cell holding texts of these lengths in `column`, in mm.
fn cell_mm(chars: usize, column: usize) -> f64 {
    lines(chars, column) * LINE_MM + CELL_PADDING_MM
}

/// A row's height: its tallest text cell.
pub fn row_mm(row: &RiskRowView) -> f64 {
    let cells = [&row.aktivitas, &row.potensi, &row.penyebab, &row.dampak, &row.rencana];
    cells.iter().enumerate().map(|(i, text)| cell_mm(text.visible_len(), i + 2)).fold(0.0, f64::max)
}

/// The header row, its longest title wrapped in its column.
pub fn header_mm(titles: &[&str; 7]) -> f64 {
    titles.iter().enumerate().map(|(i, t)| cell_mm(t.chars().count(), i)).fold(0.0, f64::max)
}

/// The Bagian cell of a block: its name (and, continued, the word for it).
fn name_mm(name: &str, extra_chars: usize) -> f64 {
    cell_mm(name.chars().count() + extra_chars, 1)
}

/// The register's rows on sheets, in order: each sheet holds what fits
/// under the table's header (and on the first, the heading), a row never
/// split; a row taller than a page gets a sheet of its own. Bagian without
/// rows are not printed. `continued_chars` is the length of the word a
/// repeated name gets ("(lanjutan)").
pub fn paginate(sections: &[SectionView], header: f64, continued_chars: usize) -> Vec<Sheet> {
    let budget = PAGE_HEIGHT_MM - SLACK_MM;
    let mut sheets = Vec::new();
    let mut sheet = Sheet { heading: true, ..Sheet::default() };
    let mut used = HEADING_MM + header;
    for (index, section) in sections.iter().enumerate() {
        let mut start = 0;
        // The block's rows' height so far, and what its name needs.
        let mut block_rows: f64 = 0.0;
        let mut name = name_mm(&section.name, 0);
        for (row_index, row) in section.rows.iter().enumerate() {
            let height = row_mm(row);
            let before = if row_index == start { 0.0 } else { block_rows.max(name) };
            let grows_by = (block_rows + height).max(name) - before;
            let has_rows = sheet.row_count() + (row_index - start) > 0;
            if used + grows_by > budget && has_rows {
                close_block(&mut sheet, index, start..row_index);
                sheets.push(std::mem::take(&mut sheet));
                used = header;
                start = row_index;
                block_rows = 0.0;
                name = name_mm(&section.name, continued_chars);
                used += height.max(name);
            } else {
                used += grows_by;
            }
            block_rows += height;
        }
        close_block(&mut sheet, index, start..section.rows.len());
    }
    if used + SIGNATURES_MM > budget && sheet.row_count() > 0 {
        sheets.push(std::mem::take(&mut sheet));
    }
    sheet.signatures = true;
    sheets.push(sheet);
    sheets
}

fn close_block(sheet: &mut Sheet, section: usize, rows: Range<usize>) {
    if !rows.is_empty() {
        sheet.blocks.push(Block { section, continued: rows.start > 0, rows });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::model::{Assessment, RichText};

    fn row(id: i32, chars: usize) -> RiskRowView {
        let text = RichText::new("kata ".repeat(chars / 5));
        RiskRowView {
            id,
            code: format!("BK-{id:03}"),
            version: 1,
            aktivitas: RichText::new("Aktivitas"),
            potensi: text.clone(),
            penyebab: RichText::new("Penyebab"),
            dampak: RichText::new("Dampak"),
            rencana: text,
            notes: 0,
            assessment: Assessment::default(),
        }
    }

    fn section(id: i32, name: &str, rows: Vec<RiskRowView>) -> SectionView {
        SectionView { bagian_id: id, ordinal: id as u32, name: name.into(), rows }
    }

    const HEADER: f64 = 11.0;

    #[test]
    fn a_short_register_is_one_sheet_with_heading_and_signatures() {
        let sections = [section(1, "Bagian Protokol", vec![row(1, 100), row(2, 100)])];
        let sheets = paginate(&sections, HEADER, 10);
        assert_eq!(sheets.len(), 1);
        assert!(sheets[0].heading && sheets[0].signatures);
        assert_eq!(sheets[0].blocks, vec![Block { section: 0, rows: 0..2, continued: false }]);
    }

    #[test]
    fn rows_fill_sheets_in_order_and_a_continued_bagian_says_so() {
        let rows = |from: i32| (from..from + 40).map(|id| row(id, 300)).collect::<Vec<_>>();
        let sections = [
            section(1, "Bagian Perencanaan", rows(0)),
            section(2, "Bagian Kosong", vec![]),
            section(3, "Bagian Protokol", rows(100)),
        ];
        let sheets = paginate(&sections, HEADER, 10);
        assert!(sheets.len() > 3, "{} sheets", sheets.len());
        // Every row once, in order, none left out.
        let printed: Vec<(usize, usize)> = sheets
            .iter()
            .flat_map(|sheet| &sheet.blocks)
            .flat_map(|block| block.rows.clone().map(move |row| (block.section, row)))
            .collect();
        let expected: Vec<(usize, usize)> =
            [0, 2].into_iter().flat_map(|s| (0..40).map(move |r| (s, r))).collect();
        assert_eq!(printed, expected);
        for (index, sheet) in sheets.iter().enumerate() {
            // A sheet's estimated height stays within the page.
            let heading = if sheet.heading { HEADING_MM } else { 0.0 };
            let rows: f64 = sheet
                .blocks
                .iter()
                .flat_map(|b| b.rows.clone().map(|r| row_mm(&sections[b.section].rows[r])))
                .sum();
            let signatures = if sheet.signatures { SIGNATURES_MM } else { 0.0 };
            assert!(heading + HEADER + rows + signatures <= PAGE_HEIGHT_MM, "sheet {index}");
            // A sheet after the first that goes on with a Bagian names it again.
            if let Some(first) = sheet.blocks.first() {
                assert_eq!(first.continued, first.rows.start > 0);
            }
        }
        assert!(sheets.iter().skip(1).any(|sheet| sheet.blocks[0].continued));
        assert_eq!(sheets.iter().filter(|s| s.heading).count(), 1);
        assert!(sheets.last().unwrap().signatures);
    }

    #[test]
    fn a_row_taller_than_a_page_gets_a_sheet_of_its_own() {
        let sections = [section(1, "Bagian", vec![row(1, 50), row(2, 20_000), row(3, 50)])];
        let sheets = paginate(&sections, HEADER, 10);
        assert_eq!(sheets.len(), 3);
        assert!(sheets.iter().all(|sheet| sheet.blocks.len() == 1));
        let rows: Vec<Range<usize>> = sheets.iter().map(|s| s.blocks[0].rows.clone()).collect();
        assert_eq!(rows, [0..1, 1..2, 2..3]);
    }

    #[test]
    fn a_long_bagian_name_makes_room_for_itself() {
        let long = "Bagian ".repeat(60);
        assert!(name_mm(&long, 0) > row_mm(&row(1, 10)));
        let many: Vec<_> = (0..30).map(|id| row(id, 10)).collect();
        let sections: Vec<_> = (0..12).map(|s| section(s, &long, many.clone())).collect();
        for sheet in paginate(&sections, HEADER, 10) {
            let mut height = HEADER + if sheet.heading { HEADING_MM } else { 0.0 };
            for block in &sheet.blocks {
                let rows: f64 =
                    block.rows.clone().map(|r| row_mm(&sections[block.section].rows[r])).sum();
                height += rows.max(name_mm(&long, if block.continued { 10 } else { 0 }));
            }
            assert!(height <= PAGE_HEIGHT_MM);
        }
    }
}
