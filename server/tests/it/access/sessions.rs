//! Signing in and out: strangers reach only the sign-in page; a session
//! is new and safe, survives a restart and expires; failed sign-ins are
//! slowed, then locked, and one address is limited.
use super::*;

#[apply(on_both_databases!)]
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

#[apply(on_both_databases!)]
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

#[apply(on_both_databases!)]
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

#[apply(on_both_databases!)]
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

#[apply(on_both_databases!)]
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

#[apply(on_both_databases!)]
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
