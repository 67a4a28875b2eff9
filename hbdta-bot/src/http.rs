//! The one HTTP client every API client sends through (OpenDota, the Graph API, Lambda's
//! `Invoke`): one connection pool and one TLS set-up, built once by [`client`].
//!
//! Certificates are checked against the platform's roots ([`rustls_platform_verifier`], what
//! reqwest's `rustls` feature uses), but the roots are read at the first TLS handshake, not when
//! the client is built: reading and parsing the system's certificate store takes several
//! milliseconds, and the bot should answer Meta's handshake before it has called anyone.

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use rustls_platform_verifier::Verifier;

use crate::config::ConfigError;

/// Connect timeout of every call.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Total time of every call.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// The bot's HTTP client: `hbdta-bot/<version>` user agent, 5 s to connect, 15 s in all, TLS with
/// the platform's roots loaded on first use.
///
/// # Errors
///
/// [`ConfigError::Invalid`] when the TLS set-up is refused.
pub fn client() -> Result<reqwest::Client, ConfigError> {
    let invalid = |reason: String| ConfigError::Invalid {
        name: "TLS",
        reason,
    };
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| invalid(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(LazyRoots::new(provider)))
        .with_no_client_auth();
    reqwest::Client::builder()
        .user_agent(concat!("hbdta-bot/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(TIMEOUT)
        .tls_backend_preconfigured(tls)
        .build()
        .map_err(|e| invalid(e.to_string()))
}

/// The platform verifier, made at the first certificate it checks.
struct LazyRoots {
    provider: Arc<CryptoProvider>,
    verifier: OnceLock<Result<Verifier, rustls::Error>>,
}

impl LazyRoots {
    fn new(provider: Arc<CryptoProvider>) -> Self {
        Self {
            provider,
            verifier: OnceLock::new(),
        }
    }

    fn verifier(&self) -> Result<&Verifier, rustls::Error> {
        self.verifier
            .get_or_init(|| Verifier::new(self.provider.clone()))
            .as_ref()
            .map_err(Clone::clone)
    }
}

impl fmt::Debug for LazyRoots {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LazyRoots")
            .field("loaded", &self.verifier.get().is_some())
            .finish_non_exhaustive()
    }
}

impl ServerCertVerifier for LazyRoots {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        self.verifier()?.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        )
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.verifier()?.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.verifier()?.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        // What the provider can check; no roots needed for that.
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_builds_without_reading_the_roots() {
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let lazy = LazyRoots::new(provider.clone());
        assert_eq!(
            lazy.supported_verify_schemes(),
            provider
                .signature_verification_algorithms
                .supported_schemes()
        );
        assert!(format!("{lazy:?}").contains("loaded: false"));
        assert!(client().is_ok());
    }

    #[test]
    fn a_certificate_that_is_no_certificate_is_refused_after_the_roots_load() {
        let lazy = LazyRoots::new(Arc::new(rustls::crypto::aws_lc_rs::default_provider()));
        let name = ServerName::try_from("api.opendota.com").unwrap();
        let refused = lazy.verify_server_cert(
            &CertificateDer::from(b"not a certificate".to_vec()),
            &[],
            &name,
            &[],
            UnixTime::now(),
        );
        assert!(refused.is_err(), "{refused:?}");
        assert!(format!("{lazy:?}").contains("loaded: true"));
    }
}
