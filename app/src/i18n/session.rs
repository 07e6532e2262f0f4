//! Signing in and out.
pub struct SessionStrings {
    pub sign_in_title: &'static str,
    pub sign_in_lead: &'static str,
    pub username_label: &'static str,
    pub password_label: &'static str,
    pub sign_in: &'static str,
    pub sign_in_invalid: &'static str,
    pub sign_in_locked: fn(minutes: i64) -> String,
    pub sign_in_busy: &'static str,
    pub sign_in_unavailable: &'static str,
    pub signed_out: &'static str,
    pub sign_in_needed: &'static str,
    pub sign_out: &'static str,
    /// "Signed in as": before the user's name in the header.
    pub signed_in_as: &'static str,
}

pub const ID: SessionStrings = SessionStrings {
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
};

pub const EN: SessionStrings = SessionStrings {
    sign_in_title: "Sign in",
    sign_in_lead: "Sign in with the account the Biro's admin gave you to open the register.",
    username_label: "Username",
    password_label: "Password",
    sign_in: "Sign in",
    sign_in_invalid: "Wrong username or password.",
    sign_in_locked: |minutes| {
        format!(
            "Too many failed sign-ins for this account. Try again in {minutes} minutes, or ask an admin to reset the password."
        )
    },
    sign_in_busy: "Too many sign-in attempts from this address. Wait a moment, then try again.",
    sign_in_unavailable: "The server cannot check accounts right now. Try again shortly.",
    signed_out: "You have signed out.",
    sign_in_needed: "Sign in first to open that page.",
    sign_out: "Sign out",
    signed_in_as: "Signed in as",
};
