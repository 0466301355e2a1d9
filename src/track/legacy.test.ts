import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEngines } from "../../test/support/engines.js";
import { parseBytes } from "../parse/index.js";
import type { Db } from "../store/db.js";
import { SYSTEM } from "./audit.js";
import { ingestDocument } from "./ingest.js";
import { fillLegacyDetails } from "./legacy.js";

const DOC = [
  "关于加快乡村物流体系建设的实施意见",
  "",
  "各乡镇人民政府：",
  "一、主要目标",
  "（一）完善县乡村三级物流网络。到2023年底，全县村级物流服务站点达到180个，快递进村覆盖率达到95%。",
  "（二）资金支持。",
  "1. 对新建冷链仓储设施的企业，给予不超过50万元补助。",
  "示范县人民政府",
  "2022年5月10日",
].join("\n");

describeEngines("documents stored before labels and indicators", (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await engine.open());
  });
  afterAll(async () => close?.());

  it("gets the labels as written and the indicators a fresh ingest stores, once", async () => {
    const { documentId } = await ingestDocument(db, parseBytes, new TextEncoder().encode(DOC), "logistics.txt", SYSTEM);
    const read = async () => ({
      labels: (await db.query<{ label: string }>(`select label from measure where document_id = $1 order by ordinal`, [documentId])).rows.map((r) => r.label),
      targets: (
        await db.query<{ indicator: string | null; cap: boolean }>(
          `select tg.indicator, tg.cap from target tg join measure m on m.id = tg.measure_id where m.document_id = $1 order by m.ordinal, tg.ordinal`,
          [documentId],
        )
      ).rows,
    });
    const fresh = await read();
    expect(fresh.labels).toEqual(["一、", "（一）", "（二）", "1."]);
    expect(fresh.targets).toEqual([
      { indicator: "村级物流服务站点", cap: false },
      { indicator: "快递进村覆盖率", cap: false },
      { indicator: "补助", cap: true },
    ]);
    // as a store before version 13 holds it: paths joined by dots, no indicators, a parse without labels
    await db.query(`update measure set label = array_to_string(path, '.') where document_id = $1`, [documentId]);
    await db.query(`update target set indicator = null, cap = false where measure_id in (select id from measure where document_id = $1)`, [documentId]);
    await db.query(
      `update document set parsed = jsonb_set(parsed, '{outline}', (select jsonb_agg(n - 'label') from jsonb_array_elements(parsed->'outline') n)) where id = $1`,
      [documentId],
    );
    await db.query(`delete from app_meta where key = 'legacy-details-v11'`);
    expect((await read()).labels).toEqual(["一", "一.一", "一.二", "一.二.1"]);
    expect(await fillLegacyDetails(db)).toBe(1);
    expect(await read()).toEqual(fresh);
    expect(await fillLegacyDetails(db)).toBe(0);
  });
});
