/**
 * Responsible bodies (责任单位) in a list as documents write them: in a tag (责任单位：…), a trailing parenthesis
 * (省经济和信息化委、通信管理局…), or a task-table cell. The rules of SCHEMA.md "Responsible bodies":
 * a level or collective prefix (省/市/各区/各县（市、区）) carries over the list onto names without a level or place of
 * their own; names run together are split; a head or tail written once for several names is written out for each;
 * 牵头/配合 tails mark roles and are dropped; 按职责分工负责 means no lead; sentences that are not names
 * (…排第一的为牵头部门，下同) are dropped but reported, since they state the document's lead rule.
 *
 * Every vocabulary (tag words, role words, name endings, collective tails) is a table below, so that a new wording is
 * one more entry, not one more branch.
 */
import { hasOwnPlace, placeHead } from "./places.js";
import { backTo, forwardTo, stopSet } from "./scan.js";

export type BodyRole = "lead" | "support" | "unmarked";

export interface BodyItem {
  name: string;
  role: BodyRole;
  /** offsets of the name as written, relative to the list's text */
  start: number;
  end: number;
}

export interface BodyList {
  bodies: BodyItem[];
  /** the list states the rule "the first named leads" (排第一的为牵头部门, 列在首位的为牵头单位) */
  statesLeadRule: boolean;
  /** the list ends in 按职责分工负责: every body answers for its own part, none leads */
  noLead: boolean;
  /** a role word (负责, 牵头, 配合, 指导…) follows a name: the text says these are responsible bodies */
  roleWritten: boolean;
}

const alt = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).join("|");

// ── tags ────────────────────────────────────────────────────────────────────────────────────────────────────────
/** A tag's label is a head naming the role and a tail naming the kind of body: 牵头单位, 配合部门, 责任主体. */
const TAG_HEADS: ReadonlyArray<readonly [string, BodyRole]> = [
  ["责任", "unmarked"], ["负责", "unmarked"], ["主责", "unmarked"], ["实施", "unmarked"], ["承办", "unmarked"],
  ["落实", "unmarked"], ["牵头", "lead"], ["配合", "support"], ["协办", "support"], ["参与", "support"],
  ["协同", "support"], ["协助", "support"], ["支持", "support"],
];
const TAG_TAILS = ["单位", "部门", "主体", "处室", "科室", "股室"];
/** 牵头：X；配合：Y — heads whose role is a role on their own take a label without a tail */
const BARE_TAG_HEADS = ["牵头", "配合"];
/** the label words of a tag, as a regular-expression alternation (node.ts finds tags with it) */
export const TAG_WORDS = alt([...TAG_HEADS.flatMap(([h]) => TAG_TAILS.map((t) => h + t)), ...BARE_TAG_HEADS]);
const TAG_LABEL = new RegExp(`^\\s*(?:${TAG_WORDS})\\s*[:：]\\s*`);
const TAG_LABEL_ANYWHERE = new RegExp(`(?:${TAG_WORDS})\\s*[:：]`, "g");

function labelRole(label: string): BodyRole {
  const word = label.trim();
  for (const [head, role] of TAG_HEADS) if (word.startsWith(head)) return role;
  return "unmarked";
}

/**
 * Another field of the same tag line ends the list of bodies: 完成时限：…, 时间节点：…, 工作要求：… (OCR often drops the
 * separator before it: 责任单位：甲公司完成时限：…).
 */
const FIELD_HEADS = ["完成", "办结", "截止", "时间", "进度", "工作", "预期", "成果", "适用"];
const FIELD_TAILS = ["时限", "时间", "期限", "日期", "节点", "安排", "要求", "目标", "成果", "形式", "范围"];
const FIELD_LABEL = new RegExp(`(?:${alt(FIELD_HEADS)})?(?:${alt(FIELD_TAILS)})\\s*[:：]`);

// ── roles ───────────────────────────────────────────────────────────────────────────────────────────────────────
type RoleWord = BodyRole | "shared";
/**
 * Words after a name (or a run of names) that say what they do. "shared" words say that every body answers for its
 * own part (按职责分工负责), so none leads.
 */
const SHARED_WAYS = ["按职责分工", "按照职责分工", "按职责", "按照职责", "按职能", "按照职能", "依职责", "根据职责",
  "根据职能", "按各自职责", "按照各自职责", "各自", "分工", "分别", "共同", "协同"];
const ROLE_WORDS: ReadonlyArray<readonly [string, RoleWord]> = [
  ["牵头负责", "lead"], ["牵头落实", "lead"], ["牵头", "lead"],
  ...TAG_HEADS.filter(([, r]) => r !== "unmarked").flatMap(([h, r]) => TAG_TAILS.map((t) => [`为${h}${t}`, r] as const)),
  ["配合落实", "support"], ["配合", "support"], ["协助", "support"], ["参与", "support"], ["协办", "support"],
  ...SHARED_WAYS.flatMap((w) => [[`${w}负责`, "shared"] as const, [`${w}落实`, "shared"] as const]),
  ["各负其责", "shared"],
  ["负责落实", "unmarked"], ["负责实施", "unmarked"], ["负责", "unmarked"], ["落实", "unmarked"], ["指导", "unmarked"],
];
const ROLE_OF = new Map(ROLE_WORDS.map(([w, r]) => [w, r]));
const ROLE_TAIL = new RegExp(`(?:${alt(ROLE_WORDS.map(([w]) => w))})$`);

/** 市发展改革委（牵头）, 市工信局〔牵头〕: a role in brackets after the name is a role, not an alias */
const BRACKETED_ROLE = new RegExp(`[（(〔【\\[](${alt(ROLE_WORDS.map(([w]) => w))})[）)〕】\\]]$`);

/** The document's lead rule, said inside a tag: 排第一的为牵头部门, 列在首位的为牵头单位, 第一个单位为牵头单位. */
const FIRST_PLACE = ["排第一", "排在第一", "排名第一", "排序第一", "列第一", "列在第一", "列在首位", "列首位", "排在首位",
  "排首位", "位列第一", "位于首位", "居首位", "排在最前", "列在最前", "排在前面", "第一个", "首个", "首位", "第一位"];
const LEAD_RULE = new RegExp(`(?:${alt(FIRST_PLACE)})[^，,。；;]{0,8}?(?:为|是|作为|系)?(?:牵头|主办|主责)`);

function statesLeadRule(text: string): boolean {
  return /牵头|主办|主责/.test(text) && LEAD_RULE.test(text);
}
/**
 * The rule said in a sentence of its own, outside any tag, names the role outright (排在第一位的为牵头单位): prose
 * such as 第一个由企业牵头的联合体 states no rule.
 */
const PROSE_LEAD_RULE = new RegExp(`(?:${alt(FIRST_PLACE)})[^，,。；;]{0,8}?(?:为|是|作为)牵头(?:单位|部门)`);

/** Where a text states the lead rule in running prose, or -1. */
export function leadRuleAt(text: string): number {
  return text.includes("牵头") ? text.search(PROSE_LEAD_RULE) : -1;
}

// ── names ───────────────────────────────────────────────────────────────────────────────────────────────────────
/** Endings of a body's name: an office, a commission, a section, a company, a unit. */
const ORG_ENDINGS = [
  // offices and governments
  "局", "厅", "委", "办", "室", "办公室", "办公厅", "政府", "部", "部门", "单位", "院", "中心", "署", "处", "科", "股",
  "队", "所", "站", "组", "机构", "机关", "党委", "人大", "政协", "法院", "检察院", "团中央", "军区", "部队", "监狱",
  "街道", "镇", "乡", "村",
  // enterprises, banks, institutions
  "公司", "集团", "企业", "电网", "海关", "银行", "分行", "支行", "总行", "电台", "电视台", "气象台", "社", "馆", "校",
  "商", "厂", "基地", "园区",
  // federations and associations; a 会 that is a body, not an event (交易会, 博览会, 座谈会 are not)
  "联", "协", "委员会", "委会", "监会", "协会", "商会", "学会", "联合会", "工会", "总会", "分会", "理事会", "董事会",
  "监事会", "基金会", "促进会", "研究会", "红十字会", "议会",
];
const ORG_ENDING = new RegExp(`(?:${alt(ORG_ENDINGS)})$`);
/** endings that mark a unit of a larger body named elsewhere in the list (海关总署广东分署 is one body) */
const BRANCH_TAIL = /(?:分署|分局|分行|支行|分公司|分院|分中心|办事处|分会|分部|分所|分社)$/;
/** enterprises and associations are no level's own: a 省 carried over a list does not reach them */
const COMPANY_TAIL = /(?:集团|企业|银行|分行|支行|协会|商会|学会|联合会|大学|学院|医院|学校|研究院|研究所)$/;
/** words of a sentence, never of a name (此件发至…, …需在…后进行) */
const SENTENCE_WORDS = ["的", "为", "下同", "按照", "根据", "要求", "以下", "简称", "同志", "如下", "其中", "分工", "职责",
  "负责", "此件", "发至", "进行", "需"];
const NOT_A_NAME = new RegExp(`除.{0,40}外|${alt(SENTENCE_WORDS)}`);

/**
 * Unnamed collectives after the named bodies: 等, 等有关部门和单位, 会同有关部门. They name no one and are dropped.
 * 会同 before a named body is a separator instead (甲局会同乙局负责 names both).
 */
const COLLECTIVE = "(?:有关|相关|其他|其它|各)?(?:部门|单位|机构|地方|方面)(?:[和及与、]?(?:部门|单位|机构))?";
// 等, 等有关部门, 等10个部门, 等三家单位
const ETC_TAIL = new RegExp(`等(?:[0-9一二三四五六七八九十几多]+[个家])?(?:${COLLECTIVE})?$`);
const JOINT_COLLECTIVE = new RegExp(`会同${COLLECTIVE}(?=$|[、，,；;。负牵配协参按分共落指]|\\s)`, "g");
/**
 * 等和 / 等及 / 会同: a join after a closed run of names separates, like 、. 会同 joins only after a name: at an
 * item's start it opens a place's name (会同县人民政府).
 */
const JOINS = /等(?:以及|和|及|与)|(?<=[\u4e00-\u9fff）)])会同/g;

/** 省/市/县/区, and a collective 各市 / 各区 / 各县（市、区） / 各省级: a prefix that carries over a list. */
const LEVEL_START = /^(?:省|市|县|区)(?!场|级)/;
const FULL_LEVEL_START = /^[\u4e00-\u9fff]{2,4}?(?:省|市|县|区)(?!场)/;
const COLLECTIVE_LEVELS = ["地级以上市", "地级市", "省级", "市级", "县级", "区级", "乡镇", "县区", "市县", "县市区", "市区",
  "省", "市", "县", "区", "镇", "乡", "街道", "地市", "州", "盟", "旗"];
const COLLECTIVE_START = new RegExp(
  `^各(?:有关|相关)?(?:${alt(COLLECTIVE_LEVELS)})(?!场)(?:[（(][^（()）]{1,10}[）)])?(?=[\\u4e00-\\u9fff])`,
);

const COLLECTIVE_NAME = /^各(?:有关|相关|级|地|部门|单位|成员|省|市|县|区|州|盟|旗|乡|镇|街道)/;

/** The text ends like a body's name (…人民政府, …委员会): what follows it in brackets is its alias. */
export function hasOrgEnding(text: string): boolean {
  return ORG_ENDING.test(text);
}

function stripAlias(name: string): string {
  return name.replace(/[（(][^（()）]*[）)]$/, "");
}

/** Looks like the name of a body (for lists that are not known to hold bodies, every item must). */
export function isOrgName(name: string): boolean {
  if (name.length < 2 || name.length > 40) return false;
  if (NOT_A_NAME.test(name)) return false;
  // a collective (各市人民政府, 各县（市、区）, 各有关单位) names bodies; 各项任务… does not
  if (name.length >= 3 && (COLLECTIVE_NAME.test(name) || (/^各/.test(name) && ORG_ENDING.test(stripAlias(name))))) return true;
  return ORG_ENDING.test(stripAlias(name));
}

function isSentence(name: string): boolean {
  return name.length > 40 || NOT_A_NAME.test(name) || /[。：:“”"《》]/.test(name);
}

/** a date or a count is no part of a name: 责任单位：甲局，2023年底前完成 */
const DATE_LIKE = /[0-9０-９年月日]/;

/** Separators outside brackets: 、 between names; ， ； 。 and line breaks also end a group sharing a head or tail. */
const SEPARATORS = stopSet("、，,；;。\n\t");
const GROUP_ENDS = stopSet("，,；;。\n\t");

interface Piece {
  s: string;
  start: number;
  /** index of the group of names between ，/； (a shared head or tail stays inside one group) */
  group: number;
}

function splitItems(text: string, from: number, to: number): Piece[] {
  const out: Piece[] = [];
  let depth = 0;
  let begin = from;
  let group = 0;
  for (let i = from; i <= to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0xff08) depth++;
    else if ((c === 0x29 || c === 0xff09) && depth > 0) depth--;
    if (i === to || (depth === 0 && SEPARATORS.has(c))) {
      out.push({ s: text.slice(begin, i), start: begin, group });
      if (GROUP_ENDS.has(c)) group++;
      begin = i + 1;
    }
  }
  return out;
}

/** "市市场监管局江门供电局" → two names: a name ends, and the rest opens with a level or a place of its own. */
export function splitRunTogether(name: string): string[] {
  let depth = 0;
  for (let i = 2; i <= name.length - 3; i++) {
    const c = name[i - 1] as string;
    if (c === "(" || c === "（") depth++;
    else if (c === ")" || c === "）") depth--;
    if (depth !== 0 || !/[局厅委办部院司署行会室心团处站台馆科股队所社]/.test(c)) continue;
    if (endingRunsOn(name, i)) continue; // 发展和改革委|员会: the ending goes on past the break
    const head = name.slice(0, i);
    // a join between two whole names: 省财政厅和省税务局
    const rest = name.slice(i).replace(/^(?:和|及|与)(?=省|市|县|区|各)/, "");
    if (BRANCH_TAIL.test(rest) && !LEVEL_START.test(rest)) continue; // 海关总署广东分署 is one body
    if (!(LEVEL_START.test(rest) || /^各/.test(rest) || hasOwnPlace(rest))) continue;
    if (!isOrgName(head) || !isOrgName(rest)) continue;
    return [head, ...splitRunTogether(rest)];
  }
  return [name];
}

/** An ending of a name spans position i: 委员会 read from the 委 before i. */
function endingRunsOn(name: string, i: number): boolean {
  for (let k = 1; k <= 3 && i + k <= name.length; k++) {
    const m = name.slice(0, i + k).match(ORG_ENDING);
    if (m && m[0].length > k) return true;
  }
  return false;
}

function ownPrefix(name: string): string | null {
  const collective = name.match(COLLECTIVE_START);
  if (collective) return collective[0];
  if (LEVEL_START.test(name)) return name[0] as string;
  const m = name.match(FULL_LEVEL_START);
  if (m && hasOwnPlace(name)) return m[0];
  return null;
}

function needsPrefix(name: string): boolean {
  if (LEVEL_START.test(name)) return false;
  if (/^(?:各|有关|相关|全|本|其他|其它|所属)/.test(name)) return false;
  if (hasOwnPlace(name)) return false;
  return !COMPANY_TAIL.test(stripAlias(name));
}

interface Draft extends BodyItem {
  group: number;
  /** index of the field (责任单位：… / 配合单位：…) the name was written in: a prefix carries within one field */
  part: number;
  /** written without an ending of its own: 检修、建设公司 shares the ending of the name after it */
  fragment: boolean;
}

// Clauses about the list rather than in it: a 除…外 opening a clause (not an exception 甲会除外 about one name) and a
// lone 下同. Blanked (same length, so offsets hold) before the list is read; the lead rule's clause is blanked by
// walking to the clause's ends, not by a pattern around it that would backtrack over a long clause.
const SIDE_CLAUSE = /(?<=^|[、，,；;。]\s*)除[^、，,；;。]{0,20}外|(?<=^|[、，,；;。])\s*下同\s*(?=$|[、，,；;。])/g;
const CLAUSE_STOPS = stopSet("、，,；;。");
const LEAD_RULES = new RegExp(LEAD_RULE.source, "g");

/** Same-length rewrites so that offsets hold: rule clauses blanked, unnamed 会同 collectives blanked, joins as 、. */
function prepare(listText: string): { text: string; statesLeadRule: boolean } {
  const rule = statesLeadRule(listText);
  let text = listText;
  if (rule) {
    for (const m of listText.matchAll(LEAD_RULES)) {
      const a = backTo(text, m.index ?? 0, CLAUSE_STOPS);
      const b = forwardTo(text, (m.index ?? 0) + m[0].length, CLAUSE_STOPS);
      text = text.slice(0, a) + " ".repeat(b - a) + text.slice(b);
    }
  }
  if (/除|下同/.test(text)) text = text.replace(SIDE_CLAUSE, (m) => " ".repeat(m.length));
  if (text.includes("会同")) text = text.replace(JOINT_COLLECTIVE, (m) => " ".repeat(m.length));
  if (/等[以和及与]|会同/.test(text)) text = text.replace(JOINS, (m) => (m[0] === "等" ? "等" + "、".repeat(m.length - 1) : "、".repeat(m.length)));
  return { text, statesLeadRule: rule };
}

/** Where the list ends: the end of the text, or another field of the tag (完成时限：…). */
function listEnd(text: string, from: number): number {
  if (!/[:：]/.test(text.slice(from))) return text.length;
  const m = FIELD_LABEL.exec(text.slice(from));
  return m ? from + m.index : text.length;
}

/**
 * Reads a list of bodies. `trusted` lists are known to hold bodies (a 责任单位 tag, a task-table cell): any item
 * that is not a sentence is a name. Otherwise (a bare parenthesis) every item must look like a body's name, or a role
 * word (负责, 牵头, 指导…) must say that the parenthesis names bodies; if not, null is returned.
 */
export function parseBodyList(listText: string, trusted: boolean): BodyList | null {
  const { text, statesLeadRule: rule } = prepare(listText);
  let offset = 0;
  const label = text.match(TAG_LABEL);
  let role: BodyRole = "unmarked";
  if (label) {
    offset = label[0].length;
    trusted = true;
    role = labelRole(label[0]);
  }
  const end = listEnd(text, offset);
  // sub-labels inside the list (牵头单位：X；配合单位：Y, or 配合单位： run on after the last name) start a new part
  const parts: Array<{ from: number; to: number; role: BodyRole }> = [];
  let from = offset;
  if (/单位|部门|主体|处室|科室|股室|牵头|配合/.test(text.slice(offset, end))) {
    for (const m of text.slice(0, end).matchAll(TAG_LABEL_ANYWHERE)) {
      const at = m.index ?? 0;
      if (at < offset) continue;
      parts.push({ from, to: at, role });
      role = labelRole(m[0]);
      from = at + m[0].length;
    }
  }
  parts.push({ from, to: end, role });

  const drafts: Draft[] = [];
  let noLead = false;
  let sawRoleWord = false;
  let rejected = 0;
  let groupBase = 0;
  for (const [partIndex, part] of parts.entries()) {
    let pending: Draft[] = [];
    const flush = (r: BodyRole) => {
      for (const p of pending) p.role = r;
      drafts.push(...pending);
      pending = [];
    };
    let lastGroup = 0;
    for (const piece of splitItems(text, part.from, part.to)) {
      lastGroup = piece.group;
      const read = readItem(piece.s);
      if (read.role) {
        sawRoleWord = true;
        if (read.role === "shared") noLead = true;
      }
      // a role word closes the run of names before it: 甲局负责，乙局配合 makes only 乙局 a supporter
      const closes = read.role === null ? null : read.role === "shared" ? "unmarked" : read.role;
      const lead = piece.s.match(/^\s*/)?.[0].length ?? 0;
      const start = piece.start + lead;
      const stop = piece.start + piece.s.replace(/\s+$/, "").length;
      const name = read.name;
      const named = name !== "" && !isSentence(name);
      if (named && isOrgName(name)) {
        for (const n of splitRunTogether(name)) {
          pending.push({ name: n, role: "unmarked", start, end: stop, group: groupBase + piece.group, part: partIndex, fragment: false });
        }
      } else if (named && name.length <= 12 && !DATE_LIKE.test(name)) {
        pending.push({ name, role: "unmarked", start, end: stop, group: groupBase + piece.group, part: partIndex, fragment: true });
      } else if (name) {
        rejected++;
      }
      if (closes) flush(closes);
    }
    flush(part.role);
    groupBase += lastGroup + 1;
  }
  const items = shareEnding(drafts, trusted);
  rejected += drafts.length - items.length;
  if (!trusted && (items.length === 0 || (rejected > 0 && !sawRoleWord))) return null;
  // a bare parenthesis of one short word is part of a name: （集团） in 广州铁路（集团）公司
  if (!trusted && items.length === 1 && (items[0] as BodyItem).name.length < 3) return null;
  if (items.length === 0) return rule ? { bodies: [], statesLeadRule: rule, noLead, roleWritten: sawRoleWord } : null;
  carryPrefix(items);
  const seen = new Set<string>();
  const bodies = items
    .filter((b) => (seen.has(b.name) ? false : (seen.add(b.name), true)))
    .map(({ name, role: r, start, end: e }) => ({ name, role: r, start, end: e }));
  return { bodies, statesLeadRule: rule, noLead, roleWritten: sawRoleWord };
}

/** One item: whitespace removed, its role word and an unnamed 等 tail taken off. */
function readItem(s: string): { name: string; role: RoleWord | null } {
  let name = s.replace(/\s+/g, "").replace(BRACKETED_ROLE, "$1");
  let role: RoleWord | null = null;
  const tail = name.match(ROLE_TAIL);
  if (tail) {
    role = ROLE_OF.get(tail[0]) ?? "unmarked";
    name = name.slice(0, -tail[0].length);
  }
  name = name.replace(ETC_TAIL, "");
  return { name, role };
}

/**
 * 国网甲检修、建设公司 → 国网甲检修公司, 国网甲建设公司: an item with no ending of its own takes the ending of the next
 * whole name in its group, and that name takes the place head the first item wrote. A fragment with no whole name after
 * it is dropped; in a list not known to hold bodies, only a fragment that opens with a place's name is kept.
 */
function shareEnding(drafts: Draft[], trusted: boolean): Draft[] {
  const out: Draft[] = [];
  for (let k = 0; k < drafts.length; k++) {
    const d = drafts[k] as Draft;
    if (!d.fragment) {
      out.push(d);
      continue;
    }
    // in a bare parenthesis only a fragment that opens with a place's name (国网甲检修、…) can share an ending
    if (!trusted && !placeHead(d.name)) continue;
    let j = k + 1;
    while (j < drafts.length && (drafts[j] as Draft).fragment && (drafts[j] as Draft).group === d.group) j++;
    const whole = drafts[j];
    // a whole name with a level or place of its own (中国移动、市财政局) shares nothing with the item before it
    if (!whole || whole.group !== d.group || ownPrefix(whole.name) || hasOwnPlace(whole.name)) {
      if (d.name.length >= 3) out.push({ ...d, fragment: false });
      continue;
    }
    const ending = stripAlias(whole.name).match(ORG_ENDING)?.[0] ?? "";
    // the ending is what the whole name has beyond a word: 建设公司 gives 公司
    const head = placeHead(d.name);
    for (let i = k; i < j; i++) {
      const f = drafts[i] as Draft;
      out.push({ ...f, name: f.name + ending, fragment: false });
    }
    if (head && !placeHead(whole.name)) whole.name = head + whole.name;
    k = j - 1;
  }
  return out;
}

/**
 * 省工业和信息化厅、通信管理局 → 省通信管理局: the last level written carries onto names without their own, within
 * one field. A collective (各区) carries only within its 、-run: 各省级人民政府，财政部 names the ministry itself.
 */
function carryPrefix(items: Draft[]): void {
  let prefix: string | null = null;
  let part = 0;
  let group = 0;
  for (const b of items) {
    if (b.part !== part) [prefix, part] = [null, b.part];
    if (b.group !== group && prefix?.startsWith("各")) prefix = null;
    group = b.group;
    const own = ownPrefix(b.name);
    if (own) {
      prefix = own;
      continue;
    }
    if (prefix && needsPrefix(b.name)) b.name = prefix + b.name;
  }
}
