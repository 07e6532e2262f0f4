//! Accounts on SQLite and PostgreSQL: users with a role, their Bagian and
//! their password; a password change or a disabled user ends their sessions.
use crate::common;
use macro_rules_attribute::apply;

use app::admin::repo::{self as accounts, AccountError, Role};
use app::entities::{auth_event, user_session};
use common::TestDb;
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};

async fn a_bagian(db: &TestDb) -> i32 {
    common::import(db, &common::seed_table(), 2026).await.expect("seed");
    app::entities::org_unit::Entity::find()
        .all(&db.db)
        .await
        .unwrap()
        .into_iter()
        .find(|unit| unit.kind == app::entities::org_unit::UnitKind::Bagian)
        .expect("the seed has Bagian")
        .id
}

#[apply(on_both_databases!)]
async fn users_are_added_listed_and_checked(db: &TestDb) {
    let bagian = a_bagian(db).await;
    let ani = accounts::add_user(&db.db, "ani", Role::Editor, &[bagian], "kata sandi ani 1")
        .await
        .unwrap();
    accounts::add_user(&db.db, "budi", Role::Viewer, &[], "kata sandi budi 1").await.unwrap();
    // The same name again, another letter case not allowed, a bad password,
    // a Bagian that is not there: refused, nothing written.
    assert_eq!(
        accounts::add_user(&db.db, "ani", Role::Admin, &[], "another password").await,
        Err(AccountError::Taken("ani".into()))
    );
    assert!(matches!(
        accounts::add_user(&db.db, "Ani", Role::Admin, &[], "another password").await,
        Err(AccountError::BadUsername { .. })
    ));
    assert!(matches!(
        accounts::add_user(&db.db, "citra", Role::Admin, &[], "short").await,
        Err(AccountError::BadPassword { min: 10, .. })
    ));
    assert_eq!(
        accounts::add_user(&db.db, "dewi", Role::Editor, &[999_999], "kata sandi dewi 1").await,
        Err(AccountError::NoSuchBagian(999_999))
    );
    let users = accounts::list_users(&db.db).await.unwrap();
    let names: Vec<_> =
        users.iter().map(|user| (user.username.as_str(), user.role.as_str())).collect();
    assert_eq!(names, [("ani", "editor"), ("budi", "viewer")]);
    assert_eq!(users[0].bagian, [bagian]);
    assert!(users.iter().all(|user| user.active && user.has_password));

    let signed = accounts::check_credentials(&db.db, "ani", "kata sandi ani 1").await.unwrap();
    assert_eq!(signed.map(|user| user.id), Some(ani));
    assert_eq!(accounts::check_credentials(&db.db, "ani", "kata sandi ani 2").await.unwrap(), None);
    assert_eq!(
        accounts::check_credentials(&db.db, "nobody", "kata sandi ani 1").await.unwrap(),
        None
    );
    // Each change is in the audit log.
    assert_eq!(auth_event::Entity::find().count(&db.db).await.unwrap(), 2);
}

#[apply(on_both_databases!)]
async fn a_new_password_or_disabling_ends_the_sessions(db: &TestDb) {
    let ani =
        accounts::add_user(&db.db, "ani", Role::Admin, &[], "kata sandi ani 1").await.unwrap();
    let session = |token: &str| {
        let now = chrono::Utc::now();
        user_session::ActiveModel {
            token_hash: Set(token.to_owned()),
            user_id: Set(ani),
            created_at: Set(now),
            last_seen_at: Set(now),
            expires_at: Set(now + chrono::Duration::hours(8)),
            client: Set(None),
        }
    };
    session("a").insert(&db.db).await.unwrap();
    session("b").insert(&db.db).await.unwrap();
    accounts::set_password(&db.db, "ani", "kata sandi ani 2").await.unwrap();
    assert_eq!(user_session::Entity::find().count(&db.db).await.unwrap(), 0);
    assert_eq!(accounts::check_credentials(&db.db, "ani", "kata sandi ani 1").await.unwrap(), None);
    assert!(
        accounts::check_credentials(&db.db, "ani", "kata sandi ani 2").await.unwrap().is_some()
    );

    session("c").insert(&db.db).await.unwrap();
    accounts::disable_user(&db.db, "ani").await.unwrap();
    assert_eq!(user_session::Entity::find().count(&db.db).await.unwrap(), 0);
    assert_eq!(accounts::check_credentials(&db.db, "ani", "kata sandi ani 2").await.unwrap(), None);
    assert_eq!(
        accounts::set_password(&db.db, "nobody", "kata sandi lain 1").await,
        Err(AccountError::NoSuchUser("nobody".into()))
    );
    let kinds: Vec<String> = auth_event::Entity::find()
        .all(&db.db)
        .await
        .unwrap()
        .into_iter()
        .map(|event| event.kind)
        .collect();
    assert_eq!(kinds, ["user_added", "password_set", "user_disabled"]);
}
