//! The printed form's settings on both databases: an admin stores the SK
//! and signatories (cleaned, the NIP kept as its digits), only at the
//! register's version the form was read at (of two saving at once, one
//! wins); wrong fields are named with their limit; nobody else may set
//! them; each save moves the register's version (open pages hear it) and is
//! in the audit log.
use crate::common;
use macro_rules_attribute::apply;

use app::auth::Role;
use common::{App, TestDb};
use reqwest::StatusCode;
use serde_json::Value;

/// The form as the page posts it, at register version `version`.
async fn save(
    app: &App,
    register: &str,
    version: i32,
    fields: &[(&str, &str)],
) -> (StatusCode, Value) {
    let version = version.to_string();
    let mut form = vec![("register", register.to_owned()), ("version", version)];
    form.extend(fields.iter().map(|(name, value)| (*name, (*value).to_owned())));
    let keyed: Vec<(String, String)> = form
        .into_iter()
        .map(|(name, value)| match name {
            "register" | "version" => (name.to_owned(), value),
            field => (format!("settings[{field}]"), value),
        })
        .collect();
    let pairs: Vec<(&str, &str)> = keyed.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    app.post_form("save_print_settings", &pairs).await
}

/// Today's printed form of register `unit`/`year` (the server function
/// answers `Ok` with a form, `Err` with why a past day cannot be shown).
async fn form_of(app: &App, unit: i64, year: i64) -> Value {
    app.get(&format!("print_form?unit={unit}&year={year}")).await["Ok"].clone()
}

const FILLED: [(&str, &str); 10] = [
    ("sk_number", " 100.3.3.1/K.512/2026 "),
    ("sk_date", "2026-01-15"),
    ("place", "Samarinda"),
    ("sign_date", "2026-12-03"),
    ("prepared_position", "Kepala Bagian <b>Perencanaan</b>"),
    ("prepared_name", "\u{645}\u{62d}\u{645}\u{62f} Rina"),
    ("prepared_nip", "19820415 200604 2 011"),
    ("approved_position", "Kepala Biro Administrasi Pimpinan"),
    ("approved_name", "Dr. Ahmad Fauzi, M.Si."),
    ("approved_nip", "197506121999031004"),
];

#[apply(on_both_databases!)]
async fn admins_set_the_heading_and_signatories(db: &TestDb) {
    let admin = App::start(db).await;
    let register = admin.get("get_register").await;
    let (id, unit, year) = (
        register["id"].to_string(),
        register["unit_id"].as_i64().unwrap(),
        register["year"].as_i64().unwrap(),
    );
    let version = register["version"].as_i64().unwrap() as i32;
    let blank = form_of(&admin, unit, year).await;
    assert_eq!(blank["settings"]["sk_number"], "");
    assert_eq!(blank["settings"]["sk_date"], Value::Null);
    let stored = the_filled_form_is_stored_cleaned(db, &admin, &id, (unit, year), version).await;
    stale_and_wrong_saves_are_refused(&admin, &id, version).await;
    // Editors, reviewers and readers may not set them, even with good values.
    let bagian: i32 = db.text("SELECT MIN(bagian_id) FROM risk").await.unwrap().parse().unwrap();
    for outsider in admin.outsiders(db, bagian).await {
        let (status, _) = save(&outsider, &id, version + 1, &FILLED).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    let editor = admin.as_user(db, "penyunting", Role::Editor, &[bagian]).await;
    let (status, _) = save(&editor, &id, version + 1, &[("sk_number", "lain")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(form_of(&admin, unit, year).await, stored, "nothing changed");
    of_two_saves_at_once_one_wins(&admin, &id, (unit, year), version).await;

    // Emptied again: the form prints blank lines.
    let (status, _) = save(&admin, &id, version + 2, &[("sk_number", "")]).await;
    assert_eq!(status, StatusCode::OK);
    let cleared = form_of(&admin, unit, year).await;
    assert_eq!(cleared["settings"], blank["settings"]);
}

/// The filled form saved at register version `version` is stored cleaned,
/// moves the version and is in the audit log; the stored form.
async fn the_filled_form_is_stored_cleaned(
    db: &TestDb,
    admin: &App,
    id: &str,
    (unit, year): (i64, i64),
    version: i32,
) -> Value {
    let audits = db.count("auth_event").await;
    let (status, saved) = save(admin, id, version, &FILLED).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved, version + 1);
    let stored = form_of(admin, unit, year).await;
    let settings = &stored["settings"];
    assert_eq!(settings["sk_number"], "100.3.3.1/K.512/2026");
    assert_eq!(settings["sk_date"], "2026-01-15");
    assert_eq!(settings["prepared"]["nip"], "198204152006042011");
    assert_eq!(
        settings["prepared"]["position"], "Kepala Bagian <b>Perencanaan</b>",
        "markup is text"
    );
    assert_eq!(settings["prepared"]["name"], "\u{645}\u{62d}\u{645}\u{62f} Rina");
    assert_eq!(settings["approved"]["name"], "Dr. Ahmad Fauzi, M.Si.");
    assert_eq!(stored["register"]["version"], version + 1);
    assert_eq!(db.count("auth_event").await, audits + 1);
    let kind = db.text("SELECT kind FROM auth_event ORDER BY id DESC LIMIT 1").await;
    assert_eq!(kind.as_deref(), Some("print_settings"));
    stored
}

/// A save read at the old version `version` is a conflict; wrong fields are
/// each named with their limit.
async fn stale_and_wrong_saves_are_refused(admin: &App, id: &str, version: i32) {
    // Read at the old version: a colleague saved since. Nothing changes.
    let (status, _) = save(admin, id, version, &[("sk_number", "lama")]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    // Wrong fields, each named with its limit; nothing changes.
    let long = "x".repeat(101);
    let (status, body) = save(
        admin,
        id,
        version + 1,
        &[
            ("sk_number", &long),
            ("sk_date", "15/01/2026"),
            ("place", "Samarinda\u{7}"),
            ("approved_nip", "1975"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let problems: Vec<(String, String)> = body["Validation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap().to_owned(), e["problem"].to_string()))
        .collect();
    let named = |field: &str, problem: &str| {
        problems.iter().any(|(f, p)| f == field && p.contains(problem))
    };
    assert!(named("SkNumber", r#"{"TooLong":{"limit":100}}"#), "{problems:?}");
    assert!(named("SkDate", "InvalidDate"), "{problems:?}");
    assert!(named("SignPlace", "ControlCharacter"), "{problems:?}");
    assert!(named("ApprovedNip", r#"{"InvalidNip":{"digits":18}}"#), "{problems:?}");
}

/// A 4,000-letter word is refused, named; of two admins saving at version
/// `version + 1` at once, one wins.
async fn of_two_saves_at_once_one_wins(
    admin: &App,
    id: &str,
    (unit, year): (i64, i64),
    version: i32,
) {
    // A 4,000-letter word is past the line's limit, named.
    let word = "w".repeat(4_000);
    let (status, body) = save(admin, id, version + 1, &[("approved_name", &word)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Validation"][0]["field"], "ApprovedName");
    assert_eq!(body["Validation"][0]["problem"]["TooLong"]["limit"], 200);
    // Two admins saving the form they read at once: one is stored, the
    // other is told the register moved on.
    let (first, second) = tokio::join!(
        save(admin, id, version + 1, &[("sk_number", "pertama")]),
        save(admin, id, version + 1, &[("sk_number", "kedua")]),
    );
    let mut statuses = [first.0, second.0];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    let won = if first.0 == StatusCode::OK { "pertama" } else { "kedua" };
    assert_eq!(form_of(admin, unit, year).await["settings"]["sk_number"], won);
}
