-- Ordering: order requests (the asynchronous, idempotent intake) and orders.
create table order_requests (
    buyer_id    bigint        not null,
    request_id  varchar(64)   not null,
    org_id      bigint        not null,
    -- the requested items as JSON [{productId, quantity}], to detect a key reused for another order
    items       text          not null,
    status      varchar(16)   not null,
    message     varchar(500),
    order_id    bigint,
    total_price numeric(12, 2),
    created_at  timestamptz   not null default now(),
    updated_at  timestamptz   not null default now(),
    primary key (buyer_id, request_id)
);

create table orders (
    id               bigint generated always as identity primary key,
    order_number     varchar(32)    unique,
    request_id       varchar(64)    not null,
    buyer_id         bigint         not null,
    org_id           bigint         not null,
    shop_id          bigint         not null,
    status           varchar(20)    not null,
    total_price      numeric(12, 2) not null,
    cancel_reason    varchar(500),
    last_reminded_at timestamptz,
    created_at       timestamptz    not null default now(),
    updated_at       timestamptz    not null default now(),
    paid_at          timestamptz,
    unique (buyer_id, request_id)
);
create index orders_buyer_idx on orders (buyer_id, created_at desc);
create index orders_shop_idx on orders (shop_id, status, created_at desc);
create index orders_status_idx on orders (status, updated_at);

create table order_items (
    order_id     bigint         not null references orders (id) on delete cascade,
    product_id   bigint         not null,
    product_name varchar(200)   not null,
    unit_price   numeric(12, 2) not null,
    quantity     integer        not null check (quantity > 0),
    primary key (order_id, product_id)
);
