-- OAuth2 authorization codes and access tokens (mock_sites.gdzwfw.oauth). Both are stored as
-- SHA-256 hashes; times are Unix seconds.
CREATE TABLE IF NOT EXISTS sso_code (
    code_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES legal_account(id),
    client_id TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    expires_at REAL NOT NULL,
    used INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS sso_token (
    token_hash TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL REFERENCES sso_code(code_hash),
    account_id INTEGER NOT NULL REFERENCES legal_account(id),
    expires_at REAL NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);
