-- The generated signing secret lives in an owner-only file beside the database, not in it
-- (db::server_secret): the database file is often readable by more people than the secret
-- should be.

-- Unsubscribing advances a subscriber's link epoch; confirmation links name the epoch they
-- were made in, so one from before someone left cannot sign them up again.
ALTER TABLE subscribers ADD COLUMN link_epoch BIGINT NOT NULL DEFAULT 0;

-- Counting an address's recent confirmation emails (the subscribe cooldown and daily cap).
CREATE INDEX deliveries_subscriber ON deliveries (subscriber_id, kind, created_at);
