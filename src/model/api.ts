/**
 * The API's record types: the JSON shapes the server sends, declared once for the server (src/track, src/link)
 * and the web app (web/src/api.ts, web/src/links.tsx). Types only, no imports, so the web app's type check
 * needs neither Node nor the server's dependencies.
 */

/** 未开始 / 推进中 / 已完成 / 有风险 / 已逾期 */
export type TaskStatus = "not_started" | "in_progress" | "done" | "at_risk" | "overdue";

/** Which rule decided: a stable code for programs, beside the Chinese text people read. */
export type StatusReasonCode = "declared_complete" | "targets_reached" | "past_due" | "due_soon" | "behind_path" | "reported" | "no_report";

export interface DocumentSummary {
  id: number;
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
  text: string;
  value: number;
  max: number | null;
  unit: string;
  kind: "target" | "incentive" | "other";
  deadline: string | null;
}

export interface Measure {
  id: number;
  documentId: number;
  documentTitle: string | null;
  parentId: number | null;
  path: string[];
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
  reports: number;
  lastReportDate: string | null;
  targets: TaskTarget[];
}

export interface ProgressReport {
  id: number;
  taskId: number;
  reportDate: string;
  text: string;
  targetId: number | null;
  value: number | null;
  complete: boolean;
  evidence: string[];
  reportedBy: number | null;
  reporter: string | null;
  createdAt: string;
}

/** One audit entry. */
export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
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
  /** 按期率: tasks not overdue ÷ all tasks of the body */
  onTimeRate: number | null;
}

export interface TargetLatest {
  targetId: number;
  measureId: number;
  measureTitle: string;
  documentId: number;
  text: string;
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
  parent: string[];
  /** what is counted, in the parent's words */
  metric: string;
  childTarget: TargetView;
  parentTarget: TargetView;
  /** child ÷ parent for counts and amounts; null for rates (%) */
  share: number | null;
  warnings: Array<{ kind: "weaker" | "later" | "basis"; message: string }>;
}
