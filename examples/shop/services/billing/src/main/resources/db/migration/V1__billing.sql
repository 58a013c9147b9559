-- billing keeps its own copy of users' addresses and listens to no event (unsynced-data-copy)
CREATE TABLE user_emails (
  user_id BIGINT PRIMARY KEY,
  email TEXT NOT NULL,
  display_name TEXT
);
