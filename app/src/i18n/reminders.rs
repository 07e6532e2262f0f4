//! The strings of the reminders: the list "Jatuh tempo", its badge in the
//! header, the e-mail address of an account, and the daily digest.

pub struct RemindersStrings {
    pub nav: &'static str,
    /// The header's badge, read aloud: "3 RTP jatuh tempo".
    pub badge_label: fn(count: u32) -> String,
    pub page_title: &'static str,
    pub lead: &'static str,
    pub empty: &'static str,
    pub columns: [&'static str; 6],
    /// "3 hari lagi", "hari ini", "terlambat 2 hari".
    pub days_left: fn(days: i64) -> String,
    pub due_label: &'static str,
    pub owner_label: &'static str,
    pub open_rows: &'static str,
    /// The user's daily digest: where it goes, or why none.
    pub email_on: fn(address: &str) -> String,
    pub email_none: &'static str,
    pub mail_off: &'static str,
    /// The admin page: how reminders are sent, or that they are not.
    pub admin_mail_on: fn(host: &str) -> String,
    pub email_label: &'static str,
    pub mail_subject: fn(count: usize, overdue: usize) -> String,
    pub mail_intro: fn(name: &str, count: usize, overdue: usize) -> String,
    pub mail_footer: fn(today: &str) -> String,
}

fn days_id(days: i64) -> String {
    match days {
        0 => "hari ini".to_owned(),
        1.. => format!("{days} hari lagi"),
        _ => format!("terlambat {} hari", -days),
    }
}

fn days_en(days: i64) -> String {
    match days {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        2.. => format!("in {days} days"),
        -1 => "1 day overdue".to_owned(),
        _ => format!("{} days overdue", -days),
    }
}

pub const ID: RemindersStrings = RemindersStrings {
    nav: "Jatuh tempo",
    badge_label: |count| format!("{count} RTP jatuh tempo"),
    page_title: "Jatuh tempo",
    lead: "Rencana tindak pengendalian yang Anda tangani atau sunting, yang jatuh tempo dalam \
           14 hari atau sudah terlambat, dari register tahun ini dan sesudahnya.",
    empty: "Tidak ada RTP yang jatuh tempo dalam 14 hari.",
    columns: ["Kode", "Bagian", "Aktivitas", "Penanggung jawab", "Jatuh tempo", "Sisa waktu"],
    days_left: days_id,
    due_label: "jatuh tempo",
    owner_label: "Penanggung jawab",
    open_rows: "Buka barisnya",
    email_on: |address| {
        format!("Ringkasan harian dikirim ke {address} setiap pagi pukul 07.00 WITA.")
    },
    email_none: "Akun Anda belum memiliki alamat e-mail: minta admin mengisinya untuk \
                 menerima ringkasan harian.",
    mail_off: "Server belum diatur untuk mengirim e-mail (BENTURAN_SMTP_HOST): ringkasan \
               harian tidak dikirim.",
    admin_mail_on: |host| {
        format!("Ringkasan harian RTP jatuh tempo dikirim melalui {host} pukul 07.00 WITA.")
    },
    email_label: "E-mail",
    mail_subject: |count, overdue| match overdue {
        0 => format!("[Benturan] {count} RTP jatuh tempo dalam 14 hari"),
        _ => format!("[Benturan] {count} RTP jatuh tempo, {overdue} terlambat"),
    },
    mail_intro: |name, count, overdue| {
        format!(
            "Yth. {name},\n\n{count} rencana tindak pengendalian yang Anda tangani jatuh tempo \
             dalam 14 hari atau sudah terlambat ({overdue} terlambat):"
        )
    },
    mail_footer: |today| {
        format!(
            "Ringkasan per {today}, dikirim sekali sehari oleh Benturan. Perbarui status dan \
             realisasinya pada register."
        )
    },
};

pub const EN: RemindersStrings = RemindersStrings {
    nav: "Due",
    badge_label: |count| format!("{count} control actions due"),
    page_title: "Falling due",
    lead: "The control actions you own or edit that fall due within 14 days or are overdue, \
           in this year's registers and later.",
    empty: "No control action falls due within 14 days.",
    columns: ["Code", "Section", "Activity", "Owner", "Due", "Time left"],
    days_left: days_en,
    due_label: "due",
    owner_label: "Owner",
    open_rows: "Open its rows",
    email_on: |address| format!("A daily digest goes to {address} every morning at 07:00 WITA."),
    email_none: "Your account has no e-mail address: ask an admin to add one to receive the \
                 daily digest.",
    mail_off: "The server is not set up to send e-mail (BENTURAN_SMTP_HOST): no daily digest \
               is sent.",
    admin_mail_on: |host| {
        format!(
            "A daily digest of control actions falling due goes out through {host} at 07:00 WITA."
        )
    },
    email_label: "E-mail",
    mail_subject: |count, overdue| match overdue {
        0 => format!("[Benturan] {count} control actions due within 14 days"),
        _ => format!("[Benturan] {count} control actions due, {overdue} overdue"),
    },
    mail_intro: |name, count, overdue| {
        format!(
            "Dear {name},\n\n{count} control actions you own fall due within 14 days or are \
             overdue ({overdue} overdue):"
        )
    },
    mail_footer: |today| {
        format!(
            "Digest as of {today}, sent once a day by Benturan. Update their status and realisation in the register."
        )
    },
};
