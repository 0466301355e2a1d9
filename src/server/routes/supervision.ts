/**
 * The supervision loop's routes (督查督办): 签收 and 申请调整 by a body's editor, its decision and 中止 / 恢复 / 延期 by an
 * admin, 审核 (approve or return a report; approving a request to close is 销号) by a supervisor or admin, evidence
 * files, 督办通知 with read receipts, and each user's 待办 / 消息 inbox. Every read and write stays inside the
 * user's scope (scope.ts): outside it a task, report, file or notice is 404.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { DEFAULT_MAX_ATTACHMENT, readAttachment, storeAttachment } from "../../track/evidence.js";
import { DEFAULT_INBOX, inbox } from "../../track/inbox.js";
import { listNotices, markRead, sendNotice } from "../../track/notices.js";
import { acknowledge, decideChange, extendDue, requestChange, reviewReport, setSuspended } from "../../track/supervision.js";
import { getTask } from "../../track/tasks.js";
import type { Queryable } from "../../store/db.js";
import type { Actor, Role } from "../../track/audit.js";
import type { Notice, TaskEvent } from "../../model/api.js";
import { sha256 } from "../../track/ingest.js";
import { paging, requireRole, scopeOf, todayOf, type App, type AppDeps } from "../context.js";
import { ApiError } from "../errors.js";
import {
  AttachmentSchema,
  dbId,
  IdParam,
  idQuery,
  isoDate,
  NewNoticeSchema,
  NoticeSchema,
  PageQuery,
  ReportSchema,
  ReviewSchema,
  TaskEventSchema,
  TaskSchema,
  text,
} from "../schemas.js";
import { IdempotencyHeaders, respondOnce } from "../idempotency.js";
import { errors, guardUpload, json, security } from "./common.js";

/** POST paths that carry a file rather than JSON: app.ts leaves them to the limit set here. */
export const ATTACHMENT_UPLOAD = /^\/api\/tasks\/[^/]+\/attachments$/;

const reason = (what: string) => text().trim().min(1, `请填写${what}`).max(2000);
const body = <T extends z.ZodTypeAny>(schema: T) => ({ required: true, content: { "application/json": { schema } } });

const ChangeRequestSchema = z
  .object({ reason: reason("申请调整的理由"), proposedBody: text().trim().max(200).nullable().optional().openapi({ description: "the body that should take it, if known" }) })
  .openapi("ChangeRequest");
const ChangeDecisionSchema = z
  .object({
    accept: z.boolean(),
    reason: reason("处理意见"),
    bodyId: dbId().optional().openapi({ description: "accepting: the body that takes the task over" }),
  })
  .openapi("ChangeDecision");
const ReasonSchema = z.object({ reason: reason("理由") }).openapi("Reason");
const ExtendSchema = z.object({ dueDate: isoDate, reason: reason("延期理由") }).openapi("Extension");
const ReviewInputSchema = z
  .object({ decision: z.enum(["approve", "return"]), reason: text().trim().max(2000).nullable().optional().openapi({ description: "required to return; the body sees it" }) })
  .openapi("ReviewInput");
const Section = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
const InboxSchema = z
  .object({
    today: z.string(),
    settings: z.object({ remindDays: z.number().int(), ackWorkingDays: z.number().int() }),
    notices: Section(NoticeSchema).extend({ unread: z.number().int() }).openapi({ description: "editor: sent to its bodies; supervisor: the latest in its scope" }),
    reminders: z
      .array(z.object({ kind: z.enum(["due_soon", "overdue"]), task: TaskSchema }))
      .openapi({ description: "催办, derived when read: the editor's tasks due within remindDays, or overdue" }),
    toAcknowledge: Section(TaskSchema).openapi({ description: "editor: tasks to acknowledge (签收)" }),
    returned: Section(TaskSchema).openapi({ description: "editor: tasks whose latest report was returned" }),
    pendingReviews: Section(z.object({ report: ReportSchema, task: TaskSchema })).openapi({ description: "supervisor, admin: reports awaiting review, requests to close first" }),
    unacknowledged: Section(TaskSchema).openapi({ description: "supervisor, admin: open tasks not acknowledged after ackWorkingDays working days" }),
    changeRequests: Section(TaskSchema).openapi({ description: "admin: requests to change an assignment awaiting a decision" }),
  })
  .openapi("Inbox");
const EventResult = z.object({ event: TaskEventSchema, task: TaskSchema }).openapi("TaskEventResult");

export function registerSupervision(app: App, deps: AppDeps): void {
  const settings = deps.supervision ?? {};
  const maxFile = settings.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT;
  const today = () => todayOf(deps);

  /** an action on a task: one transaction, then the task as it now stands; `input` is the JSON body's schema */
  const taskAction = <S extends z.ZodTypeAny>(
    path: string,
    summary: string,
    roles: Role[],
    input: S | null,
    description: string,
    run: (tx: Queryable, actor: Actor, id: number, b: z.infer<S>) => Promise<TaskEvent>,
  ) => {
    app.openapi(
      createRoute({
        method: "post",
        path,
        tags: ["supervision"],
        security,
        summary,
        description,
        request: { params: IdParam, headers: IdempotencyHeaders, ...(input ? { body: body(input) } : {}) },
        responses: { 201: json(EventResult, "recorded"), ...errors(400, 401, 403, 404, 409, 422) },
      }),
      async (c) => {
        const actor = c.get("actor");
        requireRole(actor, ...roles);
        // the route's schema is chosen at run time, so its validated types are not known to the compiler here
        const { id } = c.req.valid("param" as never) as { id: number };
        const b = (input ? c.req.valid("json" as never) : {}) as z.infer<S>;
        return respondOnce(c, deps, {
          request: b,
          run: async (tx) => {
            const event = await run(tx, actor, id, b);
            const task = await getTask(tx, id, today());
            return { status: 201, body: { event, task: task! } };
          },
        });
      },
    );
  };

  taskAction("/api/tasks/{id}/acknowledge", "签收: the task's body acknowledges it (an editor of that body)", ["editor"], null,
    "Once per assignment: a task handed to another body is that body's to acknowledge anew. 409 when already acknowledged.",
    (tx, actor, id) => acknowledge(tx, actor, id, scopeOf(actor, deps), today()));
  taskAction("/api/tasks/{id}/change-request", "申请调整: the task's body asks an admin to assign it elsewhere, with a reason", ["editor"], ChangeRequestSchema,
    "One open request at a time (409 otherwise); refused on a closed or suspended task.",
    (tx, actor, id, b) => requestChange(tx, actor, id, scopeOf(actor, deps), today(), b.reason, b.proposedBody ?? null));
  taskAction("/api/tasks/{id}/change-decision", "Decide the open 申请调整 (admin): accept and hand the task to another body, or refuse", ["admin"], ChangeDecisionSchema,
    "Accepting needs `bodyId`, a body not already on the measure; the new body acknowledges anew. 409 without an open request.",
    (tx, actor, id, b) => decideChange(tx, actor, id, scopeOf(actor, deps), today(), b));
  taskAction("/api/tasks/{id}/suspend", "中止: suspend a task, with a reason (admin); audited", ["admin"], ReasonSchema,
    "A suspended task is 已中止 until resumed; it takes no reports and counts in no 按期率.",
    (tx, actor, id, b) => setSuspended(tx, actor, id, scopeOf(actor, deps), today(), true, b.reason));
  taskAction("/api/tasks/{id}/resume", "恢复: resume a suspended task, with a reason (admin); audited", ["admin"], ReasonSchema, "409 when the task is not suspended.",
    (tx, actor, id, b) => setSuspended(tx, actor, id, scopeOf(actor, deps), today(), false, b.reason));
  taskAction("/api/tasks/{id}/extend", "延期: move a task's due date, with a reason (admin); audited", ["admin"], ExtendSchema,
    "The new date is not before today and differs from the current one; refused on a closed or suspended task.",
    (tx, actor, id, b) => extendDue(tx, actor, id, scopeOf(actor, deps), today(), b.dueDate, b.reason));

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/reports/{id}/review",
      tags: ["supervision"],
      security,
      summary: "审核: approve a report, or return it with a reason the body sees (supervisor, admin)",
      description: "One decision per report (409 for a second). Approving a request to close (申请办结) closes the task (销号) as of the report's date: 已办结, or 逾期办结 after the due date.",
      request: { params: IdParam, headers: IdempotencyHeaders, body: body(ReviewInputSchema) },
      responses: { 201: json(z.object({ review: ReviewSchema, task: TaskSchema }).openapi("ReviewResult"), "recorded"), ...errors(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin", "supervisor");
      const { id } = c.req.valid("param");
      const b = c.req.valid("json");
      return respondOnce(c, deps, {
        request: b,
        run: async (tx) => ({ status: 201, body: await reviewReport(tx, actor, id, scopeOf(actor, deps), today(), { decision: b.decision, reason: b.reason || null }) }),
      });
    },
  );

  guardUpload(app, "/api/tasks/:id/attachments", ["admin", "editor"], maxFile);

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/tasks/{id}/attachments",
      tags: ["supervision"],
      security,
      summary: "Upload an evidence file for a report to come (an editor of the task's body, admin)",
      description:
        "PDF, PNG, JPEG, GIF, WebP, DOCX, XLSX, recognised from the bytes (415 otherwise); at most LUOSHI_MAX_ATTACHMENT_BYTES (413). " +
        "Name its id in the report's attachmentIds; a file no report names within a day is removed.",
      request: {
        params: IdParam,
        headers: IdempotencyHeaders,
        body: { required: true, content: { "multipart/form-data": { schema: z.object({ file: z.any().openapi({ type: "string", format: "binary" }) }) } } },
      },
      responses: { 201: json(AttachmentSchema, "stored"), ...errors(400, 401, 403, 404, 413, 415, 422) },
    }),
    async (c) => {
      const actor = c.get("actor");
      const { id } = c.req.valid("param");
      const form = c.req.valid("form") as { file?: unknown };
      if (!(form.file instanceof File)) throw new ApiError("validation", "表单中须有名为 file 的文件", { field: "file" });
      const file = form.file;
      const bytes = new Uint8Array(await file.arrayBuffer());
      return respondOnce(c, deps, {
        request: { name: file.name, sha256: sha256(bytes) },
        run: async (tx) => ({ status: 201, body: await storeAttachment(tx, actor, id, scopeOf(actor, deps), file.name, bytes, maxFile) }),
      });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/attachments/{id}",
      tags: ["supervision"],
      security,
      summary: "Download an evidence file (anyone who may read its task)",
      description: "Always an attachment (Content-Disposition), with Content-Security-Policy: sandbox and nosniff: never rendered in the app's origin.",
      request: { params: IdParam },
      responses: { 200: { description: "the file", content: { "application/octet-stream": { schema: z.any() } } }, ...errors(400, 401, 404) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin", "supervisor", "editor");
      const { id } = c.req.valid("param");
      const a = await readAttachment(deps.db, id, scopeOf(actor, deps));
      if (!a) throw new ApiError("not_found", `附件 ${id} 不存在`);
      return new Response(Buffer.from(a.bytes), {
        status: 200,
        headers: {
          "content-type": a.mediaType,
          "content-length": String(a.bytes.length),
          "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(a.name)}`,
          "x-content-type-options": "nosniff",
          "content-security-policy": "sandbox; default-src 'none'",
          "cache-control": "no-store",
        },
      });
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/notices",
      tags: ["supervision"],
      security,
      summary: "Send a 督办通知 on a task or a set of tasks, with a text and a time limit (supervisor, admin)",
      description: "It lands in the inbox of the bodies of those tasks. A set names every overdue task of a body, or every open task of a document; 409 when the set is empty.",
      request: { headers: IdempotencyHeaders, body: body(NewNoticeSchema) },
      responses: { 201: json(NoticeSchema, "sent"), ...errors(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin", "supervisor");
      const b = c.req.valid("json");
      let sent: Notice | null = null;
      const reply = await respondOnce(c, deps, {
        request: b,
        run: async (tx) => {
          sent = await sendNotice(tx, actor, { scope: b.scope, text: b.text, timeLimit: b.timeLimit ?? null }, scopeOf(actor, deps), today());
          return { status: 201, body: sent };
        },
      });
      // delivered once, when sent; a replayed answer delivers nothing again
      const notice: Notice | null = sent;
      if (notice) for (const ch of settings.channels ?? []) await ch.deliver(notice).catch((err: unknown) => deps.log?.(err));
      return reply;
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/notices",
      tags: ["supervision"],
      security,
      summary: "督办通知 the user may see, newest first, with read receipts",
      description: "An editor sees those sent to its bodies' tasks; a supervisor limited to a region, that region's.",
      request: { query: PageQuery.extend({ task: idQuery().optional(), unread: z.enum(["true", "false"]).optional() }) },
      responses: { 200: json(z.object({ items: z.array(NoticeSchema), total: z.number().int(), unread: z.number().int(), page: z.number().int(), pageSize: z.number().int() }).openapi("NoticePage")), ...errors(400, 401) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin", "supervisor", "editor");
      const q = c.req.valid("query");
      const r = await listNotices(deps.db, actor, { scope: scopeOf(actor, deps), taskId: q.task, unreadOnly: q.unread === "true", ...paging(q) });
      return c.json({ ...r, page: q.page, pageSize: q.pageSize }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/notices/{id}/read",
      tags: ["supervision"],
      security,
      summary: "Mark a 督办通知 read: an editor of a receiving body leaves a read receipt (once)",
      request: { params: IdParam, headers: IdempotencyHeaders },
      responses: { 200: json(NoticeSchema), ...errors(400, 401, 404, 422) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin", "supervisor", "editor");
      const { id } = c.req.valid("param");
      return respondOnce(c, deps, { request: null, run: async (tx) => ({ status: 200, body: await markRead(tx, actor, id, scopeOf(actor, deps)) }) });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/inbox",
      tags: ["supervision"],
      security,
      summary: "待办 / 消息: what needs the user now",
      description:
        "Editor: notices to its bodies, reminders (due within LUOSHI_REMIND_DAYS, or overdue — derived when read), tasks to acknowledge, returned reports. " +
        "Supervisor, admin: reports awaiting review, tasks not acknowledged after LUOSHI_ACK_WORKING_DAYS working days; admin: requests to change an assignment.",
      responses: { 200: json(InboxSchema), ...errors(401) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin", "supervisor", "editor");
      const s = { remindDays: settings.remindDays ?? DEFAULT_INBOX.remindDays, ackWorkingDays: settings.ackWorkingDays ?? DEFAULT_INBOX.ackWorkingDays };
      return c.json(await inbox(deps.db, actor, scopeOf(actor, deps), today(), s), 200);
    },
  );
}
