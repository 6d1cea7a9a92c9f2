-- SMS gateway outbox (mock_sites.sms), the same in both portals. `attempts` counts wrong codes
-- typed for a message; at sms.MAX_WRONG_TRIES the code is worth nothing.

CREATE TABLE IF NOT EXISTS sms_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    phone TEXT NOT NULL,
    purpose TEXT NOT NULL,
    code TEXT,
    text TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0
);
