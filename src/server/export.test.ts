/**
 * The download routes of the 任务分工表: the file, its type and Chinese name, and who gets which rows — an admin all,
 * an editor of a scoped deployment its own body's only, the public nothing; 404 for a document that does not exist.
 */
import mammoth from "mammoth";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { ADMIN_PASSWORD, fileForm, openApi, passwordOf, seedBytes, seedFiles, type Api } from "../../test/support/api.js";
import { parseCsv, readXlsx } from "../../test/support/office.js";
import { HIDDEN_SHEET_NAME, TASK_TABLE_COLUMNS } from "../office/layout.js";

type Json = Record<string, any>;
const HAN = /[\u4e00-\u9fff]/;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** the CSV's records as objects by header */
async function csvRecords(r: Response): Promise<Array<Record<string, string>>> {
  const bytes = new Uint8Array(await r.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes.slice(3)));
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]!])));
}

describeEngines("task table downloads", (engine) => {
  let api: Api;
  let admin: string;
  let editor: string;
  let document: number;
  let title: string;
  let ownBody: { id: number; name: string };
  let otherBody: number;
  let allTasks: Json[];

  beforeAll(async () => {
    api = await openApi(engine);
    admin = await api.login("admin", ADMIN_PASSWORD);
    const job = await api.upload(admin, fileForm(seedFiles()[0]!, seedBytes(seedFiles()[0]!)));
    document = job.result!.documentId;
    title = job.result!.title!;
    allTasks = ((await (await api.req(`/api/tasks?document=${document}&pageSize=200`, { token: admin })).json()) as Json).items;
    const first = allTasks[0]!;
    ownBody = { id: first.bodyId, name: first.bodyName };
    otherBody = allTasks.find((t) => t.bodyId !== ownBody.id)!.bodyId;
    const username = "export-editor";
    expect((await api.req("/api/users", { token: admin, json: { username, password: passwordOf(username), role: "editor", bodyIds: [ownBody.id] } })).status).toBe(201);
    editor = await api.login(username, passwordOf(username));
  });
  afterAll(async () => api?.close());

  it("gives an admin the document's XLSX with every task, named after the document", async () => {
    const r = await api.req(`/api/documents/${document}/task-table?format=xlsx`, { token: admin });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe(XLSX);
    const name = `${title}任务分工表.xlsx`;
    expect(r.headers.get("content-disposition")).toBe(`attachment; filename="luoshi.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
    const x = await readXlsx(new Uint8Array(await r.arrayBuffer()));
    const hidden = await x.sheet(HIDDEN_SHEET_NAME);
    const ids = [...hidden.cells.entries()].filter(([ref, c]) => /^A\d+$/.test(ref) && Number(ref.slice(1)) > 5 && c.text).map(([, c]) => Number(c.text));
    expect(ids.sort((a, b) => a - b)).toEqual(allTasks.map((t) => t.id).sort((a, b) => a - b));
  });

  it("gives an editor its own body's rows only, and refuses another body", async () => {
    const r = await api.req(`/api/documents/${document}/task-table?format=csv`, { token: editor });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const records = await csvRecords(r);
    const own = allTasks.filter((t) => t.bodyId === ownBody.id);
    expect(records.map((x) => Number(x["任务编号"]))).toEqual(own.map((t) => t.id).sort((a, b) => a - b));
    expect(new Set(records.map((x) => x["填报单位"]))).toEqual(new Set([ownBody.name]));
    expect(Object.keys(records[0]!)).toEqual(TASK_TABLE_COLUMNS.map((c) => c.header));
    const refused = await api.req(`/api/tasks/export?format=csv&body=${otherBody}`, { token: editor });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Json).message).toMatch(HAN);
  });

  it("exports a filtered task list as DOCX, its title naming the filter", async () => {
    const r = await api.req(`/api/tasks/export?format=docx&status=not_started&body=${ownBody.id}`, { token: admin });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe(DOCX);
    expect(r.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(`任务分工表（${ownBody.name}）（未开始）.docx`)}`);
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await r.arrayBuffer()) })).value;
    expect(text).toContain(`任务分工表（${ownBody.name}）（未开始）`);
    expect(text).toContain(ownBody.name);
  });

  it("lists an editor's own tasks across documents, as the task list does", async () => {
    const r = await api.req(`/api/tasks/export?format=csv`, { token: editor });
    const records = await csvRecords(r);
    expect(records.length).toBe(allTasks.filter((t) => t.bodyId === ownBody.id).length);
    expect(new Set(records.map((x) => x["填报单位"]))).toEqual(new Set([ownBody.name]));
  });

  it("answers 404 for an unknown document, 400 for an unknown format, 401 to the public", async () => {
    const missing = await api.req(`/api/documents/999999/task-table?format=xlsx`, { token: admin });
    expect(missing.status).toBe(404);
    const b = (await missing.json()) as Json;
    expect(b.error).toBe("not_found");
    expect(b.message).toMatch(HAN);
    expect((await api.req(`/api/documents/${document}/task-table?format=pdf`, { token: admin })).status).toBe(400);
    expect((await api.req(`/api/documents/${document}/task-table`)).status).toBe(401);
    expect((await api.req(`/api/tasks/export`)).status).toBe(401);
  });

  it("pages the table's rows for the page: every measure, each task the reader may see, counted by status", async () => {
    const rows = async (token: string, q = "") => (await (await api.req(`/api/documents/${document}/task-table/rows${q}`, { token })).json()) as Json;
    const all = await rows(admin, "?pageSize=200");
    const measures = ((await (await api.req(`/api/measures?document=${document}&pageSize=200`, { token: admin })).json()) as Json).total;
    expect(all.total).toBe(measures);
    expect(all.items.map((r: Json) => r.no)).toEqual(Array.from({ length: measures }, (_, i) => i + 1));
    const counted = all.items.reduce((n: number, r: Json) => n + r.taskCount, 0);
    expect(counted).toBe(allTasks.length);
    for (const r of all.items) expect(Object.values(r.statusCounts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(r.taskCount);
    const second = await rows(admin, "?page=2&pageSize=3");
    expect(second.items.map((r: Json) => r.no)).toEqual([4, 5, 6]);
    expect(second.items[0].measure.id).toBe(all.items[3].measure.id);

    const mine = await rows(editor, "?pageSize=200");
    expect(mine.total).toBe(measures);
    const seen = mine.items.flatMap((r: Json) => r.tasks.map((t: Json) => t.bodyId));
    expect(new Set(seen)).toEqual(new Set([ownBody.id]));
    expect(mine.items.reduce((n: number, r: Json) => n + r.taskCount, 0)).toBe(allTasks.filter((t) => t.bodyId === ownBody.id).length);

    const missing = await api.req(`/api/documents/999999/task-table/rows`, { token: admin });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as Json).message).toMatch(HAN);
    expect((await api.req(`/api/documents/${document}/task-table/rows`)).status).toBe(401);
  });
});
