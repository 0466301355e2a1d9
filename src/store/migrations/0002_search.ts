/**
 * Version 2: Chinese full-text search over measures. Tokens are made in the app (jieba words, character
 * bigrams, the last character of each run, latin words) and stored as text; PostgreSQL turns them into a
 * weighted tsvector with the 'simple' configuration (title A, text B). pg_trgm serves substring search.
 * Rows from version 1 have null tokens: the app indexes them on start.
 */
export const version = 2;
export const name = "search";
export const sql = /* sql */ `
create extension if not exists pg_trgm with schema public;

alter table measure add column title_tokens text;
alter table measure add column text_tokens text;
alter table measure add column search_vector tsvector generated always as (
  setweight(to_tsvector('simple', coalesce(title_tokens, '')), 'A') ||
  setweight(to_tsvector('simple', coalesce(text_tokens, '')), 'B')
) stored;
create index measure_search on measure using gin (search_vector);
-- substring search ignores spacing ("5G 基站" in a text matches the query 5G基站); same expression as search.ts
create index measure_trgm on measure using gin ((translate(title || text, E' \t\r\n\u3000', '')) gin_trgm_ops);
create index measure_unindexed on measure (id) where title_tokens is null;
`;
