/**
 * 责任单位 as records of their own. A name as written in a document is resolved to a body by a key
 * (region | level | core name): `省通信管理局` in a 广东 provincial document, `通信管理局` carried from a 省 prefix
 * by the parser, and `广东省通信管理局` written in full are one key, so one body. An admin can merge two bodies
 * when the key could not tell (renamed bodies, abbreviations).
 */
import { hasOwnPlace, startsWithPlace } from "../extract/places.js";
import type { Queryable } from "../store/db.js";
import { TrackError } from "./tasks.js";

/** 层级 of a body or a document: 省, 市, 县, 区, or unknown. */
export type Level = "省" | "市" | "县" | "区";
export const LEVELS: ReadonlySet<string> = new Set(["省", "市", "县", "区"]);

/** Where a document stands, so that a level prefix (省…, 市…) can be read as a place. */
export interface Jurisdiction {
  /** 广东 */
  province: string | null;
  /** 江门 (when the document is a city's) */
  city: string | null;
  /** the document's own level */
  level: Level | null;
}

// prefecture-level cities of 广东, so that a city's document knows its province; elsewhere the province is
// read from the document's own issuers or wrappers
const GUANGDONG_CITIES =
  "广州 深圳 珠海 汕头 佛山 韶关 湛江 肇庆 江门 茂名 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮".split(" ");

/** Reads the place and level of one name: 广东省通信管理局 -> {place 广东, level 省, core 通信管理局}. */
export function splitPlace(name: string): { place: string | null; level: Level | null; core: string } {
  const place = startsWithPlace(name);
  if (place) {
    const next = name.charAt(place.length);
    if (LEVELS.has(next) && name.length > place.length + 1) {
      return { place, level: next as Level, core: name.slice(place.length + 1) };
    }
    return { place, level: null, core: name };
  }
  const m = name.match(/^(?![省市县区])([\u4e00-\u9fff]{2,4}?)(省|市)(?!场|政|委)/);
  if (m && m[1] && hasOwnPlace(name) && name.length > m[0].length) {
    return { place: m[1], level: m[2] as Level, core: name.slice(m[0].length) };
  }
  return { place: null, level: null, core: name };
}

/** The jurisdiction of a document, from the issuers of the document and its wrappers (innermost first). */
export function jurisdictionOf(issuerLists: string[][]): Jurisdiction {
  let province: string | null = null;
  let city: string | null = null;
  let level: Level | null = null;
  for (const issuers of issuerLists) {
    for (const issuer of issuers) {
      const { place, level: l } = splitPlace(issuer);
      if (!place || !l) continue;
      if (l === "省" && !province) province = place;
      if (l === "市" && !city) city = place;
      level ??= l;
    }
    if (level) break;
  }
  if (city && !province && GUANGDONG_CITIES.includes(city)) province = "广东";
  return { province, city, level };
}

export interface BodyIdentity {
  key: string;
  /** the display name: 广东省通信管理局 */
  name: string;
  level: Level | null;
  region: string | null;
}

/** The identity of a body named `written` in a document of jurisdiction `j`. */
export function bodyIdentity(written: string, j: Jurisdiction): BodyIdentity {
  const clean = written.replace(/\s+/g, "");
  const { place, level, core } = splitPlace(clean);
  if (place && level) {
    return { key: `${place}|${level}|${core}`, name: `${place}${level}${core}`, level, region: place };
  }
  if (place) return { key: `|${clean}`, name: clean, level: null, region: place };
  const prefix = clean.charAt(0);
  // 省工业和信息化厅, 市城市管理和综合执法局, 市委宣传部: a level prefix standing for the document's own place
  if (LEVELS.has(prefix) && clean.length > 2 && !startsWithPlace(clean) && clean.charAt(1) !== "场") {
    const l = prefix as Level;
    const region = l === "省" ? j.province : l === "市" ? j.city : null;
    const rest = clean.slice(1);
    if (region) return { key: `${region}|${l}|${rest}`, name: `${region}${l}${rest}`, level: l, region };
    // 区/县 bodies, or a level whose place the document does not tell: keyed by the name and what we know
    const where = j.city ?? j.province ?? "";
    return { key: `${where}|${l}|${rest}`, name: clean, level: l, region: where || null };
  }
  // no level, no place: 各地级以上市人民政府, 有关部门 … relative to the issuing government
  const region = j.level === "市" ? j.city : j.province;
  return { key: `${region ?? ""}|*|${clean}`, name: clean, level: null, region };
}

export interface ResolvedBody {
  id: number;
  name: string;
}

/** Finds or creates the body a name stands for; follows merges. */
export async function resolveBody(tx: Queryable, written: string, j: Jurisdiction): Promise<ResolvedBody> {
  return (await resolveBodies(tx, [written], j)).get(written)!;
}

/** The bodies behind these alias keys, merges followed; a key with no alias is absent. */
async function bodiesByKey(tx: Queryable, keys: string[]): Promise<Map<string, ResolvedBody>> {
  const out = new Map<string, ResolvedBody>();
  if (!keys.length) return out;
  const r = await tx.query<{ key: string; id: number; name: string; merged_into: number | null }>(
    `select a.key, b.id, b.name, b.merged_into from body_alias a join responsible_body b on b.id = a.body_id
     where a.key = any($1::text[])`,
    [keys],
  );
  for (const row of r.rows) {
    const body = { id: row.id, name: row.name };
    out.set(row.key, row.merged_into === null ? body : await followMerges(tx, body));
  }
  return out;
}

// New bodies and their aliases in one statement. The ids are drawn in the order given (key order) before the
// inserts, so that each alias can name its body; the aliases are inserted in that order too, which is the lock
// order resolveBodies promises. `won` is false where a concurrent ingest made the key first.
const CREATE_BODIES = /* sql */ `
with fresh as materialized (
  select nextval(pg_get_serial_sequence('responsible_body', 'id'))::int as id, n.*
  from jsonb_to_recordset($1::jsonb) as n(key text, name text, level text, region text, written text)
), bodies as (
  insert into responsible_body (id, name, level, region) select id, name, level, region from fresh order by id
), aliases as (
  insert into body_alias (key, body_id, written) select key, id, written from fresh order by id
  on conflict (key) do nothing returning key
)
select f.key, f.id, f.name, a.key is not null as won from fresh f left join aliases a on a.key = f.key`;

/**
 * Resolves every name of a document, in the order of their keys rather than of the text: two ingests that
 * create the same new bodies then take their locks (the unique alias keys) in one order, so neither can wait
 * on the other in a cycle (a deadlock on PostgreSQL). One query finds the known keys and one statement makes
 * the new ones, however many names there are.
 */
export async function resolveBodies(tx: Queryable, written: Iterable<string>, j: Jurisdiction): Promise<Map<string, ResolvedBody>> {
  const names = [...new Set(written)].map((w) => ({ w, ident: bodyIdentity(w, j) }));
  names.sort((a, b) => (a.ident.key < b.ident.key ? -1 : a.ident.key > b.ident.key ? 1 : a.w < b.w ? -1 : a.w > b.w ? 1 : 0));
  const byKey = await bodiesByKey(tx, [...new Set(names.map((n) => n.ident.key))]);
  // the first spelling of a new key in that order is the one its alias keeps, as when names were resolved in turn
  const fresh = new Map<string, { w: string; ident: BodyIdentity }>();
  for (const n of names) if (!byKey.has(n.ident.key) && !fresh.has(n.ident.key)) fresh.set(n.ident.key, n);
  if (fresh.size) {
    const rows = [...fresh.values()].map(({ w, ident }) => ({ key: ident.key, name: ident.name, level: ident.level, region: ident.region, written: w }));
    const made = await tx.query<{ key: string; id: number; name: string; won: boolean }>(CREATE_BODIES, [JSON.stringify(rows)]);
    for (const r of made.rows) if (r.won) byKey.set(r.key, { id: r.id, name: r.name });
    const lost = made.rows.filter((r) => !r.won);
    if (lost.length) {
      // a concurrent ingest made these keys first: use its bodies, drop ours
      await tx.query(`delete from responsible_body where id = any($1::int[])`, [lost.map((r) => r.id)]);
      for (const [key, body] of await bodiesByKey(tx, lost.map((r) => r.key))) byKey.set(key, body);
    }
  }
  const out = new Map<string, ResolvedBody>();
  for (const { w, ident } of names) out.set(w, byKey.get(ident.key)!);
  return out;
}

/** The body that `body` was merged into, through any number of merges (itself when it was not merged). */
export async function followMerges(tx: Queryable, body: ResolvedBody): Promise<ResolvedBody> {
  let cur = body;
  for (let i = 0; i < 20; i++) {
    const r = await tx.query<{ merged_into: number | null }>(`select merged_into from responsible_body where id = $1`, [cur.id]);
    const next = r.rows[0]?.merged_into;
    if (!next) return cur;
    const n = await tx.query<{ id: number; name: string }>(`select id, name from responsible_body where id = $1`, [next]);
    cur = n.rows[0]!;
  }
  return cur;
}

/**
 * Merges body `from` into body `into`: its spellings, tasks and editors move over; `from` is kept as a
 * tombstone pointing at `into`, so that old links still resolve.
 */
export async function mergeBodies(tx: Queryable, from: number, into: number): Promise<{ tasks: number; aliases: number }> {
  const tasks = await tx.query<{ id: number }>(`update task set body_id = $2 where body_id = $1 returning id`, [from, into]);
  const aliases = await tx.query<{ key: string }>(`update body_alias set body_id = $2 where body_id = $1 returning key`, [
    from,
    into,
  ]);
  await tx.query(
    `insert into user_body (user_id, body_id) select user_id, $2 from user_body where body_id = $1 on conflict do nothing`,
    [from, into],
  );
  await tx.query(`delete from user_body where body_id = $1`, [from]);
  await tx.query(`update responsible_body set merged_into = $2 where id = $1`, [from, into]);
  await tx.query(`update responsible_body set merged_into = $2 where merged_into = $1`, [from, into]);
  return { tasks: tasks.rows.length, aliases: aliases.rows.length };
}

export interface BodyChange {
  name?: string;
  level?: Level | null;
  region?: string | null;
}

/**
 * Renames a body or sets its level and region. The new name also resolves to the body from now on (an alias), so
 * a later document that writes it finds this body; a name another body already answers to is refused, since the
 * two are then one body to merge. Returns the record before and after; the caller audits.
 */
export async function updateBody(
  tx: Queryable,
  id: number,
  c: BodyChange,
): Promise<{ before: { name: string; level: string | null; region: string | null }; after: { name: string; level: string | null; region: string | null } }> {
  const r = await tx.query<{ name: string; level: string | null; region: string | null; merged_into: number | null }>(
    `select name, level, region, merged_into from responsible_body where id = $1 for update`,
    [id],
  );
  const row = r.rows[0];
  if (!row) throw new TrackError("not-found", `责任单位 ${id} 不存在`);
  if (row.merged_into) throw new TrackError("conflict", `责任单位 ${id} 已并入 ${row.merged_into}，请修改合并后的单位`);
  const after = {
    name: c.name ?? row.name,
    level: c.level === undefined ? row.level : c.level,
    region: c.region === undefined ? row.region : c.region,
  };
  if (c.name !== undefined && c.name !== row.name) {
    const level = (after.level && LEVELS.has(after.level) ? after.level : null) as Level | null;
    const j: Jurisdiction = { province: level === "省" ? after.region : null, city: level === "市" ? after.region : null, level };
    const key = bodyIdentity(c.name, j).key;
    await tx.query(`insert into body_alias (key, body_id, written) values ($1, $2, $3) on conflict (key) do nothing`, [key, id, c.name]);
    const owner = await tx.query<{ body_id: number; name: string }>(
      `select a.body_id, b.name from body_alias a join responsible_body b on b.id = a.body_id where a.key = $1`,
      [key],
    );
    const other = owner.rows[0];
    if (other && other.body_id !== id) {
      throw new TrackError("conflict", `名称“${c.name}”已属于责任单位“${other.name}”（${other.body_id}），如为同一单位请合并`, { bodyId: other.body_id });
    }
  }
  await tx.query(`update responsible_body set name = $2, level = $3, region = $4 where id = $1`, [id, after.name, after.level, after.region]);
  return { before: { name: row.name, level: row.level, region: row.region }, after };
}
