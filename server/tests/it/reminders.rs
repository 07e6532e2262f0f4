//! Reminders of control actions falling due, on both databases: each
//! user's list (an editor's Bagian, an admin's all, a reader's by owner),
//! and the daily digest through a real SMTP server (Python's `aiosmtpd`,
//! started here) read back from its mailbox: once a user and day, none
//! without an address, a failed send left to the next round.
use crate::common;
use macro_rules_attribute::apply;

use app::auth::Role;
use app::reminders::mail::{MailSettings, send_digests};
use common::{App, TestDb};
use reqwest::StatusCode;
use std::path::{Path, PathBuf};

/// An SMTP server for one test, writing what it receives to a maildir.
struct Smtp {
    child: std::process::Child,
    port: u16,
    dir: PathBuf,
}

impl Smtp {
    async fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let dir = std::env::temp_dir().join(format!("benturan-mail-{}", uuid::Uuid::new_v4()));
        // Made by the server, with the maildir's folders.
        let python = std::env::var("TEST_SMTP_PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let mut child = std::process::Command::new(&python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&dir)
            .spawn()
            .unwrap_or_else(|error| {
                panic!("{python} -m aiosmtpd (see ./x, which installs it): {error}")
            });
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return Self { child, port, dir };
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("aiosmtpd did not start (is it installed? `./x test` installs it)");
    }

    fn settings(&self) -> MailSettings {
        let get = |name: &str| match name {
            "BENTURAN_SMTP_HOST" => Some("127.0.0.1".to_owned()),
            "BENTURAN_SMTP_PORT" => Some(self.port.to_string()),
            "BENTURAN_SMTP_TLS" => Some("none".to_owned()),
            "BENTURAN_SMTP_FROM" => Some("Benturan <benturan@kaltimprov.go.id>".to_owned()),
            _ => None,
        };
        let public = "https://benturan.kaltimprov.go.id".to_owned();
        MailSettings::from_env(get, public).unwrap().unwrap()
    }

    /// The messages received so far, as text.
    fn messages(&self) -> Vec<String> {
        let new = self.dir.join("new");
        let Ok(entries) = std::fs::read_dir(&new) else { return Vec::new() };
        entries.map(|entry| read(&entry.unwrap().path())).collect()
    }
}

fn read(path: &Path) -> String {
    String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned()
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Row `code`'s control: owned by `owner`, due `days` from today, at `status`.
async fn due(app: &App, db: &TestDb, code: &str, owner: &str, days: i64, status: &str) {
    let row = db.text(&format!("SELECT id FROM risk WHERE code = '{code}'")).await.unwrap();
    let day = (app::db::today() + chrono::Duration::days(days)).to_string();
    for (field, value) in [("Owner", owner), ("TargetDate", day.as_str()), ("RtpStatus", status)] {
        let (saved, body) = app.save_assessment(&row, "", field, "", value).await;
        assert_eq!(saved, StatusCode::OK, "{code} {field}: {body}");
    }
}

async fn codes(app: &App) -> Vec<String> {
    let list = app.get("due_list").await;
    let items = list["items"].as_array().unwrap().iter();
    items.map(|item| item["code"].as_str().unwrap().to_owned()).collect()
}

/// BK-001 (first Bagian) in 3 days, BK-005 (second) 2 days overdue; BK-002
/// done, BK-003 in 20 days: not due.
async fn set_up(admin: &App, db: &TestDb) -> i32 {
    due(admin, db, "BK-001", "Kasubbag Protokol", 3, "dalam_proses").await;
    due(admin, db, "BK-005", "Kepala Bagian Materi", -2, "belum_dimulai").await;
    due(admin, db, "BK-002", "Kasubbag Protokol", 1, "selesai").await;
    due(admin, db, "BK-003", "Kasubbag Protokol", 20, "belum_dimulai").await;
    let sql = "SELECT bagian_id FROM risk WHERE code = 'BK-001'";
    db.text(sql).await.unwrap().parse().unwrap()
}

#[apply(on_both_databases!)]
async fn each_user_sees_what_falls_due_for_them(db: &TestDb) {
    let admin = App::start(db).await;
    let bagian = set_up(&admin, db).await;
    let editor = admin.as_user(db, "penyunting", Role::Editor, &[bagian]).await;
    let owner = admin.as_user(db, "kasubbag", Role::Viewer, &[]).await;
    let reviewer = admin.as_user(db, "inspektorat", Role::Reviewer, &[]).await;
    assert_eq!(codes(&admin).await, ["BK-005", "BK-001"], "soonest first, overdue before");
    assert_eq!(codes(&editor).await, ["BK-001"], "an editor's Bagian");
    assert_eq!(codes(&owner).await, ["BK-001"], "the owner named");
    assert!(codes(&reviewer).await.is_empty());
    assert_eq!(admin.get("due_count").await, 2);
    let list = admin.get("due_list").await;
    assert_eq!(list["items"][0]["days_left"], -2);
    assert_eq!(list["mail_configured"], false);
    let anonymous = App { base: admin.base.clone(), client: common::anonymous() };
    let refused = anonymous.client.get(format!("{}/api/due_count", admin.base)).send().await;
    assert_eq!(refused.unwrap().status(), StatusCode::UNAUTHORIZED);
}

#[apply(on_both_databases!)]
async fn a_daily_digest_goes_through_a_real_smtp_server(db: &TestDb) {
    let admin = App::start(db).await;
    let bagian = set_up(&admin, db).await;
    let _editor = admin.as_user(db, "penyunting", Role::Editor, &[bagian]).await;
    let _quiet = admin.as_user(db, "pimpinan", Role::Viewer, &[]).await;
    // Addresses as an admin sets them; a bad one is refused naming the field.
    let accounts = admin.get("admin_accounts").await;
    let id_of = |name: &str| {
        let users = accounts["users"].as_array().unwrap();
        users.iter().find(|u| u["username"] == name).unwrap()["id"].as_i64().unwrap()
    };
    for (name, email) in
        [("penyunting", "penyunting@kaltimprov.go.id"), ("pimpinan", "pimpinan@kaltimprov.go.id")]
    {
        let body = serde_json::json!({
            "id": id_of(name), "role": if name == "pimpinan" { "Viewer" } else { "Editor" },
            "bagian": if name == "pimpinan" { vec![] } else { vec![bagian] },
            "active": true, "email": email,
        });
        let (status, answer) = admin.post_json("admin_update_account", body).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
    }
    let hostile = serde_json::json!({
        "id": id_of("pimpinan"), "role": "Viewer", "bagian": [], "active": true,
        "email": "pimpinan@kaltimprov.go.id\r\nBcc: semua@contoh.id",
    });
    let (status, answer) = admin.post_json("admin_update_account", hostile).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["Account"]["BadEmail"]["max"], 254);

    let smtp = Smtp::start().await;
    let today = app::db::today();
    let report = send_digests(&db.db, &smtp.settings(), today).await.unwrap();
    // The editor has one due; the reader none (so no message); the admin no address.
    assert_eq!((report.sent, report.failed), (1, 0));
    let messages = smtp.messages();
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    assert!(message.contains("To: penyunting <penyunting@kaltimprov.go.id>"), "{message}");
    assert!(message.contains("From: Benturan <benturan@kaltimprov.go.id>"), "{message}");
    assert!(message.contains("Subject: [Benturan] 1 RTP jatuh tempo dalam 14 hari"), "{message}");
    assert!(message.contains("BK-001"), "{message}");
    assert!(message.contains("3 hari lagi"), "{message}");
    assert!(message.contains("https://benturan.kaltimprov.go.id/register/"), "{message}");
    // Once a day: a second round (another instance, say) sends nothing.
    let again = send_digests(&db.db, &smtp.settings(), today).await.unwrap();
    assert_eq!((again.sent, smtp.messages().len()), (0, 1));
    assert_eq!(db.count("reminder_sent").await, 1);

    // A server that cannot be reached: nothing claimed, sent the next round.
    drop(smtp);
    let tomorrow = today + chrono::Duration::days(1);
    let gone = Smtp::start().await;
    let mut settings = gone.settings();
    settings.port =
        std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let failed = send_digests(&db.db, &settings, tomorrow).await.unwrap();
    assert_eq!((failed.sent, failed.failed), (0, 1));
    assert_eq!(db.count("reminder_sent").await, 1, "a failed send claims nothing");
    let retried = send_digests(&db.db, &gone.settings(), tomorrow).await.unwrap();
    assert_eq!((retried.sent, gone.messages().len()), (1, 1));
}
