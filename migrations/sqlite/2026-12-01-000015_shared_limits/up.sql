-- Login and subscribe limits kept in the database (auth::rate_limit's shared window), so that
-- several servers on one PostgreSQL count every attempt together. One row per counted
-- attempt: bucket (which limit), subject (the client or account it counts for, bounded in
-- length by the callers) and when it leaves the window. A check reads the subject's rows
-- that have not expired and inserts one more, under a lock on the subject (a transaction-
-- scoped advisory lock on PostgreSQL; SQLite serialises writers), and deletes a few expired
-- rows of any subject, so the table holds at most the attempts of one window.
CREATE TABLE rate_limit_hits (
    id INTEGER PRIMARY KEY,
    bucket TEXT NOT NULL,
    subject TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX rate_limit_hits_subject ON rate_limit_hits (bucket, subject, expires_at);
CREATE INDEX rate_limit_hits_expires ON rate_limit_hits (expires_at);
