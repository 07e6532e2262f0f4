//! The `benturan` binary's commands, against both databases.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::{Backend, TestDb};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const SEED: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../seed/tabel-pemetaan-benturan-kepentingan.txt");

fn benturan_with(url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_benturan"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("BENTURAN_LANG", "id")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run benturan")
}

fn benturan(db: &TestDb, args: &[&str]) -> Output {
    benturan_with(&db.url, args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A temporary file holding `contents`, removed when dropped.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(contents: &str) -> Self {
        let path = std::env::temp_dir().join(format!("benturan-{}.txt", uuid::Uuid::new_v4()));
        std::fs::write(&path, contents).unwrap();
        Self(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        std::fs::remove_file(&self.0).ok();
    }
}

async fn import_reports_what_it_did(db: &TestDb) {
    let first = benturan(db, &["import", SEED, "--year", "2026"]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let report = text(&first.stdout);
    assert!(report.contains("Bagian: 3 baru, 0 sudah ada."), "{report}");
    assert!(report.contains("Baris risiko: 13 baru, 0 diubah, 0 tidak berubah"), "{report}");
    assert!(
        report.contains("baris 12: potongan \"t\" di kolom Dampak Negatif dibuang"),
        "{report}"
    );

    let again = benturan(db, &["--lang", "en", "import", SEED, "--year", "2026"]);
    assert!(again.status.success());
    let report = text(&again.stdout);
    assert!(report.contains("Risk rows: 0 new, 0 changed, 13 unchanged, 0 deleted"), "{report}");
    assert!(report.contains("Rows matched: 0 by code, 13 by content"), "{report}");
    assert!(report.contains("line 8: BK-001 by content"), "{report}");
    assert_eq!(db.count("risk").await, 13);
}

/// The case: one row removed and one Bagian renamed leaves 12 rows
/// in 3 Bagian, and the report says so; a dry run first changes nothing.
async fn reimport_equals_the_file_and_dry_run_writes_nothing(db: &TestDb) {
    assert!(benturan(db, &["import", SEED, "--year", "2026"]).status.success());
    let seed = std::fs::read_to_string(SEED).unwrap();
    let edited: Vec<&str> =
        seed.lines().filter(|line| !line.contains("\t\tPerencanaan Kepegawain\t")).collect();
    let edited = edited.join("\n").replace("Bagian Protokol", "Bagian Keprotokolan");
    let file = TempFile::new(&edited);

    let log_before = db.count("change_log").await;
    let dry = benturan(db, &["import", file.path(), "--year", "2026", "--dry-run"]);
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    let report = text(&dry.stdout);
    assert!(report.starts_with("Uji coba impor"), "{report}");
    assert!(report.contains("1 dihapus"), "{report}");
    assert!(
        report.contains("Dihapus (dapat dipulihkan): BK-002 \"Perencanaan Kepegawain\""),
        "{report}"
    );
    assert!(
        report.contains("Bagian \"Bagian Protokol\" berganti nama menjadi \"Bagian Keprotokolan\""),
        "{report}"
    );
    assert!(report.contains("tidak ada yang disimpan"), "{report}");
    assert_eq!(db.count("change_log").await, log_before, "a dry run writes nothing");
    assert_eq!(db.text("SELECT COUNT(*) FROM risk WHERE deleted_at IS NULL").await.unwrap(), "13");

    let real = benturan(db, &["import", file.path(), "--year", "2026"]);
    assert!(real.status.success(), "{}", text(&real.stderr));
    assert_eq!(db.text("SELECT COUNT(*) FROM risk WHERE deleted_at IS NULL").await.unwrap(), "12");
    let export = text(&benturan(db, &["export", "--format", "text", "--year", "2026"]).stdout);
    assert!(export.contains("2\tBagian Keprotokolan\t"), "{export}");
    assert!(!export.contains("Bagian Protokol\t"), "{export}");
    assert!(!export.contains("Perencanaan Kepegawain\t"), "{export}");
}

/// Refused files change nothing, whether the parser refuses them (a control
/// character, named by line and column) or the database fails half-way.
async fn a_refused_file_changes_nothing(db: &TestDb) {
    assert!(benturan(db, &["import", SEED, "--year", "2026"]).status.success());
    let seed = std::fs::read_to_string(SEED).unwrap();
    let snapshot = async || {
        (
            db.count("change_log").await,
            db.count("org_unit").await,
            db.text("SELECT version FROM register").await,
            db.text("SELECT penyebab FROM risk WHERE code = 'BK-001'").await,
        )
    };
    let before = snapshot().await;

    let nul = TempFile::new(&seed.replace("Intervensi pihak ketiga", "\u{0}"));
    let output = benturan(db, &["import", nul.path(), "--year", "2026"]);
    assert!(!output.status.success());
    let message = text(&output.stderr);
    assert!(
        message
            .contains("baris 8: Penyebab Utama berisi karakter kendali U+0000 pada karakter ke-1"),
        "{message}"
    );
    assert!(message.contains("Tidak ada data yang diubah."), "{message}");
    assert_eq!(snapshot().await, before);

    // The database refuses the last row; the rename and the edit before it
    // must not stay.
    let trigger = match db.backend {
        Backend::Sqlite => "CREATE TRIGGER boom BEFORE INSERT ON risk WHEN NEW.aktivitas = 'BOOM' \
             BEGIN SELECT RAISE(ABORT, 'boom'); END"
            .to_owned(),
        Backend::Postgres => "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN \
             IF NEW.aktivitas = 'BOOM' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END \
             $$ LANGUAGE plpgsql; \
             CREATE TRIGGER boom BEFORE INSERT ON risk FOR EACH ROW EXECUTE FUNCTION boom()"
            .to_owned(),
    };
    db.exec(&trigger).await;
    let failing = TempFile::new(
        &(seed
            .replace("Bagian Protokol", "Bagian Lain")
            .replace("Intervensi pihak ketiga", "Intervensi pihak ketiga dan atasan")
            + "\n4\tBagian Baru\tBOOM\tb\tc\td\te"),
    );
    let output = benturan(db, &["import", failing.path(), "--year", "2026"]);
    assert!(!output.status.success());
    let message = text(&output.stderr);
    assert!(
        message.contains("boom") && message.contains("Tidak ada data yang diubah."),
        "{message}"
    );
    assert_eq!(snapshot().await, before);
}

/// A register that is set (ditetapkan) is never changed by an import.
async fn a_final_register_refuses_imports(db: &TestDb) {
    assert!(benturan(db, &["import", SEED, "--year", "2026"]).status.success());
    db.exec("UPDATE register SET status = 'ditetapkan'").await;
    let edited = TempFile::new(
        &std::fs::read_to_string(SEED).unwrap().replace("Intervensi pihak ketiga", "Diubah"),
    );
    let log = db.count("change_log").await;
    let output = benturan(db, &["import", edited.path(), "--year", "2026"]);
    assert!(!output.status.success());
    let message = text(&output.stderr);
    assert!(
        message.contains("register periode 2026 sudah ditetapkan dan tidak dapat diubah lagi"),
        "{message}"
    );
    assert_eq!(db.count("change_log").await, log);
    assert_eq!(db.text("SELECT COUNT(*) FROM risk WHERE penyebab = 'Diubah'").await.unwrap(), "0");
}

async fn a_missing_file_is_named(db: &TestDb) {
    let output = benturan(db, &["import", "/tidak/ada.txt"]);
    assert!(!output.status.success());
    assert!(text(&output.stderr).contains("Tidak dapat membaca /tidak/ada.txt"));
}

async fn export_writes_csv_to_stdout(db: &TestDb) {
    assert!(benturan(db, &["import", SEED]).status.success());
    let output = benturan(db, &["export", "--format", "csv"]);
    assert!(output.status.success());
    let csv = text(&output.stdout);
    assert_eq!(csv.lines().count(), 14);
    assert!(csv.starts_with("kode,no,bagian,aktivitas,potensi,penyebab,dampak,rencana\r\n"));
    assert!(csv.contains("hasil assessment resmi"));
}

/// `--format xlsx` writes a workbook to `--out` (never to a terminal's
/// stdout), and `import` reads it back: nothing changes, every row found by
/// its code. A workbook that breaks a rule is refused naming sheet, row and
/// column, and changes nothing.
async fn the_xlsx_export_round_trips(db: &TestDb) {
    assert!(benturan(db, &["import", SEED, "--year", "2026"]).status.success());
    let refused = benturan(db, &["export", "--format", "xlsx"]);
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("--out"), "{}", text(&refused.stderr));
    let file = std::env::temp_dir().join(format!("benturan-{}.xlsx", uuid::Uuid::new_v4()));
    let path = file.to_str().unwrap();
    let output = benturan(db, &["export", "--format", "xlsx", "--out", path, "--year", "2026"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("13 baris risiko diekspor."));
    let log = db.count("change_log").await;
    let again = benturan(db, &["import", path, "--year", "2026"]);
    let report = text(&again.stdout);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(report.contains("0 baru, 0 diubah, 13 tidak berubah, 0 dihapus"), "{report}");
    assert!(report.contains("13 menurut kode"), "{report}");
    assert!(report.contains("baris 6: BK-001 menurut kode"), "sheet rows: {report}");
    assert_eq!(db.count("change_log").await, log, "nothing changed");
    assert_eq!(
        db.text("SELECT aktivitas FROM risk WHERE code = 'BK-009'").await.as_deref(),
        Some("Perencanaan Materi")
    );
    std::fs::remove_file(&file).unwrap();

    // Not a workbook though it looks like one; then not a table at all.
    let broken = TempFile::new("PK\u{3}\u{4} rusak");
    let refused = benturan(db, &["import", broken.path(), "--year", "2026"]);
    assert!(!refused.status.success());
    let message = text(&refused.stderr);
    assert!(message.contains("bukan buku kerja Excel"), "{message}");
    assert!(message.contains("Tidak ada data yang diubah."), "{message}");
    assert_eq!(db.count("change_log").await, log);
}

/// The text export imports back as it is: every row found by its code,
/// nothing changed; and its codes follow rows that move.
async fn the_text_export_round_trips(db: &TestDb) {
    assert!(benturan(db, &["import", SEED, "--year", "2026"]).status.success());
    let exported = text(&benturan(db, &["export", "--format", "text", "--year", "2026"]).stdout);
    assert!(exported.contains("hasil <i>assessment</i> resmi"), "emphasis is kept");
    let file = TempFile::new(&exported);
    let again = benturan(db, &["import", file.path(), "--year", "2026"]);
    let report = text(&again.stdout);
    assert!(report.contains("0 baru, 0 diubah, 13 tidak berubah, 0 dihapus"), "{report}");
    assert!(report.contains("13 menurut kode"), "{report}");
    assert!(report.contains("baris 4: BK-001 menurut kode"), "{report}");

    // Swap the first two rows and edit both: the codes keep their identity.
    let mut lines: Vec<String> = exported.lines().map(str::to_owned).collect();
    let (first, second) = (lines[3].clone(), lines[4].clone());
    let first_cells: Vec<&str> = first.split('\t').collect();
    let second_cells: Vec<&str> = second.split('\t').collect();
    let mut new_first: Vec<String> = second_cells.iter().map(|s| s.to_string()).collect();
    new_first[0] = first_cells[0].to_owned();
    new_first[1] = first_cells[1].to_owned();
    new_first[2] = "Aktivitas yang diganti".to_owned();
    new_first[3] = "Potensi yang diganti".to_owned();
    new_first[4] = "Penyebab yang diganti".to_owned();
    let mut new_second: Vec<String> = first_cells.iter().map(|s| s.to_string()).collect();
    new_second[0].clear();
    new_second[1].clear();
    lines[3] = new_first.join("\t");
    lines[4] = new_second.join("\t");
    let file = TempFile::new(&lines.join("\n"));
    let moved = benturan(db, &["import", file.path(), "--year", "2026"]);
    assert!(moved.status.success(), "{}", text(&moved.stderr));
    let report = text(&moved.stdout);
    assert!(report.contains("0 baru, 1 diubah, 12 tidak berubah"), "{report}");
    assert!(report.contains("baris 4: BK-002 menurut kode"), "{report}");
    let bk2 = db.text("SELECT aktivitas FROM risk WHERE code = 'BK-002'").await.unwrap();
    assert_eq!(bk2, "Aktivitas yang diganti");
    assert_eq!(db.text("SELECT position FROM risk WHERE code = 'BK-002'").await.unwrap(), "1");
    assert_eq!(db.text("SELECT position FROM risk WHERE code = 'BK-001'").await.unwrap(), "2");
}

/// `migrate` on a database with no schema at all creates it, and loads no data.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrate_creates_the_schema_and_no_data() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let db = TestDb::empty(backend).await;
        let schema = migrations::SchemaManager::new(&db.db);
        assert!(!schema.has_table("risk").await.unwrap());
        let output = benturan(&db, &["migrate"]);
        assert!(output.status.success(), "{}", text(&output.stderr));
        assert!(schema.has_table("risk").await.unwrap(), "{backend:?}");
        assert_eq!(db.count("risk").await, 0, "migrate loads no data");
        assert_eq!(db.count("register").await, 0);
        let all = <migrations::Migrator as migrations::MigratorTrait>::migrations().len();
        assert_eq!(db.count("seaql_migrations").await, all as i64);
    }
}

/// A malformed database URL stops at once with a message that says so.
#[test]
fn a_malformed_database_url_is_named() {
    let output = benturan_with("postgres://u:geheim@host:port/db", &["migrate"]);
    assert!(!output.status.success());
    let message = text(&output.stderr);
    assert!(message.contains("DATABASE_URL tidak valid"), "{message}");
    assert!(!message.contains("geheim"), "the password stays out of messages: {message}");
}

/// A failure that waiting cannot mend (here: the database holds a migration
/// this version does not know) stops the server with an error, instead of
/// retrying for ever.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_permanent_startup_error_exits_non_zero() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let db = TestDb::new(backend).await;
        db.exec("INSERT INTO seaql_migrations (version, applied_at) VALUES ('m29990101_000000_future', 0)")
            .await;
        let mut child = Command::new(env!("CARGO_BIN_EXE_benturan"))
            .arg("serve")
            .env("DATABASE_URL", &db.url)
            .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
            .env("RUST_LOG", "warn")
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > Duration::from_secs(30) {
                child.kill().ok();
                panic!("{backend:?}: the server kept running");
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        assert!(!status.success());
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert!(stderr.contains("server dihentikan") && stderr.contains("future"), "{stderr}");
    }
}

/// A database with no users gets an `admin` whose password is shown once
/// on the terminal; the next start makes none.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_start_makes_an_admin_and_shows_its_password_once() {
    let db = TestDb::new(Backend::Sqlite).await;
    let start = || {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(env!("CARGO_BIN_EXE_benturan"))
            .arg("serve")
            .env("DATABASE_URL", &db.url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("BENTURAN_LANG", "id")
            .env("RUST_LOG", "warn")
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        (child, format!("http://127.0.0.1:{port}/"))
    };
    let until_ready = |url: String| async move {
        for _ in 0..200 {
            if reqwest::get(&url).await.is_ok_and(|r| r.status().is_success()) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the server came up");
    };
    let stop = |child: std::process::Child| {
        Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
        text(&child.wait_with_output().unwrap().stderr)
    };

    let (child, url) = start();
    until_ready(url).await;
    let said = stop(child);
    let password = said
        .split("Kata sandi sekali pakai: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("the password is shown: {said}"));
    assert!(said.contains("akun admin dibuat"), "{said}");
    let admin = app::admin::repo::check_credentials(&db.db, "admin", password).await.unwrap();
    assert_eq!(admin.map(|user| user.role), Some("admin".to_owned()));

    let (child, url) = start();
    until_ready(url).await;
    let said = stop(child);
    assert!(!said.contains("Kata sandi"), "{said}");
    assert_eq!(app::admin::repo::list_users(&db.db).await.unwrap().len(), 1);
}

/// SIGTERM stops taking requests, finishes those in flight, and exits 0.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_requests_and_exits_cleanly() {
    let db = TestDb::new(Backend::Sqlite).await;
    app::import::generate::generate_register(&db.db, 2000, 2026).await.unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_benturan"))
        .arg("serve")
        .env("DATABASE_URL", &db.url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let mut ready = false;
    for _ in 0..100 {
        if reqwest::get(format!("{base}/")).await.is_ok_and(|r| r.status().is_success()) {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready, "the server came up");
    common::add_user(&db, "pembaca", app::auth::Role::Viewer, &[]).await;
    let token = common::sign_in(&base, "pembaca", common::PASSWORD).await.unwrap();
    // Slow requests (a 2,000-row page each, whole: not windowed) in flight
    // when the signal comes.
    let requests: Vec<_> = (0..6)
        .map(|_| {
            let url = format!("{base}/?lengkap=1");
            let client = common::client_with(&token);
            tokio::spawn(async move {
                let response = client.get(url).send().await?;
                let status = response.status();
                let body = response.text().await?;
                Ok::<_, reqwest::Error>((status, body))
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(30)).await;
    let kill = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let mut finished = 0;
    for request in requests {
        // A request either completed in full or was never taken.
        if let Ok((status, body)) = request.await.unwrap() {
            assert!(status.is_success());
            let rows = body.matches("<tr data-row-id=").count();
            assert!(rows == 2000 && body.contains("</html>"), "cut short after {rows} rows");
            finished += 1;
        }
    }
    assert!(finished > 0, "requests in flight were finished");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "the server did not stop");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(stderr.contains("stopped"), "{stderr}");
    assert!(reqwest::get(format!("{base}/")).await.is_err(), "no longer taking requests");
}

/// `benturan ARGS` with `input` on its standard input.
fn benturan_fed(db: &TestDb, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_benturan"))
        .args(args)
        .env("DATABASE_URL", &db.url)
        .env("BENTURAN_LANG", "id")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run benturan");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

async fn users_are_managed_from_the_command_line(db: &TestDb) {
    let added = benturan_fed(
        db,
        &["user", "add", "ani", "--role", "editor", "--password-stdin"],
        "kata sandi ani 1\n",
    );
    assert!(added.status.success(), "{}", text(&added.stderr));
    assert_eq!(text(&added.stderr).trim(), "Pengguna ani ditambahkan dengan peran editor.");
    assert!(
        app::admin::repo::check_credentials(&db.db, "ani", "kata sandi ani 1")
            .await
            .unwrap()
            .is_some()
    );

    // Without --password-stdin: a first password, printed once on stdout.
    let made = benturan(db, &["user", "add", "budi", "--role", "viewer"]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let password = text(&made.stdout).trim().to_owned();
    assert_eq!(password.len(), 20);
    assert!(text(&made.stderr).contains("ditampilkan sekali ini saja"));
    assert!(
        app::admin::repo::check_credentials(&db.db, "budi", &password).await.unwrap().is_some()
    );

    // Refused with the field and its limit named; nothing written.
    for (args, input, message) in [
        (
            &["user", "add", "citra", "--role", "root", "--password-stdin"][..],
            "kata sandi citra 1\n",
            "Peran \"root\" tidak dikenal",
        ),
        (
            &["user", "add", "ani", "--role", "admin", "--password-stdin"][..],
            "kata sandi lain 1\n",
            "Nama pengguna ani sudah dipakai.",
        ),
        (
            &["user", "add", "citra", "--role", "admin", "--password-stdin"][..],
            "pendek\n",
            "Kata sandi: 10–1024 karakter.",
        ),
        (
            &["user", "add", "Citra <b>", "--role", "admin", "--password-stdin"][..],
            "kata sandi citra 1\n",
            "Nama pengguna: 3–64 karakter",
        ),
        (
            &["user", "passwd", "nobody", "--password-stdin"][..],
            "kata sandi lain 1\n",
            "Tidak ada pengguna nobody.",
        ),
    ] {
        let refused = benturan_fed(db, args, input);
        assert!(!refused.status.success(), "{args:?}");
        assert!(text(&refused.stderr).contains(message), "{args:?}: {}", text(&refused.stderr));
    }

    let changed =
        benturan_fed(db, &["user", "passwd", "ani", "--password-stdin"], "kata sandi ani 2\r\n");
    assert!(changed.status.success(), "{}", text(&changed.stderr));
    assert!(
        app::admin::repo::check_credentials(&db.db, "ani", "kata sandi ani 2")
            .await
            .unwrap()
            .is_some()
    );
    let disabled = benturan(db, &["user", "disable", "budi"]);
    assert!(disabled.status.success(), "{}", text(&disabled.stderr));
    let listed = benturan(db, &["user", "list"]);
    assert_eq!(text(&listed.stdout), "ani\teditor\tactive\t\nbudi\tviewer\tdisabled\t\n");
}

/// `export --per DAY` writes the register as it stood at the end of that
/// day, and `evidence --quarter N` a quarter's pack; days the log cannot
/// show and values out of range are refused in words, writing nothing.
async fn the_register_of_a_past_day_and_the_quarters_pack_are_written(db: &TestDb) {
    assert!(benturan(db, &["import", SEED, "--year", "2026"]).status.success());
    // The register as loaded, logged by 23:59 WITA on 30 June; then today
    // BK-001's impact changes.
    db.exec("UPDATE change_log SET changed_at = '2026-06-30T15:59:00.000+00:00'").await;
    let exported = text(&benturan(db, &["export", "--format", "text", "--year", "2026"]).stdout);
    let old = db.text("SELECT dampak FROM risk WHERE code = 'BK-001'").await.unwrap();
    let changed = exported.replacen(&old, "Dampak kini", 1);
    assert_ne!(changed, exported);
    let file = TempFile::new(&changed);
    assert!(benturan(db, &["import", file.path(), "--year", "2026"]).status.success());

    let then = benturan(db, &["export", "--year", "2026", "--per", "2026-06-30"]);
    assert!(then.status.success(), "{}", text(&then.stderr));
    assert!(!text(&then.stdout).contains("Dampak kini"), "the text of then");
    assert_eq!(text(&then.stdout).lines().count(), 14);
    let now = benturan(db, &["export", "--year", "2026"]);
    assert!(text(&now.stdout).contains("Dampak kini"), "today's text");
    let before = benturan(db, &["export", "--per", "2026-06-29"]);
    assert!(!before.status.success() && before.stdout.is_empty());
    let message = text(&before.stderr);
    assert!(message.contains("Register per 29 Juni 2026 tidak tersedia"), "{message}");
    assert!(message.contains("tercatat sejak 30 Juni 2026"), "{message}");
    let future = benturan(db, &["export", "--per", "2099-12-31"]);
    assert!(text(&future.stderr).contains("belum berakhir"), "{}", text(&future.stderr));
    let bad = benturan(db, &["export", "--per", "30/06/2026"]);
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("Tanggal register (per)"), "{}", text(&bad.stderr));

    let out = std::env::temp_dir().join(format!("benturan-{}.xlsx", uuid::Uuid::new_v4()));
    let path = out.to_str().unwrap();
    let pack = benturan(db, &["evidence", "--quarter", "2", "--year", "2026", "--out", path]);
    assert!(pack.status.success(), "{}", text(&pack.stderr));
    let said = text(&pack.stderr);
    assert!(said.contains("Paket bukti triwulan 2 tahun 2026 ditulis ke"), "{said}");
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    use calamine::Reader;
    assert_eq!(workbook.sheet_names().len(), 6, "{:?}", workbook.sheet_names());
    let official = workbook.worksheet_range("Tabel Pemetaan").unwrap();
    let cells: Vec<String> = official.cells().map(|(_, _, cell)| cell.to_string()).collect();
    assert!(cells.iter().any(|cell| cell == &old), "the register of 30 June");
    assert!(!cells.iter().any(|cell| cell.contains("Dampak kini")));
    std::fs::remove_file(&out).unwrap();
    let refused = [
        (vec!["--quarter", "5"], "Triwulan"),
        (vec!["--quarter", "1", "--year", "1999"], "Belum ada register"),
    ];
    for (args, expected) in refused {
        let output = benturan(db, &[&["evidence", "--out", path][..], &args].concat());
        assert!(!output.status.success(), "{args:?}");
        assert!(text(&output.stderr).contains(expected), "{args:?}: {}", text(&output.stderr));
        assert!(!out.exists(), "nothing written");
    }
}

on_both_databases!(
    the_register_of_a_past_day_and_the_quarters_pack_are_written,
    users_are_managed_from_the_command_line,
    import_reports_what_it_did,
    reimport_equals_the_file_and_dry_run_writes_nothing,
    a_refused_file_changes_nothing,
    a_final_register_refuses_imports,
    a_missing_file_is_named,
    export_writes_csv_to_stdout,
    the_xlsx_export_round_trips,
    the_text_export_round_trips,
);
