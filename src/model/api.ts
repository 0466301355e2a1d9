/**
 * The API's record types: the JSON shapes the server sends, declared once for the server (src/track, src/link)
 * and the web app (web/src/api.ts, web/src/links.tsx). Types only, no imports, so the web app's type check
 * needs neither Node nor the server's dependencies.
 */

/** 未开始 / 推进中 / 待审核 / 已退回 / 已办结 / 逾期办结 / 有风险 / 已逾期 / 已中止 */
export type TaskStatus = "not_started" | "in_progress" | "pending_review" | "returned" | "done" | "done_late" | "at_risk" | "overdue" | "suspended";

/** Which rule decided: a stable code for programs, beside the Chinese text people read. */
export type StatusReasonCode =
  | "suspended"
  | "closed"
  | "closed_late"
  | "close_requested"
  | "past_due"
  | "report_pending"
  | "report_returned"
  | "targets_reached"
  | "due_soon"
  | "behind_path"
  | "reported"
  | "no_report";

export interface DocumentSummary {
  id: number;
  /** when an admin deleted it (it is then hidden everywhere but the recycle bin); null for a live document */
  deletedAt: string | null;
  title: string | null;
  docNumber: string | null;
  issuers: string[];
  date: string | null;
  validUntil: string | null;
  region: string | null;
  source: string;
  format: string | null;
  published: boolean;
  measures: number;
  tasks: number;
  createdAt: string;
}

/** 角色: admin 管理员, supervisor 督查人员, editor 责任单位填报员. */
export type Role = "admin" | "supervisor" | "editor";

/**
 * The readable cookie the server sets beside the HttpOnly session at login and clears at logout (server/client.ts),
 * telling the pages that a session may exist (web/src/api.ts; web/public/early.js writes the name out, being a
 * plain script). It holds no secret.
 */
export const SIGNED_IN_COOKIE = "luoshi_signed_in";

/** A user account as the admin sees it (never its password). */
export interface User {
  id: number;
  username: string;
  displayName: string | null;
  role: Role;
  disabled: boolean;
  /** the bodies an editor reports for */
  bodyIds: number[];
  /** a supervisor limited to the documents of this region (地区); null reads every region */
  region: string | null;
  createdAt: string;
}

/** 责任单位 as the API lists it. */
export interface ResponsibleBody {
  id: number;
  name: string;
  level: string | null;
  region: string | null;
  mergedInto: number | null;
  aliases: string[];
  tasks: number;
}

export interface MeasureTarget {
  id: number;
  /** the quantity as written in the document */
  text: string;
  /** 指标名称: what it measures, read from its sentence or corrected by an admin */
  indicator: string | null;
  value: number;
  max: number | null;
  unit: string;
  kind: "target" | "incentive" | "other";
  deadline: string | null;
  /** written as an upper bound (最高, 不超过): a cap, not a fixed amount */
  cap: boolean;
}

export interface Measure {
  id: number;
  documentId: number;
  documentTitle: string | null;
  /** the document's validity end (有效期至): past it, the policy has lapsed (已失效) */
  documentValidUntil: string | null;
  parentId: number | null;
  path: string[];
  /** the label as the document writes it: 一、 （一） 1. 第三条 (path is the store's key: 一, 一) */
  label: string;
  title: string;
  text: string;
  dueDate: string | null;
  dueSource: string | null;
  quantities: MeasureTarget[];
  /** the responsible bodies by name, leads first: for everyone, the public included (which body to ask) */
  responsible: Array<{ name: string; role: "lead" | "supporting" }>;
  /** the bodies with their tasks: for logged-in users only */
  bodies: Array<{ bodyId: number; bodyName: string; role: "lead" | "supporting"; taskId: number }>;
  /** 建议责任单位 not yet decided: for logged-in users only */
  suggestions: Suggestion[];
}

/** 建议责任单位: a body named in the measure's prose, for an admin to confirm into a task or dismiss. */
export interface Suggestion {
  id: number;
  measureId: number;
  name: string;
  /** the prose makes it the lead (牵头, the subject of 会同) */
  lead: boolean;
  /** the role its task takes when confirmed */
  role: "lead" | "supporting";
  /** the rule that found it (suggest.you-qiantou, suggest.subject-fuze …) */
  rule: string;
  /** where it stands in the document's normalised text */
  span: { start: number; end: number } | null;
  status: "open" | "confirmed" | "dismissed";
  taskId: number | null;
}

/** 量化目标 of a task: what to report against. */
export interface TaskTarget {
  id: number;
  text: string;
  /** 指标名称 */
  indicator: string | null;
  value: number;
  max: number | null;
  unit: string;
  deadline: string | null;
  latestValue: number | null;
  latestReportDate: string | null;
}

export interface Task {
  id: number;
  measureId: number;
  /** the measure's numbering label as written */
  measureLabel: string;
  measureTitle: string;
  documentId: number;
  documentTitle: string | null;
  bodyId: number;
  bodyName: string;
  /** 牵头 lead or 配合 supporting */
  role: "lead" | "supporting";
  dueDate: string | null;
  status: TaskStatus;
  /** which rule decided, in Chinese */
  statusReason: string;
  statusReasonCode: StatusReasonCode;
  /** reports that count (a returned report does not) */
  reports: number;
  lastReportDate: string | null;
  /** the date of the approved request to close (销号), when closed */
  closedOn: string | null;
  /** 交办: when the task reached its body (its creation, or the last transfer to another body) */
  assignedAt: string;
  /** 签收: when the body acknowledged it since; null while not */
  acknowledgedAt: string | null;
  /** a request to change the assignment (申请调整) awaits an admin's decision */
  changeRequestOpen: boolean;
  targets: TaskTarget[];
}

/** A row of the 任务分工表 page: a measure, the first of its tasks the reader may see, and all of them counted. */
export interface TaskDivisionRow {
  /** 序号: the measure's place in the document's reading order */
  no: number;
  /** its bodies at most BODIES_SHOWN of each role, the rest counted in bodyCounts; the whole measure is GET /api/measures/{id} */
  measure: Measure;
  /** every body of the measure by role */
  bodyCounts: { lead: number; supporting: number };
  /** 牵头 first, then the most recently reported; at most a few (the rest are in the counts) */
  tasks: Task[];
  /** every task of the measure the reader may see */
  taskCount: number;
  statusCounts: Partial<Record<TaskStatus, number>>;
}

export interface ProgressReport {
  id: number;
  taskId: number;
  reportDate: string;
  text: string;
  targetId: number | null;
  value: number | null;
  /** 申请办结: the body asks to close the task */
  complete: boolean;
  /** evidence links */
  evidence: string[];
  /** evidence files */
  attachments: Attachment[];
  /** the review (审核); null while it awaits one */
  review: ReportReview | null;
  reportedBy: number | null;
  reporter: string | null;
  createdAt: string;
}

/** 佐证材料: a file kept in the database, downloaded from GET /api/attachments/{id}. */
export interface Attachment {
  id: number;
  name: string;
  mediaType: string;
  size: number;
}

/** 审核: a supervisor's or admin's decision on a report; a returned report counts for nothing. */
export interface ReportReview {
  decision: "approved" | "returned";
  /** why it was returned (the body sees it), or a note */
  reason: string | null;
  reviewer: string | null;
  at: string;
}

/** What happened to a task, oldest first: 交办, 签收, 申请调整 and its decision, 中止/恢复, 延期. */
export interface TaskEvent {
  id: number;
  taskId: number;
  kind: "acknowledge" | "change_request" | "change_accept" | "change_refuse" | "suspend" | "resume" | "extend";
  reason: string | null;
  data: Record<string, unknown> | null;
  actor: string;
  at: string;
}

/** 督办通知: sent by a supervisor on a set of tasks, with a text and a time limit; read receipts per user. */
export interface Notice {
  id: number;
  text: string;
  timeLimit: string | null;
  /** what the sender chose */
  scope: NoticeScope;
  sender: string;
  createdAt: string;
  /** the tasks it covers (all of them, or those the reader may see) */
  taskIds: number[];
  /** the bodies it reached, with who of each read it */
  bodies: Array<{ bodyId: number; bodyName: string; tasks: number; readBy: Array<{ username: string; readAt: string }> }>;
  /** whether the reader has read it (for an editor of a receiving body) */
  read: boolean;
}

interface Section<T> {
  items: T[];
  /** all of them, not only those sent */
  total: number;
}

/** 待办 / 消息 (GET /api/inbox): what needs the user now; sections another role has no part in are empty. */
export interface Inbox {
  today: string;
  settings: { remindDays: number; ackWorkingDays: number };
  /** editor: sent to its bodies; supervisor, admin: the latest in its scope */
  notices: Section<Notice> & { unread: number };
  /** 催办, derived when read: the editor's tasks overdue or due within remindDays */
  reminders: Array<{ kind: "due_soon" | "overdue"; task: Task }>;
  toAcknowledge: Section<Task>;
  returned: Section<Task>;
  pendingReviews: Section<{ report: ProgressReport; task: Task }>;
  unacknowledged: Section<Task>;
  changeRequests: Section<Task>;
}

export type NoticeScope =
  | { kind: "task"; taskId: number }
  | { kind: "body_overdue"; bodyId: number }
  | { kind: "document"; documentId: number; bodyId?: number };

/**
 * Every action the audit log records. The web app names each in Chinese (web/src/audit-text.ts, a Record over this
 * type), so an action added here without its name fails the type check instead of showing a code to officials.
 */
export type AuditAction =
  | "auth.login"
  | "auth.login_failed"
  | "auth.password_failed"
  | "body.merge"
  | "body.update"
  | "comment.create"
  | "document.delete"
  | "document.ingest"
  | "document.publish"
  | "document.restore"
  | "document.unpublish"
  /** written by versions before publishing had its own actions */
  | "document.update"
  /** an office's 分工 sheet applied to a document, or a filled 任务分工表's reports recorded */
  | "import.assignments"
  | "import.progress"
  | "measure.due"
  | "measure.update"
  | "notice.send"
  | "report.approve"
  | "report.close_request"
  | "report.create"
  | "report.return"
  | "suggestion.confirm"
  | "suggestion.dismiss"
  | "target.create"
  | "target.delete"
  | "target.update"
  | "task.acknowledge"
  | "task.assign"
  | "task.change_refuse"
  | "task.change_request"
  | "task.close"
  | "task.delete"
  | "task.extend"
  | "task.resume"
  | "task.suspend"
  | "task.transfer"
  | "task.update"
  | "user.create"
  | "user.password"
  | "user.password_reset"
  /** written by migration 7 when user names became unique in any capitals */
  | "user.rename"
  | "user.update";

/** One audit entry. */
export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  /** the object in words: a task's measure and body, a document's title, a body's or a user's name; null when none is known */
  subject: string | null;
  before: unknown;
  after: unknown;
}

export interface SearchHit {
  measureId: number;
  documentId: number;
  documentTitle: string | null;
  docNumber: string | null;
  label: string;
  title: string;
  rank: number;
  snippet: string;
  /** [start, end) of each match in `snippet` */
  highlights: Array<[number, number]>;
  /** the snippet as HTML, text escaped, matches in <mark> */
  snippetHtml: string;
  titleHighlights: Array<[number, number]>;
}

export interface IngestResult {
  status: "stored" | "unchanged";
  documentId: number;
  title: string | null;
  measures: number;
  tasks: number;
}

/** 解析任务: an upload waiting for, or being handled by, a worker; then what came of it. */
export type JobState = "queued" | "running" | "done" | "failed";

export interface IngestJob {
  id: string;
  /** the uploaded file's name */
  source: string;
  state: JobState;
  /** what a running job is doing */
  stage: "parsing" | "storing" | null;
  /** the same in Chinese, for a page: 排队等待 / 正在解析 / 正在入库 / 已入库 / 此前已入库 / 失败 */
  progress: string;
  /** how many times a worker took it up (more than one: a worker stopped or failed mid-job) */
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** when done: the stored document (or the one stored before with the same bytes) */
  result: IngestResult | null;
  /** when failed: a code for programs and the reason in Chinese */
  error: string | null;
  message: string | null;
}

export type StatusCounts = Record<TaskStatus, number>;

export interface BodyLoad extends StatusCounts {
  bodyId: number;
  bodyName: string;
  total: number;
  /** tasks whose due date has passed (suspended ones aside) */
  dueSoFar: number;
  /** of those, closed (销号) on time */
  closedOnTime: number;
  /** 按期率: closedOnTime ÷ dueSoFar; null when nothing is due yet */
  onTimeRate: number | null;
}

export interface TargetLatest {
  targetId: number;
  measureId: number;
  measureTitle: string;
  documentId: number;
  text: string;
  /** 指标名称 */
  indicator: string | null;
  targetValue: number;
  unit: string;
  deadline: string | null;
  latestValue: number | null;
  latestReportDate: string | null;
  share: number | null;
}

/** Everything the dashboard shows, from one request (GET /api/dashboard). */
export interface Dashboard {
  today: string;
  tasks: number;
  byStatus: StatusCounts;
  /** 按期率 over every matching task: closed on time ÷ due so far */
  onTime: { dueSoFar: number; closedOnTime: number; rate: number | null };
  /** one page of bodies, most tasks first */
  byBody: BodyLoad[];
  bodyTotal: number;
  /** the first overdue and at-risk tasks in due-date order, with the full counts */
  overdue: { items: Task[]; total: number };
  atRisk: { items: Task[]; total: number };
  targets: TargetLatest[];
  /** tasks by the month they are due; at most MAX_MONTHS months, those around today when there are more */
  byDueMonth: Array<{ month: string; total: number; done: number; overdue: number }>;
  /** tasks without a due date (in no month) */
  undated: number;
}

/** A document as links between documents refer to it. */
export interface DocRef {
  id: number;
  title: string | null;
  docNumber: string | null;
  date: string | null;
  level: string | null;
  region: string | null;
  published: boolean;
}

export interface MeasureRef {
  path: string[];
  /** the numbering label as written (1., （一）) */
  label: string;
  title: string;
}

/** A quantified target as a target cascade shows it. */
export interface TargetView {
  text: string;
  value: number;
  max?: number;
  unit: string;
  deadline: string | null;
  /** the words around the number that say what it counts */
  metric: string;
}

/** A target of a document set against the parent document's target it carries out. */
export interface Cascade {
  child: string[];
  /** the child measure's label as written */
  childLabel: string;
  parent: string[];
  parentLabel: string;
  /** what is counted, in the parent's words */
  metric: string;
  childTarget: TargetView;
  parentTarget: TargetView;
  /** child ÷ parent for counts and amounts; null for rates (%) */
  share: number | null;
  warnings: Array<{ kind: "weaker" | "later" | "basis"; message: string }>;
}
