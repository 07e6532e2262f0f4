use super::{Strings, group_thousands};
use crate::register::model::OFFICIAL_COLUMNS;

pub const STRINGS: Strings = Strings {
    language_name: "Bahasa Indonesia",
    app_name: "Benturan",
    app_tagline: "Pemetaan dan pengendalian potensi benturan kepentingan",
    table_title: "Tabel Pemetaan Potensi Benturan Kepentingan",
    columns: OFFICIAL_COLUMNS,
    period: "Periode",
    status: "Status",
    contents: "Isi",
    status_names: ["Draf", "Diajukan", "Direviu", "Ditetapkan"],
    summary: |sections, rows| {
        let (sections, rows) = (group_thousands(sections, '.'), group_thousands(rows, '.'));
        format!("{sections} bagian · {rows} baris risiko")
    },
    caption: |unit, year| format!("Pemetaan potensi benturan kepentingan {unit}, periode {year}"),
    switch_language: "Ganti bahasa",
    skip_to_table: "Langsung ke tabel",
    scroll_hint: "Geser tabel ke samping untuk melihat semua kolom.",
    loading: "Memuat register…",
    empty_title: "Belum ada register",
    empty_body: "Belum ada tabel pemetaan yang tersimpan. Impor tabel Biro dengan perintah `benturan import BERKAS`.",
    not_found_title: "Halaman tidak ditemukan",
    not_found_body: "Alamat yang Anda buka tidak ada di Benturan. Periksa kembali alamatnya, atau kembali ke register.",
    back_to_register: "Kembali ke register",
    unavailable_title: "Layanan sementara tidak tersedia",
    unavailable_body: "Basis data tidak dapat dihubungi saat ini. Data yang sudah tersimpan tetap aman; muat ulang halaman ini beberapa saat lagi.",
    forbidden_title: "Akses tidak diizinkan",
    forbidden_body: "Anda tidak memiliki hak untuk membuka atau mengubah data ini. Hubungi admin Biro bila Anda memerlukan akses.",
    internal_title: "Terjadi kesalahan",
    internal_body: "Terjadi kesalahan internal. Kesalahan ini sudah dicatat; silakan coba lagi.",
    conflict_title: "Data telah diubah orang lain",
    conflict_body: "Baris ini telah disimpan oleh pengguna lain setelah Anda membukanya. Muat ulang untuk melihat versi terbaru.",
    validation_title: "Periksa kembali isian",
    bad_request_title: "Permintaan tidak valid",
    bad_request_body: "Alamat atau isian yang dikirim tidak dapat dibaca. Periksa kembali tautannya, atau kembali ke register.",
    final_title: "Register sudah ditetapkan",
    final_body: "Register ini sudah ditetapkan oleh Kepala Biro sehingga tidak dapat diubah lagi.",
    footer: "Benturan — register pemetaan potensi benturan kepentingan. Data milik unit kerja masing-masing.",
    edit_hint: "Tekan Enter atau F2 untuk mengubah sel ini. Ctrl+Enter menyimpan, Escape membatalkan, Ctrl+I menandai huruf miring.",
    edit_label: |field| format!("Ubah {field}"),
    grid_hint: "Panah, Home, End, Page Up dan Page Down berpindah antarsel; Enter atau F2 mengubah sel; Tab keluar dari tabel.",
    saving: "Menyimpan…",
    saved: "Tersimpan",
    save_failed: "Gagal menyimpan. Teks Anda masih di sini; coba lagi.",
    retry: "Coba lagi",
    save: "Simpan",
    cancel: "Batal",
    emphasis: "Miring",
    cell_conflict: "Sel ini sudah diubah orang lain setelah Anda mulai mengubahnya. Pilih teks yang dipakai.",
    theirs_label: "Teks tersimpan (milik orang lain)",
    mine_label: "Teks Anda",
    keep_mine: "Pakai teks saya",
    take_theirs: "Pakai teks mereka",
    merge: "Gabungkan",
    actions_column: "Aksi",
    add_below: |code| format!("Tambah baris di bawah {code}"),
    delete_row: |code| format!("Hapus baris {code}"),
    row_deleted: |code| format!("Baris {code} dihapus."),
    row_added: |code| format!("Baris {code} ditambahkan."),
    move_up: |code| format!("Naikkan baris {code}"),
    move_down: |code| format!("Turunkan baris {code}"),
    undo: "Urungkan",
    new_row: "Baris baru",
    filter_title: "Saring risiko",
    search_label: "Cari",
    search_hint: "Kata dalam teks baris atau nama Bagian; huruf besar-kecil dan aksen diabaikan.",
    bagian_filter: "Bagian",
    apply_filter: "Terapkan",
    clear_filter: "Hapus saringan",
    bagian_chosen: |chosen, total| match chosen {
        0 => format!("Semua Bagian ({})", group_thousands(total, '.')),
        _ => {
            format!("{} dari {} Bagian", group_thousands(chosen, '.'), group_thousands(total, '.'))
        }
    },
    all_rows: |rows| format!("{} risiko", group_thousands(rows, '.')),
    filtered_rows: |shown, total| {
        format!("{} dari {} risiko", group_thousands(shown, '.'), group_thousands(total, '.'))
    },
    no_match: "Tidak ada risiko yang cocok dengan saringan ini.",
    whole_table: |rows| {
        format!("Tampilkan seluruh {} baris sekaligus (untuk dicetak)", group_thousands(rows, '.'))
    },
    history: "Riwayat",
    history_of: |code| format!("Riwayat baris {code}"),
    history_empty: "Belum ada perubahan tercatat.",
    close: "Tutup",
    row_created: "Baris dibuat",
    cell_changed: |field| format!("{field} diubah"),
    row_moved: "Baris dipindahkan",
    row_deleted_entry: "Baris dihapus",
    row_restored_entry: "Baris dipulihkan",
    moved_position: |from, to| format!("dari urutan {from} ke {to}"),
    moved_bagian: |from, to| format!("dari {from} ke {to}"),
    before: "Sebelum",
    after: "Sesudah",
    empty_value: "(kosong)",
    restore_value: "Kembalikan nilai ini",
    restore_value_label: |field| format!("Kembalikan nilai ini ({field})"),
    value_restored: |field, code| format!("{field} baris {code} dikembalikan."),
    same_as_now: "Sama dengan nilai sekarang",
    by_import: "Impor berkas",
    by_web: |client| match client {
        Some(client) => format!("Tanpa akun · {client}"),
        None => "Tanpa akun".to_owned(),
    },
    deleted_rows: "Baris terhapus",
    deleted_none: "Tidak ada baris terhapus.",
    deleted_when: "Dihapus",
    restore_row: |code| format!("Pulihkan baris {code}"),
    restore: "Pulihkan",
    row_restored: |code| format!("Baris {code} dipulihkan."),
    months: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
    time_separator: '.',
    move_to_label: |code| format!("Pindahkan baris {code} ke Bagian lain"),
    move_to_prompt: "Pindah ke…",
    row_moved_to: |code, bagian| format!("Baris {code} dipindahkan ke {bagian}."),
    bagian_tools: |name| format!("Pengaturan {name}"),
    rename_bagian: |name| format!("Ubah nama {name}"),
    move_bagian_up: |name| format!("Naikkan {name}"),
    move_bagian_down: |name| format!("Turunkan {name}"),
    remove_bagian: |name| format!("Hapus {name} dari register"),
    bagian_name_label: "Nama Bagian",
    add_bagian: "Tambah Bagian",
    new_bagian_label: "Nama Bagian baru",
    new_bagian_hint: "Bagian baru ditambahkan di akhir tabel.",
    empty_bagian: "Belum ada risiko di Bagian ini.",
    add_first_row: |name| format!("Tambah risiko pertama {name}"),
    bagian_added: |name| format!("{name} ditambahkan."),
    bagian_renamed: |name| format!("Nama Bagian diubah menjadi {name}."),
    bagian_moved: |name| format!("{name} dipindahkan."),
    bagian_removed: |name| format!("{name} dihapus dari register."),
    // The form's own headers, but the control column without "(Sesuai SK/SOP)".
    field_names: [
        OFFICIAL_COLUMNS[0],
        OFFICIAL_COLUMNS[1],
        OFFICIAL_COLUMNS[2],
        OFFICIAL_COLUMNS[3],
        OFFICIAL_COLUMNS[4],
        OFFICIAL_COLUMNS[5],
        "Rencana Tindak Pengendalian",
        "Judul tabel",
        "Unit kerja",
        "Kode risiko",
        "Status register",
    ],
    required: |field| format!("{field} wajib diisi."),
    too_long: |field, limit| {
        format!("{field} terlalu panjang: paling banyak {} karakter.", group_thousands(limit, '.'))
    },
    too_many_bytes: |field, limit| {
        format!(
            "{field} terlalu besar untuk disimpan: paling banyak {} bita, termasuk tanda miring.",
            group_thousands(limit, '.')
        )
    },
    control_character: |field, code_point, position| {
        format!(
            "{field} berisi karakter kendali U+{code_point:04X} pada karakter ke-{position}; hapus karakter itu."
        )
    },
    invalid_code: |field| {
        format!(
            "{field} hanya boleh berisi huruf, angka, tanda hubung (-), titik (.) dan garis bawah (_)."
        )
    },
    unknown_value: |field| format!("{field} tidak dikenal; pilih salah satu nilai yang tersedia."),
    duplicate: |field| format!("{field} dengan nama ini sudah ada; pilih nama lain."),
    not_empty: |field, rows| {
        format!("{field} masih berisi {rows} risiko; pindahkan atau hapus risikonya lebih dulu.")
    },
    sign_in_title: "Masuk",
    sign_in_lead: "Masuk dengan akun yang diberikan admin Biro untuk membuka register.",
    username_label: "Nama pengguna",
    password_label: "Kata sandi",
    sign_in: "Masuk",
    sign_in_invalid: "Nama pengguna atau kata sandi salah.",
    sign_in_locked: |minutes| {
        format!(
            "Terlalu banyak percobaan masuk yang gagal untuk akun ini. Coba lagi dalam {minutes} menit, atau minta admin mengatur ulang kata sandi."
        )
    },
    sign_in_busy: "Terlalu banyak percobaan masuk dari alamat ini. Tunggu sebentar, lalu coba lagi.",
    sign_in_unavailable: "Server sedang tidak dapat memeriksa akun. Coba lagi sebentar lagi.",
    signed_out: "Anda telah keluar.",
    sign_in_needed: "Masuk dulu untuk membuka halaman itu.",
    sign_out: "Keluar",
    signed_in_as: "Masuk sebagai",
    role_names: ["Admin", "Penyunting", "Peninjau", "Pembaca"],
    read_only_note: |role| format!("Anda masuk sebagai {role}: register ini hanya dapat dibaca."),
    edits_bagian_note: |bagian| format!("Anda dapat menyunting baris {bagian}."),
    changed_meanwhile: "Sel ini baru saja diubah orang lain. Simpan untuk melihat kedua teks dan memilih; tidak ada yang tertimpa.",
    table_updated: "Register diperbarui dengan perubahan dari pengguna lain.",
    admin_title: "Pengguna dan peran",
    admin_lead: "Tambahkan pengguna, atur peran dan Bagian yang mereka sunting, nonaktifkan akun, atau atur ulang kata sandi. Setiap perubahan dicatat.",
    admin_link: "Pengguna",
    add_account: "Tambah pengguna",
    accounts_heading: "Daftar pengguna",
    role_label: "Peran",
    active_label: "Aktif",
    last_sign_in: "Terakhir masuk",
    reset_password: "Atur ulang kata sandi",
    password_once: |user| {
        format!(
            "Kata sandi sementara untuk {user}. Sampaikan kepadanya sekarang: kata sandi ini tidak akan ditampilkan lagi."
        )
    },
    account_saved: |user| format!("Perubahan untuk {user} tersimpan."),
    bad_username: |min, max| {
        format!(
            "Nama pengguna harus {min}–{max} karakter: huruf kecil a–z, angka 0–9, titik (.), garis bawah (_) atau tanda hubung (-)."
        )
    },
    username_taken: "Nama pengguna itu sudah dipakai; pilih nama lain.",
    last_admin: "Admin aktif terakhir tidak dapat diubah perannya atau dinonaktifkan; tunjuk admin lain lebih dulu.",
    no_such_bagian: "Bagian yang dipilih tidak ada lagi; muat ulang halaman.",
    no_such_user: "Pengguna itu tidak ada lagi; muat ulang halaman.",
    audit_title: "Catatan audit",
    audit_when: "Waktu",
    audit_what: "Kejadian",
    audit_by: "Oleh",
    audit_address: "Alamat",
    audit_detail: "Keterangan",
    audit_kinds: &[
        ("sign_in", "Masuk"),
        ("sign_in_failed", "Gagal masuk"),
        ("sign_in_locked", "Akun terkunci sementara"),
        ("sign_out", "Keluar"),
        ("forbidden", "Akses ditolak"),
        ("user_added", "Pengguna ditambahkan"),
        ("password_set", "Kata sandi diganti"),
        ("user_disabled", "Pengguna dinonaktifkan"),
        ("user_enabled", "Pengguna diaktifkan"),
        ("role_changed", "Peran diubah"),
        ("bagian_changed", "Bagian diubah"),
    ],
};
