DROP TABLE deliveries;
DROP TABLE subscribers;
