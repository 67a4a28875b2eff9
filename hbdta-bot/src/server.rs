//! The server face (`hbdta-bot serve`): the router on a TCP port, jobs handed to in-process
//! [`workers`](crate::workers::queues), a graceful stop that finishes what was queued.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::serve::ListenerExt;

use crate::app::App;
use crate::config::ServerConfig;
use crate::workers;

/// How long a stop waits for queued answers.
pub const DRAIN: Duration = Duration::from_secs(25);

/// Why the server stopped with an error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: io::Error,
    },
    /// The accept loop failed.
    #[error(transparent)]
    Serve(io::Error),
}

/// Serves `app` on `config.addr` until `shutdown` completes, then stops accepting and lets the
/// workers finish what is queued (at most [`DRAIN`]).
///
/// # Errors
///
/// [`ServeError`] when the address cannot be bound or the accept loop fails.
pub async fn run<S>(app: &App, config: ServerConfig, shutdown: S) -> Result<(), ServeError>
where
    S: Future<Output = ()> + Send + 'static,
{
    let (queues, receivers) = workers::queues(config.workers);
    let dispatcher = app.dispatcher(Arc::new(queues));
    let router = app.router(&dispatcher);
    drop(dispatcher);
    let mut worker_set = workers::spawn(receivers, &app.answerer());
    app.stats.warm_up_in_background();
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServeError::Listen {
            addr: config.addr,
            source,
        })?;
    // Answers are small and go out at once: no Nagle delay.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "could not set TCP_NODELAY");
        }
    });
    tracing::info!(addr = %config.addr, "hbdta-bot listening (GET /healthz and each platform's webhook)");
    let served = axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await;
    // The router (and with it every dispatcher clone) is gone: workers finish the queue and stop.
    tracing::info!("stopped accepting; finishing queued answers");
    let drained = tokio::time::timeout(DRAIN, async {
        while worker_set.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!("some answers were still running after {DRAIN:?}; exiting anyway");
    }
    served.map_err(ServeError::Serve)
}
