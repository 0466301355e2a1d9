/**
 * Bodies named in running prose as the ones who act (建议责任单位): `由市人社局牵头`, `市公安局负责…`,
 * `市财政局会同市税务局制定…`, `各区人民政府要…`, `市教育局、卫生健康委按职责分工负责`. These are suggestions for an
 * admin to confirm, never 责任单位 of the exchange format (SCHEMA reads tags, parentheses, tables and duty headings
 * only). Precision matters more than recall: a subject is taken only when all of the text from the clause start to
 * the predicate is a list of organisation names, and a name must end the way organisations' names end and be more
 * than a collective noun (各地, 企业, 有关部门 are not bodies one can hand a task to).
 */
import { isOrgName, parseBodyList } from "./bodies.js";

export interface ProseBody {
  name: string;
  /** the prose makes it the lead (牵头, or the subject of 会同) */
  lead: boolean;
  /** it is named to help another (配合, 协助, the object of 会同) */
  support: boolean;
  /** offsets of the list it stands in, relative to the text given */
  start: number;
  end: number;
  rule: string;
}

interface Predicate {
  /** the word, with lookaheads that keep it from matching inside a name (组织部, 应急管理局, 联合会) */
  pattern: string;
  /** rule name suffix */
  tag: string;
  lead?: boolean;
  support?: boolean;
}

/** What a body does, after 由 or as a subject: 牵头, 会同, 负责, 承担, 组织. */
const ACTING: Predicate[] = [
  { pattern: "牵头", tag: "qiantou", lead: true },
  { pattern: "(?<![社协学商工员大机])会同", tag: "huitong", lead: true },
  { pattern: "负责(?!同志|人)", tag: "fuze" },
  { pattern: "承担", tag: "chengdan" },
  { pattern: "组织(?!部|人事)", tag: "zuzhi" },
];

/** A body named at a clause start: X负责…, X按职责分工负责, X要…, X应当…, X配合. */
const SUBJECT_PREDICATES: Predicate[] = [
  { pattern: "按职责分工负责|按职责负责|按照职责分工负责|分别负责|共同负责", tag: "fengong" },
  ...ACTING,
  { pattern: "应当|应(?!急|用|对|届)|须|必须", tag: "yingdang" },
  { pattern: "要(?!求|素|点|件|案)", tag: "yao" },
  { pattern: "配合|协助", tag: "peihe", support: true },
];

/** A body introduced by 由: 由X牵头, 由X负责, 由X组织实施, 由X主办. */
const YOU_PREDICATES: Predicate[] = [...ACTING, { pattern: "主办|统筹", tag: "zhuban" }];

/** The role a confirmed suggestion takes as a task: leads lead, helpers support, and a body simply named as
 * answering for the work leads its share (as tasks from a list without 牵头 do). */
export function suggestedRole(rule: string, lead: boolean): "lead" | "supporting" {
  if (lead) return "lead";
  const tag = rule.replace(/^suggest\.(?:subject|you)-/, "");
  return rule === "suggest.huitong-object" || SUBJECT_PREDICATES.some((p) => p.support && p.tag === tag) ? "supporting" : "lead";
}

const compile = (ps: Predicate[]) => new RegExp(ps.map((p) => `(${p.pattern})`).join("|"), "g");
const SUBJECT_RE = compile(SUBJECT_PREDICATES);
const YOU_RE = compile(YOU_PREDICATES);

/**
 * How names of organisations end (a stricter test than isOrgName's, which also admits 各地区, 企业, 干部).
 * Not 单位: a name ending in it is a role (主管单位, 承建单位, 运维单位), never one body.
 */
const ORG_END =
  /(?:局|厅|委|委员会|办|办公室|政府|部|部门|院|中心|公司|集团|署|分行|支行|社|协会|商会|学会|联合会|工商联|工会|处|队|馆|学院|大学|电网|海关|管委会|妇联|残联|科协|侨联|文联|红十字会|监狱|机关|小组|工作组|专班|办公室|研究室|所|站|党委|党组|纪委|监委|团委|人大|政协|法院|检察院)$/;
/** Words that end like an organisation and are none: 干部 is a person, 场所 a place, 平台 a system. */
const NOT_ORG_END = /(?:干部|全部|内部|外部|局部|场所|住所|处所|网站|平台|好处|之处|用处|到处)$/;
/** Verbs that open a clause or a heading run together with its text (强化隐患排查处置各县供电公司要…). */
const ACTION_VERBS =
  "支持|鼓励|推动|推进|加强|强化|要求|督促|指导|引导|组织|协调|依托|通过|利用|发挥|明确|确保|同意|授权|委托|责成|建议|积极|充分|进一步|加快|全面|切实|完善|建立|健全|提高|提升|做好|开展|实施|落实|深化|优化|规范|严格|授予|动员|制定|实现|坚持|认真|提出";
/** A clause whose first word is a verb, a preposition or a pronoun has no body as its subject. */
const NOT_NAME_START = new RegExp(
  `^(?:[（(]|是|指|即|包括|由|对|在|从|向|与|和|及|并|或|但|经|按|据|如|若|凡|将|把|被|让|使|以|于|为|请|我|本(?![市省区县])|该|其|此|上述|以上|下列|同时|其中|此外|另外|${ACTION_VERBS})`,
);
/** Verbs inside a would-be name show that the list ran on into the sentence. */
const VERB_INSIDE =
  /由|对(?!外|口)|研究(?!室|院|所|中心)|制定|建立|组建|成立|设立|推进|推动|加强|强化|开展|实施|落实|完善|负责|牵头|会同|配合|协助|要|应当|做好|加快|提升|提高|出台|印发|督促|确保|进行|及时|按照|根据|通过|利用|组织(?!部)|授予|动员|实现|坚持|认真|支持|鼓励|明确|积极|切实|严格|优化/;

/** Modifiers and collective nouns: a name made of these alone names no one (各地各部门, 有关单位, 各县（市、区）). */
const GENERIC_WORDS = [
  "各有关", "各相关", "各级", "各类", "有关", "相关", "其他", "其它", "所属", "下属", "广大", "重点", "全",
  "各", "本", "地级以上市", "县（市、区）", "县(市、区)", "成员单位", "责任单位", "市场主体", "部门", "单位",
  "地区", "地方", "企业", "机构", "机关", "组织", "行业", "方面", "主体", "学校", "医院", "银行", "公司",
  "乡镇", "街道", "社区", "县区", "市县", "地", "省", "市", "县", "区", "乡", "镇", "村", "级", "直",
  // roles rather than bodies: 主管单位, 起草单位, 项目承担单位, 上级部门, 行业主管部门
  "当地", "本地", "主管", "主办", "起草", "承担", "项目", "上级", "下级", "同级", "行政", "管理", "业务", "科研", "试点",
  "和", "及", "与", "实施", "牵头", "配合", "成员", "所在", "属地", "职能", "监管", "服务", "政府部门",
].sort((a, b) => b.length - a.length);

function isGeneric(name: string): boolean {
  let rest = name;
  for (let guard = 0; rest && guard < 40; guard++) {
    const w = GENERIC_WORDS.find((g) => rest.startsWith(g));
    if (!w) return false;
    rest = rest.slice(w.length);
  }
  return rest === "";
}

/** 乡镇(街道)党(工)委 is one name; 四）科研单位 and 照顾者）到区级残联 are pieces of a sentence. */
function balanced(name: string): boolean {
  let depth = 0;
  for (const c of name) {
    if (c === "(" || c === "（") depth++;
    else if (c === ")" || c === "）") depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** A name one could hand a task to. */
export function isBodyName(name: string): boolean {
  if (name.length < 3 || name.length > 30) return false;
  if (!isOrgName(name) || !ORG_END.test(name) || NOT_ORG_END.test(name)) return false;
  if (NOT_NAME_START.test(name) || VERB_INSIDE.test(name) || /[0-9０-９]/.test(name) || !balanced(name)) return false;
  return !isGeneric(name);
}

/** The bodies of a list written as a subject or object; null unless every item is a body's name. */
function readList(list: string): string[] | null {
  if (!list.trim() || /[，,。；;：:“”《》]/.test(list) || NOT_NAME_START.test(list) || !balanced(list)) return null;
  const parsed = parseBodyList(list, false);
  if (!parsed || parsed.bodies.length === 0) return null;
  const names: string[] = [];
  for (const item of parsed.bodies.flatMap((b) => splitConjoined(b.name)).map((n) => n.replace(ETC_TAIL, ""))) {
    if (isBodyName(item)) names.push(item);
    // 科技部、财政部和有关部门要…: the collective is dropped, the named bodies stay
    else if (!isGeneric(item)) return null;
  }
  return names.length ? names : null;
}

/** 教育部等有关部门和单位 → 教育部: the 等… tail left when a conjunction followed it. */
const ETC_TAIL = /等(?:有关|相关|其他)?(?:部门|单位)?$/;

const CONJUNCTION = /以及|及其|和|及|与/g;

/** 财政部和有关部门 → two items; 工业和信息化部 stays one, since 工业 is no body. */
function splitConjoined(name: string): string[] {
  for (const m of name.matchAll(CONJUNCTION)) {
    const left = name.slice(0, m.index);
    const right = name.slice((m.index ?? 0) + m[0].length);
    if (isBodyName(left) && (isBodyName(right) || isGeneric(right) || splitConjoined(right).length > 1)) {
      return [left, ...splitConjoined(right)];
    }
  }
  return [name];
}

const CLAUSE_STOPS = "，,；;。！？!?：:\n";
/** A list of bodies is short: longer subjects are sentences. */
const MAX_LIST = 60;
/** An enumerator opening a paragraph inside a measure: （1） 1. ① 一、 */
const ENUMERATOR =
  /^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、]|[一二三四五六七八九十]{1,3}[、是]|第[一二三四五六七八九十百零\d]{1,6}条|[\u2460-\u2473])?\s*/;

/** Where the clause from `from` ends, looking no further than a list and its predicate can reach. */
const STOP_CODES = new Set([...CLAUSE_STOPS].map((c) => c.charCodeAt(0)));
function windowEnd(text: string, from: number): number {
  let e = from;
  while (e < text.length && e - from < MAX_LIST + 12 && !STOP_CODES.has(text.charCodeAt(e))) e++;
  return e;
}
/** Clause starts: the text's start and every position after a stop or an opening bracket that is no stop itself. */
const CLAUSE_START = /(?:^|(?<=[，,；;。！？!?：:\n（(]))(?=[^，,；;。！？!?：:\n])/g;

/**
 * The window's first predicate, if everything before it is a list of bodies. Only the first is tried: a later
 * one would make a subject with a predicate word inside, which is no name (and trying each would cost a list
 * parse per word on a long clause).
 */
function subjectBefore(window: string, re: RegExp, table: Predicate[]): { names: string[]; at: number; word: string; p: Predicate } | null {
  re.lastIndex = 0;
  const m = re.exec(window);
  if (!m || m.index === 0 || m.index > MAX_LIST) return null;
  const names = readList(window.slice(0, m.index));
  if (!names) return null;
  const k = m.slice(1).findIndex((g) => g !== undefined);
  return { names, at: m.index, word: m[0], p: table[k] as Predicate };
}

/** Where a list of bodies could end after 会同, longest first; past this many the clause is no plain list. */
const MAX_OBJECT_TRIES = 8;

/** 会同Y、Z制定…: the longest run of bodies after 会同, up to where the sentence's own verb begins. */
function objectAfter(window: string): { names: string[]; len: number } | null {
  let tries = 0;
  for (let len = Math.min(window.length, MAX_LIST); len >= 3 && tries < MAX_OBJECT_TRIES; len--) {
    // 有关部门 must not be read as 有关部: a name does not stop where a longer one goes on
    if (!ORG_END.test(window.slice(0, len)) || ORG_END.test(window.slice(0, len + 1))) continue;
    tries++;
    const names = readList(window.slice(0, len));
    if (names) return { names, len };
  }
  return null;
}

/** Bodies named in prose as acting, in the order written, each name once. */
export function findProseBodies(text: string): ProseBody[] {
  const out: ProseBody[] = [];
  const push = (names: string[], start: number, end: number, rule: string, lead: boolean, support: boolean) => {
    for (const name of names) {
      if (!out.some((b) => b.name === name)) out.push({ name, lead, support, start, end, rule });
    }
  };
  const afterPredicate = (found: { names: string[]; at: number; word: string; p: Predicate }, base: number, window: string, kind: string) => {
    const end = base + found.at;
    push(found.names, base, end, `suggest.${kind}-${found.p.tag}`, found.p.lead ?? false, found.p.support ?? false);
    if (found.p.tag !== "huitong") return;
    const from = found.at + found.word.length;
    const obj = objectAfter(window.slice(from));
    if (obj) push(obj.names, base + from, base + from + obj.len, "suggest.huitong-object", false, true);
  };

  // 由X牵头 / 由X负责, wherever the 由 stands in its clause
  for (const m of text.matchAll(/由(?!于|此|衷|来|是)/g)) {
    const base = (m.index ?? 0) + 1;
    const window = text.slice(base, windowEnd(text, base));
    const found = subjectBefore(window, YOU_RE, YOU_PREDICATES);
    if (found) afterPredicate(found, base, window, "you");
  }
  // X负责 / X要 / X会同Y at the start of a clause. The predicates are found once over the whole text and each
  // clause takes the first one in its window: matching the predicate pattern again for every clause start was
  // this extractor's main cost.
  const predicates = [...text.matchAll(SUBJECT_RE)];
  let next = 0;
  for (const c of text.matchAll(CLAUSE_START)) {
    const i = c.index ?? 0;
    const lead = text.slice(i, i + 12).match(ENUMERATOR)?.[0].length ?? 0;
    const base = i + lead;
    while (next < predicates.length && ((predicates[next] as RegExpMatchArray).index ?? 0) < base) next++;
    const m = predicates[next];
    if (!m) break;
    const at = (m.index ?? 0) - base;
    if (at === 0 || at > MAX_LIST) continue;
    const end = windowEnd(text, base);
    if ((m.index ?? 0) >= end) continue;
    const names = readList(text.slice(base, base + at));
    if (!names) continue;
    const k = m.slice(1).findIndex((g) => g !== undefined);
    afterPredicate({ names, at, word: m[0], p: SUBJECT_PREDICATES[k] as Predicate }, base, text.slice(base, end), "subject");
  }
  return out.sort((a, b) => a.start - b.start);
}
