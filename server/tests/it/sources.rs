//! The list of conflict sources as admins keep it, on both databases:
//! added, renamed (never over a colleague's rename), retired and brought
//! back; names checked by field and limit; a retired source stays on its
//! rows and is no longer offered; only admins change it; each change in the
//! audit log and every register's pages refreshed.
use crate::common;
use macro_rules_attribute::apply;

use app::auth::Role;
use common::{App, TestDb};
use reqwest::StatusCode;
use serde_json::Value;

async fn listed(app: &App) -> Vec<Value> {
    app.get("conflict_sources").await.as_array().unwrap().clone()
}

fn problem_of(body: &Value) -> (&Value, &Value) {
    (&body["Validation"][0]["field"], &body["Validation"][0]["problem"])
}

#[apply(on_both_databases!)]
async fn admins_keep_the_list(db: &TestDb) {
    let admin = App::start(db).await;
    let (id, before) = added_at_the_end_with_its_name_cleaned(db, &admin).await;
    bad_names_are_refused(&admin, before).await;
    renamed_from_the_name_the_admin_saw(&admin, &id).await;
    a_retired_source_stays_on_its_row(db, &admin, &id).await;
    // Each change is in the audit log.
    for kind in ["source_added", "source_renamed", "source_retired", "source_restored"] {
        let count =
            db.text(&format!("SELECT COUNT(*) FROM auth_event WHERE kind = '{kind}'")).await;
        assert_ne!(count.as_deref(), Some("0"), "{kind}");
    }
}

/// Added at the end, with its name cleaned; every register's pages refresh.
/// The new source's id, and how many sources there were before.
async fn added_at_the_end_with_its_name_cleaned(db: &TestDb, admin: &App) -> (String, usize) {
    let before = listed(admin).await.len();
    let versions = "SELECT CAST(SUM(version) AS TEXT) FROM register";
    let version: i64 = db.text(versions).await.unwrap().parse().unwrap();
    let (status, added) =
        admin.post_form("add_conflict_source", &[("name", "  Rangkap\njabatan \u{200B}")]).await;
    assert_eq!(status, StatusCode::OK, "{added}");
    assert_eq!((&added["name"], &added["active"]), (&"Rangkap jabatan".into(), &true.into()));
    let id = added["id"].to_string();
    let all = listed(admin).await;
    assert_eq!(all.len(), before + 1);
    assert_eq!(all.last().unwrap()["source"]["name"], "Rangkap jabatan");
    let after: i64 = db.text(versions).await.unwrap().parse().unwrap();
    assert!(after > version, "pages kept at the old version are rendered again");
    let register = admin.get("get_register").await;
    let offered = register["sources"].as_array().unwrap();
    assert!(offered.iter().any(|s| s["name"] == "Rangkap jabatan"));
    (id, before)
}

/// Bad names: refused by field and limit; the list (`before` sources and
/// the one added) is unchanged. Markup and RTL are text.
async fn bad_names_are_refused(admin: &App, before: usize) {
    let long = "n".repeat(201);
    for (name, problem) in [
        ("RANGKAP JABATAN", "Duplicate"),
        ("hubungan KELUARGA", "Duplicate"),
        (" \u{200B} ", "Required"),
        (long.as_str(), "TooLong"),
        ("Bisnis\u{1B}[31m", "ControlCharacter"),
        ("a\u{202E}b", "ControlCharacter"),
    ] {
        let (status, body) = admin.post_form("add_conflict_source", &[("name", name)]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name:.20?}: {body}");
        let (field, found) = problem_of(&body);
        assert_eq!(field, "Source");
        assert!(found == problem || found.get(problem).is_some(), "{name:.20?}: {body}");
    }
    assert_eq!(listed(admin).await.len(), before + 1);
    // Markup and RTL are text.
    let (status, _) =
        admin.post_form("add_conflict_source", &[("name", "<b>Afiliasi</b> سياسية")]).await;
    assert_eq!(status, StatusCode::OK);
}

/// Renamed from the name the admin saw; a stale name is a conflict, and a
/// name another source has is refused.
async fn renamed_from_the_name_the_admin_saw(admin: &App, id: &str) {
    let rename = |expected: &'static str, name: &'static str| {
        let id = id.to_owned();
        async move {
            let form = [("id", id.as_str()), ("expected", expected), ("name", name)];
            admin.post_form("rename_conflict_source", &form).await
        }
    };
    assert_eq!(rename("Rangkap jabatan", "Rangkap jabatan ASN").await.0, StatusCode::OK);
    let (status, body) = rename("Rangkap jabatan", "Jabatan rangkap").await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["CellConflict"]["theirs"], "Rangkap jabatan ASN");
    assert_eq!(
        rename("Rangkap jabatan ASN", "Hubungan keluarga").await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

/// A row names source `id`; retired, it stays on the row but can't be
/// chosen again until brought back.
async fn a_retired_source_stays_on_its_row(db: &TestDb, admin: &App, id: &str) {
    let (row, _) = db.first_row().await;
    let save = |expected: String, value: String| {
        let (row, admin) = (row.clone(), admin);
        async move {
            let form = [
                ("row", row.as_str()),
                ("field", "Source"),
                ("expected", expected.as_str()),
                ("value", value.as_str()),
            ];
            admin.post_form("save_assessment", &form).await
        }
    };
    assert_eq!(save(String::new(), id.to_owned()).await.0, StatusCode::OK);
    let retire = [("id", id), ("active", "false")];
    let (status, retired) = admin.post_form("set_conflict_source_active", &retire).await;
    assert_eq!((status, &retired["active"]), (StatusCode::OK, &false.into()));
    let id_number: i64 = id.parse().unwrap();
    let mine = listed(admin).await.into_iter().find(|s| s["source"]["id"] == id_number);
    assert_eq!(mine.unwrap()["rows"], 1);
    assert_eq!(admin.register_row(&row).await["assessment"]["source"].to_string(), id);
    let other = db.text("SELECT MIN(id) FROM conflict_source").await.unwrap();
    assert_eq!(save(id.to_owned(), other.clone()).await.0, StatusCode::OK, "moved off it");
    let (status, body) = save(other.clone(), id.to_owned()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a retired source is not offered");
    assert_eq!(problem_of(&body), (&"Source".into(), &"UnknownValue".into()));
    let bring_back = [("id", id), ("active", "true")];
    assert_eq!(admin.post_form("set_conflict_source_active", &bring_back).await.0, StatusCode::OK);
    assert_eq!(save(other, id.to_owned()).await.0, StatusCode::OK);
}

#[apply(on_both_databases!)]
async fn only_admins_change_it(db: &TestDb) {
    let admin = App::start(db).await;
    let (_, bagian) = db.first_row().await;
    let editor = admin.as_user(db, "penyunting", Role::Editor, &[bagian]).await;
    let reviewer = admin.as_user(db, "inspektorat", Role::Reviewer, &[]).await;
    let viewer = admin.as_user(db, "pimpinan", Role::Viewer, &[]).await;
    let id = db.text("SELECT MIN(id) FROM conflict_source").await.unwrap();
    let name = db.text(&format!("SELECT name FROM conflict_source WHERE id = {id}")).await.unwrap();
    let before = listed(&admin).await;
    for who in [&editor, &reviewer, &viewer] {
        let added = who.post_form("add_conflict_source", &[("name", "Lain-lain baru")]).await;
        assert_eq!(added.0, StatusCode::FORBIDDEN);
        let form = [("id", id.as_str()), ("expected", name.as_str()), ("name", "Diganti")];
        assert_eq!(who.post_form("rename_conflict_source", &form).await.0, StatusCode::FORBIDDEN);
        let form = [("id", id.as_str()), ("active", "false")];
        let retired = who.post_form("set_conflict_source_active", &form).await;
        assert_eq!(retired.0, StatusCode::FORBIDDEN);
    }
    assert_eq!(listed(&viewer).await, before, "everyone reads it; nothing changed");
    // A register that is set still shows the names as they are now.
    db.exec("UPDATE register SET status = 'ditetapkan'").await;
    let form = [("id", id.as_str()), ("expected", name.as_str()), ("name", "Bisnis dan usaha")];
    assert_eq!(admin.post_form("rename_conflict_source", &form).await.0, StatusCode::OK);
    let register = viewer.get("get_register").await;
    let shown = register["sources"].as_array().unwrap();
    assert!(shown.iter().any(|s| s["name"] == "Bisnis dan usaha"));
}
