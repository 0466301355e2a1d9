/**
 * A site's 繁体版 serves the same document in traditional characters. It is converted to simplified so that
 * it parses to the same structure (bodies, keywords and labels are matched in simplified form). The
 * conversion keeps the text's length, character for character, so offsets stay meaningful; OpenCC's
 * dictionaries ship with opencc-js, nothing is fetched.
 */
import { Converter } from "opencc-js/t2cn";
import { TRADITIONAL_ONLY } from "./tradchars.js";

type Convert = (text: string) => string;

let t2s: Convert | undefined;
const single = new Map<string, string>();

/**
 * Taiwan forms first, then Hong Kong ones: a site's 繁体版 may use either (為/爲, 衛/衞), and each chain leaves
 * the other's variants standing. Both are identities on the simplified characters the first one produces.
 */
function converter(): Convert {
  if (!t2s) {
    const tw = Converter({ from: "tw", to: "cn" });
    const hk = Converter({ from: "hk", to: "cn" });
    t2s = (text) => hk(tw(text));
  }
  return t2s;
}

function convertChar(c: string): string {
  let s = single.get(c);
  if (s === undefined) {
    const out = converter()(c);
    s = [...out].length === 1 ? out : c;
    single.set(c, s);
  }
  return s;
}

const HAN_FIRST = 0x3400;
const HAN_LAST = 0x9fff;

/** 1 for a traditional-only Han character, by UTF-16 code unit; the whole range is in the Basic Plane */
const TRAD = new Uint8Array(HAN_LAST + 1);
for (let i = 0; i < TRADITIONAL_ONLY.length; i++) TRAD[TRADITIONAL_ONLY.charCodeAt(i)] = 1;

/** The traditional-only characters as OpenCC sees them today: what tradchars.ts must hold (checked by a test). */
export function traditionalOnlyFromOpenCC(): string {
  let all = "";
  for (let c = HAN_FIRST; c <= HAN_LAST; c++) all += String.fromCharCode(c) + "\n";
  // one call over every character, one per line: no dictionary phrase spans a line break
  const out = converter()(all).split("\n");
  let trad = "";
  for (let c = HAN_FIRST; c <= HAN_LAST; c++) {
    const s = out[c - HAN_FIRST]!;
    if ([...s].length === 1 && s !== String.fromCharCode(c)) trad += String.fromCharCode(c);
  }
  return trad;
}

interface Count {
  han: number;
  trad: number;
}

function count(text: string, from: number, to: number, into: Count): void {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < HAN_FIRST || c > HAN_LAST) continue;
    into.han++;
    into.trad += TRAD[c]!;
  }
}

/** Share of Han characters that exist only in traditional form (0 for a simplified text). */
export function traditionalShare(text: string): number {
  const n: Count = { han: 0, trad: 0 };
  count(text, 0, text.length, n);
  return n.han === 0 ? 0 : n.trad / n.han;
}

const TRADITIONAL = 0.2;
const STRIDE = 8192;

/**
 * Whether a text is mostly traditional. A simplified text has practically no traditional-only characters;
 * a traditional one has a third or more. Quoted traditional names (a Hong Kong university) stay well below a fifth.
 * The count stops as soon as the rest of the text could not change the verdict, even if it were all Han
 * characters of one kind, so the answer is the full count's.
 */
export function isMostlyTraditional(text: string): boolean {
  const end = Math.min(text.length, 200_000);
  const n: Count = { han: 0, trad: 0 };
  for (let at = 0; at < end; at += STRIDE) {
    count(text, at, Math.min(end, at + STRIDE), n);
    const rest = end - Math.min(end, at + STRIDE);
    if (n.trad >= TRADITIONAL * (n.han + rest) && n.han > 0) return true;
    if (n.trad + rest < TRADITIONAL * (n.han + rest)) return false;
  }
  return n.han > 0 && n.trad / n.han >= TRADITIONAL;
}

/** Traditional → simplified with OpenCC's phrases where they keep the length, else character by character. */
export function toSimplified(text: string): string {
  const phrased = converter()(text);
  if (phrased.length === text.length) return phrased;
  let out = "";
  for (const c of text) out += convertChar(c);
  return out;
}
