-- GD-IdP portal areas: trust-level verifications, out-of-band tickets, captchas, registration drafts.

-- One row per completed verification (核验); the account's trust_level is the highest level reached.
CREATE TABLE IF NOT EXISTS verification (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES legal_account(id) ON DELETE CASCADE,
    method TEXT NOT NULL,        -- registry | bank_cert | elicence | ca_cert | hall (see verification.py)
    level INTEGER NOT NULL,
    status TEXT NOT NULL,        -- 已核验
    verified_at TEXT NOT NULL
);

-- Something shown on a page that a phone or a local program acts upon: a WeChat code to scan
-- (face recognition, e-licence) or a certificate session with the CA helper (网银证书, CA证书).
CREATE TABLE IF NOT EXISTS ticket (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,          -- face | elicence | bank_cert | ca_cert
    account_id INTEGER REFERENCES legal_account(id) ON DELETE CASCADE,  -- set for verification of a logged-in account
    owner TEXT NOT NULL,         -- browser key of the session that may redeem it
    status TEXT NOT NULL DEFAULT 'pending',  -- pending | done | failed | replaced | used
    payload TEXT NOT NULL DEFAULT '{}',      -- JSON: what the scan or the certificate carried
    message TEXT,                -- why a scan failed
    created_at TEXT NOT NULL
);

-- Arithmetic image captcha of the password login; single use.
CREATE TABLE IF NOT EXISTS captcha (
    id TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0,
    browser TEXT,                -- the browser it was shown to (auth.browser_key)
    created_at TEXT NOT NULL
);

-- Step 1 of 法人注册 passed, waiting for step 2 (实名核验). Not an account: nothing is
-- created in legal_account until step 2 confirms.
CREATE TABLE IF NOT EXISTS registration_draft (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,          -- JSON of the checked form, password already hashed
    created_at TEXT NOT NULL
);
