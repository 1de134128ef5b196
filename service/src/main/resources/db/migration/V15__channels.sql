-- Message routing's external channels: where a user can be reached, and each organization's webhook.

-- contact details of a user, for the EMAIL and SMS channels; validated by the application
-- (an address of at most 254 characters; a phone number in E.164, '+' and up to 15 digits)
alter table users add column email varchar(254);
alter table users add column phone varchar(16);

-- an organization's webhook: the URL messages are POSTed to and the secret that signs them
-- (kept in clear because signing needs it; only an ADMIN's rotation reveals it, once)
create table webhook_endpoints (
    org_id     bigint        primary key references organizations (id),
    url        varchar(2000) not null,
    secret     varchar(100)  not null,
    created_at timestamptz   not null default now(),
    updated_at timestamptz   not null default now()
);
