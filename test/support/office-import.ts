/**
 * A stored document for the importers' tests: two chapters whose measures repeat the label 1. (as real documents
 * do), targets of several kinds, four bodies, and users: an admin, an editor of 省通信管理局, an editor of
 * 省财政厅, a supervisor.
 */
import type { Db } from "../../src/store/db.js";
import type { Actor } from "../../src/track/audit.js";
import { SYSTEM } from "../../src/track/audit.js";
import { ingestDocument } from "../../src/track/ingest.js";
import { bytesOf, jsonParse, node, sampleParsed } from "./parsed.js";

export interface ImportWorld {
  documentId: number;
  /** task ids by "label|body short name": "1.|通信" is 一/1's task of 省通信管理局 */
  task: (measurePath: string, body: string) => number;
  bodyId: (short: string) => number;
  admin: Actor;
  /** an editor of 省通信管理局 */
  editor: Actor;
  /** an editor of 省财政厅 */
  otherEditor: Actor;
  supervisor: Actor;
  measureText: (path: string) => string;
}

const TEXT = [
  "一、加快信息基础设施建设",
  "1. 提速5G网络建设。到2020年三季度末，全省5G基站建成4.8万座，5G用户数达到2000万。（省工业和信息化厅、省通信管理局）",
  "2. 完善乡村信息基础设施。到2020年底，自然村光纤通达率达到95%。（省财政厅、省通信管理局）",
  "二、促进信息服务和消费",
  "1. 发展智慧医疗。推动医疗机构接入5G网络。（省卫生健康委、省通信管理局）",
].join("\n");

export async function seedImportWorld(db: Db, source = "import-world"): Promise<ImportWorld> {
  const p = sampleParsed({ source: `${source}.txt`, text: TEXT });
  const span = (s: string) => {
    const start = TEXT.indexOf(s);
    return { start, end: start + s.length, rule: "t" };
  };
  const lines = TEXT.split("\n");
  p.outline = [
    node(["一"], "加快信息基础设施建设", [], { label: "一、", textSpan: span(lines[0]!) }),
    node(["一", "1"], "提速5G网络建设", ["省工业和信息化厅", "省通信管理局"], {
      label: "1.",
      textSpan: span(lines[1]!),
      quantities: [
        { text: "4.8万座", value: 48000, unit: "座", kind: "target", deadline: "2020-09-30", indicator: "5G基站" },
        { text: "2000万", value: 20000000, unit: "", kind: "target", deadline: "2020-12-31", indicator: "5G用户数" },
      ],
    }),
    node(["一", "2"], "完善乡村信息基础设施", ["省财政厅", "省通信管理局"], {
      label: "2.",
      textSpan: span(lines[2]!),
      quantities: [{ text: "95%", value: 95, unit: "%", kind: "target", deadline: "2020-12-31", indicator: "自然村光纤通达率" }],
    }),
    node(["二"], "促进信息服务和消费", [], { label: "二、", textSpan: span(lines[3]!) }),
    node(["二", "1"], "发展智慧医疗", ["省卫生健康委", "省通信管理局"], { label: "1.", textSpan: span(lines[4]!) }),
  ];
  const r = await ingestDocument(db, jsonParse, bytesOf(p), `${source}.json`, SYSTEM);
  const documentId = r.documentId;
  const tasks = await db.query<{ id: number; path: string[]; body: string; body_id: number; text: string }>(
    `select t.id, m.path, b.name as body, b.id as body_id, m.text from task t join measure m on m.id = t.measure_id
     join responsible_body b on b.id = t.body_id where m.document_id = $1`,
    [documentId],
  );
  const find = (short: string) => {
    const hit = tasks.rows.find((t) => t.body.includes(short));
    if (!hit) throw new Error(`no body ${short}`);
    return hit.body_id;
  };
  const user = async (name: string, role: "admin" | "editor" | "supervisor", bodyIds: number[] = []): Promise<Actor> => {
    const u = await db.query<{ id: number }>(`insert into app_user (username, password_hash, role) values ($1, 'x', $2) returning id`, [`${source}-${name}`, role]);
    const id = u.rows[0]!.id;
    for (const b of bodyIds) await db.query(`insert into user_body (user_id, body_id) values ($1, $2)`, [id, b]);
    return { id, name: `${source}-${name}`, role, bodyIds };
  };
  return {
    documentId,
    task: (path, short) => {
      const hit = tasks.rows.find((t) => t.path.join("/") === path && t.body.includes(short));
      if (!hit) throw new Error(`no task ${path} ${short}`);
      return hit.id;
    },
    bodyId: find,
    admin: await user("admin", "admin"),
    editor: await user("editor", "editor", [find("通信管理局")]),
    otherEditor: await user("other", "editor", [find("财政厅")]),
    supervisor: await user("supervisor", "supervisor"),
    measureText: (path) => tasks.rows.find((t) => t.path.join("/") === path)!.text,
  };
}
