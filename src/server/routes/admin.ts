/** Responsible bodies (责任单位) and their merging; the audit log (审计日志); the dashboard; search. */
import { createRoute, z } from "@hono/zod-openapi";
import { audit, auditFacets, listAudit } from "../../track/audit.js";
import { mergeBodies, updateBody } from "../../track/bodies.js";
import { getBody, listBodies } from "../../track/documents.js";
import { search } from "../../track/search.js";
import { dashboard } from "../../track/dashboard.js";
import { bodyInScope } from "../../track/scope.js";
import { isStaff, paging, requireRole, scopeOf, todayOf, type App, type AppDeps } from "../context.js";
import { ApiError } from "../errors.js";
import {
  AuditEntrySchema,
  AuditFacetsSchema,
  AuditQuery,
  BodyChangeSchema,
  BodySchema,
  DashboardSchema,
  IdParam,
  idQuery,
  KindSchema,
  MergeSchema,
  PageQuery,
  pageOf,
  SearchHitSchema,
  text,
} from "../schemas.js";
import { IdempotencyHeaders, respondOnce } from "../idempotency.js";
import { errors, json, security } from "./common.js";

export function registerAdmin(app: App, deps: AppDeps): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/bodies",
      tags: ["bodies"],
      security,
      summary: "Responsible bodies, most tasks first",
      request: { query: PageQuery.extend({ q: text().max(100).optional().openapi({ description: "part of a name" }) }) },
      responses: { 200: json(pageOf(BodySchema, "BodyPage")), ...errors(400, 401) },
    }),
    async (c) => {
      requireRole(c.get("actor"), "admin", "supervisor", "editor");
      const q = c.req.valid("query");
      const r = await listBodies(deps.db, { q: q.q, ...paging(q) });
      return c.json({ ...r, page: q.page, pageSize: q.pageSize }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/bodies/{id}",
      tags: ["bodies"],
      security,
      summary: "One responsible body",
      request: { params: IdParam },
      responses: { 200: json(BodySchema), ...errors(400, 401, 404) },
    }),
    async (c) => {
      requireRole(c.get("actor"), "admin", "supervisor", "editor");
      const { id } = c.req.valid("param");
      const b = await getBody(deps.db, id);
      if (!b) throw new ApiError("not_found", `责任单位 ${id} 不存在`);
      return c.json(b, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/bodies/{id}/merge",
      tags: ["bodies"],
      security,
      summary: "Merge this body into another: its names, tasks and editors move over (admin)",
      request: { params: IdParam, headers: IdempotencyHeaders, body: { required: true, content: { "application/json": { schema: MergeSchema } } } },
      responses: { 200: json(BodySchema, "the body merged into"), ...errors(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin");
      const { id } = c.req.valid("param");
      const { into } = c.req.valid("json");
      if (id === into) throw new ApiError("conflict", "不能把责任单位合并到它自己");
      return respondOnce(c, deps, { request: { into }, run: async (tx) => {
        const r = await tx.query<{ id: number; name: string; merged_into: number | null }>(
          `select id, name, merged_into from responsible_body where id = any($1::int[]) for update`,
          [[id, into]],
        );
        const from = r.rows.find((x) => x.id === id);
        const to = r.rows.find((x) => x.id === into);
        if (!from) throw new ApiError("not_found", `责任单位 ${id} 不存在`);
        if (!to) throw new ApiError("not_found", `责任单位 ${into} 不存在`);
        if (from.merged_into || to.merged_into) throw new ApiError("conflict", "其中一个责任单位已被合并过");
        const moved = await mergeBodies(tx, id, into);
        await audit(tx, actor, "body.merge", "body", id, { id, name: from.name }, { mergedInto: into, name: to.name, ...moved });
        return { status: 200, body: (await getBody(tx, into))! };
      } });
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/bodies/{id}",
      tags: ["bodies"],
      security,
      summary: "Rename a body or set its level and region (admin); the new name also resolves to it from now on; audited",
      description: "A name another body already answers to is refused (409): the two are one body, to be merged.",
      request: { params: IdParam, body: { required: true, content: { "application/json": { schema: BodyChangeSchema } } } },
      responses: { 200: json(BodySchema), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin");
      const { id } = c.req.valid("param");
      const change = c.req.valid("json");
      await deps.db.transaction(async (tx) => {
        const { before, after } = await updateBody(tx, id, change);
        await audit(tx, actor, "body.update", "body", id, before, after);
      });
      return c.json((await getBody(deps.db, id))!, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/audit",
      tags: ["audit"],
      security,
      summary: "The audit log, newest first, filtered by who, what, document, body and date (admin, supervisor)",
      request: { query: AuditQuery },
      responses: { 200: json(pageOf(AuditEntrySchema, "AuditPage")), ...errors(400, 401, 403) },
    }),
    async (c) => {
      requireRole(c.get("actor"), "admin", "supervisor");
      const q = c.req.valid("query");
      const r = await listAudit(deps.db, {
        documentId: q.document,
        bodyId: q.body,
        entity: q.entity,
        entityId: q.entityId,
        action: q.action,
        actor: q.actor,
        from: q.from,
        to: q.to,
        ...paging(q),
      });
      return c.json({ ...r, page: q.page, pageSize: q.pageSize }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/audit/facets",
      tags: ["audit"],
      security,
      summary: "What the audit log's filters can choose from: the actions recorded and who acted (admin, supervisor)",
      responses: { 200: json(AuditFacetsSchema), ...errors(401, 403) },
    }),
    async (c) => {
      requireRole(c.get("actor"), "admin", "supervisor");
      return c.json(await auditFacets(deps.db), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/dashboard",
      tags: ["dashboard"],
      security,
      summary: "What the dashboard shows, in one answer: tasks by status, bodies' load and on-time rate, the first overdue and at-risk tasks, targets, tasks by due month",
      description: "An editor's dashboard is its own bodies' (403 for another body) unless LUOSHI_EDITOR_READ=all; a supervisor limited to a region sees that region's.",
      request: {
        query: z.object({
          document: idQuery().optional(),
          body: idQuery().optional(),
          region: text().trim().min(1).max(100).optional().openapi({ description: "the document's region (地区)" }),
          listSize: z.coerce.number().int().min(1).max(50).default(8).openapi({ description: "overdue and at-risk tasks to send" }),
          bodyPage: z.coerce.number().int().min(1).max(100_000).default(1),
          bodyPageSize: z.coerce.number().int().min(1).max(200).default(50),
          targetLimit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: { 200: json(DashboardSchema), ...errors(400, 401) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin", "supervisor", "editor");
      const q = c.req.valid("query");
      // an editor's dashboard is its bodies'; a supervisor limited to a region sees that region's
      const scope = scopeOf(actor, deps);
      if (q.body !== undefined && !bodyInScope(scope, q.body)) throw new ApiError("forbidden", "只能查看本单位的任务");
      if (q.region !== undefined && scope.region !== undefined && q.region !== scope.region) throw new ApiError("forbidden", "只能查看所辖地区的任务");
      const d = await dashboard(deps.db, {
        documentId: q.document,
        bodyIds: q.body !== undefined ? [q.body] : scope.bodyIds,
        region: scope.region ?? q.region,
        today: todayOf(deps),
        listSize: q.listSize,
        bodyLimit: q.bodyPageSize,
        bodyOffset: (q.bodyPage - 1) * q.bodyPageSize,
        targetLimit: q.targetLimit,
      });
      return c.json(d, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/search",
      tags: ["search"],
      summary: "Full-text search over measures (Chinese), ranked, with highlighted snippets",
      request: {
        query: PageQuery.extend({
          q: text().trim().min(1).max(200).openapi({ example: "5G基站" }),
          body: idQuery().optional(),
          document: idQuery().optional(),
          year: z.coerce.number().int().min(1949).max(2100).optional(),
          region: text().trim().min(1).max(50).optional().openapi({ description: "the document's region (地区)", example: "广州市" }),
          kind: KindSchema.optional().openapi({ description: "has a quantity of this kind" }),
        }).extend({ pageSize: z.coerce.number().int().min(1).max(100).default(20) }),
      },
      responses: {
        200: json(
          z.object({ items: z.array(SearchHitSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int(), totalIsLowerBound: z.boolean() }),
        ),
        ...errors(400),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const staff = isStaff(c.get("actor"));
      const r = await search(deps.db, {
        q: q.q,
        bodyId: staff ? q.body : undefined,
        documentId: q.document,
        year: q.year,
        region: q.region,
        kind: q.kind,
        publishedOnly: !staff,
        ...paging(q),
      });
      return c.json({ ...r, page: q.page, pageSize: q.pageSize }, 200);
    },
  );
}
