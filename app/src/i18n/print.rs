//! The strings of the printed form and of its settings.
use chrono::{Datelike, NaiveDate};

pub struct PrintStrings {
    /// "Cetak" on the register page, and on the print view.
    pub print: &'static str,
    pub page_title: &'static str,
    pub back: &'static str,
    pub lead: &'static str,
    pub year: fn(year: i32) -> String,
    pub status: fn(status: &str) -> String,
    /// "Ditetapkan dengan SK Nomor … tanggal …"; `None` parts left blank.
    pub decree: fn(number: Option<&str>, date: Option<&str>) -> String,
    pub continued: &'static str,
    pub prepared_by: &'static str,
    pub approved_by: &'static str,
    pub nip: &'static str,
    /// "Halaman 1 dari 3" under each sheet on screen (in print, the page's
    /// own counter says it).
    pub sheet_number: fn(page: usize, pages: usize) -> String,
    pub months: [&'static str; 12],
    pub settings_open: &'static str,
    pub settings_title: &'static str,
    pub settings_hint: &'static str,
    pub decree_legend: &'static str,
    pub signing_legend: &'static str,
    pub prepared_legend: &'static str,
    pub approved_legend: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub stale: &'static str,
    pub no_rows: &'static str,
}

impl PrintStrings {
    /// A date as the form writes it: "3 Desember 2026".
    pub fn long_date(&self, date: NaiveDate) -> String {
        format!("{} {} {}", date.day(), self.months[date.month0() as usize], date.year())
    }
}

/// What the form prints where a setting is not given yet: a line to fill
/// by hand.
pub const BLANK: &str = "\u{2026}\u{2026}\u{2026}\u{2026}\u{2026}\u{2026}\u{2026}\u{2026}";

pub const ID: PrintStrings = PrintStrings {
    print: "Cetak",
    page_title: "Cetak register",
    back: "Kembali ke register",
    lead: "Tampilan cetak seluruh register pada kertas A4 mendatar: kop, tabel dengan judul \
           kolom di setiap halaman, dan blok tanda tangan. Tekan \u{201c}Cetak\u{201d} atau Ctrl+P.",
    year: |year| format!("Tahun {year}"),
    status: |status| format!("Status: {status}"),
    decree: |number, date| {
        format!(
            "Ditetapkan dengan SK Nomor {} tanggal {}",
            number.unwrap_or(BLANK),
            date.unwrap_or(BLANK)
        )
    },
    continued: "(lanjutan)",
    prepared_by: "Disusun oleh,",
    approved_by: "Disetujui,",
    nip: "NIP",
    sheet_number: |page, pages| format!("Halaman {page} dari {pages}"),
    months: [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],
    settings_open: "Kop dan tanda tangan",
    settings_title: "Kop dan tanda tangan formulir",
    settings_hint: "Yang dikosongkan dicetak sebagai garis titik untuk diisi tangan.",
    decree_legend: "Surat Keputusan (SK)",
    signing_legend: "Tempat dan tanggal penandatanganan",
    prepared_legend: "Disusun oleh",
    approved_legend: "Disetujui oleh",
    save: "Simpan",
    saving: "Menyimpan\u{2026}",
    saved: "Tersimpan: formulir cetak diperbarui.",
    stale: "Register diubah orang lain sementara itu; formulir dimuat ulang, periksa lalu simpan \
            lagi.",
    no_rows: "Register ini belum memiliki baris.",
};

pub const EN: PrintStrings = PrintStrings {
    print: "Print",
    page_title: "Print the register",
    back: "Back to the register",
    lead: "The whole register as printed on landscape A4: heading, the table with its column \
           titles on every page, and the signature block. Press \u{201c}Print\u{201d} or Ctrl+P.",
    year: |year| format!("Year {year}"),
    status: |status| format!("Status: {status}"),
    decree: |number, date| {
        format!("Set by decree (SK) No. {} of {}", number.unwrap_or(BLANK), date.unwrap_or(BLANK))
    },
    continued: "(continued)",
    prepared_by: "Prepared by,",
    approved_by: "Approved,",
    nip: "NIP",
    sheet_number: |page, pages| format!("Page {page} of {pages}"),
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    settings_open: "Heading and signatures",
    settings_title: "The form's heading and signatures",
    settings_hint: "What is left empty prints as a dotted line to fill by hand.",
    decree_legend: "Decree (SK)",
    signing_legend: "Place and date of signing",
    prepared_legend: "Prepared by",
    approved_legend: "Approved by",
    save: "Save",
    saving: "Saving\u{2026}",
    saved: "Saved: the printed form is updated.",
    stale: "Someone changed the register meanwhile; the form was reloaded, check it and save again.",
    no_rows: "This register has no rows yet.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_out_in_each_language() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        assert_eq!(ID.long_date(date), "3 Desember 2026");
        assert_eq!(EN.long_date(date), "3 December 2026");
    }
}
