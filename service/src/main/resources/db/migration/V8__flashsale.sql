-- Flash sales: sessions with a time window, their items with their own stock, and the
-- durable record of every admission (one per user and item) from which the in-memory
-- admission state is rebuilt after a restart.
create table flash_sale_sessions (
    id         bigint generated always as identity primary key,
    org_id     bigint        not null,
    name       varchar(200)  not null,
    start_time timestamptz   not null,
    end_time   timestamptz   not null,
    created_at timestamptz   not null default now(),
    check (end_time > start_time)
);
create index flash_sale_sessions_org_idx on flash_sale_sessions (org_id, end_time);

create table flash_sale_items (
    id           bigint generated always as identity primary key,
    session_id   bigint         not null references flash_sale_sessions (id),
    product_id   bigint         not null,
    shop_id      bigint         not null,
    -- the product's name when the item was created, for lists and orders
    product_name varchar(200)   not null,
    flash_price  numeric(12, 2) not null check (flash_price > 0),
    stock        integer        not null check (stock > 0),
    -- stock minus the admissions that are not released, changed with each admission
    remaining    integer        not null check (remaining >= 0 and remaining <= stock),
    points_price bigint         check (points_price > 0)
);
create index flash_sale_items_session_idx on flash_sale_items (session_id);

create table flash_sale_purchases (
    item_id    bigint       not null references flash_sale_items (id),
    user_id    bigint       not null,
    request_id varchar(64)  not null,
    order_id   bigint,
    status     varchar(16)  not null check (status in ('ADMITTED', 'ORDERED', 'RELEASED')),
    created_at timestamptz  not null default now(),
    primary key (item_id, user_id)
);
create index flash_sale_purchases_order_idx on flash_sale_purchases (order_id);

-- Ordering: a flash-sale order takes no catalog stock (the flash sale's item has its own),
-- so cancelling it returns none.
alter table orders add column catalog_stock boolean not null default true;
