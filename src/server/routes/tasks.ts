/** Tasks (任务), progress reports (进展报告), comments (督办意见). Not for the public. */
import { createRoute, z } from "@hono/zod-openapi";
import { addComment, addReport, getTask, listComments, listReports, listTasks, removeTask, type TaskFilter } from "../../track/tasks.js";
import type { TaskStatus } from "../../track/status.js";
import { paging, requireRole, todayOf, type App, type AppDeps } from "../context.js";
import { ApiError } from "../errors.js";
import {
  CommentSchema,
  IdParam,
  idQuery,
  isoDate,
  NewCommentSchema,
  NewReportSchema,
  PageQuery,
  ReportSchema,
  StatusSchema,
  TaskDetailSchema,
  TaskSchema,
} from "../schemas.js";
import { IdempotencyHeaders, respondOnce } from "../idempotency.js";
import { errors, json, security } from "./common.js";

export function registerTasks(app: App, deps: AppDeps): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/tasks",
      tags: ["tasks"],
      security,
      summary: "Tasks with their derived status; filter by body, status, due date, document",
      request: {
        query: PageQuery.extend({
          body: idQuery().optional(),
          status: StatusSchema.optional(),
          dueBefore: isoDate.optional().openapi({ description: "due strictly before this date" }),
          document: idQuery().optional(),
          measure: idQuery().optional(),
        }),
      },
      responses: {
        200: json(
          z
            .object({ items: z.array(TaskSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int(), totalIsLowerBound: z.boolean() })
            .openapi("TaskPage"),
        ),
        ...errors(400, 401),
      },
    }),
    async (c) => {
      requireRole(c.get("actor"), "admin", "supervisor", "editor");
      const q = c.req.valid("query");
      const f: TaskFilter = {
        bodyId: q.body,
        status: q.status as TaskStatus | undefined,
        dueBefore: q.dueBefore,
        documentId: q.document,
        measureId: q.measure,
        today: todayOf(deps),
        ...paging(q),
      };
      const r = await listTasks(deps.db, f);
      return c.json({ ...r, page: q.page, pageSize: q.pageSize }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/tasks/{id}",
      tags: ["tasks"],
      security,
      summary: "One task with its targets, reports and comments",
      request: { params: IdParam },
      responses: { 200: json(TaskDetailSchema), ...errors(400, 401, 404) },
    }),
    async (c) => {
      requireRole(c.get("actor"), "admin", "supervisor", "editor");
      const { id } = c.req.valid("param");
      const t = await getTask(deps.db, id, todayOf(deps));
      if (!t) throw new ApiError("not_found", `task ${id} not found`);
      const [progressReports, comments] = await Promise.all([listReports(deps.db, id), listComments(deps.db, id)]);
      return c.json({ ...t, progressReports, comments }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/tasks/{id}",
      tags: ["tasks"],
      security,
      summary: "Remove a body from a measure: delete the task (admin); audited; refused for a task with reports or comments",
      request: { params: IdParam },
      responses: { 200: json(z.object({ id: z.number().int(), deleted: z.literal(true) }), "deleted"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin");
      const { id } = c.req.valid("param");
      await deps.db.transaction((tx) => removeTask(tx, actor, id));
      return c.json({ id, deleted: true as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/tasks/{id}/reports",
      tags: ["tasks"],
      security,
      summary: "The progress reports of a task, oldest first",
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(ReportSchema) })), ...errors(400, 401, 404) },
    }),
    async (c) => {
      requireRole(c.get("actor"), "admin", "supervisor", "editor");
      const { id } = c.req.valid("param");
      if (!(await getTask(deps.db, id, todayOf(deps)))) throw new ApiError("not_found", `task ${id} not found`);
      return c.json({ items: await listReports(deps.db, id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/tasks/{id}/reports",
      tags: ["tasks"],
      security,
      summary: "Report progress (admin, or an editor of the task's body); append-only, a correction is a new report",
      request: { params: IdParam, headers: IdempotencyHeaders, body: { required: true, content: { "application/json": { schema: NewReportSchema } } } },
      responses: { 201: json(ReportSchema, "stored"), ...errors(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin", "editor");
      const { id } = c.req.valid("param");
      const b = c.req.valid("json");
      return respondOnce(c, deps, {
        request: b,
        run: async (tx) => ({ status: 201, body: await addReport(tx, actor, id, { ...b, reportDate: b.reportDate ?? todayOf(deps) }) }),
      });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/tasks/{id}/comments",
      tags: ["tasks"],
      security,
      summary: "Supervisors' comments on a task",
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(CommentSchema) })), ...errors(400, 401, 404) },
    }),
    async (c) => {
      requireRole(c.get("actor"), "admin", "supervisor", "editor");
      const { id } = c.req.valid("param");
      if (!(await getTask(deps.db, id, todayOf(deps)))) throw new ApiError("not_found", `task ${id} not found`);
      return c.json({ items: await listComments(deps.db, id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/tasks/{id}/comments",
      tags: ["tasks"],
      security,
      summary: "Comment on a task (supervisor, admin)",
      request: { params: IdParam, headers: IdempotencyHeaders, body: { required: true, content: { "application/json": { schema: NewCommentSchema } } } },
      responses: { 201: json(CommentSchema, "stored"), ...errors(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin", "supervisor");
      const { id } = c.req.valid("param");
      const b = c.req.valid("json");
      return respondOnce(c, deps, { request: b, run: async (tx) => ({ status: 201, body: await addComment(tx, actor, id, b.text) }) });
    },
  );
}
