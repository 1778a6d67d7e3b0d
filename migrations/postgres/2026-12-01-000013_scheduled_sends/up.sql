-- An edition's send set for a later time: one row per edition, its latest schedule. A row is
-- pending until a server's scheduler claims it by setting started_at, with a conditional
-- UPDATE in the transaction that queues the deliveries: the send starts exactly once, however
-- many servers poll, and a restart before the time loses nothing. Cancelling deletes a
-- pending row; the audit trail keeps what was scheduled, cancelled and started.
CREATE TABLE scheduled_sends (
    edition_id BIGINT PRIMARY KEY REFERENCES editions (id) ON DELETE CASCADE,
    send_at TIMESTAMP NOT NULL,
    scheduled_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    started_at TIMESTAMP
);
CREATE INDEX scheduled_sends_due ON scheduled_sends (send_at) WHERE started_at IS NULL;
