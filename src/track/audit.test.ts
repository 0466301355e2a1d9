import { afterAll, describe, expect, it } from "vitest";
import { openStore, type Db } from "../store/index.js";
import { listAudit, SYSTEM } from "./audit.js";
import { assignTask, removeTask } from "./tasks.js";

describe("audit entries name their object in words", () => {
  let db: Db;
  afterAll(async () => db?.close());

  it("a task as its measure's heading and its body, also once the task is removed; a document by its title", async () => {
    db = await openStore({ dataDir: "memory" });
    const doc = (await db.query<{ id: number }>(`insert into document (sha256, source_name, title, parsed, byte_size) values ('a', 'x', '关于某事的通知', '{}', 0) returning id`)).rows[0]!.id;
    const measure = (
      await db.query<{ id: number }>(`insert into measure (document_id, ordinal, path, label, title) values ($1, 0, '{1}', '1.', '提速降费') returning id`, [doc])
    ).rows[0]!.id;
    const body = (await db.query<{ id: number }>(`insert into responsible_body (name) values ('市通信管理局') returning id`)).rows[0]!.id;
    const task = await assignTask(db, SYSTEM, measure, body, "lead");
    await removeTask(db, SYSTEM, task.id);
    await db.query(`insert into audit_entry (actor, action, entity, entity_id) values ('system', 'document.publish', 'document', $1), ('system', 'notice.send', 'notice', '7')`, [String(doc)]);
    const { items } = await listAudit(db, { limit: 10, offset: 0 });
    const subject = (action: string) => items.find((e) => e.action === action)?.subject;
    expect(subject("task.assign")).toBe("1. 提速降费（市通信管理局）");
    expect(subject("task.delete")).toBe("1. 提速降费（市通信管理局）");
    expect(subject("document.publish")).toBe("关于某事的通知");
    expect(subject("notice.send")).toBeNull();
  });
});
