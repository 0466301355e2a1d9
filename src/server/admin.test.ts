/**
 * Administration through the API: bodies renamed and placed, documents private until published, deleted softly and
 * restored, a parse corrected (measure, targets) with every change audited and read back by tasks and the public,
 * the audit log filtered by who, what, document, body and date, and every refusal said in Chinese.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { ADMIN_PASSWORD, fileForm, openApi, passwordOf, type Api } from "../../test/support/api.js";

type Json = Record<string, any>;
const body = async (r: Response): Promise<Json> => (await r.json()) as Json;
const HAN = /[\u4e00-\u9fff]/;

// a made-up city plan: one measure with a target, one with an incentive written as a cap
const PLAN = [
  "临江市人民政府办公室关于印发临江市充电设施建设实施方案的通知",
  "临府办〔2021〕8号",
  "各区人民政府，市有关单位：",
  "一、建设任务",
  "（一）建设公共充电桩。到2022年底，全市建成公共充电桩1200个。（市发展改革局牵头，市住房城乡建设局配合）",
  "（二）支持社区充电。对建成社区充电站的企业，给予最高30万元补助。（市财政局）",
  "临江市人民政府办公室",
  "2021年3月1日",
].join("\n");

describeEngines("administration API", (engine) => {
  let api: Api;
  let admin: string;
  let supervisor: string;
  let docId: number;
  let target: Json;
  let incentive: Json;
  let measureId: number;

  const expectError = async (r: Response, status: number, error: string) => {
    expect(r.status).toBe(status);
    const b = await body(r);
    expect(b.error).toBe(error);
    expect(b.message).toMatch(HAN);
    return b;
  };
  const measures = async (token?: string) => (await body(await api.req(`/api/measures?document=${docId}`, { token }))).items as Json[];

  beforeAll(async () => {
    api = await openApi(engine);
    admin = await api.login("admin", ADMIN_PASSWORD);
    await api.req("/api/users", { token: admin, json: { username: "watcher", password: passwordOf("watcher"), role: "supervisor" } });
    supervisor = await api.login("watcher", passwordOf("watcher"));
    const job = await api.upload(admin, fileForm("plan.txt", new TextEncoder().encode(PLAN)));
    expect(job).toMatchObject({ state: "done", result: { status: "stored" } });
    docId = job.result!.documentId;
    const ms = await measures(admin);
    const build = ms.find((m) => m.title.startsWith("建设公共充电桩"))!;
    measureId = build.id;
    target = build.quantities[0];
    incentive = ms.find((m) => m.title.startsWith("支持社区充电"))!.quantities[0];
  });
  afterAll(async () => api?.close());

  it("reads labels as written, indicators from their sentences and caps as caps", async () => {
    const ms = await measures(admin);
    expect(ms.map((m) => m.label)).toEqual(["一、", "（一）", "（二）"]);
    expect(target).toMatchObject({ indicator: "公共充电桩", value: 1200, unit: "个", kind: "target", deadline: "2022-12-31", cap: false });
    expect(incentive).toMatchObject({ value: 300000, kind: "incentive", cap: true });
  });

  it("keeps an upload private until it is published, and audits publishing", async () => {
    expect((await body(await api.req("/api/documents"))).items).toEqual([]);
    await expectError(await api.req(`/api/documents/${docId}`), 404, "not_found");
    const r = await api.req(`/api/documents/${docId}`, { token: admin, method: "PATCH", json: { published: true } });
    expect((await body(r)).published).toBe(true);
    expect((await api.req(`/api/documents/${docId}`)).status).toBe(200);
    const log = await body(await api.req(`/api/audit?document=${docId}&action=document.publish`, { token: admin }));
    expect(log.items[0]).toMatchObject({ before: { published: false }, after: { published: true } });
  });

  it("corrects a target: validated, audited with before and after, read by tasks and the public", async () => {
    await expectError(await api.req(`/api/targets/${target.id}`, { token: admin, method: "PATCH", json: { value: -5 } }), 400, "validation");
    await expectError(await api.req(`/api/targets/${target.id}`, { token: admin, method: "PATCH", json: {} }), 400, "validation");
    // a deadline before the document was written
    await expectError(await api.req(`/api/targets/${target.id}`, { token: admin, method: "PATCH", json: { deadline: "2020-01-01" } }), 400, "validation");
    await expectError(await api.req(`/api/targets/${target.id}`, { token: supervisor, method: "PATCH", json: { value: 1500 } }), 403, "forbidden");
    const r = await api.req(`/api/targets/${target.id}`, {
      token: admin,
      method: "PATCH",
      json: { value: 1500, indicator: "公共充电桩（含快充）", deadline: "2022-06-30" },
    });
    expect(r.status).toBe(200);
    const pub = (await measures()).find((m) => m.id === measureId)!;
    expect(pub.quantities[0]).toMatchObject({ value: 1500, indicator: "公共充电桩（含快充）", deadline: "2022-06-30" });
    // the measure's due date came from its target: it moves, and its tasks with it
    expect(pub.dueDate).toBe("2022-06-30");
    const tasks = await body(await api.req(`/api/tasks?measure=${measureId}`, { token: admin }));
    expect(tasks.items.map((t: Json) => t.dueDate)).toEqual(["2022-06-30", "2022-06-30"]);
    expect(tasks.items[0].targets[0]).toMatchObject({ value: 1500, indicator: "公共充电桩（含快充）" });
    const log = await body(await api.req(`/api/audit?action=target.update&entity=target&entityId=${target.id}`, { token: supervisor }));
    expect(log.items[0].before).toMatchObject({ value: 1200, indicator: "公共充电桩", deadline: "2022-12-31", documentId: docId });
    expect(log.items[0].after).toMatchObject({ value: 1500, deadline: "2022-06-30" });
    expect(log.items[0].before).not.toHaveProperty("unit");
  });

  it("corrects a measure's title, which search then finds, and adds and removes a target", async () => {
    const r = await api.req(`/api/measures/${measureId}`, { token: admin, method: "PATCH", json: { title: "建设公共充电桩和换电站" } });
    expect((await body(r)).title).toBe("建设公共充电桩和换电站");
    const hits = await body(await api.req(`/api/search?q=${encodeURIComponent("换电站")}`));
    expect(hits.items.map((h: Json) => h.measureId)).toEqual([measureId]);
    await expectError(await api.req(`/api/measures/${measureId}/targets`, { token: admin, json: { value: 20, unit: "座", kind: "target", deadline: "2019-12-31" } }), 400, "validation");
    const added = await body(await api.req(`/api/measures/${measureId}/targets`, { token: admin, json: { value: 20, unit: "座", kind: "target", indicator: "换电站", deadline: "2022-12-31" } }));
    expect(added).toMatchObject({ indicator: "换电站", value: 20 });
    expect((await measures()).find((m) => m.id === measureId)!.quantities.map((q: Json) => q.indicator)).toEqual(["公共充电桩（含快充）", "换电站"]);
    // its deadline is now the latest: the measure's due date follows
    expect((await measures()).find((m) => m.id === measureId)!.dueDate).toBe("2022-12-31");
    expect((await api.req(`/api/targets/${added.id}`, { token: admin, method: "DELETE" })).status).toBe(200);
    await expectError(await api.req(`/api/targets/${added.id}`, { token: admin, method: "DELETE" }), 404, "not_found");
    const actions = (await body(await api.req(`/api/audit?document=${docId}`, { token: admin }))).items.map((e: Json) => e.action);
    for (const a of ["measure.update", "target.create", "target.delete", "target.update", "measure.due"]) expect(actions).toContain(a);
  });

  it("refuses to remove a target that progress reports measure against", async () => {
    const task = (await body(await api.req(`/api/tasks?measure=${measureId}`, { token: admin }))).items[0];
    const rep = await api.req(`/api/tasks/${task.id}/reports`, { token: admin, json: { text: "已建成 300 个", targetId: target.id, value: 300, reportDate: "2020-06-01" } });
    expect(rep.status, await rep.clone().text()).toBe(201);
    await expectError(await api.req(`/api/targets/${target.id}`, { token: admin, method: "DELETE" }), 409, "conflict");
  });

  it("renames a body and places it; the new name resolves to it; a name another body holds is refused", async () => {
    const list = await body(await api.req(`/api/bodies?q=${encodeURIComponent("发展改革局")}`, { token: admin }));
    const dev = list.items[0];
    const fin = (await body(await api.req(`/api/bodies?q=${encodeURIComponent("财政局")}`, { token: admin }))).items[0];
    await expectError(await api.req(`/api/bodies/${dev.id}`, { token: admin, method: "PATCH", json: { level: "乡" } }), 400, "validation");
    await expectError(await api.req(`/api/bodies/${dev.id}`, { token: admin, method: "PATCH", json: { name: fin.name } }), 409, "conflict");
    const r = await api.req(`/api/bodies/${dev.id}`, { token: admin, method: "PATCH", json: { name: "临江市发展和改革局", level: "市", region: "临江" } });
    expect(await body(r)).toMatchObject({ name: "临江市发展和改革局", level: "市", region: "临江", aliases: expect.arrayContaining(["临江市发展和改革局"]) });
    const log = await body(await api.req(`/api/audit?body=${dev.id}&action=body.update`, { token: admin }));
    expect(log.items[0]).toMatchObject({ before: { name: dev.name }, after: { name: "临江市发展和改革局", level: "市", region: "临江" } });
    // the body's filter also finds its tasks' entries: as many reports as its tasks hold, and another body's none of them
    const devTasks = (await body(await api.req(`/api/tasks?body=${dev.id}`, { token: admin }))).items as Json[];
    const reports = devTasks.reduce((n, t) => n + t.reports, 0);
    expect(reports).toBe(1);
    expect((await body(await api.req(`/api/audit?body=${dev.id}&action=report.create`, { token: admin }))).total).toBe(reports);
    expect((await body(await api.req(`/api/audit?body=${fin.id}&action=report.create`, { token: admin }))).total).toBe(0);
  });

  it("deletes a document softly: hidden everywhere, kept, listed in the recycle bin, restorable", async () => {
    const before = await body(await api.req(`/api/dashboard`, { token: admin }));
    expect(before.tasks).toBeGreaterThan(0);
    await expectError(await api.req(`/api/documents/${docId}`, { token: supervisor, method: "DELETE" }), 403, "forbidden");
    expect((await api.req(`/api/documents/${docId}`, { token: admin, method: "DELETE" })).status).toBe(200);
    await expectError(await api.req(`/api/documents/${docId}`, { token: admin }), 404, "not_found");
    expect((await body(await api.req(`/api/documents`, { token: admin }))).total).toBe(0);
    expect((await measures(admin)).length).toBe(0);
    expect((await body(await api.req(`/api/tasks`, { token: admin }))).total).toBe(0);
    expect((await body(await api.req(`/api/dashboard`, { token: admin }))).tasks).toBe(0);
    expect((await body(await api.req(`/api/search?q=${encodeURIComponent("充电")}`, { token: admin }))).total).toBe(0);
    const bodies = await body(await api.req(`/api/bodies?pageSize=200`, { token: admin }));
    expect(bodies.items.every((b: Json) => b.tasks === 0)).toBe(true);
    await expectError(await api.req(`/api/targets/${incentive.id}`, { token: admin, method: "PATCH", json: { value: 1 } }), 404, "not_found");
    // kept in the database, whole
    const kept = await api.db.query<{ n: number }>(`select count(*)::int as n from measure where document_id = $1`, [docId]);
    expect(kept.rows[0]!.n).toBe(3);
    // the same bytes again are refused with a pointer to the bin, not stored twice
    const again = await api.upload(admin, fileForm("plan-again.txt", new TextEncoder().encode(PLAN)));
    expect(again).toMatchObject({ state: "failed", error: "conflict" });
    expect(again.message).toContain(`文件 ${docId}`);
    expect(again.message).toContain("回收站");
    await expectError(await api.req(`/api/documents?deleted=true`, { token: supervisor }), 403, "forbidden");
    const bin = await body(await api.req(`/api/documents?deleted=true`, { token: admin }));
    expect(bin.items.map((d: Json) => d.id)).toEqual([docId]);
    expect(bin.items[0].deletedAt).toBeTruthy();

    const restored = await body(await api.req(`/api/documents/${docId}/restore`, { token: admin, method: "POST" }));
    expect(restored).toMatchObject({ id: docId, deletedAt: null, published: false });
    expect((await body(await api.req(`/api/dashboard`, { token: admin }))).tasks).toBe(before.tasks);
    await expectError(await api.req(`/api/documents/${docId}/restore`, { token: admin, method: "POST" }), 409, "conflict");
    const log = await body(await api.req(`/api/audit?document=${docId}&pageSize=200`, { token: admin }));
    expect(log.items.map((e: Json) => e.action).slice(0, 2)).toEqual(["document.restore", "document.delete"]);
  });

  it("filters the audit log by who, what and date, and offers what to filter by", async () => {
    const facets = await body(await api.req(`/api/audit/facets`, { token: supervisor }));
    expect(facets.actions).toEqual(expect.arrayContaining(["document.ingest", "target.update", "body.update", "document.delete"]));
    expect(facets.actors.map((a: Json) => a.name)).toEqual(expect.arrayContaining(["admin", "watcher"]));
    const byWatcher = await body(await api.req(`/api/audit?actor=watcher`, { token: admin }));
    expect(byWatcher.total).toBeGreaterThan(0);
    expect(byWatcher.items.every((e: Json) => e.actor === "watcher")).toBe(true);
    // the entries were written today (the database's clock): a range around today finds them, one before does not
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const all = await body(await api.req(`/api/audit?from=${today}&to=${today}`, { token: admin }));
    expect(all.total).toBe((await body(await api.req(`/api/audit`, { token: admin }))).total);
    expect((await body(await api.req(`/api/audit?to=2000-01-01`, { token: admin }))).total).toBe(0);
    await expectError(await api.req(`/api/audit?from=2021-02-01&to=2021-01-01`, { token: admin }), 400, "validation");
    await expectError(await api.req(`/api/audit/facets`, { token: null }), 401, "unauthorized");
  });

  it("says every refusal in Chinese, keeping the English code", async () => {
    const refusals: Array<[Response | Promise<Response>, number]> = [
      [api.req("/api/nothing-here"), 404],
      [api.req("/api/documents/abc"), 400],
      [api.req("/api/tasks"), 401],
      [api.req("/api/users", { token: supervisor }), 403],
      [api.req("/api/bodies/99999", { token: admin }), 404],
      [api.req("/api/users", { token: admin, json: { username: "x", password: "short", role: "boss" } }), 400],
      [api.req("/api/bodies/1/merge", { token: admin, json: { into: 1 } }), 409],
      [api.req("/api/auth/login", { json: { username: "admin", password: "wrong-password" } }), 401],
      [api.app.request("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" }), 400],
      [api.req("/api/documents", { token: admin, form: fileForm("a.exe", new Uint8Array([1, 2])) }), 415],
      [api.req("/api/documents", { token: admin, form: fileForm("empty.txt", new Uint8Array()) }), 422],
    ];
    for (const [p, status] of refusals) {
      const r = await p;
      expect(r.status).toBe(status);
      const b = await body(r);
      expect(b.error).toMatch(/^[a-z_]+$/);
      expect(b.message, JSON.stringify(b)).toMatch(HAN);
    }
  });
});
