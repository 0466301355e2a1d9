/**
 * Upload jobs through the API: a document whose parse never ends or eats memory is refused with its reason while
 * the server goes on answering; who may read a job; a job whose document an earlier attempt committed reports
 * that document as unchanged; an upload that never reached the queue is sent again.
 */
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ADMIN_PASSWORD, fileForm, followJob, openApi, passwordOf, seedBytes, seedFiles, type Api } from "../../test/support/api.js";
import { describeEngines } from "../../test/support/engines.js";
import type { IngestJob } from "../model/api.js";
import { parseBytes } from "../parse/index.js";
import { SYSTEM } from "../track/audit.js";
import { ingestDocument, type ParseFn } from "../track/ingest.js";
import { insertIngestJob, runIngestJob } from "./ingest-job.js";
import { DEFAULT_PARSE_LIMITS, ParsePool } from "./parse-threads.js";
import { Jobs } from "./queue.js";

const PARSER = pathToFileURL(resolve(import.meta.dirname, "../../test/fixtures/parsers/pathological.mjs")).href;
type Json = Record<string, any>;

describeEngines("upload jobs", (engine) => {
  let api: Api;
  // a short time limit for the endless parse; a long one for the greedy one, since V8 collects for a second or
  // so before it declares the heap exhausted; the default limits for real documents (a busy machine is slow)
  let pools: { time: ParsePool; memory: ParsePool; real: ParsePool };
  let admin: string;
  let supervisor: string;

  beforeAll(async () => {
    pools = {
      time: new ParsePool({ limits: { timeoutSeconds: 2, memoryMb: 256 }, threads: 2, parser: PARSER }),
      memory: new ParsePool({ limits: { timeoutSeconds: 60, memoryMb: 64 }, threads: 2, parser: PARSER }),
      real: new ParsePool({ limits: DEFAULT_PARSE_LIMITS, threads: 2, parser: PARSER }),
    };
    const parse: ParseFn = (bytes, name) =>
      (name.startsWith("grow-") ? pools.memory : name.startsWith("spin-") ? pools.time : pools.real).parse(bytes, name);
    api = await openApi(engine, { parse, workers: 2 });
    admin = await api.login("admin", ADMIN_PASSWORD);
    expect((await api.req("/api/users", { token: admin, json: { username: "sup", password: passwordOf("sup"), role: "supervisor" } })).status).toBe(201);
    supervisor = await api.login("sup", passwordOf("sup"));
  });
  afterAll(async () => {
    await api?.close();
    await pools?.time.close();
    await pools?.memory.close();
    await pools?.real.close();
  });

  const post = async (name: string, bytes: Uint8Array): Promise<IngestJob> => {
    const r = await api.req("/api/documents", { token: admin, form: fileForm(name, bytes) });
    expect(r.status).toBe(202);
    const job = (await r.json()) as IngestJob;
    expect(r.headers.get("location")).toBe(`/api/jobs/${job.id}`);
    return job;
  };

  it("refuses a document whose parse never ends, and one that eats memory, with the reason; answers meanwhile", async () => {
    const seed = seedBytes(seedFiles()[0]!);
    const spin = await post("spin-endless.txt", seed);
    const grow = await post("grow-greedy.txt", seed);
    expect(spin).toMatchObject({ state: "queued", progress: "排队等待", result: null });
    // both parse threads are busy with the two: the server still answers, the job says what it is doing
    const running = await followUntil(spin.id, (j) => j.state !== "queued");
    expect(["正在解析", "失败"]).toContain(running.progress);
    const list = await api.req("/api/documents", { token: admin });
    expect(list.status).toBe(200);
    expect((await api.req("/health")).status).toBe(200);

    const spun = await followJob(api.app, admin, spin.id);
    expect(spun).toMatchObject({ state: "failed", error: "parse_timeout", result: null });
    expect(spun.message).toBe("解析超过时限（2 秒）后被终止：文件过大或结构异常，未入库");
    const grown = await followJob(api.app, admin, grow.id);
    expect(grown).toMatchObject({ state: "failed", error: "parse_memory" });
    expect(grown.message).toContain("内存超过上限（64 MB）");
    expect((await api.db.query(`select 1 from document`)).rows).toHaveLength(0);
    expect((await api.db.query(`select 1 from ingest_job where bytes is not null`)).rows).toHaveLength(0);

    // the thread that ran out of memory was replaced; documents are parsed and stored again
    const again = await pools.memory.parse(seed, "again.txt");
    expect(again.outline.length).toBe((await parseBytes(seed, "again.txt")).outline.length);
    const ok = await api.upload(admin, fileForm(seedFiles()[0]!, seed));
    expect(ok).toMatchObject({ state: "done", progress: "已入库", attempts: 1, result: { status: "stored" } });
    expect(ok.finishedAt! >= ok.startedAt!).toBe(true);
  });

  it("lets the uploader and admins read a job, nobody else; lists jobs for admins", async () => {
    const job = await post("not-a-policy.txt", new TextEncoder().encode("随便写的一句话，没有标题也没有措施。"));
    const over = await followJob(api.app, admin, job.id);
    expect(over).toMatchObject({ state: "failed", error: "unparseable_document" });
    expect(over.message).toBe("无法解析：未找到标题，也未找到编号的措施（如“一、”“（一）”“1.”），不像政策文件");

    expect((await api.req(`/api/jobs/${job.id}`)).status).toBe(401);
    const other = await api.req(`/api/jobs/${job.id}`, { token: supervisor });
    expect(other.status).toBe(404);
    expect(((await other.json()) as Json).error).toBe("not_found");
    // an admin who did not upload it reads it too
    await api.req("/api/users", { token: admin, json: { username: "admin2", password: passwordOf("admin2"), role: "admin" } });
    expect((await api.req(`/api/jobs/${job.id}`, { token: await api.login("admin2", passwordOf("admin2")) })).status).toBe(200);
    // the uploader reads their own job whatever their role now (one who uploaded as admin, say)
    const sup = (await (await api.req("/api/auth/me", { token: supervisor })).json()) as Json;
    const theirs = "33333333-4444-4555-8666-777777777777";
    await insertIngestJob(api.db, theirs, { bytes: new Uint8Array([1]), name: "x.txt", published: true, actor: { id: sup.id, name: "sup", role: "supervisor" } });
    await api.db.query(`update ingest_job set state = 'failed', error = 'internal', message = '测试' where id = $1`, [theirs]);
    expect((await api.req(`/api/jobs/${theirs}`, { token: supervisor })).status).toBe(200);

    expect((await api.req(`/api/jobs/not-a-uuid`, { token: admin })).status).toBe(400);
    expect((await api.req(`/api/jobs/00000000-0000-4000-8000-000000000000`, { token: admin })).status).toBe(404);
    expect((await api.req(`/api/jobs`, { token: supervisor })).status).toBe(403);
    const listed = (await (await api.req(`/api/jobs?limit=2`, { token: admin })).json()) as { items: IngestJob[] };
    expect(listed.items.map((j) => j.id)).toEqual([theirs, job.id]);
    const open = (await (await api.req(`/api/jobs?open=true`, { token: admin })).json()) as { items: IngestJob[] };
    expect(open.items).toEqual([]);
  });

  it("reports a document an earlier attempt committed as unchanged, and stores nothing twice", async () => {
    const file = seedFiles()[1]!;
    const bytes = seedBytes(file);
    const id = "11111111-2222-4333-8444-555555555555";
    await insertIngestJob(api.db, id, { bytes, name: file, published: true, actor: SYSTEM });
    // the attempt that died: it had taken the job and committed the document, and no more
    await api.db.query(`update ingest_job set state = 'running', stage = 'storing', attempts = 1 where id = $1`, [id]);
    const committed = await ingestDocument(api.db, parseBytes, bytes, file, SYSTEM);
    const again = await runIngestJob(api.db, parseBytes, id, { retryCount: 1, retryLimit: 3 });
    expect(again).toEqual({ state: "done", result: { ...committed, status: "unchanged" } });
    const row = (await api.jobs.ingestJob(id))!;
    expect(row).toMatchObject({ state: "done", attempts: 2, progress: "此前已入库（同一文件）", result: { documentId: committed.documentId } });
    // and a third run (the queue never heard the second finish) answers the same without taking it up again
    expect(await runIngestJob(api.db, parseBytes, id, { retryCount: 2, retryLimit: 3 })).toEqual(again);
    expect((await api.jobs.ingestJob(id))!.attempts).toBe(2);
    expect((await api.db.query(`select 1 from document where sha256 = (select sha256 from ingest_job where id = $1)`, [id])).rows).toHaveLength(1);
  });

  it("queues again an upload whose process died before it reached the queue", async () => {
    const file = seedFiles()[2]!;
    const id = "22222222-3333-4444-8555-666666666666";
    await insertIngestJob(api.db, id, { bytes: seedBytes(file), name: file, published: true, actor: { id: null, name: "cli:test", role: "system" } });
    // any process opening the queue sends it
    const other = await Jobs.open({ db: api.db, store: api.store, log: () => {} });
    await other.stop(1);
    const over = await followJob(api.app, admin, id);
    expect(over).toMatchObject({ state: "done", result: { status: "stored" } });
  });

  /** follows a job until `done(job)` */
  async function followUntil(id: string, done: (j: IngestJob) => boolean): Promise<IngestJob> {
    for (;;) {
      const j = (await (await api.req(`/api/jobs/${id}`, { token: admin })).json()) as IngestJob;
      if (done(j)) return j;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
});
