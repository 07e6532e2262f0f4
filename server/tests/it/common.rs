//! Fresh databases for integration tests: a SQLite file or a PostgreSQL
//! database named by a UUID, migrated, and dropped when the test ends (even
//! when it panics).
#![allow(dead_code)]

use app::state::AppState;
use migrations::MigratorTrait;
use reqwest::{StatusCode, header};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::Value;
use std::net::SocketAddr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server the tests may create databases on.
pub fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

pub struct TestDb {
    pub backend: Backend,
    pub url: String,
    pub db: DatabaseConnection,
    name: String,
}

impl TestDb {
    /// A new, empty, migrated database.
    pub async fn new(backend: Backend) -> Self {
        let db = Self::empty(backend).await;
        migrations::Migrator::up(&db.db, None).await.expect("migrate the test database");
        db
    }

    /// A new database with no schema at all.
    pub async fn empty(backend: Backend) -> Self {
        let name = format!("benturan_test_{}", uuid::Uuid::new_v4().simple());
        let url = match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{name}.sqlite"));
                format!("sqlite://{}?mode=rwc", path.display())
            }
            Backend::Postgres => {
                let admin = sea_orm::Database::connect(postgres_admin_url())
                    .await
                    .expect("PostgreSQL must be running for the tests (see README)");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                let admin_url = postgres_admin_url();
                let base = admin_url.rsplit_once('/').map_or(admin_url.as_str(), |(base, _)| base);
                format!("{base}/{name}")
            }
        };
        let db = app::db::connect(&url).await.expect("connect to the test database");
        Self { backend, url, db, name }
    }

    pub async fn count(&self, table: &str) -> i64 {
        let row = self
            .db
            .query_one_raw(Statement::from_string(
                self.db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .expect("count query")
            .expect("a count row");
        row.try_get::<i64>("", "n").expect("count value")
    }

    /// Runs `sql` (one statement or several), panicking with it on error.
    pub async fn exec(&self, sql: &str) {
        self.db.execute_unprepared(sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    /// The first column of the first row of `sql`, as text.
    pub async fn text(&self, sql: &str) -> Option<String> {
        let row = self
            .db
            .query_one_raw(Statement::from_string(self.db.get_database_backend(), sql.to_owned()))
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))?;
        row.try_get_by_index::<Option<String>>(0)
            .or_else(|_| row.try_get_by_index::<Option<i64>>(0).map(|n| n.map(|n| n.to_string())))
            .or_else(|_| row.try_get_by_index::<Option<i32>>(0).map(|n| n.map(|n| n.to_string())))
            .expect("a text or number")
    }

    /// The first row of the first Bagian that has rows: its id (as text, as
    /// forms send it) and its Bagian.
    pub async fn first_row(&self) -> (String, i32) {
        let bagian: i32 =
            self.text("SELECT MIN(bagian_id) FROM risk").await.unwrap().parse().unwrap();
        let row = self.text(&format!("SELECT MIN(id) FROM risk WHERE bagian_id = {bagian}")).await;
        (row.unwrap(), bagian)
    }

    /// An app state over this database, as the server has after start-up.
    pub async fn ready_state(&self) -> AppState {
        benturan::startup::prepare(&self.db, true).await.expect("prepare the database");
        let state = AppState::new(benturan::leptos_options(), self.db.clone());
        state.mark_ready();
        state
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let (backend, name, url) = (self.backend, self.name.clone(), self.url.clone());
        let db = self.db.clone();
        // Drop cannot await: clean up on a thread with its own runtime.
        let cleanup = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
            let Ok(runtime) = runtime else { return };
            runtime.block_on(async move {
                db.close().await.ok();
                match backend {
                    Backend::Sqlite => {
                        let path =
                            url.trim_start_matches("sqlite://").trim_end_matches("?mode=rwc");
                        for suffix in ["", "-wal", "-shm", ".lock"] {
                            std::fs::remove_file(format!("{path}{suffix}")).ok();
                        }
                    }
                    Backend::Postgres => {
                        if let Ok(admin) = sea_orm::Database::connect(postgres_admin_url()).await {
                            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                            admin.execute_unprepared(&sql).await.ok();
                            admin.close().await.ok();
                        }
                    }
                }
            });
        });
        cleanup.join().ok();
    }
}

/// Serves `state` on a free port; returns its address.
pub async fn spawn_server(state: AppState) -> SocketAddr {
    spawn_router(benturan::router(state)).await
}

/// Serves a router on a free port; returns its address.
pub async fn spawn_router(router: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
    let address = listener.local_addr().expect("local address");
    tokio::spawn(async move {
        let app = router.into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, app).await.ok();
    });
    address
}

/// The seed table, parsed.
pub fn seed_table() -> app::import::ParsedTable {
    app::import::parse_table(app::import::SEED_TABLE).expect("seed parses")
}

/// Imports `table` for `year` (not dry).
pub async fn import(
    db: &TestDb,
    table: &app::import::ParsedTable,
    year: i32,
) -> Result<app::import::ImportReport, app::register::write::WriteError> {
    let options = app::import::ImportOptions { year, dry_run: false };
    app::import::import_table(&db.db, table, options).await
}

/// Makes `async fn NAME(db: &TestDb)` two tests, `NAME::sqlite` and
/// `NAME::postgres`, each on a fresh migrated database of its own:
/// `#[apply(on_both_databases!)]` above the function.
#[macro_export]
macro_rules! on_both_databases {
    ($(#[$attr:meta])* $vis:vis async fn $name:ident $($rest:tt)*) => {
        $(#[$attr])* $vis async fn $name $($rest)*

        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::common::TestDb::new($crate::common::Backend::Sqlite).await;
                super::$name(&db).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let db = $crate::common::TestDb::new($crate::common::Backend::Postgres).await;
                super::$name(&db).await;
            }
        }
    };
}

/// A server on a test database, and a client that calls it as the page's
/// own script would (same origin).
pub struct App {
    pub base: String,
    pub client: reqwest::Client,
}

/// The password of every test user.
pub const PASSWORD: &str = "kata sandi uji coba";

/// Adds user `name` with `role` (and for an editor the Bagian they edit).
pub async fn add_user(db: &TestDb, name: &str, role: app::auth::Role, bagian: &[i32]) {
    app::admin::repo::add_user(&db.db, name, role, bagian, PASSWORD)
        .await
        .expect("add a test user");
}

/// A client with no session; it follows no redirect, and gives up on a
/// server that does not answer (a hung test fails instead of waiting).
pub fn anonymous() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .expect("a client")
}

/// Signs `name` in at `base` through the sign-in form; the session token.
pub async fn sign_in(base: &str, name: &str, password: &str) -> Option<String> {
    let response = anonymous()
        .post(format!("{base}/login"))
        .header(header::ORIGIN, base)
        .form(&[("username", name), ("password", password), ("next", "/")])
        .send()
        .await
        .expect("sign-in request");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|cookie| cookie.strip_prefix("benturan_session="))
        .and_then(|rest| rest.split(';').next())
        .map(str::to_owned)
}

/// A client that sends the session `token` with every request.
pub fn client_with(token: &str) -> reqwest::Client {
    let mut headers = header::HeaderMap::new();
    let cookie = format!("benturan_session={token}");
    headers.insert(header::COOKIE, header::HeaderValue::from_str(&cookie).expect("a cookie"));
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .expect("a client")
}

/// A new user `name` with `role`, signed in at `base`: their client.
pub async fn user_client(
    db: &TestDb,
    base: &str,
    name: &str,
    role: app::auth::Role,
    bagian: &[i32],
) -> reqwest::Client {
    add_user(db, name, role, bagian).await;
    let token = sign_in(base, name, PASSWORD).await.expect("signed in");
    client_with(&token)
}

impl App {
    /// A server on `db`, and an admin signed in to it.
    pub async fn start(db: &TestDb) -> Self {
        let base = format!("http://{}", spawn_server(db.ready_state().await).await);
        let client = user_client(db, &base, "admin.uji", app::auth::Role::Admin, &[]).await;
        Self { base, client }
    }

    /// Users who read but may not change the rows of Bagian `bagian`: an
    /// editor of another Bagian, a reviewer and a viewer.
    pub async fn outsiders(&self, db: &TestDb, bagian: i32) -> [App; 3] {
        let sql = format!("SELECT MAX(bagian_id) FROM risk WHERE bagian_id <> {bagian}");
        let other: i32 = db.text(&sql).await.unwrap().parse().unwrap();
        [
            self.as_user(db, "luar", app::auth::Role::Editor, &[other]).await,
            self.as_user(db, "inspektorat", app::auth::Role::Reviewer, &[]).await,
            self.as_user(db, "pimpinan", app::auth::Role::Viewer, &[]).await,
        ]
    }

    /// Another user of the same server: `role`, and the Bagian they edit.
    pub async fn as_user(
        &self,
        db: &TestDb,
        name: &str,
        role: app::auth::Role,
        bagian: &[i32],
    ) -> Self {
        let client = user_client(db, &self.base, name, role, bagian).await;
        Self { base: self.base.clone(), client }
    }

    pub async fn post_json(&self, endpoint: &str, body: Value) -> (StatusCode, Value) {
        let response = self
            .client
            .post(format!("{}/api/{endpoint}", self.base))
            .header(header::ORIGIN, &self.base)
            .header(header::CONTENT_TYPE, "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    /// Saves an assessment field of `row` (of a quarter's realisation when
    /// `quarter` is not empty) from `expected` to `value`.
    pub async fn save_assessment(
        &self,
        row: &str,
        quarter: &str,
        field: &str,
        expected: &str,
        value: &str,
    ) -> (StatusCode, Value) {
        let form = [
            ("row", row),
            ("field", field),
            ("quarter", quarter),
            ("expected", expected),
            ("value", value),
        ];
        self.post_form("save_assessment", &form).await
    }

    /// The status a POST to `path` declaring a body of `length` bytes gets
    /// before sending any of it: the server must refuse an oversized body on
    /// its declared length (a client still writing would otherwise see the
    /// connection closed under it, which tells a test nothing).
    pub async fn declared_post(&self, path: &str, length: usize) -> u16 {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let host = self.base.trim_start_matches("http://");
        let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: {host}\r\nOrigin: {}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: {length}\r\n\r\n",
            self.base
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut answer = [0u8; 64];
        let read = stream.read(&mut answer).await.unwrap();
        let line = String::from_utf8_lossy(&answer[..read]);
        line.split(' ').nth(1).and_then(|code| code.parse().ok()).expect("an HTTP status line")
    }

    pub async fn post_form(&self, endpoint: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
        let response = self
            .client
            .post(format!("{}/api/{endpoint}", self.base))
            .header(header::ORIGIN, &self.base)
            .form(form)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    /// GETs a server function's answer, which must be a success.
    /// Row `row` as the register shows it to this client.
    pub async fn register_row(&self, row: &str) -> Value {
        let register = self.get("get_register").await;
        let rows = register["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|section| section["rows"].as_array().unwrap().to_vec());
        let mut rows = rows.into_iter();
        rows.find(|r| r["id"].as_i64().unwrap().to_string() == row).unwrap()
    }

    pub async fn get(&self, endpoint_and_query: &str) -> Value {
        let response = self
            .client
            .get(format!("{}/api/{endpoint_and_query}", self.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{endpoint_and_query}");
        serde_json::from_str(&response.text().await.unwrap()).unwrap()
    }
}
