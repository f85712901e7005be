-- The memory book. A memory is one moment the two lived (a plan's occurrence, or one they
-- add directly), always shared. Each member's perspective on a moment is a reflection: on a
-- plan it stays private until both have reflected (or a week has passed); on a memory made
-- directly it is shared at once. Photos belong to a reflection and follow its visibility;
-- their files live in the media store under the keys kept here.

CREATE TABLE memories (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility = 'shared'),
    unseal_at TEXT CHECK (unseal_at IS NULL),
    made_together INTEGER NOT NULL DEFAULT 0,
    moment_key TEXT NOT NULL,
    title TEXT NOT NULL,
    happened_on TEXT NOT NULL,
    category TEXT,
    plan_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (bond_id, moment_key)
);
CREATE INDEX memories_day ON memories(bond_id, happened_on);

CREATE TABLE reflections (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility IN ('private', 'shared')),
    unseal_at TEXT CHECK (unseal_at IS NULL),
    made_together INTEGER NOT NULL DEFAULT 0,
    moment_key TEXT NOT NULL,
    highlight TEXT NOT NULL,
    learned TEXT NOT NULL DEFAULT '',
    feeling_id TEXT,
    feeling_words TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (bond_id, moment_key, author_id)
);

CREATE TABLE photos (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility IN ('private', 'shared')),
    unseal_at TEXT CHECK (unseal_at IS NULL),
    made_together INTEGER NOT NULL DEFAULT 0,
    reflection_id TEXT NOT NULL REFERENCES reflections(id) ON DELETE CASCADE,
    moment_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    large_key TEXT NOT NULL,
    large_width INTEGER NOT NULL,
    large_height INTEGER NOT NULL,
    large_bytes INTEGER NOT NULL,
    thumb_key TEXT NOT NULL,
    thumb_width INTEGER NOT NULL,
    thumb_height INTEGER NOT NULL,
    thumb_bytes INTEGER NOT NULL,
    alt_text TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX photos_moment ON photos(bond_id, moment_key);
CREATE INDEX photos_reflection ON photos(reflection_id);
