-- Binding requests from a unit account to a handler's personal account (mock_sites.hrss.binding).
-- An accepted request makes the pair a row of `unit_handler` (schema_platform.sql).
CREATE TABLE IF NOT EXISTS binding_request (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    person_id INTEGER NOT NULL REFERENCES person(id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
    requested_at TEXT NOT NULL,
    decided_at TEXT
);

-- At most one open request per unit and person.
CREATE UNIQUE INDEX IF NOT EXISTS binding_request_one_pending
    ON binding_request (unit_id, person_id) WHERE status = 'pending';
