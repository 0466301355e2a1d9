/**
 * The 任务分工表 as rows, gathered from the store for any task list the app can filter (a document, a body, a
 * status, a region, a due date), within what the reader may read (scope.ts): one row per task, in the document's
 * reading order, a measure's tasks together (牵头 first), so that the writers can merge its columns. The rows hold
 * plain text; each writer escapes it for its format (cell-text.ts).
 */
import type { Queryable } from "../store/db.js";
import { bodyInScope, type Scope } from "../track/scope.js";
import type { TaskStatus } from "../track/status.js";
import { COUNT_CAP, listTasks, TrackError, type Task } from "../track/tasks.js";
import { targetText, zhDeadline } from "./format.js";
import type { TaskTableColumnKey } from "./layout.js";
import { zhDate } from "../track/status.js";
import { chinaDateTime } from "../track/workdays.js";

export interface TaskTableFilter {
  documentId?: number;
  bodyId?: number;
  status?: TaskStatus;
  /** the document's region (地区) */
  region?: string;
  /** due strictly before this day */
  dueBefore?: string;
  measureId?: number;
  acknowledged?: boolean;
  assignedBefore?: string;
}

export const STATUS_LABEL: Record<TaskStatus, string> = {
  not_started: "未开始",
  in_progress: "推进中",
  pending_review: "待审核",
  returned: "已退回",
  done: "已办结",
  done_late: "逾期办结",
  at_risk: "有风险",
  overdue: "已逾期",
  suspended: "已中止",
};

/** An export holds at most this many tasks (the task list's count cap); a larger one asks for a narrower filter. */
export const MAX_EXPORT_TASKS = COUNT_CAP;

export interface TaskTableRow {
  taskId: number;
  measureId: number;
  documentId: number;
  /** each column's text, lines separated by \n; the body's columns empty (最新进展: the latest report's text as reported) */
  cells: Record<TaskTableColumnKey, string>;
  /** the day of the report in 最新进展 */
  latestDate: string | null;
}

export interface TaskTable {
  /** 《document title》任务分工表, or 任务分工表 with the filter named */
  title: string;
  /** the filter and the time of the export, in words, for the line under the title */
  subtitle: string;
  /** the document exported; null for a task list across documents */
  documentId: number | null;
  filter: TaskTableFilter;
  /** ISO timestamp */
  exportedAt: string;
  rows: TaskTableRow[];
}

interface MeasureInfo {
  id: number;
  label: string;
  title: string;
  text: string;
  ordinal: number;
  due_date: string | null;
  heading: string | null;
  document_id: number;
  document_title: string | null;
  doc_date: string | null;
}

/**
 * The text of the measure without its own label and title repeated at its start when the document wrote them
 * there (`1. 提速5G网络建设。全面提速…`): the 序号 column carries the label; the title stays, it is the gist.
 */
export function measureText(m: { label: string; title: string; text: string }): string {
  let t = m.text.trim();
  const label = m.label.trim();
  if (label && t.startsWith(label)) t = t.slice(label.length).trimStart();
  return t || m.title;
}

/** Runs of consecutive rows of one measure, as [first, last] indices: the cells a writer merges. */
export function measureRuns(rows: ReadonlyArray<{ measureId: number }>): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  rows.forEach((r, i) => {
    const last = runs.at(-1);
    if (last && rows[last[1]]!.measureId === r.measureId) last[1] = i;
    else runs.push([i, i]);
  });
  return runs;
}

async function measuresOf(db: Queryable, ids: number[]): Promise<Map<number, MeasureInfo>> {
  const r = await db.query<MeasureInfo>(
    `select m.id, m.label, m.title, m.text, m.ordinal, m.due_date, p.title as heading, m.document_id, d.title as document_title, d.doc_date
     from measure m join document d on d.id = m.document_id left join measure p on p.id = m.parent_id
     where m.id = any($1::int[])`,
    [ids],
  );
  return new Map(r.rows.map((m) => [m.id, m]));
}

/** Every body of each measure by role, the ones outside the reader's scope too: the document names them all. */
async function bodiesOf(db: Queryable, measureIds: number[]): Promise<Map<number, { lead: string[]; supporting: string[] }>> {
  const r = await db.query<{ measure_id: number; role: "lead" | "supporting"; name: string }>(
    `select t.measure_id, t.role, b.name from task t join responsible_body b on b.id = t.body_id
     where t.measure_id = any($1::int[]) order by t.measure_id, t.id`,
    [measureIds],
  );
  const out = new Map<number, { lead: string[]; supporting: string[] }>();
  for (const x of r.rows) {
    const e = out.get(x.measure_id) ?? { lead: [], supporting: [] };
    const list = x.role === "lead" ? e.lead : e.supporting;
    if (!list.includes(x.name)) list.push(x.name);
    out.set(x.measure_id, e);
  }
  return out;
}

/** The latest report of each task that counts (a returned one does not): its text and date. */
async function latestReports(db: Queryable, taskIds: number[]): Promise<Map<number, { text: string; date: string }>> {
  const r = await db.query<{ task_id: number; report_date: string; text: string }>(
    `select distinct on (pr.task_id) pr.task_id, pr.report_date::text as report_date, pr.text
     from progress_report pr left join report_review rr on rr.report_id = pr.id
     where pr.task_id = any($1::int[]) and (rr.decision is null or rr.decision <> 'return')
     order by pr.task_id, pr.report_date desc, pr.id desc`,
    [taskIds],
  );
  return new Map(r.rows.map((x) => [x.task_id, { text: x.text, date: x.report_date.slice(0, 10) }]));
}

/**
 * 最新进展 for a reader: the report's text and its day. The XLSX keeps the text alone in the cell (and the day in a
 * note), so that a row sent back unchanged reads as the latest report, not as a new one.
 */
export const latestWithDate = (r: Pick<TaskTableRow, "cells" | "latestDate">) => (r.latestDate ? `${r.cells.latest}（${zhDate(r.latestDate)}）` : r.cells.latest);

async function titleOf(db: Queryable, f: TaskTableFilter, documentTitle: string | null): Promise<string> {
  if (f.documentId !== undefined) return `${documentTitle ?? `文件 ${f.documentId}`}任务分工表`;
  return `任务分工表${(await filterWords(db, f)).map((w) => `（${w}）`).join("")}`;
}

/** The filter in words: 广州市工业和信息化局, 已逾期, 地区：广州, 2020年9月30日前到期. */
async function filterWords(db: Queryable, f: TaskTableFilter): Promise<string[]> {
  const words: string[] = [];
  if (f.documentId !== undefined) {
    const d = await db.query<{ title: string | null }>(`select title from document where id = $1`, [f.documentId]);
    words.push(d.rows[0]?.title ?? `文件 ${f.documentId}`);
  }
  if (f.bodyId !== undefined) {
    const b = await db.query<{ name: string }>(`select name from responsible_body where id = $1`, [f.bodyId]);
    words.push(b.rows[0]?.name ?? `单位 ${f.bodyId}`);
  }
  if (f.region !== undefined) words.push(`地区：${f.region}`);
  if (f.status !== undefined) words.push(STATUS_LABEL[f.status]);
  if (f.dueBefore !== undefined) words.push(`${zhDate(f.dueBefore)}前到期`);
  if (f.acknowledged === false) words.push("未签收");
  if (f.acknowledged === true) words.push("已签收");
  if (f.assignedBefore !== undefined) words.push(`${zhDate(f.assignedBefore)}前交办`);
  return words;
}


/**
 * The rows of the 任务分工表 for a filter, as the reader may read them. A filter naming a body or a region outside
 * the scope is refused (403), as on the task list; a document that does not exist (or was deleted) is 404; more
 * than MAX_EXPORT_TASKS tasks is refused with the advice to narrow the filter.
 */
export async function gatherTaskTable(db: Queryable, opts: { filter: TaskTableFilter; scope?: Scope; today: string; now: Date }): Promise<TaskTable> {
  const f = opts.filter;
  const scope: Scope = { ...(opts.scope ?? {}) };
  if (f.bodyId !== undefined && !bodyInScope(scope, f.bodyId)) throw new TrackError("forbidden", "只能导出本单位的任务");
  if (f.region !== undefined) {
    if (scope.region !== undefined && scope.region !== f.region) throw new TrackError("forbidden", "只能导出所辖地区的任务");
    scope.region = f.region;
  }
  let documentTitle: string | null = null;
  if (f.documentId !== undefined) {
    const d = await db.query<{ title: string | null; source_name: string }>(`select title, source_name from document where id = $1 and deleted_at is null`, [f.documentId]);
    if (!d.rows[0]) throw new TrackError("not-found", `文件 ${f.documentId} 不存在`);
    documentTitle = d.rows[0].title ?? d.rows[0].source_name;
  }
  const list = await listTasks(db, {
    documentId: f.documentId,
    bodyId: f.bodyId,
    status: f.status,
    dueBefore: f.dueBefore,
    measureId: f.measureId,
    acknowledged: f.acknowledged,
    assignedBefore: f.assignedBefore,
    scope,
    today: opts.today,
    limit: MAX_EXPORT_TASKS,
    offset: 0,
  });
  if (list.totalIsLowerBound) {
    throw new TrackError("too-large", `要导出的任务超过 ${MAX_EXPORT_TASKS} 项，请按文件、单位或状态缩小范围后再导出`, { max: MAX_EXPORT_TASKS });
  }
  const tasks = list.items;
  const measureIds = [...new Set(tasks.map((t) => t.measureId))];
  const [measures, bodies, latest] = await Promise.all([
    measuresOf(db, measureIds),
    bodiesOf(db, measureIds),
    latestReports(db, tasks.map((t) => t.id)),
  ]);
  const order = (t: Task) => measures.get(t.measureId)!;
  tasks.sort((a, b) => {
    const ma = order(a);
    const mb = order(b);
    return (
      (ma.doc_date ?? "9999").localeCompare(mb.doc_date ?? "9999") ||
      ma.document_id - mb.document_id ||
      ma.ordinal - mb.ordinal ||
      (a.role === b.role ? 0 : a.role === "lead" ? -1 : 1) ||
      a.id - b.id
    );
  });
  const severalDocuments = new Set(tasks.map((t) => t.documentId)).size > 1;
  const rows = tasks.map((t): TaskTableRow => {
    const m = order(t);
    const who = bodies.get(t.measureId) ?? { lead: [], supporting: [] };
    const due = m.due_date ?? t.dueDate;
    // across documents, 序号 alone is ambiguous: the heading names the document too
    const heading = severalDocuments ? [`《${m.document_title ?? `文件 ${m.document_id}`}》`, m.heading ?? ""].filter(Boolean).join("\n") : (m.heading ?? "");
    return {
      taskId: t.id,
      measureId: t.measureId,
      documentId: t.documentId,
      cells: {
        label: m.label,
        heading,
        measure: measureText(m),
        lead: who.lead.join("\n"),
        supporting: who.supporting.join("\n"),
        due: due ? `${zhDeadline(due)}前` : "",
        targets: t.targets.map(targetText).join("\n"),
        body: t.bodyName,
        latest: latest.get(t.id)?.text ?? "",
        value: "",
        completion: "",
        status: STATUS_LABEL[t.status],
        taskId: String(t.id),
      },
      latestDate: latest.get(t.id)?.date ?? null,
    };
  });
  const exportedAt = opts.now.toISOString();
  // a document's table names the rest of its filter under the title; a list's title names it all
  const narrowed = f.documentId !== undefined ? await filterWords(db, { ...f, documentId: undefined }) : [];
  return {
    title: await titleOf(db, f, documentTitle),
    subtitle: [narrowed.length ? `筛选：${narrowed.join("，")}` : "", `导出时间：${chinaDateTime(exportedAt)}`, `共 ${rows.length} 项任务`].filter(Boolean).join("　"),
    documentId: f.documentId ?? null,
    filter: f,
    exportedAt,
    rows,
  };
}
