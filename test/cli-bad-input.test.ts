/**
 * Bad input through the real command, in a child process whose heap is capped: each file gets one line naming it
 * and the problem and a non-zero exit code (or, for text without structure, an empty outline and a warning); never
 * a stack trace, a hang, or a process that needs more than a few hundred MB.
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, writeFileSync, writeSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDeflateRaw } from "node:zlib";
import { Document, Packer, Paragraph } from "docx";
import { beforeAll, describe, expect, it } from "vitest";
import { fakeZip } from "./support/zip.js";

const root = join(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "luoshi-bad-"));

function luoshi(...args: string[]) {
  // --max-old-space-size: a reader that tried to hold a bomb or a huge file in memory would die here
  const r = spawnSync(process.execPath, ["--max-old-space-size=256", join(root, "bin/luoshi.js"), ...args], {
    encoding: "utf8",
    timeout: 60_000,
    cwd: root,
  });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}

/** Deflates `size` zero bytes in chunks, never holding them all. */
async function deflatedZeros(size: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const z = createDeflateRaw({ level: 9 });
  z.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => z.on("end", r));
  const block = Buffer.alloc(1 << 20);
  for (let written = 0; written < size; written += block.length) {
    if (!z.write(block)) await new Promise((r) => z.once("drain", r));
  }
  z.end();
  await done;
  return Buffer.concat(chunks);
}

const files: Record<string, string> = {};

beforeAll(async () => {
  // the command runs from dist/, which `npm test` builds first
  if (!existsSync(join(root, "dist/cli/main.js"))) throw new Error("dist/ is missing: run `npm run build` first");
  const put = (name: string, data: string | Buffer) => {
    writeFileSync(join(dir, name), data);
    files[name] = join(dir, name);
  };
  put("empty.txt", "");
  put("garbage.bin", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
  const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("一、工作目标")] }] }));
  put("truncated.docx", docx.subarray(0, Math.floor(docx.length / 2)));
  const seedPdfLike = Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pa");
  put("truncated.pdf", seedPdfLike);
  // honest about its size: 1 GiB of zeros in document.xml, refused from the directory
  const zeros = await deflatedZeros(1 << 30);
  put("bomb.docx", fakeZip([{ name: "word/document.xml", data: zeros, declaredSize: 1 << 30 }]));
  // lying about its size: the same data declared as 2 KB, caught while inflating
  put("liar.docx", fakeZip([{ name: "word/document.xml", data: zeros, declaredSize: 2048 }]));
  // 50 MB of text, written in pieces
  const big = join(dir, "big.txt");
  const fd = openSync(big, "w");
  const para = Buffer.from("一、加快建设。全省新建基站100座，实现覆盖。\n".repeat(1000));
  for (let n = 0; n < 50 * 1024 * 1024; n += para.length) writeSync(fd, para);
  closeSync(fd);
  files["big.txt"] = big;
  put("plain.txt", "这是一段普通文字，没有编号，也没有任何措施。\n");
}, 120_000);

describe("luoshi parse on bad input", () => {
  for (const [name, problem] of [
    ["empty.txt", /: 空文件$/],
    ["garbage.bin", /: 无法识别的文件格式（二进制数据：/],
    ["truncated.docx", /: 文件已损坏或不完整（DOCX：/],
    ["truncated.pdf", /: 文件已损坏或不完整（PDF：/],
    ["bomb.docx", /: DOCX 文件解压后过大，拒绝读取（解压后声明有 1\.0 GB，超过 400\.0 MB 的上限）$/],
    ["liar.docx", /: DOCX 文件解压后过大，拒绝读取（其中 word\/document\.xml 解压后超过其声明的 2\.0 KB/],
    ["big.txt", /: 文件过大（\d+\.\d MB，上限 20\.0 MB）$/],
  ] as const) {
    it(`${name}: one line naming the file, non-zero exit, no stack trace`, () => {
      const r = luoshi("parse", "--json", files[name] as string);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(1);
      const lines = r.err.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(name);
      expect(lines[0]).toMatch(problem);
      expect(r.err).not.toMatch(/^\s+at /m);
      expect(r.out).toBe("");
    });
  }
  it("text with no structure: an empty outline and a warning, exit 0", () => {
    const r = luoshi("parse", "--json", files["plain.txt"] as string);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).outline).toEqual([]);
    expect(r.err).toMatch(/plain\.txt: 注意：未找到编号的条目（如“一、”“（一）”“1\.”），没有可识别的措施/);
  });
  it("the seeds parse in the same capped process", () => {
    const r = luoshi("parse", "--json", "--no-text", join(root, "examples/seeds"));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toHaveLength(5);
    expect(readFileSync(join(root, "examples/seeds/000_e290fc68146139bf.txt")).length).toBeGreaterThan(0);
  });
});
