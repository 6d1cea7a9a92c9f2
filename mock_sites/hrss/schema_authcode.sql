-- 单位授权码: applications, their materials, the codes the agency issues (mock_sites.hrss.realname).

-- A handler's application for the 授权码 of one or more units bound to their personal account.
CREATE TABLE IF NOT EXISTS authcode_application (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES person(id),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    reject_reason TEXT,
    submitted_at TEXT NOT NULL,
    decided_at TEXT
);

-- The units ticked in an application.
CREATE TABLE IF NOT EXISTS authcode_application_unit (
    application_id INTEGER NOT NULL REFERENCES authcode_application(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    PRIMARY KEY (application_id, unit_id)
);

-- Uploaded materials: the file lives in the upload folder under `stored_name`; the name the
-- handler's file had, its type, size and SHA-256 are kept so the agency sees what was sent.
CREATE TABLE IF NOT EXISTS authcode_material (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id INTEGER NOT NULL REFERENCES authcode_application(id),
    original_name TEXT NOT NULL,
    stored_name TEXT NOT NULL UNIQUE,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL
);

-- One 授权码 per approved unit, sent to the handler by SMS; spent by 授权码实名.
CREATE TABLE IF NOT EXISTS unit_authcode (
    code TEXT PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES authcode_application(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    person_id INTEGER NOT NULL REFERENCES person(id),
    issued_at TEXT NOT NULL,
    used_at TEXT
);

-- Wrong codes typed in 授权码实名, to stop guessing (see authcode.MAX_WRONG_CODES).
CREATE TABLE IF NOT EXISTS authcode_failure (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES person(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    failed_at TEXT NOT NULL          -- ISO 8601, compared as text
);
