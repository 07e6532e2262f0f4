//! Rows added, deleted, restored and moved (within and across Bagian), their
//! rules, and the history that lists and restores values.
use super::*;

impl App {
    /// The codes of the first Bagian's live rows, in printed order.
    async fn first_bagian_codes(&self) -> Vec<String> {
        let body = self.client.get(format!("{}/api/get_register", self.base)).send().await.unwrap();
        let json: Value = serde_json::from_str(&body.text().await.unwrap()).unwrap();
        json["sections"][0]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row["code"].as_str().unwrap().to_owned())
            .collect()
    }
}

fn cells(activity: &str) -> Value {
    serde_json::json!({
        "aktivitas": activity, "potensi": "Potensi", "penyebab": "Penyebab",
        "dampak": "Dampak", "rencana": "Rencana"
    })
}

/// Rows are added below a given row or at the end of a Bagian, deleted
/// softly, and brought back to their place; each change is in the history.
#[apply(on_both_databases!)]
async fn rows_are_added_deleted_and_restored(db: &TestDb) {
    let app = App::start(db).await;
    let register: i32 = db.text("SELECT id FROM register").await.unwrap().parse().unwrap();
    let bk1: i32 =
        db.text("SELECT id FROM risk WHERE code = 'BK-001'").await.unwrap().parse().unwrap();
    let bagian: i32 =
        db.text("SELECT bagian_id FROM risk WHERE code = 'BK-001'").await.unwrap().parse().unwrap();
    let version = db.text("SELECT version FROM register").await.unwrap().parse::<i32>().unwrap();

    let (status, added) = app
        .post_json("add_row", serde_json::json!({
            "register": register, "bagian": bagian, "after": bk1, "cells": cells("Baris sisipan")
        }))
        .await;
    assert_eq!(status, StatusCode::OK, "{added}");
    assert_eq!(added["code"], "BK-014");
    let (status, at_end) = app
        .post_json(
            "add_row",
            serde_json::json!({
                "register": register, "bagian": bagian, "after": null, "cells": cells("Baris akhir")
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{at_end}");
    assert_eq!(
        app.first_bagian_codes().await,
        ["BK-001", "BK-014", "BK-002", "BK-003", "BK-004", "BK-015"]
    );

    let bk2 = db.text("SELECT id || ',' || version FROM risk WHERE code = 'BK-002'").await.unwrap();
    let (bk2, bk2_version) = bk2.split_once(',').unwrap();
    let (status, body) = app.post_form("delete_row", &[("row", bk2), ("version", "0")]).await;
    assert_eq!(status, StatusCode::CONFLICT, "a stale version deletes nothing: {body}");
    let (status, body) =
        app.post_form("delete_row", &[("row", bk2), ("version", bk2_version)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(app.first_bagian_codes().await, ["BK-001", "BK-014", "BK-003", "BK-004", "BK-015"]);
    let page = app.client.get(format!("{}/", app.base)).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains("Perencanaan Kepegawain<"), "a deleted row is not shown");

    let (status, body) = app.post_form("restore_row", &[("row", bk2)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        app.first_bagian_codes().await,
        ["BK-001", "BK-014", "BK-002", "BK-003", "BK-004", "BK-015"],
        "back in its place"
    );
    let (status, _) = app.post_form("restore_row", &[("row", bk2)]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a live row cannot be restored");

    let actions = db
        .text(
            "SELECT COUNT(*) FROM change_log WHERE action IN ('create', 'delete', 'restore') \
             AND risk_id IN (SELECT id FROM risk WHERE code IN ('BK-014', 'BK-015', 'BK-002')) \
             AND source = 'web'",
        )
        .await;
    assert_eq!(actions.as_deref(), Some("4"), "2 rows created, 1 delete, 1 restore");
    let after = db.text("SELECT version FROM register").await.unwrap().parse::<i32>().unwrap();
    assert_eq!(after, version + 4, "each change bumps the register's version");
}

/// A row moves one place up or down within its Bagian, at the version seen;
/// at the top already, nothing changes.
#[apply(on_both_databases!)]
async fn rows_move_up_and_down(db: &TestDb) {
    let app = App::start(db).await;
    let bk2 = db.text("SELECT id FROM risk WHERE code = 'BK-002'").await.unwrap();
    let (status, body) =
        app.post_form("move_row", &[("row", &bk2), ("version", "1"), ("up", "true")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, 2);
    assert_eq!(app.first_bagian_codes().await, ["BK-002", "BK-001", "BK-003", "BK-004"]);
    let (status, _) =
        app.post_form("move_row", &[("row", &bk2), ("version", "1"), ("up", "false")]).await;
    assert_eq!(status, StatusCode::CONFLICT, "a stale version moves nothing");
    let (status, body) =
        app.post_form("move_row", &[("row", &bk2), ("version", "2"), ("up", "true")]).await;
    assert_eq!((status, body), (StatusCode::OK, Value::from(2)), "at the top already");
    let (status, _) =
        app.post_form("move_row", &[("row", &bk2), ("version", "2"), ("up", "false")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.first_bagian_codes().await, ["BK-001", "BK-002", "BK-003", "BK-004"]);
    let moves = db
        .text(&format!("SELECT COUNT(*) FROM change_log WHERE risk_id = {bk2} AND action = 'move'"))
        .await;
    assert_eq!(moves.as_deref(), Some("2"));
}

/// New rows meet the cell rules; a Bagian of another unit is not found; a
/// final register refuses every change.
#[apply(on_both_databases!)]
async fn row_changes_meet_the_rules(db: &TestDb) {
    let app = App::start(db).await;
    let register: i32 = db.text("SELECT id FROM register").await.unwrap().parse().unwrap();
    let bagian: i32 =
        db.text("SELECT bagian_id FROM risk WHERE code = 'BK-001'").await.unwrap().parse().unwrap();
    let rows = db.count("risk").await;
    let (status, _) = app
        .post_json(
            "add_row",
            serde_json::json!({
                "register": register, "bagian": bagian, "after": null, "cells": cells("\u{0}")
            }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let biro: i32 = db.text("SELECT unit_id FROM register").await.unwrap().parse().unwrap();
    let (status, _) = app
        .post_json(
            "add_row",
            serde_json::json!({
                "register": register, "bagian": biro, "after": null, "cells": cells("Salah tempat")
            }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the Biro itself is not one of its Bagian");
    db.exec("UPDATE register SET status = 'ditetapkan'").await;
    let (status, body) = app
        .post_json(
            "add_row",
            serde_json::json!({
                "register": register, "bagian": bagian, "after": null, "cells": cells("Terlambat")
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.get("RegisterFinal").is_some(), "{body}");
    let bk1 = db.text("SELECT id FROM risk WHERE code = 'BK-001'").await.unwrap();
    let (status, _) = app.post_form("delete_row", &[("row", &bk1), ("version", "1")]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(db.count("risk").await, rows);
    assert_eq!(
        db.text("SELECT COUNT(*) FROM risk WHERE deleted_at IS NOT NULL").await.unwrap(),
        "0"
    );
}

/// A row's history lists every change, newest first, with who and what; an
/// earlier value is put back by a save that names the current one; deleted
/// rows are listed until restored.
#[apply(on_both_databases!)]
async fn history_lists_changes_and_restores_values(db: &TestDb) {
    let app = App::start(db).await;
    let (id, original) = first_row(db).await;
    assert_eq!(app.save(&id, "Penyebab", &original, "Versi A").await.0, StatusCode::OK);
    assert_eq!(app.save(&id, "Penyebab", "Versi A", "Versi <i>B</i>").await.0, StatusCode::OK);
    let (status, _) =
        app.post_form("move_row", &[("row", &id), ("version", "3"), ("up", "false")]).await;
    assert_eq!(status, StatusCode::OK);

    let history = app.get(&format!("row_history?row={id}")).await;
    let changes = history["changes"].as_array().unwrap();
    let actions: Vec<&str> = changes.iter().map(|c| c["action"].as_str().unwrap()).collect();
    assert_eq!(
        actions,
        ["Move", "Update", "Update", "Create"],
        "newest first; the import created the row"
    );
    assert_eq!(changes[1]["field"], "Penyebab");
    assert_eq!(changes[1]["old"], "Versi A");
    assert_eq!(changes[1]["new"], "Versi <i>B</i>");
    // Who, by name, and from where.
    let author = &changes[1]["author"]["User"];
    assert_eq!(
        (author["name"].as_str(), author["client"].as_str()),
        (Some("admin.uji"), Some("127.0.0.1"))
    );
    assert_eq!(changes[2]["old"].as_str(), Some(original.as_str()));
    assert_eq!(changes[0]["column"], "position");
    assert_eq!(changes[3]["author"], "Import");
    assert_eq!(history["cells"][2], "Versi <i>B</i>", "the current text, the basis of a restore");
    assert_eq!(history["version"], 4);

    // Putting back the first value is a save from the current one.
    let (status, body) = app.save(&id, "Penyebab", "Versi A", &original).await;
    assert_eq!(status, StatusCode::CONFLICT, "a stale basis restores nothing: {body}");
    let (status, body) = app.save(&id, "Penyebab", "Versi <i>B</i>", &original).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let history = app.get(&format!("row_history?row={id}")).await;
    assert_eq!(history["changes"][0]["new"].as_str(), Some(original.as_str()));
    assert_eq!(history["changes"].as_array().unwrap().len(), 5, "the restore is a change too");

    // Deleted rows are listed, newest first, until restored.
    let register = db.text("SELECT id FROM register").await.unwrap();
    assert_eq!(app.get(&format!("deleted_rows?register={register}")).await, Value::Array(vec![]));
    for code in ["BK-003", "BK-007"] {
        let row = db
            .text(&format!("SELECT id || ',' || version FROM risk WHERE code = '{code}'"))
            .await
            .unwrap();
        let (row, version) = row.split_once(',').unwrap();
        let (status, _) = app.post_form("delete_row", &[("row", row), ("version", version)]).await;
        assert_eq!(status, StatusCode::OK);
    }
    let deleted = app.get(&format!("deleted_rows?register={register}")).await;
    let codes: Vec<&str> =
        deleted.as_array().unwrap().iter().map(|row| row["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["BK-007", "BK-003"]);
    assert_eq!(deleted[0]["bagian"], "Bagian Protokol");
    assert!(deleted[0]["deleted_at"].is_string());
    let bk7 = deleted[0]["id"].to_string();
    let (status, _) = app.post_form("restore_row", &[("row", &bk7)]).await;
    assert_eq!(status, StatusCode::OK);
    let deleted = app.get(&format!("deleted_rows?register={register}")).await;
    assert_eq!(deleted.as_array().unwrap().len(), 1);
    let history = app.get(&format!("row_history?row={bk7}")).await;
    assert_eq!(history["changes"][0]["action"], "Restore");
    assert_eq!(history["changes"][1]["action"], "Delete");
    assert_eq!(history["deleted"], false);

    let missing = app.client.get(format!("{}/api/row_history?row=999999", app.base)).send().await;
    assert_eq!(missing.unwrap().status(), StatusCode::NOT_FOUND);
    let malformed = app.client.get(format!("{}/api/row_history?row=x", app.base)).send().await;
    assert_eq!(malformed.unwrap().status(), StatusCode::BAD_REQUEST);
}

/// A row moves to the end of another Bagian, at the version seen; the move
/// is logged from one Bagian to the other, and the rowspans follow.
#[apply(on_both_databases!)]
async fn rows_move_to_another_bagian(db: &TestDb) {
    let app = App::start(db).await;
    let bk1 = db.text("SELECT id FROM risk WHERE code = 'BK-001'").await.unwrap();
    let protokol = db.text("SELECT bagian_id FROM risk WHERE code = 'BK-005'").await.unwrap();
    let own = db.text("SELECT bagian_id FROM risk WHERE code = 'BK-001'").await.unwrap();
    let biro = db.text("SELECT unit_id FROM register").await.unwrap();
    let log = db.count("change_log").await;
    for (version, bagian, expected) in [
        ("1", &biro, StatusCode::NOT_FOUND),
        ("0", &protokol, StatusCode::CONFLICT),
        ("1", &own, StatusCode::OK),
    ] {
        let form = [("row", bk1.as_str()), ("version", version), ("bagian", bagian.as_str())];
        let (status, body) = app.post_form("move_row_to", &form).await;
        assert_eq!(status, expected, "{form:?}: {body}");
    }
    assert_eq!(db.count("change_log").await, log, "refused or no-op moves log nothing");

    let (status, body) = app
        .post_form("move_row_to", &[("row", &bk1), ("version", "1"), ("bagian", &protokol)])
        .await;
    assert_eq!((status, body), (StatusCode::OK, Value::from(2)));
    let register = app.get("get_register").await;
    let codes = |index: usize| -> Vec<String> {
        register["sections"][index]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row["code"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(codes(0), ["BK-002", "BK-003", "BK-004"]);
    assert_eq!(codes(1), ["BK-005", "BK-006", "BK-007", "BK-008", "BK-001"]);
    let moved = db
        .text(&format!(
            "SELECT old_value || ' > ' || new_value FROM change_log \
             WHERE risk_id = {bk1} AND action = 'move' AND field = 'bagian'"
        ))
        .await;
    assert_eq!(moved.as_deref(), Some("Bagian Perencanaan & Kepegawain > Bagian Protokol"));
    let page = app.client.get(format!("{}/", app.base)).send().await.unwrap().text().await.unwrap();
    for (number, span) in [(1, 3), (2, 5), (3, 5)] {
        let cell = format!(r#"<td rowspan="{span}" class="cell-no">{number}</td>"#);
        assert!(page.contains(&cell), "{cell}");
    }
    // And back: to the end of its first Bagian.
    let (status, _) =
        app.post_form("move_row_to", &[("row", &bk1), ("version", "2"), ("bagian", &own)]).await;
    assert_eq!(status, StatusCode::OK);
    let register = app.get("get_register").await;
    assert_eq!(register["sections"][0]["rows"][3]["code"], "BK-001");
}
