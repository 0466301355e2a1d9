// 20 concurrent uploads of different documents that all name the same new responsible bodies: no upload fails
// with a 500 (they race to create the same bodies), every one is stored, and each new body exists once.
import { upload } from "./luoshi.mjs";

const UPLOADS = 20;
const NAME_CHARS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥";
const SUFFIXES = ["数据资源局", "低空经济促进办", "乡村振兴服务中心", "营商环境建设局"];

/** `count` documents, each with two measures naming the same `bodies`. */
function documents(count, bodies, runId) {
  return Array.from({ length: count }, (_, i) => {
    const [a, b, c] = bodies;
    return (
      `关于印发推进第${i + 1}项试点工作若干措施的通知（${runId}）\n各区人民政府，市政府各部门：\n现将《推进第${i + 1}项试点工作若干措施》印发给你们，请认真贯彻执行。\n` +
      `市人民政府办公厅\n2024年3月1日\n推进第${i + 1}项试点工作若干措施\n` +
      `一、推进第${i + 1}项试点建设。到2025年底完成${10 + i}个项目。（责任单位：${a}、${b}）\n` +
      `二、完善第${i + 1}项配套服务。（牵头单位：${a}；配合单位：${b}、${c}）\n`
    );
  });
}

export async function concurrentUploads({ cluster, server, db, token, rounds, random, runId }) {
  const statuses = {};
  let stored = 0;
  let duplicated = 0;
  let names = 0;
  for (let round = 0; round < rounds; round++) {
    const pick = () => NAME_CHARS[Math.floor(random() * NAME_CHARS.length)];
    const bodies = [0, 1, 2].map((i) => `市${pick()}${pick()}${pick()}${SUFFIXES[(i + round) % SUFFIXES.length]}`);
    const docs = documents(UPLOADS, bodies, `${runId}-${round}`);
    const results = await Promise.all(docs.map((text, i) => upload(server.base, token, `same-bodies-${round}-${i}.txt`, new TextEncoder().encode(text))));
    for (const r of results) {
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.documentId) stored++;
    }
    for (const name of bodies) {
      const rows = await cluster.sql(db, "select count(*)::int as n from responsible_body where name = $1 and merged_into is null", [name]);
      names++;
      if (rows[0].n !== 1) duplicated++;
    }
  }
  const fivehundreds = Object.entries(statuses).filter(([s]) => s.startsWith("5")).reduce((a, [, k]) => a + k, 0);
  const total = UPLOADS * rounds;
  return {
    violated: fivehundreds > 0 || stored !== total || duplicated > 0,
    line:
      `${UPLOADS} concurrent uploads naming the same new bodies ×${rounds}: 500s ${fivehundreds}, ` +
      `stored ${stored}/${total}, bodies created more than once ${duplicated}/${names} (answers ${JSON.stringify(statuses)})`,
  };
}
