-- Payment: payments of orders through a provider (the sandbox gateway for now) and the ledger of
-- money moved for them.

create table payments (
    id           bigint generated always as identity primary key,
    out_trade_no varchar(64)    not null unique,
    order_id     bigint         not null,
    buyer_id     bigint         not null,
    org_id       bigint         not null,
    amount       numeric(12, 2) not null check (amount > 0),
    method       varchar(16)    not null,
    status       varchar(16)    not null check (status in ('PENDING', 'PAID', 'REFUNDED', 'CLOSED')),
    subject      varchar(256)   not null,
    pay_url      text           not null,
    -- the provider's own number for the trade, from its notify
    trade_no     varchar(64),
    created_at   timestamptz    not null default now(),
    paid_at      timestamptz,
    refunded_at  timestamptz,
    closed_at    timestamptz,
    version      integer        not null default 0,
    updated_at   timestamptz    not null default now()
);
-- an order has at most one payment that is open or paid: concurrent creates insert one row
create unique index payments_live_order_key on payments (order_id) where status in ('PENDING', 'PAID');
create index payments_order_idx on payments (order_id, created_at);

-- Money moved: one PAY row when the provider reports the payment, one REFUND row when it is paid
-- back. The unique key makes a repeated notify or refund a no-op.
create table payment_ledger (
    id           bigint generated always as identity primary key,
    out_trade_no varchar(64)    not null references payments (out_trade_no),
    type         varchar(8)     not null check (type in ('PAY', 'REFUND')),
    amount       numeric(12, 2) not null,
    trade_no     varchar(64),
    note         varchar(500),
    created_at   timestamptz    not null default now(),
    unique (out_trade_no, type)
);
