//! Hostile calls get one shape of refusal on both databases: a text that
//! breaks a rule is a 422 naming its field, the rule and the limit, wherever
//! it sits (the `expected` of a save included); a form that is not UTF-8
//! once decoded is a 400; nothing is stored. And the audit log believes a
//! forwarded address only from a trusted proxy.
use crate::common;
use macro_rules_attribute::apply;

use common::{App, PASSWORD, TestDb, anonymous};
use reqwest::{StatusCode, header};
use serde_json::{Value, json};

const NUL: &str = "teks\u{0}sisip";

/// One mutating call: its endpoint, its arguments, and which are texts.
struct Call {
    endpoint: &'static str,
    json: bool,
    args: Value,
    texts: Vec<&'static str>,
}

impl Call {
    fn form(endpoint: &'static str, args: Value, texts: &[&'static str]) -> Self {
        Self { endpoint, json: false, args, texts: texts.to_vec() }
    }

    fn json(endpoint: &'static str, args: Value, texts: &[&'static str]) -> Self {
        Self { endpoint, json: true, args, texts: texts.to_vec() }
    }

    /// The call with `text` (a path of keys, "cells.dampak") set to `value`.
    async fn send(&self, app: &App, text: &str, value: &str) -> (StatusCode, Value) {
        let mut args = self.args.clone();
        let mut slot = &mut args;
        for key in text.split('.') {
            slot = &mut slot[key];
        }
        *slot = Value::String(value.to_owned());
        if self.json {
            return app.post_json(self.endpoint, args).await;
        }
        let form: Vec<(String, String)> = args
            .as_object()
            .unwrap()
            .iter()
            .map(|(key, value)| {
                let value = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
                (key.clone(), value)
            })
            .collect();
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        app.post_form(self.endpoint, &form).await
    }
}

async fn every_call(db: &TestDb) -> Vec<Call> {
    let row = db.text("SELECT id FROM risk WHERE code = 'BK-001'").await.unwrap();
    let penyebab = db.text(&format!("SELECT penyebab FROM risk WHERE id = {row}")).await.unwrap();
    let (register, bagian) = (
        db.text("SELECT id FROM register").await.unwrap(),
        db.text(&format!("SELECT bagian_id FROM risk WHERE id = {row}")).await.unwrap(),
    );
    let bagian_name = db.text(&format!("SELECT name FROM org_unit WHERE id = {bagian}")).await;
    let source = db.text("SELECT MIN(id) FROM conflict_source").await.unwrap();
    let sql = format!("SELECT name FROM conflict_source WHERE id = {source}");
    let source_name = db.text(&sql).await.unwrap();
    let cells = json!({
        "aktivitas": "Baris baru", "potensi": "Risiko", "penyebab": "Sebab",
        "dampak": "Akibat", "rencana": "Rencana",
    });
    vec![
        Call::form(
            "save_cell",
            json!({"row": row, "field": "Penyebab", "expected": penyebab, "value": "Teks baru"}),
            &["expected", "value"],
        ),
        Call::form(
            "save_assessment",
            json!({"row": row, "field": "Jabatan", "quarter": "", "expected": "", "value": "Kasubbag"}),
            &["expected", "value"],
        ),
        Call::form(
            "save_assessment",
            json!({"row": row, "field": "RealisationDone", "quarter": "1", "expected": "", "value": "Rapat"}),
            &["expected", "value"],
        ),
        Call::json(
            "add_row",
            json!({"register": register.parse::<i32>().unwrap(), "bagian": bagian.parse::<i32>().unwrap(), "after": null, "cells": cells}),
            &[
                "cells.aktivitas",
                "cells.potensi",
                "cells.penyebab",
                "cells.dampak",
                "cells.rencana",
            ],
        ),
        Call::form("add_bagian", json!({"register": register, "name": "Bagian Baru"}), &["name"]),
        Call::form(
            "rename_bagian",
            json!({"register": register, "bagian": bagian, "expected": bagian_name, "name": "Nama Lain"}),
            &["expected", "name"],
        ),
        Call::form("add_note", json!({"row": row, "body": "Catatan"}), &["body"]),
        Call::form("add_conflict_source", json!({"name": "Sumber baru"}), &["name"]),
        Call::form(
            "rename_conflict_source",
            json!({"id": source, "expected": source_name, "name": "Sumber lain"}),
            &["expected", "name"],
        ),
        Call::json(
            "admin_add_account",
            json!({"username": "pengguna.baru", "role": "Viewer", "bagian": []}),
            &["username"],
        ),
    ]
}

/// What the database holds that a refused call must leave alone.
async fn snapshot(db: &TestDb) -> Vec<Option<String>> {
    let mut seen = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM change_log",
        "SELECT COUNT(*) FROM risk",
        "SELECT COUNT(*) FROM org_unit",
        "SELECT COUNT(*) FROM review_note",
        "SELECT COUNT(*) FROM conflict_source",
        "SELECT COUNT(*) FROM app_user",
        "SELECT version FROM register",
    ] {
        seen.push(db.text(sql).await);
    }
    seen
}

/// A NUL in any text argument of any mutating server function: 422 naming
/// the field and the rule (an account name: the account rule), never a 5xx,
/// nothing changed. The sign-in form and the language switch too.
#[apply(on_both_databases!)]
async fn a_nul_anywhere_is_refused_naming_its_field(db: &TestDb) {
    let app = App::start(db).await;
    let before = snapshot(db).await;
    for call in every_call(db).await {
        for text in &call.texts {
            let (status, body) = call.send(&app, text, NUL).await;
            let what = format!("{} {text}: {status} {body}", call.endpoint);
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{what}");
            if call.endpoint == "admin_add_account" {
                assert!(body["Account"]["BadUsername"]["max"].is_number(), "{what}");
                continue;
            }
            let refusal = &body["Validation"][0];
            assert!(refusal["field"].is_string(), "{what}");
            let control = &refusal["problem"]["ControlCharacter"];
            assert_eq!(
                (control["code_point"].as_i64(), control["position"].as_i64()),
                (Some(0), Some(5)),
                "{what}"
            );
        }
    }
    assert_eq!(snapshot(db).await, before, "nothing changed");
    let (status, _) = app.post_form("set_language", &[("lang", NUL)]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "an unknown language is a malformed call");
    let login = anonymous()
        .post(format!("{}/login", app.base))
        .header(header::ORIGIN, &app.base)
        .form(&[("username", NUL), ("password", NUL)])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
    assert_eq!(login.headers()[header::LOCATION], "/login?galat=invalid");
}

/// A cell's refusal has the shape of every other: the field and the limit.
#[apply(on_both_databases!)]
async fn a_bad_cell_names_its_field_and_limit(db: &TestDb) {
    let app = App::start(db).await;
    let row = db.text("SELECT id FROM risk WHERE code = 'BK-001'").await.unwrap();
    let old = db.text(&format!("SELECT dampak FROM risk WHERE id = {row}")).await.unwrap();
    let long_word = "a".repeat(4_001);
    for (value, problem) in [
        ("ok\u{7}", json!({"ControlCharacter": {"code_point": 7, "position": 3}})),
        (long_word.as_str(), json!({"TooLong": {"limit": 4000}})),
        (" \u{200B} ", json!("Required")),
        ("a\u{202E}b", json!({"ControlCharacter": {"code_point": 0x202E, "position": 2}})),
    ] {
        let form =
            [("row", row.as_str()), ("field", "Dampak"), ("expected", &old), ("value", value)];
        let (status, body) = app.post_form("save_cell", &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body, json!({"Validation": [{"field": "Dampak", "problem": problem}]}));
    }
    let cells = json!({"aktivitas": "", "potensi": "x", "penyebab": "y\u{1b}", "dampak": "z", "rencana": "r"});
    let register: i32 = db.text("SELECT id FROM register").await.unwrap().parse().unwrap();
    let bagian: i32 = db
        .text(&format!("SELECT bagian_id FROM risk WHERE id = {row}"))
        .await
        .unwrap()
        .parse()
        .unwrap();
    let (status, body) = app
        .post_json(
            "add_row",
            json!({"register": register, "bagian": bagian, "after": null, "cells": cells}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body,
        json!({"Validation": [
            {"field": "Aktivitas", "problem": "Required"},
            {"field": "Penyebab", "problem": {"ControlCharacter": {"code_point": 27, "position": 2}}},
        ]}),
        "every cell's refusal at once"
    );
    let stored = db.text(&format!("SELECT dampak FROM risk WHERE id = {row}")).await.unwrap();
    assert_eq!(stored, old);
}

/// `value=ok%ff%fe`: 400 naming the argument, nothing stored; also in a
/// server function's query and in the sign-in form.
#[apply(on_both_databases!)]
async fn percent_encoded_invalid_utf8_is_refused(db: &TestDb) {
    let app = App::start(db).await;
    let row = db.text("SELECT id FROM risk WHERE code = 'BK-001'").await.unwrap();
    let old = db.text(&format!("SELECT dampak FROM risk WHERE id = {row}")).await.unwrap();
    let before = snapshot(db).await;
    let expected: String = form_urlencoded::byte_serialize(old.as_bytes()).collect();
    let body = format!("row={row}&field=Dampak&expected={expected}&value=ok%ff%fe");
    let response = app
        .client
        .post(format!("{}/api/save_cell", app.base))
        .header(header::ORIGIN, &app.base)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let refusal: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert!(refusal["BadRequest"].as_str().unwrap().starts_with("value:"), "{refusal}");
    assert_eq!(snapshot(db).await, before);
    let query = app.client.get(format!("{}/api/row_history?row=%ff", app.base)).send().await;
    assert_eq!(query.unwrap().status(), StatusCode::BAD_REQUEST);
    let login = anonymous()
        .post(format!("{}/login", app.base))
        .header(header::ORIGIN, &app.base)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("username=admin.uji%ff&password=x")
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::BAD_REQUEST);
    // Well-formed text still passes, escapes and all.
    let value = "ok é+ü %";
    let form = [("row", row.as_str()), ("field", "Dampak"), ("expected", &old), ("value", value)];
    let (status, saved) = app.post_form("save_cell", &form).await;
    assert_eq!((status, saved["value"].as_str()), (StatusCode::OK, Some(value)));
}

/// Signs in at `base` as a user added to `db`, claiming to come from `forwarded`.
async fn sign_in_from(base: &str, name: &str, forwarded: &str) -> reqwest::Response {
    anonymous()
        .post(format!("{base}/login"))
        .header(header::ORIGIN, base)
        .header("x-forwarded-for", forwarded)
        .form(&[("username", name), ("password", PASSWORD)])
        .send()
        .await
        .unwrap()
}

/// Without a trusted proxy a client's `X-Forwarded-For` is ignored by the
/// audit log and by the per-address limit; from a trusted one it names the
/// client, and the limit counts each client apart.
#[apply(on_both_databases!)]
async fn forwarded_addresses_only_from_trusted_proxies(db: &TestDb) {
    let direct = format!("http://{}", common::spawn_server(db.ready_state().await).await);
    common::add_user(db, "tamu.proksi", app::auth::Role::Viewer, &[]).await;
    let signed = sign_in_from(&direct, "tamu.proksi", "10.9.9.9").await;
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    let logged = "SELECT client FROM auth_event WHERE kind = 'sign_in' ORDER BY id DESC";
    assert_eq!(db.text(logged).await.as_deref(), Some("127.0.0.1"));
    // Inventing a new address per try does not escape the limit.
    let burst = benturan::session::ADDRESS_BURST as usize;
    let mut busy = None;
    for attempt in 0..burst + 10 {
        let response =
            sign_in_from(&direct, &format!("tamu{attempt}"), &format!("10.0.0.{attempt}")).await;
        if response.headers()[header::LOCATION].to_str().unwrap().starts_with("/login?galat=busy") {
            busy = Some(attempt);
            break;
        }
    }
    assert!(busy.is_some_and(|at| at < burst + 3), "{busy:?}");

    let proxies = benturan::client::TrustedProxies::parse(Some("127.0.0.1")).unwrap();
    let edge = benturan::Edge { proxies, ..Default::default() };
    let router = benturan::router_with(db.ready_state().await, edge);
    let proxied = format!("http://{}", common::spawn_router(router).await);
    let signed = sign_in_from(&proxied, "tamu.proksi", "198.51.100.7").await;
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    assert_eq!(db.text(logged).await.as_deref(), Some("198.51.100.7 via 127.0.0.1"));
    // One client spends its budget; another behind the same proxy still signs in.
    let mut spent = false;
    for attempt in 0..burst + 10 {
        let response = sign_in_from(&proxied, &format!("lain{attempt}"), "198.51.100.8").await;
        if response.headers()[header::LOCATION].to_str().unwrap().starts_with("/login?galat=busy") {
            spent = true;
            break;
        }
    }
    assert!(spent, "the client's own budget is spent");
    let other = sign_in_from(&proxied, "tamu.proksi", "198.51.100.9").await;
    assert_eq!(other.headers()[header::LOCATION], "/");
}
