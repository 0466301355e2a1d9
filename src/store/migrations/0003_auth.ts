/** Version 3: sessions, login attempts (rate limit), supervisors' comments on tasks. */
export const version = 3;
export const name = "auth";
export const sql = /* sql */ `
create table user_session (
  token_hash text primary key,
  user_id integer not null references app_user (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index user_session_user on user_session (user_id);

create table login_attempt (
  id bigserial primary key,
  username text not null,
  client text not null,
  ok boolean not null,
  at timestamptz not null default now()
);
create index login_attempt_username on login_attempt (username, at);
create index login_attempt_client on login_attempt (client, at);

-- 督办意见: a supervisor's comment on a task
create table task_comment (
  id serial primary key,
  task_id integer not null references task (id) on delete cascade,
  text text not null,
  author_id integer references app_user (id),
  created_at timestamptz not null default now()
);
create index task_comment_task on task_comment (task_id, id);
`;
