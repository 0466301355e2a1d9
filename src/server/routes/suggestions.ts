/** 建议责任单位: an admin confirms a body suggested from a measure's prose into a task, or dismisses it. */
import { createRoute, z } from "@hono/zod-openapi";
import { confirmSuggestion, dismissSuggestion } from "../../track/suggestions.js";
import { requireRole, type App, type AppDeps } from "../context.js";
import { IdParam, SuggestionSchema } from "../schemas.js";
import { IdempotencyHeaders, respondOnce } from "../idempotency.js";
import { errors, json, security } from "./common.js";

const ConfirmSchema = z
  .object({ role: z.enum(["lead", "supporting"]).optional().openapi({ description: "the task's role; the suggestion's own by default" }) })
  .openapi("SuggestionConfirmation");

const ConfirmedSchema = z
  .object({ suggestion: SuggestionSchema, taskId: z.number().int(), bodyId: z.number().int(), bodyName: z.string(), created: z.boolean() })
  .openapi("ConfirmedSuggestion");

export function registerSuggestions(app: App, deps: AppDeps): void {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/suggestions/{id}/confirm",
      tags: ["tasks"],
      security,
      summary: "Confirm a suggested body (admin): the body is found or created and assigned to the measure as a task; audited",
      description: "A body already on the measure keeps its task (`created` is false). A suggestion already decided answers 409.",
      request: { params: IdParam, headers: IdempotencyHeaders, body: { required: false, content: { "application/json": { schema: ConfirmSchema } } } },
      responses: { 201: json(ConfirmedSchema, "confirmed"), ...errors(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin");
      const { id } = c.req.valid("param");
      const b = (c.req.valid("json") as z.infer<typeof ConfirmSchema> | undefined) ?? {};
      return respondOnce(c, deps, { request: b, run: async (tx) => ({ status: 201, body: await confirmSuggestion(tx, actor, id, b.role) }) });
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/suggestions/{id}/dismiss",
      tags: ["tasks"],
      security,
      summary: "Dismiss a suggested body (admin); audited, and no longer offered",
      request: { params: IdParam, headers: IdempotencyHeaders },
      responses: { 200: json(SuggestionSchema, "dismissed"), ...errors(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin");
      const { id } = c.req.valid("param");
      return respondOnce(c, deps, { request: null, run: async (tx) => ({ status: 200, body: await dismissSuggestion(tx, actor, id) }) });
    },
  );
}
