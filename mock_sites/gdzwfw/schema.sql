-- GD-IdP core state. Area modules add their own schema_<area>.sql beside this file.
CREATE TABLE IF NOT EXISTS legal_account (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    login_name TEXT UNIQUE,            -- NULL for accounts created by e-licence login
    password_hash TEXT,                -- NULL for accounts created by e-licence login
    unit_name TEXT NOT NULL,
    uscc TEXT NOT NULL UNIQUE,
    trust_level INTEGER NOT NULL DEFAULT 3,   -- 3 = 三级 (原L1), 4 = 四级 (原L2), 5 = 五级 (原L3)
    created_at TEXT NOT NULL,
    -- 证件地址 (省/市/区 selects + detail) and the legal representative (法人信息)
    province TEXT,
    city TEXT,
    district TEXT,
    address_detail TEXT,
    legal_rep_name TEXT,
    legal_rep_id TEXT,
    -- 申请人信息: the current operator, added by face recognition, and the phone that got the SMS
    applicant_name TEXT,
    applicant_id TEXT,
    phone TEXT
);
