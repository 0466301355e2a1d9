/**
 * Body names as a sheet writes them, looked up without creating anything: a preview must not make bodies, and a
 * name that does not resolve is something to show, not to invent. A name resolves as ingest resolves it (the
 * alias key in the document's jurisdiction, src/track/bodies.ts), else to the bodies whose name, or a spelling
 * of which, is exactly that; merged bodies are followed to the body they were merged into.
 */
import type { Queryable } from "../store/db.js";
import { bodyIdentity, jurisdictionOf, type Jurisdiction } from "../track/bodies.js";

export const NO_JURISDICTION: Jurisdiction = { province: null, city: null, level: null };

/** The jurisdiction of a stored document, read from its parse as ingest read it. */
export async function jurisdictionOfDocument(db: Queryable, documentId: number): Promise<Jurisdiction> {
  const r = await db.query<{ parsed: { document?: { issuers?: string[] }; wrappers?: Array<{ issuers?: string[] }> } | null }>(
    `select parsed from document where id = $1`,
    [documentId],
  );
  const p = r.rows[0]?.parsed;
  if (!p) return NO_JURISDICTION;
  return jurisdictionOf([p.document?.issuers ?? [], ...[...(p.wrappers ?? [])].reverse().map((w) => w.issuers ?? [])]);
}

/** A name compared loosely: full-width forms folded, no spaces. */
export const nameKey = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");

/**
 * The names in one cell: 省财政厅、省通信管理局（牵头） / 省财政厅，省教育厅 / one per line or space. A note in
 * brackets after a name (牵头, 配合) is dropped; 等 at the end too.
 */
export function splitBodyNames(cell: string): string[] {
  // names keep their own full-width brackets (广州铁路（集团）公司): only the separators are read loosely
  return cell
    .split(/[、,，;；\s/|]+/)
    .map((s) => s.replace(/[(（](?:牵头|配合|协办|主办|负责)[^)）]*[)）]$/, "").replace(/等$/, ""))
    .filter((s) => s.length > 0);
}

export interface FoundBody {
  id: number;
  name: string;
}

/** For each name, the bodies it stands for (none when unknown, several when it is ambiguous without a document). */
export async function lookupBodies(db: Queryable, names: Iterable<string>, j: Jurisdiction): Promise<Map<string, FoundBody[]>> {
  const list = [...new Set(names)].filter((n) => n.length > 0 && n.length <= 200);
  const out = new Map<string, FoundBody[]>(list.map((n) => [n, []]));
  if (!list.length) return out;
  const keyOf = new Map(list.map((n) => [n, bodyIdentity(n, j).key]));
  const byKey = await db.query<{ key: string; id: number }>(`select key, body_id as id from body_alias where key = any($1::text[])`, [[...new Set(keyOf.values())]]);
  const byWritten = await db.query<{ written: string; id: number }>(
    `select a.written, a.body_id as id from body_alias a where a.written = any($1::text[])
     union select b.name as written, b.id from responsible_body b where b.name = any($1::text[])`,
    [list],
  );
  const raw = new Map<string, Set<number>>(list.map((n) => [n, new Set<number>()]));
  const keyHits = new Map(byKey.rows.map((r) => [r.key, r.id]));
  for (const n of list) {
    const hit = keyHits.get(keyOf.get(n)!);
    if (hit !== undefined) raw.get(n)!.add(hit);
  }
  for (const r of byWritten.rows) {
    // the jurisdiction's key is the answer when it has one; an exact spelling elsewhere only fills a gap
    const set = raw.get(r.written);
    if (set && !keyHits.has(keyOf.get(r.written)!)) set.add(r.id);
  }
  const ids = [...new Set([...raw.values()].flatMap((s) => [...s]))];
  const bodies = await finalBodies(db, ids);
  for (const [n, set] of raw) {
    const found = new Map<number, FoundBody>();
    for (const id of set) {
      const b = bodies.get(id);
      if (b) found.set(b.id, b);
    }
    out.set(n, [...found.values()]);
  }
  return out;
}

/** Each body as it stands now: a merged one replaced by the body it was merged into (through any chain). */
async function finalBodies(db: Queryable, ids: number[]): Promise<Map<number, FoundBody>> {
  const out = new Map<number, FoundBody>();
  if (!ids.length) return out;
  const r = await db.query<{ start: number; id: number; name: string }>(
    `with recursive chain(start, id, depth) as (
       select b.id, b.id, 0 from responsible_body b where b.id = any($1::int[])
       union all
       select c.start, b.merged_into, c.depth + 1 from chain c join responsible_body b on b.id = c.id
       where b.merged_into is not null and c.depth < 20
     )
     select distinct on (c.start) c.start, b.id, b.name from chain c join responsible_body b on b.id = c.id
     order by c.start, c.depth desc`,
    [ids],
  );
  for (const row of r.rows) out.set(row.start, { id: row.id, name: row.name });
  return out;
}
