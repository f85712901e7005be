-- The one-on-one time goal of a bond: minutes a week, set or changed by either member. Each
-- setting is a new row and the latest one holds, so who set what is kept; a row without
-- minutes means "no goal".
CREATE TABLE time_goals (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility = 'shared'),
    unseal_at TEXT CHECK (unseal_at IS NULL),
    made_together INTEGER NOT NULL DEFAULT 0,
    minutes_per_week INTEGER CHECK (minutes_per_week BETWEEN 15 AND 600),
    created_at TEXT NOT NULL
);
CREATE INDEX time_goals_bond ON time_goals(bond_id, created_at);

-- Each member's private calendar feed of a bond's plans. Calendar apps cannot log in, so the
-- feed's address carries a random token; only its SHA-256 is kept. One live link per member
-- and bond: a new link replaces the old one, turning it off deletes the row.
CREATE TABLE calendar_feeds (
    token_hash TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    UNIQUE (bond_id, member_id)
);
