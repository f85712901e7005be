-- The safety net: the country whose helplines a member wants to see. A member setting, read
-- only for that member (never for the other member of a bond); no row means none chosen, and
-- only the international helplines are shown. Keep in step with
-- migrations/postgres/0011_safety_net.sql.
CREATE TABLE support_settings (
    member_id TEXT PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    country TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
