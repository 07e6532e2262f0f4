//! The HTML shell and the routes.
use crate::i18n::{initial_locale, provide_i18n};
use crate::layout::{LoginPage, NotFoundPage, SiteFooter, SiteHeader};
use crate::pages::RegisterPage;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, Link, Meta, MetaTags, provide_meta_context};
use leptos_router::{
    ParamSegment, SsrMode, StaticSegment,
    components::{Route, Router, Routes},
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The page's scripts carry the nonce the response's CSP names.
    #[cfg(feature = "ssr")]
    if let Some(nonce) = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<crate::auth::CspNonce>().cloned())
    {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
    let lang = initial_locale().tag();
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                // The build's stylesheet, by its content-hashed name.
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_i18n();
    crate::auth::provide_signed_in();
    mark_hydrated();
    view! {
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Meta name="theme-color" content="#12355b"/>
        <Router>
            <SiteHeader nav_extra=ViewFn::from(|| view! { <crate::reminders::components::DueLink/> })/>
            <main id="main" class="page">
                <Routes fallback=NotFoundPage>
                    <Route path=StaticSegment("login") view=LoginPage/>
                    // Async: a refusal is the page's HTTP status (403), not only its text.
                    <Route
                        path=StaticSegment("admin")
                        view=crate::admin::AdminPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=StaticSegment("dasbor")
                        view=crate::dashboard::DashboardPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=StaticSegment("jatuh-tempo")
                        view=crate::reminders::components::DuePage
                        ssr=SsrMode::Async
                    />
                    // Async: the HTML holds every row in place, even without JavaScript.
                    <Route path=StaticSegment("") view=RegisterPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("register"), ParamSegment("unit"), ParamSegment("year"))
                        view=RegisterPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(
                            StaticSegment("register"),
                            ParamSegment("unit"),
                            ParamSegment("year"),
                            StaticSegment("cetak"),
                        )
                        view=crate::print::components::PrintPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(
                            StaticSegment("register"),
                            ParamSegment("unit"),
                            ParamSegment("year"),
                            StaticSegment("bukti"),
                        )
                        view=crate::evidence::components::EvidencePage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}

/// Marks `<body data-hydrated>` once the WASM has taken over the page, so
/// tests (and people debugging) can tell a hydrated page from a dead one.
fn mark_hydrated() {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
