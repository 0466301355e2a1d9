import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { ADMIN_PASSWORD, fileForm, openApi, passwordOf, type Api } from "../../test/support/api.js";
import { seedImportWorld, type ImportWorld } from "../../test/support/office-import.js";
import { deflatedZeros, excelWorkbook, workbookAround, type CellInput } from "../../test/support/xlsx.js";
import { fakeZip } from "../../test/support/zip.js";

type Json = Record<string, any>;
const HEADER = ["序号", "具体措施", "填报单位", "最新进展", "完成数值", "完成情况", "任务编号"];

describeEngines("the import routes", (engine) => {
  let api: Api;
  let w: ImportWorld;
  let admin: string;
  let editor: string;
  let supervisor: string;

  beforeAll(async () => {
    api = await openApi(engine);
    w = await seedImportWorld(api.db, "api");
    admin = await api.login("admin", ADMIN_PASSWORD);
    const make = async (username: string, role: string, bodyIds?: number[]) => {
      const r = await api.req("/api/users", { token: admin, json: { username, password: passwordOf(username), role, bodyIds } });
      expect(r.status).toBe(201);
      return api.login(username, passwordOf(username));
    };
    editor = await make("import-editor", "editor", [w.bodyId("通信管理局")]);
    supervisor = await make("import-supervisor", "supervisor");
  });
  afterAll(async () => api?.close());

  const reports = async () => (await api.db.query<{ n: number }>(`select count(*)::int as n from progress_report`)).rows[0]!.n;
  const table = (rows: CellInput[][]) => excelWorkbook([{ rows: [["进展表"], HEADER, ...rows], merges: ["A1:G1"] }]);
  const form = (bytes: Uint8Array, fields: Record<string, string> = {}, name = "进展.xlsx") => fileForm(name, bytes, fields);
  const post = async (path: string, token: string, f: FormData, key?: string) => {
    const r = await api.req(path, { token, form: f, headers: key ? { "idempotency-key": key } : {} });
    return { status: r.status, body: (await r.json()) as Json, replayed: r.headers.get("idempotent-replayed") };
  };

  it("previews a filled table, then records it once: a repeat with the same key is replayed, a repeat without one conflicts", async () => {
    const bytes = await table([["2.", "", "省通信管理局", "光纤通达率已达93%", "93%", "推进中", w.task("一/2", "通信管理局")]]);
    const before = await reports();
    const p = await post("/api/imports/progress/preview", editor, form(bytes));
    expect(p.status).toBe(200);
    expect(p.body.rows).toHaveLength(1);
    expect(p.body.rows[0]).toMatchObject({ row: 3, outcome: "record", errors: [], task: { bodyName: "广东省通信管理局" } });
    expect(await reports()).toBe(before);
    const fields = { sha256: p.body.sha256, planHash: p.body.planHash };
    const c = await post("/api/imports/progress/confirm", editor, form(bytes, fields), "import-key-1");
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ recorded: 1, skipped: [] });
    const again = await post("/api/imports/progress/confirm", editor, form(bytes, fields), "import-key-1");
    expect([again.status, again.replayed]).toEqual([200, "true"]);
    const twice = await post("/api/imports/progress/confirm", editor, form(bytes, fields));
    expect(twice.status).toBe(409);
    expect(twice.body.error).toBe("conflict");
    expect(await reports()).toBe(before + 1);
    const stored = (await (await api.req(`/api/tasks/${w.task("一/2", "通信管理局")}/reports`, { token: editor })).json()) as Json;
    expect(stored.items.at(-1)).toMatchObject({ text: "光纤通达率已达93%", value: 93, complete: false, review: null });
  });

  it("refuses the whole file with the rows in details, and a file other than the one previewed", async () => {
    const bytes = await table([
      ["2.", "", "省通信管理局", "又有进展", 94, "", w.task("一/2", "通信管理局")],
      ["2.", "", "省财政厅", "替财政厅填报", "", "", w.task("一/2", "财政厅")],
    ]);
    const p = await post("/api/imports/progress/preview", editor, form(bytes));
    expect(p.body.counts).toMatchObject({ record: 1, refused: 1 });
    const before = await reports();
    const c = await post("/api/imports/progress/confirm", editor, form(bytes, { sha256: p.body.sha256, planHash: p.body.planHash }));
    expect(c.status).toBe(422);
    expect(c.body).toMatchObject({ error: "import_refused", details: { rows: [{ row: 4, errors: [expect.stringMatching(/^第 4 行：任务编号 \d+ 不存在，或不是您所在单位的任务/)] }] } });
    expect(c.body.message).toMatch(/^「进展\.xlsx」有 1 行有误，未导入任何内容：第 4 行/);
    const other = await table([["2.", "", "省通信管理局", "别的文件", 94, "", w.task("一/2", "通信管理局")]]);
    const wrong = await post("/api/imports/progress/confirm", editor, form(other, { sha256: p.body.sha256, planHash: p.body.planHash }));
    expect([wrong.status, wrong.body.message]).toEqual([409, "「进展.xlsx」与预览的文件不同，请重新预览"]);
    expect(await reports()).toBe(before);
    const skip = await post("/api/imports/progress/confirm", editor, form(bytes, { sha256: p.body.sha256, planHash: p.body.planHash, skipRefused: "true" }));
    expect(skip.body).toMatchObject({ recorded: 1, skipped: [4] });
    expect(await reports()).toBe(before + 1);
  });

  it("answers hostile files with a Chinese reason and its status, writing nothing", async () => {
    const before = await reports();
    const GB = 1024 ** 3;
    const cases: Array<[Uint8Array, string, number, string, RegExp]> = [
      [Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), "进展.xls", 415, "unsupported_type", /^「进展\.xls」是旧版 Excel 格式（\.xls）/],
      [Buffer.from("%PDF-1.4\n%%EOF\n"), "进展.xlsx", 415, "unsupported_type", /是 PDF 文件/],
      [fakeZip(workbookAround({ data: deflatedZeros(GB), declaredSize: GB })), "炸弹.xlsx", 413, "too_large", /解压后声明有 1\.0 GB/],
      [fakeZip(workbookAround({ data: deflatedZeros(GB), declaredSize: 64 * 1024 })), "谎报.xlsx", 413, "too_large", /解压后超过其声明的 64\.0 KB/],
      [await excelWorkbook([{ rows: [["姓名"], ["张三"]] }]), "名单.xlsx", 422, "unparseable_document", /中找不到任务分工表的表头/],
    ];
    for (const [bytes, name, status, error, message] of cases) {
      const r = await post("/api/imports/progress/preview", editor, form(bytes, {}, name));
      expect([r.status, r.body.error], name).toEqual([status, error]);
      expect(r.body.message, name).toMatch(message);
    }
    expect(await reports()).toBe(before);
  });

  it("is for editors and admins (progress) and for admins only (assignments)", async () => {
    const bytes = await table([["2.", "", "省通信管理局", "x", "", "", w.task("一/2", "通信管理局")]]);
    expect((await post("/api/imports/progress/preview", supervisor, form(bytes))).status).toBe(403);
    const sheet = await excelWorkbook([{ rows: [["序号", "牵头单位"], ["2.", "省财政厅"]] }]);
    const r = await post(`/api/documents/${w.documentId}/assignments/import/preview`, editor, form(sheet));
    expect(r.status).toBe(403);
    expect(r.body.error).toBe("forbidden");
    const c = await post(`/api/documents/${w.documentId}/assignments/import/confirm`, editor, form(sheet, { sha256: "0".repeat(64), planHash: "0".repeat(64) }));
    expect(c.status).toBe(403);
    const anon = await api.req("/api/imports/progress/preview", { form: form(bytes) });
    expect(anon.status).toBe(401);
  });

  it("imports an admin's 分工 sheet: preview, then confirm, audited", async () => {
    const sheet = await excelWorkbook([{ rows: [["序号", "具体措施", "牵头单位", "配合单位"], ["1.", "提速5G网络建设", "省通信管理局", "省工业和信息化厅、省财政厅"]] }]);
    const p = await post(`/api/documents/${w.documentId}/assignments/import/preview`, admin, form(sheet, {}, "分工.xlsx"));
    expect(p.status).toBe(200);
    expect(p.body.counts).toMatchObject({ add: 1, change: 1, remove: 0, keep: 1 });
    const c = await post(`/api/documents/${w.documentId}/assignments/import/confirm`, admin, form(sheet, { sha256: p.body.sha256, planHash: p.body.planHash }, "分工.xlsx"), "assign-key-1");
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ added: 1, changed: 1, removed: 0 });
    const audit = (await (await api.req(`/api/audit?document=${w.documentId}&action=import.assignments`, { token: admin })).json()) as Json;
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0].after).toMatchObject({ file: "分工.xlsx", added: 1, changed: 1 });
    const missing = await post(`/api/documents/999999/assignments/import/preview`, admin, form(sheet, {}, "分工.xlsx"));
    expect(missing.status).toBe(404);
  });
});
