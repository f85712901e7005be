-- Feelings: check-ins, the answers to them, calm-down tries, needs profiles, and the weekly
-- invitation to share back.

CREATE TABLE checkins (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility IN ('private', 'shared')),
    unseal_at TEXT CHECK (unseal_at IS NULL),
    made_together INTEGER NOT NULL DEFAULT 0,
    feeling_id TEXT,
    custom_word TEXT,
    quadrant TEXT NOT NULL CHECK (quadrant IN ('bright', 'calm', 'stormy', 'heavy')),
    intensity INTEGER CHECK (intensity BETWEEN 1 AND 5),
    note TEXT,
    need TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT,
    CHECK ((feeling_id IS NULL) <> (custom_word IS NULL))
);
CREATE INDEX checkins_bond ON checkins(bond_id, author_id, created_at);

CREATE TABLE checkin_replies (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility = 'shared'),
    unseal_at TEXT CHECK (unseal_at IS NULL),
    checkin_id TEXT NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
    reaction TEXT,
    body TEXT,
    created_at TEXT NOT NULL,
    CHECK (reaction IS NOT NULL OR body IS NOT NULL)
);
CREATE INDEX checkin_replies_checkin ON checkin_replies(checkin_id, created_at);

CREATE TABLE calm_tries (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility IN ('private', 'shared')),
    unseal_at TEXT CHECK (unseal_at IS NULL),
    made_together INTEGER NOT NULL DEFAULT 0,
    strategy_id TEXT NOT NULL,
    helped TEXT NOT NULL CHECK (helped IN ('yes', 'some', 'no')),
    created_at TEXT NOT NULL
);
CREATE INDEX calm_tries_bond ON calm_tries(bond_id, author_id, created_at);

CREATE TABLE needs_profiles (
    member_id TEXT PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    helps TEXT NOT NULL DEFAULT '',
    unhelpful TEXT NOT NULL DEFAULT '',
    comfort TEXT NOT NULL DEFAULT '',
    signs TEXT NOT NULL DEFAULT '',
    made_together INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);

CREATE TABLE feeling_invitations (
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    week TEXT NOT NULL,
    created_at TEXT NOT NULL,
    dismissed_at TEXT,
    PRIMARY KEY (bond_id, member_id, week)
);
