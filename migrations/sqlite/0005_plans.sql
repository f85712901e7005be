-- Plans: time the pair puts aside for each other, once or on a rhythm. The start is kept as
-- wall-clock time in the plan's own time zone, so "Sundays at 10:00" stays at 10:00 there
-- across daylight-saving changes; the instants are computed from it.
CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility = 'shared'),
    unseal_at TEXT CHECK (unseal_at IS NULL),
    made_together INTEGER NOT NULL DEFAULT 0,
    activity_id TEXT,
    title TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    time_zone TEXT NOT NULL,
    starts_local TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 1440),
    recurrence TEXT NOT NULL CHECK (recurrence IN ('once', 'weekly', 'fortnightly', 'monthly')),
    until_day TEXT,
    first_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX plans_bond ON plans(bond_id, first_at);

-- Either member may move or cancel one occurrence (a one-off plan has exactly one), or stop a
-- rhythm from now on, each with a note. Plans themselves never change: the latest change of an
-- occurrence decides where it stands, and the history is kept.
CREATE TABLE plan_changes (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility = 'shared'),
    unseal_at TEXT CHECK (unseal_at IS NULL),
    made_together INTEGER NOT NULL DEFAULT 0,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    occurrence TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('moved', 'cancelled', 'stopped')),
    new_starts_local TEXT,
    new_minutes INTEGER,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    CHECK ((kind = 'moved') = (new_starts_local IS NOT NULL AND new_minutes IS NOT NULL)),
    CHECK ((kind = 'stopped') = (occurrence IS NULL))
);
CREATE INDEX plan_changes_plan ON plan_changes(plan_id, created_at);
