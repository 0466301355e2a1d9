/** 更正解析结果 (admin): a measure's title and text, its targets; each change audited with before and after. */
import { createRoute } from "@hono/zod-openapi";
import { addTarget, deleteTarget, updateMeasure, updateTarget } from "../../track/corrections.js";
import { getMeasure } from "../../track/documents.js";
import { requireRole, type App, type AppDeps } from "../context.js";
import { ApiError } from "../errors.js";
import { IdParam, MeasureChangeSchema, MeasureSchema, NewTargetSchema, QuantitySchema, TargetChangeSchema } from "../schemas.js";
import { IdempotencyHeaders, respondOnce } from "../idempotency.js";
import { errors, json, security } from "./common.js";

export function registerCorrections(app: App, deps: AppDeps): void {
  const measureOf = async (id: number) => {
    const m = await getMeasure(deps.db, id, true);
    if (!m) throw new ApiError("not_found", `措施 ${id} 不存在`);
    const { published: _p, ...measure } = m;
    return measure;
  };

  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/measures/{id}",
      tags: ["measures"],
      security,
      summary: "Correct a measure's title or text (admin); audited as measure.update with before and after",
      request: { params: IdParam, body: { required: true, content: { "application/json": { schema: MeasureChangeSchema } } } },
      responses: { 200: json(MeasureSchema), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin");
      const { id } = c.req.valid("param");
      const change = c.req.valid("json");
      await deps.db.transaction((tx) => updateMeasure(tx, actor, id, change));
      return c.json(await measureOf(id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/measures/{id}/targets",
      tags: ["measures"],
      security,
      summary: "Add a quantity the parser missed to a measure (admin); audited as target.create",
      description: "A value is never negative; a deadline is a target's only, and not before the document's date.",
      request: { params: IdParam, headers: IdempotencyHeaders, body: { required: true, content: { "application/json": { schema: NewTargetSchema } } } },
      responses: { 201: json(QuantitySchema, "added"), ...errors(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin");
      const { id } = c.req.valid("param");
      const target = c.req.valid("json");
      return respondOnce(c, deps, { request: { id, target }, run: async (tx) => ({ status: 201 as const, body: await addTarget(tx, actor, id, target) }) });
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/targets/{id}",
      tags: ["measures"],
      security,
      summary: "Correct a quantity: value, range, unit, kind, deadline, indicator name, cap (admin); audited as target.update",
      description:
        "Tasks, the dashboard and the public page read the corrected values. A changed deadline moves the measure's due date " +
        "(and its tasks' that had it) when the due date came from its targets.",
      request: { params: IdParam, body: { required: true, content: { "application/json": { schema: TargetChangeSchema } } } },
      responses: { 200: json(QuantitySchema), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin");
      const { id } = c.req.valid("param");
      const t = await deps.db.transaction((tx) => updateTarget(tx, actor, id, c.req.valid("json")));
      return c.json(t, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/targets/{id}",
      tags: ["measures"],
      security,
      summary: "Remove a quantity the parser made up (admin); one that progress reports measure against is refused (409); audited",
      request: { params: IdParam },
      responses: { 200: json(QuantitySchema.pick({ id: true }), "removed"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin");
      const { id } = c.req.valid("param");
      await deps.db.transaction((tx) => deleteTarget(tx, actor, id));
      return c.json({ id }, 200);
    },
  );
}
