/**
 * The normalised text every span refers to. The changes keep one character for one character wherever they
 * can, so that offsets stay close to the source: line ends unified, BOM and zero-width marks dropped,
 * fullwidth digits, Latin letters and ％ made ASCII (documents mix ２０２０ and 2020 freely), Kangxi radicals and
 * compatibility ideographs made the ideographs they stand for, and the
 * ideographic and no-break spaces made plain spaces. Chinese punctuation is kept as written: titles and names
 * are reported as the document writes them.
 */
export function normalizeText(input: string): string {
  let s = input;
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  s = s.replace(/\r\n?/g, "\n");
  // zero-width and soft hyphen marks carry no text; form feeds are page breaks from PDF tools
  s = s.replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, "").replace(/\f/g, "\n");
  s = s.replace(/[\u3000\u00a0\u2002-\u200a\u202f\u205f]/g, " ");
  // PDF text layers often map glyphs to Kangxi radicals (⼀ for 一, ⼯ for 工) or compatibility ideographs;
  // they look the same but match no name or keyword, so they become the unified ideograph (one for one)
  s = s.replace(/[\u2f00-\u2fdf\uf900-\ufaff]/g, (c) => {
    const n = c.normalize("NFKC");
    return n.length === 1 ? n : c;
  });
  s = s.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  // a fullwidth point between digits is a decimal point (０．０２元): one for one, like the digits
  s = s.replace(/(?<=\d)．(?=\d)/g, ".");
  // other control characters (binary debris in a text file) would only confuse the line logic
  s = s.replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, "");
  return s;
}
