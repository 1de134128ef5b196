-- Message center: search and statistics.

-- Search. A message's title and content, lower-cased with whitespace runs collapsed, as the set
-- of its character bigrams ("系统维护通知" -> {系统, 统维, 维护, 护通, 通知}). A query of two or more
-- characters matches only messages whose set contains all of the query's bigrams, which the GIN
-- index answers; the exact substring is then checked on those few rows. Unlike pg_trgm (three
-- characters, and only letters the database's locale calls alphanumeric) this finds a
-- two-character Chinese word inside a sentence, works the same for every script and does not
-- depend on the locale the database was created with.
create function message_bigrams(t text) returns text[]
    language sql immutable strict parallel safe as $$
    select coalesce(array_agg(distinct g), '{}')
    from (select c || lead(c) over (order by i) as g
          from string_to_table(regexp_replace(lower(t), '\s+', ' ', 'g'), null) with ordinality as s(c, i)) pairs
    where g is not null
$$;

alter table messages
    add column search_bigrams text[] generated always as (message_bigrams(title || ' ' || content)) stored;
create index messages_search_idx on messages using gin (search_bigrams);

-- Statistics. How many users a message was addressed to when it was sent (1 for a direct message,
-- the group's members, the organization's users): the recipient model stores no row per recipient,
-- so this is what "delivered" counts. Messages sent before this column existed get today's sizes.
alter table messages add column recipient_count bigint;
update messages m set recipient_count = case m.receiver_type
    when 'USER' then 1
    when 'USER_GROUP' then (select count(*) from user_group_members g where g.group_id = m.receiver_id)
    when 'BROADCAST' then (select count(*) from users u where m.receiver_id is null or u.org_id = m.receiver_id)
    else (select count(*) from users u where u.org_id = m.receiver_id) end;
alter table messages alter column recipient_count set not null;


-- The inbox reads each kind of receiver as its own range of this index, newest first; with org_id
-- and expire_time in the index, counting a user's messages (and unread ones) is an index-only scan.
drop index messages_receiver_idx;
create index messages_receiver_idx on messages (receiver_type, receiver_id, id desc) include (org_id, expire_time);
