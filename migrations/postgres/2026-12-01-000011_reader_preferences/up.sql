-- "Erase my data" deletes a subscriber and every delivery to them; an edition's send report
-- must still add up afterwards. So what those deliveries counted is kept here, per edition,
-- ending and fallback, and never who they went to (db::deliveries::progress adds it in).
CREATE TABLE erased_deliveries (
    edition_id BIGINT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('sent', 'failed')),
    fallback BOOLEAN NOT NULL,
    total BIGINT NOT NULL,
    PRIMARY KEY (edition_id, status, fallback)
);
