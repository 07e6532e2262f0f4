use super::{AccountStrings, CliStrings, ImportStrings, TableStrings, WriteStrings};

pub const STRINGS: CliStrings = CliStrings {
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
    at_line: |line, message| format!("baris {line}: {message}"),
    table: &TABLE,
    import: &IMPORT,
    write: &WRITE,
    account: &ACCOUNT,
};

const TABLE: TableStrings = TableStrings {
    not_utf8: "berkas bukan teks UTF-8",
    missing_title: "judul tabel dan nama unit kerja harus ada sebelum baris judul kolom",
    missing_header: |first| format!("baris judul kolom ({first} …) tidak ditemukan"),
    header_mismatch: |column, found, expected| {
        format!("judul kolom {column} adalah \"{found}\", seharusnya \"{expected}\"")
    },
    column_count: |found, expected| format!("ada {found} kolom, seharusnya {expected}"),
    invalid_number: |found| format!("kolom No berisi \"{found}\", seharusnya nomor urut bagian"),
    row_without_bagian: "baris risiko muncul sebelum bagian pertama",
    duplicate_bagian: |name, line| format!("bagian \"{name}\" sudah ada di baris {line}"),
    duplicate_code: |code, line| format!("kode {code} sudah dipakai di baris {line}"),
    no_rows: "tabel tidak berisi satu pun baris risiko",
    not_a_workbook: "berkas bukan buku kerja Excel (.xlsx) yang dapat dibaca",
    beyond_table: |last| format!("sel di kanan tabel terisi (tabel berakhir di kolom {last})"),
    at_cell: |sheet, row, column, problem| match column {
        Some(column) => format!("lembar \"{sheet}\", baris {row}, kolom {column}: {problem}"),
        None => format!("lembar \"{sheet}\", baris {row}: {problem}"),
    },
    joined: |field, row_line| {
        format!("lanjutan kolom {field} dari baris {row_line} disambung kembali")
    },
    stray_fragment: |fragment, field| {
        format!("potongan \"{fragment}\" di kolom {field} dibuang (kata di atasnya sudah lengkap)")
    },
    foreign_markup: |tag, field| {
        format!("tanda {tag} di kolom {field} ditampilkan apa adanya sebagai teks")
    },
    renumbered: |found, expected| {
        format!("nomor bagian {found}, seharusnya {expected}; penomoran mengikuti urutan berkas")
    },
    ignored: |text| format!("teks \"{text}\" sebelum judul kolom diabaikan"),
};

const IMPORT: ImportStrings = ImportStrings {
    heading: |dry_run, year, register_id, created| {
        let heading = if dry_run { "Uji coba impor" } else { "Impor selesai" };
        let register = if created { "dibuat" } else { "sudah ada" };
        format!("{heading}: register periode {year} (id {register_id}) {register}.")
    },
    bagian: |created, existing| format!("Bagian: {created} baru, {existing} sudah ada."),
    rows: |[created, updated, unchanged, deleted, restored]| {
        format!(
            "Baris risiko: {created} baru, {updated} diubah, {unchanged} tidak berubah, \
             {deleted} dihapus, {restored} dipulihkan."
        )
    },
    matched: |[code, content, similar, position, new]| {
        format!(
            "Pencocokan baris: {code} menurut kode, {content} menurut isi, \
             {similar} menurut isi yang mirip, {position} menurut posisi, {new} baris baru."
        )
    },
    renamed: |old, new| format!("Bagian \"{old}\" berganti nama menjadi \"{new}\"."),
    deleted: |code, activity| format!("Dihapus (dapat dipulihkan): {code} \"{activity}\"."),
    units_created: |units| format!("Unit kerja baru: {units}."),
    dry_run: "Uji coba (--dry-run): tidak ada yang disimpan.",
    match_kinds: [
        "menurut kode",
        "menurut isi",
        "menurut isi yang mirip (diubah)",
        "menurut posisi",
        "baris baru",
    ],
};

const WRITE: WriteStrings = WriteStrings {
    conflict: |row| format!("baris {row} diubah orang lain pada saat yang sama; ulangi impor"),
    final_register: |year| {
        format!("register periode {year} sudah ditetapkan dan tidak dapat diubah lagi")
    },
    under_review: |year| {
        format!(
            "register periode {year} sedang diajukan atau direviu; isinya tidak dapat diubah sampai dikembalikan ke draf"
        )
    },
    not_found: "data yang dituju tidak ditemukan",
    forbidden: "peran Anda tidak mengizinkan perubahan ini",
    database: |error| format!("kesalahan basis data: {error}"),
};

const ACCOUNT: AccountStrings = AccountStrings {
    bad_username: |min, max| {
        format!("Nama pengguna: {min}–{max} karakter a–z, 0–9, '.', '_' atau '-'.")
    },
    bad_password: |min, max| format!("Kata sandi: {min}–{max} karakter."),
    bad_email: |max| format!("E-mail: satu alamat, paling banyak {max} karakter."),
    bad_role: |role| {
        format!("Peran \"{role}\" tidak dikenal: admin, editor, reviewer atau viewer.")
    },
    taken: |name| format!("Nama pengguna {name} sudah dipakai."),
    no_such_user: |name| format!("Tidak ada pengguna {name}."),
    no_such_bagian: |id| format!("Tidak ada Bagian dengan id {id}."),
    last_admin: "Admin aktif terakhir tidak dapat diubah perannya atau dinonaktifkan.",
    database: |error| format!("Basis data: {error}"),
    added: |name, role| format!("Pengguna {name} ditambahkan dengan peran {role}."),
    password_set: |name| format!("Kata sandi {name} diganti; sesi-sesinya berakhir."),
    disabled: |name| format!("Pengguna {name} dinonaktifkan; sesi-sesinya berakhir."),
    one_time_password: |name| {
        format!("Kata sandi awal {name} (ditampilkan sekali ini saja; sampaikan kepadanya):")
    },
    no_users: "Belum ada pengguna.",
    first_admin: |name, password| {
        format!(
            "Belum ada pengguna: akun {name} dibuat. Kata sandi sekali pakai: {password} \
             (ditampilkan sekali ini saja; ganti dengan `benturan user passwd {name}`)."
        )
    },
};
