/** `luoshi parse FILE|FOLDER…`: a readable summary per document, or the exchange format with --json. */
import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import type { Command } from "commander";
import { parseDocumentFile } from "../../parse/index.js";
import { DocumentError } from "../../text/errors.js";
import { formatSummary } from "../summary.js";
import type { ParsedFile } from "../../model/exchange.js";

const DOCUMENT_EXT = /\.(?:txt|text|html?|shtml|xhtml|docx|pdf)$/i;

/** Files named, and the documents inside folders named (recursively, in name order). */
export async function expandPaths(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch {
      throw new DocumentError(p, "文件或文件夹不存在");
    }
    if (st.isDirectory()) {
      const entries = (await readdir(p, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
      const nested = entries
        .filter((e) => e.isDirectory() || (e.isFile() && DOCUMENT_EXT.test(e.name)))
        .map((e) => join(p, e.name));
      out.push(...(await expandPaths(nested)));
    } else {
      out.push(p);
    }
  }
  return out;
}

export async function parseFile(path: string): Promise<ParsedFile> {
  try {
    return await parseDocumentFile(path, basename(path));
  } catch (err) {
    // the message names the path as given on the command line, not only the file's name
    if (err instanceof DocumentError) throw new DocumentError(path, err.problem, err.kind);
    throw new DocumentError(path, `解析程序出错（${err instanceof Error ? err.message.split("\n")[0] : String(err)}）`);
  }
}

export function registerParse(program: Command): void {
  program
    .command("parse")
    .description("parse policy documents (txt, html, docx, pdf) and print their structure")
    .argument("<paths...>", "files or folders")
    .option("--json", "print the exchange format (a JSON array for more than one file)")
    .option("--no-text", "with --json: leave the normalised text out of the output")
    .action(async (paths: string[], opts: { json?: boolean; text?: boolean }) => {
      const files = await expandPaths(paths);
      const results: ParsedFile[] = [];
      let failed = 0;
      for (const f of files) {
        try {
          const parsed = await parseFile(f);
          if (opts.text === false) delete parsed.text;
          for (const w of parsed.warnings ?? []) process.stderr.write(`${f}: 注意：${w}\n`);
          if (opts.json) results.push(parsed);
          else process.stdout.write(formatSummary(parsed) + "\n");
        } catch (err) {
          failed++;
          const msg = err instanceof DocumentError ? err.message : `${f}: ${String(err)}`;
          process.stderr.write(`luoshi: ${msg}\n`);
        }
      }
      if (opts.json) {
        const out = files.length === 1 && results.length === 1 ? results[0] : results;
        if (results.length > 0 || files.length > 1) process.stdout.write(JSON.stringify(out, null, 2) + "\n");
      }
      if (failed > 0) process.exitCode = 1;
    });
}
