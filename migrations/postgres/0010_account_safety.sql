-- Account safety: login attempts remember the known device they came from, other limited
-- actions (current-password guesses, account and invitation mail) are counted in the database,
-- and an email address is confirmed before its account signs in.
-- Keep in step with migrations/sqlite/0010_account_safety.sql.

-- A login attempt is now recorded before the password is checked; an attempt from a device
-- that signed in to the account before carries that device, and is limited apart from
-- strangers' attempts.
ALTER TABLE login_failures ADD COLUMN device_hash TEXT;
CREATE INDEX login_failures_device ON login_failures(device_hash, failed_at);

-- Devices that signed in before: the cookie holds a random token, this table its hash.
CREATE TABLE known_devices (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX known_devices_account ON known_devices(account_id);

-- Counted actions other than logins: one row per action, judged after it is recorded.
CREATE TABLE limited_actions (
    id TEXT PRIMARY KEY,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    source TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL
);
CREATE INDEX limited_actions_subject ON limited_actions(action, subject, at);
CREATE INDEX limited_actions_source ON limited_actions(action, source, at);

-- Accounts made before this migration keep working: their address counts as confirmed.
ALTER TABLE accounts ADD COLUMN email_confirmed_at TIMESTAMPTZ;
UPDATE accounts SET email_confirmed_at = created_at;

CREATE TABLE email_confirmations (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);
CREATE INDEX email_confirmations_account ON email_confirmations(account_id);

-- "Invitation ready" after its redirect: the link, for the session that made it and for an
-- hour, so a reload shows the same invitation (invitations keep only the token's hash).
CREATE TABLE invitation_links (
    invitation_id TEXT PRIMARY KEY REFERENCES invitations(id) ON DELETE CASCADE,
    session_hash TEXT NOT NULL,
    token TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
