/**
 * The vocabulary that decides a quantity's kind, as data. A quantity's kind follows from what the clause's predicate
 * does with the number: deliver, build, cut or reach it (target); grant, award, return or subsidise it (incentive);
 * state who is in scope, a condition, an existing or past figure (other). Adding a verb is a line here, with a test
 * in quantity-kinds.test.ts on a made-up sentence.
 */

/** What a predicate does with the number that follows it in its clause. */
export type Role =
  /** delivers, builds, cuts or reaches a level: the number is a target */
  | "deliver"
  /** grants, awards, returns or subsidises: money or a share after it is an incentive */
  | "grant"
  /** backs something (支持, 扶持): money after it is an incentive, a count a target */
  | "support"
  /** names what already exists or was done before (现有, 首批): the number is a past figure */
  | "existing"
  /** compares with a baseline (较, 比): the number is the baseline */
  | "baseline"
  /** states the basis of a reckoning (按照40套规模): the number measures, it is not delivered */
  | "basis"
  /** sets up a composition, a spec or a limit (设组长1人, 规格为, 准入限额为): the number describes, nothing is reached */
  | "spec"
  /** a word that only looks like a predicate (比例 holds 比): read so that it hides the shorter word */
  | "none";

/**
 * Predicates and cues, matched longest first, the last one before the number in its clause governs it.
 * Words that contain a shorter cue (比例, 在线) are listed with role "none" so the shorter cue is not read inside them.
 */
export const PREDICATES: ReadonlyArray<readonly [string, Role]> = [
  // building and delivering
  ["建设", "deliver"], ["建成", "deliver"], ["新建", "deliver"], ["改建", "deliver"], ["扩建", "deliver"], ["创建", "deliver"],
  ["打造", "deliver"], ["培育", "deliver"], ["新培育", "deliver"], ["形成", "deliver"], ["建立", "deliver"], ["设立", "deliver"],
  ["新增", "deliver"], ["增加", "deliver"], ["完成", "deliver"], ["实现", "deliver"], ["达到", "deliver"], ["达", "deliver"],
  ["突破", "deliver"], ["超过", "deliver"], ["累计", "deliver"], ["提供", "deliver"], ["开展", "deliver"], ["举办", "deliver"],
  ["组织", "deliver"], ["推出", "deliver"], ["推广", "deliver"], ["部署", "deliver"], ["上线", "deliver"], ["开通", "deliver"],
  ["新开通", "deliver"], ["改造", "deliver"], ["升级", "deliver"], ["实施", "deliver"], ["推进", "deliver"], ["推动", "deliver"],
  ["发展", "deliver"], ["引进", "deliver"], ["引入", "deliver"], ["招引", "deliver"], ["吸引", "deliver"], ["招商", "deliver"],
  ["落地", "deliver"], ["孵化", "deliver"], ["认定", "deliver"], ["遴选", "deliver"], ["选择", "deliver"], ["评选", "deliver"],
  ["认证", "deliver"], ["创成", "deliver"], ["储备", "deliver"], ["普及", "deliver"], ["覆盖", "deliver"], ["惠及", "deliver"],
  ["带动", "deliver"], ["培训", "deliver"], ["轮训", "deliver"], ["培养", "deliver"], ["招聘", "deliver"], ["安置", "deliver"],
  ["吸纳", "deliver"], ["帮扶", "deliver"], ["救助", "deliver"], ["申请", "deliver"], ["争取", "deliver"], ["引导", "deliver"],
  ["力争", "deliver"], ["确保", "deliver"], ["开放", "deliver"], ["种植", "deliver"], ["造林", "deliver"], ["修复", "deliver"],
  ["治理", "deliver"], ["整治", "deliver"], ["新改建", "deliver"], ["铺设", "deliver"], ["敷设", "deliver"], ["配备", "deliver"],
  ["配置", "deliver"], ["投入", "deliver"], ["筹集", "deliver"], ["完成投资", "deliver"], ["签约", "deliver"], ["落户", "deliver"],
  // cutting and closing
  ["降低", "deliver"], ["下降", "deliver"], ["减少", "deliver"], ["压减", "deliver"], ["削减", "deliver"], ["淘汰", "deliver"],
  ["关停", "deliver"], ["关闭", "deliver"], ["拆除", "deliver"], ["搬迁", "deliver"], ["退出", "deliver"], ["化解", "deliver"],
  ["降至", "deliver"], ["降到", "deliver"], ["压缩", "deliver"], ["缩短", "deliver"],
  // putting into service
  ["投产", "deliver"], ["投运", "deliver"], ["竣工", "deliver"], ["开工", "deliver"], ["并网", "deliver"], ["交付", "deliver"],
  // reaching and holding a level
  ["提升", "deliver"], ["提高", "deliver"], ["增长", "deliver"], ["增至", "deliver"], ["提升至", "deliver"], ["提高到", "deliver"],
  ["扩大", "deliver"], ["保持", "deliver"], ["控制", "deliver"], ["稳定", "deliver"], ["不少于", "deliver"], ["不低于", "deliver"],
  ["不得低于", "deliver"], ["不高于", "deliver"], ["不超过", "deliver"], ["至少", "deliver"],
  ["超", "deliver"],
  // granting
  ["给予", "grant"], ["奖励", "grant"], ["奖补", "grant"], ["补助", "grant"], ["补贴", "grant"], ["资助", "grant"],
  ["贴息", "grant"], ["返还", "grant"], ["退还", "grant"], ["减免", "grant"], ["以奖代补", "grant"], ["一次性", "grant"],
  ["抵扣", "grant"], ["抵减", "grant"], ["抵免", "grant"],
  // backing
  ["支持", "support"], ["扶持", "support"], ["倾斜", "support"],
  // existing and past figures
  ["现有", "existing"], ["已有", "existing"], ["原有", "existing"], ["首批", "existing"], ["累计已", "existing"],
  ["已经", "existing"], ["已建成", "existing"], ["已建", "existing"], ["目前", "existing"], ["现已", "existing"],
  ["发生", "existing"], ["共发生", "existing"],
  // comparisons
  ["较", "baseline"], ["比", "baseline"], ["同比", "baseline"], ["相比", "baseline"],
  // bases of a reckoning
  ["按照", "basis"], ["按", "basis"], ["依据", "basis"], ["根据", "basis"], ["参照", "basis"],
  // compositions and specs
  ["设", "spec"], ["设有", "spec"], ["规格", "spec"], ["尺寸", "spec"],
  ["限额", "spec"], ["基准", "spec"], ["门槛", "spec"], ["准入", "spec"], ["下设", "spec"], ["内设", "spec"], ["由", "spec"],
  ["增设", "deliver"], ["新设", "deliver"], ["设置", "deliver"],
  // words that contain a cue but are none
  ["设施", "none"], ["设备", "none"], ["设计", "none"], ["按时", "none"], ["按期", "none"], ["理由", "none"],
  ["比较", "none"], ["对比", "none"], ["比赛", "none"], ["比例", "none"], ["比重", "none"], ["占比", "none"],
  ["比率", "none"],
];

/** Money units: a granted amount of money is an incentive, a granted count is not. */
export const MONEY_UNITS: ReadonlySet<string> = new Set(["元", "美元", "港元", "欧元"]);

/** Nouns of support (money after or before them is granted): 3万元事后奖励, 补助资金200万元. */
export const GRANT_NOUN = /奖励|奖补|补助|补贴|资助|贴息|以奖代补|扶持资金|专项资金|担保贷款|贴息贷款|返还|退还|救助金|津贴|补偿|抚恤/;

/** A cap of what is granted, right before the number: 最高不超过200万元, 每家最多. */
export const CAP_BEFORE = /(?:最高|不超过|上限为?|最多|单个项目|每[个家户人项]?(?:每年)?)[^，,；;。]{0,4}$/;

/** Fees and charges: a cut of one granted to those who pay it is an incentive (收费标准降低20%). */
/**
 * Fees a public service charges firms and people for a service (作业费, 包干费, 检测费…): a cut of one is granted to
 * them. Not 资费 (an operator's tariffs, which the operators are to cut: a target).
 */
const CHARGED_FEES = "(?:作业|包干|服务|手续|管理|检测|检验|登记|租赁|使用|通行|过路|停车|培训|评估|审查|认证|代理|中介|物业|场地)费";
export const FEE_CUT = new RegExp(
  `(?:(?:收费|费率|${CHARGED_FEES}|费用|价格|租金|电价|利率|保费)[^，,；;。]{0,8}(?:降低|下调|下浮|减少|减免|优惠)|` +
    `(?:降低|下调|下浮|减少|减免)[^，,；;。]{0,6}(?:收费|费率|${CHARGED_FEES}|费用|价格|租金|电价|利率|保费))[^，,；;。至到]{0,4}$`,
);

/** A fund whose size is stated: 设立规模5亿元的产业基金, 基金规模达10亿元. */
export const FUND = /基金|资金池|资金/;
/** Money set aside as a named support fund, the amount right after it: 每年安排城市更新专项资金2亿元. */
export const FUND_BEFORE = /(?:专项资金|引导资金|扶持资金|奖补资金|补助资金|奖励资金|发展资金|基金)[^，,；;。]{0,4}$/;
/** …and the verb that sets it aside. */
export const SET_ASIDE = /安排|设立|统筹|拨付|筹集|设置|整合/;

/** Right before the number: it names a place, a party or a source (在14个示范区, 与30家企业, 从四个方面). */
export const PLACE_BEFORE = /(?:在|与|从)\s*$/;

/** After the number: a radius or reach that bounds where something applies (出线2公里范围内). */
export const REACH_AFTER = /^\s*(?:范围内|范围以内|半径内|以内的|之内的)/;

/** Right before the number: a rank cut (前10家, 前3名): it says who ranks for a reward, nothing is delivered. */
export const RANK_BEFORE = /前\s*$/;

/** A sentence that opens on the present state (截至目前，…) reports figures already reached, unless it looks ahead. */
export const STATUS_OPENING = /^\s*(?:(?:截至|截止|到)?\s*(?:目前|现在|当前|迄今|今年以来)|据[^，,]{0,6}统计)/;

/** A person's age says who is in scope (年满18周岁, 16—24岁), it is never a level to reach. */
export const AGE_UNITS: ReadonlySet<string> = new Set(["岁", "周岁"]);
export const FUTURE_CUE = /力争|计划|将要|预计|到\d{4}|争取|确保/;

/** A level held at: 控制在5%以下, 保持在, 稳定在 (在 here is no place). */
export const HELD_AT = /(?:控制|保持|稳定|维持|降低|提高|提升|下降|增长|减少)在[^，,；;。]{0,2}$/;

/**
 * A counter that opens a longer word (5部分, 3项目库): the number does not count in that counter. The pair is the
 * counter and the characters that may follow it to make a word.
 */
export const COUNTER_WORDS: ReadonlyArray<readonly [string, string]> = [
  ["部", "分门署位"], ["名", "单称义录"], ["条", "件例款"], ["台", "账"], ["场", "所景地"], ["处", "理置室"],
  ["种", "植养类"], ["组", "织建成合"], ["支", "付持撑出"], ["项", "目"], ["件", "事"], ["块", "状"], ["份", "额"],
  ["本", "地级市土"], ["间", "隔"], ["家", "庭具"],
];

/** Numbers right after these state how often, per what: 每年召开一次. */
export const PER_UNIT_FREQUENCY = new Set(["次", "轮"]);

/** Units that describe a thing rather than count it: written with an open bound before a noun they set a threshold. */
export const MEASURING_UNITS: ReadonlySet<string> = new Set([
  "户", "人", "人次", "人口", "名", "元", "美元", "港元", "小时", "年", "天", "日", "个月", "周", "平方米", "平方公里",
  "平方千米", "公里", "千米", "米", "毫米", "厘米", "亩", "公顷", "吨", "千克", "公斤", "千瓦", "兆瓦", "千瓦时", "倍", "岁",
  "周岁", "工作日", "个工作日", "吨标准煤", "立方米", "立方",
]);

/** An open bound written with the number (以上, 超过 …): with a noun after it, the number draws a line of scope. */
export const OPEN_BOUND_AFTER = /^\s*(?:及以上|及以下|以上|以下|以内|及)/;
export const OPEN_BOUND_BEFORE = /(?:超过|超|不足|不满|低于|高于|大于|小于)\s*$/;

/** After the number: it is the base of a comparison or a reckoning (以1445名为基数, 在达到800元的基础上). */
export const BASELINE_AFTER = /^\s*(?:为基数|为基础|为基准|的基础上|基础上)/;

// ---------------------------------------------------------------------------------------------------------------
// Looking the table up

const ROLE = new Map<string, Role>(PREDICATES);
const PREDICATE_RE = new RegExp(
  [...ROLE.keys()].sort((a, b) => b.length - a.length).join("|"),
  "g",
);
export interface Predicate {
  word: string;
  role: Role;
  start: number;
  end: number;
}

/** The last predicate in `s` whose role is not "none". */
export function lastPredicate(s: string): Predicate | null {
  let last: Predicate | null = null;
  PREDICATE_RE.lastIndex = 0;
  for (let m = PREDICATE_RE.exec(s); m; m = PREDICATE_RE.exec(s)) {
    const role = ROLE.get(m[0]) as Role;
    if (role !== "none") last = { word: m[0], role, start: m.index, end: m.index + m[0].length };
  }
  return last;
}

export function hasRole(s: string, role: Role): boolean {
  PREDICATE_RE.lastIndex = 0;
  for (let m = PREDICATE_RE.exec(s); m; m = PREDICATE_RE.exec(s)) if (ROLE.get(m[0]) === role) return true;
  return false;
}

