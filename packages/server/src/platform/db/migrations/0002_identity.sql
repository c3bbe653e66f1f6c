-- Tenants, users, access keys, sessions (refresh-token families) and token signing keys.
CREATE TABLE tenant (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  tenant_id uuid NOT NULL REFERENCES tenant (id),
  id uuid NOT NULL,
  email text NOT NULL,
  name text NOT NULL DEFAULT '',
  role text NOT NULL,
  -- scrypt$N$r$p$salt$hash; null for users who only own access keys (connector users).
  password_hash text,
  status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX app_user_email ON app_user (tenant_id, lower(email));

CREATE TABLE access_key (
  tenant_id uuid NOT NULL,
  id text NOT NULL,
  user_id uuid NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('acd-connector', 'general')),
  secret_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id)
);
-- Login presents only the key id, so it must be unique across tenants.
CREATE UNIQUE INDEX access_key_id ON access_key (id);

CREATE TABLE auth_session (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  access_key_id text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX auth_session_revoked ON auth_session (revoked_at) WHERE revoked_at IS NOT NULL;
CREATE INDEX auth_session_key ON auth_session (tenant_id, access_key_id);

CREATE TABLE refresh_token (
  tenant_id uuid NOT NULL,
  token_hash text NOT NULL,
  session_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (tenant_id, token_hash)
);
-- A refresh request carries only the token, so its hash must be unique across tenants.
CREATE UNIQUE INDEX refresh_token_hash ON refresh_token (token_hash);

CREATE TABLE signing_key (
  kid text PRIMARY KEY,
  private_jwk text NOT NULL,
  public_jwk text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);
