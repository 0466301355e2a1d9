/**
 * Version 6: 建议责任单位, bodies the parser found named in a measure's prose (由X牵头, X负责…) rather than in a tag
 * or table. They are kept with the measure until an admin confirms one (it becomes a task, `task_id`) or
 * dismisses it; the decision stays on the row, so a dismissed suggestion is not offered again.
 */
export const version = 6;
export const name = "suggested_bodies";
export const sql = /* sql */ `
create table suggested_body (
  id serial primary key,
  measure_id integer not null references measure (id) on delete cascade,
  ordinal integer not null,
  name text not null,
  lead boolean not null,
  -- the role the task takes when confirmed: lead, or supporting for 配合/协助 and the bodies after 会同
  role text not null check (role in ('lead', 'supporting')),
  rule text not null,
  span_start integer,
  span_end integer,
  status text not null default 'open' check (status in ('open', 'confirmed', 'dismissed')),
  task_id integer references task (id) on delete set null,
  decided_by integer references app_user (id) on delete set null,
  decided_at timestamptz,
  unique (measure_id, ordinal)
);
create index suggested_body_measure on suggested_body (measure_id);
`;
