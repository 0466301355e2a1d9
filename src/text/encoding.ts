/**
 * Bytes of a text or HTML file → a JS string. Chinese government files come as UTF-8 (with or without BOM),
 * GBK/GB2312/GB18030 (older sites and most files saved on Windows), occasionally Big5 or UTF-16 with a BOM.
 * Valid UTF-8 wins over any guess: a GB-encoded Chinese text of some length practically never validates as
 * UTF-8, while chardet alone confuses the two on short inputs.
 */
import chardet from "chardet";
import iconv from "iconv-lite";
import { SEND_INSTEAD } from "./sniff.js";

export interface Decoded {
  text: string;
  /** canonical name of the encoding used: utf-8, utf-16le, utf-16be, gb18030, big5, … */
  encoding: string;
}

/** Why bytes are not text, or null when they look like text. */
export function binaryReason(bytes: Uint8Array): string | null {
  const n = Math.min(bytes.length, 64 * 1024);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return `无法识别的文件格式（二进制数据：含 NUL 字节），${SEND_INSTEAD}`;
    // tab, LF, CR, FF and ESC occur in real text files; other C0 controls and DEL do not
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) || b === 0x7f) controls++;
  }
  if (controls > Math.max(2, n * 0.005)) return `无法识别的文件格式（二进制数据：含控制字符），${SEND_INSTEAD}`;
  return null;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

function validUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** gb2312 and gbk are subsets of gb18030; decoding with the superset never loses a character. */
function canonical(name: string): string | null {
  const n = name.toLowerCase().replace(/_/g, "-");
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|windows-936|euc-cn|hz-gb-2312)$/.test(n)) return "gb18030";
  if (/^(big5|big5-hkscs|x-big5|cp950)$/.test(n)) return "big5";
  if (/^(utf-?8|unicode-1-1-utf-8)$/.test(n)) return "utf-8";
  if (/^utf-?16(le)?$/.test(n)) return "utf-16le";
  if (/^utf-?16be$/.test(n)) return "utf-16be";
  if (iconv.encodingExists(n)) return n;
  return null;
}

/** The charset an HTML page declares in its first few KB (<meta charset> or http-equiv Content-Type). */
export function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString("latin1");
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(head);
  return m ? canonical(m[1]!) : null;
}

function replacementShare(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  return bad / text.length;
}

/** The most frequent characters of Chinese official texts, in both scripts. */
const COMMON = new Set(
  "的一是在不了有和人中大为上个国以要时来用们生到作地于出分对成会可主发年动同工能下过产种面而方后多定行学法所民得经十三之进等部度家电力如水化高自二理起小物现实加量都两体制机当使点从业本把性好应开合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心明看原又利比或但质第向道此变条只没结解问意建月公无系很情者最立代已通并提直题党程展五果料员位入常文总次品式活设及管特件长求基资边流路级少图山统接知较将组见计别手角期根论运农指几区强放决西被干做必先回则任取据处南给色光门即保治北造百规热领七海口东导器压志世金增争济思术极交受联认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龍國為於與發會經關門時動對這個來們說東車長開問間實現義樣學機業產從還點體無應給進過將當電頭書區報員務職權",
);

function commonShare(text: string): number {
  let han = 0;
  let common = 0;
  for (const c of text) {
    if (c < "㐀" || c > "鿿") continue;
    han++;
    if (COMMON.has(c)) common++;
  }
  return han === 0 ? 0 : common / han;
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), encoding);
}

/**
 * Decodes bytes that are known not to be PDF or ZIP. Returns null when the bytes are binary or decode to
 * garbage in every candidate encoding; the caller turns that into a DocumentError.
 */
export function decodeText(bytes: Uint8Array): Decoded | { error: string } {
  if (bytes.length >= 2) {
    // UTF-16 is recognised by its BOM before the NUL check: its ASCII characters carry NUL bytes
    if (bytes[0] === 0xff && bytes[1] === 0xfe && !(bytes[2] === 0 && bytes[3] === 0)) {
      return checked(decodeWith(bytes.subarray(2), "utf-16le"), "utf-16le");
    }
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return checked(decodeWith(bytes.subarray(2), "utf-16be"), "utf-16be");
  }
  const bin = binaryReason(bytes);
  if (bin) return { error: bin };

  const asUtf8 = validUtf8(bytes);
  if (asUtf8 !== null) return { text: asUtf8.replace(/^\ufeff/, ""), encoding: "utf-8" };
  // a UTF-8 file cut inside its last character, or with a stray byte or two, is still UTF-8: GBK read as
  // UTF-8 fails on nearly every Chinese character instead
  for (let cut = 1; cut <= 3 && cut < bytes.length; cut++) {
    const head = validUtf8(bytes.subarray(0, bytes.length - cut));
    if (head !== null && bytes[bytes.length - cut]! >= 0xc0) return { text: head.replace(/^\ufeff/, ""), encoding: "utf-8" };
  }
  const lenient = new TextDecoder("utf-8").decode(bytes).replace(/^\ufeff/, "");
  if (replacementShare(lenient) < 0.001) return { text: lenient, encoding: "utf-8" };

  const candidates: string[] = [];
  const declared = declaredHtmlCharset(bytes);
  if (declared && declared !== "utf-8") candidates.push(declared);
  for (const match of chardet.analyse(bytes)) {
    const c = canonical(match.name);
    // single-byte guesses (KOI8-R, windows-1252 …) accept any byte sequence, so they say nothing about a
    // Chinese file; only the Chinese multi-byte encodings are worth trying
    if (c === "gb18030" || c === "big5") candidates.push(c);
  }
  candidates.push("gb18030");
  const tried = new Set<string>();
  let best: (Decoded & { score: number }) | undefined;
  for (const enc of candidates) {
    if (tried.has(enc) || enc === "utf-8" || enc.startsWith("utf-16") || enc.startsWith("utf-32")) continue;
    tried.add(enc);
    const text = decodeWith(bytes, enc);
    if (replacementShare(text) > 0.002) continue;
    // a declared charset is trusted; between guesses, GB bytes often decode "cleanly" as Big5 (and back),
    // so the reading with more everyday characters wins
    if (enc === declared) return { text, encoding: enc };
    const score = commonShare(text);
    if (!best || score > best.score) best = { text, encoding: enc, score };
  }
  if (best) return { text: best.text, encoding: best.encoding };
  return { error: "无法识别文字编码（按 UTF-8、GB18030 等编码都无法正确读出），请另存为 UTF-8 编码的文本后上传" };
}

function checked(text: string, encoding: string): Decoded | { error: string } {
  if (replacementShare(text) > 0.01) return { error: `无法识别文字编码（不是有效的 ${encoding.toUpperCase()} 文本），请另存为 UTF-8 编码的文本后上传` };
  return { text, encoding };
}
