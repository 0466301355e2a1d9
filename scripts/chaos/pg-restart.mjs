// PostgreSQL restarted twice (`pg_ctl restart -m fast`, then `-m immediate`: a crash) under 8 concurrent writers
// posting progress reports through the API: the server keeps running (server deaths 0) and every report it
// acknowledged (2xx) is in the database afterwards (acknowledged writes lost 0). Answers while the database is
// away are 503 (or no answer while the socket closes); any other failure is counted.
import { ADMIN_PASSWORD, call, login, sleep } from "./luoshi.mjs";

const WRITERS = 8;

export async function pgRestart({ cluster, server, db, seconds, runId }) {
  const token = await login(server.base, "admin", ADMIN_PASSWORD);
  const tasks = await call(server.base, "GET", "/api/tasks?pageSize=50", { token });
  const taskIds = (tasks.body.items ?? []).map((t) => t.id);
  if (!taskIds.length) throw new Error(`no tasks to report on: ${tasks.status} ${JSON.stringify(tasks.body).slice(0, 200)}`);

  const acked = new Set();
  const statuses = {};
  let stop = false;
  let n = 0;
  const writer = async (w) => {
    while (!stop) {
      const text = `chaos ${runId} writer ${w} report ${n++}`;
      const r = await call(server.base, "POST", `/api/tasks/${taskIds[n % taskIds.length]}/reports`, {
        token,
        json: { text },
        timeoutMs: 30_000,
      });
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status >= 200 && r.status < 300) acked.add(text);
      else await sleep(50);
    }
  };
  const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
  const restarts = [];
  for (const mode of ["fast", "immediate"]) {
    await sleep((seconds * 1000) / 3);
    const t = Date.now();
    await cluster.restart(mode);
    restarts.push(`${mode} ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  await sleep((seconds * 1000) / 3);
  stop = true;
  await Promise.all(writers);

  const deaths = server.alive() ? 0 : 1;
  const health = await call(server.base, "GET", "/health");
  const rows = await cluster.sql(db, "select text from progress_report where text like $1", [`chaos ${runId} %`]);
  const stored = new Set(rows.map((r) => r.text));
  let lost = 0;
  for (const t of acked) if (!stored.has(t)) lost++;
  const refused = Object.entries(statuses).filter(([s]) => s === "503" || s === "0").reduce((a, [, k]) => a + k, 0);
  const other = Object.entries(statuses).filter(([s]) => !(s === "503" || s === "0" || /^2/.test(s))).reduce((a, [, k]) => a + k, 0);
  const unacknowledgedStored = stored.size - (acked.size - lost);
  return {
    violated: deaths > 0 || lost > 0 || other > 0 || health.status !== 200,
    line:
      `postgres restart ×2 (${restarts.join(", ")}) under ${WRITERS} writers: server deaths ${deaths}, acknowledged writes lost ${lost} ` +
      `(${acked.size} acknowledged, ${refused} answered 503 or not at all, ${other} other errors${other ? ` ${JSON.stringify(statuses)}` : ""}; ` +
      `${unacknowledgedStored} stored unacknowledged)`,
  };
}
