-- Personal accounts of 广东人社统一认证 (mock_sites.hrss.accounts).

-- A face-recognition check a personal account started to reach 二级实名. The browser shows the
-- ticket; the phone (here the control API or its /__mock__/ page) sets `result`.
CREATE TABLE IF NOT EXISTS realname_check (
    ticket TEXT PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id),
    result TEXT CHECK (result IN ('pass', 'fail')),   -- NULL until the phone has scanned
    created_at TEXT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0
);
