-- Talk: the question of the day of each bond, every question offered to it (so none repeats
-- within a year), a deck the pair focuses on, and the answers, private until both answered.

CREATE TABLE daily_questions (
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    day DATE NOT NULL,
    question_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    mother_state TEXT CHECK (mother_state IN ('answered', 'skipped')),
    son_state TEXT CHECK (son_state IN ('answered', 'skipped')),
    revealed_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (bond_id, day)
);

CREATE TABLE question_offers (
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    day DATE NOT NULL,
    question_id TEXT NOT NULL,
    PRIMARY KEY (bond_id, question_id, day)
);
CREATE INDEX question_offers_day ON question_offers(bond_id, day);

CREATE TABLE talk_decks (
    bond_id TEXT PRIMARY KEY REFERENCES bonds(id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    until_day DATE NOT NULL,
    chosen_by TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE answers (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility IN ('private', 'shared')),
    unseal_at TIMESTAMPTZ CHECK (unseal_at IS NULL),
    made_together BOOLEAN NOT NULL DEFAULT FALSE,
    day DATE NOT NULL,
    question_id TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (bond_id, day, author_id),
    FOREIGN KEY (bond_id, day) REFERENCES daily_questions(bond_id, day) ON DELETE CASCADE
);
CREATE INDEX answers_day ON answers(bond_id, day);
