/**
 * A blind set: eight documents written for this test in styles the corpus and seeds do not show (a 浙江-style 若干政策
 * with 责任单位 lines, a county 实施方案 OCR'd into one line, a 办法 in 章/条, a CMS fragment, a 转发 chain, a task table
 * after the text, a 工作要点 with 年底前 deadlines, a traditional-character page with site chrome). The answers were
 * written by hand from shared/gold/SCHEMA.md before the parser was run on them; each expectation is its own test so a
 * failure names the pattern that was missed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseBytes } from "../src/parse/index.js";
import type { ParsedFile } from "../src/model/exchange.js";

type Q = [number, string, "target" | "incentive" | "other", string | null];
interface NodeAnswer {
  title?: string;
  units?: string[];
  lead?: string[];
  qs?: Q[];
  maxes?: (number | undefined)[]; // the upper ends of ranges, one per quantity
}
interface Answer {
  wrappers: Record<string, unknown>[];
  document: Record<string, unknown>;
  outline: string[]; // "path title", every node in reading order
  nodes: Record<string, NodeAnswer>;
}

// Through the reader, as the CLI reads a file: HTML is flattened and traditional characters are simplified there.
const load = (name: string): Promise<ParsedFile> =>
  parseBytes(new Uint8Array(readFileSync(join(__dirname, "fixtures", name))), name);

function blind(name: string, answer: Answer): void {
  describe(name, () => {
    let p: ParsedFile;
    beforeAll(async () => {
      p = await load(name);
    });
    const find = (path: string) => {
      const n = p.outline.find((o) => o.path.join("/") === path);
      if (!n) throw new Error(`no node ${path} in ${p.outline.map((o) => o.path.join("/")).join(", ")}`);
      return n;
    };
    it("wrappers", () => {
      expect(p.wrappers).toHaveLength(answer.wrappers.length);
      answer.wrappers.forEach((w, i) => expect(p.wrappers[i]).toMatchObject(w));
    });
    it("document", () => expect(p.document).toMatchObject(answer.document));
    it("outline", () => expect(p.outline.map((n) => `${n.path.join("/")} ${n.title}`)).toEqual(answer.outline));
    for (const [path, a] of Object.entries(answer.nodes)) {
      if (a.units) it(`${path} units/lead`, () => expect(find(path)).toMatchObject({ units: a.units, lead: a.lead ?? [] }));
      if (a.qs)
        it(`${path} quantities`, () =>
          expect(find(path).quantities.map((q) => [q.value, q.unit, q.kind, q.deadline])).toEqual(a.qs));
      if (a.maxes) it(`${path} range ends`, () => expect(find(path).quantities.map((q) => q.max)).toEqual(a.maxes));
    }
  });
}

blind("blind-zj-policies.txt", {
  wrappers: [
    {
      title: "嘉禾市人民政府办公室关于印发嘉禾市加快数字贸易高质量发展若干政策的通知",
      docNumber: "嘉政办发〔2023〕21号",
      issuers: ["嘉禾市人民政府办公室"],
      date: "2023-06-12",
      cites: [],
    },
  ],
  document: {
    title: "嘉禾市加快数字贸易高质量发展若干政策",
    docNumber: "嘉政办发〔2023〕21号",
    issuers: ["嘉禾市人民政府办公室"],
    date: "2023-06-12",
    validUntil: "2026-12-31",
    cites: [{ docNumber: null, title: "浙江省数字贸易促进条例" }],
  },
  outline: [
    "一 培育数字贸易主体", "一/一 支持企业做大做强", "一/二 招引龙头企业",
    "二 建设数字贸易平台", "二/三 打造数字贸易园区", "二/四 支持公共服务平台",
    "三 强化要素保障", "三/五 加强人才支撑", "三/六 加大金融支持",
  ],
  nodes: {
    "一": { units: [], qs: [] },
    "一/一": {
      units: ["市商务局", "市财政局"],
      qs: [
        [10000000, "美元", "other", null],
        [500000, "元", "incentive", null],
        [50000000, "美元", "other", null],
        [1000000, "元", "incentive", null],
      ],
    },
    "一/二": {
      units: ["市商务局", "市投资促进中心", "市财政局"],
      qs: [[2, "%", "incentive", null], [5000000, "元", "incentive", null]],
    },
    "二/三": {
      units: ["市商务局", "市发展改革委", "各区人民政府"],
      qs: [[3, "个", "target", "2025-12-31"], [500, "家", "target", "2025-12-31"]],
    },
    "二/四": { units: ["市经信局", "市商务局"], qs: [[30, "%", "incentive", null], [2000000, "元", "incentive", null]] },
    "三/五": {
      units: ["市人力社保局", "市商务局"],
      qs: [[5000, "人次", "target", "2026-12-31"], [1000000, "元", "incentive", null]],
    },
    "三/六": { units: ["市金融办", "市财政局"], qs: [[1000000000, "元", "incentive", null]] },
  },
});

blind("blind-sc-oneline.txt", {
  wrappers: [
    {
      title: "青川县人民政府办公室关于印发青川县数字乡村建设实施方案的通知",
      docNumber: "青府办发〔2022〕15号",
      issuers: ["青川县人民政府办公室"],
      date: "2022-05-10",
    },
  ],
  document: {
    title: "青川县数字乡村建设实施方案",
    docNumber: "青府办发〔2022〕15号",
    issuers: ["青川县人民政府办公室"],
    date: "2022-05-10",
    validUntil: null,
    cites: [],
  },
  outline: [
    "一 总体要求", "一/一 指导思想", "一/二 工作目标",
    "二 重点任务", "二/一 夯实数字基础设施", "二/一/1 推进网络提速", "二/一/2 推进广电网络升级",
    "二/二 发展智慧农业", "二/二/3 建设农业物联网基地", "二/二/4 发展农村电商",
    "三 保障措施", "三/一 加强组织领导", "三/二 强化资金保障",
  ],
  nodes: {
    "一/二": {
      units: [],
      qs: [[100, "%", "target", "2023-12-31"], [98, "%", "target", "2023-12-31"], [200, "个", "target", "2023-12-31"]],
    },
    "二/一/1": { units: ["县经信局", "县住建局", "县自然资源局"], lead: ["县经信局"], qs: [[150, "个", "target", null]] },
    "二/一/2": { units: ["县文广旅局", "县财政局"], lead: ["县文广旅局"], qs: [[3000, "户", "target", null]] },
    "二/二/3": {
      units: ["县农业农村局"],
      lead: ["县农业农村局"],
      qs: [[5, "个", "target", null], [200000, "元", "incentive", null]],
    },
    "二/二/4": {
      units: ["县商务局", "各乡（镇）人民政府"],
      lead: ["县商务局"],
      qs: [[30, "家", "target", null], [200000000, "元", "target", null]],
    },
    "三/一": { units: ["县委网信办"], qs: [] },
    "三/二": { units: ["县财政局"], qs: [] },
  },
});

blind("blind-banfa-articles.txt", {
  wrappers: [],
  document: {
    title: "闽江市科技企业孵化器补助资金管理办法",
    docNumber: null,
    issuers: ["闽江市科学技术局", "闽江市财政局"],
    date: "2024-01-25",
    validUntil: "2029-02-28",
    cites: [{ docNumber: "闽财规〔2021〕3号", title: "闽江市市级财政专项资金管理办法" }],
  },
  outline: [
    "一 总则",
    "一/一 为规范科技企业孵化器补助资金管理，提高资金使用效益，根据《闽江市市级财政专项资金管理办法》（闽财规〔2021〕3号）等规定，制定本办法",
    "一/二 本办法所称补助资金，是指市级财政预算安排，用于支持科技企业孵化器、众创空间建设和运营的专项资金",
    "一/三 市科技局负责补助资金的项目申报、评审和绩效管理",
    "二 补助对象和标准",
    "二/四 对新认定为国家级科技企业孵化器的，给予一次性补助100万元",
    "二/五 孵化面积在5000平方米以上、在孵企业不少于30家的孵化器，年度绩效评价为优秀的，给予运营补助30万元",
    "二/六 对孵化器内在孵企业首次获得国家高新技术企业认定的，每家给予孵化器奖励5万元，每个孵化器每年奖励总额不超过50万元",
    "三 申报和管理",
    "三/七 补助资金按年度组织申报，申报单位应于每年4月30日前提交申报材料",
    "三/八 获得补助的单位应当专款专用",
    "四 附则",
    "四/九 本办法由市科技局、市财政局负责解释",
    "四/十 本办法自2024年3月1日起施行，有效期5年",
  ],
  nodes: {
    "一/三": { units: [], qs: [] },
    "二/四": { units: [], qs: [[1000000, "元", "incentive", null], [500000, "元", "incentive", null]] },
    "二/五": { qs: [[5000, "平方米", "other", null], [30, "家", "other", null], [300000, "元", "incentive", null]] },
    "二/六": { qs: [[50000, "元", "incentive", null], [500000, "元", "incentive", null]] },
    "三/七": { qs: [] },
    "三/八": { qs: [[3, "年", "other", null]] },
    "四/十": { qs: [[5, "年", "other", null]] },
  },
});

blind("blind-cms-fragment.html", {
  wrappers: [],
  document: {
    title: "东川市工业和信息化局关于做好2024年中小企业数字化转型工作的通知",
    docNumber: "东工信函〔2024〕8号",
    issuers: ["东川市工业和信息化局"],
    date: "2024-03-18",
    validUntil: null,
    cites: [{ docNumber: null, title: "中小企业数字化赋能专项行动方案" }],
  },
  outline: [
    "一 工作目标", "二 重点工作", "二/一 开展诊断服务",
    "二/一/1 组织服务商为企业提供免费数字化诊断，全年完成诊断企业800家",
    "二/一/2 对诊断服务费用，按每家企业不超过2万元的标准给予服务商补贴",
    "二/二 推进场景应用",
    "二/二/1 聚焦研发设计、生产制造、经营管理等环节，6月底前发布典型应用场景清单，遴选“小快轻准”解决方案100个",
    "二/二/2 支持中小企业上云用平台，新增上云企业2000家",
    "三 工作要求", "三/一 加强组织协调", "三/二 强化宣传推广",
  ],
  nodes: {
    "一": {
      units: [],
      qs: [[1000, "家", "target", "2024-12-31"], [50, "家", "target", "2024-12-31"], [85, "%", "target", "2024-12-31"]],
    },
    "二/一/1": {
      units: ["市工业和信息化局", "各区工业和信息化主管部门"],
      qs: [[800, "家", "target", "2024-12-31"]],
    },
    "二/一/2": { units: [], qs: [[20000, "元", "incentive", null]] },
    "二/二/1": { units: [], qs: [[100, "个", "target", "2024-06-30"]] },
    "二/二/2": { qs: [[2000, "家", "target", "2024-12-31"]] },
    "三/一": { units: [], qs: [] },
    "三/二": { units: [], qs: [] },
  },
});

blind("blind-forward-chain.txt", {
  wrappers: [
    {
      title: "清河县人民政府办公室转发临江市人民政府办公室关于印发临江市促进民营经济高质量发展若干措施的通知",
      docNumber: "清县府办发〔2023〕9号",
      issuers: ["清河县人民政府办公室"],
      date: "2023-08-02",
      cites: [],
    },
    {
      title: "临江市人民政府办公室关于印发临江市促进民营经济高质量发展若干措施的通知",
      docNumber: "临府办〔2023〕30号",
      issuers: ["临江市人民政府办公室"],
      date: "2023-07-20",
      cites: [],
    },
  ],
  document: {
    title: "临江市促进民营经济高质量发展若干措施",
    docNumber: "临府办〔2023〕30号",
    issuers: ["临江市人民政府办公室"],
    date: "2023-07-20",
    validUntil: "2026-07-19",
    cites: [{ docNumber: null, title: "中共中央国务院关于促进民营经济发展壮大的意见" }],
  },
  outline: [
    "一 降低经营成本", "一/1 落实减税降费政策", "一/2 降低用能成本",
    "二 加大金融支持", "二/3 扩大信贷投放", "二/4 设立纾困基金",
    "三 优化发展环境", "三/5 保障公平竞争", "三/6 建立常态化沟通机制",
  ],
  nodes: {
    "一/1": { units: ["市税务局", "市财政局"], lead: ["市税务局"], qs: [[1000000, "元", "other", null]] },
    "一/2": {
      units: ["市发展改革委", "国网临江供电公司"],
      lead: ["市发展改革委"],
      qs: [[200000000, "元", "target", "2023-12-31"]],
    },
    "二/3": {
      units: ["人行临江市中心支行", "临江银保监分局", "各商业银行"],
      lead: ["人行临江市中心支行", "临江银保监分局"],
      qs: [[10, "%", "target", "2025-12-31"], [300000000000, "元", "target", "2025-12-31"]],
    },
    "二/4": {
      units: ["市金融局", "市财政局"],
      lead: [],
      qs: [[2000000000, "元", "incentive", null], [50, "%", "incentive", null]],
    },
    "三/5": { units: ["市市场监管局"], lead: [], qs: [[100, "%", "target", "2023-12-31"]] },
    // 有效期3年 closes this node's text: a term, so a quantity of kind other.
    "三/6": { units: ["市工商联", "市有关部门"], lead: ["市工商联"], qs: [[3, "年", "other", null]] },
  },
});

const table = {
  1: [["市数据局", "市财政局", "市委网信办"], ["市数据局"]],
  2: [["市数据局", "市直各有关单位"], ["市数据局"]],
  3: [["市数据局", "市司法局", "市财政局", "市市场监管局"], ["市数据局"]],
  4: [["市数据局", "市金融办", "市卫生健康委", "市交通运输局"], ["市数据局"]],
  5: [["市委网信办", "市公安局", "市数据局"], ["市委网信办"]],
  6: [["市财政局", "市数据局"], ["市财政局"]],
} as const;
blind("blind-task-table.txt", {
  wrappers: [],
  document: {
    title: "松阳市公共数据授权运营行动方案（2024—2026年）",
    docNumber: null,
    issuers: [],
    date: null,
    validUntil: null,
    cites: [{ docNumber: null, title: "松阳市公共数据授权运营管理办法" }],
  },
  outline: [
    "一 工作目标", "二 重点任务",
    "二/一 夯实数据基础", "二/一/1 建设公共数据平台", "二/一/2 提升数据质量",
    "二/二 推动授权运营", "二/二/3 建立授权运营机制", "二/二/4 培育应用场景",
    "二/三 完善保障体系", "二/三/5 加强安全管理", "二/三/6 强化资金支持",
    "三 保障措施",
  ],
  nodes: {
    "一": {
      units: [],
      qs: [[3000, "个", "target", "2026-12-31"], [50, "家", "target", "2026-12-31"], [20000000000, "元", "target", "2026-12-31"]],
    },
    "二/一": { units: [] },
    "二/一/1": { units: [...table[1][0]], lead: [...table[1][1]], qs: [[5000000000, "条", "target", "2024-12-31"]] },
    "二/一/2": { units: [...table[2][0]], lead: [...table[2][1]], qs: [[95, "%", "target", "2026-12-31"]] },
    "二/二/3": { units: [...table[3][0]], lead: [...table[3][1]], qs: [] },
    "二/二/4": { units: [...table[4][0]], lead: [...table[4][1]], qs: [[30, "个", "target", "2026-12-31"]] },
    "二/三/5": { units: [...table[5][0]], lead: [...table[5][1]], qs: [[100, "%", "target", "2026-12-31"]] },
    "二/三/6": { units: [...table[6][0]], lead: [...table[6][1]], qs: [[500000, "元", "incentive", null]] },
    "三": { units: [], qs: [] },
  },
});

blind("blind-workpoints.txt", {
  wrappers: [
    {
      title: "云岭市交通运输局关于印发《云岭市2025年交通运输工作要点》的通知",
      docNumber: "云交发〔2025〕6号",
      issuers: ["云岭市交通运输局"],
      date: "2025-02-20",
      cites: [],
    },
  ],
  document: {
    title: "云岭市2025年交通运输工作要点",
    docNumber: "云交发〔2025〕6号",
    issuers: ["云岭市交通运输局"],
    date: "2025-02-20",
    validUntil: null,
    cites: [],
  },
  outline: [
    "一 加快综合交通基础设施建设", "一/1 完成年度投资任务", "一/2 推进高速公路建设", "一/3 实施农村公路提质工程",
    "二 提升运输服务水平", "二/4 发展城乡客运一体化", "二/5 推动物流降本增效",
    "三 强化行业治理", "三/6 深化“放管服”改革", "三/7 抓好安全生产",
  ],
  nodes: {
    "一/1": {
      units: ["市交通运输局", "市发展改革委", "市财政局"],
      lead: ["市交通运输局"],
      qs: [[12000000000, "元", "target", "2025-12-31"], [8, "%", "target", "2025-12-31"]],
    },
    "一/2": {
      units: ["市交通运输局", "市自然资源局", "市生态环境局"],
      lead: ["市交通运输局"],
      qs: [[2, "条", "target", "2025-12-31"]],
    },
    "一/3": {
      units: ["市交通运输局", "各县（市、区）人民政府"],
      lead: ["市交通运输局"],
      qs: [[500, "公里", "target", "2025-12-31"], [30, "座", "target", "2025-12-31"]],
    },
    "二/4": {
      units: ["市交通运输局"],
      lead: ["市交通运输局"],
      qs: [[100, "%", "target", "2025-12-31"], [10, "条", "target", "2025-09-30"]],
    },
    "二/5": {
      units: ["市交通运输局", "市商务局", "市财政局"],
      lead: ["市交通运输局"],
      qs: [[2, "个", "target", "2025-12-31"], [20000, "元", "incentive", null]],
    },
    "三/6": { units: ["市行政审批局"], lead: ["市行政审批局"], qs: [[100, "%", "target", "2025-12-31"]] },
    "三/7": {
      units: ["市交通运输局", "市公安局", "市应急管理局"],
      lead: ["市交通运输局"],
      qs: [[10, "%", "target", "2025-12-31"]],
    },
  },
});

blind("blind-site-page.html", {
  wrappers: [
    {
      title: "南岳市人民政府办公室关于印发南岳市促进养老服务业发展实施方案的通知",
      docNumber: "岳府办〔2022〕47号",
      issuers: ["南岳市人民政府办公室"],
      date: "2022-09-09",
      cites: [],
    },
  ],
  document: {
    title: "南岳市促进养老服务业发展实施方案",
    docNumber: "岳府办〔2022〕47号",
    issuers: ["南岳市人民政府办公室"],
    date: "2022-09-09",
    validUntil: "2025-12-31",
    cites: [],
  },
  outline: [
    "一 发展目标", "二 主要任务", "二/一 增加养老服务供给", "二/二 发展居家社区养老", "二/三 推进医养结合",
    "三 保障措施", "三/一 加强用地保障", "三/二 加强人才培养",
  ],
  nodes: {
    "一": {
      units: [],
      qs: [[12000, "张", "target", "2025-12-31"], [60, "%", "target", "2025-12-31"], [100, "%", "target", "2025-12-31"]],
    },
    "二/一": {
      units: ["市民政局", "市财政局", "各区人民政府"],
      lead: [],
      qs: [[15, "个", "target", "2025-12-31"], [10000, "元", "incentive", null]],
    },
    "二/二": { units: ["市民政局", "市卫生健康委"], lead: ["市民政局"], qs: [[300, "元", "incentive", null]] },
    "二/三": { units: ["市卫生健康委", "市医保局"], lead: [], qs: [[60, "%", "target", "2025-12-31"]] },
    "三/一": { units: ["市自然资源局", "市住房城乡建设局"], qs: [[100, "%", "target", "2025-12-31"]] },
    "三/二": { units: ["市人力资源社会保障局", "市民政局"], qs: [[5000, "人次", "target", "2025-12-31"]] },
  },
});

blind("blind-joint-letterhead.txt", {
  wrappers: [
    {
      title: "关于印发《海川市促进低空经济发展若干措施实施细则》的通知",
      docNumber: "海发改高技〔2024〕112号",
      issuers: ["海川市发展和改革委员会", "海川市财政局", "海川市科学技术局"],
      date: "2024-05-06",
      cites: [{ docNumber: "海政规〔2024〕2号", title: "海川市促进低空经济发展若干措施" }],
    },
  ],
  document: {
    title: "海川市促进低空经济发展若干措施实施细则",
    docNumber: "海发改高技〔2024〕112号",
    issuers: ["海川市发展和改革委员会", "海川市财政局", "海川市科学技术局"],
    date: "2024-05-06",
    validUntil: "2026-12-31",
    cites: [],
  },
  outline: [
    "一 支持企业落户", "二 支持研发创新",
    "二/一 最大起飞重量25千克以下的，每款奖励50万元",
    "二/二 最大起飞重量在25千克以上、150千克以下的，每款奖励100万—200万元",
    "二/三 最大起飞重量超过150千克的，每款奖励300万元",
    "三 支持场景开放", "四 支持飞行服务", "五 本细则自印发之日起施行，有效期至2026年12月31日",
  ],
  nodes: {
    "一": { units: [], qs: [[5, "%", "incentive", null], [10000000, "元", "incentive", null]] },
    "二": { qs: [] },
    "二/一": { qs: [[25, "千克", "other", null], [500000, "元", "incentive", null]] },
    "二/二": {
      qs: [[25, "千克", "other", null], [150, "千克", "other", null], [1000000, "元", "incentive", null]],
      maxes: [undefined, undefined, 2000000],
    },
    "二/三": { qs: [[150, "千克", "other", null], [3000000, "元", "incentive", null]] },
    "三": {
      qs: [[3, "条", "target", "2026-12-31"], [2, "个", "target", "2026-12-31"], [10, "个", "target", "2026-12-31"]],
      maxes: [5, undefined, undefined],
    },
    "四": { qs: [[2000, "元", "incentive", null], [5000000, "元", "incentive", null]] },
    "五": { qs: [] },
  },
});

blind("blind-wrapper-notitle.html", {
  wrappers: [
    { title: null, docNumber: null, issuers: ["湖州港市人民政府办公室"], date: "2023-04-03", cites: [] },
  ],
  document: {
    title: "湖州港市城市更新三年行动方案",
    docNumber: null,
    issuers: ["湖州港市人民政府办公室"],
    date: "2023-04-03",
    validUntil: null,
    cites: [],
  },
  outline: [
    "一 主要目标", "二 重点任务", "二/1 实施老旧小区改造",
    "二/1/1 年底前完成改造项目80个，加装电梯200部", "二/1/2 对加装电梯的，每台给予15万元补助",
    "二/2 完善公共服务设施", "三 保障措施",
  ],
  nodes: {
    "一": {
      units: [],
      qs: [[300, "个", "target", "2025-12-31"], [150000, "户", "target", "2025-12-31"], [15000, "个", "target", "2025-12-31"]],
    },
    "二/1/1": { qs: [[80, "个", "target", "2023-12-31"], [200, "部", "target", "2023-12-31"]] },
    "二/1/2": { qs: [[150000, "元", "incentive", null]] },
    "二/2": {
      units: ["市民政局", "市卫生健康委", "市教育局"],
      lead: ["市民政局"],
      qs: [[3, "个", "target", null]],
      maxes: [5],
    },
    // The size of a yearly special fund: the size of a support fund, so an incentive.
    "三": { units: [], qs: [[200000000, "元", "incentive", null]] },
  },
});

blind("blind-tw-oneline.txt", {
  wrappers: [
    {
      title: "桃源县人民政府办公室关于印发桃源县义务教育优质均衡发展工作方案的通知",
      docNumber: "桃政办发〔2021〕22号",
      issuers: ["桃源县人民政府办公室"],
      date: "2021-08-16",
      cites: [],
    },
  ],
  document: {
    title: "桃源县义务教育优质均衡发展工作方案",
    docNumber: "桃政办发〔2021〕22号",
    issuers: ["桃源县人民政府办公室"],
    date: "2021-08-16",
    validUntil: null,
    cites: [],
  },
  outline: [
    "一 工作目标", "二 重点任务", "二/一 改善办学条件", "二/二 加强师资队伍建设",
    "三 保障措施", "三/一 加强组织领导", "三/二 加大经费投入",
  ],
  nodes: {
    "一": { units: [], qs: [[100, "%", "target", "2022-12-31"], [3000, "个", "target", "2022-12-31"]] },
    "二/一": {
      units: ["县教育局", "县发展改革局", "县财政局"],
      lead: ["县教育局"],
      qs: [[12, "所", "target", "2021-12-31"], [56, "人", "other", null]],
    },
    "二/二": {
      units: ["县教育局", "县人力资源社会保障局"],
      lead: [],
      qs: [[200, "名", "target", null], [500, "元", "incentive", null]],
    },
    "三/一": { units: ["县教育局"], qs: [] },
    "三/二": { units: ["县财政局"], qs: [] },
  },
});

blind("blind-label-table.txt", {
  wrappers: [
    {
      title: "关于印发《柳溪区加快发展银发经济实施方案》的通知",
      docNumber: "柳区办〔2024〕18号",
      issuers: ["柳溪区人民政府办公室"],
      date: "2024-10-08",
      cites: [],
    },
  ],
  document: {
    title: "柳溪区加快发展银发经济实施方案",
    docNumber: "柳区办〔2024〕18号",
    issuers: ["柳溪区人民政府办公室"],
    date: "2024-10-08",
    validUntil: null,
    cites: [],
  },
  outline: [
    "一 重点任务", "一/一 扩大老年助餐服务", "一/二 发展智慧健康养老", "一/三 推进适老化改造",
    "二 职责分工", "二/一 区民政局", "二/二 区财政局、区医保局", "三 工作要求",
  ],
  nodes: {
    // The task table's rows are numbered with the measures' own labels （一）（二）（三）.
    "一/一": {
      units: ["区民政局", "区市场监管局", "各街道办事处"],
      lead: ["区民政局"],
      qs: [[10, "个", "target", "2024-12-31"]],
    },
    "一/二": {
      units: ["区工业和信息化局", "区民政局", "区卫生健康局"],
      lead: ["区工业和信息化局"],
      qs: [[5, "家", "target", null], [200000, "元", "incentive", null]],
    },
    "一/三": {
      units: ["区住房城乡建设局", "区民政局", "区残联"],
      lead: ["区住房城乡建设局"],
      qs: [[500, "户", "target", null], [5000, "元", "incentive", null]],
    },
    // A heading of the duties section that names two bodies gives both.
    "二/一": { units: ["区民政局"], lead: [] },
    "二/二": { units: ["区财政局", "区医保局"], lead: [] },
    "三": { units: [], qs: [] },
  },
});
