/** GET /api/bulletin: who may ask, what a bad period gets, the files' headers, and figures that agree with the dashboard's. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { ADMIN_PASSWORD, fileForm, openApi, passwordOf, seedBytes, seedFiles, type Api } from "../../test/support/api.js";

type Json = Record<string, any>;
const HAN = /[\u4e00-\u9fff]/;

describeEngines("督查通报 over HTTP", (engine) => {
  let api: Api;
  let admin: string;
  let supervisor: string;
  let regional: string;
  let editor: string;

  beforeAll(async () => {
    api = await openApi(engine);
    admin = await api.login("admin", ADMIN_PASSWORD);
    for (const f of seedFiles().slice(0, 2)) expect((await api.upload(admin, fileForm(f, seedBytes(f)))).state).toBe("done");
    // the app's clock says 2020-06-15: the documents were stored before that, as they would have been
    await api.db.query(`update document set created_at = '2020-01-02T00:00:00Z'`);
    await api.db.query(`update task set created_at = '2020-01-02T00:00:00Z'`);
    const mk = async (username: string, role: string, extra: Json = {}) => {
      expect((await api.req("/api/users", { token: admin, json: { username, password: passwordOf(username), role, ...extra } })).status).toBe(201);
      return api.login(username, passwordOf(username));
    };
    supervisor = await mk("tongbao", "supervisor");
    regional = await mk("tongbao-gz", "supervisor", { region: "广州市" });
    const body = ((await (await api.req("/api/tasks?pageSize=1", { token: admin })).json()) as Json).items[0].bodyId;
    editor = await mk("tongbao-editor", "editor", { bodyIds: [body] });
  });
  afterAll(async () => api?.close());

  it("reads the running quarter with the dashboard's own figures: the same statuses and 按期率 on the same day", async () => {
    const r = await api.req("/api/bulletin?period=2020Q2", { token: supervisor });
    expect(r.status).toBe(200);
    const b = (await r.json()) as Json;
    const d = (await (await api.req("/api/dashboard", { token: supervisor })).json()) as Json;
    expect(b).toMatchObject({ provisional: true, asOf: "2020-06-15", statusDay: "2020-06-15" });
    expect(b.tasks).toBe(d.tasks);
    expect(b.tasks).toBeGreaterThan(0);
    expect(b.byStatus).toEqual(d.byStatus);
    expect({ dueSoFar: b.cumulative.due, closedOnTime: b.cumulative.closedOnTime, rate: b.cumulative.rate }).toEqual(d.onTime);
    expect(b.overdue.total).toBe(d.overdue.total);
  });

  it("answers a DOCX and a PDF as attachments with a Chinese file name", async () => {
    const docx = await api.req("/api/bulletin?period=2020Q1&format=docx", { token: admin });
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const cd = docx.headers.get("content-disposition")!;
    expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toBe("2020年第一季度督查通报.docx");
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");
    const pdf = await api.req("/api/bulletin?from=2020-01-01&to=2020-03-31&format=pdf", { token: supervisor });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(decodeURIComponent(pdf.headers.get("content-disposition")!.split("UTF-8''")[1]!)).toBe("2020年1月1日至2020年3月31日督查通报.pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("is the supervisors' and admins': 401 logged out, 403 for an editor", async () => {
    expect((await api.req("/api/bulletin?period=2020Q1")).status).toBe(401);
    const r = await api.req("/api/bulletin?period=2020Q1", { token: editor });
    expect(r.status).toBe(403);
    expect(((await r.json()) as Json).message).toMatch(HAN);
  });

  it("refuses a period it cannot read, in Chinese, naming the field", async () => {
    for (const q of ["period=2020Q5", "period=去年", "from=2020-09-30&to=2020-07-01", "from=2020-07-01", "period=2020Q1&from=2020-01-01&to=2020-02-01"]) {
      const r = await api.req(`/api/bulletin?${q}`, { token: admin });
      expect(r.status, q).toBe(400);
      const e = (await r.json()) as Json;
      expect(e.error).toBe("validation");
      expect(e.message, q).toMatch(HAN);
    }
  });

  it("keeps a regional supervisor to its region, and says 404 for a document that does not exist", async () => {
    expect((await api.req("/api/bulletin?period=2020Q1&region=江门市", { token: regional })).status).toBe(403);
    const own = (await (await api.req("/api/bulletin?period=2020Q1", { token: regional })).json()) as Json;
    expect(own.scope).toMatchObject({ region: "广州市", label: "广州市" });
    const r = await api.req("/api/bulletin?period=2020Q1&document=999999", { token: admin });
    expect(r.status).toBe(404);
    expect(((await r.json()) as Json).message).toMatch(/文件 999999 不存在/);
  });
});
