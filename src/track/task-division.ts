/**
 * The 任务分工表 as its page reads it: a page of a document's measures in reading order, each with the tasks the
 * reader may see. A measure may be shared by hundreds of bodies (a provincial measure handed to every county),
 * so a row holds the first TASKS_SHOWN of them (牵头 first, then the most recently reported) and the database's
 * count of all of them by status (status-sql.ts); the page never needs every task of the document at once. The
 * whole table, every task a row, is the export's (office/task-table.ts). Likewise a row names the first
 * BODIES_SHOWN bodies of each role and counts the rest: the names of two hundred counties came with each of a
 * page's rows, and no row shows them (the 调整分工 dialog reads the whole measure).
 */
import type { TaskDivisionRow } from "../model/api.js";
import { Conditions } from "../store/conditions.js";
import type { Queryable } from "../store/db.js";
import { listMeasures } from "./documents.js";
import { LIVE_TASK } from "./publication.js";
import { addScope, type Scope } from "./scope.js";
import type { TaskStatus } from "./status.js";
import { taskStatusQuery } from "./status-sql.js";
import { getTasks } from "./tasks.js";

export type { TaskDivisionRow } from "../model/api.js";

/** tasks shown in a measure's row; the rest are counted by status */
export const TASKS_SHOWN = 8;
/** bodies of each role a row names; the rest are counted */
export const BODIES_SHOWN = 8;

export interface TaskDivisionFilter {
  documentId: number;
  scope: Scope;
  limit: number;
  offset: number;
  today: string;
}

/** One page of the document's measures with their tasks, and how many measures the document has. */
export async function taskDivisionPage(db: Queryable, f: TaskDivisionFilter): Promise<{ items: TaskDivisionRow[]; total: number }> {
  const measures = await listMeasures(db, { documentId: f.documentId, publishedOnly: false, limit: f.limit, offset: f.offset }, true);
  const ids = measures.items.map((m) => m.id);
  if (!ids.length) return { items: [], total: measures.total };
  const c = new Conditions().add("t.measure_id = any(?::int[])", ids).add(LIVE_TASK);
  addScope(c, f.scope);
  const from = "from task t join measure m on m.id = t.measure_id join document d on d.id = m.document_id";
  // the tasks to show: leads first, then the one reported most recently, so that the row's latest report is among them
  const shown = await db.query<{ id: number }>(
    `select id from (
       select t.id, t.measure_id,
              row_number() over (partition by t.measure_id order by (t.role = 'lead') desc, r.last desc nulls last, t.id) as k
       ${from}
       left join lateral (select max(pr.report_date) as last from progress_report pr where pr.task_id = t.id) r on true
       ${c.where}) x
     where k <= ${TASKS_SHOWN} order by measure_id, k`,
    c.params,
  );
  const params = [...c.params, f.today];
  const counts = await db.query<{ measure_id: number; status: TaskStatus; n: number }>(
    `select measure_id, status, count(*)::int as n
     from (${taskStatusQuery(`select t.id, t.measure_id, t.body_id, t.due_date, coalesce(d.doc_date, t.created_at::date) as start ${from} ${c.where}`, `$${params.length}`)}) s
     group by measure_id, status`,
    params,
  );
  const tasks = await getTasks(db, shown.rows.map((r) => r.id), f.today);
  const offset = f.offset;
  return {
    total: measures.total,
    items: measures.items.map((measure, i) => {
      const statusCounts: Partial<Record<TaskStatus, number>> = {};
      let taskCount = 0;
      for (const r of counts.rows)
        if (r.measure_id === measure.id) {
          statusCounts[r.status] = r.n;
          taskCount += r.n;
        }
      const lead = measure.bodies.filter((b) => b.role === "lead");
      const supporting = measure.bodies.filter((b) => b.role === "supporting");
      return {
        no: offset + i + 1,
        measure: { ...measure, bodies: [...lead.slice(0, BODIES_SHOWN), ...supporting.slice(0, BODIES_SHOWN)] },
        bodyCounts: { lead: lead.length, supporting: supporting.length },
        tasks: tasks.filter((t) => t.measureId === measure.id),
        taskCount,
        statusCounts,
      };
    }),
  };
}
