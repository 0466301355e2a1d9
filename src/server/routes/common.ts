import { ErrorSchema } from "../schemas.js";

const DESCRIPTIONS: Record<number, string> = {
  400: "invalid request",
  401: "not logged in",
  403: "not allowed for this role",
  404: "not found",
  409: "conflict",
  413: "too large",
  415: "unsupported type",
  422: "unparseable document, or an Idempotency-Key already used for another request",
  429: "too many attempts",
  503: "the database is unavailable; retry later (Retry-After)",
};

/** OpenAPI responses for the error statuses a route can answer. */
export function errors(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: DESCRIPTIONS[s] ?? "error", content: { "application/json": { schema: ErrorSchema } } }]),
  );
}

export function json<T>(schema: T, description = "ok") {
  return { description, content: { "application/json": { schema } } };
}

export const security = [{ bearer: [] }];
