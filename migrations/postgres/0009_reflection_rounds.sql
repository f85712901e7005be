-- Reflecting on a plan's occurrence: who has reflected and when, and the memory it became.
-- The reflections themselves are bond records (private until both have reflected); this row
-- holds no words, only what the partner may know before the reveal ("Rosa has reflected"),
-- and it is the row two members reflecting at once queue on.
CREATE TABLE reflection_rounds (
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    moment_key TEXT NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    happened_on DATE NOT NULL,
    ends_at TIMESTAMPTZ NOT NULL,
    mother_reflected_at TIMESTAMPTZ,
    son_reflected_at TIMESTAMPTZ,
    memory_id TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (bond_id, moment_key)
);
CREATE INDEX reflection_rounds_ends ON reflection_rounds(bond_id, ends_at);
