-- The platform behind the login and its 稳岗返还 (mock_sites.hrss.platform, mock_sites.hrss.rebate).

-- Which personal accounts may act for which unit. Filled by the binding (子账号/父账号) and
-- 授权码 modules: `bound` once the handler accepted the unit's binding request,
-- `authcode_realname` once 授权码实名 is completed. A handler may use 稳岗返还信息确认 for the
-- unit only when both are 1 (platform.handler_may_act_for).
CREATE TABLE IF NOT EXISTS unit_handler (
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    person_id INTEGER NOT NULL REFERENCES person(id),
    bound INTEGER NOT NULL DEFAULT 0,
    authcode_realname INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, person_id)
);

-- A unit's 稳岗返还 for one period, as the agency computed it.
CREATE TABLE IF NOT EXISTS rebate (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    period TEXT NOT NULL,                 -- e.g. 2025年度
    amount_cents INTEGER NOT NULL,
    bank_name TEXT NOT NULL,
    bank_account TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (unit_id, period)
);

-- The unit's confirmation of a rebate record: at most one per record.
CREATE TABLE IF NOT EXISTS rebate_confirmation (
    rebate_id INTEGER PRIMARY KEY REFERENCES rebate(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    confirmed_at TEXT NOT NULL,
    via TEXT NOT NULL,                    -- gdidp / person
    person_id INTEGER REFERENCES person(id)
);
