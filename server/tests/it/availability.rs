//! Honest errors: a malformed call is a 400, a database that is briefly
//! unavailable is a 503 with `Retry-After`, and pages are 200 again as soon
//! as it is back. Against real SQLite and PostgreSQL servers.
use crate::common;
use macro_rules_attribute::apply;

use crate::health::health;
use common::{Backend, TestDb, spawn_server};
use reqwest::{StatusCode, header};
use sea_orm::{ConnectionTrait, TransactionTrait};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::AbortHandle;

/// A server on `db`, and the session cookie of an admin signed in to it.
async fn serve(db: &TestDb) -> (String, String) {
    let base = format!("http://{}", spawn_server(db.ready_state().await).await);
    let cookie = signed_in(db, &base).await;
    (base, cookie)
}

async fn signed_in(db: &TestDb, base: &str) -> String {
    common::add_user(db, "admin.uji", app::auth::Role::Admin, &[]).await;
    let token = common::sign_in(base, "admin.uji", common::PASSWORD).await.expect("signed in");
    format!("benturan_session={token}")
}

/// A session cookie no database knows: checking it needs the database.
const SOME_SESSION: &str = "benturan_session=belum-diperiksa";

#[apply(on_both_databases!)]
async fn a_malformed_call_is_a_400(db: &TestDb) {
    let (base, cookie) = serve(db).await;
    let response = common::anonymous()
        .get(format!("{base}/api/get_register?year=abc"))
        .header(header::COOKIE, cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body = response.text().await.unwrap();
    assert!(body.contains("BadRequest"), "{body}");

    let client = reqwest::Client::new();
    let not_utf8 = client
        .post(format!("{base}/api/set_language"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(b"lang=\xff\xfe".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(not_utf8.status(), StatusCode::BAD_REQUEST);

    let unknown = client
        .post(format!("{base}/api/set_language"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("lang=fr")
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    assert!(unknown.headers().get(header::SET_COOKIE).is_none(), "no language was set");
}

/// The classification behind 503: real errors from real servers.
#[apply(on_both_databases!)]
async fn transient_errors_are_unavailable(db: &TestDb) {
    use app::db::is_unavailable;
    // A fault in the query is not "unavailable".
    let syntax = db.db.execute_unprepared("SELEC 1").await.unwrap_err();
    assert!(!is_unavailable(&syntax), "{syntax}");
    match db.backend {
        Backend::Postgres => {
            // Read-only after a failover promotion (25006).
            let txn = db.db.begin().await.unwrap();
            txn.execute_unprepared("SET TRANSACTION READ ONLY").await.unwrap();
            let read_only = txn
                .execute_unprepared("UPDATE register SET version = version + 1")
                .await
                .unwrap_err();
            assert!(is_unavailable(&read_only), "{read_only}");
            drop(txn);
        }
        Backend::Sqlite => {
            // Busy past the timeout: another connection holds the write lock.
            let holder = db.db.begin_with_options(sea_orm::TransactionOptions {
                sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
                ..Default::default()
            });
            let holder = holder.await.unwrap();
            let mut options = sea_orm::ConnectOptions::new(db.url.clone());
            options
                .max_connections(1)
                .map_sqlx_sqlite_opts(|opts| opts.busy_timeout(Duration::from_millis(50)));
            let impatient = sea_orm::Database::connect(options).await.unwrap();
            let busy = impatient
                .execute_unprepared("UPDATE register SET version = version + 1")
                .await
                .unwrap_err();
            assert!(is_unavailable(&busy), "{busy}");
            holder.rollback().await.unwrap();
        }
    }
}
/// A TCP proxy in front of PostgreSQL that can cut every connection and
/// refuse new ones, as a network failure or a database host going away does.
struct Proxy {
    port: u16,
    cut: Arc<Mutex<bool>>,
    pipes: Arc<Mutex<Vec<AbortHandle>>>,
}

impl Proxy {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let cut = Arc::new(Mutex::new(false));
        let pipes = Arc::new(Mutex::new(Vec::new()));
        let (cut_flag, pipe_list) = (cut.clone(), pipes.clone());
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if *cut_flag.lock().unwrap() {
                    drop(client);
                    continue;
                }
                let pipe = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect("127.0.0.1:5432").await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                pipe_list.lock().unwrap().push(pipe.abort_handle());
            }
        });
        Self { port, cut, pipes }
    }

    fn cut(&self) {
        *self.cut.lock().unwrap() = true;
        for pipe in self.pipes.lock().unwrap().drain(..) {
            pipe.abort();
        }
    }

    fn restore(&self) {
        *self.cut.lock().unwrap() = false;
    }
}

async fn status_of(cookie: &str, url: &str) -> (StatusCode, Option<String>, String) {
    let response =
        common::anonymous().get(url).header(header::COOKIE, cookie).send().await.unwrap();
    let status = response.status();
    let retry =
        response.headers().get(header::RETRY_AFTER).map(|value| value.to_str().unwrap().to_owned());
    (status, retry, response.text().await.unwrap())
}

/// The database goes away after start (a real network cut), then comes back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_lost_after_start_gives_503_then_200() {
    let _ = tracing_subscriber::fmt().with_test_writer().try_init();
    let db = TestDb::new(Backend::Postgres).await;
    benturan::startup::prepare(&db.db, true).await.unwrap();
    let proxy = Proxy::start().await;
    let database = db.url.rsplit('/').next().unwrap();
    let url = format!("postgres://postgres@127.0.0.1:{}/{database}", proxy.port);
    let pool = app::db::connect(&url).await.unwrap();
    let state = app::state::AppState::new(benturan::leptos_options(), pool);
    state.mark_ready();
    let base = format!("http://{}", spawn_server(state).await);
    let cookie = signed_in(&db, &base).await;

    for path in ["/", "/api/get_register"] {
        assert_eq!(status_of(&cookie, &format!("{base}{path}")).await.0, StatusCode::OK, "{path}");
    }
    assert_eq!(health(&base).await.0, StatusCode::OK);
    proxy.cut();
    let (status, said) = health(&base).await;
    assert_eq!(
        (status, &said["database"]),
        (StatusCode::SERVICE_UNAVAILABLE, &"unreachable".into())
    );
    for path in ["/", "/api/get_register"] {
        let (status, retry, body) = status_of(&cookie, &format!("{base}{path}")).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert_eq!(retry.as_deref(), Some("5"), "{path}");
        if path == "/" {
            assert!(body.contains("Layanan sementara tidak tersedia"));
        }
    }
    proxy.restore();
    let mut status = StatusCode::SERVICE_UNAVAILABLE;
    for _ in 0..20 {
        status = status_of(&cookie, &format!("{base}/")).await.0;
        if status == StatusCode::OK {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(status, StatusCode::OK, "pages come back with the database");
    assert_eq!(health(&base).await.0, StatusCode::OK, "and so does the health check");
}

/// A database that cannot be reached from the start: the server serves its
/// 503 page (with Retry-After) while it keeps trying.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_database_gives_503() {
    // Nothing listens on port 9 (discard) here.
    let db = app::db::connect("postgres://postgres@127.0.0.1:9/benturan").await.unwrap();
    let state = app::state::AppState::new(benturan::leptos_options(), db);
    let _fatal = benturan::startup::spawn_preparation(
        state.clone(),
        "postgres://127.0.0.1:9".into(),
        false,
        app::i18n::Locale::Id,
    );
    let base = format!("http://{}", spawn_server(state).await);
    for path in ["/", "/api/get_register"] {
        let (status, retry, body) = status_of(SOME_SESSION, &format!("{base}{path}")).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert_eq!(retry.as_deref(), Some("5"));
        if path == "/" {
            assert!(body.contains("Layanan sementara tidak tersedia"));
        }
    }
}

/// The same once the schema was ready: the query's own connection error goes
/// through the error mapping to a 503, never a 500.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_query_on_an_unreachable_database_gives_503() {
    let url = "postgres://postgres@127.0.0.1:9/benturan";
    let db = app::db::connect(url).await.unwrap();
    let state = app::state::AppState::new(benturan::leptos_options(), db);
    state.mark_ready();
    let base = format!("http://{}", spawn_server(state).await);
    for path in ["/", "/api/get_register"] {
        let (status, retry, _) = status_of(SOME_SESSION, &format!("{base}{path}")).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{url}{path}");
        assert_eq!(retry.as_deref(), Some("5"));
    }
}

/// PostgreSQL ends the app's connections under load (a restart, a failover:
/// "terminating connection due to administrator command"): requests answer
/// 200 or 503 with Retry-After, never 500, and 200 again right after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn terminated_connections_under_load_never_give_500() {
    let db = TestDb::new(Backend::Postgres).await;
    let (base, cookie) = serve(&db).await;
    let database = db.url.rsplit('/').next().unwrap().to_owned();
    let admin = sea_orm::Database::connect(common::postgres_admin_url()).await.unwrap();
    let killing = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let killer = {
        let killing = killing.clone();
        tokio::spawn(async move {
            let sql = format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = '{database}' AND pid <> pg_backend_pid()"
            );
            let mut kills = 0;
            while killing.load(std::sync::atomic::Ordering::Relaxed) {
                admin.execute_unprepared(&sql).await.unwrap();
                kills += 1;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            kills
        })
    };
    let clients = (0..4).map(|client| {
        let (base, cookie) = (base.clone(), cookie.clone());
        tokio::spawn(async move {
            let mut seen = Vec::new();
            for request in 0..40 {
                let path = if (client + request) % 2 == 0 { "/" } else { "/api/get_register" };
                let (status, retry, _) = status_of(&cookie, &format!("{base}{path}")).await;
                seen.push((status, retry));
            }
            seen
        })
    });
    let mut seen = Vec::new();
    for client in clients.collect::<Vec<_>>() {
        seen.extend(client.await.unwrap());
    }
    killing.store(false, std::sync::atomic::Ordering::Relaxed);
    assert!(killer.await.unwrap() > 5, "connections were terminated during the load");
    for (status, retry) in &seen {
        match *status {
            StatusCode::OK => {}
            StatusCode::SERVICE_UNAVAILABLE => assert_eq!(retry.as_deref(), Some("5")),
            other => panic!("a request answered {other} while connections were terminated"),
        }
    }
    assert!(seen.iter().any(|(status, _)| *status == StatusCode::OK));
    for _ in 0..5 {
        let (status, _, _) = status_of(&cookie, &format!("{base}/")).await;
        assert_eq!(status, StatusCode::OK, "200 once it is over");
    }
}
