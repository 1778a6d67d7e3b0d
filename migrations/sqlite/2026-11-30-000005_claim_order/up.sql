-- Workers claim due deliveries earliest due first, in queue order within the same time
-- (db::deliveries::claim). With id in the index, each claim reads the next rows in index
-- order instead of sorting every queued delivery.
DROP INDEX deliveries_due;
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at, id);
