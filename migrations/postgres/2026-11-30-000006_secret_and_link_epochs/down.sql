DROP INDEX deliveries_subscriber;
ALTER TABLE subscribers DROP COLUMN link_epoch;
DROP TABLE server_secrets;
