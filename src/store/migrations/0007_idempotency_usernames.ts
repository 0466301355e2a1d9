/**
 * Version 7: the answers to writes sent with an Idempotency-Key (a repeat gets the stored answer, the work is
 * not done again), and user names that are unique whatever their capitals.
 *
 * Names that differ only in capitals may exist from before: the oldest keeps its name, each later one is renamed
 * to `name#id` (a `#` no name made through the API can hold, so the new name is free) and the rename is in the
 * audit log. Its sessions and password stay; an admin tells its owner the new name.
 */
export const version = 7;
export const name = "idempotency_usernames";
export const sql = /* sql */ `
create table idempotent_request (
  user_id integer not null references app_user (id) on delete cascade,
  key text not null,
  -- sha-256 of the method, path and the request as validated: the same key with another request is refused
  request_hash text not null,
  status integer not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (user_id, key)
);
create index idempotent_request_created on idempotent_request (created_at);

with ranked as (
  select id, username, row_number() over (partition by lower(username) order by id) as n from app_user
), renamed as (
  update app_user u set username = u.username || '#' || u.id
  from ranked r where r.id = u.id and r.n > 1
  returning u.id, r.username as old_name, u.username as new_name
)
insert into audit_entry (actor_id, actor, action, entity, entity_id, before, after)
select null, 'system:migration', 'user.rename', 'user', id::text,
       jsonb_build_object('username', old_name),
       jsonb_build_object('username', new_name, 'reason', '用户名不区分大小写后与更早的用户重名')
from renamed;

create unique index app_user_username_lower on app_user (lower(username));
`;
