/**
 * Responsible bodies (责任单位) in a list as documents write them: in a tag (责任单位：…), a trailing parenthesis
 * (省经济和信息化委、通信管理局…), or a task-table cell. The rules of SCHEMA.md "Responsible bodies":
 * a level prefix (省/市/县/区) carries over the list onto names without a level or place of their own; names run
 * together are split; 牵头/配合 tails mark roles and are dropped; 按职责分工负责 means no lead; sentences that are
 * not names (…排第一的为牵头部门，下同) are dropped but reported, since they state the document's lead rule.
 */
import { hasOwnPlace } from "./places.js";
import { stopSet } from "./scan.js";

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
}

const TAG_LABEL =
  /^\s*(?:责任单位|责任部门|牵头单位|牵头部门|负责单位|负责部门|主责单位|实施单位|责任主体|配合单位|配合部门|协办单位|参与单位)\s*[:：]\s*/;
const LEAD_RULE =
  /(?:排第一|排在第一|排名第一|排序第一|列第一|列在第一|列在首位|排在首位|排首位|位列第一|位于首位|第一个|首位)[^，,。；;]{0,8}?(?:为|是)(?:牵头|主办|主责)/;
const ROLE_TAIL = /(?:按职责分工负责|按职责负责|分别负责|按职能负责|共同负责|牵头负责|牵头|配合|协助|参与|协办|负责)$/;
const ETC_TAIL = /(?:等有关部门|等有关单位|等相关部门|等相关单位|等部门|等单位|等)$/;
const NOT_A_NAME = /[的为]|除.*外|下同|按照|根据|要求|以下|简称|同志|如下|其中|分工|职责|负责/;
const ORG_SUFFIX =
  /(?:局|厅|委|委员会|办|办公室|政府|部|部门|单位|院|中心|公司|集团|署|行|所|站|台|社|协会|商会|学会|联合会|工商联|工会|处|队|馆|校|学院|大学|企业|电网|海关|管委会|妇联|残联|科协|侨联|文联|红十字会|监狱|街道|镇|乡|村|机构|机关|组|室)$/;
const BRANCH_TAIL = /(?:分署|分局|分行|支行|分公司|分院|分中心|办事处|分会|分部|分所|分社)$/;
const COMPANY_TAIL = /(?:公司|集团|企业|银行|分行|支行|协会|商会|学会|联合会|大学|学院|医院|学校|研究院|研究所)$/;
const LEVEL_START = /^(?:省|市|县|区)(?!场|级)/;
const FULL_LEVEL_START = /^[\u4e00-\u9fff]{2,4}?(?:省|市|县|区)(?!场)/;

function stripAlias(name: string): string {
  return name.replace(/[（(][^（()）]*[）)]$/, "");
}

/** Looks like the name of a body (for lists that are not known to hold bodies, every item must). */
export function isOrgName(name: string): boolean {
  if (name.length < 2 || name.length > 40) return false;
  if (NOT_A_NAME.test(name)) return false;
  if (/^各.{1,}/.test(name) && name.length >= 3) return true;
  return ORG_SUFFIX.test(stripAlias(name));
}

function isSentence(name: string): boolean {
  return NOT_A_NAME.test(name) || /[。：:“”"《》]/.test(name) || name.length > 40;
}

/** Splits at separators outside brackets: 、 ， , ； ; 。 and line breaks. */
const SEPARATORS = stopSet("、，,；;。\n\t");

function splitItems(text: string): Array<{ s: string; start: number }> {
  const out: Array<{ s: string; start: number }> = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0xff08) depth++;
    else if ((c === 0x29 || c === 0xff09) && depth > 0) depth--;
    if (i === text.length || (depth === 0 && SEPARATORS.has(c))) {
      out.push({ s: text.slice(from, i), start: from });
      from = i + 1;
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
    if (depth !== 0 || !/[局厅委办部院司署行会室心团处站台馆]/.test(c)) continue;
    const head = name.slice(0, i);
    const rest = name.slice(i);
    if (BRANCH_TAIL.test(rest) && !LEVEL_START.test(rest)) continue; // 海关总署广东分署 is one body
    if (!(LEVEL_START.test(rest) || /^各/.test(rest) || hasOwnPlace(rest))) continue;
    if (!isOrgName(head) || !isOrgName(rest)) continue;
    return [head, ...splitRunTogether(rest)];
  }
  return [name];
}

function ownPrefix(name: string): string | null {
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

/**
 * Reads a list of bodies. `trusted` lists are known to hold bodies (a 责任单位 tag, a task-table cell): any item
 * that is not a sentence is a name. Otherwise (a bare parenthesis) every item must look like a body's name, or
 * the list is no list of bodies and null is returned.
 */
// Clauses about the list rather than in it; blanked (same length, so offsets hold) before the list is read.
const RULE_CLAUSE = new RegExp(
  `[^、，,；;。]*(?:${LEAD_RULE.source})[^、，,；;。]*|除[^、，,；;。]{0,20}外|(?<=^|[、，,；;。])\\s*下同\\s*(?=$|[、，,；;。])`,
  "g",
);

export function parseBodyList(listText: string, trusted: boolean): BodyList | null {
  const statesLeadRule = /牵头|主办|主责/.test(listText) && LEAD_RULE.test(listText);
  const text = statesLeadRule || /除|下同/.test(listText) ? listText.replace(RULE_CLAUSE, (m) => " ".repeat(m.length)) : listText;
  let offset = 0;
  const label = text.match(TAG_LABEL);
  let labelRole: BodyRole = "unmarked";
  if (label) {
    offset = label[0].length;
    trusted = true;
    if (/^\s*(?:牵头)/.test(label[0])) labelRole = "lead";
    else if (/^\s*(?:配合|协办|参与)/.test(label[0])) labelRole = "support";
  }
  const items: BodyItem[] = [];
  let pending: BodyItem[] = [];
  let noLead = false;
  let sawRoleWord = false;
  let rejected = 0;
  const flush = (role: BodyRole) => {
    for (const p of pending) p.role = role;
    items.push(...pending);
    pending = [];
  };
  for (const part of splitItems(text.slice(offset))) {
    let s = part.s;
    let start = offset + part.start;
    // a sub-label inside the list: 牵头单位：X；配合单位：Y
    const sub = /单位|部门|主体/.test(s) ? s.match(TAG_LABEL) : null;
    if (sub) {
      flush(labelRole);
      labelRole = /^\s*牵头/.test(sub[0]) ? "lead" : /^\s*(?:配合|协办|参与)/.test(sub[0]) ? "support" : "unmarked";
      start += sub[0].length;
      s = s.slice(sub[0].length);
    }
    const lead = s.match(/^\s*/)?.[0].length ?? 0;
    // 市发展改革委（牵头）: a role in brackets after the name is a role, not an alias
    let name = s.replace(/\s+/g, "").replace(/[（(](牵头|配合|协助|参与|协办|负责|按职责分工负责)[）)]$/, "$1");
    const end = start + s.replace(/\s+$/, "").length;
    start += lead;
    if (!name) continue;
    let role: BodyRole | null = null;
    const tail = name.match(ROLE_TAIL);
    if (tail) {
      const word = tail[0];
      name = name.slice(0, -word.length);
      if (/按职责|分别负责|按职能|共同负责/.test(word)) noLead = true;
      else if (/牵头/.test(word)) role = "lead";
      else if (/配合|协助|参与|协办/.test(word)) role = "support";
      if (role) sawRoleWord = true;
    }
    name = name.replace(ETC_TAIL, "");
    if (!name || isSentence(name) || (!trusted && !isOrgName(name))) {
      if (name) rejected++;
      if (role) flush(role);
      continue;
    }
    if (trusted && !isOrgName(name) && name.length < 3) {
      rejected++;
      continue;
    }
    const names = splitRunTogether(name);
    for (const n of names) pending.push({ name: n, role: "unmarked", start, end });
    if (role) flush(role);
  }
  flush(labelRole);
  if (!trusted && (items.length === 0 || rejected > 0) && !sawRoleWord) return null;
  // a bare parenthesis of one short word is part of a name: （集团） in 广州铁路（集团）公司
  if (!trusted && items.length === 1 && (items[0] as BodyItem).name.length < 3) return null;
  if (items.length === 0) return statesLeadRule ? { bodies: [], statesLeadRule, noLead } : null;
  carryPrefix(items);
  const seen = new Set<string>();
  const bodies = items.filter((b) => (seen.has(b.name) ? false : (seen.add(b.name), true)));
  return { bodies, statesLeadRule, noLead };
}

/** 省工业和信息化厅、通信管理局 → 省通信管理局: the last level written carries onto names without their own. */
function carryPrefix(items: BodyItem[]): void {
  let prefix: string | null = null;
  for (const b of items) {
    const own = ownPrefix(b.name);
    if (own) {
      prefix = own;
      continue;
    }
    if (prefix && needsPrefix(b.name)) b.name = prefix + b.name;
  }
}
