//! The class server (`scs-sim serve`, feature `server`): it deals each attempt of a
//! class, receives its commands while they happen over a WebSocket, checks and replays
//! them with the core's own `Session` replay, stores each before acknowledging it, and
//! grades the attempt with the window's own scoring. The store is SQLite or PostgreSQL
//! (sqlx); HTTP and WebSocket are axum on tokio. The core knows nothing of this layer.
//! docs/class-api.md is its contract; ARCHITECTURE.md places it.

pub mod attempt;
pub mod auth;
pub mod deal;
pub mod demo;
pub mod error;
pub mod grade;
pub mod hub;
pub mod limits;
pub mod live;
pub mod names;
pub mod referee;
pub mod routes;
pub mod store;
pub mod view;

use limits::{Counter, PER_ADDRESS, PER_STUDENT, Requests};
use referee::Replays;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use store::Store;
use tokio::sync::Semaphore;

/// What every request handler shares.
pub struct App {
    /// The database.
    pub store: Store,
    /// Each live attempt's replay between entries.
    pub replays: Replays,
    /// Live connections per address.
    pub per_address: Arc<Counter<IpAddr>>,
    /// Live connections per student.
    pub per_student: Arc<Counter<String>>,
    /// Password checks at once (argon2 is made to be slow).
    pub login_gate: Semaphore,
    /// Whether the login cookie says `Secure` (behind TLS).
    pub secure_cookies: bool,
    /// Who holds live records and watch streams open, and the pulse of each attempt.
    pub hub: Arc<hub::Hub>,
    /// The teachers' demonstrations running in this process.
    pub demos: demo::Demos,
    /// HTTP requests per address.
    pub requests: Requests,
    /// The browser build served at `/`.
    pub web_dir: PathBuf,
}

/// The shared state of the routes.
pub type AppState = Arc<App>;

/// Now on the wall clock, ms since 1970 (the server's edge reads the wall clock; the core
/// never does).
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// How to serve.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where to listen (loopback unless told otherwise).
    pub listen: SocketAddr,
    /// The database URL (`sqlite://…`, `postgres://…`) or an SQLite file path.
    pub database: String,
    /// Mark the login cookie `Secure` (when a TLS proxy stands in front).
    pub secure_cookies: bool,
    /// The browser build's folder, served at `/` (scripts/build-web.sh writes `dist/`).
    pub web_dir: PathBuf,
    /// HTTP requests one address may make per second on average (0: no limit).
    pub requests_per_s: f64,
}

impl Config {
    /// Loopback on `listen`, database `database`, the defaults for the rest (the browser
    /// build in `dist/` of the current folder).
    pub fn new(listen: SocketAddr, database: &str) -> Config {
        Config {
            listen,
            database: database.to_string(),
            secure_cookies: false,
            web_dir: PathBuf::from("dist"),
            requests_per_s: limits::REQUESTS_PER_S,
        }
    }
}

/// The database file in the app's data folder (the folder the window's autosave uses):
/// `$XDG_DATA_HOME/scs-sim` or `~/.local/share/scs-sim` on Linux.
pub fn default_database() -> Option<PathBuf> {
    let data = if cfg!(target_os = "macos") {
        std::env::home_dir().map(|h| {
            h.join("Library")
                .join("Application Support")
                .join("scs-sim")
        })
    } else if cfg!(windows) {
        std::env::var_os("APPDATA").map(|a| PathBuf::from(a).join("scs-sim").join("data"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::home_dir().map(|h| h.join(".local").join("share")))
            .map(|p| p.join("scs-sim"))
    };
    data.map(|d| d.join("class.sqlite3"))
}

/// A server running in this process.
pub struct Running {
    /// The address it listens on (the real port when asked for port 0).
    pub addr: SocketAddr,
    /// The store it uses.
    pub store: Store,
    /// The serving task.
    pub task: tokio::task::JoinHandle<()>,
}

/// Opens the store, binds, and serves in the background (with the time-out sweeper).
pub async fn spawn(config: &Config) -> anyhow::Result<Running> {
    let store = Store::open(&config.database).await?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.listen))?;
    let addr = listener.local_addr()?;
    let app: AppState = Arc::new(App {
        store: store.clone(),
        replays: Replays::default(),
        per_address: Counter::new(PER_ADDRESS),
        per_student: Counter::new(PER_STUDENT),
        login_gate: Semaphore::new(2),
        secure_cookies: config.secure_cookies,
        hub: Arc::default(),
        demos: demo::Demos::default(),
        requests: Requests::new(config.requests_per_s),
        web_dir: config.web_dir.clone(),
    });
    let sweeper = tokio::spawn(attempt::sweep(Arc::clone(&app)));
    let service = routes::router(app).into_make_service_with_connect_info::<SocketAddr>();
    let task = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, service).await {
            eprintln!("scs-sim serve: {e}");
        }
        sweeper.abort();
    });
    Ok(Running { addr, store, task })
}

/// Adds a teacher (or sets the password of the one of that name); returns whether new.
pub async fn add_teacher(store: &Store, name: &str, password: &str) -> anyhow::Result<bool> {
    let name = names::clean_name(name, "teacher's name").map_err(|e| anyhow::anyhow!(e.message))?;
    let password = password.to_string();
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(&password)).await??;
    Ok(store
        .set_teacher(&auth::random_hex(16), &name, &hash, now_ms())
        .await?)
}
