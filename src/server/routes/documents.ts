/** Documents (政策文件): upload, list, get, the original bytes; measures (措施) and assignment (分工). */
import { createRoute, z } from "@hono/zod-openapi";
import { formatBytes } from "../../text/limits.js";
import { getDocument, getMeasure, getOriginal, listDocumentById, listDocuments, listMeasures } from "../../track/documents.js";
import { recordIngest } from "../../jobs/queue.js";
import { sha256 } from "../../track/ingest.js";
import { deleteDocument, restoreDocument, setPublished } from "../../track/publication.js";
import { countOpenSuggestions } from "../../track/suggestions.js";
import { assignTask } from "../../track/tasks.js";
import { isStaff, jobsOf, paging, requireRole, type App, type AppDeps } from "../context.js";
import type { Queryable } from "../../store/db.js";
import { ApiError } from "../errors.js";
import {
  AssignSchema,
  DocumentDetailSchema,
  DocumentSchema,
  IdParam,
  idQuery,
  IngestJobSchema,
  KindSchema,
  MeasureSchema,
  PageQuery,
  pageOf,
  text,
} from "../schemas.js";
import { IdempotencyHeaders, respondOnce } from "../idempotency.js";
import { errors, guardUpload, json, security } from "./common.js";

export const UPLOAD_TYPES = ["txt", "html", "htm", "docx", "pdf"];
export const DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024;

/** A file name from the internet, made safe to store and show: no folders, no control characters, bounded. */
export function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(-200);
  return clean || "upload";
}

export function registerDocuments(app: App, deps: AppDeps): void {
  const maxUpload = deps.maxUploadBytes ?? DEFAULT_MAX_UPLOAD;

  guardUpload(app, "/api/documents", ["admin"], maxUpload);

  /** A document's summary, read after a change (a deleted one too, for the answer to its deletion). */
  const summaryOf = async (id: number, deleted = false, db: Queryable = deps.db) => {
    const r = await listDocumentById(db, id, deleted);
    if (!r) throw new ApiError("not_found", `文件 ${id} 不存在`);
    return r;
  };

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/documents",
      tags: ["documents"],
      security,
      summary: "Upload a document (txt, html, docx, pdf) to be parsed and stored by a worker (admin); answers at once with the job",
      description:
        "Answers 202 with the job (`Location: /api/jobs/{id}`), which a worker then parses (in a thread, within the time and " +
        "memory limits) and stores with its tasks. Follow it with GET /api/jobs/{id}: its result names the stored document, " +
        "or the document stored before from the same bytes (`unchanged`), or it failed with the reason. The type, the size " +
        "and an empty file are refused here, before any job. The document is private until published (`published: true` " +
        "here, or PATCH later); bytes of a deleted document make the job fail with a conflict (restore it instead).",
      request: {
        headers: IdempotencyHeaders,
        body: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: z.object({
                file: z.any().openapi({ type: "string", format: "binary" }),
                published: z.enum(["true", "false"]).optional().openapi({ description: "visible to the public at once (default false)" }),
              }),
            },
          },
        },
      },
      responses: {
        202: json(IngestJobSchema, "queued: follow the job"),
        ...errors(400, 401, 403, 413, 415, 422, 503),
      },
    }),
    async (c) => {
      const actor = c.get("actor");
      const form = c.req.valid("form") as { file?: unknown; published?: "true" | "false" };
      const file = form.file;
      if (!(file instanceof File)) throw new ApiError("validation", "表单须在 file 字段中包含一个文件", { field: "file" });
      const name = safeName(file.name);
      const ext = name.toLowerCase().split(".").pop() ?? "";
      if (!UPLOAD_TYPES.includes(ext) || !name.includes(".")) {
        throw new ApiError("unsupported_type", `${name}：不支持的文件类型，可上传 ${UPLOAD_TYPES.join("、")}`, { accepted: UPLOAD_TYPES });
      }
      if (file.size > maxUpload) throw new ApiError("too_large", `${name}：文件过大（${formatBytes(file.size)}，上限 ${formatBytes(maxUpload)}）`, { maxBytes: maxUpload });
      if (file.size === 0) throw new ApiError("unparseable_document", `${name}：文件为空`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const published = form.published === "true";
      const jobs = jobsOf(deps);
      // the job's row is written with the key's answer, so a repeated upload names the same job and queues nothing
      let recorded: string | null = null;
      const reply = await respondOnce(c, deps, {
        request: { name, sha256: sha256(bytes), published },
        run: async (tx) => {
          const { createdBy: _owner, ...job } = await recordIngest(tx, { bytes, name, actor, published });
          recorded = job.id;
          return { status: 202 as const, body: job };
        },
      });
      if (recorded) await jobs.dispatchIngest(recorded);
      const id = recorded ?? ((await reply.clone().json()) as { id: string }).id;
      reply.headers.set("location", `/api/jobs/${id}`);
      return reply;
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/documents",
      tags: ["documents"],
      summary: "Documents, newest first; the public sees published ones only; `deleted=true` lists the recycle bin (admin)",
      request: {
        query: PageQuery.extend({
          docNumber: text().max(100).optional().openapi({ description: "文号, exact after normalisation" }),
          year: z.coerce.number().int().min(1949).max(2100).optional(),
          deleted: z.enum(["true", "false"]).optional().openapi({ description: "true: deleted documents only, newest deletion first (admin)" }),
        }),
      },
      responses: { 200: json(pageOf(DocumentSchema, "DocumentPage")), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const deleted = q.deleted === "true";
      if (deleted) requireRole(c.get("actor"), "admin");
      const r = await listDocuments(deps.db, { publishedOnly: !isStaff(c.get("actor")), deleted, docNumber: q.docNumber, year: q.year, ...paging(q) });
      return c.json({ ...r, page: q.page, pageSize: q.pageSize }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/documents/{id}",
      tags: ["documents"],
      summary: "One document with its parse result and its normalised text",
      request: { params: IdParam },
      responses: { 200: json(DocumentDetailSchema), ...errors(400, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const d = await getDocument(deps.db, id);
      const staff = isStaff(c.get("actor"));
      if (!d || (!d.published && !staff)) throw new ApiError("not_found", `文件 ${id} 不存在或未公开`);
      return c.json(staff ? { ...d, openSuggestions: await countOpenSuggestions(deps.db, id) } : d, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/documents/{id}",
      tags: ["documents"],
      security,
      summary: "Publish or unpublish a document (admin); audited as document.publish / document.unpublish",
      request: { params: IdParam, body: { required: true, content: { "application/json": { schema: z.object({ published: z.boolean() }) } } } },
      responses: { 200: json(DocumentSchema), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin");
      const { id } = c.req.valid("param");
      const { published } = c.req.valid("json");
      await deps.db.transaction((tx) => setPublished(tx, actor, id, published));
      return c.json(await summaryOf(id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/documents/{id}",
      tags: ["documents"],
      security,
      summary: "Delete a document softly (admin): hidden everywhere with its measures and tasks, kept, restorable; audited",
      request: { params: IdParam },
      responses: { 200: json(DocumentSchema, "deleted (in the recycle bin)"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin");
      const { id } = c.req.valid("param");
      await deps.db.transaction((tx) => deleteDocument(tx, actor, id));
      return c.json(await summaryOf(id, true), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/documents/{id}/restore",
      tags: ["documents"],
      security,
      summary: "Restore a deleted document (admin), unpublished; audited",
      request: { params: IdParam, headers: IdempotencyHeaders },
      responses: { 200: json(DocumentSchema, "restored"), ...errors(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin");
      const { id } = c.req.valid("param");
      return respondOnce(c, deps, {
        request: { id },
        run: async (tx) => {
          await restoreDocument(tx, actor, id);
          return { status: 200 as const, body: await summaryOf(id, false, tx) };
        },
      });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/documents/{id}/original",
      tags: ["documents"],
      summary: "The original bytes as uploaded",
      request: { params: IdParam },
      responses: { 200: { description: "the original file", content: { "application/octet-stream": { schema: z.any() } } }, ...errors(400, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const o = await getOriginal(deps.db, id);
      if (!o || (!o.published && !isStaff(c.get("actor")))) throw new ApiError("not_found", `文件 ${id} 不存在或未公开`);
      // served as a download, never rendered in our origin
      return new Response(Buffer.from(o.bytes), {
        status: 200,
        headers: {
          "content-type": o.mediaType,
          "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(o.name)}`,
          "x-content-type-options": "nosniff",
          "content-security-policy": "sandbox",
        },
      });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/measures",
      tags: ["measures"],
      summary: "Measures in reading order with their responsible bodies' names; bodies' tasks are shown to logged-in users only",
      request: {
        query: PageQuery.extend({
          document: idQuery().optional(),
          body: idQuery().optional(),
          kind: KindSchema.optional().openapi({ description: "has a quantity of this kind" }),
        }),
      },
      responses: { 200: json(pageOf(MeasureSchema, "MeasurePage")), ...errors(400) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const staff = isStaff(c.get("actor"));
      const r = await listMeasures(
        deps.db,
        { publishedOnly: !staff, documentId: q.document, bodyId: staff ? q.body : undefined, kind: q.kind, ...paging(q) },
        staff,
      );
      return c.json({ ...r, page: q.page, pageSize: q.pageSize }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/measures/{id}",
      tags: ["measures"],
      summary: "One measure with its quantities (and, for logged-in users, its bodies and tasks)",
      request: { params: IdParam },
      responses: { 200: json(MeasureSchema), ...errors(400, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const staff = isStaff(c.get("actor"));
      const m = await getMeasure(deps.db, id, staff);
      if (!m || (!m.published && !staff)) throw new ApiError("not_found", `措施 ${id} 不存在或未公开`);
      const { published: _p, ...measure } = m;
      return c.json(measure, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/measures/{id}/tasks",
      tags: ["tasks"],
      security,
      summary: "Assign a responsible body to a measure, or change its role or due date (admin)",
      request: { params: IdParam, headers: IdempotencyHeaders, body: { required: true, content: { "application/json": { schema: AssignSchema } } } },
      responses: {
        201: json(z.object({ id: z.number().int(), created: z.boolean() }), "created"),
        200: json(z.object({ id: z.number().int(), created: z.boolean() }), "updated"),
        ...errors(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin");
      const { id } = c.req.valid("param");
      const b = c.req.valid("json");
      return respondOnce(c, deps, {
        request: b,
        run: async (tx) => {
          const r = await assignTask(tx, actor, id, b.bodyId, b.role, b.dueDate);
          return { status: r.created ? 201 : 200, body: r };
        },
      });
    },
  );
}
