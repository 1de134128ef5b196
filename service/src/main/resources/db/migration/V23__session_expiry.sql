-- Cleanup of login sessions (identity's SessionCleanup). A session's row is needed only while a
-- token of the session can still be accepted: expires_at is when the session's last access token
-- expires, set at login to created_at + the access-token TTL. The cleanup deletes a row once
-- expires_at (plus the clock-skew allowance and a margin) has passed, or once it was revoked
-- (plus the same allowance); a token whose row is gone is refused like a revoked one.
-- Refresh tokens (issue 23) extend a session: every refresh moves expires_at to the expiry of
-- the access token (or refresh token) it issues, and the cleanup keys on expires_at alone.
alter table user_sessions add column expires_at timestamptz;
-- rows from before: a day is longer than any access-token TTL in use, so no valid token loses its row
update user_sessions set expires_at = created_at + interval '1 day';
alter table user_sessions alter column expires_at set not null;
create index user_sessions_expires_idx on user_sessions (expires_at);
create index user_sessions_revoked_idx on user_sessions (revoked_at) where revoked_at is not null;
