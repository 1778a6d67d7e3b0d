//! Storage: one connection type over SQLite and PostgreSQL, the pool, migrations, and the
//! repository functions. Repository functions are plain synchronous functions taking
//! `&mut DbConn`; async code reaches them only through [`Database::run`], which runs them on
//! the blocking thread pool. This module is the only place that matches on the backend.

pub mod audit;
pub mod deliveries;
pub mod edition_revisions;
pub mod editions;
pub mod media;
pub mod publication;
pub mod published;
pub mod rate_limits;
pub mod refresh_tokens;
pub mod scheduled_sends;
pub mod schema;
pub mod server_secret;
pub mod server_state;
pub mod stories;
pub mod subscribers;
pub mod totp;
pub mod translations;
pub mod users;

use std::path::PathBuf;
use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::config::DatabaseSettings;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// A connection to whichever backend the configured URL names.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

/// The backend and its address, parsed from `database_url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    Sqlite { path: PathBuf },
    Postgres { url: String },
}

impl Backend {
    pub fn from_url(url: &str) -> Result<Self, DbError> {
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err(DbError::BadUrl(url.to_owned()));
            }
            Ok(Backend::Sqlite { path: PathBuf::from(path) })
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres { url: url.to_owned() })
        } else {
            Err(DbError::BadUrl(url.to_owned()))
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite { .. } => "sqlite",
            Backend::Postgres { .. } => "postgres",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database URL must start with sqlite:// or postgres://, got {0:?}")]
    BadUrl(String),
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Query(DieselError),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("a database task panicked")]
    TaskFailed,
}

impl From<DieselError> for DbError {
    fn from(error: DieselError) -> Self {
        match error {
            DieselError::DatabaseError(DatabaseErrorKind::ClosedConnection, info)
            | DieselError::DatabaseError(DatabaseErrorKind::UnableToSendCommand, info) => {
                DbError::Unavailable(info.message().to_owned())
            }
            other => DbError::Query(other),
        }
    }
}

impl From<r2d2::Error> for DbError {
    fn from(error: r2d2::Error) -> Self {
        DbError::Unavailable(error.to_string())
    }
}

/// Opens connections for r2d2 and prepares every new SQLite connection.
pub struct ConnectionManager {
    backend: Backend,
    sqlite_busy_timeout_ms: u32,
}

impl r2d2::ManageConnection for ConnectionManager {
    type Connection = DbConn;
    type Error = DbError;

    fn connect(&self) -> Result<DbConn, DbError> {
        match &self.backend {
            Backend::Sqlite { path } => {
                let mut conn = SqliteConnection::establish(&path.to_string_lossy())
                    .map_err(|e| DbError::Unavailable(e.to_string()))?;
                // busy_timeout first: switching to WAL may itself wait for the file lock.
                conn.batch_execute(&format!(
                    "PRAGMA busy_timeout = {};
                     PRAGMA journal_mode = WAL;
                     PRAGMA synchronous = NORMAL;
                     PRAGMA foreign_keys = ON;",
                    self.sqlite_busy_timeout_ms
                ))?;
                Ok(DbConn::Sqlite(conn))
            }
            Backend::Postgres { url } => {
                PgConnection::establish(url).map(DbConn::Postgres).map_err(|e| DbError::Unavailable(e.to_string()))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), DbError> {
        Ok(conn.batch_execute("SELECT 1")?)
    }

    fn has_broken(&self, _conn: &mut DbConn) -> bool {
        false
    }
}

/// The connection pool, cheap to clone.
#[derive(Clone)]
pub struct Database {
    pool: r2d2::Pool<ConnectionManager>,
    backend: Backend,
}

impl Database {
    /// Builds the pool without connecting, so a server can start while its database is down
    /// and report that on `/ready` instead of exiting.
    pub fn open(url: &str, settings: &DatabaseSettings) -> Result<Self, DbError> {
        let backend = Backend::from_url(url)?;
        if let Backend::Sqlite { path } = &backend {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .map_err(|e| DbError::Unavailable(format!("{}: {e}", parent.display())))?;
            }
        }
        let manager =
            ConnectionManager { backend: backend.clone(), sqlite_busy_timeout_ms: settings.sqlite_busy_timeout_ms };
        let pool = r2d2::Pool::builder()
            .max_size(settings.pool_size)
            .min_idle(Some(0))
            .connection_timeout(Duration::from_secs(settings.connection_timeout_secs))
            // A PostgreSQL connection dies when its server restarts, and nothing tells the
            // pool; checking it out with `SELECT 1` (one round trip) hands out only live ones,
            // so the service recovers by itself. A SQLite connection is a file: no check.
            .test_on_check_out(matches!(backend, Backend::Postgres { .. }))
            .build_unchecked(manager);
        Ok(Self { pool, backend })
    }

    pub fn backend(&self) -> &Backend {
        &self.backend
    }

    /// A connection for synchronous callers (CLI commands, worker threads).
    pub fn connection(&self) -> Result<r2d2::PooledConnection<ConnectionManager>, DbError> {
        Ok(self.pool.get()?)
    }

    /// Runs `work` with a pooled connection on the blocking thread pool, so neither the
    /// checkout nor the queries ever hold up an async executor thread.
    pub async fn run<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().map_err(DbError::from)?;
            work(&mut conn)
        })
        .await
        .map_err(|_| DbError::TaskFailed)?
    }

    /// Applies pending migrations; returns the names of those applied.
    pub fn migrate(&self) -> Result<Vec<String>, DbError> {
        let mut conn = self.connection()?;
        run_migrations(&mut conn)
    }
}

fn run_migrations(conn: &mut DbConn) -> Result<Vec<String>, DbError> {
    match conn {
        DbConn::Sqlite(conn) => apply_pending(conn, SQLITE_MIGRATIONS),
        DbConn::Postgres(conn) => {
            // Several servers may start at once against one database: let one migrate.
            const MIGRATION_LOCK: i64 = 0x6e61_7368_7261; // "nashra"
            conn.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))?;
            let applied = apply_pending(conn, POSTGRES_MIGRATIONS);
            conn.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))?;
            applied
        }
    }
}

/// Runs the pending migrations of `source`; returns their names (`<date>_<title>`).
fn apply_pending<DB, C>(conn: &mut C, source: EmbeddedMigrations) -> Result<Vec<String>, DbError>
where
    DB: diesel::backend::Backend,
    C: MigrationHarness<DB>,
    EmbeddedMigrations: diesel::migration::MigrationSource<DB>,
{
    let failed = |e: Box<dyn std::error::Error + Send + Sync>| DbError::Migration(e.to_string());
    let pending = conn.pending_migrations(source).map_err(failed)?;
    let names = pending.iter().map(|migration| migration.name().to_string()).collect();
    conn.run_migrations(&pending).map_err(failed)?;
    Ok(names)
}

/// Runs `work` in a transaction that takes the write lock up front. On SQLite a deferred
/// transaction that reads first and writes later fails at once with "database is locked"
/// when another writer got in between; `BEGIN IMMEDIATE` waits for the lock instead.
///
/// Inside a transaction already open (the importer's, which calls the same use cases as the
/// API), `work` runs in a savepoint of it, so use cases compose into larger transactions.
pub fn write_transaction<T, E, F>(conn: &mut DbConn, work: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<DieselError>,
{
    fn open<C>(conn: &mut C) -> Result<bool, DieselError>
    where
        C: Connection<TransactionManager = AnsiTransactionManager>,
    {
        Ok(AnsiTransactionManager::transaction_manager_status_mut(conn).transaction_depth()?.is_some())
    }
    match conn {
        DbConn::Sqlite(inner) => {
            if open(inner)? {
                AnsiTransactionManager::begin_transaction(inner)?
            } else {
                AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?
            }
        }
        DbConn::Postgres(inner) => AnsiTransactionManager::begin_transaction(inner)?,
    }
    match work(conn) {
        Ok(value) => {
            if let Err(commit_error) = DbConn::commit_transaction(conn) {
                let _ = DbConn::rollback_transaction(conn);
                return Err(commit_error.into());
            }
            Ok(value)
        }
        Err(error) => {
            DbConn::rollback_transaction(conn)?;
            Err(error)
        }
    }
}

/// Whether an error is a unique-constraint violation (a duplicate email, say).
pub fn is_unique_violation(error: &DieselError) -> bool {
    matches!(error, DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _))
}

/// Current time as stored: UTC without an offset, whole microseconds (both backends keep that).
pub fn now() -> chrono::NaiveDateTime {
    use chrono::{SubsecRound, Utc};
    Utc::now().naive_utc().trunc_subsecs(6)
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::RunQueryDsl;

    #[test]
    fn urls_pick_the_backend() {
        assert_eq!(
            Backend::from_url("sqlite://data/nashra.db").unwrap(),
            Backend::Sqlite { path: "data/nashra.db".into() }
        );
        assert_eq!(Backend::from_url("postgres://u@h/db").unwrap().name(), "postgres");
        assert!(Backend::from_url("mysql://x").is_err());
        assert!(Backend::from_url("sqlite://").is_err());
    }

    #[test]
    fn write_transactions_nest_as_savepoints() {
        use diesel::sql_types::BigInt;
        #[derive(diesel::QueryableByName)]
        struct Count {
            #[diesel(sql_type = BigInt)]
            n: i64,
        }
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let settings = DatabaseSettings { pool_size: 1, connection_timeout_secs: 5, sqlite_busy_timeout_ms: 1000 };
        let db = Database::open(&url, &settings).unwrap();
        let mut conn = db.connection().unwrap();
        conn.batch_execute("CREATE TABLE t (x INTEGER)").unwrap();
        let insert = |conn: &mut DbConn, x: i64| diesel::sql_query(format!("INSERT INTO t VALUES ({x})")).execute(conn);
        write_transaction(&mut conn, |conn| -> Result<(), DieselError> {
            insert(conn, 1)?;
            let inner = write_transaction(conn, |conn| -> Result<(), DieselError> {
                insert(conn, 2)?;
                Err(DieselError::RollbackTransaction)
            });
            assert!(inner.is_err());
            write_transaction(conn, |conn| insert(conn, 3).map(|_| ()))
        })
        .unwrap();
        let count: Count = diesel::sql_query("SELECT COUNT(*) AS n FROM t").get_result(&mut *conn).unwrap();
        assert_eq!(count.n, 2, "the failed inner part rolled back alone; the rest committed");
    }

    #[test]
    fn both_backends_have_the_same_migrations() {
        let names = |backend: &str| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(backend);
            let mut names: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        assert_eq!(names("sqlite"), names("postgres"));
        assert!(!names("sqlite").is_empty());
    }
}
