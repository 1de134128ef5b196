-- Realtime: per-user event streams. Every event a user is sent is stored here before it is
-- pushed; seq is per user, contiguous and strictly increasing (taken from user_event_seq in the
-- publishing transaction, so a rolled-back publish leaves no gap).
create table user_event_seq (
    user_id         bigint primary key,
    last_seq        bigint not null,
    -- the highest seq removed by retention: a resume position below it cannot be recovered
    purged_through  bigint not null default 0
);

create table user_events (
    user_id      bigint       not null,
    seq          bigint       not null,
    event_id     uuid         not null,
    destination  varchar(200) not null,
    payload      text         not null,
    created_at   timestamptz  not null default now(),
    -- 0 stored, 1 sent to a subscription that acknowledges (awaiting ACK), 2 delivered
    status       smallint     not null default 0,
    delivered_at timestamptz,
    primary key (user_id, seq)
);
create unique index user_events_event_id_key on user_events (event_id);
create index user_events_destination_idx on user_events (user_id, destination, seq);
create index user_events_created_idx on user_events (created_at);
