/**
 * A small store for the bulletin's tests: a plan written as text (parsed by the real parser), its seven tasks
 * given chosen due dates, and reports, reviews and events at chosen instants (written as rows, since the
 * supervision loop stamps them with the clock).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Db } from "../../src/store/db.js";
import { SYSTEM } from "../../src/track/audit.js";
import { ingestDocument } from "../../src/track/ingest.js";
import { parseBytes } from "../../src/parse/index.js";

export const PLAN = `广东省测试工作领导小组办公室关于印发2026年重点任务分工方案的通知
粤测办〔2026〕1号
各有关单位：
现将《2026年重点任务分工方案》印发给你们，请认真贯彻落实。
广东省测试工作领导小组办公室
2026年3月1日
2026年重点任务分工方案
一、加快基础设施建设
（一）建成5G基站1000座。（责任单位：省通信管理局）
（二）推进千兆光网进社区。（责任单位：省通信管理局）
二、优化营商环境
（三）开展营商环境评价。（责任单位：省发展改革委）
（四）清理涉企收费。（责任单位：省发展改革委）
三、强化要素保障
（五）设立专项资金2亿元。（责任单位：省财政厅）
（六）完善资金管理办法。（责任单位：省财政厅）
（七）开展绩效评价。（责任单位：省财政厅）
`;

export interface Plan {
  documentId: number;
  /** task ids by the measure's number: 一 … 七 */
  task: Record<string, number>;
  targetId: number;
}

/** Stores a plan (the text above, or another with measures numbered （一）…), created on `created`. */
export async function storePlan(db: Db, text = PLAN, created = "2026-03-01T08:00:00Z"): Promise<Plan> {
  const r = await ingestDocument(db, parseBytes, new TextEncoder().encode(text), `plan-${text.length}.txt`, SYSTEM);
  await db.query(`update document set created_at = $2 where id = $1`, [r.documentId, created]);
  await db.query(`update task set created_at = $2 where measure_id in (select id from measure where document_id = $1)`, [r.documentId, created]);
  const tasks = await db.query<{ id: number; path: string[] }>(
    `select t.id, m.path from task t join measure m on m.id = t.measure_id where m.document_id = $1 order by t.id`,
    [r.documentId],
  );
  const task: Record<string, number> = {};
  for (const t of tasks.rows) task[t.path.at(-1)!] = t.id;
  const tg = await db.query<{ id: number }>(
    `select tg.id from target tg join measure m on m.id = tg.measure_id where m.document_id = $1 and tg.kind = 'target' order by tg.id limit 1`,
    [r.documentId],
  );
  return { documentId: r.documentId, task, targetId: tg.rows[0]?.id ?? 0 };
}

export async function setDue(db: Db, taskId: number, due: string | null): Promise<void> {
  await db.query(`update task set due_date = $2 where id = $1`, [taskId, due]);
}

export interface ReportAt {
  date: string;
  text: string;
  complete?: boolean;
  /** when it was submitted (default: noon of its date) */
  created?: string;
  targetId?: number;
  value?: number;
  review?: { decision: "approve" | "return"; at: string };
}

export async function reportAt(db: Db, taskId: number, r: ReportAt): Promise<number> {
  const ins = await db.query<{ id: number }>(
    `insert into progress_report (task_id, report_date, text, complete, target_id, value, created_at) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [taskId, r.date, r.text, r.complete ?? false, r.targetId ?? null, r.value ?? null, r.created ?? `${r.date}T12:00:00Z`],
  );
  const id = ins.rows[0]!.id;
  if (r.review) {
    await db.query(`insert into report_review (report_id, task_id, decision, reason, reviewer, at) values ($1, $2, $3, $4, 'test', $5)`, [
      id,
      taskId,
      r.review.decision,
      r.review.decision === "return" ? "材料不全" : null,
      r.review.at,
    ]);
  }
  return id;
}

export async function eventAt(db: Db, taskId: number, kind: string, at: string, data: Record<string, unknown> | null = null): Promise<void> {
  await db.query(`insert into task_event (task_id, kind, reason, data, actor, at) values ($1, $2, '测试', $3::jsonb, 'test', $4)`, [
    taskId,
    kind,
    data === null ? null : JSON.stringify(data),
    at,
  ]);
}

/**
 * The plan's tasks as of 2026Q3 (status day 2026-10-01):
 * 一 done on time · 二 done late · 三 overdue (reported 已完成选址 on 09-01) · 四 at risk · 五 done on time before
 * the quarter · 六 asked to close on 09-28, approved only on 10-03 (pending at the end) · 七 reported, not reviewed.
 */
export async function quarterScenario(db: Db, p: Plan): Promise<void> {
  const t = p.task;
  await setDue(db, t["一"]!, "2026-08-31");
  await setDue(db, t["二"]!, "2026-09-15");
  await setDue(db, t["三"]!, "2026-09-10");
  await setDue(db, t["四"]!, "2026-10-15");
  await setDue(db, t["五"]!, "2026-06-30");
  await setDue(db, t["六"]!, "2026-09-30");
  await setDue(db, t["七"]!, "2026-12-31");
  await reportAt(db, t["一"]!, { date: "2026-08-10", text: "已建成600座", targetId: p.targetId, value: 600, review: { decision: "approve", at: "2026-08-12T09:00:00Z" } });
  await reportAt(db, t["一"]!, { date: "2026-08-20", text: "全部建成，申请办结", complete: true, review: { decision: "approve", at: "2026-08-25T09:00:00Z" } });
  await reportAt(db, t["二"]!, { date: "2026-09-20", text: "千兆光网已覆盖", complete: true, review: { decision: "approve", at: "2026-09-22T09:00:00Z" } });
  await reportAt(db, t["三"]!, { date: "2026-08-15", text: "材料不全的一次报送", review: { decision: "return", at: "2026-08-16T09:00:00Z" } });
  await reportAt(db, t["三"]!, { date: "2026-09-01", text: "已完成选址", review: { decision: "approve", at: "2026-09-02T09:00:00Z" } });
  await reportAt(db, t["五"]!, { date: "2026-06-28", text: "资金已下达", complete: true, review: { decision: "approve", at: "2026-06-29T09:00:00Z" } });
  await reportAt(db, t["六"]!, { date: "2026-09-28", text: "办法已印发", complete: true, review: { decision: "approve", at: "2026-10-03T09:00:00Z" } });
  await reportAt(db, t["七"]!, { date: "2026-09-05", text: "已启动评价" });
}

/** What happened after the quarter: closures, a late-submitted report dated inside it, an extension, a transfer, a new task. */
export async function afterQuarter(db: Db, p: Plan, bodyOf: (name: string) => Promise<number>): Promise<void> {
  const t = p.task;
  await reportAt(db, t["三"]!, { date: "2026-10-05", text: "已全部完成", complete: true, review: { decision: "approve", at: "2026-10-06T09:00:00Z" } });
  await reportAt(db, t["四"]!, { date: "2026-09-29", text: "补报：九月已完成", complete: true, created: "2026-10-02T08:00:00Z", review: { decision: "approve", at: "2026-10-02T09:00:00Z" } });
  await reportAt(db, t["一"]!, { date: "2026-10-03", text: "已建成1000座", targetId: p.targetId, value: 1000, review: { decision: "approve", at: "2026-10-04T09:00:00Z" } });
  await reportAt(db, t["七"]!, { date: "2026-10-09", text: "十月进展" });
  await db.query(`update task set due_date = '2026-12-31' where id = $1`, [t["三"]!]);
  await eventAt(db, t["三"]!, "extend", "2026-10-02T10:00:00Z", { from: "2026-09-10", to: "2026-12-31" });
  const from = (await db.query<{ body_id: number }>(`select body_id from task where id = $1`, [t["四"]!])).rows[0]!.body_id;
  const to = await bodyOf("广东省通信管理局");
  await db.query(`update task set body_id = $2 where id = $1`, [t["四"]!, to]);
  await eventAt(db, t["四"]!, "change_accept", "2026-10-03T10:00:00Z", { fromBodyId: from, toBodyId: to });
  await eventAt(db, t["七"]!, "suspend", "2026-10-08T10:00:00Z");
  const m = await db.query<{ measure_id: number }>(`select measure_id from task where id = $1`, [t["七"]!]);
  await db.query(`insert into task (measure_id, body_id, role, due_date, created_at) values ($1, $2, 'supporting', '2026-09-01', '2026-10-10T10:00:00Z')`, [
    m.rows[0]!.measure_id,
    to,
  ]);
}

export interface PdfItem {
  str: string;
  /** left, baseline, in PDF points from the page's bottom left */
  x: number;
  y: number;
  width: number;
}

/** The text layer of a PDF as pdf.js reads it: per page, its text items with their place. */
export async function pdfItems(bytes: Uint8Array): Promise<Array<{ width: number; height: number; items: PdfItem[] }>> {
  const require = createRequire(import.meta.url);
  const pkg = dirname(require.resolve("pdfjs-dist/package.json"));
  const pdfjs = (await import(pathToFileURL(join(pkg, "legacy", "build", "pdf.mjs")).href)) as typeof import("pdfjs-dist");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), cMapUrl: join(pkg, "cmaps") + "/", cMapPacked: true, standardFontDataUrl: join(pkg, "standard_fonts") + "/", verbosity: 0 }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const view = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items = content.items
      .filter((it): it is Extract<typeof it, { str: string }> => "str" in it)
      .map((it) => ({ str: it.str, x: it.transform[4] as number, y: it.transform[5] as number, width: it.width }));
    pages.push({ width: view.width, height: view.height, items });
  }
  await doc.destroy();
  return pages;
}

/** All the text of a PDF, without the spaces and breaks layout puts between runs and lines. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await pdfItems(bytes)).flatMap((p) => p.items.map((i) => i.str)).join("").replace(/\s+/g, "");
}
