-- What a running server tells the commands run beside it, by name: `public_url`, the address
-- it serves the site at (configured, or http:// and the address it bound), so that
-- `nashra export web` and `nashra send` started from another shell link to the same place.
CREATE TABLE server_state (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
