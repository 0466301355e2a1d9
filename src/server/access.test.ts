import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { ADMIN_PASSWORD, fileForm, openApi, passwordOf, seedBytes, seedFiles, type Api } from "../../test/support/api.js";
import { excelWorkbook } from "../../test/support/xlsx.js";
import { ACCESS, CALLERS, renderAccessTable, withAccessTable, type Caller, type Outcome } from "./access.js";

type Json = Record<string, any>;
const body = async (r: Response): Promise<Json> => (await r.json()) as Json;

const TRACKING_MD = join(import.meta.dirname, "../../docs/tracking.md");

describe("the access table", () => {
  it("is what docs/tracking.md shows (npm run docs:access writes it)", () => {
    const doc = readFileSync(TRACKING_MD, "utf8");
    expect(withAccessTable(doc), "docs/tracking.md is out of date: run npm run docs:access").toBe(doc);
  });

  it("renders one row per route with one cell per caller", () => {
    const table = renderAccessTable({ "GET /x": { cells: { anonymous: 401, editorOwn: "allow", editorOther: 403, supervisor: 403, admin: "allow" }, note: "n" } });
    expect(table.split("\n")[2]).toBe("| `GET /x` | 401 | ✓ | 403 | 403 | ✓ | n |");
  });
});

/** A request of a route as one caller: what to put in its path and body. */
interface Call {
  id?: number | string;
  json?: unknown;
  form?: FormData;
  /** a session of its own (a logout must not end the session the other calls use) */
  ownSession?: boolean;
}

describeEngines("authorisation matrix: every route of the OpenAPI document as every caller", (engine) => {
  let api: Api;
  const tokens: Partial<Record<Caller, string>> = {};
  const users: Partial<Record<Caller, { username: string; password: string }>> = {};
  const ids: Record<string, number> & { job?: string } = {};
  let made = 0;

  beforeAll(async () => {
    api = await openApi(engine);
    const admin = await api.login("admin", ADMIN_PASSWORD);
    for (const f of seedFiles().slice(0, 2)) {
      const job = await api.upload(admin, fileForm(f, seedBytes(f), { published: "true" }));
      expect(job.state).toBe("done");
      ids.job = job.id;
    }
    // body A: the body of a task; body B: the body of another task (editorOwn reports for A, editorOther for B)
    const tasks = (await body(await api.req("/api/tasks?pageSize=200", { token: admin }))).items as Json[];
    const taskA = tasks[0]!;
    const taskB = tasks.find((t) => t.bodyId !== taskA.bodyId)!;
    Object.assign(ids, { task: taskA.id, measure: taskA.measureId, document: taskA.documentId, bodyA: taskA.bodyId, bodyB: taskB.bodyId });
    users.admin = { username: "admin", password: ADMIN_PASSWORD };
    for (const [caller, role, bodyId] of [["editorOwn", "editor", taskA.bodyId], ["editorOther", "editor", taskB.bodyId], ["supervisor", "supervisor", null]] as const) {
      const username = `matrix-${caller.toLowerCase()}`;
      const r = await api.req("/api/users", { token: admin, json: { username, password: passwordOf(username), role, bodyIds: bodyId ? [bodyId] : undefined } });
      expect(r.status).toBe(201);
      users[caller] = { username, password: passwordOf(username) };
    }
    for (const c of CALLERS) if (users[c]) tokens[c] = await api.login(users[c]!.username, users[c]!.password);
  });
  afterAll(async () => api?.close());

  // records a call may use up (a merge, a deletion, a decided suggestion), made afresh for each call
  const fresh = {
    async body(): Promise<number> {
      const r = await api.db.query<{ id: number }>(`insert into responsible_body (name) values ($1) returning id`, [`矩阵测试单位${++made}`]);
      return r.rows[0]!.id;
    },
    async task(): Promise<number> {
      const r = await api.db.query<{ id: number }>(`insert into task (measure_id, body_id, role) values ($1, $2, 'supporting') returning id`, [ids.measure!, await fresh.body()]);
      return r.rows[0]!.id;
    },
    async suggestion(): Promise<number> {
      const r = await api.db.query<{ id: number }>(
        `insert into suggested_body (measure_id, ordinal, name, lead, role, rule) values ($1, $2, $3, true, 'lead', 'test') returning id`,
        [ids.measure!, 10_000 + ++made, `矩阵建议单位${made}`],
      );
      return r.rows[0]!.id;
    },
    /** a fresh task with an event of this kind already recorded (an open change request, a suspension) */
    async event(kind: string): Promise<number> {
      const task = await fresh.task();
      await api.db.query(`insert into task_event (task_id, kind, reason, actor) values ($1, $2, '矩阵测试', 'test')`, [task, kind]);
      return task;
    },
    async attachment(): Promise<number> {
      const r = await api.db.query<{ id: number }>(
        `insert into attachment (task_id, name, media_type, byte_size, sha256, bytes) values ($1, 'a.pdf', 'application/pdf', 9, 'x', $2) returning id`,
        [ids.task!, new TextEncoder().encode("%PDF-1.4\n")],
      );
      return r.rows[0]!.id;
    },
    async report(): Promise<number> {
      const r = await api.req(`/api/tasks/${ids.task}/reports`, { token: tokens.admin!, json: { text: `矩阵测试待审进展${++made}` } });
      return ((await r.json()) as Json).id;
    },
    async notice(): Promise<number> {
      const r = await api.req("/api/notices", { token: tokens.admin!, json: { scope: { kind: "task", taskId: ids.task }, text: `矩阵测试通知${++made}` } });
      return ((await r.json()) as Json).id;
    },
    /** a document of no measures, deleted already or not */
    async document(deleted = false): Promise<number> {
      const r = await api.db.query<{ id: number }>(
        `insert into document (sha256, source_name, title, parsed, byte_size, deleted_at) values ($1, $2, $2, '{}'::jsonb, 0, $3) returning id`,
        [`matrix-${++made}`, `矩阵测试文件${made}`, deleted ? new Date().toISOString() : null],
      );
      return r.rows[0]!.id;
    },
    async target(): Promise<number> {
      const r = await api.db.query<{ id: number }>(
        `insert into target (measure_id, ordinal, text, value, unit, kind) values ($1, $2, '10个', 10, '个', 'target') returning id`,
        [ids.measure!, 10_000 + ++made],
      );
      return r.rows[0]!.id;
    },
    /** a document of one measure (1.) and no tasks, for an import to assign */
    async measureDocument(): Promise<number> {
      const doc = await fresh.document();
      await api.db.query(`insert into measure (document_id, ordinal, path, label, title) values ($1, 1, '{1}', '1.', '矩阵测试措施')`, [doc]);
      return doc;
    },
    /** a filled 任务分工表 with one row for a task of the caller's body (another body's for those without one) */
    async progressSheet(caller: Caller): Promise<FormData> {
      const body = caller === "editorOther" ? ids.bodyB! : ids.bodyA!;
      const task = (await api.db.query<{ id: number }>(`select id from task where body_id = $1 order by id limit 1`, [body])).rows[0]!.id;
      const bytes = await excelWorkbook([{ rows: [["任务编号", "最新进展"], [task, `矩阵测试导入进展${++made}`]] }]);
      return fileForm("进展.xlsx", bytes);
    },
    /** the form of a confirmation: the file again, with what its preview (as this caller) answered */
    async confirmation(caller: Caller, path: string, form: FormData, extra: Record<string, string> = {}): Promise<FormData> {
      const r = await api.req(path.replace(/confirm$/, "preview"), { token: tokens[caller] ?? tokens.admin!, form });
      const p = r.status === 200 ? ((await r.json()) as Json) : { sha256: "0".repeat(64), planHash: "0".repeat(64) };
      const again = new FormData();
      again.append("file", form.get("file") as File);
      for (const [k, v] of Object.entries({ sha256: p.sha256, planHash: p.planHash, ...extra })) again.append(k, v);
      return again;
    },
    async user(): Promise<number> {
      const username = `matrix-user-${++made}`;
      const r = await api.db.query<{ id: number }>(`insert into app_user (username, password_hash, role) values ($1, 'x', 'supervisor') returning id`, [username]);
      return r.rows[0]!.id;
    },
  };

  /** How to call a route as a caller; routes not listed get the record of their path's collection and no body. */
  const SAMPLES: Record<string, (caller: Caller) => Promise<Call>> = {
    "POST /api/auth/login": async () => ({ json: { username: users.supervisor!.username, password: users.supervisor!.password } }),
    "POST /api/auth/logout": async () => ({ ownSession: true }),
    "POST /api/auth/password": async (caller) => {
      const u = users[caller] ?? { username: "nobody", password: "Whatever-it-is-1" };
      const next = `${u.password.slice(0, 6)}-Changed-${++made}`;
      return { json: { currentPassword: u.password, newPassword: next }, ownSession: true };
    },
    "POST /api/users": async () => ({ json: { username: `matrix-new-${++made}`, password: passwordOf(`new-${made}`), role: "supervisor" } }),
    "PATCH /api/users/{id}": async () => ({ id: await fresh.user(), json: { displayName: "改名" } }),
    "POST /api/documents": async () => ({
      form: fileForm(`matrix-${++made}.txt`, new TextEncoder().encode(`关于矩阵测试的通知 ${made}\n一、加快建设\n（一）建成基站${made}个。`)),
    }),
    "PATCH /api/documents/{id}": async () => ({ id: ids.document, json: { published: true } }),
    "DELETE /api/documents/{id}": async () => ({ id: await fresh.document() }),
    "POST /api/documents/{id}/restore": async () => ({ id: await fresh.document(true) }),
    "PATCH /api/measures/{id}": async () => ({ id: ids.measure, json: { title: `矩阵测试标题${++made}` } }),
    "POST /api/measures/{id}/targets": async () => ({ id: ids.measure, json: { text: "5个", value: 5, unit: "个", kind: "other" } }),
    "PATCH /api/targets/{id}": async () => ({ id: await fresh.target(), json: { indicator: "矩阵测试指标" } }),
    "DELETE /api/targets/{id}": async () => ({ id: await fresh.target() }),
    "PATCH /api/bodies/{id}": async () => ({ id: await fresh.body(), json: { name: `矩阵测试改名${++made}` } }),
    "GET /api/jobs/{id}": async () => ({ id: ids.job }),
    "POST /api/tasks/{id}/change-request": async () => ({ id: ids.task, json: { reason: "矩阵测试调整" } }),
    "POST /api/tasks/{id}/change-decision": async () => ({ id: await fresh.event("change_request"), json: { accept: false, reason: "矩阵测试不予调整" } }),
    "POST /api/tasks/{id}/suspend": async () => ({ id: await fresh.task(), json: { reason: "矩阵测试中止" } }),
    "POST /api/tasks/{id}/resume": async () => ({ id: await fresh.event("suspend"), json: { reason: "矩阵测试恢复" } }),
    "POST /api/tasks/{id}/extend": async () => ({ id: await fresh.task(), json: { dueDate: "2030-12-31", reason: "矩阵测试延期" } }),
    "POST /api/tasks/{id}/attachments": async () => ({ id: ids.task, form: fileForm(`matrix-${++made}.pdf`, new TextEncoder().encode(`%PDF-1.4\n${made}\n%%EOF\n`)) }),
    "GET /api/attachments/{id}": async () => ({ id: await fresh.attachment() }),
    "POST /api/reports/{id}/review": async () => ({ id: await fresh.report(), json: { decision: "return", reason: "矩阵测试退回" } }),
    "POST /api/notices": async () => ({ json: { scope: { kind: "task", taskId: ids.task }, text: "矩阵测试督办" } }),
    "POST /api/notices/{id}/read": async () => ({ id: await fresh.notice() }),
    "POST /api/measures/{id}/tasks": async () => ({ id: ids.measure, json: { bodyId: await fresh.body(), role: "supporting" } }),
    "DELETE /api/tasks/{id}": async () => ({ id: await fresh.task() }),
    "POST /api/tasks/{id}/reports": async () => ({ id: ids.task, json: { text: "矩阵测试进展" } }),
    "POST /api/tasks/{id}/comments": async () => ({ id: ids.task, json: { text: "矩阵测试意见" } }),
    "POST /api/suggestions/{id}/confirm": async () => ({ id: await fresh.suggestion(), json: {} }),
    "POST /api/suggestions/{id}/dismiss": async () => ({ id: await fresh.suggestion() }),
    "POST /api/bodies/{id}/merge": async () => ({ id: await fresh.body(), json: { into: await fresh.body() } }),
    "POST /api/imports/progress/preview": async (caller) => ({ form: await fresh.progressSheet(caller) }),
    "POST /api/imports/progress/confirm": async (caller) => ({
      form: await fresh.confirmation(caller, "/api/imports/progress/confirm", await fresh.progressSheet(caller)),
    }),
    "POST /api/documents/{id}/assignments/import/preview": async () => ({ id: await fresh.measureDocument(), form: await assignmentSheet() }),
    "POST /api/documents/{id}/assignments/import/confirm": async () => {
      const doc = await fresh.measureDocument();
      // previewed as the admin: the others are refused before their file is read
      return { id: doc, form: await fresh.confirmation("admin", `/api/documents/${doc}/assignments/import/confirm`, await assignmentSheet()) };
    },
  };
  /** an office's 分工 sheet giving measure 1. to body A */
  async function assignmentSheet(): Promise<FormData> {
    const name = (await api.db.query<{ name: string }>(`select name from responsible_body where id = $1`, [ids.bodyA!])).rows[0]!.name;
    return fileForm("分工.xlsx", await excelWorkbook([{ rows: [["序号", "牵头单位"], ["1.", name]] }]));
  }
  const COLLECTION_IDS: Record<string, () => number> = { documents: () => ids.document!, measures: () => ids.measure!, tasks: () => ids.task!, bodies: () => ids.bodyA! };

  async function call(route: string, op: Json, caller: Caller): Promise<string | Outcome> {
    const [method, path] = route.split(" ") as [string, string];
    const sample = await (SAMPLES[route]?.(caller) ?? Promise.resolve({} as Call));
    let url = path;
    if (path.includes("{id}")) {
      const collection = path.split("/")[2]!;
      const id = sample.id ?? COLLECTION_IDS[collection]?.();
      if (id === undefined) return `no id for ${path}: give the route a sample in access.test.ts`;
      url = path.replace("{id}", String(id));
    }
    // required query parameters take their documented example
    const query = ((op.parameters ?? []) as Json[]).filter((p) => p.in === "query" && p.required);
    if (query.length) url += "?" + query.map((p) => `${p.name}=${encodeURIComponent(String(p.example ?? p.schema?.example ?? "1"))}`).join("&");
    let token = tokens[caller] ?? null;
    if (token && sample.ownSession) token = await api.login(users[caller]!.username, users[caller]!.password);
    const r = await api.req(url, { token, method, json: sample.json, form: sample.form });
    if (route === "POST /api/auth/password" && r.status === 200) {
      // the caller's other sessions ended with the change: the one that asked is the caller's session now
      users[caller]!.password = (sample.json as Json).newPassword;
      tokens[caller] = token!;
    }
    if (r.status === 401 || r.status === 403 || r.status === 404) return r.status;
    if (r.status >= 200 && r.status < 300) return "allow";
    return `${r.status} ${(await r.text()).slice(0, 160)}`;
  }

  it("answers as the table says: 0 cells differ, and no route lacks a row", async () => {
    const doc = await body(await api.req("/openapi.json"));
    const routes = new Map<string, Json>();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
      for (const [method, op] of Object.entries(ops)) routes.set(`${method.toUpperCase()} ${path}`, op);
    }
    const missing = [...routes.keys()].filter((k) => !ACCESS[k]);
    expect(missing, "routes without a row in src/server/access.ts").toEqual([]);
    expect(Object.keys(ACCESS).filter((k) => !routes.has(k)), "rows of src/server/access.ts without a route").toEqual([]);

    const differ: string[] = [];
    let cells = 0;
    for (const [route, op] of routes) {
      for (const caller of CALLERS) {
        const got = await call(route, op, caller);
        const want = ACCESS[route]!.cells[caller];
        cells++;
        if (got !== want) differ.push(`${route} as ${caller}: expected ${want}, got ${got}`);
      }
    }
    expect(differ).toEqual([]);
    expect(cells).toBe(routes.size * CALLERS.length);
  });
});
