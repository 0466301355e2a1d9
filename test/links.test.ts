/**
 * Links between stored documents through the API, on both engines: citations resolved against the store, the
 * parent found by citation (001 implements 000, 003 implements 002) or by similarity, a forwarding notice
 * linked as `forwards`, alignments cached per pair, and what the public may see.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBytes } from "../src/parse/index.js";
import { documentLinks, findParents, LinkContext, refreshLinks, staleLinks, subjectOf, type DocumentLinks } from "../src/link/store.js";
import { ingestDocument } from "../src/track/ingest.js";
import { SYSTEM } from "../src/track/audit.js";
import { fileForm, openApi, seedBytes, seedFiles, ADMIN_PASSWORD, type Api } from "./support/api.js";
import { describeEngines, pglite } from "./support/engines.js";

const [S000, S001, S002, S003, S004] = seedFiles();
const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (f: string) => new TextDecoder().decode(seedBytes(f));

/** the provincial notice that seed 000 (a 江门 notice) forwards, on its own */
const original000 = () => {
  const t = text(S000!);
  return t.slice(t.indexOf("广东省工业和信息化厅\n广东省通信管理局"));
};

interface Citations {
  items: Array<{ docNumber: string | null; title: string | null; status: string; documents: Array<{ id: number; by: string }> }>;
}

describeEngines("document links (API)", (engine) => {
  let api: Api;
  let token: string;
  const ids: Record<string, number> = {};
  const links = async (id: number, t: string | null = token) => {
    const r = await api.req(`/api/documents/${id}/links`, { token: t });
    expect(r.status).toBe(200);
    return (await r.json()) as DocumentLinks & { pending: boolean };
  };

  beforeAll(async () => {
    api = await openApi(engine);
    token = await api.login("admin", ADMIN_PASSWORD);
    for (const f of seedFiles()) {
      const job = await api.upload(token, fileForm(f, seedBytes(f), { published: "true" }));
      ids[f] = job.result!.documentId;
    }
    // the links job queued by the uploads
    await api.jobs.settled();
  });
  afterAll(async () => api?.close());

  it("resolves a cited 文号 to the stored document and lists the rest as unresolved", async () => {
    const r = await api.req(`/api/documents/${ids[S001!]}/citations`);
    expect(r.status).toBe(200);
    const { items } = (await r.json()) as Citations;
    const cited = items.find((c) => c.docNumber === "粤工信信软〔2020〕37号")!;
    expect(cited.status).toBe("resolved");
    expect(cited.documents.map((d) => d.id)).toEqual([ids[S000!]]);
    expect(cited.documents[0]!.by).toBe("docNumber");
    expect(items.filter((c) => c.status === "unresolved").length).toBe(items.length - 1);
  });

  it("resolves a cited title with punctuation, width and 关于印发…的通知 around it", async () => {
    const { items } = (await (await api.req(`/api/documents/${ids[S003!]}/citations`)).json()) as Citations;
    const gd = items.find((c) => c.title?.includes("广东省扩大和升级信息消费实施方案"))!;
    expect(gd.documents.map((d) => d.id)).toEqual([ids[S002!]]);
    expect(items.find((c) => c.docNumber === "国发〔2017〕40号")!.status).toBe("unresolved");
  });

  it("001 implements 000 and 003 implements 002, found by citation, with measure links, gaps and cascades", async () => {
    const l1 = await links(ids[S001!]!);
    expect(l1.implements.map((p) => p.document.id)).toEqual([ids[S000!]]);
    const p = l1.implements[0]!;
    expect(p.via).toBe("citation");
    expect(p.citation?.docNumber).toBe("粤工信信软〔2020〕37号");
    expect(p.alignment.linked).toBeGreaterThan(20);
    expect(p.alignment.links[0]!.parents[0]!.title).toBeTruthy();
    // every measure, new ones too, carries its best candidates with titles and scores, for linking by hand
    expect(p.alignment.links.every((l) => l.candidates.length > 0 && l.candidates[0]!.title !== "")).toBe(true);
    expect(Array.isArray(p.alignment.uncovered)).toBe(true);
    expect(Array.isArray(p.alignment.cascades)).toBe(true);

    const l0 = await links(ids[S000!]!);
    expect(l0.implementedBy.map((c) => c.document.id)).toEqual([ids[S001!]]);
    expect(l0.implements).toEqual([]);

    const l3 = await links(ids[S003!]!);
    expect(l3.implements.map((x) => x.document.id)).toEqual([ids[S002!]]);
    const l2 = await links(ids[S002!]!);
    expect(l2.implementedBy.map((c) => c.document.id)).toEqual([ids[S003!]]);
    // the 广州 plan restates the province's targets: cascades with their shares
    expect(l3.implements[0]!.alignment.cascades.length).toBeGreaterThan(0);
  });

  it("caches each alignment and keeps it while neither document changes", async () => {
    const before = await api.db.query<{ computed_at: string; child_id: number }>(`select child_id, computed_at from document_alignment order by child_id, parent_id`);
    expect(before.rows.length).toBeGreaterThan(0);
    await links(ids[S001!]!);
    const after = await api.db.query<{ computed_at: string; child_id: number }>(`select child_id, computed_at from document_alignment order by child_id, parent_id`);
    expect(after.rows).toEqual(before.rows);
    // a changed parse result is recomputed
    await api.db.query(`update document set parsed = jsonb_set(parsed, '{warnings}', '["changed"]'::jsonb) where id = $1`, [ids[S000!]!]);
    await links(ids[S001!]!);
    const again = await api.db.query<{ computed_at: string }>(`select computed_at from document_alignment where child_id = $1 and parent_id = $2`, [
      ids[S001!]!,
      ids[S000!]!,
    ]);
    expect(again.rows[0]!.computed_at).not.toBe(before.rows.find((r) => r.child_id === ids[S001!])!.computed_at);
  });

  it("links a forwarding notice as forwards: the provincial original stored too is one policy with it", async () => {
    const orig = (await api.upload(token, fileForm("gd-original.txt", utf8(original000())))).result!.documentId;
    await api.jobs.settled();
    const l0 = await links(ids[S000!]!);
    expect(l0.pending).toBe(false);
    expect(l0.forwards.map((d) => d.id)).toEqual([orig]);
    expect(l0.implementedBy).toEqual([]);
    const lo = await links(orig);
    expect(lo.forwardedBy.map((d) => d.id)).toEqual([ids[S000!]]);
    expect(lo.implementedBy.map((c) => c.document.id)).toEqual([ids[S001!]]);
    // 001 cites the 文号 both carry: it implements the original, once
    expect((await links(ids[S001!]!)).implements.map((p) => p.document.id)).toEqual([orig]);
    // a document removed: the links answer as stored, say a recomputation is due and queue it
    await api.db.query(`delete from document where id = $1`, [orig]);
    const stale = await links(ids[S001!]!);
    expect(stale.pending).toBe(true);
    expect(stale.implements).toEqual([]); // the link to the removed one went with it; none recomputed yet
    await api.jobs.settled();
    const fresh = await links(ids[S001!]!);
    expect(fresh.pending).toBe(false);
    expect(fresh.implements.map((p) => p.document.id)).toEqual([ids[S000!]]);
  });

  it("shows the public published documents only", async () => {
    expect((await api.req(`/api/documents/${ids[S001!]}/links`)).status).toBe(200);
    await api.req(`/api/documents/${ids[S000!]}`, { token, method: "PATCH", json: { published: false } });
    expect((await api.req(`/api/documents/${ids[S000!]}/links`)).status).toBe(404);
    expect((await api.req(`/api/documents/${ids[S000!]}/citations`)).status).toBe(404);
    expect((await links(ids[S001!]!, null)).implements).toEqual([]);
    const { items } = (await (await api.req(`/api/documents/${ids[S001!]}/citations`)).json()) as Citations;
    expect(items.every((c) => c.status === "unresolved")).toBe(true);
    expect((await links(ids[S001!]!)).implements.map((p) => p.document.id)).toEqual([ids[S000!]]);
    await api.req(`/api/documents/${ids[S000!]}`, { token, method: "PATCH", json: { published: true } });
    expect((await api.req(`/api/documents/999999/links`)).status).toBe(404);
  });
});

describe("finding a parent by similarity", () => {
  it("takes the most similar document above a document that cites none, and none when nothing is similar", async () => {
    const { db, close } = await pglite.open();
    try {
      for (const f of [S000!, S002!, S004!]) await ingestDocument(db, parseBytes, seedBytes(f), f, SYSTEM);
      // the 广州 plan without its citations, 文号 or title: found by what its measures say
      const t = text(S003!)
        .replace(/为贯彻落实[^。]*制定本实施意见。/, "为进一步释放发展活力，制定本实施意见。")
        .replaceAll("穗工信〔2019〕6号", "穗工信〔2019〕99号")
        .replaceAll("广州市扩大和升级信息消费实施意见", "广州市信息消费工作意见");
      const parsed = await parseBytes(utf8(t), "gz.txt");
      expect(parsed.document.cites).toEqual([]);
      const ctx = await LinkContext.load(db);
      const r = await findParents(ctx, subjectOf(parsed));
      expect(r.parents.map((p) => [p.document.title, p.via])).toEqual([["广东省扩大和升级信息消费实施方案（2018-2020年）", "similarity"]]);
      expect(r.tried.length).toBeGreaterThan(1);
      // stored, it is linked so both ways
      const id = (await ingestDocument(db, parseBytes, utf8(t), "gz.txt", SYSTEM)).documentId;
      expect(await staleLinks(db)).toBe(4);
      expect(await refreshLinks(db)).toBe(4);
      expect(await staleLinks(db)).toBe(0);
      const l = (await documentLinks(db, id, { publishedOnly: false }))!;
      expect(l.implements[0]!.via).toBe("similarity");
      // an unrelated document finds nothing above it that is similar enough
      const other = await parseBytes(utf8("关于做好防汛工作的通知\n一、加强堤防巡查\n（一）各区每日巡查堤防两次。\n二、做好物资储备\n（一）储备沙袋一万只。\n某市人民政府\n2021年5月1日"), "x.txt");
      expect((await findParents(ctx, subjectOf(other))).parents).toEqual([]);
    } finally {
      await close();
    }
  });
});
