DROP TABLE scheduled_sends;
