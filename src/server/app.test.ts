import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { ADMIN_PASSWORD, fileForm, openApi, passwordOf, seedBytes, seedFiles, TODAY, type Api } from "../../test/support/api.js";

type Json = Record<string, any>;
const body = async (r: Response): Promise<Json> => (await r.json()) as Json;

describeEngines("HTTP API", (engine) => {
  let api: Api;
  let admin: string;
  let supervisor: string;
  let editor: string; // 广东省通信管理局
  let otherEditor: string; // 江门市工业和信息化局
  let docIds: number[] = [];
  let commsBody: number;
  let jmBody: number;
  let commsTask: Json; // a task of 广东省通信管理局 with a target
  let otherTask: Json; // a task of another body

  const expectError = async (r: Response, status: number, error: string) => {
    expect(r.status).toBe(status);
    const b = await body(r);
    expect(b.error).toBe(error);
    expect(typeof b.message).toBe("string");
    expect(JSON.stringify(b)).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
    return b;
  };

  beforeAll(async () => {
    api = await openApi(engine, { maxUploadBytes: 512 * 1024 });
    admin = await api.login("admin", ADMIN_PASSWORD);
    for (const f of seedFiles()) {
      const job = await api.upload(admin, fileForm(f, seedBytes(f), { published: "true" }));
      expect(job).toMatchObject({ state: "done", result: { status: "stored" } });
      docIds.push(job.result!.documentId);
    }
    const bodies = await body(await api.req("/api/bodies?q=通信管理局", { token: admin }));
    commsBody = bodies.items.find((b: Json) => b.name === "广东省通信管理局").id;
    const jm = await body(await api.req("/api/bodies?q=江门市工业和信息化局", { token: admin }));
    jmBody = jm.items[0].id;
    const mk = async (username: string, role: string, bodyIds?: number[]) => {
      const r = await api.req("/api/users", { token: admin, json: { username, password: passwordOf(username), role, bodyIds } });
      expect(r.status).toBe(201);
      return api.login(username, passwordOf(username));
    };
    supervisor = await mk("supervisor", "supervisor");
    editor = await mk("comms", "editor", [commsBody]);
    otherEditor = await mk("jiangmen", "editor", [jmBody]);
    const mine = await body(await api.req(`/api/tasks?body=${commsBody}&pageSize=200`, { token: admin }));
    commsTask = mine.items.find((t: Json) => t.targets.length > 0);
    const others = await body(await api.req(`/api/tasks?body=${jmBody}`, { token: admin }));
    otherTask = others.items[0];
    expect(commsTask).toBeTruthy();
    expect(otherTask).toBeTruthy();
  });
  afterAll(async () => api?.close());

  // ---- OpenAPI, errors -------------------------------------------------------------------------------------
  it("serves an OpenAPI document naming every route", async () => {
    const r = await api.req("/openapi.json");
    expect(r.status).toBe(200);
    const doc = await body(r);
    for (const p of ["/api/documents", "/api/jobs/{id}", "/api/jobs", "/api/tasks", "/api/tasks/{id}/reports", "/api/search", "/api/dashboard", "/api/audit", "/api/users", "/api/bodies/{id}/merge", "/api/suggestions/{id}/confirm", "/api/suggestions/{id}/dismiss"]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(doc.components.schemas.Task).toBeTruthy();
    expect(doc.components.schemas.Suggestion).toBeTruthy();
    expect(doc.paths["/api/documents"].post.responses["202"]).toBeTruthy();
    expect(doc.components.schemas.IngestJob.properties.message).toBeTruthy();
  });

  it("answers unknown routes and bad input as JSON errors", async () => {
    await expectError(await api.req("/api/nothing-here"), 404, "not_found");
    await expectError(await api.req("/api/documents/abc"), 400, "validation");
    await expectError(await api.req("/api/documents/999999"), 404, "not_found");
    const r = await api.app.request("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    await expectError(r, 400, "validation");
  });

  // ---- auth ------------------------------------------------------------------------------------------------
  it("logs in, tells who is logged in, and logs out", async () => {
    await expectError(await api.req("/api/auth/login", { json: { username: "admin", password: "wrong-password" } }), 401, "unauthorized");
    const token = await api.login("supervisor", passwordOf("supervisor"));
    const me = await body(await api.req("/api/auth/me", { token }));
    expect(me).toMatchObject({ username: "supervisor", role: "supervisor" });
    expect((await api.req("/api/auth/logout", { token, method: "POST" })).status).toBe(200);
    await expectError(await api.req("/api/auth/me", { token }), 401, "unauthorized");
    await expectError(await api.req("/api/auth/me"), 401, "unauthorized");
  });

  it("refuses an expired session", async () => {
    const token = await api.login("supervisor", passwordOf("supervisor"));
    await api.db.query(`update user_session set expires_at = now() - interval '1 minute' where user_id = (select id from app_user where username = 'supervisor')`);
    await expectError(await api.req("/api/tasks", { token }), 401, "unauthorized");
    supervisor = await api.login("supervisor", passwordOf("supervisor"));
  });

  it("rate-limits failed logins per user", async () => {
    await api.req("/api/users", { token: admin, json: { username: "target", password: passwordOf("target"), role: "supervisor" } });
    for (let i = 0; i < 5; i++) {
      await expectError(await api.req("/api/auth/login", { json: { username: "target", password: `wrong-${i}-xxxx` } }), 401, "unauthorized");
    }
    const r = await api.req("/api/auth/login", { json: { username: "target", password: passwordOf("target") } });
    await expectError(r, 429, "rate_limited");
    expect(r.headers.get("retry-after")).toBeTruthy();
  });

  // ---- upload ----------------------------------------------------------------------------------------------
  it("stored the seeds with their tasks; the same bytes again store nothing new", async () => {
    const docs = await body(await api.req("/api/documents", { token: admin }));
    expect(docs.total).toBe(5);
    expect(docs.items.reduce((n: number, d: Json) => n + d.tasks, 0)).toBeGreaterThan(100);
    const f = seedFiles()[0]!;
    const again = await api.upload(admin, fileForm(`copy-${f}`, seedBytes(f)));
    expect(again).toMatchObject({ state: "done", progress: "此前已入库（同一文件）", result: { status: "unchanged", documentId: docIds[0] } });
    expect((await body(await api.req("/api/documents", { token: admin }))).total).toBe(5);
  });

  it("keeps the original bytes", async () => {
    const r = await api.req(`/api/documents/${docIds[0]}/original`);
    expect(r.status).toBe(200);
    expect(Buffer.from(await r.arrayBuffer()).equals(Buffer.from(seedBytes(seedFiles()[0]!)))).toBe(true);
    expect(r.headers.get("content-disposition")).toMatch(/^attachment/);
  });

  it("refuses uploads by type, size, content and role", async () => {
    const txt = new TextEncoder().encode("一、总体要求\n1. 加快建设。");
    await expectError(await api.req("/api/documents", { form: fileForm("a.txt", txt) }), 401, "unauthorized");
    await expectError(await api.req("/api/documents", { token: supervisor, form: fileForm("a.txt", txt) }), 403, "forbidden");
    await expectError(await api.req("/api/documents", { token: editor, form: fileForm("a.txt", txt) }), 403, "forbidden");
    await expectError(await api.req("/api/documents", { token: admin, form: fileForm("a.exe", txt) }), 415, "unsupported_type");
    await expectError(await api.req("/api/documents", { token: admin, json: { file: "x" } }), 415, "unsupported_type");
    const big = new Uint8Array(600 * 1024).fill(0x41);
    const tooBig = await api.req("/api/documents", { token: admin, form: fileForm("big.txt", big) });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ error: "too_large", message: "文件过大（上限 512.0 KB）" });
    const notDocx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode("a truncated zip, not a docx")]);
    const broken = await api.upload(admin, fileForm("broken.docx", notDocx));
    expect(broken).toMatchObject({ state: "failed", error: "unparseable_document", result: null });
    expect(broken.message).toBe("无法解析：文件已损坏或不完整（ZIP 压缩包：找不到 ZIP 中央目录，文件可能被截断）");
    const noFile = new FormData();
    noFile.append("other", "x");
    await expectError(await api.req("/api/documents", { token: admin, form: noFile }), 400, "validation");
    expect((await body(await api.req("/api/documents", { token: admin }))).total).toBe(5);
  });

  it("keeps an upload private until it is published", async () => {
    const txt = new TextEncoder().encode("关于内部工作的通知\n\n一、总体要求\n1. 加快建设内部网络。（省工业和信息化厅）\n");
    const job = await api.upload(admin, fileForm("internal.txt", txt));
    expect(job).toMatchObject({ state: "done", result: { status: "stored" } });
    const id = job.result!.documentId;
    await expectError(await api.req(`/api/documents/${id}`), 404, "not_found");
    expect((await api.req(`/api/documents/${id}`, { token: supervisor })).status).toBe(200);
    const pub = await body(await api.req("/api/documents"));
    expect(pub.items.map((d: Json) => d.id)).not.toContain(id);
    const patch = await api.req(`/api/documents/${id}`, { token: admin, method: "PATCH", json: { published: true } });
    expect(patch.status).toBe(200);
    expect((await api.req(`/api/documents/${id}`)).status).toBe(200);
    await expectError(await api.req(`/api/documents/${id}`, { token: editor, method: "PATCH", json: { published: false } }), 403, "forbidden");
  });

  // ---- documents, measures ---------------------------------------------------------------------------------
  it("lists documents by 文号 and year, and gets one with its parse", async () => {
    const byNumber = await body(await api.req(`/api/documents?docNumber=${encodeURIComponent("粤工信信软[2020]37号")}`));
    expect(byNumber.items.map((d: Json) => d.id)).toEqual([docIds[0]]);
    const y2020 = await body(await api.req("/api/documents?year=2020"));
    expect(y2020.items.every((d: Json) => d.date.startsWith("2020"))).toBe(true);
    const one = await body(await api.req(`/api/documents/${docIds[0]}`));
    expect(one.parsed.outline.length).toBe(one.measures);
  });

  it("sends a document's normalised text, which the parse's spans point into", async () => {
    const one = await body(await api.req(`/api/documents/${docIds[0]}`));
    expect(typeof one.text).toBe("string");
    expect(one.parsed.text).toBeUndefined(); // stored once, beside the parse
    const title = one.parsed.document.spans?.title;
    if (title) expect(one.text.slice(title.start, title.end).replace(/\s+/g, "")).toBe(one.title.replace(/\s+/g, ""));
    const node = one.parsed.outline.find((n: Json) => n.span);
    expect(one.text.slice(node.span.start, node.span.end)).toContain(node.title.slice(0, 4));
    for (const b of one.parsed.outline.flatMap((n: Json) => n.bodies ?? []).slice(0, 20)) {
      expect(one.text.slice(b.span.start, b.span.end).length).toBeGreaterThan(0);
    }
  });

  it("lists measures; bodies and tasks only for logged-in users", async () => {
    const pub = await body(await api.req(`/api/measures?document=${docIds[0]}&pageSize=100`));
    expect(pub.total).toBe(pub.items.length);
    expect(pub.items.every((m: Json) => m.bodies.length === 0)).toBe(true);
    const staff = await body(await api.req(`/api/measures?document=${docIds[0]}&pageSize=100`, { token: supervisor }));
    expect(staff.items.some((m: Json) => m.bodies.length > 0)).toBe(true);
    const m5g = staff.items.find((m: Json) => m.title === "提速5G网络建设");
    expect(m5g.quantities.find((q: Json) => q.kind === "target").value).toBe(48000);
    const one = await body(await api.req(`/api/measures/${m5g.id}`, { token: supervisor }));
    expect(one.title).toBe("提速5G网络建设");
    await expectError(await api.req("/api/measures/99999999"), 404, "not_found");
    const targets = await body(await api.req(`/api/measures?kind=target&pageSize=200`));
    expect(targets.items.every((m: Json) => m.quantities.some((q: Json) => q.kind === "target"))).toBe(true);
  });

  it("names each measure's responsible bodies to the public, and nothing of their tasks or reports", async () => {
    const pub = await body(await api.req(`/api/measures?document=${docIds[0]}&pageSize=100`));
    const staff = await body(await api.req(`/api/measures?document=${docIds[0]}&pageSize=100`, { token: supervisor }));
    const named = pub.items.filter((m: Json) => m.responsible.length > 0);
    expect(named.length).toBeGreaterThan(0);
    for (const [i, m] of (pub.items as Json[]).entries()) {
      const s = staff.items[i];
      expect(m.responsible).toEqual(s.responsible);
      expect(new Set(m.responsible.map((r: Json) => r.name))).toEqual(new Set(s.bodies.map((b: Json) => b.bodyName)));
      const roles = m.responsible.map((r: Json) => r.role);
      expect(roles).toEqual([...roles].sort((a: string, b: string) => (a === b ? 0 : a === "lead" ? -1 : 1)));
      expect(m.bodies).toEqual([]);
    }
    const one = await body(await api.req(`/api/measures/${named[0].id}`));
    expect(one.responsible).toEqual(named[0].responsible);
    // nothing that leads to a task: no task ids, body ids, reports or statuses
    const text = JSON.stringify([pub, one]);
    expect(text).not.toMatch(/"(taskId|bodyId|status|statusReason|reports|progressReports|latestValue)"/);
  });

  // ---- tasks -----------------------------------------------------------------------------------------------
  it("keeps tasks from the public", async () => {
    await expectError(await api.req("/api/tasks"), 401, "unauthorized");
    await expectError(await api.req(`/api/tasks/${commsTask.id}`), 401, "unauthorized");
    await expectError(await api.req("/api/dashboard"), 401, "unauthorized");
  });

  it("lists tasks filtered by body, document and due date, paginated", async () => {
    const byBody = await body(await api.req(`/api/tasks?body=${commsBody}&pageSize=200`, { token: supervisor }));
    expect(byBody.total).toBeGreaterThan(5);
    expect(byBody.items.every((t: Json) => t.bodyId === commsBody && t.bodyName === "广东省通信管理局")).toBe(true);
    const byDoc = await body(await api.req(`/api/tasks?document=${docIds[1]}&pageSize=5`, { token: supervisor }));
    expect(byDoc.items.every((t: Json) => t.documentId === docIds[1])).toBe(true);
    const due = await body(await api.req(`/api/tasks?dueBefore=2020-10-01&pageSize=200`, { token: supervisor }));
    expect(due.items.length).toBeGreaterThan(0);
    expect(due.items.every((t: Json) => t.dueDate < "2020-10-01")).toBe(true);
    const p1 = await body(await api.req(`/api/tasks?pageSize=3&page=1`, { token: supervisor }));
    const p2 = await body(await api.req(`/api/tasks?pageSize=3&page=2`, { token: supervisor }));
    expect(p1.items).toHaveLength(3);
    expect(p2.total).toBe(p1.total);
    expect(p1.items.map((t: Json) => t.id)).not.toContain(p2.items[0].id);
    await expectError(await api.req(`/api/tasks?status=finished`, { token: supervisor }), 400, "validation");
    await expectError(await api.req(`/api/tasks?pageSize=1000`, { token: supervisor }), 400, "validation");
  });

  it("derives status when read and filters by it", async () => {
    // the seeds of 2017 and 2018-2020 are past due on the test's clock (2020-06-15)
    const overdue = await body(await api.req(`/api/tasks?status=overdue&pageSize=200`, { token: supervisor }));
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.items.every((t: Json) => t.status === "overdue" && t.dueDate < TODAY)).toBe(true);
    const notStarted = await body(await api.req(`/api/tasks?status=not_started&pageSize=5`, { token: supervisor }));
    expect(notStarted.items.every((t: Json) => t.status === "not_started" && t.reports === 0)).toBe(true);
    // the status filters partition the tasks: their totals add up to all of them
    const all = await body(await api.req(`/api/tasks?pageSize=1`, { token: supervisor }));
    let sum = 0;
    for (const s of ["not_started", "in_progress", "done", "at_risk", "overdue"]) {
      const r = await body(await api.req(`/api/tasks?status=${s}&pageSize=1`, { token: supervisor }));
      expect(r.totalIsLowerBound, JSON.stringify(r).slice(0, 300)).toBe(false);
      sum += r.total;
    }
    expect(sum).toBe(all.total);
  });

  // ---- reports ---------------------------------------------------------------------------------------------
  it("lets an editor report on the tasks of their body, and on no other", async () => {
    const target = commsTask.targets[0];
    const r = await api.req(`/api/tasks/${commsTask.id}/reports`, {
      token: editor,
      json: { reportDate: "2020-06-01", text: "已建成基站", targetId: target.id, value: target.value / 10, evidence: ["https://example.org/report.pdf"] },
    });
    expect(r.status).toBe(201);
    const rep = await body(r);
    expect(rep).toMatchObject({ taskId: commsTask.id, value: target.value / 10, reporter: "comms" });
    // another body's task does not exist for this editor (the deployment is scoped by default)
    await expectError(await api.req(`/api/tasks/${otherTask.id}/reports`, { token: editor, json: { text: "不是我的任务" } }), 404, "not_found");
    expect((await api.req(`/api/tasks/${otherTask.id}/reports`, { token: otherEditor, json: { text: "江门进展" } })).status).toBe(201);
    await expectError(await api.req(`/api/tasks/${commsTask.id}/reports`, { token: supervisor, json: { text: "督查员不填报" } }), 403, "forbidden");
    await expectError(await api.req(`/api/tasks/${commsTask.id}/reports`, { json: { text: "匿名" } }), 401, "unauthorized");
    await expectError(await api.req(`/api/tasks/99999999/reports`, { token: admin, json: { text: "无此任务" } }), 404, "not_found");
  });

  it("validates reports", async () => {
    const url = `/api/tasks/${commsTask.id}/reports`;
    await expectError(await api.req(url, { token: editor, json: { text: "" } }), 400, "validation");
    await expectError(await api.req(url, { token: editor, json: { text: "x", reportDate: "June 1st" } }), 400, "validation");
    await expectError(await api.req(url, { token: editor, json: { text: "x", value: 5 } }), 400, "validation");
    await expectError(await api.req(url, { token: editor, json: { text: "x", evidence: ["javascript:alert(1)"] } }), 400, "validation");
    await expectError(await api.req(url, { token: editor, json: { text: "x", targetId: 99999999, value: 1 } }), 400, "validation");
  });

  it("counts a target's latest approved value only; a correction is a new report and counts once approved", async () => {
    const approveAll = async () => {
      const t = await body(await api.req(`/api/tasks/${commsTask.id}`, { token: supervisor }));
      for (const r of t.progressReports.filter((r: Json) => !r.review)) {
        expect((await api.req(`/api/reports/${r.id}/review`, { token: supervisor, json: { decision: "approve" } })).status).toBe(201);
      }
    };
    await approveAll();
    const t = await body(await api.req(`/api/tasks/${commsTask.id}`, { token: editor }));
    for (const [i, tg] of t.targets.entries()) {
      const r = await api.req(`/api/tasks/${commsTask.id}/reports`, { token: editor, json: { reportDate: "2020-06-10", text: `完成第${i + 1}项`, targetId: tg.id, value: tg.value } });
      expect(r.status).toBe(201);
    }
    // not yet reviewed: the values do not count
    const pending = await body(await api.req(`/api/tasks/${commsTask.id}`, { token: editor }));
    expect(pending.targets[0].latestValue).toBe(t.targets[0].latestValue);
    expect(pending.progressReports.at(-1).review).toBeNull();
    await approveAll();
    const reached = await body(await api.req(`/api/tasks/${commsTask.id}`, { token: editor }));
    expect(reached.targets.every((g: Json) => g.latestValue >= g.value)).toBe(true);
    // every target reached is no closure (销号 is): the task, past its due date, is still overdue
    expect(reached.dueDate < TODAY).toBe(true);
    expect(reached.status).toBe("overdue");
    const first = t.targets[0];
    await api.req(`/api/tasks/${commsTask.id}/reports`, { token: editor, json: { reportDate: "2020-06-12", text: "更正：统计有误", targetId: first.id, value: first.value / 2 } });
    await approveAll();
    const after = await body(await api.req(`/api/tasks/${commsTask.id}`, { token: editor }));
    expect(after.statusReasonCode).not.toBe("targets_reached");
    expect(after.targets[0].latestValue).toBe(first.value / 2);
    expect(after.progressReports.length).toBe(t.progressReports.length + t.targets.length + 1);
  });

  it("stores two concurrent reports on one task, losing neither", async () => {
    const before = (await body(await api.req(`/api/tasks/${otherTask.id}/reports`, { token: admin }))).items.length;
    const [a, b] = await Promise.all([
      api.req(`/api/tasks/${otherTask.id}/reports`, { token: otherEditor, json: { text: "同时提交一" } }),
      api.req(`/api/tasks/${otherTask.id}/reports`, { token: admin, json: { text: "同时提交二" } }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const items = (await body(await api.req(`/api/tasks/${otherTask.id}/reports`, { token: admin }))).items;
    expect(items.length).toBe(before + 2);
    expect(items.map((x: Json) => x.text)).toEqual(expect.arrayContaining(["同时提交一", "同时提交二"]));
  });

  it("lets supervisors comment, and no one else but admins", async () => {
    const r = await api.req(`/api/tasks/${commsTask.id}/comments`, { token: supervisor, json: { text: "请加快进度" } });
    expect(r.status).toBe(201);
    await expectError(await api.req(`/api/tasks/${commsTask.id}/comments`, { token: editor, json: { text: "x" } }), 403, "forbidden");
    const list = await body(await api.req(`/api/tasks/${commsTask.id}/comments`, { token: editor }));
    expect(list.items.map((c: Json) => c.text)).toContain("请加快进度");
  });

  // ---- assignment, bodies ----------------------------------------------------------------------------------
  it("assigns a body to a measure (admin), auditing it", async () => {
    const r = await api.req(`/api/measures/${commsTask.measureId}/tasks`, { token: admin, json: { bodyId: jmBody, role: "supporting" } });
    expect(r.status).toBe(201);
    const { id } = await body(r);
    const again = await api.req(`/api/measures/${commsTask.measureId}/tasks`, { token: admin, json: { bodyId: jmBody, role: "lead", dueDate: "2020-12-01" } });
    expect(again.status).toBe(200);
    const t = await body(await api.req(`/api/tasks/${id}`, { token: admin }));
    expect(t).toMatchObject({ role: "lead", dueDate: "2020-12-01", bodyId: jmBody });
    await expectError(await api.req(`/api/measures/${commsTask.measureId}/tasks`, { token: supervisor, json: { bodyId: jmBody, role: "lead" } }), 403, "forbidden");
    await expectError(await api.req(`/api/measures/${commsTask.measureId}/tasks`, { token: admin, json: { bodyId: 99999999, role: "lead" } }), 404, "not_found");
    const log = await body(await api.req(`/api/audit?entity=task&entityId=${id}`, { token: admin }));
    expect(log.items.map((e: Json) => e.action)).toEqual(["task.update", "task.assign"]);
    expect(log.items[0].before).toMatchObject({ role: "supporting" });
  });

  it("removes a body from a measure (admin), keeping the record in the document's history", async () => {
    const measure = commsTask.measureId;
    // a body not yet on this measure, assigned and then removed
    const on = new Set((await body(await api.req(`/api/measures/${measure}`, { token: admin }))).bodies.map((b: Json) => b.bodyId));
    const spare = (await body(await api.req(`/api/bodies?pageSize=50`, { token: admin }))).items.find((b: Json) => !on.has(b.id) && !b.mergedInto);
    const r = await api.req(`/api/measures/${measure}/tasks`, { token: admin, json: { bodyId: spare.id, role: "supporting" } });
    expect(r.status).toBe(201);
    const { id } = await body(r);
    await expectError(await api.req(`/api/tasks/${id}`, { method: "DELETE" }), 401, "unauthorized");
    await expectError(await api.req(`/api/tasks/${id}`, { token: supervisor, method: "DELETE" }), 403, "forbidden");
    await expectError(await api.req(`/api/tasks/${id}`, { token: editor, method: "DELETE" }), 403, "forbidden");
    await expectError(await api.req(`/api/tasks/99999999`, { token: admin, method: "DELETE" }), 404, "not_found");
    await expectError(await api.req(`/api/tasks/abc`, { token: admin, method: "DELETE" }), 400, "validation");
    // a task with reports is the record of the work: not removed
    const refused = await expectError(await api.req(`/api/tasks/${commsTask.id}`, { token: admin, method: "DELETE" }), 409, "conflict");
    expect(refused.details.reports).toBeGreaterThan(0);
    const del = await api.req(`/api/tasks/${id}`, { token: admin, method: "DELETE" });
    expect(del.status).toBe(200);
    expect(await body(del)).toEqual({ id, deleted: true });
    await expectError(await api.req(`/api/tasks/${id}`, { token: admin }), 404, "not_found");
    await expectError(await api.req(`/api/tasks/${id}`, { token: admin, method: "DELETE" }), 404, "not_found");
    const m = await body(await api.req(`/api/measures/${measure}`, { token: admin }));
    expect(m.bodies.map((b: Json) => b.bodyId)).not.toContain(spare.id);
    const log = await body(await api.req(`/api/audit?entity=task&entityId=${id}`, { token: admin }));
    expect(log.items.map((e: Json) => e.action)).toEqual(["task.delete", "task.assign"]);
    expect(log.items[0].before).toMatchObject({ measureId: measure, bodyId: spare.id, bodyName: spare.name, role: "supporting", documentId: commsTask.documentId });
    expect(log.items[0].after).toMatchObject({ deleted: true });
  });

  it("lists a document's history: its tasks' entries, removed tasks included, and no other document's", async () => {
    const doc = commsTask.documentId;
    const h = await body(await api.req(`/api/audit?document=${doc}&pageSize=200`, { token: supervisor }));
    const actions = h.items.map((e: Json) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["task.delete", "task.assign", "task.update", "report.create", "comment.create", "document.ingest"]));
    const docTasks = new Set((await body(await api.req(`/api/tasks?document=${doc}&pageSize=200`, { token: supervisor }))).items.map((t: Json) => String(t.id)));
    for (const e of h.items as Json[]) {
      if (e.entity === "document") expect(e.entityId).toBe(String(doc));
      else expect(docTasks.has(e.entityId) || e.before?.documentId === doc || e.after?.documentId === doc).toBe(true);
    }
    const other = docIds.find((d) => d !== doc)!;
    const o = await body(await api.req(`/api/audit?document=${other}&pageSize=200`, { token: supervisor }));
    expect(o.items.map((e: Json) => e.id)).not.toEqual(expect.arrayContaining([h.items[0].id]));
    expect(o.items.some((e: Json) => e.action === "document.ingest")).toBe(true);
    await expectError(await api.req(`/api/audit?document=${doc}`, { token: editor }), 403, "forbidden");
    await expectError(await api.req(`/api/audit?document=x`, { token: admin }), 400, "validation");
  });

  it("merges two bodies (admin) and refuses what makes no sense", async () => {
    const list = await body(await api.req(`/api/bodies?q=${encodeURIComponent("经济和信息化委")}`, { token: admin }));
    const names = list.items.map((b: Json) => b.name);
    const a = list.items.find((b: Json) => b.name === "广东省经济和信息化委");
    const b2 = (await body(await api.req(`/api/bodies?q=${encodeURIComponent("经济信息化委")}`, { token: admin }))).items.find(
      (b: Json) => b.name === "广东省经济信息化委",
    );
    expect(names).toContain("广东省经济和信息化委");
    expect(b2).toBeTruthy();
    await expectError(await api.req(`/api/bodies/${b2.id}/merge`, { token: supervisor, json: { into: a.id } }), 403, "forbidden");
    await expectError(await api.req(`/api/bodies/${a.id}/merge`, { token: admin, json: { into: a.id } }), 409, "conflict");
    await expectError(await api.req(`/api/bodies/99999999/merge`, { token: admin, json: { into: a.id } }), 404, "not_found");
    const r = await api.req(`/api/bodies/${b2.id}/merge`, { token: admin, json: { into: a.id } });
    expect(r.status).toBe(200);
    const merged = await body(r);
    expect(merged.tasks).toBe(a.tasks + b2.tasks);
    expect(merged.aliases).toEqual(expect.arrayContaining(["省经济信息化委"]));
    await expectError(await api.req(`/api/bodies/${b2.id}/merge`, { token: admin, json: { into: a.id } }), 409, "conflict");
  });

  // ---- users -----------------------------------------------------------------------------------------------
  it("manages users (admin only), auditing each change", async () => {
    await expectError(await api.req("/api/users", { token: supervisor }), 403, "forbidden");
    await expectError(await api.req("/api/users", { token: admin, json: { username: "comms", password: passwordOf("another"), role: "editor" } }), 409, "conflict");
    await expectError(await api.req("/api/users", { token: admin, json: { username: "short", password: "short", role: "editor" } }), 400, "validation");
    await expectError(await api.req("/api/users", { token: admin, json: { username: "nobody", password: passwordOf("nobody"), role: "editor", bodyIds: [99999999] } }), 400, "validation");
    const r = await api.req("/api/users", { token: admin, json: { username: "temp", password: passwordOf("temp"), role: "editor", bodyIds: [jmBody] } });
    const u = await body(r);
    const token = await api.login("temp", passwordOf("temp"));
    expect((await api.req(`/api/tasks/${otherTask.id}/reports`, { token, json: { text: "临时" } })).status).toBe(201);
    const off = await api.req(`/api/users/${u.id}`, { token: admin, method: "PATCH", json: { disabled: true } });
    expect((await body(off)).disabled).toBe(true);
    await expectError(await api.req("/api/auth/me", { token }), 401, "unauthorized");
    const log = await body(await api.req(`/api/audit?entity=user&entityId=${u.id}`, { token: admin }));
    // the user's own login is part of their history
    expect(log.items.map((e: Json) => e.action)).toEqual(["user.update", "auth.login", "user.create"]);
    expect(log.items[0].before.disabled).toBe(false);
    expect(log.items[0].after.disabled).toBe(true);
    expect(JSON.stringify(log.items)).not.toMatch(/argon2|password_hash/);
    const me = await body(await api.req("/api/auth/me", { token: admin }));
    await expectError(await api.req(`/api/users/${me.id}`, { token: admin, method: "PATCH", json: { role: "supervisor" } }), 409, "conflict");
  });

  // ---- audit, dashboard ------------------------------------------------------------------------------------
  it("keeps an audit log of ingests and reports, for admins and supervisors", async () => {
    const log = await body(await api.req(`/api/audit?action=document.ingest&pageSize=200`, { token: supervisor }));
    expect(log.total).toBeGreaterThanOrEqual(5);
    expect(log.items.every((e: Json) => e.actor === "admin")).toBe(true);
    const reports = await body(await api.req(`/api/audit?action=report.create&entity=task&entityId=${commsTask.id}`, { token: admin }));
    expect(reports.items[0].after.reporter).toBe("comms");
    await expectError(await api.req("/api/audit", { token: editor }), 403, "forbidden");
    await expectError(await api.req("/api/audit"), 401, "unauthorized");
  });

  it("aggregates the dashboard: status counts add up, targets show their latest value", async () => {
    const d = await body(await api.req("/api/dashboard", { token: editor }));
    const all = await body(await api.req("/api/tasks?pageSize=1", { token: editor }));
    expect(Object.values(d.byStatus).reduce((a: number, b) => a + (b as number), 0)).toBe(all.total);
    expect(d.tasks).toBe(all.total);
    // an editor's dashboard is its own body's
    expect(d.byBody.map((b: Json) => b.bodyId)).toEqual([commsBody]);
    const comms = d.byBody.find((b: Json) => b.bodyId === commsBody);
    const statuses = ["not_started", "in_progress", "pending_review", "returned", "done", "done_late", "at_risk", "overdue", "suspended"];
    expect(comms.total).toBe(statuses.reduce((n, s) => n + comms[s], 0));
    expect(comms.dueSoFar).toBeGreaterThan(0);
    expect(comms.onTimeRate).toBeCloseTo(comms.closedOnTime / comms.dueSoFar);
    expect(d.bodyTotal).toBeGreaterThanOrEqual(d.byBody.length);
    const reported = d.targets.find((t: Json) => t.targetId === commsTask.targets[0].id);
    expect(reported.latestValue).toBe(commsTask.targets[0].value / 2);
    expect(reported.share).toBeCloseTo(0.5);
  });

  it("sends the dashboard's lists in the same answer, as /api/tasks would page them", async () => {
    const d = await body(await api.req("/api/dashboard?listSize=5", { token: supervisor }));
    for (const [key, status] of [["overdue", "overdue"], ["atRisk", "at_risk"]] as const) {
      const page = await body(await api.req(`/api/tasks?status=${status}&pageSize=5`, { token: supervisor }));
      expect(d[key].total).toBe(page.total);
      expect(d[key].total).toBe(d.byStatus[status]);
      expect(d[key].items.map((t: Json) => t.id)).toEqual(page.items.map((t: Json) => t.id));
      expect(d[key].items.every((t: Json) => t.status === status)).toBe(true);
    }
    expect(d.overdue.items.length).toBe(5);
    // by due month: every dated task in one month, the rest undated
    const months = d.byDueMonth as Json[];
    expect(months.map((m) => m.month)).toEqual([...months.map((m) => m.month)].sort());
    expect(months.reduce((n, m) => n + m.total, 0) + d.undated).toBe(d.tasks);
    expect(months.reduce((n, m) => n + m.overdue, 0)).toBe(d.byStatus.overdue);
    expect(months.every((m) => m.done + m.overdue <= m.total)).toBe(true);
  });

  it("filters the dashboard by document, body and region, and pages its bodies", async () => {
    const byDoc = await body(await api.req(`/api/dashboard?document=${docIds[1]}`, { token: supervisor }));
    const docTasks = await body(await api.req(`/api/tasks?document=${docIds[1]}&pageSize=1`, { token: supervisor }));
    expect(byDoc.tasks).toBe(docTasks.total);
    expect(byDoc.overdue.items.every((t: Json) => t.documentId === docIds[1])).toBe(true);
    expect(byDoc.targets.every((t: Json) => t.documentId === docIds[1])).toBe(true);
    const byBody = await body(await api.req(`/api/dashboard?body=${commsBody}`, { token: supervisor }));
    const bodyTasks = await body(await api.req(`/api/tasks?body=${commsBody}&pageSize=1`, { token: supervisor }));
    expect(byBody.tasks).toBe(bodyTasks.total);
    expect(byBody.byBody.map((b: Json) => b.bodyId)).toEqual([commsBody]);
    const docs = (await body(await api.req("/api/documents?pageSize=50", { token: supervisor }))).items as Json[];
    const region = docs.find((x) => x.region)!.region;
    const byRegion = await body(await api.req(`/api/dashboard?region=${encodeURIComponent(region)}`, { token: supervisor }));
    expect(byRegion.tasks).toBe(docs.filter((x) => x.region === region).reduce((n, x) => n + x.tasks, 0));
    const none = await body(await api.req(`/api/dashboard?region=${encodeURIComponent("火星")}`, { token: supervisor }));
    expect(none).toMatchObject({ tasks: 0, byBody: [], bodyTotal: 0, byDueMonth: [], undated: 0 });
    const p1 = await body(await api.req("/api/dashboard?bodyPageSize=2", { token: supervisor }));
    const p2 = await body(await api.req("/api/dashboard?bodyPageSize=2&bodyPage=2", { token: supervisor }));
    expect(p1.byBody).toHaveLength(2);
    expect(p2.byBody[0].bodyId).not.toBe(p1.byBody[0].bodyId);
    expect(p1.byBody[0].total).toBeGreaterThanOrEqual(p2.byBody[0].total);
    await expectError(await api.req("/api/dashboard?bodyPageSize=1000", { token: supervisor }), 400, "validation");
    await expectError(await api.req("/api/dashboard?listSize=0", { token: supervisor }), 400, "validation");
  });

  it("says why a task has its status, in Chinese, with a stable code", async () => {
    const overdue = await body(await api.req(`/api/tasks?status=overdue&pageSize=1`, { token: supervisor }));
    const t = overdue.items[0];
    expect(t.statusReasonCode).toBe("past_due");
    expect(t.statusReason).toMatch(/^时限 \d{4}年\d{1,2}月\d{1,2}日，尚未办结$/);
    const one = await body(await api.req(`/api/tasks/${t.id}`, { token: supervisor }));
    expect(one.statusReason).toBe(t.statusReason);
  });

  // ---- search ----------------------------------------------------------------------------------------------
  it("searches measures in Chinese, ranked, with highlighted snippets", async () => {
    const r = await body(await api.req(`/api/search?q=${encodeURIComponent("5G基站")}`));
    expect(r.items.length).toBeGreaterThan(0);
    const hit = r.items[0];
    expect(`${hit.title}${hit.snippet}`).toMatch(/5G/);
    expect(hit.highlights.length).toBeGreaterThan(0);
    const [s, e] = hit.highlights[0];
    expect(hit.snippet.slice(s, e).toLowerCase()).toBe("5g基站");
    expect(hit.snippetHtml).toContain("<mark>");
    for (let i = 1; i < r.items.length; i++) expect(r.items[i - 1].rank).toBeGreaterThanOrEqual(r.items[i].rank);
  });

  it("finds one- and two-character words and partial words", async () => {
    const one = await body(await api.req(`/api/search?q=${encodeURIComponent("网")}`));
    expect(one.items.length).toBeGreaterThan(0);
    expect(one.items.every((h: Json) => `${h.title} ${h.snippet}`.includes("网") || h.snippet.length > 0)).toBe(true);
    const two = await body(await api.req(`/api/search?q=${encodeURIComponent("医疗")}`));
    expect(two.items.some((h: Json) => h.title.includes("医疗"))).toBe(true);
    const partial = await body(await api.req(`/api/search?q=${encodeURIComponent("慧医")}`)); // inside 智慧医疗
    expect(partial.items.some((h: Json) => h.title.includes("智慧医疗"))).toBe(true);
    const none = await body(await api.req(`/api/search?q=${encodeURIComponent("量子引力")}`));
    expect(none.items).toEqual([]);
  });

  it("filters search by document, year, region, kind and body, and looks up 文号", async () => {
    const byDoc = await body(await api.req(`/api/search?q=${encodeURIComponent("信息")}&document=${docIds[2]}`));
    expect(byDoc.items.length).toBeGreaterThan(0);
    expect(byDoc.items.every((h: Json) => h.documentId === docIds[2])).toBe(true);
    const y = await body(await api.req(`/api/search?q=${encodeURIComponent("信息")}&year=2017&pageSize=100`));
    expect(y.items.every((h: Json) => h.documentId === docIds[4])).toBe(true);
    const kind = await body(await api.req(`/api/search?q=${encodeURIComponent("建设")}&kind=incentive&pageSize=100`, { token: admin }));
    for (const h of kind.items.slice(0, 5)) {
      const m = await body(await api.req(`/api/measures/${h.measureId}`));
      expect(m.quantities.some((q: Json) => q.kind === "incentive")).toBe(true);
    }
    const byBody = await body(await api.req(`/api/search?q=${encodeURIComponent("网络")}&body=${commsBody}&pageSize=100`, { token: admin }));
    expect(byBody.items.length).toBeGreaterThan(0);
    const docs = (await body(await api.req(`/api/documents?pageSize=100`))).items as Array<{ id: number; region: string | null }>;
    const region = docs.find((x) => x.region)!.region!;
    const byRegion = await body(await api.req(`/api/search?q=${encodeURIComponent("信息")}&region=${encodeURIComponent(region)}&pageSize=100`));
    expect(byRegion.items.length).toBeGreaterThan(0);
    const inRegion = new Set(docs.filter((x) => x.region === region).map((x) => x.id));
    expect(byRegion.items.every((h: Json) => inRegion.has(h.documentId))).toBe(true);
    expect((await body(await api.req(`/api/search?q=${encodeURIComponent("信息")}&region=${encodeURIComponent("火星")}`))).items).toEqual([]);
    const num = await body(await api.req(`/api/search?q=${encodeURIComponent("粤工信信软〔2020〕37号")}`));
    expect(num.items.length).toBeGreaterThan(0);
    expect(num.items.every((h: Json) => h.documentId === docIds[0])).toBe(true);
    await expectError(await api.req(`/api/search?q=`), 400, "validation");
    for (const odd of ["x'y\\z", "a & | ! ( :*", "%_\\", "《》“”"]) {
      expect((await api.req(`/api/search?q=${encodeURIComponent(odd)}`)).status).toBe(200);
    }
  });

  // ---- 建议责任单位 ------------------------------------------------------------------------------------------
  it("offers bodies named in a measure's prose to logged-in users; an admin confirms one into a task or dismisses it", async () => {
    const measures = async (token?: string) => {
      const all: Json[] = [];
      for (const d of docIds) all.push(...(await body(await api.req(`/api/measures?document=${d}&pageSize=200`, { token }))).items);
      return all;
    };
    const withSuggestions = (await measures(admin)).filter((m: Json) => m.suggestions.length > 0);
    expect(withSuggestions.length).toBeGreaterThan(0);
    expect((await measures()).every((m: Json) => m.suggestions.length === 0)).toBe(true);
    const all = withSuggestions.flatMap((m: Json) => m.suggestions);
    expect(all.length).toBeGreaterThanOrEqual(2);
    const [first, second] = all as [Json, Json];
    expect(first).toMatchObject({ status: "open", taskId: null });
    expect(first.rule).toMatch(/^suggest\./);
    const measure = withSuggestions.find((m: Json) => m.id === first.measureId)!;
    expect(measure.responsible.map((r: Json) => r.name)).not.toContain(first.name);

    await expectError(await api.req(`/api/suggestions/${first.id}/confirm`, { method: "POST" }), 401, "unauthorized");
    await expectError(await api.req(`/api/suggestions/${first.id}/confirm`, { token: supervisor, json: {} }), 403, "forbidden");
    await expectError(await api.req(`/api/suggestions/${first.id}/dismiss`, { token: editor, method: "POST" }), 403, "forbidden");
    await expectError(await api.req(`/api/suggestions/99999999/confirm`, { token: admin, json: {} }), 404, "not_found");
    await expectError(await api.req(`/api/suggestions/${first.id}/confirm`, { token: admin, json: { role: "boss" } }), 400, "validation");

    // no body: the task takes the suggestion's own role
    const r = await api.req(`/api/suggestions/${first.id}/confirm`, { token: admin, method: "POST" });
    expect(r.status).toBe(201);
    const confirmed = await body(r);
    expect(confirmed).toMatchObject({ created: true, suggestion: { id: first.id, status: "confirmed" } });
    expect(confirmed.suggestion.taskId).toBe(confirmed.taskId);
    const task = await body(await api.req(`/api/tasks/${confirmed.taskId}`, { token: admin }));
    expect(task).toMatchObject({ measureId: first.measureId, bodyId: confirmed.bodyId, role: first.role });
    expect(task.bodyName).toContain(first.name.replace(/^[省市县区]/, ""));
    const after = await body(await api.req(`/api/measures/${first.measureId}`, { token: admin }));
    expect(after.bodies.map((b: Json) => b.taskId)).toContain(confirmed.taskId);
    expect(after.suggestions.map((s: Json) => s.id)).not.toContain(first.id);
    await expectError(await api.req(`/api/suggestions/${first.id}/confirm`, { token: admin, json: {} }), 409, "conflict");
    const log = await body(await api.req(`/api/audit?entity=suggestion&entityId=${first.id}`, { token: admin }));
    expect(log.items.map((e: Json) => e.action)).toEqual(["suggestion.confirm"]);
    expect(log.items[0].after).toMatchObject({ taskId: confirmed.taskId, bodyId: confirmed.bodyId, created: true });
    const taskLog = await body(await api.req(`/api/audit?entity=task&entityId=${confirmed.taskId}`, { token: admin }));
    expect(taskLog.items.map((e: Json) => e.action)).toEqual(["task.assign"]);

    const d = await api.req(`/api/suggestions/${second.id}/dismiss`, { token: admin, method: "POST" });
    expect(d.status).toBe(200);
    expect(await body(d)).toMatchObject({ id: second.id, status: "dismissed", taskId: null });
    await expectError(await api.req(`/api/suggestions/${second.id}/dismiss`, { token: admin, method: "POST" }), 409, "conflict");
    await expectError(await api.req(`/api/suggestions/${second.id}/confirm`, { token: admin, json: {} }), 409, "conflict");
    const left = (await measures(admin)).flatMap((m: Json) => m.suggestions).map((s: Json) => s.id);
    expect(left).not.toContain(second.id);
    expect(left.length).toBe(all.length - 2);
    // the document page's count: what is left open of its measures, for staff only
    const docOf = withSuggestions.find((m: Json) => m.id === first.measureId)!.documentId;
    const openOf = (await measures(admin)).filter((m: Json) => m.documentId === docOf).flatMap((m: Json) => m.suggestions).length;
    expect((await body(await api.req(`/api/documents/${docOf}`, { token: editor }))).openSuggestions).toBe(openOf);
    const shown = await api.req(`/api/documents/${docOf}`);
    expect(shown.status).toBe(200);
    expect(await body(shown)).not.toHaveProperty("openSuggestions");
  });
});
