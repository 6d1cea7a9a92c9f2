-- Login sessions of a portal (mock_sites.web): a session cookie is honoured only while its id is here.
CREATE TABLE IF NOT EXISTS login_session (
    sid TEXT PRIMARY KEY,
    started_at TEXT NOT NULL
);
