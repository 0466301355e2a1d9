/** Version 1: documents and their originals, measures, targets, responsible bodies, tasks, reports, audit. */
export const version = 1;
export const name = "core";
export const sql = /* sql */ `
create table app_meta (
  key text primary key,
  value text not null
);

-- 用户: people who log in
create table app_user (
  id serial primary key,
  username text not null unique,
  display_name text,
  password_hash text not null,
  role text not null check (role in ('admin', 'supervisor', 'editor')),
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);

-- 责任单位: one record per body, whatever the spelling in each document
create table responsible_body (
  id serial primary key,
  name text not null,
  level text,
  region text,
  merged_into integer references responsible_body (id),
  created_at timestamptz not null default now()
);
-- every normalised spelling (region|level|name) that resolves to a body
create table body_alias (
  key text primary key,
  body_id integer not null references responsible_body (id),
  written text not null
);
create index body_alias_body on body_alias (body_id);

create table user_body (
  user_id integer not null references app_user (id) on delete cascade,
  body_id integer not null references responsible_body (id) on delete cascade,
  primary key (user_id, body_id)
);

-- 政策文件
create table document (
  id serial primary key,
  sha256 text not null unique,
  source_name text not null,
  format text,
  title text,
  doc_number text,
  doc_number_norm text,
  issuers text[] not null default '{}',
  doc_date date,
  valid_until date,
  region text,
  level text,
  published boolean not null default true,
  parsed jsonb not null,
  text text,
  byte_size integer not null,
  created_by integer references app_user (id),
  created_at timestamptz not null default now()
);
create index document_doc_number_norm on document (doc_number_norm);
create index document_doc_date on document (doc_date);

-- the bytes as uploaded, kept
create table document_original (
  document_id integer primary key references document (id) on delete cascade,
  media_type text not null,
  bytes bytea not null
);

-- 措施: a numbered heading of the main text and its own text
create table measure (
  id serial primary key,
  document_id integer not null references document (id) on delete cascade,
  ordinal integer not null,
  parent_id integer references measure (id) on delete cascade,
  path text[] not null,
  label text not null,
  title text not null,
  text text not null default '',
  due_date date,
  due_source text,
  unique (document_id, ordinal)
);
create index measure_parent on measure (parent_id);

-- 量化指标 of a measure
create table target (
  id serial primary key,
  measure_id integer not null references measure (id) on delete cascade,
  ordinal integer not null,
  text text not null,
  value double precision not null,
  max_value double precision,
  unit text not null,
  kind text not null check (kind in ('target', 'incentive', 'other')),
  deadline date
);
create index target_measure on target (measure_id);
create index target_kind on target (kind, measure_id);

-- 任务: a measure x a responsible body
create table task (
  id serial primary key,
  measure_id integer not null references measure (id) on delete cascade,
  body_id integer not null references responsible_body (id),
  role text not null check (role in ('lead', 'supporting')),
  due_date date,
  written_as text,
  created_at timestamptz not null default now()
);
create index task_measure on task (measure_id);
create index task_body on task (body_id, id);
create index task_due on task (due_date);

-- 进展报告: append-only
create table progress_report (
  id serial primary key,
  task_id integer not null references task (id) on delete cascade,
  report_date date not null,
  text text not null,
  target_id integer references target (id),
  value double precision,
  complete boolean not null default false,
  evidence text[] not null default '{}',
  reported_by integer references app_user (id),
  created_at timestamptz not null default now()
);
create index progress_report_task on progress_report (task_id, report_date, id);

-- 审计日志: who, when, what, before/after
create table audit_entry (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_id integer references app_user (id),
  actor text not null,
  action text not null,
  entity text not null,
  entity_id text,
  before jsonb,
  after jsonb
);
create index audit_entry_entity on audit_entry (entity, entity_id);
create index audit_entry_at on audit_entry (at);

-- reports and audit entries are never changed: a correction is a new row
create function luoshi_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name using errcode = '55000';
end
$$;
create trigger progress_report_append_only before update on progress_report
  for each row execute function luoshi_append_only();
create trigger audit_entry_append_only before update or delete on audit_entry
  for each row execute function luoshi_append_only();
`;
