//! The server's HTML and endpoints, over HTTP, against both databases.
mod cache;
mod filter;
mod html;

use crate::common;
use macro_rules_attribute::apply;

use common::{TestDb, spawn_server};
use reqwest::{StatusCode, header};

/// A server on `db`, and a signed-in reader's client (and its session token).
async fn serve(db: &TestDb) -> (String, reqwest::Client, String) {
    let address = spawn_server(db.ready_state().await).await;
    let base = format!("http://{address}");
    let name = format!("pembaca.{}", address.port());
    common::add_user(db, &name, app::auth::Role::Viewer, &[]).await;
    let token = common::sign_in(&base, &name, common::PASSWORD).await.expect("signed in");
    (base, common::client_with(&token), token)
}

async fn get(client: &reqwest::Client, url: &str) -> (StatusCode, String) {
    let response = client.get(url).send().await.expect("request");
    let status = response.status();
    (status, response.text().await.expect("body"))
}
