/**
 * A site's 繁体版 serves the same document in traditional characters. It is converted to simplified so that
 * it parses to the same structure (bodies, keywords and labels are matched in simplified form). The
 * conversion keeps the text's length, character for character, so offsets stay meaningful; OpenCC's
 * dictionaries ship with opencc-js, nothing is fetched.
 */
import { Converter } from "opencc-js/t2cn";

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

const HAN = /[\u3400-\u9fff]/;

/** Share of Han characters that exist only in traditional form (0 for a simplified text). */
export function traditionalShare(text: string): number {
  let han = 0;
  let trad = 0;
  for (const c of text) {
    if (!HAN.test(c)) continue;
    han++;
    if (convertChar(c) !== c) trad++;
  }
  return han === 0 ? 0 : trad / han;
}

/**
 * Whether a text is mostly traditional. A simplified text has practically no traditional-only characters;
 * a traditional one has a third or more. Quoted traditional names (a Hong Kong university) stay well below a fifth.
 */
export function isMostlyTraditional(text: string): boolean {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  return traditionalShare(sample) >= 0.2;
}

/** Traditional → simplified with OpenCC's phrases where they keep the length, else character by character. */
export function toSimplified(text: string): string {
  const phrased = converter()(text);
  if (phrased.length === text.length) return phrased;
  let out = "";
  for (const c of text) out += convertChar(c);
  return out;
}
