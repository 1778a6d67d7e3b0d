-- The signing secret a server generates when none is configured (auth::secret), kept in the
-- database so that every server on it signs and verifies alike. SQLite keeps it in an
-- owner-only file beside the database instead.
CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc')
);

-- Unsubscribing advances a subscriber's link epoch; confirmation links name the epoch they
-- were made in, so one from before someone left cannot sign them up again.
ALTER TABLE subscribers ADD COLUMN link_epoch BIGINT NOT NULL DEFAULT 0;

-- Counting an address's recent confirmation emails (the subscribe cooldown and daily cap).
CREATE INDEX deliveries_subscriber ON deliveries (subscriber_id, kind, created_at);
