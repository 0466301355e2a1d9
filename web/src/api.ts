/** The server's API (see /openapi.json), typed for the pages. Same origin; the session is an HttpOnly cookie. */

// the record types as the server declares them (types only: nothing from the server is bundled)
import type {
  Attachment,
  AuditEntry,
  Dashboard,
  DocumentSummary,
  Inbox,
  IngestJob,
  Measure,
  MeasureTarget,
  Notice,
  NoticeScope,
  ProgressReport,
  ReportReview,
  ResponsibleBody,
  Role,
  SearchHit,
  Suggestion,
  Task,
  TaskDivisionRow,
  TaskEvent,
  TaskStatus,
  User,
} from "../../src/model/api";
import type { BulletinFigures } from "../../src/model/bulletin";
// the one value shared with the server's model: the name of the signed-in hint cookie
import { SIGNED_IN_COOKIE } from "../../src/model/api";
export type { BulletinFigures };

export type {
  Attachment,
  AuditEntry,
  BodyLoad,
  Dashboard,
  DocumentSummary,
  Inbox,
  IngestJob,
  IngestResult,
  Measure,
  Notice,
  NoticeScope,
  ReportReview,
  SearchHit,
  Suggestion,
  Task,
  TaskDivisionRow,
  TaskEvent,
  TaskStatus,
  TaskTarget,
} from "../../src/model/api";
export type Quantity = MeasureTarget;
export type Report = ProgressReport;
export type Body = ResponsibleBody;

export type { Role, User } from "../../src/model/api";

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  totalIsLowerBound?: boolean;
}


export type QuantityKind = Quantity["kind"];
/** What a correction of a quantity may change. */
export interface QuantityFields {
  text?: string;
  indicator?: string | null;
  value?: number;
  max?: number | null;
  unit?: string;
  kind?: QuantityKind;
  deadline?: string | null;
  cap?: boolean;
}

export interface Me {
  id: number | null;
  username: string;
  role: Role;
  bodyIds: number[];
  region: string | null;
}

export interface Span {
  start: number;
  end: number;
  rule?: string;
}
export interface Citation {
  docNumber: string | null;
  title: string | null;
  span?: Span;
}
export interface DocMeta {
  title: string | null;
  docNumber: string | null;
  issuers: string[];
  date: string | null;
  validUntil: string | null;
  cites: Citation[];
  span?: Span;
  spans?: { title?: Span; docNumber?: Span; date?: Span; validUntil?: Span; issuers?: Span[] };
}
export interface ParsedQuantity {
  text: string;
  value: number;
  max?: number;
  unit: string;
  kind: "target" | "incentive" | "other";
  deadline: string | null;
  span?: Span;
}
export interface OutlineNode {
  path: string[];
  /** the numbering label as written (（一）, 1.); absent in parses made before it was recorded */
  label?: string;
  title: string;
  units: string[];
  lead: string[];
  quantities: ParsedQuantity[];
  span?: Span;
  textSpan?: Span;
  bodies?: Array<{ name: string; lead: boolean; span: Span }>;
  times?: Array<{ text: string; date: string | null; span: Span }>;
}
export interface ParsedFile {
  source: string;
  wrappers: DocMeta[];
  document: DocMeta;
  outline: OutlineNode[];
  text?: string;
  format?: string;
  warnings?: string[];
}
export interface DocumentDetail extends DocumentSummary {
  parsed: ParsedFile;
  /** the normalised text every span of the parse result points into; null when the reader gave none */
  text: string | null;
  /** logged-in users: suggested bodies of its measures awaiting a decision */
  openSuggestions?: number;
}

export interface TaskDetail extends Task {
  progressReports: Report[];
  comments: Array<{ id: number; text: string; author: string | null; createdAt: string }>;
  events: TaskEvent[];
  notices: Notice[];
}

/** An API error with the server's message, shown to the user as is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Whether a session may exist: the server sets this readable cookie beside the HttpOnly session at login and
 * clears it at logout (src/server/client.ts). Without it the public pages do not ask who is logged in, since a
 * logged-out visitor would get a 401 that the browser logs as a failed request.
 */
export function maybeSignedIn(): boolean {
  return document.cookie.split(";").some((c) => c.trim() === `${SIGNED_IN_COOKIE}=1`);
}
/** Forgets the hint once the server said the session is gone (it ended or was revoked while the hint lived on). */
export function forgetSignedIn(): void {
  document.cookie = `${SIGNED_IN_COOKIE}=; Path=/; Max-Age=0; SameSite=Strict`;
}

/** called on 401 so the app can show the login page */
let onUnauthorized: (() => void) | null = null;
export function setUnauthorizedHandler(f: (() => void) | null): void {
  onUnauthorized = f;
}

/** A GET that public/early.js started before this code loaded, for the first call of the same path only. */
function takeEarly(path: string): Promise<Response> | undefined {
  const early = (window as { __luoshiEarly?: Record<string, Promise<Response> | undefined> }).__luoshiEarly;
  const p = early?.[path];
  if (p) delete early[path];
  return p;
}

async function call<T>(method: string, path: string, body?: unknown, opts: { quiet401?: boolean; headers?: Record<string, string> } = {}): Promise<T> {
  const init: RequestInit = { method, credentials: "same-origin", headers: { ...opts.headers } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  }
  const r = await ((method === "GET" && takeEarly(path)) || fetch(path, init));
  const type = r.headers.get("content-type") ?? "";
  const data: unknown = type.includes("json") ? await r.json() : await r.text();
  if (!r.ok) {
    const e = (data && typeof data === "object" ? data : {}) as { error?: string; message?: string };
    if (r.status === 401 && !opts.quiet401) onUnauthorized?.();
    throw new ApiError(r.status, e.error ?? String(r.status), e.message ?? (typeof data === "string" && data ? data : r.statusText));
  }
  return data as T;
}

export interface ReportInput {
  text: string;
  value?: number | null;
  targetId?: number | null;
  complete?: boolean;
  evidence?: string[];
  reportDate?: string;
  attachmentIds?: number[];
}

/**
 * A fresh Idempotency-Key: 128 random bits in hex. getRandomValues, not randomUUID, which browsers offer only
 * on HTTPS and localhost, and the app may be served over plain HTTP inside an office network.
 */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}


/** A 督查通报's period (2026Q3, 2026-10, 2026H1, 2026, or from–to) and scope. */
export interface BulletinQuery {
  period?: string;
  from?: string;
  to?: string;
  document?: number;
  region?: string;
  body?: number;
}

export const bulletinUrl = (q: BulletinQuery, format: "docx" | "pdf") => `/api/bulletin${qs({ ...q, format })}`;

/** Query strings without empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}

export const api = {
  me: () => call<Me>("GET", "/api/auth/me", undefined, { quiet401: true }),
  login: (username: string, password: string) => call<{ user: { username: string; role: Role } }>("POST", "/api/auth/login", { username, password }, { quiet401: true }),
  logout: () => call<{ ok: boolean }>("POST", "/api/auth/logout"),
  documents: (q: { page?: number; pageSize?: number; docNumber?: string; year?: number } = {}) =>
    call<Page<DocumentSummary>>("GET", `/api/documents${qs(q)}`),
  document: (id: number) => call<DocumentDetail>("GET", `/api/documents/${id}`),
  upload: (file: File, published = false) => {
    const f = new FormData();
    f.append("file", file, file.name);
    f.append("published", String(published));
    return call<IngestJob>("POST", "/api/documents", f);
  },
  /** an upload's job: its progress, then the stored document or the reason it failed */
  job: (id: string) => call<IngestJob>("GET", `/api/jobs/${id}`),
  publish: (id: number, published: boolean) => call<DocumentSummary>("PATCH", `/api/documents/${id}`, { published }),
  measures: (q: { document?: number; body?: number; kind?: string; page?: number; pageSize?: number }) =>
    call<Page<Measure>>("GET", `/api/measures${qs(q)}`),
  /** one measure with all its bodies (staff) */
  measure: (id: number) => call<Measure>("GET", `/api/measures/${id}`),
  assign: (measureId: number, bodyId: number, role: "lead" | "supporting", dueDate?: string | null) =>
    call<{ id: number; created: boolean }>("POST", `/api/measures/${measureId}/tasks`, { bodyId, role, ...(dueDate !== undefined ? { dueDate } : {}) }),
  tasks: (q: { body?: number; status?: TaskStatus; dueBefore?: string; document?: number; measure?: number; acknowledged?: boolean; page?: number; pageSize?: number }) =>
    call<Page<Task>>("GET", `/api/tasks${qs(q)}`),
  /** the 任务分工表 page: a page of the document's measures, each with its first tasks and all of them counted */
  taskTableRows: (documentId: number, q: { page?: number; pageSize?: number }) =>
    call<Page<TaskDivisionRow>>("GET", `/api/documents/${documentId}/task-table/rows${qs(q)}`),
  task: (id: number) => call<TaskDetail>("GET", `/api/tasks/${id}`),
  /** `key`: the report's Idempotency-Key, the same for every sending of one report (see newIdempotencyKey) */
  report: (id: number, r: ReportInput, key: string) => call<Report>("POST", `/api/tasks/${id}/reports`, r, { headers: { "idempotency-key": key } }),
  changePassword: (currentPassword: string, newPassword: string) => call<{ ok: boolean }>("POST", "/api/auth/password", { currentPassword, newPassword }),
  attach: (taskId: number, file: File) => {
    const f = new FormData();
    f.append("file", file, file.name);
    return call<Attachment>("POST", `/api/tasks/${taskId}/attachments`, f);
  },
  review: (reportId: number, decision: "approve" | "return", reason?: string) =>
    call<{ review: ReportReview; task: Task }>("POST", `/api/reports/${reportId}/review`, { decision, reason: reason || null }),
  acknowledge: (id: number) => call<{ event: TaskEvent; task: Task }>("POST", `/api/tasks/${id}/acknowledge`),
  requestChange: (id: number, reason: string, proposedBody?: string) =>
    call<{ event: TaskEvent; task: Task }>("POST", `/api/tasks/${id}/change-request`, { reason, proposedBody: proposedBody || null }),
  decideChange: (id: number, d: { accept: boolean; reason: string; bodyId?: number }) => call<{ event: TaskEvent; task: Task }>("POST", `/api/tasks/${id}/change-decision`, d),
  suspend: (id: number, reason: string) => call<{ event: TaskEvent; task: Task }>("POST", `/api/tasks/${id}/suspend`, { reason }),
  resume: (id: number, reason: string) => call<{ event: TaskEvent; task: Task }>("POST", `/api/tasks/${id}/resume`, { reason }),
  extend: (id: number, dueDate: string, reason: string) => call<{ event: TaskEvent; task: Task }>("POST", `/api/tasks/${id}/extend`, { dueDate, reason }),
  sendNotice: (n: { scope: NoticeScope; text: string; timeLimit?: string | null }) => call<Notice>("POST", "/api/notices", n),
  notices: (q: { task?: number; unread?: boolean; page?: number; pageSize?: number } = {}) =>
    call<Page<Notice> & { unread: number }>("GET", `/api/notices${qs(q)}`),
  readNotice: (id: number) => call<Notice>("POST", `/api/notices/${id}/read`),
  inbox: () => call<Inbox>("GET", "/api/inbox"),
  body: (id: number) => call<Body>("GET", `/api/bodies/${id}`),
  bodies: (q: { q?: string; page?: number; pageSize?: number } = {}) => call<Page<Body>>("GET", `/api/bodies${qs(q)}`),
  removeTask: (id: number) => call<{ id: number; deleted: true }>("DELETE", `/api/tasks/${id}`),
  confirmSuggestion: (id: number) =>
    call<{ suggestion: Suggestion; taskId: number; bodyId: number; bodyName: string; created: boolean }>("POST", `/api/suggestions/${id}/confirm`, {}),
  dismissSuggestion: (id: number) => call<Suggestion>("POST", `/api/suggestions/${id}/dismiss`),
  audit: (q: {
    document?: number;
    body?: number;
    actor?: string;
    from?: string;
    to?: string;
    entity?: string;
    entityId?: string;
    action?: string;
    page?: number;
    pageSize?: number;
  }) => call<Page<AuditEntry>>("GET", `/api/audit${qs(q)}`),
  auditFacets: () => call<{ actions: string[]; actors: Array<{ id: number | null; name: string }> }>("GET", "/api/audit/facets"),
  // administration
  users: () => call<{ items: User[] }>("GET", "/api/users"),
  createUser: (u: { username: string; password: string; role: Role; displayName?: string | null; bodyIds?: number[]; region?: string | null }) => call<User>("POST", "/api/users", u),
  updateUser: (id: number, c: { role?: Role; displayName?: string | null; password?: string; disabled?: boolean; bodyIds?: number[]; region?: string | null }) =>
    call<User>("PATCH", `/api/users/${id}`, c),
  updateBody: (id: number, c: { name?: string; level?: string | null; region?: string | null }) => call<Body>("PATCH", `/api/bodies/${id}`, c),
  mergeBody: (id: number, into: number) => call<Body>("POST", `/api/bodies/${id}/merge`, { into }),
  deletedDocuments: (q: { page?: number; pageSize?: number } = {}) => call<Page<DocumentSummary>>("GET", `/api/documents${qs({ ...q, deleted: "true" })}`),
  deleteDocument: (id: number) => call<DocumentSummary>("DELETE", `/api/documents/${id}`),
  restoreDocument: (id: number) => call<DocumentSummary>("POST", `/api/documents/${id}/restore`),
  updateMeasure: (id: number, c: { title?: string; text?: string }) => call<Measure>("PATCH", `/api/measures/${id}`, c),
  addQuantity: (measureId: number, f: QuantityFields & { value: number; unit: string; kind: QuantityKind }) =>
    call<Quantity>("POST", `/api/measures/${measureId}/targets`, f),
  updateQuantity: (id: number, f: QuantityFields) => call<Quantity>("PATCH", `/api/targets/${id}`, f),
  deleteQuantity: (id: number) => call<{ id: number }>("DELETE", `/api/targets/${id}`),
  /** 督查通报: the figures of a period (the preview); the files are downloaded from bulletinUrl */
  bulletin: (q: BulletinQuery) => call<BulletinFigures>("GET", `/api/bulletin${qs({ ...q, format: "json" })}`),
  dashboard: (q: { document?: number; body?: number; region?: string; listSize?: number; bodyPage?: number; bodyPageSize?: number; targetLimit?: number }) =>
    call<Dashboard>("GET", `/api/dashboard${qs(q)}`),
  search: (q: { q: string; body?: number; document?: number; year?: number; kind?: string; page?: number; pageSize?: number }) =>
    call<Page<SearchHit>>("GET", `/api/search${qs(q)}`),
  /** a multipart POST (the imports of import-dialog.tsx); `key`: its Idempotency-Key */
  postForm: <T>(path: string, form: FormData, key?: string) => call<T>("POST", path, form, key ? { headers: { "idempotency-key": key } } : {}),
  // links between documents (types in links.tsx)
  links: (id: number) => call<import("./links").DocumentLinks>("GET", `/api/documents/${id}/links`),
  citations: (id: number) => call<import("./links").Citations>("GET", `/api/documents/${id}/citations`),
};

/** Every page of a paged list, for lists the pages show whole (a document's measures); bounded. */
export async function allPages<T>(get: (page: number) => Promise<Page<T>>, maxPages = 50): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const r = await get(page);
    out.push(...r.items);
    if (out.length >= r.total || r.items.length === 0) break;
  }
  return out;
}
