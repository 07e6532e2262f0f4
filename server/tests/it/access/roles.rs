//! Every mutating server function allows exactly what each role gives, in
//! the user's own Bagian or not; every response carries the security headers.
use super::*;

/// One call of every mutating server function, aimed at a row or Bagian.
struct Calls {
    register: i32,
    /// Bagian 1 (the editor's) and Bagian 2 (not theirs), each with a row.
    own: (i32, i32),
    other: (i32, i32),
}

impl Calls {
    async fn of(db: &TestDb) -> Self {
        let int = |sql: String| async move { db.text(&sql).await.unwrap().parse::<i32>().unwrap() };
        let register = int("SELECT id FROM register".into()).await;
        let bagian = |n: usize| {
            format!("SELECT bagian_id FROM register_section ORDER BY position LIMIT 1 OFFSET {n}")
        };
        let (own, other) = (int(bagian(0)).await, int(bagian(1)).await);
        let row = |bagian: i32| {
            format!("SELECT MIN(id) FROM risk WHERE bagian_id = {bagian} AND deleted_at IS NULL")
        };
        Self { register, own: (own, int(row(own)).await), other: (other, int(row(other)).await) }
    }

    /// Every mutating call on Bagian `(bagian, row)`: name and answer.
    async fn all(
        &self,
        app: &App,
        db: &TestDb,
        (bagian, row): (i32, i32),
    ) -> Vec<(String, StatusCode)> {
        let name =
            db.text(&format!("SELECT name FROM org_unit WHERE id = {bagian}")).await.unwrap();
        let mut answers = Self::cell_and_note_calls(app, db, row).await;
        answers.extend(self.row_calls(app, db, (bagian, row)).await);
        answers.extend(self.bagian_calls(app, bagian, &name).await);
        answers
    }

    /// The calls on row `row`'s cells and review notes: name and answer.
    async fn cell_and_note_calls(app: &App, db: &TestDb, row: i32) -> Vec<(String, StatusCode)> {
        let penyebab =
            db.text(&format!("SELECT penyebab FROM risk WHERE id = {row}")).await.unwrap();
        let row_s = row.to_string();
        let mut answers = Vec::new();
        let mut note =
            |name: &str, (status, _): (StatusCode, Value)| answers.push((name.to_owned(), status));
        note(
            "save_cell",
            app.post_form(
                "save_cell",
                &[
                    ("row", &row_s),
                    ("field", "Penyebab"),
                    ("expected", &penyebab),
                    ("value", "Diubah"),
                ],
            )
            .await,
        );
        note("presence", app.post_form("presence", &[("row", &row_s), ("editing", "true")]).await);
        note("add_note", app.post_form("add_note", &[("row", &row_s), ("body", "Catatan")]).await);
        db.exec(&format!(
            "INSERT INTO review_note (risk_id, body, created_at) \
             VALUES ({row}, 'Catatan', '2026-11-30T10:00:00+00:00')"
        ))
        .await;
        let id = db.text(&format!("SELECT MAX(id) FROM review_note WHERE risk_id = {row}")).await;
        let form = [("note", id.unwrap()), ("resolved", "true".to_owned())];
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        note("resolve_note", app.post_form("resolve_note", &form).await);
        answers
    }

    /// The calls that add, move and delete rows of Bagian `(bagian, row)`:
    /// name and answer.
    async fn row_calls(
        &self,
        app: &App,
        db: &TestDb,
        (bagian, row): (i32, i32),
    ) -> Vec<(String, StatusCode)> {
        let version = || async move {
            db.text(&format!("SELECT version FROM risk WHERE id = {row}")).await.unwrap()
        };
        let row_s = row.to_string();
        let elsewhere = if bagian == self.own.0 { self.other.0 } else { self.own.0 }.to_string();
        let cells = json!({
            "aktivitas": "A", "potensi": "P", "penyebab": "S", "dampak": "D", "rencana": "R"
        });
        let mut answers = Vec::new();
        let mut note =
            |name: &str, (status, _): (StatusCode, Value)| answers.push((name.to_owned(), status));
        note(
            "add_row below",
            app.post_json(
                "add_row",
                json!({"register": self.register, "bagian": bagian, "after": row, "cells": cells}),
            )
            .await,
        );
        note(
            "add_row at end",
            app.post_json(
                "add_row",
                json!({"register": self.register, "bagian": bagian, "after": null, "cells": cells}),
            )
            .await,
        );
        let now = version().await;
        note(
            "move_row",
            app.post_form("move_row", &[("row", &row_s), ("version", &now), ("up", "false")]).await,
        );
        let now = version().await;
        note(
            "move_row_to",
            app.post_form(
                "move_row_to",
                &[("row", &row_s), ("version", &now), ("bagian", &elsewhere)],
            )
            .await,
        );
        let now = version().await;
        note(
            "delete_row",
            app.post_form("delete_row", &[("row", &row_s), ("version", &now)]).await,
        );
        answers
    }

    /// The calls on Bagian `bagian`, called `name` before them, and the one
    /// that adds a Bagian: name and answer.
    async fn bagian_calls(&self, app: &App, bagian: i32, name: &str) -> Vec<(String, StatusCode)> {
        let (bagian_s, register_s) = (bagian.to_string(), self.register.to_string());
        let mut answers = Vec::new();
        let mut note =
            |name: &str, (status, _): (StatusCode, Value)| answers.push((name.to_owned(), status));
        note(
            "rename_bagian",
            app.post_form(
                "rename_bagian",
                &[
                    ("register", &register_s),
                    ("bagian", &bagian_s),
                    ("expected", name),
                    ("name", "Nama Baru"),
                ],
            )
            .await,
        );
        note(
            "move_bagian",
            app.post_form(
                "move_bagian",
                &[
                    ("register", &register_s),
                    ("bagian", &bagian_s),
                    ("up", "false"),
                    ("neighbour", "0"),
                ],
            )
            .await,
        );
        note(
            "remove_bagian",
            app.post_form("remove_bagian", &[("register", &register_s), ("bagian", &bagian_s)])
                .await,
        );
        note(
            "add_bagian",
            app.post_form("add_bagian", &[("register", &register_s), ("name", "Bagian Baru")])
                .await,
        );
        answers
    }
}

/// Reviewers and viewers change nothing; an editor nothing outside their
/// Bagian; refusals are 403, change nothing, and are logged.
#[apply(on_both_databases!)]
async fn roles_refuse_what_they_do_not_give(db: &TestDb) {
    let admin = App::start(db).await;
    let calls = Calls::of(db).await;
    let editor = admin.as_user(db, "editor.satu", Role::Editor, &[calls.own.0]).await;
    let reviewer = admin.as_user(db, "peninjau", Role::Reviewer, &[]).await;
    let viewer = admin.as_user(db, "pembaca", Role::Viewer, &[]).await;
    let before = (
        db.text("SELECT version FROM register").await,
        db.count("change_log").await,
        db.count("risk").await,
    );
    let mut refused = 0;
    for (who, app, targets) in [
        ("reviewer", &reviewer, vec![calls.own, calls.other]),
        ("viewer", &viewer, vec![calls.own, calls.other]),
        ("editor", &editor, vec![calls.other]),
    ] {
        for target in targets {
            for (call, status) in calls.all(app, db, target).await {
                // A reviewer writes review notes, and nothing else.
                let expected = match (who, call.as_str()) {
                    ("reviewer", "add_note" | "resolve_note") => StatusCode::OK,
                    _ => StatusCode::FORBIDDEN,
                };
                assert_eq!(status, expected, "{who}: {call} on Bagian {}", target.0);
                refused += usize::from(expected == StatusCode::FORBIDDEN);
            }
        }
    }
    // An editor's Bagian tools are refused in their own Bagian too, and a
    // row cannot leave their Bagian for another's.
    let own = calls.all(&editor, db, calls.own).await;
    let expected: Vec<(&str, StatusCode)> = vec![
        ("save_cell", StatusCode::OK),
        ("presence", StatusCode::OK),
        ("add_note", StatusCode::FORBIDDEN),
        ("resolve_note", StatusCode::FORBIDDEN),
        ("add_row below", StatusCode::OK),
        ("add_row at end", StatusCode::OK),
        ("move_row", StatusCode::OK),
        ("move_row_to", StatusCode::FORBIDDEN),
        ("delete_row", StatusCode::OK),
        ("rename_bagian", StatusCode::FORBIDDEN),
        ("move_bagian", StatusCode::FORBIDDEN),
        ("remove_bagian", StatusCode::FORBIDDEN),
        ("add_bagian", StatusCode::FORBIDDEN),
    ];
    let own: Vec<(&str, StatusCode)> =
        own.iter().map(|(call, status)| (call.as_str(), *status)).collect();
    assert_eq!(own, expected);
    refused += 7;
    let logged = db.text("SELECT COUNT(*) FROM auth_event WHERE kind = 'forbidden'").await.unwrap();
    assert_eq!(logged, refused.to_string(), "every refusal is logged");
    let (version, log, rows) = before;
    assert_ne!(db.text("SELECT version FROM register").await, version, "the editor's own changes");
    assert_eq!(db.count("risk").await, rows + 2);
    assert!(db.count("change_log").await > log);
    // Every change carries its author.
    let editor_id =
        db.text("SELECT id FROM app_user WHERE username = 'editor.satu'").await.unwrap();
    let authors = db
        .text(&format!(
            "SELECT COUNT(*) FROM change_log WHERE changed_by = {editor_id} AND source = 'web'"
        ))
        .await
        .unwrap();
    assert!(authors.parse::<i64>().unwrap() >= 4, "{authors}");
    let strangers = db
        .text("SELECT COUNT(*) FROM change_log WHERE source = 'web' AND changed_by IS NULL")
        .await;
    assert_eq!(strangers.as_deref(), Some("0"));
    // A refusal says so in the error encoding.
    let (status, body) =
        viewer.post_form("restore_row", &[("row", &calls.own.1.to_string())]).await;
    assert_eq!((status, body), (StatusCode::FORBIDDEN, Value::String("Forbidden".into())));
}

/// An admin may do everything, in every Bagian.
#[apply(on_both_databases!)]
async fn an_admin_may_do_everything(db: &TestDb) {
    let admin = App::start(db).await;
    let calls = Calls::of(db).await;
    for (call, status) in calls.all(&admin, db, calls.other).await {
        let expected = match call.as_str() {
            // The neighbour named ("0") is not the one there.
            "move_bagian" => StatusCode::CONFLICT,
            // It still has rows.
            "remove_bagian" => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::OK,
        };
        assert_eq!(status, expected, "admin: {call}");
    }
    let forbidden = db.text("SELECT COUNT(*) FROM auth_event WHERE kind = 'forbidden'").await;
    assert_eq!(forbidden.as_deref(), Some("0"));
}

/// Every response carries the security headers; a page's scripts carry the
/// nonce its CSP names, also when the page comes from the cache.
#[apply(on_both_databases!)]
async fn every_response_carries_the_security_headers(db: &TestDb) {
    let app = App::start(db).await;
    let nonce_of = |response: &reqwest::Response| {
        let policy = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        for part in [
            "default-src 'self'",
            "'wasm-unsafe-eval'",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "base-uri 'none'",
        ] {
            assert!(policy.contains(part), "{part}: {policy}");
        }
        let scripts = policy.split(';').find(|d| d.trim().starts_with("script-src")).unwrap();
        assert!(!scripts.contains("unsafe-inline"), "{scripts}");
        assert_eq!(response.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(response.headers()[header::REFERRER_POLICY], "same-origin");
        assert!(response.headers().get(header::STRICT_TRANSPORT_SECURITY).is_none());
        assert!(response.headers().get("x-benturan-nonce").is_none(), "internal");
        let start = scripts.find("'nonce-").unwrap() + "'nonce-".len();
        scripts[start..].split('\'').next().unwrap().to_owned()
    };
    for path in ["/login", "/api/get_register", "/tidak-ada"] {
        let response = app.client.get(format!("{}{path}", app.base)).send().await.unwrap();
        nonce_of(&response);
    }
    let anonymous_page = anonymous().get(format!("{}/", app.base)).send().await.unwrap();
    nonce_of(&anonymous_page);
    let mut nonces = Vec::new();
    for _ in 0..2 {
        // Rendered, then kept: the kept page names the nonce it carries.
        let response = app.client.get(format!("{}/", app.base)).send().await.unwrap();
        let nonce = nonce_of(&response);
        let html = response.text().await.unwrap();
        assert!(html.contains(&format!(r#"nonce="{nonce}""#)), "the scripts carry {nonce}");
        assert!(nonce.len() >= 22, "{nonce}");
        nonces.push(nonce);
    }
    let login = app.client.get(format!("{}/login", app.base)).send().await.unwrap();
    assert_ne!(nonce_of(&login), nonces[0], "a fresh page has a fresh nonce");

    // Served over HTTPS: browsers are told to stay on it.
    let state = db.ready_state().await;
    let public = benturan::security::PublicOrigin::parse(Some("https://benturan.example.go.id"));
    let edge = benturan::Edge { public: public.unwrap(), ..Default::default() };
    let address = common::spawn_router(benturan::router_with(state, edge)).await;
    let response = anonymous().get(format!("http://{address}/login")).send().await.unwrap();
    assert_eq!(
        response.headers()[header::STRICT_TRANSPORT_SECURITY],
        "max-age=31536000; includeSubDomains"
    );
}
