//! The admin's server functions over HTTP, on both databases: only admins
//! manage users; every change is logged with the admin who made it; the
//! last active admin stays one.
use crate::common;
use macro_rules_attribute::apply;

use app::auth::Role;
use common::{App, PASSWORD, TestDb, sign_in};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn get(app: &App, endpoint: &str) -> (StatusCode, Value) {
    let response = app.client.get(format!("{}/api/{endpoint}", app.base)).send().await.unwrap();
    let status = response.status();
    (status, serde_json::from_str(&response.text().await.unwrap()).unwrap())
}

#[apply(on_both_databases!)]
async fn only_admins_manage_users(db: &TestDb) {
    let admin = App::start(db).await;
    let bagian: i32 = db
        .text("SELECT bagian_id FROM register_section ORDER BY position LIMIT 1")
        .await
        .unwrap()
        .parse()
        .unwrap();
    let editor = admin.as_user(db, "editor.satu", Role::Editor, &[bagian]).await;
    let viewer = admin.as_user(db, "pembaca", Role::Viewer, &[]).await;
    let target = db.text("SELECT id FROM app_user WHERE username = 'pembaca'").await.unwrap();
    for app in [&editor, &viewer] {
        assert_eq!(get(app, "admin_accounts").await.0, StatusCode::FORBIDDEN);
        assert_eq!(get(app, "audit_log").await.0, StatusCode::FORBIDDEN);
        let add = json!({"username": "penyusup", "role": "Admin", "bagian": []});
        assert_eq!(app.post_json("admin_add_account", add).await.0, StatusCode::FORBIDDEN);
        let update = json!({"id": target.parse::<i32>().unwrap(), "role": "Admin", "bagian": [], "active": true});
        assert_eq!(app.post_json("admin_update_account", update).await.0, StatusCode::FORBIDDEN);
        let reset = app.post_form("admin_reset_password", &[("id", &target)]).await;
        assert_eq!(reset.0, StatusCode::FORBIDDEN);
    }
    assert_eq!(
        db.text("SELECT role FROM app_user WHERE username = 'pembaca'").await.unwrap(),
        "viewer"
    );
    assert_eq!(db.count("app_user").await, 3);
    // Logged, a moment later (the refusal does not wait for its log line).
    let mut logged = 0;
    for _ in 0..50 {
        logged = db
            .text("SELECT COUNT(*) FROM auth_event WHERE kind = 'forbidden'")
            .await
            .unwrap()
            .parse()
            .unwrap();
        if logged == 10 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(logged, 10);

    // The admin's view: every user, the Bagian there are.
    let (status, accounts) = get(&admin, "admin_accounts").await;
    assert_eq!(status, StatusCode::OK);
    let names: Vec<&str> = accounts["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["admin.uji", "editor.satu", "pembaca"]);
    assert_eq!(accounts["users"][1]["bagian"], json!([bagian]));
    assert_eq!(accounts["bagian"].as_array().unwrap().len(), 3);
    assert!(accounts["users"][0]["last_sign_in"].is_string());
}

/// What the admin's form sends to change account `id`.
fn account_update(id: i32, role: &str, bagian: Vec<i32>, active: bool) -> Value {
    json!({"id": id, "role": role, "bagian": bagian, "active": active})
}

#[apply(on_both_databases!)]
async fn an_admin_adds_changes_and_resets_users(db: &TestDb) {
    let admin = App::start(db).await;
    let bagian: Vec<i32> = {
        let first = db.text("SELECT MIN(bagian_id) FROM register_section").await.unwrap();
        let last = db.text("SELECT MAX(bagian_id) FROM register_section").await.unwrap();
        vec![first.parse().unwrap(), last.parse().unwrap()]
    };
    let (password, token) = an_editor_is_added(db, &admin, &bagian).await;
    let id: i32 = db
        .text("SELECT id FROM app_user WHERE username = 'sari.p'")
        .await
        .unwrap()
        .parse()
        .unwrap();
    let admin_id = role_changes_are_logged_and_hold_at_once(db, &admin, &bagian, id, &token).await;
    a_reset_or_disabling_ends_the_sessions(&admin, id, &password, &token).await;
    the_last_active_admin_stays_one(&admin, &admin_id).await;
    the_audit_log_names_the_admin(&admin).await;
    let _ = PASSWORD;
}

/// The editor "sari.p" of the first of `bagian` is added, with a password
/// they sign in with; bad names are refused. Their password and session.
async fn an_editor_is_added(db: &TestDb, admin: &App, bagian: &[i32]) -> (String, String) {
    let add = |name: &str| json!({"username": name, "role": "Editor", "bagian": [bagian[0]]});
    let (status, password) = admin.post_json("admin_add_account", add("  Sari.P ")).await;
    assert_eq!(status, StatusCode::OK, "{password}");
    let password = password.as_str().unwrap().to_owned();
    assert_eq!(password.len(), 20);
    let token = sign_in(&admin.base, "sari.p", &password).await.expect("the new user signs in");
    // Refused, naming the rule, and nothing stored.
    let (status, body) = admin.post_json("admin_add_account", add("sari.p")).await;
    assert_eq!((status, body), (StatusCode::UNPROCESSABLE_ENTITY, json!({"Account": "Taken"})));
    let (status, body) = admin.post_json("admin_add_account", add("<b>x</b>")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body, json!({"Account": {"BadUsername": {"min": 3, "max": 64}}}));
    assert_eq!(db.count("app_user").await, 2);
    (password, token)
}

/// Another Bagian, then reviewer: each change of account `id` logged with
/// the admin, and the new role held at once in the session `token`. The
/// admin's own id.
async fn role_changes_are_logged_and_hold_at_once(
    db: &TestDb,
    admin: &App,
    bagian: &[i32],
    id: i32,
    token: &str,
) -> String {
    let (status, _) = admin
        .post_json("admin_update_account", account_update(id, "Editor", bagian.to_vec(), true))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(db.count("user_bagian").await, 2);
    let (status, _) = admin
        .post_json("admin_update_account", account_update(id, "Reviewer", bagian.to_vec(), true))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(db.count("user_bagian").await, 0, "a reviewer edits no Bagian");
    let admin_id = db.text("SELECT id FROM app_user WHERE username = 'admin.uji'").await.unwrap();
    let role_change = db
        .text(&format!(
            "SELECT detail FROM auth_event WHERE kind = 'role_changed' AND actor_id = {admin_id}"
        ))
        .await;
    assert_eq!(role_change.as_deref(), Some("editor → reviewer"));
    // The new role holds at once, in the session the user already has.
    let who = common::client_with(token)
        .get(format!("{}/api/who_am_i", admin.base))
        .send()
        .await
        .unwrap();
    let who: Value = serde_json::from_str(&who.text().await.unwrap()).unwrap();
    assert_eq!(who["role"], "Reviewer");
    admin_id
}

/// A new password for account `id`: the old `password` and the session
/// `token` are over. Disabled: out at once.
async fn a_reset_or_disabling_ends_the_sessions(admin: &App, id: i32, password: &str, token: &str) {
    let (status, fresh) = admin.post_form("admin_reset_password", &[("id", &id.to_string())]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(sign_in(&admin.base, "sari.p", password).await, None);
    let page = common::client_with(token).get(format!("{}/", admin.base)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::SEE_OTHER);
    let token = sign_in(&admin.base, "sari.p", fresh.as_str().unwrap()).await.unwrap();
    // Disabled: out at once.
    let (status, _) = admin
        .post_json("admin_update_account", account_update(id, "Reviewer", vec![], false))
        .await;
    assert_eq!(status, StatusCode::OK);
    let page = common::client_with(&token).get(format!("{}/", admin.base)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::SEE_OTHER);
}

/// The last active admin (`admin_id`) can neither be demoted nor disabled.
async fn the_last_active_admin_stays_one(admin: &App, admin_id: &str) {
    let me: i32 = admin_id.parse().unwrap();
    let demote = json!({"id": me, "role": "Viewer", "bagian": [], "active": true});
    let (status, body) = admin.post_json("admin_update_account", demote).await;
    assert_eq!((status, body), (StatusCode::UNPROCESSABLE_ENTITY, json!({"Account": "LastAdmin"})));
    let disable = json!({"id": me, "role": "Admin", "bagian": [], "active": false});
    assert_eq!(
        admin.post_json("admin_update_account", disable).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

/// The audit log, newest first, with the admin's name.
async fn the_audit_log_names_the_admin(admin: &App) {
    let (status, log) = get(admin, "audit_log").await;
    assert_eq!(status, StatusCode::OK);
    let kinds: Vec<&str> =
        log.as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(
        &kinds[..6],
        [
            "user_disabled",
            "sign_in",
            "sign_in_failed",
            "password_set",
            "bagian_changed",
            "role_changed"
        ]
    );
    assert_eq!(log[0]["actor"], "admin.uji");
    assert_eq!(log[0]["username"], "sari.p");
}

/// Two admins taking each other's role at the same moment: one of them
/// stays admin (the active admins are locked while counted).
#[apply(on_both_databases!)]
async fn two_admins_cannot_demote_each_other_at_once(db: &TestDb) {
    use app::admin::repo::{ChangedBy, update_user};
    for round in 0..5 {
        let (a, b) = (format!("kepala.{round}"), format!("wakil.{round}"));
        common::add_user(db, &a, Role::Admin, &[]).await;
        common::add_user(db, &b, Role::Admin, &[]).await;
        db.exec(&format!(
            "UPDATE app_user SET role = 'viewer' WHERE username NOT IN ('{a}', '{b}')"
        ))
        .await;
        let id = |name: String| async move {
            db.text(&format!("SELECT id FROM app_user WHERE username = '{name}'"))
                .await
                .unwrap()
                .parse::<i32>()
                .unwrap()
        };
        let (a_id, b_id) = (id(a).await, id(b).await);
        let by = ChangedBy::command_line();
        let (first, second) = tokio::join!(
            update_user(&db.db, &by, a_id, Role::Viewer, &[], true),
            update_user(&db.db, &by, b_id, Role::Viewer, &[], true),
        );
        let admins =
            db.text("SELECT COUNT(*) FROM app_user WHERE role = 'admin' AND active").await.unwrap();
        assert_eq!(admins, "1", "round {round}: {first:?} {second:?}");
        assert!(first.is_ok() != second.is_ok(), "round {round}: {first:?} {second:?}");
    }
}
