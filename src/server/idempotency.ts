/**
 * Idempotency keys: a write sent with an `Idempotency-Key` header is done once per user and key. Its answer is
 * stored in the same transaction as its work, so that the work and the record of it commit together or not at
 * all; a repeat (a client retrying after a lost answer, a double click) gets the stored answer back, marked
 * `Idempotent-Replayed: true`, without the work being done again. Concurrent repeats queue on a lock on the
 * (user, key) pair: the first does the work, the others then find its answer. The same key with another request
 * (another route, other ids or another body) is refused (422). Only answers that did something are stored: an
 * error changed nothing, so the request may simply be sent again. Keys are forgotten after KEY_HOURS.
 */
import { createHash } from "node:crypto";
import { z } from "@hono/zod-openapi";
import type { Context, TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import type { Queryable } from "../store/db.js";
import type { AppDeps, AppEnv } from "./context.js";
import { ApiError } from "./errors.js";

/** how long a key's answer is kept: a client retries within minutes, a day leaves room for one that was offline */
export const KEY_HOURS = 24;
const LOCK = 774_520_104;

export const IDEMPOTENCY_HEADER = "Idempotency-Key";

/**
 * The header, for a route's `request.headers` (which makes it part of the OpenAPI document and validates it);
 * named in lower case, as headers reach the validator (HTTP names are the same in any case).
 */
export const IdempotencyHeaders = z.object({
  "idempotency-key": z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, "Idempotency-Key: 1 to 255 visible ASCII characters (a UUID, say)")
    .optional()
    .openapi({
      description: `a key the client makes for one write (a UUID); sent again with the same request, the stored answer comes back and nothing is done twice. Kept ${KEY_HOURS} hours`,
      example: "5f0c6a2e-8d1b-4c57-9e0b-3f4a1d2c7b66",
    }),
});

/** What a write answers: stored with its key, replayed to a repeat. */
export interface Answer<T, S extends 200 | 201 | 202> {
  status: S;
  body: T;
}

/** the answer as the route declares it, whether made now or replayed */
type Reply<T, S extends 200 | 201 | 202> = Response & TypedResponse<JSONParsed<T>, S, "json">;

interface Stored {
  request_hash: string;
  status: 200 | 201 | 202;
  response: unknown;
}

async function find(db: Queryable, userId: number, key: string): Promise<Stored | undefined> {
  const r = await db.query<Stored>(
    `select request_hash, status, response from idempotent_request
     where user_id = $1 and key = $2 and created_at > now() - make_interval(hours => $3::int)`,
    [userId, key, KEY_HOURS],
  );
  return r.rows[0];
}

function replay<T, S extends 200 | 201 | 202>(c: Context<AppEnv>, stored: Stored, hash: string): Reply<T, S> {
  if (stored.request_hash !== hash) {
    throw new ApiError("idempotency_key_reused", "这个 Idempotency-Key 已用于另一个请求：重发时请求须与第一次完全相同，新的请求请换一个新的键", {
      header: IDEMPOTENCY_HEADER,
    });
  }
  c.header("idempotent-replayed", "true");
  return c.json(stored.response as T & object, stored.status as S) as Reply<T, S>;
}

/**
 * Does a write once: `run` in a transaction, its answer stored under the request's key when there is one.
 * `request` is what identifies the request besides its method and path (its validated body, say); `prepare`
 * is work done before the transaction (parsing an upload), skipped when a stored answer is replayed.
 */
export async function respondOnce<T extends object, S extends 200 | 201 | 202, P = undefined>(
  c: Context<AppEnv>,
  deps: AppDeps,
  spec: { request: unknown; prepare?: () => Promise<P>; run: (tx: Queryable, prepared: P) => Promise<Answer<T, S>> },
): Promise<Reply<T, S>> {
  const key = c.req.header("idempotency-key");
  const userId = c.get("actor").id;
  if (!key || userId === null) {
    const prepared = (await spec.prepare?.()) as P;
    const a = await deps.db.transaction((tx) => spec.run(tx, prepared));
    return c.json(a.body, a.status) as Reply<T, S>;
  }
  const hash = createHash("sha256")
    .update(JSON.stringify([c.req.method, new URL(c.req.url).pathname, spec.request ?? null]))
    .digest("hex");
  const before = await find(deps.db, userId, key);
  if (before) return replay(c, before, hash);
  const prepared = (await spec.prepare?.()) as P;
  const done = await deps.db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock($1, hashtext($2))`, [LOCK, `${userId}\n${key}`]);
    const meanwhile = await find(tx, userId, key);
    if (meanwhile) return { meanwhile, answer: undefined };
    const answer = await spec.run(tx, prepared);
    // a row still there has expired (a live one was found above); the primary key backs the lock up
    await tx.query(`delete from idempotent_request where user_id = $1 and key = $2`, [userId, key]);
    await tx.query(`insert into idempotent_request (user_id, key, request_hash, status, response) values ($1, $2, $3, $4, $5::jsonb)`, [
      userId,
      key,
      hash,
      answer.status,
      JSON.stringify(answer.body),
    ]);
    return { meanwhile: undefined, answer };
  });
  if (done.meanwhile) return replay(c, done.meanwhile, hash);
  await forgetExpired(deps);
  return c.json(done.answer!.body, done.answer!.status) as Reply<T, S>;
}

/** Housekeeping after a stored answer; its failure does not undo a write that committed. */
async function forgetExpired(deps: AppDeps): Promise<void> {
  try {
    await deps.db.query(`delete from idempotent_request where created_at < now() - make_interval(hours => $1::int)`, [KEY_HOURS]);
  } catch (err) {
    deps.log?.(err);
  }
}
