/**
 * Version 5: links between documents (实施 / 转发) and the measure alignments behind them, computed by the
 * app (src/link/store.ts) and cached here. Both tables only hold derived data: a row whose stamp no longer
 * matches its documents is recomputed on read; deleting a document deletes its rows.
 */
export const version = 5;
export const name = "links";
export const sql = /* sql */ `
-- the alignment of a child document's measures with a parent document's (措施对应), cached per pair
create table document_alignment (
  child_id integer not null references document (id) on delete cascade,
  parent_id integer not null references document (id) on delete cascade,
  -- algorithm version and a hash of both documents' parse results: recomputed when either changes
  stamp text not null,
  -- document similarity: the mean best score of the child's measures
  score double precision not null,
  result jsonb not null,
  computed_at timestamptz not null default now(),
  primary key (child_id, parent_id)
);
create index document_alignment_parent on document_alignment (parent_id);

-- which documents a document implements (实施) or forwards (转发), and how that was found
create table document_link (
  child_id integer not null references document (id) on delete cascade,
  parent_id integer not null references document (id) on delete cascade,
  kind text not null check (kind in ('implements', 'forwards')),
  via text not null check (via in ('citation', 'similarity', 'identity')),
  score double precision,
  citation jsonb,
  primary key (child_id, parent_id)
);
create index document_link_parent on document_link (parent_id);

-- when a document's links were last computed, against which state of the store
create table document_link_state (
  document_id integer primary key references document (id) on delete cascade,
  stamp text not null,
  computed_at timestamptz not null default now()
);
`;
