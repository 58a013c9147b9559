CREATE TABLE users (
  id BIGINT PRIMARY KEY,
  email TEXT NOT NULL,
  display_name TEXT
);
