-- Points: one account per user, moved only through the ledger's rows. The ledger's unique
-- (out_trade_no, type) key makes a repeated pay, refund or grant a no-op: points never move twice
-- for one payment and kind.
create table points_accounts (
    user_id    bigint      primary key,
    org_id     bigint      not null,
    balance    bigint      not null check (balance >= 0),
    updated_at timestamptz not null default now()
);

create table points_ledger (
    id            bigint generated always as identity primary key,
    user_id       bigint       not null references points_accounts (user_id),
    out_trade_no  varchar(64)  not null,
    type          varchar(8)   not null check (type in ('GRANT', 'PAY', 'REFUND')),
    -- signed: a payment takes points (negative), a refund or a grant gives them (positive)
    amount        bigint       not null,
    balance_after bigint       not null,
    note          varchar(500),
    created_at    timestamptz  not null default now(),
    unique (out_trade_no, type)
);
create index points_ledger_user_idx on points_ledger (user_id, id desc);

-- Payments in points carry the points taken; a refund may pay back less than was paid.
alter table payments add column points bigint check (points > 0);
alter table payments add column refunded_amount numeric(12, 2);

-- Orders: the price in points of a flash-sale order (null: payable with points only through the
-- configured conversion, if any).
alter table orders add column points_price bigint check (points_price > 0);
create index orders_unpaid_idx on orders (catalog_stock, updated_at) where status = 'PENDING_PAYMENT';

-- Flash sale: the reconciliation looks for admissions that have not become orders.
create index flash_sale_purchases_admitted_idx on flash_sale_purchases (created_at) where status = 'ADMITTED';
