//! Signing in, sessions and roles, over HTTP, on both databases: strangers
//! reach only the sign-in page; a session survives a restart and expires;
//! failed sign-ins are slowed and limited; every mutating server function
//! allows exactly what each role gives, in the user's own Bagian or not.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use app::auth::Role;
use common::{App, PASSWORD, TestDb, anonymous, client_with, sign_in, spawn_server};
use reqwest::{StatusCode, header};
use serde_json::{Value, json};

async fn serve(db: &TestDb) -> String {
    format!("http://{}", spawn_server(db.ready_state().await).await)
}

fn location(response: &reqwest::Response) -> String {
    response.headers()[header::LOCATION].to_str().unwrap().to_owned()
}

async fn strangers_reach_only_the_sign_in_page(db: &TestDb) {
    let base = serve(db).await;
    let client = anonymous();
    let home = client.get(format!("{base}/")).send().await.unwrap();
    assert_eq!((home.status(), location(&home)), (StatusCode::SEE_OTHER, "/login".into()));
    let deep = client.get(format!("{base}/register/1/2026?q=tamu")).send().await.unwrap();
    assert_eq!(location(&deep), "/login?next=%2Fregister%2F1%2F2026%3Fq%3Dtamu");
    for path in ["/api/get_register", "/api/who_am_i", "/api/row_history?row=1"] {
        let response = client.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(response.text().await.unwrap(), r#""Unauthorized""#);
    }
    let id = db.text("SELECT id FROM risk WHERE code = 'BK-001'").await.unwrap();
    let old = db.text(&format!("SELECT penyebab FROM risk WHERE id = {id}")).await.unwrap();
    let save = client
        .post(format!("{base}/api/save_cell"))
        .header(header::ORIGIN, &base)
        .form(&[("row", id.as_str()), ("field", "Penyebab"), ("expected", &old), ("value", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(save.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(db.text(&format!("SELECT penyebab FROM risk WHERE id = {id}")).await.unwrap(), old);
    // A made-up session is no session.
    let forged = client_with("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    let response = forged.get(format!("{base}/api/get_register")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

    let login = client.get(format!("{base}/login")).send().await.unwrap();
    assert_eq!(login.status(), StatusCode::OK);
    let html = login.text().await.unwrap();
    for part in [
        r#"<form method="post" action="/login" class="login-form">"#,
        r#"<label for="login-username">Nama pengguna</label>"#,
        r#"<label for="login-password">Kata sandi</label>"#,
        r#"autocomplete="current-password""#,
    ] {
        assert!(html.contains(part), "{part}");
    }
    assert!(!html.contains("data-row-id"), "no register data on the sign-in page");
}

async fn signing_in_gives_a_new_safe_session(db: &TestDb) {
    let base = serve(db).await;
    common::add_user(db, "ani", Role::Viewer, &[]).await;
    let attempt = |name: &'static str, password: &'static str, cookie: Option<String>| {
        let base = base.clone();
        async move {
            let mut request =
                anonymous().post(format!("{base}/login")).header(header::ORIGIN, &base);
            if let Some(cookie) = cookie {
                request = request.header(header::COOKIE, cookie);
            }
            let form = [("username", name), ("password", password), ("next", "/?q=tamu")];
            request.form(&form).send().await.unwrap()
        }
    };
    // A wrong password and an unknown user: one answer, and no session.
    let wrong = attempt("ani", "bukan kata sandinya", None).await;
    let unknown = attempt("siapa", PASSWORD, None).await;
    for response in [&wrong, &unknown] {
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(response), "/login?galat=invalid&next=%2F%3Fq%3Dtamu");
        assert!(response.headers().get(header::SET_COOKIE).is_none());
    }
    let page = anonymous()
        .get(format!("{base}/login?galat=invalid"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(
        r#"<p role="alert" class="login-notice login-error">Nama pengguna atau kata sandi salah.</p>"#
    ));

    let signed = attempt("  Ani ", PASSWORD, None).await;
    assert_eq!((signed.status(), location(&signed)), (StatusCode::SEE_OTHER, "/?q=tamu".into()));
    let cookie = signed.headers()[header::SET_COOKIE].to_str().unwrap().to_owned();
    for part in ["benturan_session=", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain HTTP here: {cookie}");
    let token = cookie["benturan_session=".len()..].split(';').next().unwrap().to_owned();
    // The database holds the token's hash, never the token.
    let stored = db.text("SELECT token_hash FROM user_session").await.unwrap();
    assert_eq!(stored.len(), 64);
    assert!(!stored.contains(&token));
    assert_eq!(db.count("user_session").await, 1);

    // Signing in again from the same browser: a new session replaces it.
    let again = attempt("ani", PASSWORD, Some(format!("benturan_session={token}"))).await;
    let renewed = again.headers()[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(!renewed.contains(&token), "the session id changes at sign-in");
    assert_eq!(db.count("user_session").await, 1);
    let old = client_with(&token).get(format!("{base}/")).send().await.unwrap();
    assert_eq!(old.status(), StatusCode::SEE_OTHER, "the old session is gone");

    // A signed-in user asking for the sign-in page goes to the register.
    let token = renewed["benturan_session=".len()..].split(';').next().unwrap();
    let login = client_with(token).get(format!("{base}/login")).send().await.unwrap();
    assert_eq!(location(&login), "/");
    let who = client_with(token).get(format!("{base}/api/who_am_i")).send().await.unwrap();
    let who: Value = serde_json::from_str(&who.text().await.unwrap()).unwrap();
    assert_eq!((who["username"].as_str(), who["role"].as_str()), (Some("ani"), Some("Viewer")));
    let kinds =
        db.text("SELECT COUNT(*) FROM auth_event WHERE kind = 'sign_in_failed'").await.unwrap();
    assert_eq!(kinds, "2");
    let signed_in =
        db.text("SELECT COUNT(*) FROM auth_event WHERE kind = 'sign_in'").await.unwrap();
    assert_eq!(signed_in, "2");
}

async fn sessions_survive_a_restart_and_expire(db: &TestDb) {
    let first = serve(db).await;
    common::add_user(db, "budi", Role::Viewer, &[]).await;
    let token = sign_in(&first, "budi", PASSWORD).await.unwrap();
    // Another server on the same database: a restart, or another instance.
    let second = serve(db).await;
    let page = client_with(&token).get(format!("{second}/")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains(r#"data-testid="user-name">budi<"#));

    // Unused for longer than the idle lifetime: over.
    let idle = (app::admin::repo::IDLE_LIFETIME + chrono::Duration::minutes(1)).num_seconds();
    let stale = (chrono::Utc::now() - chrono::Duration::seconds(idle)).to_rfc3339();
    db.exec(&format!("UPDATE user_session SET last_seen_at = '{stale}'")).await;
    let page = client_with(&token).get(format!("{second}/")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::SEE_OTHER);
    assert_eq!(db.count("user_session").await, 0, "an expired session is removed");

    // Past its absolute lifetime, however recently used: over.
    let token = sign_in(&first, "budi", PASSWORD).await.unwrap();
    let past = (chrono::Utc::now() - chrono::Duration::seconds(1)).to_rfc3339();
    db.exec(&format!("UPDATE user_session SET expires_at = '{past}'")).await;
    let page = client_with(&token).get(format!("{first}/api/get_register")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::UNAUTHORIZED);

    // A disabled user is out at once.
    let token = sign_in(&first, "budi", PASSWORD).await.unwrap();
    app::admin::repo::disable_user(&db.db, "budi").await.unwrap();
    let page = client_with(&token).get(format!("{first}/")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::SEE_OTHER);
    assert_eq!(sign_in(&first, "budi", PASSWORD).await, None);
}

async fn signing_out_or_a_new_password_ends_every_session(db: &TestDb) {
    let base = serve(db).await;
    common::add_user(db, "citra", Role::Viewer, &[]).await;
    let (desk, laptop) = (
        sign_in(&base, "citra", PASSWORD).await.unwrap(),
        sign_in(&base, "citra", PASSWORD).await.unwrap(),
    );
    let out = client_with(&desk)
        .post(format!("{base}/logout"))
        .header(header::ORIGIN, &base)
        .send()
        .await
        .unwrap();
    assert_eq!(location(&out), "/login?keluar=1");
    let removal = out.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(
        removal.starts_with("benturan_session=;") && removal.contains("Max-Age=0"),
        "{removal}"
    );
    for token in [&desk, &laptop] {
        let page = client_with(token).get(format!("{base}/")).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::SEE_OTHER);
    }
    let logged = db.text("SELECT COUNT(*) FROM auth_event WHERE kind = 'sign_out'").await;
    assert_eq!(logged.as_deref(), Some("1"));

    let token = sign_in(&base, "citra", PASSWORD).await.unwrap();
    app::admin::repo::set_password(&db.db, "citra", "kata sandi yang baru").await.unwrap();
    let page = client_with(&token).get(format!("{base}/")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::SEE_OTHER);
    assert_eq!(sign_in(&base, "citra", PASSWORD).await, None);
    assert!(sign_in(&base, "citra", "kata sandi yang baru").await.is_some());
}

async fn failed_sign_ins_are_slowed_then_locked(db: &TestDb) {
    use app::admin::repo::{LOCK_AFTER, SLOW_AFTER};
    let base = serve(db).await;
    common::add_user(db, "dewi", Role::Viewer, &[]).await;
    common::add_user(db, "eka", Role::Viewer, &[]).await;
    let mut slowest_before = std::time::Duration::ZERO;
    for attempt in 1..=LOCK_AFTER {
        let started = std::time::Instant::now();
        assert_eq!(sign_in(&base, "dewi", "salah salah salah").await, None);
        let took = started.elapsed();
        if attempt <= SLOW_AFTER {
            slowest_before = slowest_before.max(took);
        } else {
            // Each attempt past the fifth waits longer than the last.
            let wait = app::admin::repo::SLOW_STEP * (attempt - SLOW_AFTER) as u32;
            assert!(took >= wait, "attempt {attempt} took {took:?}, less than {wait:?}");
        }
    }
    // Locked now: the right password too is refused, and said so.
    let response = anonymous()
        .post(format!("{base}/login"))
        .header(header::ORIGIN, &base)
        .form(&[("username", "dewi"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&response), "/login?galat=locked&menit=15");
    assert!(response.headers().get(header::SET_COOKIE).is_none());
    let locked = db.text("SELECT COUNT(*) FROM auth_event WHERE kind = 'sign_in_locked'").await;
    assert_eq!(locked.as_deref(), Some("1"));
    // An unknown name is locked alike (no telling names apart); others are not.
    for _ in 0..LOCK_AFTER {
        assert_eq!(sign_in(&base, "tidak.ada", "salah salah salah").await, None);
    }
    let response = anonymous()
        .post(format!("{base}/login"))
        .header(header::ORIGIN, &base)
        .form(&[("username", "tidak.ada"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&response), "/login?galat=locked&menit=15");
    assert!(sign_in(&base, "eka", PASSWORD).await.is_some());
    // The window passes: the account opens again.
    let earlier = (chrono::Utc::now() - chrono::Duration::minutes(16)).to_rfc3339();
    db.exec(&format!("UPDATE auth_event SET at = '{earlier}' WHERE username = 'dewi'")).await;
    assert!(sign_in(&base, "dewi", PASSWORD).await.is_some());
    let _ = slowest_before;
}

async fn one_address_is_limited(db: &TestDb) {
    let base = serve(db).await;
    common::add_user(db, "fajar", Role::Viewer, &[]).await;
    let mut busy = None;
    for attempt in 0..60 {
        let name = format!("tamu{attempt}");
        let response = anonymous()
            .post(format!("{base}/login"))
            .header(header::ORIGIN, &base)
            .form(&[("username", name.as_str()), ("password", "salah salah salah")])
            .send()
            .await
            .unwrap();
        if location(&response).starts_with("/login?galat=busy") {
            busy = Some(attempt);
            break;
        }
        assert_eq!(location(&response), "/login?galat=invalid");
    }
    // Sign-ins in a row past the burst are refused (a slow machine may
    // have earned a token back meanwhile).
    let burst = benturan::session::ADDRESS_BURST as usize;
    assert!(busy.is_some_and(|at| (burst..burst + 3).contains(&at)), "{busy:?}");
    // Even with the right password, until the address has waited.
    let response = anonymous()
        .post(format!("{base}/login"))
        .header(header::ORIGIN, &base)
        .form(&[("username", "fajar"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(location(&response).starts_with("/login?galat=busy"));
    let page = anonymous()
        .get(format!("{base}/login?galat=busy"))
        .header(header::COOKIE, "benturan_lang=en")
        .send()
        .await
        .unwrap();
    assert!(page.text().await.unwrap().contains("Too many sign-in attempts from this address."));
}

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
        let version = || async move {
            db.text(&format!("SELECT version FROM risk WHERE id = {row}")).await.unwrap()
        };
        let penyebab =
            db.text(&format!("SELECT penyebab FROM risk WHERE id = {row}")).await.unwrap();
        let name =
            db.text(&format!("SELECT name FROM org_unit WHERE id = {bagian}")).await.unwrap();
        let (row_s, bagian_s, register_s) =
            (row.to_string(), bagian.to_string(), self.register.to_string());
        let elsewhere = if bagian == self.own.0 { self.other.0 } else { self.own.0 }.to_string();
        let cells = json!({
            "aktivitas": "A", "potensi": "P", "penyebab": "S", "dampak": "D", "rencana": "R"
        });
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
        note(
            "rename_bagian",
            app.post_form(
                "rename_bagian",
                &[
                    ("register", &register_s),
                    ("bagian", &bagian_s),
                    ("expected", &name),
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

on_both_databases!(
    every_response_carries_the_security_headers,
    strangers_reach_only_the_sign_in_page,
    signing_in_gives_a_new_safe_session,
    sessions_survive_a_restart_and_expire,
    signing_out_or_a_new_password_ends_every_session,
    failed_sign_ins_are_slowed_then_locked,
    one_address_is_limited,
    roles_refuse_what_they_do_not_give,
    an_admin_may_do_everything,
);
