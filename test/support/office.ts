/**
 * For the tests of exported office files: a document whose text is hostile (formulas, control characters), and
 * readers that are NOT the libraries that wrote the files — jszip and cheerio's XML mode for XLSX and DOCX, a
 * hand-written RFC 4180 reader for CSV — so that a test reads what another program would.
 */
import { load, type CheerioAPI } from "cheerio";
import JSZip from "jszip";
import type { ParsedFile } from "../../src/model/exchange.js";
import type { Db } from "../../src/store/db.js";
import { SYSTEM } from "../../src/track/audit.js";
import { ingestDocument } from "../../src/track/ingest.js";
import { reviewReport } from "../../src/track/supervision.js";
import { addReport } from "../../src/track/tasks.js";
import { TODAY } from "./api.js";
import type { Engine } from "./engines.js";
import { bytesOf, jsonParse, node, sampleParsed } from "./parsed.js";

/** measure texts a spreadsheet would run as formulas, were they not escaped */
export const FORMULAS = ['=HYPERLINK("http://x","y")', "@SUM(1)", "-1+2", "+1+1"] as const;

/**
 * A provincial document whose heading and measures are formulas, one with a quote, a comma, a line break and control
 * characters, and a target with an indicator; bodies lead and support.
 */
export function hostileParsed(): ParsedFile {
  const lines = [
    "一、=1+2重点任务",
    `1. ${FORMULAS[0]}（省工业和信息化厅牵头，省通信管理局配合）`,
    `2. ${FORMULAS[1]}（省财政厅）`,
    `3. ${FORMULAS[2]}（省财政厅）`,
    `4. ${FORMULAS[3]}（省财政厅）`,
    '5. 含"引号",逗号\u0007与\u0001控制字符。到2020年底建成5G基站4.8万座。（省通信管理局）',
  ];
  const text = lines.join("\n") + "\n";
  const span = (i: number) => ({ start: text.indexOf(lines[i]!), end: text.indexOf(lines[i]!) + lines[i]!.length, rule: "t" });
  return {
    source: "hostile.txt",
    wrappers: [],
    document: {
      title: "=关于单元格注入测试的若干措施",
      docNumber: "粤测〔2020〕1号",
      issuers: ["广东省工业和信息化厅"],
      date: "2020-03-25",
      validUntil: "2020-12-31",
      cites: [],
    },
    outline: [
      node(["一"], "=1+2重点任务", [], { label: "一、", textSpan: span(0) }),
      node(["一", "1"], FORMULAS[0], ["省工业和信息化厅", "省通信管理局"], { label: "1.", lead: ["省工业和信息化厅"], textSpan: span(1) }),
      node(["一", "2"], FORMULAS[1], ["省财政厅"], { label: "2.", textSpan: span(2) }),
      node(["一", "3"], FORMULAS[2], ["省财政厅"], { label: "3.", textSpan: span(3) }),
      node(["一", "4"], FORMULAS[3], ["省财政厅"], { label: "4.", textSpan: span(4) }),
      node(["一", "5"], '含"引号",逗号与控制字符', ["省通信管理局"], {
        label: "5.",
        quantities: [{ text: "4.8万座", value: 48000, unit: "座", kind: "target", deadline: "2020-12-31", indicator: "5G基站" }],
        textSpan: span(5),
      }),
    ],
    text,
    format: "txt",
  };
}

/** RFC 4180: records separated by CRLF (or LF), fields by commas, quoted fields with doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      // CRLF ends the record at the \n
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The parts of an OOXML package as XML documents (cheerio in XML mode, namespaces kept in the names). */
export async function openPackage(bytes: Uint8Array): Promise<{ names: string[]; xml: (name: string) => Promise<CheerioAPI> }> {
  const zip = await JSZip.loadAsync(bytes);
  return {
    names: Object.keys(zip.files),
    xml: async (name: string) => {
      const f = zip.file(name);
      if (!f) throw new Error(`${name} is not in the package`);
      return load(await f.async("string"), { xml: true });
    },
  };
}

/** An XLSX read as another program would: the sheets by name, each cell's text (shared strings resolved). */
export async function readXlsx(bytes: Uint8Array) {
  const pkg = await openPackage(bytes);
  const workbook = await pkg.xml("xl/workbook.xml");
  const rels = await pkg.xml("xl/_rels/workbook.xml.rels");
  const shared = pkg.names.includes("xl/sharedStrings.xml")
    ? (await pkg.xml("xl/sharedStrings.xml"))("si")
        .toArray()
        .map((si) => load(si, { xml: true })("t").toArray().map((t) => load(t, { xml: true }).text()).join(""))
    : [];
  const sheets = workbook("sheet")
    .toArray()
    .map((s) => {
      const rid = s.attribs["r:id"]!;
      const target = rels(`Relationship[Id="${rid}"]`).attr("Target")!;
      return { name: s.attribs.name!, state: s.attribs.state ?? "visible", path: `xl/${target.replace(/^\/?xl\//, "")}` };
    });
  const sheet = async (name: string) => {
    const s = sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    const $ = await pkg.xml(s.path);
    const cells = new Map<string, { text: string; type: string | undefined; formula: boolean }>();
    $("sheetData c").each((_, c) => {
      const el = $(c);
      const type = c.attribs.t;
      const v = el.children("v").text();
      const text = type === "s" ? shared[Number(v)]! : type === "inlineStr" ? el.find("t").text() : v;
      cells.set(c.attribs.r!, { text, type, formula: el.children("f").length > 0 });
    });
    return { $, cells, text: (ref: string) => cells.get(ref)?.text ?? "" };
  };
  return { pkg, workbook, sheets, sheet };
}

/**
 * A store holding the sample document and the hostile one, with reports on the hostile document's first task:
 * one approved (2020-05-01), a later one returned (it counts for nothing), so 最新进展 is the approved one's.
 */
export async function officeStore(engine: Engine): Promise<{ db: Db; close: () => Promise<void>; sample: number; hostile: number }> {
  const { db, close } = await engine.open();
  const sample = await ingestDocument(db, jsonParse, bytesOf(sampleParsed()), "sample.json", SYSTEM);
  const hostile = await ingestDocument(db, jsonParse, bytesOf(hostileParsed()), "hostile.json", SYSTEM);
  const first = await db.query<{ id: number }>(
    `select t.id from task t join measure m on m.id = t.measure_id where m.document_id = $1 order by m.ordinal, t.id limit 1`,
    [hostile.documentId],
  );
  const taskId = first.rows[0]!.id;
  await db.transaction(async (tx) => {
    const ok = await addReport(tx, SYSTEM, taskId, { reportDate: "2020-05-01", text: "=已完成选址，@进度过半" }, TODAY);
    await reviewReport(tx, SYSTEM, ok.id, {}, TODAY, { decision: "approve", reason: null });
    const bad = await addReport(tx, SYSTEM, taskId, { reportDate: "2020-06-01", text: "被退回的报送" }, TODAY);
    await reviewReport(tx, SYSTEM, bad.id, {}, TODAY, { decision: "return", reason: "材料不全" });
  });
  return { db, close, sample: sample.documentId, hostile: hostile.documentId };
}
