//! What a running server tells the commands run beside it (`server_state`): today the public
//! address it serves the site at, which `nashra export web` and `nashra send` fall back on
//! when their own settings name none.

use diesel::prelude::*;

use super::schema::server_state;
use super::{now, write_transaction, DbConn};

const PUBLIC_URL: &str = "public_url";

/// Records `url` as the address the site is served at (the last server started wins).
pub fn record_public_url(conn: &mut DbConn, url: &str) -> QueryResult<()> {
    write_transaction(conn, |conn| {
        let row = server_state::table.find(PUBLIC_URL);
        let updated =
            diesel::update(row).set((server_state::value.eq(url), server_state::updated_at.eq(now()))).execute(conn)?;
        if updated == 0 {
            diesel::insert_into(server_state::table)
                .values((
                    server_state::name.eq(PUBLIC_URL),
                    server_state::value.eq(url),
                    server_state::updated_at.eq(now()),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}

/// The address the last server started on this database serves the site at, if any did.
pub fn public_url(conn: &mut DbConn) -> QueryResult<Option<String>> {
    server_state::table.find(PUBLIC_URL).select(server_state::value).first(conn).optional()
}
