/**
 * 密码规则: what a password must be, checked wherever one is set (a user created, changed by an admin, changed
 * by its owner, the first admin). Long enough, of three kinds of character (or a passphrase of 16 or more),
 * not the user's name, not a password guessing tools try first. Written here rather than taken from a library:
 * the rules are a few lines, and the messages must be Chinese and name each problem.
 */
import { COMMON_PASSWORDS, COMMON_STEMS } from "./common-passwords.js";

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
/** from this length a password needs no mix of kinds: a passphrase */
export const PASSPHRASE_LENGTH = 16;
const MIN_DISTINCT = 5;

export type PasswordProblem = "too_short" | "too_long" | "few_kinds" | "repetitive" | "contains_username" | "common";

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `至少 ${MIN_PASSWORD_LENGTH} 个字符`,
  too_long: `至多 ${MAX_PASSWORD_LENGTH} 个字符`,
  few_kinds: `须包含大写字母、小写字母、数字、符号（含汉字）中的至少三类，或长度不少于 ${PASSPHRASE_LENGTH} 个字符`,
  repetitive: `至少包含 ${MIN_DISTINCT} 个不同的字符`,
  contains_username: "不能包含用户名",
  common: "不能是常见密码",
};

const COMMON = new Set(COMMON_PASSWORDS);
const STEMS = new Set(COMMON_STEMS);

function kinds(chars: string[]): number {
  const seen = new Set<string>();
  for (const ch of chars) {
    if (/[a-z]/.test(ch)) seen.add("lower");
    else if (/[A-Z]/.test(ch)) seen.add("upper");
    else if (/[0-9]/.test(ch)) seen.add("digit");
    else seen.add("other");
  }
  return seen.size;
}

/** The rules a password breaks, for the user `username`; empty when it is good. */
export function passwordProblems(password: string, username: string): PasswordProblem[] {
  const chars = [...password];
  const problems: PasswordProblem[] = [];
  if (chars.length < MIN_PASSWORD_LENGTH) problems.push("too_short");
  if (chars.length > MAX_PASSWORD_LENGTH) problems.push("too_long");
  if (chars.length < PASSPHRASE_LENGTH && kinds(chars) < 3) problems.push("few_kinds");
  if (new Set(chars).size < MIN_DISTINCT) problems.push("repetitive");
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  // a two-letter name would rule out too many passwords by appearing in them; it may still not be the password
  if (name && (name.length >= 3 ? lower.includes(name) : lower === name)) problems.push("contains_username");
  const stem = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  if (COMMON.has(lower) || STEMS.has(stem)) problems.push("common");
  return problems;
}

/** The Chinese sentence that says what is wrong with a password (empty problems: none). */
export function passwordMessage(problems: PasswordProblem[]): string {
  return `密码不符合要求：${problems.map((p) => PASSWORD_PROBLEM_MESSAGES[p]).join("；")}`;
}
