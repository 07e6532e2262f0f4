//! The register's yearly cycle, on both databases: each step only to the
//! role it is for (anyone else a 403 that changes nothing), only from the
//! status it starts from; a submitted register's text fixed, a set one
//! read-only; every step in the change log, the steps' history and the
//! audit log; an approved revision read and printed as it was set.
use crate::common;
use macro_rules_attribute::apply;

use app::auth::Role;
use common::{App, TestDb};
use reqwest::StatusCode;
use serde_json::Value;

/// Takes `step` ("Submit", …) on the register at the version it is at now,
/// with the input's fields (`comment`, `sk_number`, `sk_date`).
async fn take(app: &App, db: &TestDb, step: &str, input: &[(&str, &str)]) -> (StatusCode, Value) {
    let version = db.text("SELECT version FROM register").await.unwrap();
    take_at(app, db, &version, step, input).await
}

async fn take_at(
    app: &App,
    db: &TestDb,
    version: &str,
    step: &str,
    input: &[(&str, &str)],
) -> (StatusCode, Value) {
    let register = db.text("SELECT id FROM register").await.unwrap();
    let mut form: Vec<(String, String)> = vec![
        ("register".into(), register),
        ("version".into(), version.to_owned()),
        ("step".into(), step.to_owned()),
    ];
    form.extend(input.iter().map(|(name, value)| (format!("input[{name}]"), (*value).to_owned())));
    let pairs: Vec<(&str, &str)> = form.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    app.post_form("take_register_step", &pairs).await
}

/// The register's status, version and number of steps taken.
async fn state(db: &TestDb) -> (String, String, i64) {
    let status = db.text("SELECT status FROM register").await.unwrap();
    let version = db.text("SELECT version FROM register").await.unwrap();
    (status, version, db.count("register_step").await)
}

/// Everyone in `refused` is refused `step` with a 403, and nothing changes.
async fn refused(db: &TestDb, refused: &[&App], step: &str, input: &[(&str, &str)]) {
    let before = state(db).await;
    for app in refused {
        let (status, body) = take(app, db, step, input).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{step}: {body}");
    }
    assert_eq!(state(db).await, before, "{step}: a refusal changes nothing");
}

const SK: [(&str, &str); 3] =
    [("sk_number", "100.3.3/K.12/2026"), ("sk_date", "2026-12-07"), ("comment", "")];

#[apply(on_both_databases!)]
async fn each_step_belongs_to_its_role(db: &TestDb) {
    let admin = App::start(db).await;
    let (_, bagian) = db.first_row().await;
    let editor = admin.as_user(db, "penyunting", Role::Editor, &[bagian]).await;
    let reviewer = admin.as_user(db, "kabag", Role::Reviewer, &[]).await;
    let viewer = admin.as_user(db, "pimpinan", Role::Viewer, &[]).await;
    let anonymous = App { base: admin.base.clone(), client: common::anonymous() };
    let reason = [("comment", "Lampiran SK belum lengkap")];

    // Not signed in: 401, nothing changed.
    let before = state(db).await;
    assert_eq!(take(&anonymous, db, "Submit", &[]).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(state(db).await, before);
    // Draft: editors and admins submit.
    refused(db, &[&reviewer, &viewer], "Submit", &[]).await;
    assert_eq!(take(&editor, db, "Submit", &[("comment", "Siap direviu")]).await.0, StatusCode::OK);
    assert_eq!(state(db).await.0, "diajukan");
    // Diajukan: only reviewers review; reviewers and admins return.
    refused(db, &[&admin, &editor, &viewer], "Review", &[]).await;
    refused(db, &[&editor, &viewer], "Return", &reason).await;
    assert_eq!(take(&admin, db, "Return", &reason).await.0, StatusCode::OK);
    assert_eq!(state(db).await.0, "draft");
    assert_eq!(take(&admin, db, "Submit", &[]).await.0, StatusCode::OK);
    assert_eq!(take(&reviewer, db, "Review", &[]).await.0, StatusCode::OK);
    assert_eq!(state(db).await.0, "direviu");
    // Direviu: only admins approve, with the decree.
    refused(db, &[&reviewer, &editor, &viewer], "Approve", &SK).await;
    assert_eq!(take(&admin, db, "Approve", &SK).await.0, StatusCode::OK);
    assert_eq!(state(db).await.0, "ditetapkan");
    let decree = db.text("SELECT sk_number FROM register").await;
    assert_eq!(decree.as_deref(), Some("100.3.3/K.12/2026"));
    // Ditetapkan: only admins open a revision.
    let why = [("comment", "Perubahan struktur organisasi")];
    refused(db, &[&reviewer, &editor, &viewer], "Revise", &why).await;
    assert_eq!(take(&admin, db, "Revise", &why).await.0, StatusCode::OK);
    assert_eq!(state(db).await.0, "draft");
    assert_eq!(db.text("SELECT revision FROM register").await.as_deref(), Some("1"));

    // Every step is in the steps' history (who, the comment), the change
    // log (the status, old → new) and the audit log.
    let cycle = viewer.get("get_register").await["cycle"].clone();
    let steps: Vec<(&str, &str, &str)> = cycle["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (s["step"].as_str().unwrap(), s["by"].as_str().unwrap(), s["comment"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("Submit", "penyunting", "Siap direviu"),
            ("Return", "admin.uji", "Lampiran SK belum lengkap"),
            ("Submit", "admin.uji", ""),
            ("Review", "kabag", ""),
            ("Approve", "admin.uji", ""),
            ("Revise", "admin.uji", "Perubahan struktur organisasi"),
        ]
    );
    assert_eq!(cycle["revision"], 1);
    let logged =
        db.text("SELECT COUNT(*) FROM change_log WHERE field = 'status' AND risk_id IS NULL").await;
    assert_eq!(logged.as_deref(), Some("6"));
    let audited = db.text("SELECT COUNT(*) FROM auth_event WHERE kind LIKE 'register_%'").await;
    assert_eq!(audited.as_deref(), Some("6"));
    let forbidden = db.text("SELECT COUNT(*) FROM auth_event WHERE kind = 'forbidden'").await;
    assert_eq!(forbidden.as_deref(), Some("13"), "each refusal is logged");
}

#[apply(on_both_databases!)]
async fn a_step_needs_its_status_its_version_and_its_input(db: &TestDb) {
    let admin = App::start(db).await;
    let before = state(db).await;
    // Not from this status (a crafted call): refused naming the status.
    let (status, body) = take(&admin, db, "Approve", &SK).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["Validation"][0]["field"], "Status");
    // A return without its reason, an approval without its decree, a
    // comment with a control character or over its limit: each named.
    let (status, body) = take(&admin, db, "Return", &[("comment", " \u{200b} ")]).await;
    assert_eq!(
        (status, &body["Validation"][0]["field"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &Value::from("Comment"))
    );
    let long = "kata".repeat(600);
    let (status, body) = take(&admin, db, "Submit", &[("comment", &long)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Validation"][0]["problem"]["TooLong"]["limit"], 2000);
    let (_, body) = take(&admin, db, "Submit", &[("comment", "ok\u{1b}[31m")]).await;
    assert!(body["Validation"][0]["problem"]["ControlCharacter"].is_object(), "{body}");
    assert_eq!(state(db).await, before, "nothing changed");
    // Markup and right-to-left text are kept as text.
    let comment = "<b>Siap</b> مراجعة";
    assert_eq!(take(&admin, db, "Submit", &[("comment", comment)]).await.0, StatusCode::OK);
    assert_eq!(db.text("SELECT comment FROM register_step").await.as_deref(), Some(comment));
    let (status, body) = take(&admin, db, "Return", &[]).await;
    assert_eq!(body["Validation"][0]["field"], "Comment", "{status}");
    // Approving needs both the number and a date.
    let reviewer = admin.as_user(db, "kabag", Role::Reviewer, &[]).await;
    assert_eq!(take(&reviewer, db, "Review", &[]).await.0, StatusCode::OK);
    let (status, body) = take(&admin, db, "Approve", &[("sk_date", "31/12/2026")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = body["Validation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["SkNumber", "SkDate"]);
    // Two heads act on the version they saw: the second is a conflict.
    let seen = db.text("SELECT version FROM register").await.unwrap();
    let reason = [("comment", "Perlu perbaikan")];
    assert_eq!(take_at(&reviewer, db, &seen, "Return", &reason).await.0, StatusCode::OK);
    let (status, _) = take_at(&admin, db, &seen, "Approve", &SK).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(state(db).await.0, "draft");
}

#[apply(on_both_databases!)]
async fn a_submitted_register_is_fixed_and_a_set_one_read_only(db: &TestDb) {
    let admin = App::start(db).await;
    let (row, bagian) = db.first_row().await;
    let editor = admin.as_user(db, "penyunting", Role::Editor, &[bagian]).await;
    let reviewer = admin.as_user(db, "kabag", Role::Reviewer, &[]).await;
    let save = |app: &App, text: &'static str| {
        let app = App { base: app.base.clone(), client: app.client.clone() };
        let row = row.clone();
        async move {
            let sql = format!("SELECT penyebab FROM risk WHERE id = {row}");
            let old = db.text(&sql).await.unwrap();
            let form =
                [("row", row.as_str()), ("field", "Penyebab"), ("expected", &old), ("value", text)];
            app.post_form("save_cell", &form).await
        }
    };
    assert_eq!(save(&editor, "Teks draf").await.0, StatusCode::OK);
    assert_eq!(take(&editor, db, "Submit", &[]).await.0, StatusCode::OK);
    // Submitted: nobody changes the text; the reviewer writes notes.
    for who in [&editor, &admin] {
        let (status, body) = save(who, "Diubah saat reviu").await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(body.get("RegisterUnderReview").is_some(), "{body}");
    }
    let note =
        reviewer.post_form("add_note", &[("row", &row), ("body", "Perjelas penyebab")]).await;
    assert_eq!(note.0, StatusCode::OK);
    assert_eq!(take(&reviewer, db, "Review", &[]).await.0, StatusCode::OK);
    assert_eq!(take(&admin, db, "Approve", &SK).await.0, StatusCode::OK);
    // Set: read-only for everyone, notes too.
    let (status, body) = save(&admin, "Diubah sesudah penetapan").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.get("RegisterFinal").is_some(), "{body}");
    let note = reviewer.post_form("add_note", &[("row", &row), ("body", "Terlambat")]).await;
    assert_eq!(note.0, StatusCode::CONFLICT);

    // A revision opens the text again; the approved one stays as it was set.
    let why = [("comment", "Perubahan struktur organisasi")];
    assert_eq!(take(&admin, db, "Revise", &why).await.0, StatusCode::OK);
    assert_eq!(save(&editor, "Teks revisi").await.0, StatusCode::OK);
    let register = admin.get("get_register").await;
    let (unit, year) = (register["unit_id"].clone(), register["year"].clone());
    let approved =
        admin.get(&format!("get_register_revision?unit={unit}&year={year}&revision=0")).await;
    assert_eq!(approved["status"], "Ditetapkan");
    assert_eq!(approved["as_of"]["revision"], 0);
    let cell = |register: &Value| {
        let rows = register["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["rows"].as_array().unwrap().clone());
        let found = rows
            .into_iter()
            .find(|r| r["id"].as_i64().map(|id| id.to_string()).as_deref() == Some(row.as_str()))
            .unwrap();
        found["penyebab"].as_str().unwrap().to_owned()
    };
    assert_eq!(cell(&approved), "Teks draf");
    assert_eq!(cell(&admin.get("get_register").await), "Teks revisi");
    let missing =
        admin.get(&format!("get_register_revision?unit={unit}&year={year}&revision=1")).await;
    assert_eq!(missing, Value::Null, "revision 1 is not approved yet");
    // Printed as it was set, with its decree.
    let form = admin.get(&format!("print_form?unit={unit}&year={year}&revisi=0")).await;
    assert_eq!(form["Ok"]["settings"]["sk_number"], "100.3.3/K.12/2026");
    assert_eq!(cell(&form["Ok"]["register"]), "Teks draf");
}
