//! Keeping the generated signing secret beside the data, for a server nobody gave one.
//!
//! - SQLite: a file next to the database (`nashra.db` → `nashra.db.secret`), readable by its
//!   owner only. Not inside the database, whose file is often readable by more people.
//! - PostgreSQL: a row in `server_secrets`, so every server on the database agrees.
//!
//! Several processes may start at once; whichever stores first wins and the others read
//! what it stored. Which secret to use, and which to refuse, is `auth::secret`'s business.

use std::io::Write;
use std::path::{Path, PathBuf};

use diesel::sql_types::Text;
use diesel::RunQueryDsl;

use super::{Backend, Database, DbConn, DbError};

const SECRET_NAME: &str = "signing";

#[derive(diesel::QueryableByName)]
struct Stored {
    #[diesel(sql_type = Text)]
    value: String,
}

impl Database {
    /// The secret kept for this database, storing `generate()` first if there is none.
    pub fn stored_secret(&self, generate: impl FnOnce() -> String) -> Result<String, DbError> {
        match self.backend() {
            Backend::Sqlite { path } => file_secret(&secret_path(path), generate),
            Backend::Postgres { .. } => {
                let mut conn = self.connection()?;
                row_secret(&mut conn, generate)
            }
        }
    }
}

/// Where the secret of the SQLite database at `database` lives.
pub fn secret_path(database: &Path) -> PathBuf {
    let mut name = database.file_name().unwrap_or_default().to_owned();
    name.push(".secret");
    database.with_file_name(name)
}

fn file_secret(path: &Path, generate: impl FnOnce() -> String) -> Result<String, DbError> {
    let failed = |e: std::io::Error| DbError::Unavailable(format!("{}: {e}", path.display()));
    match std::fs::read_to_string(path) {
        Ok(value) => return Ok(value.trim().to_owned()),
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(failed(e)),
        Err(_) => {}
    }
    // Written whole under a temporary name, then linked into place: a process starting at
    // the same moment either sees no file or a complete one, never half a secret.
    let temporary = path.with_file_name(format!(
        "{}.{}-{:08x}.tmp",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id(),
        rand::random::<u32>()
    ));
    let mut file = owner_only(&temporary).map_err(failed)?;
    let written = file.write_all(generate().as_bytes()).and_then(|()| file.sync_all());
    let linked = written.and_then(|()| std::fs::hard_link(&temporary, path));
    let _ = std::fs::remove_file(&temporary);
    match linked {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(failed(e)),
    }
    std::fs::read_to_string(path).map(|value| value.trim().to_owned()).map_err(failed)
}

#[cfg(unix)]
fn owner_only(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)
}

#[cfg(not(unix))]
fn owner_only(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).create_new(true).open(path)
}

fn row_secret(conn: &mut DbConn, generate: impl FnOnce() -> String) -> Result<String, DbError> {
    // `ON CONFLICT` is PostgreSQL's; this function is only reached for it.
    diesel::sql_query("INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
        .bind::<Text, _>(SECRET_NAME)
        .bind::<Text, _>(generate())
        .execute(conn)?;
    let stored: Stored = diesel::sql_query("SELECT value FROM server_secrets WHERE name = $1")
        .bind::<Text, _>(SECRET_NAME)
        .get_result(conn)?;
    Ok(stored.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_secret_stored_is_kept_and_readable_by_its_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = secret_path(&dir.path().join("nashra.db"));
        assert_eq!(path.file_name().unwrap(), "nashra.db.secret");
        assert_eq!(file_secret(&path, || "first".into()).unwrap(), "first");
        assert_eq!(file_secret(&path, || "second".into()).unwrap(), "first");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
