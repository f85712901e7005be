-- Replies and reactions under a note both can read: a shared note, or a sealed one once it
-- has opened (always shared; deleted with their note).
CREATE TABLE note_replies (
    id TEXT PRIMARY KEY,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility = 'shared'),
    unseal_at TEXT CHECK (unseal_at IS NULL),
    note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    reaction TEXT,
    body TEXT,
    created_at TEXT NOT NULL,
    CHECK (reaction IS NOT NULL OR body IS NOT NULL)
);
CREATE INDEX note_replies_note ON note_replies(note_id, created_at);
