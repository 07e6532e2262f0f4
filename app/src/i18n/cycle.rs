//! The strings of the register's yearly cycle: its steps, the panel that
//! shows where the register is and what the user can do next, the steps
//! taken, the approved revisions, and why a write waits for the review.

pub struct CycleStrings {
    /// What taking each step is called, in `Step::ALL` order.
    pub steps: [&'static str; 5],
    /// A step taken, as its history says it, in `Step::ALL` order.
    pub steps_done: [&'static str; 5],
    pub panel_title: &'static str,
    /// "Revisi 1" (0: the first text, "Naskah awal").
    pub revision: fn(revision: i32) -> String,
    /// What happens next at each status, for whoever reads it, in
    /// `RegisterStatus::ALL` order.
    pub waiting: [&'static str; 4],
    /// The user can take none of the steps open now.
    pub nothing_for_you: &'static str,
    pub comment_label: &'static str,
    pub reason_label: &'static str,
    pub sk_number_label: &'static str,
    pub sk_date_label: &'static str,
    pub confirm: &'static str,
    pub cancel: &'static str,
    /// Said (to screen readers too) once a step is taken.
    pub taken: fn(step: &str) -> String,
    pub history_title: &'static str,
    pub no_steps: &'static str,
    /// "oleh Rina Wati, 3 Feb 2027, 09.12 WITA".
    pub by: fn(name: &str, moment: &str) -> String,
    pub someone: &'static str,
    /// "SK 100.3.3/K.12/2027 tanggal 20 Januari 2027".
    pub decree: fn(number: &str, date: &str) -> String,
    pub approved_title: &'static str,
    pub view: &'static str,
    pub print: &'static str,
    /// A submitted or reviewed register refuses a change of its text.
    pub under_review_title: &'static str,
    pub under_review_body: &'static str,
    /// A step its status does not allow now (a crafted call).
    pub step_not_allowed: fn(field: &str) -> String,
    /// Over an approved revision, read back: "Revisi 1, sebagaimana
    /// ditetapkan pada 20 Januari 2027".
    pub revision_banner: fn(revision: &str, date: &str) -> String,
    pub revision_read_only: &'static str,
    pub revision_missing: &'static str,
    /// The dashboard's list of the unit's registers.
    pub registers_title: &'static str,
    pub registers_columns: [&'static str; 4],
    /// "Mulai register tahun berikutnya" (2027).
    pub start_next: fn(year: i32) -> String,
    /// What starting it does, and the rules of what a new year sets anew.
    pub start_next_body: fn(year: i32) -> String,
    pub start_confirm: &'static str,
    pub open_next: fn(year: i32) -> String,
    /// Over a register carried forward: "Dibawa dari register 2026".
    pub carried_from: fn(year: i32) -> String,
    pub origin_label: &'static str,
    /// The filter's choices, in `Origin::ALL` order.
    pub origin_choices: [&'static str; 3],
    pub origin_all: &'static str,
    /// A row's mark, in `Origin::ALL` order: carried from `year`, changed
    /// since, new in `year + 1`.
    pub origin_badge: fn(origin: usize, year: i32) -> String,
}

pub const ID: CycleStrings = CycleStrings {
    steps: [
        "Ajukan untuk direviu",
        "Tandai sudah direviu",
        "Tetapkan",
        "Kembalikan ke draf",
        "Buka revisi",
    ],
    steps_done: ["Diajukan", "Direviu", "Ditetapkan", "Dikembalikan", "Revisi dibuka"],
    panel_title: "Siklus register",
    revision: |revision| match revision {
        0 => "Naskah awal".to_owned(),
        n => format!("Revisi {n}"),
    },
    waiting: [
        "Bagian menyusun baris register. Setelah lengkap, editor atau admin mengajukannya untuk direviu.",
        "Diajukan: isi register terkunci selama reviu oleh peninjau (Kepala Bagian atau Inspektorat).",
        "Sudah direviu: menunggu penetapan oleh admin dengan nomor dan tanggal SK.",
        "Ditetapkan: register hanya dapat dibaca. Perubahan dilakukan melalui revisi yang dibuka admin.",
    ],
    nothing_for_you: "Tidak ada langkah untuk peran Anda pada tahap ini.",
    comment_label: "Komentar (opsional)",
    reason_label: "Alasan (wajib)",
    sk_number_label: "Nomor SK penetapan",
    sk_date_label: "Tanggal SK",
    confirm: "Simpan langkah",
    cancel: "Batal",
    taken: |step| format!("Langkah tersimpan: {step}."),
    history_title: "Riwayat siklus",
    no_steps: "Belum ada langkah: register masih draf pertama.",
    by: |name, moment| format!("oleh {name}, {moment}"),
    someone: "pengguna yang sudah dihapus",
    decree: |number, date| format!("SK {number} tanggal {date}"),
    approved_title: "Versi yang ditetapkan",
    view: "Lihat",
    print: "Cetak",
    under_review_title: "Register sedang direviu",
    under_review_body: "Register ini sedang diajukan atau direviu: isinya tidak dapat diubah \
                        sampai dikembalikan ke draf.",
    step_not_allowed: |field| {
        format!("{field}: langkah ini tidak dapat diambil pada status register sekarang.")
    },
    revision_banner: |revision, date| format!("{revision}, sebagaimana ditetapkan pada {date}"),
    revision_read_only: "Hanya dapat dibaca: register sebagaimana ditetapkan, sebelum revisi \
                         sesudahnya. Perubahan dilakukan pada register terkini.",
    revision_missing: "Revisi itu belum pernah ditetapkan.",
    registers_title: "Register unit ini",
    registers_columns: ["Periode", "Revisi", "Status", "Langkah terakhir"],
    start_next: |year| format!("Mulai register tahun {year}"),
    start_next_body: |year| {
        format!(
            "Register {year} dibuat dari register ini: baris, Bagian dan penilaian risikonya \
             dibawa sebagai titik awal. Status RTP dimulai lagi (belum dimulai), tanggal target \
             maju satu tahun; realisasi triwulan, catatan reviu dan SK tetap pada register ini, \
             yang tidak berubah."
        )
    },
    start_confirm: "Mulai",
    open_next: |year| format!("Buka register {year}"),
    carried_from: |year| format!("Dibawa dari register {year}"),
    origin_label: "Asal baris",
    origin_choices: ["Dibawa, tidak diubah", "Diubah", "Baru"],
    origin_all: "Semua baris",
    origin_badge: |origin, year| match origin {
        0 => format!("Dibawa dari {year}"),
        1 => format!("Diubah dari {year}"),
        _ => format!("Baru di {}", year + 1),
    },
};

pub const EN: CycleStrings = CycleStrings {
    steps: [
        "Submit for review",
        "Mark as reviewed",
        "Approve",
        "Return to draft",
        "Open a revision",
    ],
    steps_done: ["Submitted", "Reviewed", "Approved", "Returned", "Revision opened"],
    panel_title: "Register cycle",
    revision: |revision| match revision {
        0 => "First text".to_owned(),
        n => format!("Revision {n}"),
    },
    waiting: [
        "The sections are drafting the register's rows. When complete, an editor or admin submits it for review.",
        "Submitted: the register's text is locked while the reviewer (Head of Section or Inspectorate) reviews it.",
        "Reviewed: awaiting approval by an admin with the decree's (SK) number and date.",
        "Approved: the register is read-only. Changes go through a revision an admin opens.",
    ],
    nothing_for_you: "Your role has no step at this stage.",
    comment_label: "Comment (optional)",
    reason_label: "Reason (required)",
    sk_number_label: "Decree (SK) number",
    sk_date_label: "Decree date",
    confirm: "Save step",
    cancel: "Cancel",
    taken: |step| format!("Step saved: {step}."),
    history_title: "Cycle history",
    no_steps: "No steps yet: the register is still a first draft.",
    by: |name, moment| format!("by {name}, {moment}"),
    someone: "a deleted user",
    decree: |number, date| format!("decree (SK) {number} of {date}"),
    approved_title: "Approved versions",
    view: "View",
    print: "Print",
    under_review_title: "The register is under review",
    under_review_body: "This register is submitted or reviewed: its text cannot change until \
                        it is returned to draft.",
    step_not_allowed: |field| {
        format!("{field}: this step cannot be taken at the register's current status.")
    },
    revision_banner: |revision, date| format!("{revision}, as approved on {date}"),
    revision_read_only: "Read-only: the register as approved, before the revision after it. \
                         Changes are made to the current register.",
    revision_missing: "That revision has not been approved.",
    registers_title: "This unit's registers",
    registers_columns: ["Period", "Revision", "Status", "Last step"],
    start_next: |year| format!("Start the {year} register"),
    start_next_body: |year| {
        format!(
            "The {year} register is made from this one: its rows, sections and risk \
             assessments carry over as the starting point. Control statuses start again (not \
             started) and target dates move one year on; quarterly realisations, review notes \
             and the decree stay with this register, which does not change."
        )
    },
    start_confirm: "Start",
    open_next: |year| format!("Open the {year} register"),
    carried_from: |year| format!("Carried forward from the {year} register"),
    origin_label: "Row origin",
    origin_choices: ["Carried, unchanged", "Changed", "New"],
    origin_all: "All rows",
    origin_badge: |origin, year| match origin {
        0 => format!("Carried from {year}"),
        1 => format!("Changed since {year}"),
        _ => format!("New in {}", year + 1),
    },
};
