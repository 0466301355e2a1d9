/**
 * Tasks (任务), progress reports (进展报告), comments (督办意见). Not for the public. An editor reads its own
 * bodies' tasks only (unless the deployment opens read access), a supervisor with a region that region's:
 * outside that, a task is 404 and a filter naming another body 403.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { listDocumentById } from "../../track/documents.js";
import { listNotices } from "../../track/notices.js";
import { bodyInScope, taskInScope } from "../../track/scope.js";
import { listEvents } from "../../track/supervision.js";
import { BODIES_SHOWN, TASKS_SHOWN, taskDivisionPage } from "../../track/task-division.js";
import { addComment, addReport, getTask, listComments, listReports, listTasks, removeTask, type TaskFilter } from "../../track/tasks.js";
import { paging, requireRole, scopeOf, todayOf, type App, type AppDeps } from "../context.js";
import type { Actor } from "../../track/audit.js";
import { ApiError } from "../errors.js";
import {
  CommentSchema,
  IdParam,
  MeasureSchema,
  NewCommentSchema,
  NewReportSchema,
  PageQuery,
  ReportSchema,
  StatusSchema,
  TaskListQuery,
  TaskDetailSchema,
  TaskSchema,
} from "../schemas.js";
import { IdempotencyHeaders, respondOnce } from "../idempotency.js";
import { errors, json, security, taskListFilter } from "./common.js";

/** 404 unless the task exists and the actor may read it. */
export async function readableTask(deps: AppDeps, actor: Actor, id: number): Promise<void> {
  if (!(await taskInScope(deps.db, id, scopeOf(actor, deps)))) throw new ApiError("not_found", `任务 ${id} 不存在`);
}

export function registerTasks(app: App, deps: AppDeps): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/documents/{id}/task-table/rows",
      tags: ["tasks"],
      security,
      summary: "The 任务分工表 page: a page of the document's measures, each with its first tasks and all its tasks counted by status",
      description:
        `Each row holds at most ${TASKS_SHOWN} tasks (牵头 first, then the most recently reported) and the count of all the measure's tasks by status; ` +
        `its measure names at most ${BODIES_SHOWN} bodies of each role, bodyCounts counts them all (GET /api/measures/{id} names them all). ` +
        "An editor sees its own bodies' tasks (unless LUOSHI_EDITOR_READ=all), a supervisor limited to a region that region's. The file with every task is GET /api/documents/{id}/task-table.",
      request: { params: IdParam, query: PageQuery },
      responses: {
        200: json(
          z
            .object({
              items: z.array(
                z
                  .object({
                    no: z.number().int(),
                    measure: MeasureSchema,
                    bodyCounts: z.object({ lead: z.number().int(), supporting: z.number().int() }),
                    tasks: z.array(TaskSchema),
                    taskCount: z.number().int(),
                    statusCounts: z.record(StatusSchema, z.number().int()),
                  })
                  .openapi("TaskDivisionRow"),
              ),
              page: z.number().int(),
              pageSize: z.number().int(),
              total: z.number().int(),
            })
            .openapi("TaskDivisionPage"),
        ),
        ...errors(400, 401, 404),
      },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin", "supervisor", "editor");
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      if (!(await listDocumentById(deps.db, id))) throw new ApiError("not_found", `文件 ${id} 不存在`);
      const r = await taskDivisionPage(deps.db, { documentId: id, scope: scopeOf(actor, deps), today: todayOf(deps), ...paging(q) });
      return c.json({ ...r, page: q.page, pageSize: q.pageSize }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/tasks",
      tags: ["tasks"],
      security,
      summary: "Tasks with their derived status; filter by body, status, due date, document, acknowledgement",
      description: "An editor lists its own bodies' tasks (403 for another body) unless LUOSHI_EDITOR_READ=all; a supervisor limited to a region lists that region's.",
      request: {
        query: PageQuery.extend(TaskListQuery),
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
      const actor = c.get("actor");
      requireRole(actor, "admin", "supervisor", "editor");
      const q = c.req.valid("query");
      const scope = scopeOf(actor, deps);
      if (q.body !== undefined && !bodyInScope(scope, q.body)) throw new ApiError("forbidden", "只能查看本单位的任务");
      const f: TaskFilter = {
        ...taskListFilter(q),
        scope,
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
      summary: "One task with its targets, reports (with reviews and files), comments, events and notices",
      request: { params: IdParam },
      responses: { 200: json(TaskDetailSchema), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin", "supervisor", "editor");
      const { id } = c.req.valid("param");
      await readableTask(deps, actor, id);
      const t = await getTask(deps.db, id, todayOf(deps));
      if (!t) throw new ApiError("not_found", `任务 ${id} 不存在`);
      const [progressReports, comments, events, notices] = await Promise.all([
        listReports(deps.db, id),
        listComments(deps.db, id),
        listEvents(deps.db, id),
        listNotices(deps.db, actor, { scope: scopeOf(actor, deps), taskId: id, limit: 100, offset: 0 }),
      ]);
      return c.json({ ...t, progressReports, comments, events, notices: notices.items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/tasks/{id}",
      tags: ["tasks"],
      security,
      summary: "Remove a body from a measure: delete the task (admin); audited; refused for a task with reports, comments, events or notices",
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
      const actor = c.get("actor");
      requireRole(actor, "admin", "supervisor", "editor");
      const { id } = c.req.valid("param");
      await readableTask(deps, actor, id);
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
      description:
        "The date is no later than today; a value names a target of the task and is not negative unless the target is; " +
        "`complete` asks to close the task (申请办结), which a supervisor approves or returns; files are uploaded first " +
        "(POST /api/tasks/{id}/attachments) and named in `attachmentIds`. A closed or suspended task answers 409.",
      request: { params: IdParam, headers: IdempotencyHeaders, body: { required: true, content: { "application/json": { schema: NewReportSchema } } } },
      responses: { 201: json(ReportSchema, "stored"), ...errors(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin", "editor");
      const { id } = c.req.valid("param");
      await readableTask(deps, actor, id);
      const b = c.req.valid("json");
      const today = todayOf(deps);
      return respondOnce(c, deps, {
        request: b,
        run: async (tx) => ({ status: 201, body: await addReport(tx, actor, id, { ...b, reportDate: b.reportDate ?? today }, today) }),
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
      const actor = c.get("actor");
      requireRole(actor, "admin", "supervisor", "editor");
      const { id } = c.req.valid("param");
      await readableTask(deps, actor, id);
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
      await readableTask(deps, actor, id);
      const b = c.req.valid("json");
      return respondOnce(c, deps, { request: b, run: async (tx) => ({ status: 201, body: await addComment(tx, actor, id, b.text) }) });
    },
  );
}
