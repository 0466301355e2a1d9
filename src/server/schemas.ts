/** zod schemas of the HTTP API, which are also its OpenAPI document. */
import { z } from "@hono/zod-openapi";
import { isCalendarDate } from "../track/workdays.js";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../track/password.js";
import { TASK_STATUSES } from "../track/status.js";

// every message of a failed check in Chinese, like the rest of the server's messages (the `error` code stays English)
z.config(z.locales.zhCN());

export const ErrorSchema = z
  .object({
    error: z.string().openapi({ example: "not_found" }),
    message: z.string().openapi({ example: "task 42 not found" }),
    details: z.unknown().optional(),
  })
  .openapi("Error");

/** the largest id a row can have: ids are PostgreSQL `integer` (int4) columns */
export const MAX_ID = 2_147_483_647;

/** An id in a JSON body: a positive integer that fits an int4 column. */
export const dbId = () => z.number().int().positive().max(MAX_ID, `不能大于 ${MAX_ID}`);
/** An id in a path or query string (text, coerced). */
export const idQuery = () => z.coerce.number().int().positive().max(MAX_ID, `不能大于 ${MAX_ID}`);

export const IdParam = z.object({
  id: idQuery().openapi({ param: { name: "id", in: "path" }, example: 1 }),
});

// PostgreSQL text cannot hold U+0000: refused here with a 400 rather than by the database with a 500
const NO_NUL = /^[^\u0000]*$/;
/** A string from a client: any text but NUL (chain .trim(), .min(), .max() after it). */
export const text = () => z.string().regex(NO_NUL, "不能含有 NUL（U+0000）字符");

const isoDate = z
  .string()
  .regex(/^\d{4}-\d\d-\d\d$/, "日期格式应为 YYYY-MM-DD")
  .refine(isCalendarDate, "不是日历上存在的日期");

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1).openapi({ example: 1 }),
  pageSize: z.coerce.number().int().min(1).max(200).default(50).openapi({ example: 50 }),
});

export function pageOf<T extends z.ZodTypeAny>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      page: z.number().int(),
      pageSize: z.number().int(),
      total: z.number().int(),
    })
    .openapi(name);
}

export const StatusSchema = z.enum(TASK_STATUSES as [string, ...string[]]).openapi("TaskStatus", {
  description:
    "derived when read: not_started 未开始, in_progress 推进中, pending_review 待审核, returned 已退回, done 已办结 (closed on time), " +
    "done_late 逾期办结, at_risk 有风险, overdue 已逾期, suspended 已中止",
});
export const KindSchema = z.enum(["target", "incentive", "other"]);
export const RoleSchema = z.enum(["admin", "supervisor", "editor"]).openapi("Role");

export const DocumentSchema = z
  .object({
    id: z.number().int(),
    title: z.string().nullable(),
    docNumber: z.string().nullable().openapi({ description: "文号" }),
    issuers: z.array(z.string()),
    date: z.string().nullable().openapi({ description: "成文日期" }),
    validUntil: z.string().nullable(),
    region: z.string().nullable(),
    source: z.string(),
    format: z.string().nullable(),
    published: z.boolean(),
    deletedAt: z.string().nullable().openapi({ description: "when an admin deleted it (recycle bin); null for a live document" }),
    measures: z.number().int(),
    tasks: z.number().int(),
    createdAt: z.string(),
  })
  .openapi("Document");

export const DocumentDetailSchema = DocumentSchema.extend({
  parsed: z.unknown().openapi({ description: "the parse result (exchange format), without the text" }),
  text: z.string().nullable().openapi({ description: "the normalised text every span of the parse result refers to" }),
  openSuggestions: z.number().int().optional().openapi({ description: "logged-in users: suggested bodies (建议责任单位) of its measures awaiting a decision" }),
}).openapi("DocumentDetail");

export const IngestResultSchema = z
  .object({
    status: z.enum(["stored", "unchanged"]),
    documentId: z.number().int(),
    title: z.string().nullable(),
    measures: z.number().int(),
    tasks: z.number().int(),
  })
  .openapi("IngestResult");

export const IngestJobSchema = z
  .object({
    id: z.string().uuid(),
    source: z.string().openapi({ description: "the uploaded file's name" }),
    state: z.enum(["queued", "running", "done", "failed"]),
    stage: z.enum(["parsing", "storing"]).nullable().openapi({ description: "what a running job is doing" }),
    progress: z.string().openapi({ description: "the same in Chinese: 排队等待, 正在解析, 正在入库, 已入库, 此前已入库（同一文件）, 失败" }),
    attempts: z.number().int().openapi({ description: "how many times a worker took it up; more than one after a worker died mid-job" }),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    result: IngestResultSchema.nullable().openapi({ description: "when done: the document stored, or stored before from the same bytes (unchanged)" }),
    error: z.string().nullable().openapi({
      description: "when failed: parse_timeout, parse_memory, unparseable_document, unsupported_type, too_large, interrupted, internal",
    }),
    message: z.string().nullable().openapi({ description: "when failed: the reason, in Chinese" }),
  })
  .openapi("IngestJob");

export const JobIdParam = z.object({
  id: z.string().uuid("a job id is a UUID").openapi({ param: { name: "id", in: "path" }, example: "7b1f0c0e-4a52-4c57-9a7e-2f1d5c7b9e10" }),
});

export const QuantitySchema = z
  .object({
    id: z.number().int(),
    text: z.string().openapi({ description: "the quantity as written in the document" }),
    indicator: z.string().nullable().openapi({ description: "指标名称: what it measures, read from its sentence or corrected", example: "5G基站" }),
    value: z.number(),
    max: z.number().nullable(),
    unit: z.string(),
    kind: KindSchema,
    deadline: z.string().nullable(),
    cap: z.boolean().openapi({ description: "an upper bound (最高, 不超过), not a fixed amount" }),
  })
  .openapi("Quantity");

export const SuggestionSchema = z
  .object({
    id: z.number().int(),
    measureId: z.number().int(),
    name: z.string().openapi({ example: "市人力资源社会保障局" }),
    lead: z.boolean().openapi({ description: "the prose makes it the lead (牵头, the subject of 会同)" }),
    role: z.enum(["lead", "supporting"]).openapi({ description: "the role its task takes when confirmed" }),
    rule: z.string().openapi({ example: "suggest.you-qiantou", description: "the rule that found it" }),
    span: z.object({ start: z.number().int(), end: z.number().int() }).nullable().openapi({ description: "offsets into the document's normalised text" }),
    status: z.enum(["open", "confirmed", "dismissed"]),
    taskId: z.number().int().nullable(),
  })
  .openapi("Suggestion", { description: "建议责任单位: a body named in a measure's prose, for an admin to confirm into a task or dismiss" });

export const MeasureSchema = z
  .object({
    id: z.number().int(),
    documentId: z.number().int(),
    documentTitle: z.string().nullable(),
    documentValidUntil: z.string().nullable().openapi({ description: "有效期至 of the document: past it the policy has lapsed (已失效)" }),
    parentId: z.number().int().nullable(),
    path: z.array(z.string()),
    label: z.string().openapi({ description: "the label as the document writes it: 一、 （一） 1. 第三条", example: "（一）" }),
    title: z.string(),
    text: z.string(),
    dueDate: z.string().nullable(),
    dueSource: z.string().nullable(),
    quantities: z.array(QuantitySchema),
    responsible: z
      .array(z.object({ name: z.string(), role: z.enum(["lead", "supporting"]) }))
      .openapi({ description: "the responsible bodies by name, leads first; shown to everyone (which body to ask)" }),
    bodies: z.array(
      z.object({ bodyId: z.number().int(), bodyName: z.string(), role: z.enum(["lead", "supporting"]), taskId: z.number().int() }),
    ).openapi({ description: "the bodies with their tasks; empty for the public" }),
    suggestions: z.array(SuggestionSchema).openapi({ description: "建议责任单位 not yet decided; empty for the public" }),
  })
  .openapi("Measure");

export const TaskTargetSchema = z
  .object({
    id: z.number().int(),
    text: z.string(),
    indicator: z.string().nullable().openapi({ description: "指标名称" }),
    value: z.number(),
    max: z.number().nullable(),
    unit: z.string(),
    deadline: z.string().nullable(),
    latestValue: z.number().nullable(),
    latestReportDate: z.string().nullable(),
  })
  .openapi("TaskTarget");

export const TaskSchema = z
  .object({
    id: z.number().int(),
    measureId: z.number().int(),
    measureLabel: z.string(),
    measureTitle: z.string(),
    documentId: z.number().int(),
    documentTitle: z.string().nullable(),
    bodyId: z.number().int(),
    bodyName: z.string(),
    role: z.enum(["lead", "supporting"]),
    dueDate: z.string().nullable(),
    status: StatusSchema,
    statusReason: z.string().openapi({ description: "which rule decided, in Chinese", example: "时限 2020年9月30日，尚未完成" }),
    statusReasonCode: z
      .enum(["suspended", "closed", "closed_late", "close_requested", "past_due", "report_pending", "report_returned", "targets_reached", "due_soon", "behind_path", "reported", "no_report"])
      .openapi({ description: "which rule decided, as a stable code" }),
    reports: z.number().int().openapi({ description: "reports that count (a returned report does not)" }),
    lastReportDate: z.string().nullable(),
    closedOn: z.string().nullable().openapi({ description: "the date of the approved request to close (销号)" }),
    assignedAt: z.string().openapi({ description: "交办: when the task reached its body (creation or last transfer)" }),
    acknowledgedAt: z.string().nullable().openapi({ description: "签收: when its body acknowledged it; null while not" }),
    changeRequestOpen: z.boolean().openapi({ description: "a request to change the assignment (申请调整) awaits an admin" }),
    targets: z.array(TaskTargetSchema),
  })
  .openapi("Task");

export const AttachmentSchema = z
  .object({ id: z.number().int(), name: z.string(), mediaType: z.string(), size: z.number().int() })
  .openapi("Attachment", { description: "佐证材料: a file kept in the database; download from GET /api/attachments/{id}" });

export const ReviewSchema = z
  .object({
    decision: z.enum(["approved", "returned"]),
    reason: z.string().nullable(),
    reviewer: z.string().nullable(),
    at: z.string(),
  })
  .openapi("ReportReview", { description: "审核: approved, or returned with a reason; a returned report counts for nothing" });

export const ReportSchema = z
  .object({
    id: z.number().int(),
    taskId: z.number().int(),
    reportDate: z.string(),
    text: z.string(),
    targetId: z.number().int().nullable(),
    value: z.number().nullable(),
    complete: z.boolean().openapi({ description: "申请办结: the body asks to close the task" }),
    evidence: z.array(z.string()),
    attachments: z.array(AttachmentSchema),
    review: ReviewSchema.nullable().openapi({ description: "null while the report awaits review" }),
    reportedBy: z.number().int().nullable(),
    reporter: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("ProgressReport");

export const CommentSchema = z
  .object({
    id: z.number().int(),
    taskId: z.number().int(),
    text: z.string(),
    authorId: z.number().int().nullable(),
    author: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("TaskComment");

export const TaskEventSchema = z
  .object({
    id: z.number().int(),
    taskId: z.number().int(),
    kind: z.enum(["acknowledge", "change_request", "change_accept", "change_refuse", "suspend", "resume", "extend"]),
    reason: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
    actor: z.string(),
    at: z.string(),
  })
  .openapi("TaskEvent", { description: "签收, 申请调整 and its decision (change_accept hands the task to data.toBodyId), 中止/恢复, 延期 (data.from → data.to)" });

const NoticeScopeSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("task"), taskId: dbId() }),
    z.object({ kind: z.literal("body_overdue"), bodyId: dbId() }),
    z.object({ kind: z.literal("document"), documentId: dbId(), bodyId: dbId().optional() }),
  ])
  .openapi("NoticeScope", { description: "one task; every overdue task of a body; every open task of a document (of one body, optionally)" });

export const NoticeSchema = z
  .object({
    id: z.number().int(),
    text: z.string(),
    timeLimit: z.string().nullable().openapi({ description: "办理时限" }),
    scope: NoticeScopeSchema,
    sender: z.string(),
    createdAt: z.string(),
    taskIds: z.array(z.number().int()),
    bodies: z.array(
      z.object({
        bodyId: z.number().int(),
        bodyName: z.string(),
        tasks: z.number().int(),
        readBy: z.array(z.object({ username: z.string(), readAt: z.string() })).openapi({ description: "已读回执" }),
      }),
    ),
    read: z.boolean().openapi({ description: "whether the reader has read it" }),
  })
  .openapi("Notice", { description: "督办通知" });

export const NewNoticeSchema = z
  .object({
    scope: NoticeScopeSchema,
    text: text().trim().min(1).max(5000),
    timeLimit: isoDate.nullable().optional().openapi({ description: "办理时限, not before today" }),
  })
  .openapi("NewNotice");

export const TaskDetailSchema = TaskSchema.extend({
  progressReports: z.array(ReportSchema),
  comments: z.array(CommentSchema),
  events: z.array(TaskEventSchema),
  notices: z.array(NoticeSchema),
}).openapi("TaskDetail");

const httpUrl = text()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), "须为 http:// 或 https:// 开头的链接");

export const NewReportSchema = z
  .object({
    reportDate: isoDate.optional().openapi({ description: "defaults to today" }),
    text: text().trim().min(1).max(20_000),
    targetId: dbId().nullable().optional(),
    value: z.number().finite().nullable().optional(),
    complete: z.boolean().optional().openapi({ description: "申请办结: ask to close the task; closed when a supervisor approves this report" }),
    evidence: z.array(httpUrl).max(20).optional(),
    attachmentIds: z.array(dbId()).max(20).optional().openapi({ description: "files uploaded for this task beforehand (POST /api/tasks/{id}/attachments)" }),
  })
  .openapi("NewProgressReport");

export const NewCommentSchema = z.object({ text: text().trim().min(1).max(20_000) }).openapi("NewComment");

export const AssignSchema = z
  .object({
    bodyId: dbId(),
    role: z.enum(["lead", "supporting"]),
    dueDate: isoDate.nullable().optional(),
  })
  .openapi("Assignment");

export const BodySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    level: z.string().nullable(),
    region: z.string().nullable(),
    mergedInto: z.number().int().nullable(),
    aliases: z.array(z.string()),
    tasks: z.number().int(),
  })
  .openapi("ResponsibleBody");

export const MergeSchema = z.object({ into: dbId() }).openapi("BodyMerge");

/** at least one field: an empty change is a client's mistake, said as such */
const someField = (o: object) => Object.values(o).some((v) => v !== undefined);
const NOTHING_TO_CHANGE = "没有要修改的内容";

export const BodyChangeSchema = z
  .object({
    name: text().trim().min(2, "名称至少 2 个字").max(100, "名称不超过 100 个字").optional(),
    level: z.enum(["省", "市", "县", "区"]).nullable().optional().openapi({ description: "层级" }),
    region: text().trim().min(1, "地区不能为空").max(50, "地区不超过 50 个字").nullable().optional().openapi({ description: "地区 (广东, 江门)" }),
  })
  .refine(someField, NOTHING_TO_CHANGE)
  .openapi("BodyChange");

/** a day no later than 2100; a deadline before 1949 or after 2100 is a typing mistake */
const plausibleDay = isoDate.refine((d) => d >= "1949-01-01" && d <= "2100-12-31", "日期须在 1949 年至 2100 年之间");

export const MeasureChangeSchema = z
  .object({
    title: text().trim().min(1, "标题不能为空").max(500, "标题不超过 500 个字").optional(),
    text: text().trim().max(100_000, "正文不超过 10 万字").optional(),
  })
  .refine(someField, NOTHING_TO_CHANGE)
  .openapi("MeasureChange");

const targetFields = {
  text: text().trim().max(200, "原文不超过 200 个字").optional().openapi({ description: "the quantity as written" }),
  indicator: text().trim().min(1, "指标名称不能为空").max(40, "指标名称不超过 40 个字").nullable().optional().openapi({ description: "指标名称" }),
  value: z.number({ error: "数值须为有限的数字" }).min(0, "数值不能为负数").max(1e15, "数值过大"),
  max: z.number({ error: "上限须为有限的数字" }).min(0, "上限不能为负数").max(1e15, "数值过大").nullable().optional().openapi({ description: "the upper end of a range" }),
  unit: text().trim().min(1, "单位不能为空").max(20, "单位不超过 20 个字"),
  kind: KindSchema,
  deadline: plausibleDay.nullable().optional().openapi({ description: "完成时限 of a target" }),
  cap: z.boolean().optional().openapi({ description: "an upper bound (最高, 不超过)" }),
};

export const NewTargetSchema = z.object(targetFields).openapi("NewTarget");

export const TargetChangeSchema = z
  .object({ ...targetFields, value: targetFields.value.optional(), unit: targetFields.unit.optional(), kind: KindSchema.optional() })
  .refine(someField, NOTHING_TO_CHANGE)
  .openapi("TargetChange");

export const UserSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string().nullable(),
    role: RoleSchema,
    disabled: z.boolean(),
    bodyIds: z.array(z.number().int()),
    region: z.string().nullable().openapi({ description: "a supervisor limited to the documents of this region (地区); null reads all" }),
    createdAt: z.string(),
  })
  .openapi("User");

// the rest of the password policy (kinds of character, the name, common passwords) is checked where the
// password is set (track/password.ts), with the name it belongs to
const password = text()
  .min(MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`)
  .max(MAX_PASSWORD_LENGTH, `密码至多 ${MAX_PASSWORD_LENGTH} 个字符`);
export const NewUserSchema = z
  .object({
    username: text().trim().min(2).max(64).regex(/^[\p{L}\p{N}_.@-]+$/u, "只能含字母、数字和 _ . @ -"),
    password,
    role: RoleSchema,
    displayName: text().trim().max(100).nullable().optional(),
    bodyIds: z.array(dbId()).max(100).optional(),
    region: text().trim().max(100).nullable().optional().openapi({ description: "supervisors only: limit to this region (地区)" }),
  })
  .openapi("NewUser");

export const UserChangeSchema = z
  .object({
    role: RoleSchema.optional(),
    displayName: text().trim().max(100).nullable().optional(),
    password: password.optional(),
    disabled: z.boolean().optional(),
    bodyIds: z.array(dbId()).max(100).optional(),
    region: text().trim().max(100).nullable().optional().openapi({ description: "supervisors only: limit to this region (地区)" }),
  })
  .openapi("UserChange");

export const LoginSchema = z
  .object({ username: text().min(1).max(64), password: text().min(1).max(MAX_PASSWORD_LENGTH) })
  .openapi("Login");

export const OwnPasswordSchema = z
  .object({ currentPassword: text().min(1).max(MAX_PASSWORD_LENGTH), newPassword: password })
  .openapi("OwnPasswordChange");

export const SessionSchema = z
  .object({ token: z.string(), expiresAt: z.string(), user: UserSchema })
  .openapi("Session");

export const AuditQuery = PageQuery.extend({
  document: idQuery().optional().openapi({
    description: "entries about this document: the document, its measures, targets, suggestions and tasks (assignments, changes, removals, reports, comments)",
  }),
  body: idQuery().optional().openapi({ description: "entries about this body: the body, merges into it, its tasks" }),
  actor: text().trim().min(1).max(100).optional().openapi({ description: "who, by the name recorded (a username, system:seed, cli:…)" }),
  action: text().max(60).optional().openapi({ example: "target.update" }),
  from: isoDate.optional().openapi({ description: "from this day (China time), inclusive" }),
  to: isoDate.optional().openapi({ description: "up to this day (China time), inclusive" }),
  entity: text().max(40).optional(),
  entityId: text().max(40).optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { message: "起始日期不能晚于结束日期", path: ["from"] });

export const AuditFacetsSchema = z
  .object({
    actions: z.array(z.string()),
    actors: z.array(z.object({ id: z.number().int().nullable(), name: z.string() })),
  })
  .openapi("AuditFacets");

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorId: z.number().int().nullable(),
    actor: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    subject: z.string().nullable().openapi({ description: "the object in words (a task's measure and body, a document's title, a body's name)" }),
    before: z.unknown(),
    after: z.unknown(),
  })
  .openapi("AuditEntry");

export const SearchHitSchema = z
  .object({
    measureId: z.number().int(),
    documentId: z.number().int(),
    documentTitle: z.string().nullable(),
    docNumber: z.string().nullable(),
    label: z.string(),
    title: z.string(),
    rank: z.number(),
    snippet: z.string(),
    highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
    snippetHtml: z.string(),
    titleHighlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  })
  .openapi("SearchHit");

const StatusCounts = z.object(Object.fromEntries(TASK_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof TASK_STATUSES)[number], z.ZodNumber>).openapi("StatusCounts");
const TaskList = z.object({ items: z.array(TaskSchema), total: z.number().int().openapi({ description: "all matching, not only those sent" }) });
export const DashboardSchema = z
  .object({
    today: z.string(),
    tasks: z.number().int(),
    byStatus: StatusCounts,
    onTime: z
      .object({ dueSoFar: z.number().int(), closedOnTime: z.number().int(), rate: z.number().nullable() })
      .openapi({ description: "按期率 = closed on time ÷ due so far (due date passed, suspended tasks aside)" }),
    byBody: z.array(
      StatusCounts.extend({
        bodyId: z.number().int(),
        bodyName: z.string(),
        total: z.number().int(),
        dueSoFar: z.number().int(),
        closedOnTime: z.number().int(),
        onTimeRate: z.number().nullable().openapi({ description: "按期率: closedOnTime ÷ dueSoFar; null when nothing is due yet" }),
      }),
    ).openapi({ description: "one page of bodies (bodyPage, bodyPageSize), most tasks first" }),
    bodyTotal: z.number().int(),
    overdue: TaskList.openapi({ description: "the first overdue tasks in due-date order (listSize of them)" }),
    atRisk: TaskList.openapi({ description: "the first at-risk tasks in due-date order (listSize of them)" }),
    targets: z.array(
      z.object({
        targetId: z.number().int(),
        measureId: z.number().int(),
        measureTitle: z.string(),
        documentId: z.number().int(),
        text: z.string(),
        indicator: z.string().nullable(),
        targetValue: z.number(),
        unit: z.string(),
        deadline: z.string().nullable(),
        latestValue: z.number().nullable().openapi({ description: "the lead task's latest approved value (summed over several leads); a body's own when filtered by body" }),
        latestReportDate: z.string().nullable(),
        share: z.number().nullable(),
      }),
    ),
    byDueMonth: z
      .array(z.object({ month: z.string().openapi({ example: "2020-09" }), total: z.number().int(), done: z.number().int(), overdue: z.number().int() }))
      .openapi({ description: "tasks by due month; at most 120 months, those around today when there are more" }),
    undated: z.number().int().openapi({ description: "tasks without a due date" }),
  })
  .openapi("Dashboard");

export { isoDate, StatusCounts };

/** The filters of a task list (GET /api/tasks), which its download (GET /api/tasks/export) takes too. */
export const TaskListQuery = {
  body: idQuery().optional(),
  status: StatusSchema.optional(),
  dueBefore: isoDate.optional().openapi({ description: "due strictly before this date" }),
  document: idQuery().optional(),
  measure: idQuery().optional(),
  acknowledged: z.enum(["true", "false"]).optional().openapi({ description: "false: open tasks their body has not acknowledged (签收)" }),
  assignedBefore: isoDate.optional().openapi({ description: "reached their body (交办) before this date" }),
};
