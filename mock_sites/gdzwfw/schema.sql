-- GD-IdP core state. Area modules add their own schema_<area>.sql beside this file.
CREATE TABLE IF NOT EXISTS legal_account (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    login_name TEXT UNIQUE,            -- NULL for accounts created by e-licence login
    password_hash TEXT,                -- NULL for accounts created by e-licence login
    unit_name TEXT NOT NULL,
    uscc TEXT NOT NULL UNIQUE,
    trust_level INTEGER NOT NULL DEFAULT 3,   -- 3 = 三级 (原L1), 4 = 四级 (原L2), 5 = 五级 (原L3)
    created_at TEXT NOT NULL
);
