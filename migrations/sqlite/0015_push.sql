-- Web Push: the server's VAPID key pair, each member's devices, and push as a third channel of
-- reminders (docs/adr/0030-web-push.md). Keep in step with migrations/postgres/0015_push.sql.

-- The one VAPID key pair of this Tandem, made on first use and shared by every instance (push
-- services bind a subscription to the public key it was made with). `private_key` is the P-256
-- scalar and `public_key` the uncompressed point, both base64url without padding.
CREATE TABLE push_keys (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    private_key TEXT NOT NULL,
    public_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- A device (one browser profile) on which a member turned push on. The endpoint is the push
-- service's URL for it, unique: the device belongs to the last member who turned it on.
-- `p256dh` (65-byte point) and `auth` (16 bytes) are the browser's keys, base64url.
-- `browser` and `platform` name the device on the settings page (from its User-Agent).
CREATE TABLE push_subscriptions (
    id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    endpoint TEXT NOT NULL UNIQUE,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    browser TEXT,
    platform TEXT,
    created_at TEXT NOT NULL,
    last_success_at TEXT
);
CREATE INDEX push_subscriptions_member ON push_subscriptions(member_id);

-- Push is on by default: it does nothing until the member turns it on on a device.
ALTER TABLE nudge_settings ADD COLUMN push INTEGER NOT NULL DEFAULT 1;
-- Whether a batch went out by push (it then counts against the weekly cap, as mail does).
ALTER TABLE nudge_deliveries ADD COLUMN pushed INTEGER NOT NULL DEFAULT 0;
