/**
 * The small database interface the rest of the code talks to. Two implementations run the same SQL:
 * PGlite (embedded, a data folder, nothing to install) and a PostgreSQL server through `pg`.
 *
 * Values come back the same from both: int8/numeric as numbers, `date` as "YYYY-MM-DD", timestamps as ISO
 * strings, json as objects, arrays as arrays, bytea as Uint8Array.
 */

import type { PGlite } from "@electric-sql/pglite";

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
  /** the embedded instance itself (PGlite only), for a library that speaks to it directly: the job queue */
  readonly embedded?: PGlite;
}

/** SQLSTATE of a database error, when it has one. */
export function sqlState(err: unknown): string | undefined {
  if (err && typeof err === "object" && "code" in err && typeof (err as { code: unknown }).code === "string") {
    return (err as { code: string }).code;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = "23505";
/** a transaction that lost a serialization conflict, or was picked as the victim of a deadlock: retry it whole */
export const RETRYABLE_STATES = new Set(["40001", "40P01"]);

/**
 * The database cannot be reached, or dropped the connection mid-request (restart, failover,
 * pg_terminate_backend). The work of the request was not committed; the client may try again.
 */
export class DatabaseUnavailable extends Error {
  constructor(override readonly cause: unknown) {
    super(`database unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "DatabaseUnavailable";
  }
}

// SQLSTATE classes that mean the connection or the server is gone, not that the statement was wrong:
// 08 connection exception, 57P01-57P03 admin/crash shutdown and "starting up", 53300 too many connections
const UNAVAILABLE_STATES = /^(08...|57P0[1-3]|53300)$/;
// socket-level failures from node and the driver's own words for a connection that went away
const UNAVAILABLE_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);
const UNAVAILABLE_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|not queryable/i;

/** True when `err` says the database is unreachable or dropped the connection (not a fault of the query). */
export function isConnectionError(err: unknown): boolean {
  if (err instanceof DatabaseUnavailable) return true;
  const state = sqlState(err);
  if (state && UNAVAILABLE_STATES.test(state)) return true;
  if (state && UNAVAILABLE_ERRNOS.has(state)) return true;
  if (err instanceof AggregateError) return err.errors.some(isConnectionError);
  return err instanceof Error && UNAVAILABLE_MESSAGES.test(err.message);
}

/** pg and PGlite parse timestamps to Date; we hand out ISO strings. */
export function timestampToIso(v: string): string {
  // "2024-05-01 10:20:30.123+00" (the server's text format) -> ISO
  const d = new Date(v.includes("T") ? v : v.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
  return Number.isNaN(d.getTime()) ? v : d.toISOString();
}
