/**
 * A stand-in parser for store/track tests: the "document" is a ParsedFile as JSON, so that tests control
 * every field; invalid JSON fails like an unreadable document. The real parser is tested on the seeds.
 */
import type { OutlineNode, ParsedFile } from "../../src/model/exchange.js";
import { DocumentError } from "../../src/text/errors.js";

export async function jsonParse(bytes: Uint8Array, name: string): Promise<ParsedFile> {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as ParsedFile;
  } catch {
    throw new DocumentError(name, "not a document", "unreadable");
  }
}

export function node(path: string[], title: string, units: string[] = [], extra: Partial<OutlineNode> = {}): OutlineNode {
  return { path, title, units, lead: [], quantities: [], ...extra };
}

/** A small provincial document: two measures with bodies, one with a target due 2020-09-30. */
export function sampleParsed(overrides: Partial<ParsedFile> = {}): ParsedFile {
  const text =
    "一、加快信息基础设施建设\n1. 提速5G网络建设。到2020年三季度末，全省5G基站建成4.8万座。（省工业和信息化厅、通信管理局）\n" +
    "2. 完善乡村信息基础设施。推动20户以上自然村光纤通达。（省财政厅、省通信管理局）\n";
  const i1 = text.indexOf("1. 提速");
  const i2 = text.indexOf("2. 完善");
  return {
    source: "sample.txt",
    wrappers: [],
    document: {
      title: "关于进一步促进信息服务和消费的若干政策措施",
      docNumber: "粤工信信软〔2020〕37号",
      issuers: ["广东省工业和信息化厅", "广东省通信管理局"],
      date: "2020-03-25",
      validUntil: "2020-12-31",
      cites: [],
    },
    outline: [
      node(["一"], "加快信息基础设施建设", [], { label: "一、", textSpan: { start: 0, end: i1, rule: "t" } }),
      node(["一", "1"], "提速5G网络建设", ["省工业和信息化厅", "省通信管理局"], {
        label: "1.",
        quantities: [{ text: "4.8万座", value: 48000, unit: "座", kind: "target", deadline: "2020-09-30", indicator: "5G基站" }],
        textSpan: { start: i1, end: i2, rule: "t" },
      }),
      node(["一", "2"], "完善乡村信息基础设施", ["省财政厅", "省通信管理局"], {
        quantities: [{ text: "20户以上", value: 20, unit: "户", kind: "other", deadline: null }],
        textSpan: { start: i2, end: text.length, rule: "t" },
      }),
    ],
    text,
    format: "txt",
    ...overrides,
  };
}

export const bytesOf = (p: ParsedFile) => new TextEncoder().encode(JSON.stringify(p));
