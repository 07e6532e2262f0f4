//! Signing in, sessions and roles, over HTTP, on both databases: strangers
//! reach only the sign-in page; a session survives a restart and expires;
//! failed sign-ins are slowed and limited; every mutating server function
//! allows exactly what each role gives, in the user's own Bagian or not.
mod roles;
mod sessions;

use crate::common;
use macro_rules_attribute::apply;

use app::auth::Role;
use common::{App, PASSWORD, TestDb, anonymous, client_with, sign_in, spawn_server};
use reqwest::{StatusCode, header};
use serde_json::{Value, json};

async fn serve(db: &TestDb) -> String {
    format!("http://{}", spawn_server(db.ready_state().await).await)
}

fn location(response: &reqwest::Response) -> String {
    response.headers()[header::LOCATION].to_str().unwrap().to_owned()
}
