//! The admin page: users, roles and Bagian, and the audit log.
pub struct AdminStrings {
    pub title: &'static str,
    pub lead: &'static str,
    pub link: &'static str,
    pub add_account: &'static str,
    pub accounts_heading: &'static str,
    pub role_label: &'static str,
    pub active_label: &'static str,
    pub last_sign_in: &'static str,
    pub reset_password: &'static str,
    pub password_once: fn(user: &str) -> String,
    pub account_saved: fn(user: &str) -> String,
    pub bad_username: fn(min: usize, max: usize) -> String,
    pub username_taken: &'static str,
    pub bad_email: fn(max: usize) -> String,
    pub last_admin: &'static str,
    pub no_such_bagian: &'static str,
    pub no_such_user: &'static str,
    pub audit_title: &'static str,
    pub audit_when: &'static str,
    pub audit_what: &'static str,
    pub audit_by: &'static str,
    pub audit_address: &'static str,
    pub audit_detail: &'static str,
    /// Names of the audit log's kinds of entry, by code.
    pub audit_kinds: &'static [(&'static str, &'static str)],
}

pub const ID: AdminStrings = AdminStrings {
    title: "Pengguna dan peran",
    lead: "Tambahkan pengguna, atur peran dan Bagian yang mereka sunting, nonaktifkan akun, atau atur ulang kata sandi. Setiap perubahan dicatat.",
    link: "Pengguna",
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
    bad_email: |max| {
        format!(
            "E-mail harus satu alamat seperti nama@kaltimprov.go.id, paling banyak {max} karakter."
        )
    },
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
        ("matrix_changed", "Matriks risiko diubah"),
        ("source_added", "Sumber benturan ditambahkan"),
        ("source_renamed", "Sumber benturan diganti namanya"),
        ("source_retired", "Sumber benturan tidak dipakai lagi"),
        ("source_restored", "Sumber benturan dipakai lagi"),
        ("email_changed", "E-mail diubah"),
        ("register_submit", "Register diajukan"),
        ("register_review", "Register direviu"),
        ("register_approve", "Register ditetapkan"),
        ("register_return", "Register dikembalikan"),
        ("register_revise", "Revisi register dibuka"),
        ("register_carry_forward", "Register tahun berikutnya dimulai"),
    ],
};

pub const EN: AdminStrings = AdminStrings {
    title: "Users and roles",
    lead: "Add users, set their role and the Bagian they edit, disable accounts, or reset passwords. Every change is logged.",
    link: "Users",
    add_account: "Add user",
    accounts_heading: "Users",
    role_label: "Role",
    active_label: "Active",
    last_sign_in: "Last sign-in",
    reset_password: "Reset password",
    password_once: |user| {
        format!("Temporary password for {user}. Pass it on now: it will not be shown again.")
    },
    account_saved: |user| format!("Changes for {user} saved."),
    bad_username: |min, max| {
        format!(
            "A username is {min}–{max} characters: lowercase a–z, digits 0–9, dot (.), underscore (_) or hyphen (-)."
        )
    },
    username_taken: "That username is taken; choose another.",
    bad_email: |max| {
        format!(
            "E-mail must be one address such as name@kaltimprov.go.id, at most {max} characters."
        )
    },
    last_admin: "The last active admin cannot lose the role or be disabled; make someone else admin first.",
    no_such_bagian: "A chosen Bagian no longer exists; reload the page.",
    no_such_user: "That user no longer exists; reload the page.",
    audit_title: "Audit log",
    audit_when: "When",
    audit_what: "Event",
    audit_by: "By",
    audit_address: "Address",
    audit_detail: "Detail",
    audit_kinds: &[
        ("sign_in", "Signed in"),
        ("sign_in_failed", "Sign-in failed"),
        ("sign_in_locked", "Account locked for a while"),
        ("sign_out", "Signed out"),
        ("forbidden", "Access refused"),
        ("user_added", "User added"),
        ("password_set", "Password changed"),
        ("user_disabled", "User disabled"),
        ("user_enabled", "User enabled"),
        ("role_changed", "Role changed"),
        ("bagian_changed", "Bagian changed"),
        ("matrix_changed", "Risk matrix changed"),
        ("source_added", "Conflict source added"),
        ("source_renamed", "Conflict source renamed"),
        ("source_retired", "Conflict source retired"),
        ("source_restored", "Conflict source brought back"),
        ("email_changed", "E-mail changed"),
        ("register_submit", "Register submitted"),
        ("register_review", "Register reviewed"),
        ("register_approve", "Register approved"),
        ("register_return", "Register returned"),
        ("register_revise", "Register revision opened"),
        ("register_carry_forward", "Next year's register started"),
    ],
};

impl AdminStrings {
    /// Why an account change was refused, naming the field and the limit.
    pub fn account_problem(&self, problem: crate::rules::account::AccountProblem) -> String {
        use crate::rules::account::AccountProblem;
        match problem {
            AccountProblem::BadUsername { min, max } => (self.bad_username)(min, max),
            AccountProblem::Taken => self.username_taken.to_owned(),
            AccountProblem::LastAdmin => self.last_admin.to_owned(),
            AccountProblem::NoSuchBagian => self.no_such_bagian.to_owned(),
            AccountProblem::NoSuchUser => self.no_such_user.to_owned(),
            AccountProblem::BadEmail { max } => (self.bad_email)(max),
        }
    }

    /// An audit log entry's kind, in words (the code if unknown).
    pub fn audit_kind(&self, code: &str) -> String {
        self.audit_kinds
            .iter()
            .find(|(kind, _)| *kind == code)
            .map_or_else(|| code.to_owned(), |(_, name)| (*name).to_owned())
    }
}
