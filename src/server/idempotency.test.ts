import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { ADMIN_PASSWORD, fileForm, openApi, passwordOf, seedBytes, seedFiles, type Api } from "../../test/support/api.js";
import { KEY_HOURS } from "./idempotency.js";

type Json = Record<string, any>;
const body = async (r: Response): Promise<Json> => (await r.json()) as Json;

describeEngines("idempotency keys", (engine) => {
  let api: Api;
  let admin: string;
  let editor: string;
  let supervisor: string;
  let taskId: number;
  let docId: number;

  beforeAll(async () => {
    api = await openApi(engine);
    admin = await api.login("admin", ADMIN_PASSWORD);
    const f = seedFiles()[0]!;
    docId = (await api.upload(admin, fileForm(f, seedBytes(f)))).result!.documentId;
    const task = (await body(await api.req(`/api/tasks?document=${docId}&pageSize=1`, { token: admin }))).items[0];
    taskId = task.id;
    for (const [username, role, bodyIds] of [["keyed-editor", "editor", [task.bodyId]], ["keyed-supervisor", "supervisor", undefined]] as const) {
      const r = await api.req("/api/users", { token: admin, json: { username, password: passwordOf(username), role, bodyIds } });
      expect(r.status).toBe(201);
    }
    editor = await api.login("keyed-editor", passwordOf("keyed-editor"));
    supervisor = await api.login("keyed-supervisor", passwordOf("keyed-supervisor"));
  });
  afterAll(async () => api?.close());

  const report = (key: string | null, text: string, token = editor) =>
    api.req(`/api/tasks/${taskId}/reports`, { token, json: { text }, headers: key ? { "idempotency-key": key } : {} });
  const count = async (sql: string, params: unknown[] = []) =>
    (await api.db.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params as never[])).rows[0]!.n;
  const reportsWith = (text: string) => count(`progress_report where text = $1`, [text]);

  it("stores a report posted twice with one key once, and answers the repeat with the first answer", async () => {
    const first = await report("report-key-1", "第一次报送");
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const again = await report("report-key-1", "第一次报送");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await body(again)).toEqual(await body(first));
    expect(await reportsWith("第一次报送")).toBe(1);
    expect(await count(`audit_entry where action = 'report.create' and entity_id = $1`, [String(taskId)])).toBe(1);
    // without a key, a repeat is a new report (a correction is a later report)
    expect((await report(null, "无键报送")).status).toBe(201);
    expect((await report(null, "无键报送")).status).toBe(201);
    expect(await reportsWith("无键报送")).toBe(2);
  });

  it("does the work once for concurrent repeats of one key", async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => report("concurrent-key", "并发报送")));
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(await reportsWith("并发报送")).toBe(1);
    const ids = new Set(await Promise.all(answers.map(async (r) => (await body(r)).id)));
    expect(ids.size).toBe(1);
    expect(answers.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(7);
  });

  it("refuses the same key with another request, in Chinese, and does nothing", async () => {
    expect((await report("reused-key", "原来的内容")).status).toBe(201);
    const other = await report("reused-key", "改过的内容");
    expect(other.status).toBe(422);
    const b = await body(other);
    expect(b).toMatchObject({ error: "idempotency_key_reused", details: { header: "Idempotency-Key" } });
    expect(b.message).toMatch(/已用于另一个请求/);
    expect(await reportsWith("改过的内容")).toBe(0);
    // another route with the same key is another request too
    const comment = await api.req(`/api/tasks/${taskId}/comments`, { token: admin, json: { text: "原来的内容" }, headers: { "idempotency-key": "reused-key" } });
    expect(comment.status).toBe(201); // keys are the user's own: the admin's "reused-key" is not the editor's
    const elsewhere = await api.req(`/api/tasks/${taskId}/comments`, { token: editor, json: { text: "原来的内容" }, headers: { "idempotency-key": "reused-key" } });
    expect(elsewhere.status).toBe(403); // the editor may not comment: the role is checked before any key
  });

  it("keeps each user's keys apart", async () => {
    const mine = await report("shared-key", "各自的报送");
    const theirs = await report("shared-key", "各自的报送", admin);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    expect(await reportsWith("各自的报送")).toBe(2);
  });

  it("stores no error: a refused write may be sent again with its key", async () => {
    const bad = await api.req(`/api/tasks/${taskId}/reports`, { token: editor, json: { text: "缺目标", value: 3 }, headers: { "idempotency-key": "after-error" } });
    expect(bad.status).toBe(400);
    expect(await count(`idempotent_request where key = 'after-error'`)).toBe(0);
    expect((await report("after-error", "修正后的报送")).status).toBe(201);
  });

  it("forgets a key after its hours", async () => {
    expect((await report("old-key", "过期前")).status).toBe(201);
    await api.db.query(`update idempotent_request set created_at = now() - make_interval(hours => $1::int + 1) where key = 'old-key'`, [KEY_HOURS]);
    const later = await report("old-key", "过期前");
    expect(later.status).toBe(201);
    expect(later.headers.get("idempotent-replayed")).toBeNull();
    expect(await reportsWith("过期前")).toBe(2);
    // and expired keys of anyone are cleared away once a write stores an answer
    await api.db.query(`update idempotent_request set created_at = now() - make_interval(hours => $1::int + 1) where key = 'report-key-1'`, [KEY_HOURS]);
    expect((await report("fresh-key", "清理")).status).toBe(201);
    expect(await count(`idempotent_request where key = 'report-key-1'`)).toBe(0);
  });

  it("refuses a malformed key as a 400", async () => {
    for (const key of ["", "x".repeat(256), "has space", "clé-ümlaut"]) {
      const r = await api.req(`/api/tasks/${taskId}/reports`, { token: editor, json: { text: "坏键" }, headers: { "idempotency-key": key } });
      expect(r.status, key).toBe(400);
      expect((await body(r)).message).toMatch(/Idempotency-Key/);
    }
    expect(await reportsWith("坏键")).toBe(0);
  });

  it("makes the other creating routes idempotent: users, comments, uploads, assignments", async () => {
    const k = { "idempotency-key": "make-user" };
    const newUser = { username: "made-once", password: passwordOf("made-once"), role: "supervisor" };
    const u1 = await api.req("/api/users", { token: admin, json: newUser, headers: k });
    const u2 = await api.req("/api/users", { token: admin, json: newUser, headers: k });
    expect([u1.status, u2.status]).toEqual([201, 201]);
    expect((await body(u2)).id).toBe((await body(u1)).id);
    expect(await count(`app_user where username = 'made-once'`)).toBe(1);
    // the password is no part of what is kept of the request (a fast hash of it could be guessed offline)
    const u3 = await api.req("/api/users", { token: admin, json: { ...newUser, password: "Another-Secret-77" }, headers: k });
    expect([u3.status, u3.headers.get("idempotent-replayed")]).toEqual([201, "true"]);

    const c = () => api.req(`/api/tasks/${taskId}/comments`, { token: supervisor, json: { text: "请加快进度" }, headers: { "idempotency-key": "comment-1" } });
    expect([(await c()).status, (await c()).status]).toEqual([201, 201]);
    expect(await count(`task_comment where text = '请加快进度'`)).toBe(1);

    // an upload: with a key, the repeat names the first upload's job, and no second job is recorded
    const f = seedFiles()[1]!;
    const up = () => api.req("/api/documents", { token: admin, form: fileForm(f, seedBytes(f)), headers: { "idempotency-key": "upload-1" } });
    const first = await up();
    const again = await up();
    expect([first.status, again.status]).toEqual([202, 202]);
    const job = await body(first);
    expect((await body(again)).id).toBe(job.id);
    expect([first.headers.get("location"), again.headers.get("location")]).toEqual([`/api/jobs/${job.id}`, `/api/jobs/${job.id}`]);
    expect(await count(`ingest_job where source_name = '${f}'`)).toBe(1);
    const renamed = await api.req("/api/documents", { token: admin, form: fileForm(`other-${f}`, seedBytes(f)), headers: { "idempotency-key": "upload-1" } });
    expect(renamed.status).toBe(422);

    const measure = (await body(await api.req(`/api/measures?document=${docId}&pageSize=1`, { token: admin }))).items[0];
    const bodyId = (await body(await api.req(`/api/bodies?pageSize=1`, { token: admin }))).items[0].id;
    const assign = () => api.req(`/api/measures/${measure.id}/tasks`, { token: admin, json: { bodyId, role: "supporting" }, headers: { "idempotency-key": "assign-1" } });
    const a1 = await assign();
    const a2 = await assign();
    expect(a2.status).toBe(a1.status);
    expect(await body(a2)).toEqual(await body(a1));
  });

  it("is offered on every POST route that is not a login, logout or password change", async () => {
    const doc = await body(await api.req("/openapi.json"));
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
      const post = ops.post;
      if (!post || path.startsWith("/api/auth/")) continue;
      const header = (post.parameters ?? []).find((p: Json) => p.in === "header" && p.name.toLowerCase() === "idempotency-key");
      if (!header || !post.responses["422"]) missing.push(path);
    }
    expect(missing).toEqual([]);
  });
});
