//! `benturan user`: accounts managed from the command line.
use super::*;

/// `benturan ARGS` with `input` on its standard input.
fn benturan_fed(db: &TestDb, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_benturan"))
        .args(args)
        .env("DATABASE_URL", &db.url)
        .env("BENTURAN_LANG", "id")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run benturan");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[apply(on_both_databases!)]
async fn users_are_managed_from_the_command_line(db: &TestDb) {
    let added = benturan_fed(
        db,
        &["user", "add", "ani", "--role", "editor", "--password-stdin"],
        "kata sandi ani 1\n",
    );
    assert!(added.status.success(), "{}", text(&added.stderr));
    assert_eq!(text(&added.stderr).trim(), "Pengguna ani ditambahkan dengan peran editor.");
    assert!(
        app::admin::repo::check_credentials(&db.db, "ani", "kata sandi ani 1")
            .await
            .unwrap()
            .is_some()
    );

    // Without --password-stdin: a first password, printed once on stdout.
    let made = benturan(db, &["user", "add", "budi", "--role", "viewer"]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let password = text(&made.stdout).trim().to_owned();
    assert_eq!(password.len(), 20);
    assert!(text(&made.stderr).contains("ditampilkan sekali ini saja"));
    assert!(
        app::admin::repo::check_credentials(&db.db, "budi", &password).await.unwrap().is_some()
    );

    // Refused with the field and its limit named; nothing written.
    for (args, input, message) in [
        (
            &["user", "add", "citra", "--role", "root", "--password-stdin"][..],
            "kata sandi citra 1\n",
            "Peran \"root\" tidak dikenal",
        ),
        (
            &["user", "add", "ani", "--role", "admin", "--password-stdin"][..],
            "kata sandi lain 1\n",
            "Nama pengguna ani sudah dipakai.",
        ),
        (
            &["user", "add", "citra", "--role", "admin", "--password-stdin"][..],
            "pendek\n",
            "Kata sandi: 10–1024 karakter.",
        ),
        (
            &["user", "add", "Citra <b>", "--role", "admin", "--password-stdin"][..],
            "kata sandi citra 1\n",
            "Nama pengguna: 3–64 karakter",
        ),
        (
            &["user", "passwd", "nobody", "--password-stdin"][..],
            "kata sandi lain 1\n",
            "Tidak ada pengguna nobody.",
        ),
    ] {
        let refused = benturan_fed(db, args, input);
        assert!(!refused.status.success(), "{args:?}");
        assert!(text(&refused.stderr).contains(message), "{args:?}: {}", text(&refused.stderr));
    }

    let changed =
        benturan_fed(db, &["user", "passwd", "ani", "--password-stdin"], "kata sandi ani 2\r\n");
    assert!(changed.status.success(), "{}", text(&changed.stderr));
    assert!(
        app::admin::repo::check_credentials(&db.db, "ani", "kata sandi ani 2")
            .await
            .unwrap()
            .is_some()
    );
    let disabled = benturan(db, &["user", "disable", "budi"]);
    assert!(disabled.status.success(), "{}", text(&disabled.stderr));
    let listed = benturan(db, &["user", "list"]);
    assert_eq!(text(&listed.stdout), "ani\teditor\tactive\t\nbudi\tviewer\tdisabled\t\n");
}
