-- SMS gateway outbox (mock_sites.sms)

CREATE TABLE IF NOT EXISTS sms_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    phone TEXT NOT NULL,
    purpose TEXT NOT NULL,
    code TEXT,
    text TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0
);

