//! What the sheets share: where the table starts, cell formats, row
//! heights and a page setup that print.
use crate::i18n::Strings;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// Where the official table starts: the heading takes the rows above.
pub(super) const HEADER_ROW: u32 = 4;

/// The body's font size, in points, and the height of one of its lines.
const FONT_SIZE: f64 = 10.0;
const LINE_POINTS: f64 = 13.0;
/// Excel's tallest row.
const MAX_ROW_POINTS: f64 = 409.0;

pub struct Formats {
    pub title: Format,
    pub subtitle: Format,
    pub header: Format,
    pub cell: Format,
    pub centered: Format,
    pub italic: Format,
    pub plain: Format,
    pub date: Format,
}

impl Formats {
    pub fn new() -> Self {
        let base = Format::new().set_font_name("Arial").set_font_size(FONT_SIZE);
        let cell =
            base.clone().set_text_wrap().set_align(FormatAlign::Top).set_border(FormatBorder::Thin);
        Self {
            title: base.clone().set_bold().set_font_size(14).set_align(FormatAlign::Center),
            subtitle: base.clone().set_font_size(11).set_align(FormatAlign::Center),
            header: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color("#E8EDF3"),
            centered: cell.clone().set_align(FormatAlign::Center),
            date: cell.clone().set_num_format("dd/mm/yyyy"),
            italic: base.clone().set_italic(),
            plain: base,
            cell,
        }
    }
}

/// The height a row needs for its longest text wrapped in its column, so
/// the printed form shows every word (Excel sizes no row with merged cells).
/// `texts` are (characters, column width in Excel's units).
pub fn row_height(texts: impl IntoIterator<Item = (usize, f64)>) -> f64 {
    let lines = texts
        .into_iter()
        .map(|(chars, width)| {
            // About 1.2 characters of 10-point Arial per unit of width, less
            // a margin for words that do not fill their line.
            let per_line = (width * 1.2 * 0.9).max(1.0);
            (chars as f64 / per_line).ceil().max(1.0)
        })
        .fold(1.0, f64::max);
    (lines * LINE_POINTS + 4.0).min(MAX_ROW_POINTS)
}

/// A worksheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
pub fn sheet_name(name: &str) -> String {
    name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect()
}

/// A4 landscape, one page wide, the header row on every page, the heading
/// and header frozen on screen, the code left off the print.
pub fn print_setup(
    sheet: &mut Worksheet,
    last_row: u32,
    last_column: u16,
    t: &Strings,
) -> Result<(), XlsxError> {
    const A4: u8 = 9;
    sheet.set_landscape().set_paper_size(A4).set_print_fit_to_pages(1, 0);
    sheet.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    sheet.set_print_area(0, 0, last_row, last_column)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.set_footer(format!("&C{}", t.page_footer));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_grow_with_their_longest_text_up_to_excels_limit() {
        let one = row_height([(10, 30.0)]);
        let three = row_height([(10, 30.0), (90, 30.0)]);
        assert!(three > one * 2.0, "{one} {three}");
        assert_eq!(row_height([(4_000, 10.0)]), MAX_ROW_POINTS);
        assert_eq!(row_height([]), one);
    }

    #[test]
    fn sheet_names_fit_excel() {
        assert_eq!(sheet_name("Penilaian & RTP"), "Penilaian & RTP");
        assert_eq!(sheet_name("a/b[c]:d*e?f\\g"), "abcdefg");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
    }
}
