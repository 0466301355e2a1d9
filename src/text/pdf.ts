/**
 * PDF → text with pdf.js (pdfjs-dist, legacy build for Node). pdf.js runs in a worker thread so that a
 * hostile file cannot hang or exhaust the process: the worker is terminated after a time limit and has its
 * own heap limit. It only extracts text runs and the page's path operators; lines, tables and paragraphs
 * are rebuilt in pdf-layout.ts. Character maps and standard fonts come from the installed package: nothing
 * is fetched from the network.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { layoutPages, type PdfPage } from "./pdf-layout.js";

export class PdfError extends Error {
  constructor(
    message: string,
    readonly kind: "corrupt" | "too-large" | "unsupported" | "no-text" | "timeout",
  ) {
    super(message);
  }
}

export interface PdfText {
  text: string;
  pages: number;
  warnings: string[];
}

export interface PdfLimits {
  timeoutMs: number;
  maxPages: number;
}

// Runs inside the worker (CommonJS, evaluated from this string so it works from .ts sources and the build alike).
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  let doc;
  try {
    const pdfjs = await import(workerData.pdfjsUrl);
    doc = await pdfjs.getDocument({
      data: new Uint8Array(workerData.data),
      cMapUrl: workerData.cmapDir,
      cMapPacked: true,
      standardFontDataUrl: workerData.fontDir,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      useWorkerFetch: false,
      stopAtErrors: false,
      verbosity: 0,
    }).promise;
    if (doc.numPages > workerData.maxPages) {
      parentPort.postMessage({ type: "too-many-pages", numPages: doc.numPages });
      return;
    }
    const OPS = pdfjs.OPS;
    const pages = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      const items = [];
      for (const it of content.items) {
        if (typeof it.str === "string" && it.str !== "") items.push({ s: it.str, t: Array.from(it.transform), w: it.width, h: it.height });
      }
      const ops = [];
      if (items.length > 0) {
        try {
          const list = await page.getOperatorList();
          for (let k = 0; k < list.fnArray.length; k++) {
            const fn = list.fnArray[k];
            const a = list.argsArray[k];
            if (fn === OPS.save) ops.push(["s"]);
            else if (fn === OPS.restore) ops.push(["r"]);
            else if (fn === OPS.transform) ops.push(["t", Array.from(a)]);
            else if (fn === OPS.paintFormXObjectBegin) { ops.push(["s"]); if (a && a[0]) ops.push(["t", Array.from(a[0])]); }
            else if (fn === OPS.paintFormXObjectEnd) ops.push(["r"]);
            else if (fn === OPS.constructPath && a) ops.push(["p", a[0], (a[1] || []).filter(Boolean).map((d) => Array.from(d))]);
          }
        } catch (e) {
          ops.length = 0;
        }
      }
      pages.push({ items, ops });
      page.cleanup();
    }
    parentPort.postMessage({ type: "done", pages });
  } catch (e) {
    parentPort.postMessage({ type: "error", name: e && e.name, message: String((e && e.message) || e) });
  } finally {
    if (doc) await doc.destroy().catch(() => {});
  }
})();
`;

interface PdfjsPaths {
  pdfjsUrl: string;
  cmapDir: string;
  fontDir: string;
}

let paths: PdfjsPaths | undefined;

function pdfjsPaths(): PdfjsPaths {
  if (!paths) {
    const require = createRequire(import.meta.url);
    const pkg = dirname(require.resolve("pdfjs-dist/package.json"));
    paths = {
      pdfjsUrl: pathToFileURL(join(pkg, "legacy", "build", "pdf.mjs")).href,
      // pdf.js reads these with fs in Node; a trailing separator is required
      cmapDir: join(pkg, "cmaps") + "/",
      fontDir: join(pkg, "standard_fonts") + "/",
    };
  }
  return paths;
}

type WorkerMessage =
  | { type: "done"; pages: PdfPage[] }
  | { type: "too-many-pages"; numPages: number }
  | { type: "error"; name?: string; message: string };

function extract(bytes: Uint8Array, limits: PdfLimits): Promise<PdfPage[]> {
  // the worker gets its own copy of exactly these bytes: the caller's buffer stays usable, and a Buffer's
  // .buffer may be a shared pool holding other data
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  const data = copy.buffer;
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ...pdfjsPaths(), data, maxPages: limits.maxPages },
      transferList: [data],
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
      stdout: true,
      stderr: true,
    });
    // pdf.js warns on stdout about fonts it substitutes: not the user's business
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      finish(() => reject(new PdfError(`读取 PDF 超过 ${Math.round(limits.timeoutMs / 1000)} 秒仍未完成，已放弃：文件过大或结构异常`, "timeout")));
    }, limits.timeoutMs);
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "done") finish(() => resolve(m.pages));
      else if (m.type === "too-many-pages") {
        finish(() => reject(new PdfError(`PDF 页数过多（${m.numPages} 页，上限 ${limits.maxPages} 页），请拆分后上传`, "too-large")));
      } else finish(() => reject(pdfjsError(m.name, m.message)));
    });
    worker.on("error", (err: Error & { code?: string }) => {
      const memory = err.code === "ERR_WORKER_OUT_OF_MEMORY";
      finish(() => reject(new PdfError(memory ? "读取 PDF 所需内存超过上限：文件过大或结构异常" : `无法读取此 PDF（${err.message}）`, memory ? "too-large" : "corrupt")));
    });
    worker.on("exit", (code) => {
      finish(() => reject(new PdfError(`无法读取此 PDF（读取程序意外退出，退出码 ${code}）`, "corrupt")));
    });
  });
}

function pdfjsError(name: string | undefined, message: string): PdfError {
  if (name === "PasswordException") return new PdfError("PDF 文件设有密码，无法读取，请上传未加密的版本", "unsupported");
  if (name === "InvalidPDFException") return new PdfError(`文件已损坏或不完整（PDF：${message}）`, "corrupt");
  return new PdfError(`文件已损坏或不完整（PDF：${message}）`, "corrupt");
}

export async function pdfToText(bytes: Uint8Array, limits: PdfLimits): Promise<PdfText> {
  // a PDF that was cut off loses its cross-reference table and %%EOF; pdf.js would patch up what is left
  // and silently drop the rest of the document, so refuse it
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).subarray(Math.max(0, bytes.length - 2048)).toString("latin1");
  if (!tail.includes("%%EOF")) throw new PdfError("文件已损坏或不完整（PDF：末尾缺少 %%EOF，文件可能被截断）", "corrupt");
  const pages = await extract(bytes, limits);
  if (pages.length === 0) throw new PdfError("文件已损坏或不完整（PDF：没有页面）", "corrupt");
  const { text, emptyPages } = layoutPages(pages);
  if (text.replace(/\s/g, "").length === 0) throw new PdfError("PDF 没有文字层（可能是扫描件），请上传含文字的 PDF 或 DOCX 版本", "no-text");
  const warnings: string[] = [];
  if (emptyPages.length > 0) {
    const list = `第 ${emptyPages.slice(0, 10).join("、")} 页${emptyPages.length > 10 ? "等" : ""}`;
    warnings.push(`PDF 共 ${pages.length} 页，其中 ${emptyPages.length} 页没有文字层（可能是扫描页），其内容未能读取：${list}`);
  }
  return { text, pages: pages.length, warnings };
}
