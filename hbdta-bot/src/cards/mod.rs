//! Picture cards: the [`Picture`]s answers come with, drawn as PNG in-process ([`draw`]: SVG
//! through resvg, with the fonts built in) and served at `GET /cards/<key>.png`.
//!
//! The key is the picture itself, signed: `<base64url of its JSON>.<HMAC-SHA256, 128 bits>`.
//! The same picture always gets the same key (content-addressed), any instance of the bot that
//! holds the signing key can draw it (a Lambda function's instances share no memory), and the
//! route draws nothing it did not sign: a key whose signature does not match is a 404, one that
//! is not a key at all a 400. Drawn PNGs are kept in a cache bounded in bytes.
//!
//! Where a platform shows them: Messenger needs an absolute URL ([`Cards::url`], from
//! `PUBLIC_URL`); Telegram gets the PNG uploaded ([`Cards::png`]); `dev` serves them itself;
//! `ask --png <file>` writes one.

pub mod draw;
mod fonts;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::conversation::Picture;

pub use draw::DrawError;

/// Drawn PNGs kept, in bytes.
pub const CACHE_BYTES: u64 = 32 * 1024 * 1024;
/// How long a drawn PNG is kept.
pub const CACHE_TTL: Duration = Duration::from_secs(24 * 60 * 60);
/// Keys longer than this are not read.
pub const KEY_MAX: usize = 4096;
/// Bytes of the signature in a key.
const SIGNATURE_BYTES: usize = 16;
/// What `GET /cards/…` answers with a PNG: a key's picture never changes.
pub const CACHE_CONTROL: &str = "public, max-age=31536000, immutable";

/// Draws, signs and serves picture cards. Cheap to clone: clones share the cache.
#[derive(Clone)]
pub struct Cards {
    inner: Arc<Inner>,
}

struct Inner {
    /// The HMAC key of card keys (never logged).
    signing_key: Vec<u8>,
    /// `https://bot.example.com` (no trailing `/`): where `/cards/` is reachable from outside.
    public_url: Option<String>,
    cache: moka::future::Cache<String, Arc<Vec<u8>>>,
}

impl std::fmt::Debug for Cards {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cards")
            .field("public_url", &self.inner.public_url)
            .field("signing_key", &"[redacted]")
            .field("cached", &self.inner.cache.entry_count())
            .finish()
    }
}

/// What `GET /cards/<key>.png` found.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The PNG.
    Png(Arc<Vec<u8>>),
    /// Not a key this bot signed.
    Unknown,
    /// Not a key at all.
    Malformed,
}

impl Cards {
    /// Cards signed with `signing_key`, linked from `public_url` (the bot's address as the
    /// outside sees it, for platforms that fetch pictures by URL; `None` keeps them off there).
    #[must_use]
    pub fn new(signing_key: impl Into<Vec<u8>>, public_url: Option<String>) -> Self {
        let cache = moka::future::Cache::builder()
            .max_capacity(CACHE_BYTES)
            .weigher(|_key: &String, png: &Arc<Vec<u8>>| {
                u32::try_from(png.len()).unwrap_or(u32::MAX)
            })
            .time_to_live(CACHE_TTL)
            .build();
        Self {
            inner: Arc::new(Inner {
                signing_key: signing_key.into(),
                public_url: public_url.map(|u| u.trim_end_matches('/').to_owned()),
                cache,
            }),
        }
    }

    /// Whether pictures can be linked (a public URL is set).
    #[must_use]
    pub fn linkable(&self) -> bool {
        self.inner.public_url.is_some()
    }

    fn mac(&self) -> Hmac<Sha256> {
        <Hmac<Sha256> as KeyInit>::new_from_slice(&self.inner.signing_key)
            .expect("HMAC takes keys of any length")
    }

    /// The picture's key: the same picture, the same key.
    #[must_use]
    pub fn key(&self, picture: &Picture) -> String {
        let json = serde_json::to_vec(picture).expect("a picture is plain data");
        let mut mac = self.mac();
        mac.update(&json);
        let signature = mac.finalize().into_bytes();
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(&json),
            hex::encode(&signature[..SIGNATURE_BYTES])
        )
    }

    /// The picture's absolute URL, when a public URL is set.
    #[must_use]
    pub fn url(&self, picture: &Picture) -> Option<String> {
        let base = self.inner.public_url.as_deref()?;
        Some(format!("{base}/cards/{}.png", self.key(picture)))
    }

    /// The picture drawn as PNG (from the cache when it was drawn before).
    ///
    /// # Errors
    ///
    /// [`DrawError`] if drawing failed.
    pub async fn png(&self, picture: &Picture) -> Result<Arc<Vec<u8>>, Arc<DrawError>> {
        let key = self.key(picture);
        let picture = picture.clone();
        self.inner
            .cache
            .try_get_with(key, async move {
                let started = std::time::Instant::now();
                let png = tokio::task::spawn_blocking(move || draw::png(&picture))
                    .await
                    .map_err(|_| DrawError::Png("the drawing task failed".to_owned()))??;
                tracing::debug!(
                    bytes = png.len(),
                    ms = started.elapsed().as_secs_f64() * 1000.0,
                    "card drawn"
                );
                Ok(Arc::new(png))
            })
            .await
    }

    /// The picture a key stands for, if this bot signed it.
    ///
    /// # Errors
    ///
    /// [`Lookup::Unknown`] for a key this bot did not sign, [`Lookup::Malformed`] for a text
    /// that is no key.
    pub fn picture_of(&self, key: &str) -> Result<Picture, Lookup> {
        if key.len() > KEY_MAX {
            return Err(Lookup::Malformed);
        }
        let (payload, signature) = key.split_once('.').ok_or(Lookup::Malformed)?;
        let json = URL_SAFE_NO_PAD
            .decode(payload)
            .map_err(|_| Lookup::Malformed)?;
        let signature = hex::decode(signature).map_err(|_| Lookup::Malformed)?;
        if signature.len() != SIGNATURE_BYTES {
            return Err(Lookup::Malformed);
        }
        let mut mac = self.mac();
        mac.update(&json);
        // Compared in constant time.
        mac.verify_truncated_left(&signature)
            .map_err(|_| Lookup::Unknown)?;
        serde_json::from_slice(&json).map_err(|_| Lookup::Malformed)
    }

    /// What `GET /cards/<key>.png` serves.
    pub async fn lookup(&self, file: &str) -> Lookup {
        let Some(key) = file.strip_suffix(".png") else {
            return Lookup::Malformed;
        };
        let picture = match self.picture_of(key) {
            Ok(picture) => picture,
            Err(lookup) => return lookup,
        };
        match self.png(&picture).await {
            Ok(png) => Lookup::Png(png),
            Err(error) => {
                tracing::error!(%error, "a signed card could not be drawn");
                Lookup::Unknown
            }
        }
    }

    /// `GET /cards/{file}`.
    pub fn routes(&self) -> Router {
        Router::new()
            .route("/cards/{file}", get(serve))
            .with_state(self.clone())
    }
}

async fn serve(State(cards): State<Cards>, Path(file): Path<String>) -> Response {
    match cards.lookup(&file).await {
        Lookup::Png(png) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static("image/png")),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static(CACHE_CONTROL),
                ),
            ],
            png.as_ref().clone(),
        )
            .into_response(),
        Lookup::Unknown => {
            tracing::info!("GET /cards/: a key this bot did not sign");
            (StatusCode::NOT_FOUND, "no such card\n").into_response()
        }
        Lookup::Malformed => {
            tracing::info!("GET /cards/: not a card key");
            (StatusCode::BAD_REQUEST, "not a card key\n").into_response()
        }
    }
}
