//! Messages of the `benturan` command line, in both languages.
use super::Locale;
use crate::import::{HEADER, model::CODE_HEADER};
use crate::import::{ImportReport, MatchKind, Note, NoteKind, ParseError, ParseErrorKind};
use crate::register::model::Field;
use crate::register::write::WriteError;

/// Why a file was refused, naming its line.
pub fn parse_error(locale: Locale, error: &ParseError) -> String {
    at_line(locale, error.line, parse_problem(locale, &error.kind))
}

/// What is wrong with a table, wherever it was read from.
pub fn parse_problem(locale: Locale, kind: &ParseErrorKind) -> String {
    let t = locale.strings();
    let (id, en) = match kind {
        ParseErrorKind::NotUtf8 => {
            ("berkas bukan teks UTF-8".to_owned(), "the file is not UTF-8 text".to_owned())
        }
        ParseErrorKind::MissingTitle => (
            "judul tabel dan nama unit kerja harus ada sebelum baris judul kolom".to_owned(),
            "the table title and the unit's name must come before the column header".to_owned(),
        ),
        ParseErrorKind::MissingHeader => (
            format!("baris judul kolom ({} …) tidak ditemukan", HEADER[..2].join(", ")),
            format!("no column header line ({} …) was found", HEADER[..2].join(", ")),
        ),
        ParseErrorKind::HeaderMismatch { column, found } => {
            let expected = HEADER.get(*column).copied().unwrap_or(CODE_HEADER);
            (
                format!("judul kolom {} adalah \"{found}\", seharusnya \"{expected}\"", column + 1),
                format!("column {} is headed \"{found}\", expected \"{expected}\"", column + 1),
            )
        }
        ParseErrorKind::ColumnCount { found, expected } => (
            format!("ada {found} kolom, seharusnya {expected}"),
            format!("{found} columns found, expected {expected}"),
        ),
        ParseErrorKind::InvalidNumber { found } => (
            format!("kolom No berisi \"{found}\", seharusnya nomor urut bagian"),
            format!("column No holds \"{found}\", expected the section's number"),
        ),
        ParseErrorKind::RowWithoutBagian => (
            "baris risiko muncul sebelum bagian pertama".to_owned(),
            "a risk row comes before the first section".to_owned(),
        ),
        ParseErrorKind::DuplicateBagian { name, first_line } => (
            format!("bagian \"{name}\" sudah ada di baris {first_line}"),
            format!("section \"{name}\" already appears on line {first_line}"),
        ),
        ParseErrorKind::DuplicateCode { code, first_line } => (
            format!("kode {code} sudah dipakai di baris {first_line}"),
            format!("code {code} is already used on line {first_line}"),
        ),
        ParseErrorKind::Field(field_error) => {
            let message = t.field_error(*field_error);
            (message.clone(), message)
        }
        ParseErrorKind::NoRows => (
            "tabel tidak berisi satu pun baris risiko".to_owned(),
            "the table holds no risk rows".to_owned(),
        ),
    };
    pick(locale, id, en)
}

/// Something dropped or odd in an imported file.
pub fn note(locale: Locale, note: &Note) -> String {
    let name = |field: Field| locale.strings().field_name(field);
    let (id, en) = match &note.kind {
        NoteKind::Joined { field, row_line } => (
            format!("lanjutan kolom {} dari baris {row_line} disambung kembali", name(*field)),
            format!("continuation of {} from line {row_line} joined back", name(*field)),
        ),
        NoteKind::StrayFragment { field, fragment } => (
            format!(
                "potongan \"{fragment}\" di kolom {} dibuang (kata di atasnya sudah lengkap)",
                name(*field)
            ),
            format!(
                "fragment \"{fragment}\" in {} dropped (the word above is complete)",
                name(*field)
            ),
        ),
        NoteKind::ForeignMarkup { field, tag } => (
            format!("tanda {tag} di kolom {} ditampilkan apa adanya sebagai teks", name(*field)),
            format!("markup {tag} in {} is shown as text, as written", name(*field)),
        ),
        NoteKind::Renumbered { found, expected } => (
            format!(
                "nomor bagian {found}, seharusnya {expected}; penomoran mengikuti urutan berkas"
            ),
            format!(
                "section numbered {found}, expected {expected}; numbering follows the file's order"
            ),
        ),
        NoteKind::Ignored { text } => (
            format!("teks \"{text}\" sebelum judul kolom diabaikan"),
            format!("text \"{text}\" before the column header ignored"),
        ),
    };
    at_line(locale, note.line, pick(locale, id, en))
}

/// The summary printed after an import: what changed, how each row of the
/// file was matched, and what was deleted.
pub fn import_summary(locale: Locale, report: &ImportReport) -> String {
    let ImportReport { year, register_id, bagian_existing, .. } = report;
    let bagian_created = report.bagian_created();
    let (created, updated, unchanged, restored) =
        (report.rows_created, report.rows_updated, report.rows_unchanged, report.rows_restored);
    let deleted = report.rows_deleted.len();
    let units = report.units_created.join(", ");
    let [code, content, similar, position, new] = [
        MatchKind::Code,
        MatchKind::Content,
        MatchKind::Similar,
        MatchKind::Position,
        MatchKind::New,
    ]
    .map(|kind| report.matched(kind));
    let mut lines = Vec::new();
    match locale {
        Locale::Id => {
            let register = if report.register_created { "dibuat" } else { "sudah ada" };
            let heading = if report.dry_run { "Uji coba impor" } else { "Impor selesai" };
            lines
                .push(format!("{heading}: register periode {year} (id {register_id}) {register}."));
            lines.push(format!("Bagian: {bagian_created} baru, {bagian_existing} sudah ada."));
            lines.push(format!(
                "Baris risiko: {created} baru, {updated} diubah, {unchanged} tidak berubah, \
                 {deleted} dihapus, {restored} dipulihkan."
            ));
            lines.push(format!(
                "Pencocokan baris: {code} menurut kode, {content} menurut isi, \
                 {similar} menurut isi yang mirip, {position} menurut posisi, {new} baris baru."
            ));
            for (old, new) in &report.bagian_renamed {
                lines.push(format!("Bagian \"{old}\" berganti nama menjadi \"{new}\"."));
            }
            for (code, activity) in &report.rows_deleted {
                lines.push(format!("Dihapus (dapat dipulihkan): {code} \"{activity}\"."));
            }
            if !units.is_empty() {
                lines.push(format!("Unit kerja baru: {units}."));
            }
            if report.dry_run {
                lines.push("Uji coba (--dry-run): tidak ada yang disimpan.".to_owned());
            }
        }
        Locale::En => {
            let register = if report.register_created { "created" } else { "already existed" };
            let heading = if report.dry_run { "Import dry run" } else { "Import done" };
            lines.push(format!("{heading}: register for {year} (id {register_id}) {register}."));
            lines.push(format!("Sections: {bagian_created} new, {bagian_existing} existing."));
            lines.push(format!(
                "Risk rows: {created} new, {updated} changed, {unchanged} unchanged, \
                 {deleted} deleted, {restored} restored."
            ));
            lines.push(format!(
                "Rows matched: {code} by code, {content} by content, \
                 {similar} by similar content, {position} by position, {new} new rows."
            ));
            for (old, new) in &report.bagian_renamed {
                lines.push(format!("Section \"{old}\" renamed to \"{new}\"."));
            }
            for (code, activity) in &report.rows_deleted {
                lines.push(format!("Deleted (restorable): {code} \"{activity}\"."));
            }
            if !units.is_empty() {
                lines.push(format!("New units: {units}."));
            }
            if report.dry_run {
                lines.push("Dry run (--dry-run): nothing was stored.".to_owned());
            }
        }
    }
    lines.join("\n")
}

/// One line per row of the file: which stored row it became, and how it
/// was found.
pub fn import_rows(locale: Locale, report: &ImportReport) -> Vec<String> {
    report
        .rows
        .iter()
        .map(|row| {
            let how = match (locale, row.kind) {
                (Locale::Id, MatchKind::Code) => "menurut kode",
                (Locale::Id, MatchKind::Content) => "menurut isi",
                (Locale::Id, MatchKind::Similar) => "menurut isi yang mirip (diubah)",
                (Locale::Id, MatchKind::Position) => "menurut posisi",
                (Locale::Id, MatchKind::New) => "baris baru",
                (Locale::En, MatchKind::Code) => "by code",
                (Locale::En, MatchKind::Content) => "by content",
                (Locale::En, MatchKind::Similar) => "by similar content (edited)",
                (Locale::En, MatchKind::Position) => "by position",
                (Locale::En, MatchKind::New) => "new row",
            };
            at_line(locale, row.line, format!("{} {how}", row.code))
        })
        .collect()
}

/// Why a write was refused or failed.
pub fn write_error(locale: Locale, error: &WriteError) -> String {
    let (id, en) = match error {
        WriteError::Validation(errors) => {
            let t = locale.strings();
            let messages: Vec<String> = errors.iter().map(|e| t.field_error(*e)).collect();
            (messages.join(" "), messages.join(" "))
        }
        WriteError::Conflict { row_id, .. } | WriteError::CellConflict { row_id, .. } => (
            format!("baris {row_id} diubah orang lain pada saat yang sama; ulangi impor"),
            format!("row {row_id} was changed by someone else at the same time; import again"),
        ),
        WriteError::Final { year } => (
            format!("register periode {year} sudah ditetapkan dan tidak dapat diubah lagi"),
            format!("the register for {year} is final (ditetapkan) and can no longer be changed"),
        ),
        WriteError::NotFound => {
            ("data yang dituju tidak ditemukan".to_owned(), "the data was not found".to_owned())
        }
        WriteError::Forbidden(_) => (
            "peran Anda tidak mengizinkan perubahan ini".to_owned(),
            "your role does not allow this change".to_owned(),
        ),
        WriteError::Db(error) => {
            (format!("kesalahan basis data: {error}"), format!("database error: {error}"))
        }
    };
    pick(locale, id, en)
}

/// Other command-line messages.
pub struct CliStrings {
    pub notes_heading: &'static str,
    pub rows_heading: &'static str,
    pub refused: &'static str,
    pub nothing_changed: &'static str,
    pub cannot_read: fn(path: &str, error: &str) -> String,
    pub database_unreachable: fn(url: &str, error: &str) -> String,
    pub database_invalid: fn(url: &str, error: &str) -> String,
    pub startup_failed: fn(error: &str) -> String,
    pub migrated: &'static str,
    pub no_register: &'static str,
    pub exported: fn(rows: usize) -> String,
    pub xlsx_needs_out: &'static str,
    pub evidence_written: fn(quarter: u8, year: i32, path: &str) -> String,
    pub seeded: fn(rows: usize) -> String,
    pub listening: fn(address: &str) -> String,
}

pub fn strings(locale: Locale) -> &'static CliStrings {
    match locale {
        Locale::Id => &ID,
        Locale::En => &EN,
    }
}

const ID: CliStrings = CliStrings {
    notes_heading: "Catatan:",
    rows_heading: "Baris berkas:",
    refused: "Berkas ditolak",
    nothing_changed: "Tidak ada data yang diubah.",
    cannot_read: |path, error| format!("Tidak dapat membaca {path}: {error}"),
    database_unreachable: |url, error| {
        format!("Basis data di {url} tidak dapat dihubungi: {error}")
    },
    database_invalid: |url, error| {
        format!(
            "DATABASE_URL tidak valid ({url}): {error}. Contoh: sqlite://benturan.sqlite?mode=rwc atau postgres://pengguna@host/basisdata"
        )
    },
    startup_failed: |error| {
        format!("Basis data tidak dapat disiapkan dan server dihentikan: {error}")
    },
    migrated: "Migrasi skema basis data selesai.",
    no_register: "Belum ada register untuk diekspor.",
    exported: |rows| format!("{rows} baris risiko diekspor."),
    xlsx_needs_out: "Buku kerja XLSX ditulis ke berkas: sebutkan --out BERKAS.xlsx.",
    evidence_written: |quarter, year, path| {
        format!("Paket bukti triwulan {quarter} tahun {year} ditulis ke {path}.")
    },
    seeded: |rows| format!("Basis data kosong: tabel Biro dimuat ({rows} baris risiko)."),
    listening: |address| format!("Benturan berjalan di http://{address}"),
};

const EN: CliStrings = CliStrings {
    notes_heading: "Notes:",
    rows_heading: "Rows of the file:",
    refused: "File refused",
    nothing_changed: "Nothing was changed.",
    cannot_read: |path, error| format!("Cannot read {path}: {error}"),
    database_unreachable: |url, error| format!("The database at {url} cannot be reached: {error}"),
    database_invalid: |url, error| {
        format!(
            "DATABASE_URL is not valid ({url}): {error}. Examples: sqlite://benturan.sqlite?mode=rwc or postgres://user@host/database"
        )
    },
    startup_failed: |error| format!("The database cannot be prepared; the server stopped: {error}"),
    migrated: "Database schema migrated.",
    no_register: "There is no register to export yet.",
    exported: |rows| format!("{rows} risk rows exported."),
    xlsx_needs_out: "An XLSX workbook is written to a file: give --out FILE.xlsx.",
    evidence_written: |quarter, year, path| {
        format!("The evidence pack of quarter {quarter} of {year} was written to {path}.")
    },
    seeded: |rows| format!("Empty database: the Biro's table was loaded ({rows} risk rows)."),
    listening: |address| format!("Benturan is listening on http://{address}"),
};

/// Why an account command was refused, naming the field and its limit.
pub fn account_error(locale: Locale, error: &crate::admin::repo::AccountError) -> String {
    use crate::admin::repo::AccountError;
    let (id, en) = match error {
        AccountError::BadUsername { min, max } => (
            format!("Nama pengguna: {min}–{max} karakter a–z, 0–9, '.', '_' atau '-'."),
            format!("Username: {min}–{max} characters of a–z, 0–9, '.', '_' or '-'."),
        ),
        AccountError::BadPassword { min, max } => (
            format!("Kata sandi: {min}–{max} karakter."),
            format!("Password: {min}–{max} characters."),
        ),
        AccountError::BadRole(role) => (
            format!("Peran \"{role}\" tidak dikenal: admin, editor, reviewer atau viewer."),
            format!("Unknown role \"{role}\": admin, editor, reviewer or viewer."),
        ),
        AccountError::Taken(name) => (
            format!("Nama pengguna {name} sudah dipakai."),
            format!("The username {name} is taken."),
        ),
        AccountError::NoSuchUser(name) => {
            (format!("Tidak ada pengguna {name}."), format!("There is no user {name}."))
        }
        AccountError::NoSuchBagian(id) => (
            format!("Tidak ada Bagian dengan id {id}."),
            format!("There is no Bagian with id {id}."),
        ),
        AccountError::LastAdmin => (
            "Admin aktif terakhir tidak dapat diubah perannya atau dinonaktifkan.".to_owned(),
            "The last active admin cannot lose the role or be disabled.".to_owned(),
        ),
        AccountError::Database(message) => {
            (format!("Basis data: {message}"), format!("Database: {message}"))
        }
    };
    pick(locale, id, en)
}

/// What an account command did.
pub fn account_done(locale: Locale, done: AccountDone<'_>) -> String {
    let (id, en) = match done {
        AccountDone::Added { name, role } => (
            format!("Pengguna {name} ditambahkan dengan peran {role}."),
            format!("User {name} added with the role {role}."),
        ),
        AccountDone::PasswordSet { name } => (
            format!("Kata sandi {name} diganti; sesi-sesinya berakhir."),
            format!("The password of {name} was changed; their sessions ended."),
        ),
        AccountDone::Disabled { name } => (
            format!("Pengguna {name} dinonaktifkan; sesi-sesinya berakhir."),
            format!("User {name} was disabled; their sessions ended."),
        ),
        AccountDone::OneTimePassword { name } => (
            format!("Kata sandi awal {name} (ditampilkan sekali ini saja; sampaikan kepadanya):"),
            format!("The first password of {name} (shown this once; pass it on):"),
        ),
        AccountDone::NoUsers => {
            ("Belum ada pengguna.".to_owned(), "There are no users yet.".to_owned())
        }
        AccountDone::FirstAdmin { name, password } => (
            format!(
                "Belum ada pengguna: akun {name} dibuat. Kata sandi sekali pakai: {password} \
                 (ditampilkan sekali ini saja; ganti dengan `benturan user passwd {name}`)."
            ),
            format!(
                "No users yet: the account {name} was made. One-time password: {password} \
                 (shown this once; change it with `benturan user passwd {name}`)."
            ),
        ),
    };
    pick(locale, id, en)
}

/// The outcomes of the `user` commands.
#[derive(Clone, Copy, Debug)]
pub enum AccountDone<'a> {
    Added { name: &'a str, role: &'a str },
    PasswordSet { name: &'a str },
    Disabled { name: &'a str },
    OneTimePassword { name: &'a str },
    NoUsers,
    FirstAdmin { name: &'a str, password: &'a str },
}

fn pick(locale: Locale, id: String, en: String) -> String {
    match locale {
        Locale::Id => id,
        Locale::En => en,
    }
}

fn at_line(locale: Locale, line: usize, message: String) -> String {
    match locale {
        Locale::Id => format!("baris {line}: {message}"),
        Locale::En => format!("line {line}: {message}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::parse_table;

    #[test]
    fn errors_name_the_line_in_both_languages() {
        let error = parse_table("Judul\nBiro\nNo\tUnit\n").unwrap_err();
        assert_eq!(parse_error(Locale::Id, &error), "baris 3: ada 2 kolom, seharusnya 7");
        assert_eq!(parse_error(Locale::En, &error), "line 3: 2 columns found, expected 7");
    }

    #[test]
    fn the_seed_stray_fragment_is_explained() {
        let table = parse_table(crate::import::SEED_TABLE).unwrap();
        let notes: Vec<String> = table.notes.iter().map(|n| note(Locale::Id, n)).collect();
        assert!(notes.contains(
            &"baris 12: potongan \"t\" di kolom Dampak Negatif dibuang (kata di atasnya sudah lengkap)".to_owned()
        ));
    }
}
