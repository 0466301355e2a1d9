/**
 * Version 9: the supervision loop (督查督办). Everything here is a record of something that happened — an
 * acknowledgement, a request and its decision, a suspension, an extension, a review, a notice, a reading — kept
 * append-only; what a task is now (待审核, 已退回, 已办结, 已中止 …) is derived from them when read
 * (src/track/status.ts), so no stored state can go stale.
 */
export const version = 9;
export const name = "supervision";
export const sql = /* sql */ `
-- 签收, 申请调整 and its decision, 中止 / 恢复, 延期: the events of a task, oldest first
create table task_event (
  id serial primary key,
  task_id integer not null references task (id) on delete cascade,
  kind text not null check (kind in ('acknowledge', 'change_request', 'change_accept', 'change_refuse', 'suspend', 'resume', 'extend')),
  reason text,
  data jsonb,
  actor_id integer references app_user (id),
  actor text not null,
  at timestamptz not null default now()
);
create index task_event_task on task_event (task_id, id);
create index task_event_kind on task_event (kind, task_id);
create trigger task_event_append_only before update on task_event
  for each row execute function luoshi_append_only();

-- 审核: one decision per report (approve, or return with a reason the body sees)
create table report_review (
  id serial primary key,
  report_id integer not null unique references progress_report (id) on delete cascade,
  task_id integer not null references task (id) on delete cascade,
  decision text not null check (decision in ('approve', 'return')),
  reason text,
  reviewer_id integer references app_user (id),
  reviewer text not null,
  at timestamptz not null default now()
);
create index report_review_task on report_review (task_id);
create trigger report_review_append_only before update on report_review
  for each row execute function luoshi_append_only();

-- 佐证材料: files uploaded for a task, bound to the report that cites them (null until then)
create table attachment (
  id serial primary key,
  task_id integer not null references task (id) on delete cascade,
  report_id integer references progress_report (id) on delete cascade,
  name text not null,
  media_type text not null,
  byte_size integer not null,
  sha256 text not null,
  bytes bytea not null,
  uploaded_by integer references app_user (id),
  created_at timestamptz not null default now()
);
create index attachment_task on attachment (task_id, id);
create index attachment_report on attachment (report_id);

-- 督办通知: a text and a time limit, sent on a set of tasks; it reaches the bodies those tasks belong to
create table notice (
  id serial primary key,
  text text not null,
  time_limit date,
  scope jsonb not null,
  sender_id integer references app_user (id),
  sender text not null,
  created_at timestamptz not null default now()
);
create table notice_task (
  notice_id integer not null references notice (id) on delete cascade,
  task_id integer not null references task (id) on delete cascade,
  primary key (notice_id, task_id)
);
create index notice_task_task on notice_task (task_id);
-- 已读回执: who of the receiving bodies read it, and when
create table notice_read (
  notice_id integer not null references notice (id) on delete cascade,
  user_id integer not null references app_user (id) on delete cascade,
  read_at timestamptz not null default now(),
  primary key (notice_id, user_id)
);

-- a supervisor limited to a region (the documents' 地区); null reads every region
alter table app_user add column region text;

-- the measure's label as the document writes it: （一）, 1., 第三条 (label keeps the path, 一.1); null until filled
alter table measure add column written_label text;
`;
