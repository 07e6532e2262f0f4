//! The strings of the register "as of" a past day: the banner over the
//! read-only table, the choice of a day, and why a day cannot be shown.
//! Dates are written long ("30 September 2026", see `PrintStrings::long_date`).

pub struct AsOfStrings {
    /// "Register per 30 September 2026".
    pub title: fn(date: &str) -> String,
    pub rebuilt: &'static str,
    pub back: &'static str,
    /// The form that picks a day.
    pub pick_label: &'static str,
    pub pick_submit: &'static str,
    pub pick_hint: &'static str,
    pub gap_title: fn(date: &str) -> String,
    /// The log holds the register's layout from `since` on (`None`: not yet).
    pub before_log: fn(since: Option<&str>) -> String,
    pub future: fn(today: &str) -> String,
    /// The line the printed form and the workbook add under the heading.
    pub document_line: fn(date: &str) -> String,
}

pub const ID: AsOfStrings = AsOfStrings {
    title: |date| format!("Register per {date}"),
    rebuilt: "Dibangun ulang dari riwayat perubahan: keadaan register pada akhir hari itu \
              (WITA). Hanya dapat dibaca; perubahan dilakukan pada register terkini.",
    back: "Kembali ke register terkini",
    pick_label: "Lihat per tanggal",
    pick_submit: "Tampilkan",
    pick_hint: "Register sebagaimana tercatat pada akhir tanggal yang dipilih.",
    gap_title: |date| format!("Register per {date} tidak tersedia"),
    before_log: |since| match since {
        Some(since) => format!(
            "Riwayat susunan register ini tercatat sejak {since}. Pilih tanggal itu atau sesudahnya."
        ),
        None => "Register ini belum memiliki riwayat perubahan.".to_owned(),
    },
    future: |today| {
        format!(
            "Tanggal itu belum berakhir (hari ini {today}): register terkini adalah keadaannya."
        )
    },
    document_line: |date| format!("Keadaan per {date}, dibangun ulang dari riwayat perubahan"),
};

pub const EN: AsOfStrings = AsOfStrings {
    title: |date| format!("Register as of {date}"),
    rebuilt: "Rebuilt from the change history: the register as it stood at the end of that \
              day (WITA). Read-only; changes are made to the current register.",
    back: "Back to the current register",
    pick_label: "View as of date",
    pick_submit: "Show",
    pick_hint: "The register as recorded at the end of the chosen day.",
    gap_title: |date| format!("The register as of {date} is not available"),
    before_log: |since| match since {
        Some(since) => format!(
            "This register's layout has been recorded since {since}. Choose that day or a later one."
        ),
        None => "This register has no change history yet.".to_owned(),
    },
    future: |today| {
        format!(
            "That day has not ended yet (today is {today}): the current register is how it stands."
        )
    },
    document_line: |date| format!("As of {date}, rebuilt from the change history"),
};
