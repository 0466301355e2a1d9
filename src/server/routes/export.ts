/**
 * Office files for download: the 任务分工表 of a document, or of any task list the app filters, as XLSX (the form a
 * body fills in), DOCX (公文 style, for printing) or CSV (for scripts). Read like the task list: an editor gets its
 * own bodies' rows only (unless LUOSHI_EDITOR_READ=all), a supervisor limited to a region that region's; a filter
 * naming another body or region is 403.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { contentDisposition, MEDIA_TYPES, OFFICE_FORMATS, type OfficeFormat } from "../../office/download.js";
import { gatherTaskTable, MAX_EXPORT_TASKS, type TaskTableFilter } from "../../office/task-table.js";
import { taskTableFile } from "../../office/task-table-file.js";
import { requireRole, scopeOf, todayOf, type App, type AppDeps, type AppEnv } from "../context.js";
import { IdParam, TaskListQuery, text } from "../schemas.js";
import { errors, security, taskListFilter } from "./common.js";

const FormatQuery = z.enum(OFFICE_FORMATS).default("xlsx").openapi({ description: "xlsx (to fill in and import), docx (to print), csv (UTF-8 with BOM)", example: "xlsx" });

/** a document's table takes the task list's filters of body, status and due date */
const TableFilters = { body: TaskListQuery.body, status: TaskListQuery.status, dueBefore: TaskListQuery.dueBefore };

const fileResponse = {
  description: `the file as a download (Content-Disposition: attachment, the name in UTF-8 as filename*); at most ${MAX_EXPORT_TASKS} tasks`,
  content: Object.fromEntries(OFFICE_FORMATS.map((f) => [MEDIA_TYPES[f].split(";")[0]!, { schema: z.string().openapi({ format: "binary" }) }])),
};

async function download(c: Context<AppEnv>, deps: AppDeps, filter: TaskTableFilter, format: OfficeFormat): Promise<Response> {
  const actor = c.get("actor");
  const table = await gatherTaskTable(deps.db, { filter, scope: scopeOf(actor, deps), today: todayOf(deps), now: deps.now?.() ?? new Date() });
  const file = await (deps.renderTaskTable ?? taskTableFile)(table, format);
  return new Response(Buffer.from(file.bytes), {
    status: 200,
    headers: {
      "content-type": file.mediaType,
      "content-disposition": contentDisposition(file.name),
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    },
  });
}

export function registerExport(app: App, deps: AppDeps): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/documents/{id}/task-table",
      tags: ["export"],
      security,
      summary: "The document's 任务分工表 as XLSX, DOCX or CSV: one row per task, the measure's columns merged",
      description:
        "An editor gets its own bodies' rows (unless LUOSHI_EDITOR_READ=all), a supervisor limited to a region that region's. " +
        "The XLSX carries the task ids in a hidden column and a hidden sheet, for importing the filled table back.",
      request: { params: IdParam, query: z.object({ format: FormatQuery, ...TableFilters }) },
      responses: { 200: fileResponse, ...errors(400, 401, 403, 404, 413) },
    }),
    async (c) => {
      requireRole(c.get("actor"), "admin", "supervisor", "editor");
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      return download(c, deps, { ...taskListFilter(q), documentId: id }, q.format);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/tasks/export",
      tags: ["export"],
      security,
      summary: "A task list as a 任务分工表 (XLSX, DOCX or CSV), with the filters of GET /api/tasks and a region",
      description: `The same read permissions as GET /api/tasks. At most ${MAX_EXPORT_TASKS} tasks (413 beyond: narrow the filter).`,
      request: {
        query: z.object({
          format: FormatQuery,
          ...TaskListQuery,
          region: text().trim().min(1).max(100).optional().openapi({ description: "the document's region (地区)" }),
        }),
      },
      responses: { 200: fileResponse, ...errors(400, 401, 403, 404, 413) },
    }),
    async (c) => {
      requireRole(c.get("actor"), "admin", "supervisor", "editor");
      const q = c.req.valid("query");
      const filter: TaskTableFilter = { ...taskListFilter(q), region: q.region };
      return download(c, deps, filter, q.format);
    },
  );
}
