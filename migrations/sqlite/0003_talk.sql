-- Talk: the question of the day of each bond, every question offered to it (so none repeats
-- within a year), a deck the pair focuses on, and the answers, private until both answered.

CREATE TABLE daily_questions (
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    question_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    mother_state TEXT CHECK (mother_state IN ('answered', 'skipped')),
    son_state TEXT CHECK (son_state IN ('answered', 'skipped')),
    revealed_at TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (bond_id, day)
);

CREATE TABLE question_offers (
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    question_id TEXT NOT NULL,
    PRIMARY KEY (bond_id, question_id, day)
);
CREATE INDEX question_offers_day ON question_offers(bond_id, day);

CREATE TABLE talk_decks (
    bond_id TEXT PRIMARY KEY REFERENCES bonds(id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    until_day TEXT NOT NULL,
    chosen_by TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);

CREATE TABLE answers (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility IN ('private', 'shared')),
    unseal_at TEXT CHECK (unseal_at IS NULL),
    made_together INTEGER NOT NULL DEFAULT 0,
    day TEXT NOT NULL,
    question_id TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (bond_id, day, author_id),
    FOREIGN KEY (bond_id, day) REFERENCES daily_questions(bond_id, day) ON DELETE CASCADE
);
CREATE INDEX answers_day ON answers(bond_id, day);

-- "I'd like to talk about something": the request, and its steps (the other's answer with a
-- time, each one's "how did it go", a withdrawal). Always shared within the bond.
CREATE TABLE talk_requests (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility = 'shared'),
    unseal_at TEXT CHECK (unseal_at IS NULL),
    made_together INTEGER NOT NULL DEFAULT 0,
    topic TEXT NOT NULL DEFAULT '',
    wish TEXT NOT NULL CHECK (wish IN ('listen', 'decide', 'help_now')),
    setting TEXT NOT NULL CHECK (setting IN ('side_by_side', 'text_first', 'face_to_face')),
    urgency TEXT NOT NULL CHECK (urgency IN ('today', 'this_week', 'whenever')),
    created_at TEXT NOT NULL
);
CREATE INDEX talk_requests_bond ON talk_requests(bond_id, created_at);

CREATE TABLE talk_request_steps (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility = 'shared'),
    unseal_at TEXT CHECK (unseal_at IS NULL),
    request_id TEXT NOT NULL REFERENCES talk_requests(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('plan', 'outcome', 'withdrawn')),
    body TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX talk_request_steps_request ON talk_request_steps(request_id, created_at);

-- Repair after a conflict: what it was about (shared), each one's own account in four parts,
-- private until its author shares a part, and the agreements "next time we…" (shared).
CREATE TABLE repairs (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility = 'shared'),
    unseal_at TEXT CHECK (unseal_at IS NULL),
    about TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX repairs_bond ON repairs(bond_id, created_at);

CREATE TABLE repair_parts (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility IN ('private', 'shared')),
    unseal_at TEXT CHECK (unseal_at IS NULL),
    repair_id TEXT NOT NULL REFERENCES repairs(id) ON DELETE CASCADE,
    part TEXT NOT NULL CHECK (part IN ('happened', 'felt', 'needed', 'wish', 'agreement')),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK (part <> 'agreement' OR visibility = 'shared')
);
CREATE INDEX repair_parts_repair ON repair_parts(repair_id, created_at);
CREATE UNIQUE INDEX repair_parts_one_each ON repair_parts(repair_id, author_id, part)
    WHERE part <> 'agreement';

-- Replies and reactions under a revealed pair of answers (always shared).
CREATE TABLE answer_replies (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility = 'shared'),
    unseal_at TEXT CHECK (unseal_at IS NULL),
    day TEXT NOT NULL,
    reaction TEXT,
    body TEXT,
    created_at TEXT NOT NULL,
    CHECK (reaction IS NOT NULL OR body IS NOT NULL),
    FOREIGN KEY (bond_id, day) REFERENCES daily_questions(bond_id, day) ON DELETE CASCADE
);
CREATE INDEX answer_replies_day ON answer_replies(bond_id, day, created_at);

-- Each member's favourite days, for the history. Only their own are ever read.
CREATE TABLE talk_favourites (
    bond_id TEXT NOT NULL,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (bond_id, member_id, day),
    FOREIGN KEY (bond_id, day) REFERENCES daily_questions(bond_id, day) ON DELETE CASCADE
);
