-- Message routing (issue 9): rules, quiet hours, notification preferences and one delivery
-- record per message, recipient and channel.

-- An organization's routing rules; the first enabled rule whose condition matches (lowest
-- priority first, then lowest id) decides. condition and action are JSON objects in the
-- API's shape.
create table message_routes (
    id           bigint generated always as identity primary key,
    org_id       bigint       not null,
    name         varchar(100) not null,
    priority     integer      not null,
    enabled      boolean      not null,
    condition    jsonb        not null,
    action       jsonb        not null,
    created_time timestamptz  not null default now(),
    updated_time timestamptz  not null default now()
);
create index message_routes_org_idx on message_routes (org_id, priority, id);

-- Quiet hours of an organization (user_id 0) or one user's override: a local window in an
-- IANA time zone; start > end spans midnight.
create table quiet_hours (
    org_id     bigint      not null,
    user_id    bigint      not null,
    enabled    boolean     not null,
    start_time time        not null,
    end_time   time        not null,
    zone       varchar(64) not null,
    primary key (org_id, user_id)
);

-- A user's channel switches: category '' is the default for every category.
create table notification_preferences (
    user_id  bigint      not null,
    category varchar(50) not null,
    channel  varchar(20) not null,
    enabled  boolean     not null,
    primary key (user_id, category, channel)
);

-- One record per message, recipient and channel. PENDING records are due at
-- next_attempt_at (held by quiet hours or a delay, waiting for a retry, or claimed by the
-- node attempting them until then); the job picks the due ones up.
create table message_deliveries (
    id              bigint generated always as identity primary key,
    message_id      bigint       not null,
    org_id          bigint       not null,
    user_id         bigint       not null,
    channel         varchar(20)  not null,
    status          varchar(20)  not null,
    -- why it waits or waited: NONE, QUIET_HOURS, DELAY
    held_by         varchar(20)  not null,
    rule_id         bigint,
    attempts        integer      not null default 0,
    max_attempts    integer      not null,
    backoff_ms      bigint       not null,
    next_attempt_at timestamptz,
    last_error      varchar(500),
    message_time    timestamptz  not null,
    created_time    timestamptz  not null,
    updated_time    timestamptz  not null,
    sent_time       timestamptz,
    unique (message_id, user_id, channel)
);
create index message_deliveries_due_idx on message_deliveries (next_attempt_at) where status = 'PENDING';
create index message_deliveries_org_idx on message_deliveries (org_id, message_time);
