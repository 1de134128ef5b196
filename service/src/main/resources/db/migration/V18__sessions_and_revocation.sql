-- Revocation. Every access token names its user's token version (claim "ver") and the login
-- session it belongs to (claim "sid"); a token is accepted only while both are current.
-- Disabling, deleting or changing the roles of a user bumps token_version, which ends every
-- token of the user at once; logout revokes one session.
alter table users add column token_version integer not null default 0;
alter table users add column disabled_at timestamptz;
-- a deleted user stays as a row (orders and messages refer to it) and keeps its username taken
alter table users add column deleted_at timestamptz;

-- One row per login. Refresh tokens (rotation, families) attach to this row: one session is one
-- refresh-token family, so revoking the row (logout, reuse of a rotated refresh token) ends the
-- family and every access token issued in it.
create table user_sessions (
    id             uuid        primary key,
    user_id        bigint      not null references users (id),
    created_at     timestamptz not null default now(),
    revoked_at     timestamptz,
    revoked_reason varchar(32)
);
create index user_sessions_user_idx on user_sessions (user_id) where revoked_at is null;
