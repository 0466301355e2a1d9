/** The server's API (see /openapi.json), typed for the pages. Same origin; the session is an HttpOnly cookie. */

export type TaskStatus = "not_started" | "in_progress" | "done" | "at_risk" | "overdue";
export type Role = "admin" | "supervisor" | "editor";

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  totalIsLowerBound?: boolean;
}

export interface Me {
  id: number | null;
  username: string;
  role: Role;
  bodyIds: number[];
}

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
}

export interface IngestResult {
  status: "stored" | "unchanged";
  documentId: number;
  title: string | null;
  measures: number;
  tasks: number;
}

export interface Quantity {
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
  quantities: Quantity[];
  /** the responsible bodies by name, leads first (for everyone, the public included) */
  responsible: Array<{ name: string; role: "lead" | "supporting" }>;
  /** the bodies with their tasks (logged-in users only; empty for the public) */
  bodies: Array<{ bodyId: number; bodyName: string; role: "lead" | "supporting"; taskId: number }>;
}

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
  role: "lead" | "supporting";
  dueDate: string | null;
  status: TaskStatus;
  /** which rule decided, in Chinese, as the server words it */
  statusReason: string;
  statusReasonCode: string;
  reports: number;
  lastReportDate: string | null;
  targets: TaskTarget[];
}
export interface Report {
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
export interface TaskDetail extends Task {
  progressReports: Report[];
  comments: Array<{ id: number; text: string; author: string | null; createdAt: string }>;
}

export interface Body {
  id: number;
  name: string;
  level: string | null;
  region: string | null;
  mergedInto: number | null;
  aliases: string[];
  tasks: number;
}

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
  highlights: Array<[number, number]>;
  titleHighlights: Array<[number, number]>;
}

export interface BodyLoad {
  bodyId: number;
  bodyName: string;
  total: number;
  not_started: number;
  in_progress: number;
  done: number;
  at_risk: number;
  overdue: number;
  /** 按期率: tasks not overdue ÷ all tasks of the body */
  onTimeRate: number | null;
}
/** Everything the dashboard shows, from one request (GET /api/dashboard). */
export interface Dashboard {
  today: string;
  tasks: number;
  byStatus: Record<TaskStatus, number>;
  /** one page of bodies, most tasks first */
  byBody: BodyLoad[];
  bodyTotal: number;
  /** the first overdue / at-risk tasks in due-date order, and how many there are */
  overdue: { items: Task[]; total: number };
  atRisk: { items: Task[]; total: number };
  targets: Array<{
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
  }>;
  byDueMonth: Array<{ month: string; total: number; done: number; overdue: number }>;
  undated: number;
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

/** called on 401 so the app can show the login page */
let onUnauthorized: (() => void) | null = null;
export function setUnauthorizedHandler(f: (() => void) | null): void {
  onUnauthorized = f;
}

async function call<T>(method: string, path: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
  const init: RequestInit = { method, credentials: "same-origin", headers: {} };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  }
  const r = await fetch(path, init);
  const type = r.headers.get("content-type") ?? "";
  const data: unknown = type.includes("json") ? await r.json() : await r.text();
  if (!r.ok) {
    const e = (data && typeof data === "object" ? data : {}) as { error?: string; message?: string };
    if (r.status === 401 && !opts.quiet401) onUnauthorized?.();
    throw new ApiError(r.status, e.error ?? String(r.status), e.message ?? (typeof data === "string" && data ? data : r.statusText));
  }
  return data as T;
}

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
  upload: (file: File, published = true) => {
    const f = new FormData();
    f.append("file", file, file.name);
    f.append("published", String(published));
    return call<IngestResult>("POST", "/api/documents", f);
  },
  publish: (id: number, published: boolean) => call<DocumentSummary>("PATCH", `/api/documents/${id}`, { published }),
  measures: (q: { document?: number; body?: number; kind?: string; page?: number; pageSize?: number }) =>
    call<Page<Measure>>("GET", `/api/measures${qs(q)}`),
  assign: (measureId: number, bodyId: number, role: "lead" | "supporting", dueDate?: string | null) =>
    call<{ id: number; created: boolean }>("POST", `/api/measures/${measureId}/tasks`, { bodyId, role, ...(dueDate !== undefined ? { dueDate } : {}) }),
  tasks: (q: { body?: number; status?: TaskStatus; dueBefore?: string; document?: number; measure?: number; page?: number; pageSize?: number }) =>
    call<Page<Task>>("GET", `/api/tasks${qs(q)}`),
  task: (id: number) => call<TaskDetail>("GET", `/api/tasks/${id}`),
  report: (id: number, r: { text: string; value?: number | null; targetId?: number | null; complete?: boolean; evidence?: string[]; reportDate?: string }) =>
    call<Report>("POST", `/api/tasks/${id}/reports`, r),
  body: (id: number) => call<Body>("GET", `/api/bodies/${id}`),
  bodies: (q: { q?: string; page?: number; pageSize?: number } = {}) => call<Page<Body>>("GET", `/api/bodies${qs(q)}`),
  removeTask: (id: number) => call<{ id: number; deleted: true }>("DELETE", `/api/tasks/${id}`),
  audit: (q: { document?: number; entity?: string; entityId?: string; action?: string; page?: number; pageSize?: number }) =>
    call<Page<AuditEntry>>("GET", `/api/audit${qs(q)}`),
  dashboard: (q: { document?: number; body?: number; region?: string; listSize?: number; bodyPage?: number; bodyPageSize?: number; targetLimit?: number }) =>
    call<Dashboard>("GET", `/api/dashboard${qs(q)}`),
  search: (q: { q: string; body?: number; document?: number; year?: number; kind?: string; page?: number; pageSize?: number }) =>
    call<Page<SearchHit>>("GET", `/api/search${qs(q)}`),
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
