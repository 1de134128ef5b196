-- Message center. One row per message whoever it is for (a user, a group, the organization or
-- everyone), so a broadcast to 100,000 users writes one row. Per-recipient state is a row in
-- message_recipients, written only when a recipient reads, deletes or archives a message; no row
-- means UNREAD. A user's inbox is computed: direct messages, messages to their groups, to their
-- organization and to everyone, minus expired ones and the ones they deleted.
create table messages (
    id            bigint generated always as identity primary key,
    org_id        bigint        not null,
    sender_id     bigint,
    sender_name   varchar(64)   not null,
    receiver_type varchar(16)   not null check (receiver_type in ('USER', 'USER_GROUP', 'ORGANIZATION', 'BROADCAST')),
    -- the user, group or organization; null for a BROADCAST to all users
    receiver_id   bigint,
    message_type  varchar(16)   not null,
    title         varchar(200)  not null,
    content       text          not null,
    priority      varchar(8)    not null,
    category      varchar(50),
    metadata      jsonb,
    expire_time   timestamptz,
    create_time   timestamptz   not null default now()
);
-- the inbox: each branch of the recipient condition is an index range, newest first
create index messages_receiver_idx on messages (receiver_type, receiver_id, id desc);
create index messages_org_time_idx on messages (org_id, create_time);
create index messages_expire_idx on messages (expire_time) where expire_time is not null;

create table message_recipients (
    message_id     bigint      not null references messages (id) on delete cascade,
    user_id        bigint      not null,
    status         varchar(8)  not null check (status in ('UNREAD', 'READ', 'DELETED')),
    delivered_time timestamptz,
    read_time      timestamptz,
    archived       boolean     not null default false,
    update_time    timestamptz not null default now(),
    primary key (message_id, user_id)
);
create index message_recipients_user_idx on message_recipients (user_id, status);
