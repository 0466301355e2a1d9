/**
 * Version 13: administration in the app. A target carries the indicator it measures (指标名称, read from its
 * sentence, editable) and whether its amount is a cap (最高, 不超过); a document can be deleted softly (hidden
 * everywhere, kept, restorable) and an upload is private until published; the audit log is filtered by who and what.
 * `measure.label` now holds the label as written (（一）, 1., 第三条) rather than the path joined by dots; rows stored
 * before this version are rewritten on start (src/track/legacy.ts).
 * A corrected title or text goes back to `search_pending` (version 12 watched inserts only), so that search finds
 * the measure by its new words at once. Its entries merged before stay in the statistics until a rebuild: harmless,
 * since the second stage of a query reads the measure's current vector, and they add at most one to a lexeme's df
 * per correction.
 */
export const version = 13;
export const name = "administration";
export const sql = /* sql */ `
alter table target add column indicator text;
alter table target add column cap boolean not null default false;

alter table document add column deleted_at timestamptz;
alter table document add column deleted_by integer references app_user (id);
alter table document alter column published set default false;

create index audit_entry_actor on audit_entry (actor_id, id);
create index audit_entry_action on audit_entry (action, id);

create function luoshi_search_pending_changed() returns trigger language plpgsql as $$
begin
  insert into search_pending (measure_id) values (new.id) on conflict do nothing;
  return null;
end
$$;
-- a row trigger: PostgreSQL allows no transition table on a trigger with a column list
create trigger measure_search_changed after update of title_tokens, text_tokens on measure for each row
  when (old.title_tokens is distinct from new.title_tokens or old.text_tokens is distinct from new.text_tokens)
  execute function luoshi_search_pending_changed();
`;
