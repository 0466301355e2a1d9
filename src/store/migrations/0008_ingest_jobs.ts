/**
 * Version 8: uploads waiting to be parsed and stored by a worker (解析任务). The queue itself (pg-boss, in its own
 * schema) carries only the row's id; the row holds what the uploader sent and what came of it, so that the page
 * that follows the job, and the command that lists jobs, read one record whatever the queue has since forgotten.
 * The bytes are dropped once the job is over (the stored document keeps its original).
 */
export const version = 8;
export const name = "ingest_jobs";
export const sql = /* sql */ `
create table ingest_job (
  -- the queue's job id
  id uuid primary key,
  source_name text not null,
  sha256 text not null,
  byte_size integer not null,
  bytes bytea,
  published boolean not null default true,
  -- who uploaded: the user (null for the command line) and the actor as audited
  created_by integer references app_user (id) on delete set null,
  actor jsonb not null,
  state text not null default 'queued' check (state in ('queued', 'running', 'done', 'failed')),
  -- what a running job is doing: parsing, storing
  stage text,
  attempts integer not null default 0,
  -- when done: the ingest result (stored or unchanged, the document id)
  result jsonb,
  -- when failed: an English code and the reason in Chinese
  error text,
  message text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
create index ingest_job_created_by on ingest_job (created_by, created_at desc);
create index ingest_job_open on ingest_job (created_at) where state in ('queued', 'running');
`;
