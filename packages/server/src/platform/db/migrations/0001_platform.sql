-- Secrets the server generates once and every node shares (object URL signing key, ...).
CREATE TABLE platform_secret (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
