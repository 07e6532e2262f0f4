//! The strings of the workbook import (upload, preview, conflicts, apply).
use super::group_thousands;
use crate::import::diff::DiffKind;

pub struct UploadStrings {
    pub open: &'static str,
    pub title: &'static str,
    pub hint: &'static str,
    pub file_label: &'static str,
    pub uploading: fn(percent: u32) -> String,
    pub checking: &'static str,
    pub applying: &'static str,
    pub preview_title: &'static str,
    /// "Baru", "Diubah", "Dipulihkan", "Dihapus", by [`DiffKind`].
    pub kinds: [&'static str; 4],
    pub unchanged: fn(rows: usize) -> String,
    pub conflicts_title: fn(rows: usize) -> String,
    pub conflicts_hint: &'static str,
    pub take_file: &'static str,
    pub in_app: &'static str,
    pub in_file: &'static str,
    pub old_text: &'static str,
    pub new_text: &'static str,
    pub no_stamp: &'static str,
    pub other_register: &'static str,
    pub not_allowed: &'static str,
    pub bagian_new: fn(name: &str) -> String,
    pub bagian_renamed: fn(old: &str, new: &str) -> String,
    pub sections_changed: &'static str,
    pub bagian_not_allowed: &'static str,
    pub nothing: &'static str,
    pub moved_from: fn(bagian: &str) -> String,
    pub sheet_row: fn(row: u32) -> String,
    pub notes: fn(count: usize) -> String,
    pub apply: &'static str,
    pub cancel: &'static str,
    pub applied: fn(changed: usize) -> String,
    pub stale: &'static str,
    pub cannot_apply: &'static str,
    pub too_large: fn(megabytes: usize) -> String,
    pub empty_cell: &'static str,
}

impl UploadStrings {
    pub fn kind(&self, kind: DiffKind) -> &'static str {
        self.kinds[match kind {
            DiffKind::New => 0,
            DiffKind::Changed => 1,
            DiffKind::Restored => 2,
            DiffKind::Deleted => 3,
        }]
    }
}

pub const ID: UploadStrings = UploadStrings {
    open: "Unggah XLSX",
    title: "Impor dari buku kerja Excel",
    hint: "Pilih berkas .xlsx: hasil \u{201c}Unduh XLSX\u{201d} yang telah diubah, atau tabel yang \
           diketik sendiri. Pratinjau ditampilkan lebih dulu; register baru berubah setelah \
           \u{201c}Terapkan\u{201d}.",
    file_label: "Berkas buku kerja (.xlsx)",
    uploading: |percent| format!("Mengunggah\u{2026} {percent}%"),
    checking: "Memeriksa berkas\u{2026}",
    applying: "Menerapkan\u{2026}",
    preview_title: "Pratinjau impor",
    kinds: ["Baru", "Diubah", "Dipulihkan", "Dihapus"],
    unchanged: |rows| format!("{} baris tidak berubah", group_thousands(rows, '.')),
    conflicts_title: |rows| format!("{rows} konflik: diubah rekan setelah berkas diunduh"),
    conflicts_hint: "Baris berikut diubah di aplikasi setelah berkas ini diunduh. Versi di aplikasi \
                     dipertahankan, kecuali Anda memilih versi berkas.",
    take_file: "Ambil versi berkas",
    in_app: "Di aplikasi sekarang",
    in_file: "Di berkas",
    old_text: "Sebelumnya",
    new_text: "Menjadi",
    no_stamp: "Berkas ini tidak memuat versi unduhan register ini: perubahan rekan sejak berkas \
               dibuat tidak dapat dikenali. Periksa pratinjau dengan teliti.",
    other_register: "Berkas ini diunduh dari register lain (unit atau tahun lain): perubahan rekan \
                     tidak dapat dikenali. Periksa pratinjau dengan teliti.",
    not_allowed: "Anda tidak dapat mengubah baris Bagian ini.",
    bagian_new: |name| format!("Bagian baru: {name}"),
    bagian_renamed: |old, new| format!("Bagian berganti nama: {old} \u{2192} {new}"),
    sections_changed: "Daftar atau urutan Bagian berubah.",
    bagian_not_allowed: "Perubahan Bagian hanya dapat dilakukan admin.",
    nothing: "Berkas sama dengan register: tidak ada yang berubah.",
    moved_from: |bagian| format!("dipindah dari {bagian}"),
    sheet_row: |row| format!("baris {row} di berkas"),
    notes: |count| format!("{count} catatan pembacaan (sel yang disambung, teks di luar tabel)"),
    apply: "Terapkan",
    cancel: "Batal",
    applied: |changed| {
        format!("Impor diterapkan: {} baris berubah.", group_thousands(changed, '.'))
    },
    stale: "Register berubah sejak pratinjau dibuat. Pratinjau telah diperbarui: periksa lagi, \
            lalu terapkan.",
    cannot_apply: "Impor ini memuat perubahan yang tidak dapat Anda lakukan.",
    too_large: |megabytes| format!("berkas lebih besar dari {megabytes} MB"),
    empty_cell: "(kosong)",
};

pub const EN: UploadStrings = UploadStrings {
    open: "Upload XLSX",
    title: "Import from an Excel workbook",
    hint: "Choose an .xlsx file: a \u{201c}Download XLSX\u{201d} you changed, or a table typed by \
           hand. A preview comes first; the register changes only on \u{201c}Apply\u{201d}.",
    file_label: "Workbook (.xlsx)",
    uploading: |percent| format!("Uploading\u{2026} {percent}%"),
    checking: "Checking the file\u{2026}",
    applying: "Applying\u{2026}",
    preview_title: "Import preview",
    kinds: ["New", "Changed", "Restored", "Deleted"],
    unchanged: |rows| format!("{} rows unchanged", group_thousands(rows, ',')),
    conflicts_title: |rows| format!("{rows} conflicts: changed by colleagues since the download"),
    conflicts_hint: "These rows were changed in the app after this file was downloaded. The app's \
                     version is kept unless you choose the file's.",
    take_file: "Take the file's version",
    in_app: "In the app now",
    in_file: "In the file",
    old_text: "Before",
    new_text: "After",
    no_stamp: "This file carries no download version of this register: colleagues' changes since \
               it was made cannot be told. Check the preview carefully.",
    other_register: "This file was downloaded from another register (another unit or year): \
                     colleagues' changes cannot be told. Check the preview carefully.",
    not_allowed: "You cannot change the rows of this Bagian.",
    bagian_new: |name| format!("New Bagian: {name}"),
    bagian_renamed: |old, new| format!("Bagian renamed: {old} \u{2192} {new}"),
    sections_changed: "The list or order of the Bagian changes.",
    bagian_not_allowed: "Only an admin can change the Bagian.",
    nothing: "The file equals the register: nothing changes.",
    moved_from: |bagian| format!("moved from {bagian}"),
    sheet_row: |row| format!("row {row} of the file"),
    notes: |count| format!("{count} reading notes (joined cells, text outside the table)"),
    apply: "Apply",
    cancel: "Cancel",
    applied: |changed| format!("Import applied: {} rows changed.", group_thousands(changed, ',')),
    stale: "The register changed since the preview. The preview is up to date again: check it, \
            then apply.",
    cannot_apply: "This import holds changes you are not allowed to make.",
    too_large: |megabytes| format!("the file is larger than {megabytes} MB"),
    empty_cell: "(empty)",
};
