/**
 * Version 12: term statistics and an ordered first stage for search. `search_term` keeps, per lexeme of the
 * tsvector, its document frequency and its champions: the measures where it weighs most (BM25 term weight of the
 * title and text, best first), packed as `weight * 2^32 + measure id` so that one bigint array sorts and merges
 * in one step. Measures inserted since the last merge wait in `search_pending` (filled by a trigger, so every
 * way of inserting a measure is covered) and are searched there directly until merged. Existing measures start
 * pending: the first searches merge them in the background.
 */
export const version = 12;
export const name = "search_terms";
export const sql = /* sql */ `
create table search_term (
  lexeme text collate "C" primary key,
  df integer not null,
  champions bigint[] not null
);

create table search_pending (
  measure_id integer primary key references measure (id) on delete cascade
);
insert into search_pending (measure_id) select id from measure;

create function luoshi_search_pending() returns trigger language plpgsql as $$
begin
  insert into search_pending (measure_id) select id from added on conflict do nothing;
  return null;
end
$$;
create trigger measure_search_pending after insert on measure
  referencing new table as added for each statement execute function luoshi_search_pending();

-- BM25 term weight of a lexeme in one measure: title occurrences count three times, saturation k1 = 1.2,
-- length normalisation b = 0.75 against 100 distinct lexemes (a typical measure); scaled to an integer.
-- float8 throughout: numeric arithmetic made a rebuild three times slower
create function luoshi_search_weight(tf_title integer, tf_text integer, lexemes integer) returns bigint
language sql immutable as $$
  select round(1e6::float8 * (3 * tf_title + tf_text) * 2.2::float8
    / ((3 * tf_title + tf_text) + 1.2::float8 * (0.25::float8 + 0.75::float8 * lexemes / 100::float8)))::bigint
$$;

-- the best k of two champion lists
create function luoshi_search_top(a bigint[], b bigint[], k integer) returns bigint[]
language sql immutable as $$
  select coalesce(array_agg(x order by x desc), '{}') from (select x from unnest(a || b) x order by x desc limit k) t
$$;
`;
