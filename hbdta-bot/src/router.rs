//! The bot's HTTP routes: `GET /healthz` and the routes each enabled platform contributes (its
//! webhook, its data deletion callback). The same router is served by the server, by AWS Lambda
//! and inside `dev`.

use std::sync::Arc;

use axum::Router;
use axum::routing::get;

use crate::dispatch::Dispatcher;
use crate::platform::{Inbound, Platform};
use crate::store::Store;

/// `/healthz` plus every platform's routes, handing what people send to `dispatcher`.
pub fn router(
    platforms: &[Arc<dyn Platform>],
    dispatcher: &Dispatcher,
    store: &Arc<dyn Store>,
) -> Router {
    platforms.iter().fold(
        Router::new().route("/healthz", get(healthz)),
        |router, platform| {
            router.merge(platform.routes(Inbound {
                dispatcher: dispatcher.clone(),
                store: store.clone(),
            }))
        },
    )
}

async fn healthz() -> &'static str {
    "ok"
}
