//! `benturan export`: the register as RFC 4180 CSV for spreadsheets, or in
//! the Biro's text format with each row's code, which imports back unchanged.
use super::model::RegisterView;
use crate::rules::{CODE_HEADER, OFFICIAL_COLUMNS as HEADER};
use std::io::Write;

/// The header line: the columns of the official form by short name, and the code.
pub const CSV_HEADER: [&str; 8] =
    ["kode", "no", "bagian", "aktivitas", "potensi", "penyebab", "dampak", "rencana"];

/// Writes one line per risk row (after the header), emphasis as plain words,
/// with CRLF line ends as RFC 4180 asks.
pub fn write_csv(register: &RegisterView, out: impl Write) -> Result<usize, csv::Error> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    writer.write_record(CSV_HEADER)?;
    let mut written = 0;
    for section in &register.sections {
        let ordinal = section.ordinal.to_string();
        for row in &section.rows {
            let cells = row.cells().map(|cell| spreadsheet_safe(cell.plain()));
            writer.write_record(
                [
                    spreadsheet_safe(row.code.clone()),
                    ordinal.clone(),
                    spreadsheet_safe(section.name.clone()),
                ]
                .iter()
                .chain(cells.iter()),
            )?;
            written += 1;
        }
    }
    writer.flush()?;
    Ok(written)
}

/// A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab or
/// CR first) gets a leading apostrophe, as OWASP advises against CSV
/// injection: "- Menyusun" would otherwise show `#NAME?` in Excel.
pub fn spreadsheet_safe(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell }
}

/// Writes the register in the text format `benturan import` reads, with the
/// Kode column last and emphasis kept: importing it back changes nothing.
pub fn write_text(register: &RegisterView, mut out: impl Write) -> std::io::Result<usize> {
    writeln!(out, "{}", register.title)?;
    writeln!(out, "{}", register.unit_line())?;
    writeln!(out, "{}\t{CODE_HEADER}", HEADER.join("\t"))?;
    let mut written = 0;
    for section in &register.sections {
        for (index, row) in section.rows.iter().enumerate() {
            let (number, name) = match index {
                0 => (section.ordinal.to_string(), section.name.as_str()),
                _ => (String::new(), ""),
            };
            let cells = row.cells().map(|cell| cell.markup());
            writeln!(out, "{number}\t{name}\t{}\t{}", cells.join("\t"), row.code)?;
            written += 1;
        }
    }
    out.flush()?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

    #[test]
    fn formulas_are_neutralised() {
        for (cell, safe) in [
            ("- Menyusun SOP", "'- Menyusun SOP"),
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+62 811", "'+62 811"),
            ("@admin", "'@admin"),
            ("\tx", "'\tx"),
            ("Menyusun - SOP", "Menyusun - SOP"),
        ] {
            assert_eq!(spreadsheet_safe(cell.to_owned()), safe);
        }
    }
}
