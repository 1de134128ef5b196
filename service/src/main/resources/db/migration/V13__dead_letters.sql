-- Broker mode (orderpulse.broker=rabbitmq): messages that kept failing, moved here from the
-- work queues' dead-letter queues so they can be listed and replayed (and are not lost when
-- RabbitMQ is). A replayed dead letter keeps its row with replayed_at set.
create table dead_letters (
    id           bigint generated always as identity primary key,
    -- the organization of the message (header x-orderpulse-org); null if it carried none:
    -- such a dead letter is listed to no organization's admin (it is logged)
    org_id       bigint,
    queue        varchar(255)  not null,
    message_id   varchar(255),
    content_type varchar(255),
    body         bytea         not null,
    reason       varchar(255)  not null,
    dead_at      timestamptz   not null default now(),
    replayed_at  timestamptz
);
create index dead_letters_org_idx on dead_letters (org_id, id) where replayed_at is null;
