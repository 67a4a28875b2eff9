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
mod drawer;
mod fonts;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use bytes::Bytes;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::conversation::Picture;

pub use draw::DrawError;

/// Drawn PNGs kept, in bytes: about 50 cards (each about 41 KB), enough for what Messenger
/// fetches right after a reply; more would cost the server its 20 MiB peak RSS goal
/// (BENCHMARKS.md).
pub const CACHE_BYTES: u64 = 2 * 1024 * 1024;
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
    /// Bounded by bytes, evicting as it inserts (no lag past the bound).
    cache: quick_cache::sync::Cache<String, Bytes, PngBytes>,
}

/// A cached PNG weighs its bytes.
#[derive(Debug, Clone, Copy)]
struct PngBytes;

impl quick_cache::Weighter<String, Bytes> for PngBytes {
    fn weight(&self, _key: &String, png: &Bytes) -> u64 {
        png.len() as u64
    }
}

impl std::fmt::Debug for Cards {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cards")
            .field("public_url", &self.inner.public_url)
            .field("signing_key", &"[redacted]")
            .field("cached", &self.inner.cache.len())
            .finish()
    }
}

/// What `GET /cards/<key>.png` found.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The PNG.
    Png(Bytes),
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
        let cache = quick_cache::sync::Cache::with_weighter(64, CACHE_BYTES, PngBytes);
        Self {
            inner: Arc::new(Inner {
                signing_key: signing_key.into(),
                public_url: public_url.map(|u| u.trim_end_matches('/').to_owned()),
                cache,
            }),
        }
    }

    /// Cards whose signing key is derived from a deployment's secret (the Messenger app secret,
    /// else the Telegram bot token): every instance of the deployment derives the same key, so
    /// any of them serves a card another drew, and the secret itself signs nothing.
    #[must_use]
    pub fn from_secret(secret: &str, public_url: Option<String>) -> Self {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
            .expect("HMAC takes keys of any length");
        mac.update(b"hbdta-bot card keys v1");
        Self::new(mac.finalize().into_bytes().to_vec(), public_url)
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
    pub async fn png(&self, picture: &Picture) -> Result<Bytes, DrawError> {
        let key = self.key(picture);
        let picture = picture.clone();
        self.inner
            .cache
            .get_or_insert_async(&key, async move {
                let started = std::time::Instant::now();
                let png = drawer::draw(picture).await?;
                tracing::debug!(
                    bytes = png.len(),
                    ms = started.elapsed().as_secs_f64() * 1000.0,
                    "card drawn"
                );
                Ok(Bytes::from(png))
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
            png,
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
