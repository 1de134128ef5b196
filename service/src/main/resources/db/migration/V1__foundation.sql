-- Identity: organizations (tenants), users, groups.
create table organizations (
    id         bigint generated always as identity primary key,
    name       varchar(100) not null unique,
    created_at timestamptz  not null default now()
);

create table users (
    id            bigint generated always as identity primary key,
    org_id        bigint       not null references organizations (id),
    username      varchar(32)  not null,
    password_hash varchar(200) not null,
    display_name  varchar(64)  not null,
    roles         text[]       not null,
    shop_id       bigint,
    created_at    timestamptz  not null default now()
);
-- usernames are unique regardless of case; logins look them up the same way
create unique index users_username_key on users (lower(username));
create index users_org_idx on users (org_id);

create table user_groups (
    id          bigint generated always as identity primary key,
    org_id      bigint       not null references organizations (id),
    name        varchar(100) not null,
    description varchar(500),
    created_at  timestamptz  not null default now(),
    unique (org_id, name)
);

create table user_group_members (
    group_id bigint      not null references user_groups (id) on delete cascade,
    user_id  bigint      not null references users (id) on delete cascade,
    added_at timestamptz not null default now(),
    primary key (group_id, user_id)
);
create index user_group_members_user_idx on user_group_members (user_id);

-- Catalog: shops and products.
create table shops (
    id         bigint generated always as identity primary key,
    org_id     bigint       not null,
    name       varchar(100) not null,
    created_at timestamptz  not null default now()
);

create table products (
    id          bigint generated always as identity primary key,
    shop_id     bigint         not null references shops (id),
    name        varchar(200)   not null,
    description text,
    price       numeric(12, 2) not null check (price >= 0),
    stock       integer        not null check (stock >= 0),
    created_at  timestamptz    not null default now(),
    updated_at  timestamptz    not null default now()
);
create index products_shop_idx on products (shop_id);
