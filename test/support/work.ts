/**
 * Counts the work a piece of code does on text, without a clock: the characters that its regular expression
 * searches and its indexOf/lastIndexOf/includes scans pass over. The parser's passes over a document are made
 * of these, so a pass that goes back over the text for every line or every label shows as work that grows
 * with the square of the length, on any machine and under any load (a timing would not).
 *
 * While counting, RegExp.prototype.exec is replaced; V8 then sends every match, replace, split, test and
 * matchAll through it (its fast paths check that the prototype is untouched). A search counts the characters
 * from where it started to the end of its match, or to the end of the text when nothing matched; a search
 * that can only match where it starts (sticky, or anchored with a leading ^) counts 1 plus its match. A search
 * anchored only at its end ($) counts as a full search: V8 skips ahead for some of them (patterns of bounded
 * length), but a pass whose cost depends on that engine's shortcut is one to rewrite, not to rely on.
 */

interface Counter {
  work: number;
}

const originalExec = RegExp.prototype.exec;
const originalIndexOf = String.prototype.indexOf;
const originalLastIndexOf = String.prototype.lastIndexOf;
const originalIncludes = String.prototype.includes;

const anchoredCache = new WeakMap<RegExp, boolean>();
/** `^…` without the m flag and without a top-level alternative: tried at the start only */
function anchored(re: RegExp): boolean {
  let a = anchoredCache.get(re);
  if (a === undefined) {
    const src = re.source;
    let depth = 0;
    let alternative = false;
    for (let i = 0; i < src.length; i++) {
      const c = src[i];
      if (c === "\\") i++;
      else if (c === "(") depth++;
      else if (c === ")") depth--;
      else if (c === "|" && depth === 0) alternative = true;
      else if (c === "[") {
        // skip a character class, where ( ) | are literal
        for (i++; i < src.length && src[i] !== "]"; i++) if (src[i] === "\\") i++;
      }
    }
    a = re.sticky || (!re.multiline && src.startsWith("^") && !alternative);
    anchoredCache.set(re, a);
  }
  return a;
}

/**
 * Runs `fn` and resolves to what it returned with the work it did on text. `fn` may be async as long as it
 * waits on nothing but its own promises (no I/O, no timers): then nothing else runs while it is counted.
 */
export async function countWork<T>(fn: () => T | Promise<T>): Promise<{ result: T; work: number }> {
  const c: Counter = { work: 0 };
  RegExp.prototype.exec = function (this: RegExp, input: string) {
    const s = String(input);
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const m = originalExec.call(this, s);
    c.work += anchored(this) ? 1 + (m ? m[0].length : 0) : Math.max(1, (m ? m.index + m[0].length : s.length) - from);
    return m;
  };
  String.prototype.indexOf = function (this: string, search: string, position?: number) {
    const from = Math.max(0, Math.min(this.length, Math.trunc(position ?? 0) || 0));
    const at = originalIndexOf.call(this, search, position);
    c.work += Math.max(1, (at >= 0 ? at + String(search).length : this.length) - from);
    return at;
  };
  String.prototype.includes = function (this: string, search: string, position?: number) {
    return String.prototype.indexOf.call(this, search, position) >= 0;
  };
  String.prototype.lastIndexOf = function (this: string, search: string, position?: number) {
    const from = position === undefined || Number.isNaN(position) ? this.length : Math.max(0, Math.min(this.length, Math.trunc(position)));
    const at = originalLastIndexOf.call(this, search, position);
    c.work += Math.max(1, at >= 0 ? from - at + String(search).length : from);
    return at;
  };
  try {
    const result = await fn();
    return { result, work: c.work };
  } finally {
    RegExp.prototype.exec = originalExec;
    String.prototype.indexOf = originalIndexOf;
    String.prototype.lastIndexOf = originalLastIndexOf;
    String.prototype.includes = originalIncludes;
  }
}
