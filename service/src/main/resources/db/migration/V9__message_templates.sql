-- Message templates (seed 003, section 5.3): an organization's titles and contents in the template
-- syntax, with their declared variables as JSON. Names are unique per organization.
create table message_templates (
    id           bigint generated always as identity primary key,
    org_id       bigint        not null,
    name         varchar(100)  not null,
    description  varchar(500),
    category     varchar(50),
    message_type varchar(16)   not null,
    priority     varchar(8)    not null,
    title        text          not null,
    content      text          not null,
    variables    jsonb         not null default '[]',
    enabled      boolean       not null default true,
    created_by   bigint,
    create_time  timestamptz   not null default now(),
    update_time  timestamptz   not null default now(),
    unique (org_id, name)
);
create index message_templates_org_idx on message_templates (org_id, id desc);

-- Archived messages leave the default inbox list and the unread count; the recipient's rows are
-- looked up by user.
create index message_recipients_archived_idx on message_recipients (user_id, message_id) where archived;
