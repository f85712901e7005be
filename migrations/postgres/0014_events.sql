-- "Tell the other": what one member did that waits for or concerns the other member of the
-- bond (docs/adr/0029-tell-the-other.md). Keep in step with migrations/sqlite/0014_events.sql.
--
-- One row per recipient, kind and subject: the same thing happening again (a plan moved a
-- second time) freshens the row instead of adding one. `seen_at` is set when the recipient
-- dismissed it or acted on it; `void_at` when what it was about was undone. Nothing private
-- is ever an event; `title` holds only words both members of the bond can read.
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    title TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    seen_at TIMESTAMPTZ,
    void_at TIMESTAMPTZ,
    UNIQUE (member_id, kind, subject)
);
CREATE INDEX events_unseen ON events(member_id, created_at) WHERE seen_at IS NULL AND void_at IS NULL;

-- A nudge that carries an event to its recipient by the reminders' delivery (mail, batched
-- and capped) names it, so the mail can say what happened and a seen event is not mailed.
ALTER TABLE nudges ADD COLUMN event_id TEXT REFERENCES events(id) ON DELETE CASCADE;
