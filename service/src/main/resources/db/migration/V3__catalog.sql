-- Catalog: soft-deleted products, and indexes for listing and searching an organization's products.

-- a deleted product keeps its row (orders will refer to it) but is invisible everywhere
alter table products add column deleted_at timestamptz;

create index shops_org_idx on shops (org_id);

-- listings are newest first within a shop or across an organization's shops
drop index products_shop_idx;
create index products_shop_idx on products (shop_id, created_at desc, id desc) where deleted_at is null;

-- case-insensitive substring search on the name (lower(name) like '%term%'); pg_trgm is a
-- trusted extension, so the database owner may create it without being a superuser
create extension if not exists pg_trgm;
create index products_name_search_idx on products using gin (lower(name) gin_trgm_ops) where deleted_at is null;
