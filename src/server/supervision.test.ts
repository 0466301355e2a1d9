/**
 * The supervision loop over HTTP: 督办通知 with read receipts, 签收, 填报 with evidence files, 审核 (return, approve,
 * 销号), 申请调整, 中止 / 延期, the inbox, and what an editor of one body may not read of another's.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { fakeZip } from "../../test/support/zip.js";
import { ADMIN_PASSWORD, fileForm, openApi, passwordOf, seedBytes, seedFiles, TODAY, type Api } from "../../test/support/api.js";

type Json = Record<string, any>;
const body = async (r: Response): Promise<Json> => (await r.json()) as Json;
const HAN = /[\u4e00-\u9fff]/;

/** the smallest file a PDF reader would open */
export const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

describeEngines("supervision loop", (engine) => {
  let api: Api;
  let admin: string;
  let supervisor: string;
  let editor: string; // 广东省通信管理局
  let otherEditor: string; // 江门市工业和信息化局
  let commsBody: number;
  let jmBody: number;
  let overdueTask: Json; // a task of 广东省通信管理局 past its due date
  let openTask: Json; // a task of 广东省通信管理局 due after today
  let otherTask: Json; // a task of 江门市工业和信息化局
  let lateBody: number; // another body with overdue tasks

  const expectError = async (r: Response, status: number, error: string) => {
    expect(r.status).toBe(status);
    const b = await body(r);
    expect(b.error).toBe(error);
    expect(b.message).toMatch(HAN);
    return b;
  };
  const task = async (id: number, token = admin) => body(await api.req(`/api/tasks/${id}`, { token }));
  const upload = (id: number, name: string, bytes: Uint8Array, token = editor) => api.req(`/api/tasks/${id}/attachments`, { token, form: fileForm(name, bytes) });

  beforeAll(async () => {
    api = await openApi(engine);
    admin = await api.login("admin", ADMIN_PASSWORD);
    for (const f of seedFiles()) expect((await api.upload(admin, fileForm(f, seedBytes(f)))).state).toBe("done");
    commsBody = (await body(await api.req("/api/bodies?q=通信管理局", { token: admin }))).items.find((b: Json) => b.name === "广东省通信管理局").id;
    jmBody = (await body(await api.req(`/api/bodies?q=${encodeURIComponent("江门市工业和信息化局")}`, { token: admin }))).items[0].id;
    const mk = async (username: string, role: string, extra: Json = {}) => {
      expect((await api.req("/api/users", { token: admin, json: { username, password: passwordOf(username), role, ...extra } })).status).toBe(201);
      return api.login(username, passwordOf(username));
    };
    supervisor = await mk("duban", "supervisor");
    editor = await mk("comms", "editor", { bodyIds: [commsBody] });
    otherEditor = await mk("jiangmen", "editor", { bodyIds: [jmBody] });
    overdueTask = (await body(await api.req(`/api/tasks?body=${commsBody}&status=overdue`, { token: admin }))).items[0];
    openTask = (await body(await api.req(`/api/tasks?body=${commsBody}&pageSize=200`, { token: admin }))).items.find((t: Json) => t.dueDate > "2020-08-01");
    otherTask = (await body(await api.req(`/api/tasks?body=${jmBody}`, { token: admin }))).items[0];
    const d = await body(await api.req("/api/dashboard?bodyPageSize=200", { token: admin }));
    lateBody = d.byBody.find((b: Json) => b.overdue > 1 && b.bodyId !== commsBody).bodyId;
    expect(overdueTask && openTask && otherTask).toBeTruthy();
  });
  afterAll(async () => api?.close());

  it("documents every route of the loop in the OpenAPI document", async () => {
    const doc = await body(await api.req("/openapi.json"));
    for (const p of [
      "/api/tasks/{id}/acknowledge",
      "/api/tasks/{id}/change-request",
      "/api/tasks/{id}/change-decision",
      "/api/tasks/{id}/suspend",
      "/api/tasks/{id}/resume",
      "/api/tasks/{id}/extend",
      "/api/tasks/{id}/attachments",
      "/api/attachments/{id}",
      "/api/reports/{id}/review",
      "/api/notices",
      "/api/notices/{id}/read",
      "/api/inbox",
    ]) {
      expect(Object.keys(doc.paths), p).toContain(p);
    }
    expect(doc.components.schemas.TaskStatus.enum).toEqual(expect.arrayContaining(["pending_review", "returned", "done_late", "suspended"]));
  });

  it("walks the loop: notice, receipt, acknowledgement, report with a file, return, report again, approval closes the task", async () => {
    // 督办: the supervisor urges the overdue task, with a time limit
    const sent = await api.req("/api/notices", { token: supervisor, json: { scope: { kind: "task", taskId: overdueTask.id }, text: "请于6月20日前报送整改情况", timeLimit: "2020-06-20" } });
    expect(sent.status).toBe(201);
    const notice = await body(sent);
    expect(notice).toMatchObject({ taskIds: [overdueTask.id], timeLimit: "2020-06-20", sender: "duban" });
    expect(notice.bodies).toEqual([expect.objectContaining({ bodyId: commsBody, readBy: [] })]);

    // the body's inbox: the notice unread, the task to acknowledge, an overdue reminder
    let inbox = await body(await api.req("/api/inbox", { token: editor }));
    expect(inbox.notices.unread).toBe(1);
    expect(inbox.notices.items[0]).toMatchObject({ id: notice.id, read: false });
    expect(inbox.toAcknowledge.items.map((t: Json) => t.id)).toContain(overdueTask.id);
    expect(inbox.reminders).toContainEqual(expect.objectContaining({ kind: "overdue", task: expect.objectContaining({ id: overdueTask.id }) }));
    // the other body sees none of it
    const other = await body(await api.req("/api/inbox", { token: otherEditor }));
    expect(other.notices.items.map((n: Json) => n.id)).not.toContain(notice.id);

    // read receipt, once
    const read = await body(await api.req(`/api/notices/${notice.id}/read`, { token: editor, method: "POST" }));
    expect(read.read).toBe(true);
    await api.req(`/api/notices/${notice.id}/read`, { token: editor, method: "POST" });
    const seen = await body(await api.req(`/api/notices?task=${overdueTask.id}`, { token: supervisor }));
    expect(seen.items[0].bodies[0].readBy).toEqual([expect.objectContaining({ username: "comms" })]);
    // a supervisor reading it leaves no receipt
    await api.req(`/api/notices/${notice.id}/read`, { token: supervisor, method: "POST" });
    expect((await body(await api.req(`/api/notices?task=${overdueTask.id}`, { token: supervisor }))).items[0].bodies[0].readBy).toHaveLength(1);

    // 签收, once
    const ack = await api.req(`/api/tasks/${overdueTask.id}/acknowledge`, { token: editor, method: "POST" });
    expect(ack.status).toBe(201);
    expect((await body(ack)).task.acknowledgedAt).toBeTruthy();
    await expectError(await api.req(`/api/tasks/${overdueTask.id}/acknowledge`, { token: editor, method: "POST" }), 409, "conflict");
    await expectError(await api.req(`/api/tasks/${overdueTask.id}/acknowledge`, { token: supervisor, method: "POST" }), 403, "forbidden");

    // 填报 with a PDF, asking to close (申请办结)
    const file = await upload(overdueTask.id, "整改报告.pdf", PDF);
    expect(file.status).toBe(201);
    const a = await body(file);
    expect(a).toMatchObject({ name: "整改报告.pdf", mediaType: "application/pdf", size: PDF.length });
    const first = await body(await api.req(`/api/tasks/${overdueTask.id}/reports`, { token: editor, json: { text: "已完成整改", complete: true, attachmentIds: [a.id], reportDate: "2020-06-14" } }));
    expect(first.attachments).toEqual([a]);
    expect(first.review).toBeNull();
    expect((await task(overdueTask.id)).status).toBe("pending_review");
    // the same file cannot be bound twice
    await expectError(await api.req(`/api/tasks/${overdueTask.id}/reports`, { token: editor, json: { text: "再用一次", attachmentIds: [a.id] } }), 400, "validation");

    // 审核: returned with a reason the body sees; it no longer counts
    const pendingFor = await body(await api.req("/api/inbox", { token: supervisor }));
    expect(pendingFor.pendingReviews.items[0]).toMatchObject({ report: { id: first.id, complete: true }, task: { id: overdueTask.id } });
    await expectError(await api.req(`/api/reports/${first.id}/review`, { token: supervisor, json: { decision: "return" } }), 400, "validation");
    await expectError(await api.req(`/api/reports/${first.id}/review`, { token: editor, json: { decision: "approve" } }), 403, "forbidden");
    const ret = await api.req(`/api/reports/${first.id}/review`, { token: supervisor, json: { decision: "return", reason: "缺少验收材料" } });
    expect(ret.status).toBe(201);
    await expectError(await api.req(`/api/reports/${first.id}/review`, { token: supervisor, json: { decision: "approve" } }), 409, "conflict");
    let t = await task(overdueTask.id, editor);
    expect(t.status).toBe("overdue"); // the returned request to close counts for nothing
    expect(t.progressReports.at(-1).review).toMatchObject({ decision: "returned", reason: "缺少验收材料", reviewer: "duban" });
    inbox = await body(await api.req("/api/inbox", { token: editor }));
    // its status stays 已逾期 (overdue comes first), yet the body is told its report came back
    expect(inbox.returned.items.map((x: Json) => x.id)).toEqual([overdueTask.id]);
    expect(inbox.toAcknowledge.items.map((x: Json) => x.id)).not.toContain(overdueTask.id);

    // report again, approved: 销号, after the due date: 逾期办结
    const second = await body(await api.req(`/api/tasks/${overdueTask.id}/reports`, { token: editor, json: { text: "补充验收材料，申请办结", complete: true } }));
    const ok = await body(await api.req(`/api/reports/${second.id}/review`, { token: supervisor, json: { decision: "approve" } }));
    expect(ok.task).toMatchObject({ status: "done_late", closedOn: TODAY, statusReasonCode: "closed_late" });
    await expectError(await api.req(`/api/tasks/${overdueTask.id}/reports`, { token: editor, json: { text: "办结后再报" } }), 409, "conflict");
    await expectError(await api.req("/api/notices", { token: supervisor, json: { scope: { kind: "task", taskId: overdueTask.id }, text: "再催" } }), 409, "conflict");

    // every step is in the audit log
    const log = await body(await api.req(`/api/audit?entity=task&entityId=${overdueTask.id}&pageSize=50`, { token: supervisor }));
    const actions = log.items.map((e: Json) => e.action).reverse();
    expect(actions).toEqual(["task.acknowledge", "report.close_request", "report.return", "report.close_request", "task.close"]);
    const sends = await body(await api.req(`/api/audit?action=notice.send`, { token: supervisor }));
    expect(sends.items[0].after).toMatchObject({ taskIds: [overdueTask.id], documentIds: [overdueTask.documentId] });
    // filtered by the task's document or body, the log holds the notice too
    for (const filter of [`document=${overdueTask.documentId}`, `body=${overdueTask.bodyId}`]) {
      const byFilter = await body(await api.req(`/api/audit?action=notice.send&${filter}`, { token: supervisor }));
      expect(byFilter.items.map((e: Json) => e.entityId), filter).toEqual([sends.items[0].entityId]);
    }
    expect((await body(await api.req(`/api/audit?action=notice.send&body=${2147483000}`, { token: supervisor }))).total).toBe(0);
  });

  it("closes a task on time when its request to close is dated by the due date", async () => {
    const r = await body(await api.req(`/api/tasks/${openTask.id}/reports`, { token: editor, json: { text: "提前完成", complete: true } }));
    expect((await task(openTask.id)).status).toBe("pending_review");
    const ok = await body(await api.req(`/api/reports/${r.id}/review`, { token: admin, json: { decision: "approve" } }));
    expect(ok.task).toMatchObject({ status: "done", statusReasonCode: "closed" });
    // 按期率 = closed on time ÷ due so far: this one is not due yet, so it is in neither
    const d = await body(await api.req(`/api/dashboard?body=${commsBody}`, { token: supervisor }));
    expect(d.byStatus.done).toBe(1);
    expect(d.byStatus.done_late).toBe(1);
    expect(d.onTime.closedOnTime).toBe(0);
    expect(d.onTime.rate).toBe(0);
    expect(d.byBody[0].onTimeRate).toBe(0);
  });

  it("refuses a future date, a negative value, and a report on another body's task", async () => {
    const t = (await body(await api.req(`/api/tasks?body=${commsBody}&status=at_risk`, { token: editor }))).items.find((x: Json) => x.targets.length) ??
      (await body(await api.req(`/api/tasks?body=${commsBody}&pageSize=200`, { token: editor }))).items.find((x: Json) => x.targets.length && x.status !== "done");
    const url = `/api/tasks/${t.id}/reports`;
    const future = await expectError(await api.req(url, { token: editor, json: { text: "明天的进展", reportDate: "2020-06-16" } }), 400, "validation");
    expect(future.details).toMatchObject({ field: "reportDate" });
    await expectError(await api.req(url, { token: editor, json: { text: "负数", targetId: t.targets[0].id, value: -1 } }), 400, "validation");
    await expectError(await api.req(`/api/tasks/${otherTask.id}/reports`, { token: editor, json: { text: "别人的任务" } }), 404, "not_found");
    await expectError(await api.req("/api/notices", { token: supervisor, json: { scope: { kind: "task", taskId: t.id }, text: "x", timeLimit: "2020-06-01" } }), 400, "validation");
  });

  it("checks evidence files by their bytes and serves them as sandboxed attachments", async () => {
    const id = openTask.id;
    // a program renamed .pdf, a text renamed .docx, a ZIP that is no Office file: refused from the bytes
    await expectError(await upload(id, "virus.pdf", new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0])), 415, "unsupported_type");
    await expectError(await upload(id, "a.docx", new TextEncoder().encode("just text")), 415, "unsupported_type");
    await expectError(await upload(id, "a.xlsx", fakeZip([{ name: "hello.txt", data: Buffer.from("hi") }])), 415, "unsupported_type");
    await expectError(await upload(id, "empty.pdf", new Uint8Array()), 400, "validation");
    const xlsx = fakeZip([{ name: "[Content_Types].xml", data: Buffer.from("<Types/>") }, { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") }]);
    const x = await body(await upload(id, "统计表.bin", xlsx));
    expect(x).toMatchObject({ name: "统计表.xlsx", mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    const png = await body(await upload(id, "照片.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])));
    expect(png.mediaType).toBe("image/png");
    // the role and the scope, before anything is stored
    await expectError(await upload(id, "x.pdf", PDF, supervisor), 403, "forbidden");
    await expectError(await upload(otherTask.id, "x.pdf", PDF), 404, "not_found");
    const r = await api.req(`/api/attachments/${png.id}`, { token: editor });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-disposition")).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(r.headers.get("content-security-policy")).toMatch(/sandbox/);
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await r.arrayBuffer())[1]).toBe(0x50);
    await expectError(await api.req(`/api/attachments/${png.id}`, { token: otherEditor }), 404, "not_found");
    await expectError(await api.req(`/api/attachments/${png.id}`), 401, "unauthorized");
  });

  it("refuses a file over the limit (10 MiB by default) with a 413, storing nothing", async () => {
    const before = (await api.db.query<{ n: number }>("select count(*)::int as n from attachment")).rows[0]!.n;
    const big = new Uint8Array(11 * 1024 * 1024);
    big.set(PDF);
    await expectError(await upload(openTask.id, "big.pdf", big), 413, "too_large");
    expect((await api.db.query<{ n: number }>("select count(*)::int as n from attachment")).rows[0]!.n).toBe(before);
  });

  it("keeps an editor to its own body's tasks, reports, files and notices (403 / 404), unless the deployment opens reads", async () => {
    await api.req(`/api/tasks/${otherTask.id}/reports`, { token: otherEditor, json: { text: "江门进展" } });
    const f = await body(await upload(otherTask.id, "江门.pdf", PDF, otherEditor));
    const n = await body(await api.req("/api/notices", { token: supervisor, json: { scope: { kind: "task", taskId: otherTask.id }, text: "江门任务请说明进展" } }));
    await expectError(await api.req(`/api/tasks/${otherTask.id}`, { token: editor }), 404, "not_found");
    await expectError(await api.req(`/api/tasks/${otherTask.id}/reports`, { token: editor }), 404, "not_found");
    await expectError(await api.req(`/api/tasks/${otherTask.id}/comments`, { token: editor }), 404, "not_found");
    await expectError(await api.req(`/api/attachments/${f.id}`, { token: editor }), 404, "not_found");
    await expectError(await api.req(`/api/notices/${n.id}/read`, { token: editor, method: "POST" }), 404, "not_found");
    await expectError(await api.req(`/api/tasks?body=${jmBody}`, { token: editor }), 403, "forbidden");
    await expectError(await api.req(`/api/dashboard?body=${jmBody}`, { token: editor }), 403, "forbidden");
    const mine = await body(await api.req("/api/tasks?pageSize=200", { token: editor }));
    expect(mine.items.every((t: Json) => t.bodyId === commsBody)).toBe(true);
    expect((await body(await api.req("/api/notices", { token: editor }))).items.map((x: Json) => x.id)).not.toContain(n.id);
    const dash = await body(await api.req("/api/dashboard", { token: editor }));
    expect(dash.tasks).toBe(mine.total);

    // a deployment that opens read access: reads pass, writes stay the body's
    const open = await openApi(engine, { supervision: { editorsReadAll: true } });
    try {
      const adminOpen = await open.login("admin", ADMIN_PASSWORD);
      for (const f2 of seedFiles().slice(0, 1)) await open.upload(adminOpen, fileForm(f2, seedBytes(f2)));
      const bodies = (await body(await open.req("/api/bodies?pageSize=2", { token: adminOpen }))).items;
      await open.req("/api/users", { token: adminOpen, json: { username: "reader", password: passwordOf("reader"), role: "editor", bodyIds: [bodies[0].id] } });
      const reader = await open.login("reader", passwordOf("reader"));
      const foreign = (await body(await open.req(`/api/tasks?body=${bodies[1].id}`, { token: reader }))).items[0];
      expect((await open.req(`/api/tasks/${foreign.id}`, { token: reader })).status).toBe(200);
      expect((await open.req(`/api/tasks/${foreign.id}/reports`, { token: reader, json: { text: "越权" } })).status).toBe(403);
    } finally {
      await open.close();
    }
  });

  it("limits a supervisor to a region", async () => {
    const docs = (await body(await api.req("/api/documents", { token: admin }))).items as Json[];
    const region = docs.find((d) => d.region)!.region as string;
    await api.req("/api/users", { token: admin, json: { username: "regional", password: passwordOf("regional"), role: "supervisor", region } });
    const regional = await api.login("regional", passwordOf("regional"));
    const tasks = await body(await api.req("/api/tasks?pageSize=200", { token: regional }));
    const inRegion = new Set(docs.filter((d) => d.region === region).map((d) => d.id));
    expect(tasks.total).toBeGreaterThan(0);
    expect(tasks.items.every((t: Json) => inRegion.has(t.documentId))).toBe(true);
    const outside = (await body(await api.req("/api/tasks?pageSize=200", { token: admin }))).items.find((t: Json) => !inRegion.has(t.documentId));
    if (outside) await expectError(await api.req(`/api/tasks/${outside.id}`, { token: regional }), 404, "not_found");
    await expectError(await api.req("/api/users", { token: admin, json: { username: "edregion", password: passwordOf("edregion"), role: "editor", region } }), 400, "validation");
  });

  it("hands a task to another body on an accepted change request; the new body acknowledges anew", async () => {
    const t = (await body(await api.req(`/api/tasks?body=${commsBody}&pageSize=200`, { token: editor }))).items.find(
      (x: Json) => x.status !== "done" && x.status !== "done_late" && x.id !== openTask.id,
    );
    await api.req(`/api/tasks/${t.id}/acknowledge`, { token: editor, method: "POST" });
    await expectError(await api.req(`/api/tasks/${t.id}/change-request`, { token: editor, json: { reason: "" } }), 400, "validation");
    expect((await api.req(`/api/tasks/${t.id}/change-request`, { token: editor, json: { reason: "此项由江门负责", proposedBody: "江门市工业和信息化局" } })).status).toBe(201);
    await expectError(await api.req(`/api/tasks/${t.id}/change-request`, { token: editor, json: { reason: "再申请" } }), 409, "conflict");
    const adminInbox = await body(await api.req("/api/inbox", { token: admin }));
    expect(adminInbox.changeRequests.items.map((x: Json) => x.id)).toContain(t.id);
    await expectError(await api.req(`/api/tasks/${t.id}/change-decision`, { token: supervisor, json: { accept: true, reason: "同意", bodyId: jmBody } }), 403, "forbidden");
    await expectError(await api.req(`/api/tasks/${t.id}/change-decision`, { token: admin, json: { accept: true, reason: "同意" } }), 400, "validation");
    const moved = await body(await api.req(`/api/tasks/${t.id}/change-decision`, { token: admin, json: { accept: true, reason: "同意调整", bodyId: jmBody } }));
    expect(moved.task).toMatchObject({ bodyId: jmBody, acknowledgedAt: null, changeRequestOpen: false });
    expect(moved.event).toMatchObject({ kind: "change_accept", data: { fromBodyId: commsBody, toBodyId: jmBody } });
    await expectError(await api.req(`/api/tasks/${t.id}`, { token: editor }), 404, "not_found");
    expect((await api.req(`/api/tasks/${t.id}/acknowledge`, { token: otherEditor, method: "POST" })).status).toBe(201);
    // a refused request leaves the task where it was
    await api.req(`/api/tasks/${t.id}/change-request`, { token: otherEditor, json: { reason: "也不是我们的" } });
    const refused = await body(await api.req(`/api/tasks/${t.id}/change-decision`, { token: admin, json: { accept: false, reason: "按分工方案由贵单位负责" } }));
    expect(refused.task).toMatchObject({ bodyId: jmBody, changeRequestOpen: false });
    const events = (await task(t.id)).events.map((e: Json) => e.kind);
    expect(events).toEqual(["acknowledge", "change_request", "change_accept", "acknowledge", "change_request", "change_refuse"]);
  });

  it("suspends, resumes and extends a task (admin), each with a reason, audited and shown", async () => {
    const t = (await body(await api.req(`/api/tasks?body=${lateBody}&status=overdue`, { token: admin }))).items[0];
    const late = await api.login("admin", ADMIN_PASSWORD);
    await api.req("/api/users", { token: late, json: { username: "late-ed", password: passwordOf("late-ed"), role: "editor", bodyIds: [lateBody] } });
    const lateEditor = await api.login("late-ed", passwordOf("late-ed"));
    await expectError(await api.req(`/api/tasks/${t.id}/suspend`, { token: supervisor, json: { reason: "x" } }), 403, "forbidden");
    const s = await body(await api.req(`/api/tasks/${t.id}/suspend`, { token: admin, json: { reason: "政策调整，暂停执行" } }));
    expect(s.task).toMatchObject({ status: "suspended", statusReasonCode: "suspended" });
    await expectError(await api.req(`/api/tasks/${t.id}/reports`, { token: lateEditor, json: { text: "中止后报送" } }), 409, "conflict");
    await expectError(await api.req(`/api/tasks/${t.id}/suspend`, { token: admin, json: { reason: "再次" } }), 409, "conflict");
    expect((await body(await api.req(`/api/tasks/${t.id}/resume`, { token: admin, json: { reason: "恢复执行" } }))).task.status).toBe("overdue");
    await expectError(await api.req(`/api/tasks/${t.id}/extend`, { token: admin, json: { dueDate: "2020-06-01", reason: "x" } }), 400, "validation");
    const e = await body(await api.req(`/api/tasks/${t.id}/extend`, { token: admin, json: { dueDate: "2020-12-31", reason: "因疫情延期" } }));
    expect(e.event).toMatchObject({ kind: "extend", reason: "因疫情延期", data: { from: t.dueDate, to: "2020-12-31" } });
    expect(e.task).toMatchObject({ dueDate: "2020-12-31" });
    expect(e.task.status).not.toBe("overdue");
    const log = await body(await api.req(`/api/audit?entity=task&entityId=${t.id}`, { token: admin }));
    expect(log.items.map((x: Json) => x.action).slice(0, 3)).toEqual(["task.extend", "task.resume", "task.suspend"]);
    expect(log.items[0].after).toMatchObject({ dueDate: "2020-12-31", reason: "因疫情延期" });
  });

  it("lists tasks not acknowledged after N working days, and sends a notice on a body's overdue tasks", async () => {
    // the seeds reached their bodies on 2020-06-10 (Wednesday): three working days before 2020-06-15
    await api.db.query(`update task set created_at = '2020-06-10T09:00:00Z'`);
    const sup = await body(await api.req("/api/inbox", { token: supervisor }));
    expect(sup.settings.ackWorkingDays).toBe(3);
    expect(sup.unacknowledged.total).toBeGreaterThan(0);
    expect(sup.unacknowledged.items.every((t: Json) => t.acknowledgedAt === null)).toBe(true);
    await api.db.query(`update task set created_at = '2020-06-11T09:00:00Z'`);
    expect((await body(await api.req("/api/inbox", { token: supervisor }))).unacknowledged.total).toBe(0);
    const list = await body(await api.req("/api/tasks?acknowledged=false&assignedBefore=2020-06-12", { token: supervisor }));
    expect(list.total).toBeGreaterThan(0);

    const overdue = await body(await api.req(`/api/tasks?body=${lateBody}&status=overdue&pageSize=200`, { token: supervisor }));
    const n = await body(await api.req("/api/notices", { token: supervisor, json: { scope: { kind: "body_overdue", bodyId: lateBody }, text: "请说明逾期原因", timeLimit: "2020-06-30" } }));
    expect(overdue.total).toBeGreaterThan(1);
    expect([...n.taskIds].sort()).toEqual(overdue.items.map((t: Json) => t.id).sort());
    expect(n.bodies).toEqual([expect.objectContaining({ bodyId: lateBody, tasks: overdue.total })]);
    const inbox = await body(await api.req("/api/inbox", { token: await api.login("late-ed", passwordOf("late-ed")) }));
    expect(inbox.notices.items.map((x: Json) => x.id)).toContain(n.id);
    const onTime = (await body(await api.req("/api/dashboard?bodyPageSize=200", { token: admin }))).byBody.find((b: Json) => b.overdue === 0).bodyId;
    await expectError(await api.req("/api/notices", { token: supervisor, json: { scope: { kind: "body_overdue", bodyId: onTime }, text: "没有逾期任务" } }), 409, "conflict");
  });

  it("shows a target's progress by the lead body's approved reports, not by whichever report came last", async () => {
    // a measure with a target, a lead and a supporting body
    const all = (await body(await api.req("/api/tasks?pageSize=200&page=1", { token: admin }))).items as Json[];
    const more = (await body(await api.req("/api/tasks?pageSize=200&page=2", { token: admin }))).items as Json[];
    const tasks = [...all, ...more].filter((t) => t.targets.length && !["done", "done_late", "suspended"].includes(t.status));
    const lead = tasks.find((t) => t.role === "lead" && tasks.some((s) => s.measureId === t.measureId && s.role === "supporting"))!;
    const support = tasks.find((s) => s.measureId === lead.measureId && s.role === "supporting")!;
    const g = lead.targets[0];
    const mkEditor = async (name: string, bodyId: number) => {
      await api.req("/api/users", { token: admin, json: { username: name, password: passwordOf(name), role: "editor", bodyIds: [bodyId] } });
      return api.login(name, passwordOf(name));
    };
    const leadEd = await mkEditor("lead-ed", lead.bodyId);
    const supEd = await mkEditor("sup-ed", support.bodyId);
    const approve = async (r: Response) => api.req(`/api/reports/${(await body(r)).id}/review`, { token: supervisor, json: { decision: "approve" } });
    await approve(await api.req(`/api/tasks/${lead.id}/reports`, { token: leadEd, json: { text: "牵头单位", targetId: g.id, value: 7, reportDate: "2020-06-01" } }));
    // later, the supporting body reports its own share, approved; and the lead a later value not yet reviewed
    await approve(await api.req(`/api/tasks/${support.id}/reports`, { token: supEd, json: { text: "配合单位", targetId: g.id, value: 3, reportDate: "2020-06-10" } }));
    await api.req(`/api/tasks/${lead.id}/reports`, { token: leadEd, json: { text: "未审核", targetId: g.id, value: 99, reportDate: "2020-06-12" } });
    const progress = async (q: string) => (await body(await api.req(`/api/dashboard?document=${lead.documentId}&targetLimit=200${q}`, { token: supervisor }))).targets.find((x: Json) => x.targetId === g.id);
    expect(await progress("")).toMatchObject({ latestValue: 7, latestReportDate: "2020-06-01" });
    expect(await progress(`&body=${support.bodyId}`)).toMatchObject({ latestValue: 3 });
    expect(await progress(`&body=${lead.bodyId}`)).toMatchObject({ latestValue: 7 });
  });
});
