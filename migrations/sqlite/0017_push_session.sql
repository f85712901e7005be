-- A device's notifications belong to the session that turned them on: logging out on it, a
-- password change that ends the other sessions, or a session expiring turns them off
-- (docs/adr/0030-web-push.md). Devices turned on before this have none and stay until removed.
-- Keep in step with the other database's 0017_push_session.sql.
ALTER TABLE push_subscriptions
    ADD COLUMN session_hash TEXT REFERENCES sessions(id_hash) ON DELETE CASCADE;
CREATE INDEX push_subscriptions_session ON push_subscriptions(session_hash);
