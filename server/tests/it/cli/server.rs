//! `benturan migrate` and `benturan serve`: the schema, startup errors, the
//! first admin, and a clean stop.
use super::*;

/// `migrate` on a database with no schema at all creates it, and loads no data.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrate_creates_the_schema_and_no_data() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let db = TestDb::empty(backend).await;
        let schema = migrations::SchemaManager::new(&db.db);
        assert!(!schema.has_table("risk").await.unwrap());
        let output = benturan(&db, &["migrate"]);
        assert!(output.status.success(), "{}", text(&output.stderr));
        assert!(schema.has_table("risk").await.unwrap(), "{backend:?}");
        assert_eq!(db.count("risk").await, 0, "migrate loads no data");
        assert_eq!(db.count("register").await, 0);
        let all = <migrations::Migrator as migrations::MigratorTrait>::migrations().len();
        assert_eq!(db.count("seaql_migrations").await, all as i64);
    }
}

/// A malformed database URL stops at once with a message that says so.
#[test]
fn a_malformed_database_url_is_named() {
    let output = benturan_with("postgres://u:geheim@host:port/db", &["migrate"]);
    assert!(!output.status.success());
    let message = text(&output.stderr);
    assert!(message.contains("DATABASE_URL tidak valid"), "{message}");
    assert!(!message.contains("geheim"), "the password stays out of messages: {message}");
}

/// A failure that waiting cannot mend (here: the database holds a migration
/// this version does not know) stops the server with an error, instead of
/// retrying for ever.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_permanent_startup_error_exits_non_zero() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let db = TestDb::new(backend).await;
        db.exec("INSERT INTO seaql_migrations (version, applied_at) VALUES ('m29990101_000000_future', 0)")
            .await;
        let mut child = Command::new(env!("CARGO_BIN_EXE_benturan"))
            .arg("serve")
            .env("DATABASE_URL", &db.url)
            .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
            .env("RUST_LOG", "warn")
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > Duration::from_secs(30) {
                child.kill().ok();
                panic!("{backend:?}: the server kept running");
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        assert!(!status.success());
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert!(stderr.contains("server dihentikan") && stderr.contains("future"), "{stderr}");
    }
}

/// A database with no users gets an `admin` whose password is shown once
/// on the terminal; the next start makes none.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_start_makes_an_admin_and_shows_its_password_once() {
    let db = TestDb::new(Backend::Sqlite).await;
    let start = || {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(env!("CARGO_BIN_EXE_benturan"))
            .arg("serve")
            .env("DATABASE_URL", &db.url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("BENTURAN_LANG", "id")
            .env("RUST_LOG", "warn")
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        (child, format!("http://127.0.0.1:{port}/"))
    };
    let until_ready = |url: String| async move {
        for _ in 0..200 {
            if reqwest::get(&url).await.is_ok_and(|r| r.status().is_success()) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the server came up");
    };
    let stop = |child: std::process::Child| {
        Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
        text(&child.wait_with_output().unwrap().stderr)
    };

    let (child, url) = start();
    until_ready(url).await;
    let said = stop(child);
    let password = said
        .split("Kata sandi sekali pakai: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("the password is shown: {said}"));
    assert!(said.contains("akun admin dibuat"), "{said}");
    let admin = app::admin::repo::check_credentials(&db.db, "admin", password).await.unwrap();
    assert_eq!(admin.map(|user| user.role), Some("admin".to_owned()));

    let (child, url) = start();
    until_ready(url).await;
    let said = stop(child);
    assert!(!said.contains("Kata sandi"), "{said}");
    assert_eq!(app::admin::repo::list_users(&db.db).await.unwrap().len(), 1);
}

/// SIGTERM stops taking requests, finishes those in flight, and exits 0.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_requests_and_exits_cleanly() {
    let db = TestDb::new(Backend::Sqlite).await;
    app::import::generate::generate_register(&db.db, 2000, 2026).await.unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_benturan"))
        .arg("serve")
        .env("DATABASE_URL", &db.url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let mut ready = false;
    for _ in 0..100 {
        if reqwest::get(format!("{base}/")).await.is_ok_and(|r| r.status().is_success()) {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready, "the server came up");
    common::add_user(&db, "pembaca", app::auth::Role::Viewer, &[]).await;
    let token = common::sign_in(&base, "pembaca", common::PASSWORD).await.unwrap();
    // Slow requests (a 2,000-row page each, whole: not windowed) in flight
    // when the signal comes.
    let requests: Vec<_> = (0..6)
        .map(|_| {
            let url = format!("{base}/?lengkap=1");
            let client = common::client_with(&token);
            tokio::spawn(async move {
                let response = client.get(url).send().await?;
                let status = response.status();
                let body = response.text().await?;
                Ok::<_, reqwest::Error>((status, body))
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(30)).await;
    let kill = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let mut finished = 0;
    for request in requests {
        // A request either completed in full or was never taken.
        if let Ok((status, body)) = request.await.unwrap() {
            assert!(status.is_success());
            let rows = body.matches("<tr data-row-id=").count();
            assert!(rows == 2000 && body.contains("</html>"), "cut short after {rows} rows");
            finished += 1;
        }
    }
    assert!(finished > 0, "requests in flight were finished");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "the server did not stop");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(stderr.contains("stopped"), "{stderr}");
    assert!(reqwest::get(format!("{base}/")).await.is_err(), "no longer taking requests");
}

/// `BENTURAN_LOG_FORMAT=json`: each log line one JSON object, for a log
/// collector (here the error of a start that cannot go on); a value it
/// does not know stops the server at once, naming the variable.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_can_be_json_lines() {
    let db = TestDb::new(Backend::Sqlite).await;
    db.exec(
        "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m29990101_000000_future', 0)",
    )
    .await;
    let run = |format: &str| {
        Command::new(env!("CARGO_BIN_EXE_benturan"))
            .arg("serve")
            .env("DATABASE_URL", &db.url)
            .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
            .env("RUST_LOG", "warn")
            .env("BENTURAN_LOG_FORMAT", format)
            .output()
            .unwrap()
    };
    let output = run("json");
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    let logged: Vec<serde_json::Value> = stderr
        .lines()
        .filter(|line| line.starts_with('{'))
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    let error = logged.iter().find(|line| line["level"] == "ERROR");
    let error = error.unwrap_or_else(|| panic!("an error logged as JSON in:\n{stderr}"));
    assert!(error["fields"]["message"].is_string(), "{error}");
    assert!(error["timestamp"].is_string(), "{error}");

    let output = run("xml");
    assert!(!output.status.success());
    assert!(text(&output.stderr).contains("BENTURAN_LOG_FORMAT"), "{}", text(&output.stderr));
}
