//! A page the browser keeps and revalidates must still run: the `304`
//! names, in its Content-Security-Policy, the nonce of the body the browser
//! holds (a new nonce there blocks every inline script: no hydration).
use crate::common;
use macro_rules_attribute::apply;

use common::{App, TestDb};
use reqwest::{StatusCode, header};

/// The nonce a response's policy allows scripts with.
fn policy_nonce(response: &reqwest::Response) -> String {
    let policy = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    let start = policy.find("'nonce-").expect(policy) + "'nonce-".len();
    policy[start..].split('\'').next().unwrap().to_owned()
}

/// The nonces the page's inline scripts carry (all alike).
fn body_nonce(html: &str) -> String {
    let mut nonces = html.split(r#"nonce=""#).skip(1).map(|rest| rest.split('"').next().unwrap());
    let first = nonces.next().expect("the page has scripts with a nonce").to_owned();
    assert!(nonces.all(|nonce| nonce == first), "one nonce per page");
    first
}

#[apply(on_both_databases!)]
async fn a_revalidated_page_runs_its_scripts(db: &TestDb) {
    let app = App::start(db).await;
    for path in ["/", "/?penilaian=1", "/dasbor"] {
        let url = format!("{}{path}", app.base);
        let first = app.client.get(&url).send().await.unwrap();
        assert_eq!(first.status(), StatusCode::OK, "{path}");
        let etag = first.headers()[header::ETAG].clone();
        let allowed = policy_nonce(&first);
        let carried = body_nonce(&first.text().await.unwrap());
        assert_eq!(allowed, carried, "{path}: the first visit");
        for reload in 0..3 {
            let again = app.client.get(&url).header(header::IF_NONE_MATCH, &etag).send();
            let again = again.await.unwrap();
            assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}: reload {reload}");
            assert_eq!(again.headers()[header::ETAG], etag, "{path}");
            assert_eq!(policy_nonce(&again), carried, "{path}: reload {reload} runs the kept body");
            assert!(again.headers().get("x-benturan-nonce").is_none(), "internal");
        }
    }
}

/// A browser holding a rendering the server no longer keeps (another
/// instance's, or one from before a restart, of the same version) is not
/// told "not modified": it gets the page and its nonce anew.
#[apply(on_both_databases!)]
async fn a_tag_of_another_rendering_gets_the_page(db: &TestDb) {
    let app = App::start(db).await;
    let url = format!("{}/", app.base);
    let first = app.client.get(&url).send().await.unwrap();
    let etag = first.headers()[header::ETAG].to_str().unwrap().to_owned();
    // The same register, version and viewer; another nonce in the hash.
    let (kept, _) = etag.trim_end_matches('"').rsplit_once('-').unwrap();
    let other = format!("{kept}-0\"");
    let again = app.client.get(&url).header(header::IF_NONE_MATCH, &other).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    let allowed = policy_nonce(&again);
    assert_eq!(body_nonce(&again.text().await.unwrap()), allowed);
}
