//! A DynamoDB-compatible server for the store tests: dynalite (npm), started on a free port of
//! 127.0.0.1 and killed on drop.
//!
//! Found through `HBDTA_DYNALITE` (its `dynalite` executable), else where `scripts/dynalite.sh`
//! installs it (`target/dynalite/` beside the workspace). Missing, a test is skipped with a note;
//! missing while `CI` is set, it fails: CI must test the DynamoDB store.
#![cfg(feature = "dynamodb")]

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::error::DisplayErrorContext;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType,
    TimeToLiveSpecification,
};
use hbdta_bot::config::{DEFAULT_LOG_RETENTION, DynamoDbConfig};
use secrecy::SecretString;

/// How long dynalite may take to listen (node starting on a busy machine).
const START_DEADLINE: Duration = Duration::from_secs(30);

/// The credentials every test client signs with; no test output may contain the secret.
pub const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI-test-secret-do-not-log";

/// A running dynalite.
pub struct Dynalite {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub endpoint: String,
}

impl Drop for Dynalite {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The dynalite executable: `HBDTA_DYNALITE`, or scripts/dynalite.sh's install directory.
pub fn executable() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("HBDTA_DYNALITE") {
        return Some(PathBuf::from(path));
    }
    let installed = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../target/dynalite/node_modules/.bin/dynalite");
    installed.exists().then_some(installed)
}

impl Dynalite {
    /// A dynalite listening on 127.0.0.1, or `None` when it is not installed (outside CI).
    ///
    /// # Panics
    ///
    /// When it is not installed and `CI` is set, or it does not start.
    #[must_use]
    pub fn start() -> Option<Self> {
        let Some(executable) = executable() else {
            assert!(
                std::env::var_os("CI").is_none(),
                "dynalite is not installed, and CI must test the DynamoDB store: run \
                 scripts/dynalite.sh (npm) and set HBDTA_DYNALITE to the path it prints"
            );
            eprintln!(
                "note: DynamoDB store tests skipped: dynalite is not installed (scripts/dynalite.sh)"
            );
            return None;
        };
        // A port freed just now could be taken before dynalite binds it: try a few.
        let mut last_error = String::new();
        for _ in 0..3 {
            match Self::start_on(&executable, free_port()) {
                Ok(server) => return Some(server),
                Err(e) => last_error = e,
            }
        }
        panic!(
            "dynalite ({}) did not start: {last_error}",
            executable.display()
        );
    }

    fn start_on(executable: &PathBuf, port: u16) -> Result<Self, String> {
        let child = Command::new(executable)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            // Tables are ACTIVE at once, not after 500 ms.
            .args([
                "--createTableMs",
                "0",
                "--deleteTableMs",
                "0",
                "--updateTableMs",
                "0",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot run it: {e}"))?;
        let mut server = Self {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let deadline = Instant::now() + START_DEADLINE;
        loop {
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return Ok(server);
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                return Err(format!("it exited ({status}) before listening on {port}"));
            }
            if Instant::now() > deadline {
                return Err(format!("not listening on {port} after {START_DEADLINE:?}"));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The store's settings for `table` on this server (the table is not created).
    #[must_use]
    pub fn config(&self, table: &str) -> DynamoDbConfig {
        DynamoDbConfig {
            table: table.to_owned(),
            region: "us-east-1".to_owned(),
            endpoint_url: Some(self.endpoint.clone()),
            access_key_id: "AKIDHBDTATEST".to_owned(),
            secret_access_key: SecretString::from(SECRET_ACCESS_KEY),
            session_token: None,
            log_retention: DEFAULT_LOG_RETENTION,
        }
    }

    /// Creates `table` as template.yaml does (`pk`/`sk` strings, on demand, TTL on
    /// `expires_at`) and returns its settings.
    ///
    /// # Panics
    ///
    /// When the server refuses.
    pub async fn create_table(&self, table: &str) -> DynamoDbConfig {
        let config = self.config(table);
        let http = hbdta_bot::http::client().unwrap_or_else(|e| panic!("{e}"));
        let client = hbdta_bot::store::dynamodb::dynamodb_client(&config, &http);
        let attribute = |name: &str| {
            AttributeDefinition::builder()
                .attribute_name(name)
                .attribute_type(ScalarAttributeType::S)
                .build()
                .unwrap_or_else(|e| panic!("{e}"))
        };
        let key = |name: &str, kind: KeyType| {
            KeySchemaElement::builder()
                .attribute_name(name)
                .key_type(kind)
                .build()
                .unwrap_or_else(|e| panic!("{e}"))
        };
        let created = client
            .create_table()
            .table_name(table)
            .attribute_definitions(attribute("pk"))
            .attribute_definitions(attribute("sk"))
            .key_schema(key("pk", KeyType::Hash))
            .key_schema(key("sk", KeyType::Range))
            .billing_mode(BillingMode::PayPerRequest)
            .send()
            .await;
        // On a loaded machine the first attempt can outlast the client's attempt timeout after
        // dynalite made the table: the retry then finds it (this server is the test's own, so
        // the table is the one asked for).
        if let Err(e) = created {
            let made_by_the_first_attempt = e
                .as_service_error()
                .is_some_and(|se| se.is_resource_in_use_exception());
            assert!(
                made_by_the_first_attempt,
                "CreateTable {table}: {}",
                DisplayErrorContext(&e)
            );
        }
        let ttl = client
            .update_time_to_live()
            .table_name(table)
            .time_to_live_specification(
                TimeToLiveSpecification::builder()
                    .enabled(true)
                    .attribute_name("expires_at")
                    .build()
                    .unwrap_or_else(|e| panic!("{e}")),
            )
            .send()
            .await;
        if let Err(e) = ttl {
            // dynalite has no TTL (DynamoDB's own deletes are lazy anyway): what is tested is
            // that the store's reads skip expired items themselves.
            let e = DisplayErrorContext(&e).to_string();
            assert!(
                e.contains("UnknownOperation"),
                "UpdateTimeToLive {table}: {e}"
            );
        }
        config
    }
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .unwrap_or_else(|e| panic!("no free port on 127.0.0.1: {e}"))
}
