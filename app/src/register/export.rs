//! `benturan export --format csv`: the register as RFC 4180 CSV.
use super::model::RegisterView;
use std::io::Write;

/// The header line: the columns of the official form, by short name.
pub const CSV_HEADER: [&str; 7] =
    ["no", "bagian", "aktivitas", "potensi", "penyebab", "dampak", "rencana"];

/// Writes one line per risk row (after the header), emphasis as plain words,
/// with CRLF line ends as RFC 4180 asks.
pub fn write_csv(register: &RegisterView, out: impl Write) -> Result<usize, csv::Error> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    writer.write_record(CSV_HEADER)?;
    let mut written = 0;
    for section in &register.sections {
        let ordinal = section.ordinal.to_string();
        for row in &section.rows {
            let cells = row.cells().map(|cell| cell.plain());
            writer.write_record(
                [ordinal.as_str(), section.name.as_str()]
                    .into_iter()
                    .chain(cells.iter().map(String::as_str)),
            )?;
            written += 1;
        }
    }
    writer.flush()?;
    Ok(written)
}
