/**
 * The small database interface the rest of the code talks to. Two implementations run the same SQL:
 * PGlite (embedded, a data folder, nothing to install) and a PostgreSQL server through `pg`.
 *
 * Values come back the same from both: int8/numeric as numbers, `date` as "YYYY-MM-DD", timestamps as ISO
 * strings, json as objects, arrays as arrays, bytea as Uint8Array.
 */

export type SqlValue = string | number | boolean | null | Date | Uint8Array | string[] | number[] | object;

/** Anything that can run a query: the database itself or an open transaction. */
export interface Queryable {
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<{ rows: T[] }>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: "pglite" | "postgres";
  /** Runs `fn` in one transaction: all of it commits, or none of it does. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** SQLSTATE of a database error, when it has one. */
export function sqlState(err: unknown): string | undefined {
  if (err && typeof err === "object" && "code" in err && typeof (err as { code: unknown }).code === "string") {
    return (err as { code: string }).code;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = "23505";

/** pg and PGlite parse timestamps to Date; we hand out ISO strings. */
export function timestampToIso(v: string): string {
  // "2024-05-01 10:20:30.123+00" (the server's text format) -> ISO
  const d = new Date(v.includes("T") ? v : v.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
  return Number.isNaN(d.getTime()) ? v : d.toISOString();
}
