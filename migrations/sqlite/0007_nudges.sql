-- Nudges: reminders and invitations Tandem sends a member, batched and capped per week.
-- Keep in step with migrations/postgres/0007_nudges.sql.

-- Each member's choices; a member without a row has the defaults (in the app and by mail,
-- quiet from 21:00 to 08:00 in their own time zone, at most 3 a week). Quiet hours are local
-- wall-clock times and may cross midnight; the same start and end means none.
CREATE TABLE nudge_settings (
    member_id TEXT PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    in_app INTEGER NOT NULL,
    email INTEGER NOT NULL,
    quiet_start TEXT NOT NULL,
    quiet_end TEXT NOT NULL,
    weekly_cap INTEGER NOT NULL CHECK (weekly_cap BETWEEN 0 AND 14),
    updated_at TEXT NOT NULL
);

-- One batch that went out to a member at once: one mail and one card on Today at most.
-- Batches that mailed count against the member's weekly cap (`week` is the ISO week in the
-- member's own time zone at delivery).
CREATE TABLE nudge_deliveries (
    id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    week TEXT NOT NULL,
    mailed INTEGER NOT NULL,
    in_app INTEGER NOT NULL,
    counts INTEGER NOT NULL,
    outbox_id TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX nudge_deliveries_week ON nudge_deliveries(member_id, week);

-- One nudge per member, kind and subject (e.g. a plan's occurrence and its start), so a
-- repeated or retried sweep never makes two. `due_at` is when it is to go out (quiet hours
-- already taken into account); after `expires_at` it is pointless and never sent.
-- `delivery_id` is set by the batch that took it; `delivered_at` once it went out.
CREATE TABLE nudges (
    id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    bond_id TEXT REFERENCES bonds(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    title TEXT NOT NULL,
    event_at TEXT,
    link TEXT NOT NULL,
    due_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    delivery_id TEXT,
    delivered_at TEXT,
    in_app INTEGER NOT NULL DEFAULT 0,
    void_at TEXT,
    void_reason TEXT,
    dismissed_at TEXT,
    UNIQUE (member_id, kind, subject)
);
CREATE INDEX nudges_waiting ON nudges(due_at) WHERE delivery_id IS NULL AND void_at IS NULL;
CREATE INDEX nudges_shown ON nudges(member_id, delivered_at) WHERE in_app = 1 AND dismissed_at IS NULL;
