-- Usernames are compared in one normal form: NFKC, then lower case (io.orderpulse.identity.Usernames).
-- The unique index on lower(username) let names that differ only in NFKC (a fullwidth 'ａｄｍｉｎ') be two
-- accounts, and logins looked names up with the database's own case rules, which fold a dotted capital
-- 'İ' to 'i' ('admİn' logged in as 'admin'). The service now writes the normal form to username_key and
-- looks names up by it; the database keeps it unique.
alter table users add column username_key text;

do $$
begin
    if current_setting('server_encoding') = 'UTF8' then
        update users set username_key = lower(normalize(username, NFKC));
    else
        update users set username_key = lower(username);
    end if;
end
$$;

-- Names that were distinct before but share a normal form (possible only for a bootstrap admin's name,
-- which was not checked): the oldest account keeps the name; a later one gets a key that no login can
-- type ('#' is not allowed in a username), so it is kept but cannot log in until it is renamed.
update users u
   set username_key = u.username_key || '#' || u.id
 where exists (select 1 from users older where older.username_key = u.username_key and older.id < u.id);

alter table users alter column username_key set not null;
create unique index users_username_normal_key on users (username_key);
drop index users_username_key;
