-- Together: the pair's own activities beside the library's, each member's favourite
-- activities, the surprises already offered to a bond (so "surprise us" does not repeat
-- itself), and each member's interests. All but the surprises are bond records, always shared.

CREATE TABLE own_activities (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility = 'shared'),
    unseal_at TIMESTAMPTZ CHECK (unseal_at IS NULL),
    made_together BOOLEAN NOT NULL DEFAULT FALSE,
    title TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('sports', 'art', 'cooking', 'nature', 'adventure',
        'games', 'learning', 'helping_others', 'daily_routines', 'at_a_distance')),
    minutes BIGINT NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    cost TEXT NOT NULL CHECK (cost IN ('free', 'low', 'medium', 'high')),
    place TEXT NOT NULL CHECK (place IN ('indoor', 'outdoor', 'either')),
    energy TEXT NOT NULL CHECK (energy IN ('low', 'medium', 'high')),
    needs TEXT NOT NULL,
    how TEXT NOT NULL,
    talk TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX own_activities_bond ON own_activities(bond_id, created_at);

CREATE TABLE activity_favourites (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility = 'shared'),
    unseal_at TIMESTAMPTZ CHECK (unseal_at IS NULL),
    activity_id TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (bond_id, author_id, activity_id)
);

CREATE TABLE activity_picks (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    activity_id TEXT NOT NULL,
    picked_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX activity_picks_bond ON activity_picks(bond_id, picked_at);

-- An interest is a tag of the list or a few words of one's own; `match_key` is what two
-- interests are compared by (the tag's id, or the words normalised).
CREATE TABLE interests (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility = 'shared'),
    unseal_at TIMESTAMPTZ CHECK (unseal_at IS NULL),
    made_together BOOLEAN NOT NULL DEFAULT FALSE,
    tag_id TEXT,
    words TEXT,
    match_key TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    CHECK ((tag_id IS NULL) <> (words IS NULL)),
    UNIQUE (bond_id, author_id, match_key)
);
