//! A cell's save: stored, logged and versioned; stale, racing and replayed
//! saves never overwrite; crafted saves meet the rules.
use super::*;

impl App {
    /// POSTs a save as the page's own script would (same origin).
    pub(super) async fn save(
        &self,
        row: &str,
        field: &str,
        expected: &str,
        value: &str,
    ) -> (StatusCode, Value) {
        let form = [("row", row), ("field", field), ("expected", expected), ("value", value)];
        self.post_form("save_cell", &form).await
    }
}

#[apply(on_both_databases!)]
async fn a_saved_cell_is_stored_logged_and_versioned(db: &TestDb) {
    let app = App::start(db).await;
    let (id, old) = first_row(db).await;
    let register_version = db.text("SELECT version FROM register").await.unwrap();
    let (status, body) =
        app.save(&id, "Penyebab", &old, "  Intervensi  pihak <i>ketiga</i> ").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["version"], 2);
    assert_eq!(body["value"], "Intervensi  pihak <i>ketiga</i>");
    let stored = db.text(&format!("SELECT penyebab FROM risk WHERE id = {id}")).await.unwrap();
    assert_eq!(stored, "Intervensi  pihak <i>ketiga</i>");
    let logged = db
        .text(&format!(
            "SELECT old_value || '|' || new_value || '|' || source FROM change_log \
             WHERE risk_id = {id} AND action = 'update'"
        ))
        .await
        .unwrap();
    assert_eq!(logged, format!("{old}|Intervensi  pihak <i>ketiga</i>|web"));
    let who = db
        .text(&format!("SELECT client FROM change_log WHERE risk_id = {id} AND action = 'update'"))
        .await;
    assert_eq!(who.as_deref(), Some("127.0.0.1"), "not signed in: the client's address");
    // A forwarded address is believed only from a trusted proxy (none here):
    // see `refusals.rs` for one configured.
    let proxied = app
        .client
        .post(format!("{}/api/save_cell", app.base))
        .header(header::ORIGIN, &app.base)
        .header("x-forwarded-for", "198.51.100.7, 10.0.0.2")
        .form(&[
            ("row", id.as_str()),
            ("field", "Dampak"),
            (
                "expected",
                &db.text(&format!("SELECT dampak FROM risk WHERE id = {id}")).await.unwrap(),
            ),
            ("value", "Dampak lewat proksi"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(proxied.status(), StatusCode::OK);
    let who = db
        .text(&format!("SELECT client FROM change_log WHERE risk_id = {id} AND field = 'dampak' AND action = 'update'"))
        .await;
    assert_eq!(who.as_deref(), Some("127.0.0.1"));
    let bumped = db.text("SELECT version FROM register").await.unwrap();
    let saves = 2;
    assert_eq!(bumped.parse::<i32>().unwrap(), register_version.parse::<i32>().unwrap() + saves);
    let page = app.client.get(format!("{}/", app.base)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Intervensi  pihak <em>ketiga</em>"));
}

/// A save that started from an older text is refused with the current one:
/// nothing is overwritten.
#[apply(on_both_databases!)]
async fn a_stale_save_gets_the_current_text(db: &TestDb) {
    let app = App::start(db).await;
    let (id, old) = first_row(db).await;
    assert_eq!(app.save(&id, "Penyebab", &old, "Versi Ani").await.0, StatusCode::OK);
    let (status, body) = app.save(&id, "Penyebab", &old, "Versi Budi").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["CellConflict"]["theirs"], "Versi Ani");
    assert_eq!(body["CellConflict"]["field"], "Penyebab");
    let stored = db.text(&format!("SELECT penyebab FROM risk WHERE id = {id}")).await.unwrap();
    assert_eq!(stored, "Versi Ani");
}

/// Eight people save one cell at once, all from the same text: exactly one
/// wins; each other one gets a conflict.
#[apply(on_both_databases!)]
async fn racing_saves_on_one_cell_have_one_winner(db: &TestDb) {
    let app = std::sync::Arc::new(App::start(db).await);
    let (id, old) = first_row(db).await;
    let saves = (0..8).map(|writer| {
        let (app, id, old) = (app.clone(), id.clone(), old.clone());
        tokio::spawn(
            async move { app.save(&id, "Penyebab", &old, &format!("Penulis {writer}")).await },
        )
    });
    let mut statuses = Vec::new();
    for save in saves.collect::<Vec<_>>() {
        statuses.push(save.await.unwrap().0);
    }
    let won = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::CONFLICT).count();
    assert_eq!((won, refused), (1, 7), "{statuses:?}");
    let updates = db
        .text(&format!(
            "SELECT COUNT(*) FROM change_log WHERE risk_id = {id} AND action = 'update'"
        ))
        .await;
    assert_eq!(updates.as_deref(), Some("1"));
}

/// Checked per field: two people editing different cells of one row both succeed.
#[apply(on_both_databases!)]
async fn different_cells_of_one_row_both_save(db: &TestDb) {
    let app = App::start(db).await;
    let (id, penyebab) = first_row(db).await;
    let dampak = db.text(&format!("SELECT dampak FROM risk WHERE id = {id}")).await.unwrap();
    assert_eq!(app.save(&id, "Penyebab", &penyebab, "Penyebab baru").await.0, StatusCode::OK);
    let (status, body) = app.save(&id, "Dampak", &dampak, "Dampak baru").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["version"], 3);
    let both =
        db.text(&format!("SELECT penyebab || '|' || dampak FROM risk WHERE id = {id}")).await;
    assert_eq!(both.as_deref(), Some("Penyebab baru|Dampak baru"));
}

/// The same request twice (a replay, a second tab) is one change; replayed
/// after someone else's save it is a conflict, never an overwrite.
#[apply(on_both_databases!)]
async fn a_replayed_save_never_overwrites(db: &TestDb) {
    let app = App::start(db).await;
    let (id, old) = first_row(db).await;
    assert_eq!(app.save(&id, "Penyebab", &old, "Sekali").await.0, StatusCode::OK);
    let (status, body) = app.save(&id, "Penyebab", &old, "Sekali").await;
    assert_eq!((status, body["version"].clone()), (StatusCode::OK, Value::from(2)));
    assert_eq!(app.save(&id, "Penyebab", "Sekali", "Lain").await.0, StatusCode::OK);
    let (status, _) = app.save(&id, "Penyebab", &old, "Sekali").await;
    assert_eq!(status, StatusCode::CONFLICT);
    let stored = db.text(&format!("SELECT penyebab FROM risk WHERE id = {id}")).await.unwrap();
    assert_eq!(stored, "Lain");
    let updates = db
        .text(&format!(
            "SELECT COUNT(*) FROM change_log WHERE risk_id = {id} AND action = 'update'"
        ))
        .await;
    assert_eq!(updates.as_deref(), Some("2"));
}

/// Crafted calls meet the same rules as the importer, and change nothing.
#[apply(on_both_databases!)]
async fn crafted_saves_meet_the_rules(db: &TestDb) {
    let app = App::start(db).await;
    let (id, old) = first_row(db).await;
    let log = db.count("change_log").await;
    for (value, expected_status) in [
        ("\u{0}", StatusCode::UNPROCESSABLE_ENTITY),
        ("a\u{202E}b", StatusCode::UNPROCESSABLE_ENTITY),
        ("   ", StatusCode::UNPROCESSABLE_ENTITY),
        (&"x".repeat(4_001) as &str, StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let (status, body) = app.save(&id, "Penyebab", &old, value).await;
        assert_eq!(status, expected_status, "{value:.10?}: {body}");
    }
    let (status, body) = app.save(&id, "Code", &old, "BK-999").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["Validation"][0]["field"], "Code");
    assert_eq!(app.save(&id, "Bogus", &old, "x").await.0, StatusCode::BAD_REQUEST);
    assert_eq!(app.save("999999", "Penyebab", &old, "x").await.0, StatusCode::NOT_FOUND);
    assert_eq!(db.count("change_log").await, log);

    let cross_site = app
        .client
        .post(format!("{}/api/save_cell", app.base))
        .header(header::ORIGIN, "https://evil.example")
        .form(&[("row", id.as_str()), ("field", "Penyebab"), ("expected", &old), ("value", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);

    db.exec("UPDATE register SET status = 'ditetapkan'").await;
    let (status, body) = app.save(&id, "Penyebab", &old, "Terlambat").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.get("RegisterFinal").is_some(), "{body}");
    assert_eq!(db.count("change_log").await, log);
}
