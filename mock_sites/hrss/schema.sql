-- HRSS core state. Area modules add their own schema_<area>.sql beside this file.

-- Personal accounts of 广东人社统一认证; a unit's handler needs real-name level 2 or higher.
CREATE TABLE IF NOT EXISTS person (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    login_name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    name TEXT NOT NULL,
    id_number TEXT NOT NULL UNIQUE,
    phone TEXT NOT NULL,
    realname_level INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

-- Unit accounts. A unit that arrived through 省统一身份认证 is linked by its certificate
-- number (统一社会信用代码) to its GD-IdP legal account.
CREATE TABLE IF NOT EXISTS unit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cert_type TEXT NOT NULL CHECK (cert_type IN ('uscc', 'org_code')),
    cert_no TEXT NOT NULL UNIQUE,
    unit_name TEXT NOT NULL,
    location TEXT NOT NULL,
    address_detail TEXT NOT NULL,
    legal_rep_name TEXT NOT NULL,
    legal_rep_id TEXT NOT NULL,
    legal_rep_phone TEXT NOT NULL,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    manager_code TEXT NOT NULL UNIQUE,          -- 单位管理码
    registrar_person_id INTEGER REFERENCES person(id),  -- 单位所属实名人员
    gdidp_linked INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
