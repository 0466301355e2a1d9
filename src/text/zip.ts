/**
 * Just enough ZIP to read the parts of an Office file, defensively: the central directory is read first and
 * an archive that declares absurd sizes or ratios is refused before anything is inflated; inflating is capped
 * at the declared size, so an entry that lies about its size cannot balloon either.
 */
import { inflateRawSync } from "node:zlib";
import { formatBytes } from "./limits.js";

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export class ZipError extends Error {
  constructor(
    message: string,
    readonly kind: "corrupt" | "too-large" | "unsupported" = "corrupt",
  ) {
    super(message);
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function u64(dv: DataView, at: number): number {
  // sizes beyond 2^53 are absurd for our purposes; Number keeps the comparison honest up to there
  return dv.getUint32(at, true) + dv.getUint32(at + 4, true) * 2 ** 32;
}

/** The central directory's entries. Throws ZipError when there is none (truncated file) or it is damaged. */
export function readCentralDirectory(bytes: Uint8Array): ZipEntry[] {
  const dv = view(bytes);
  let eocd = -1;
  // the end record sits in the last 64 KB + 22 bytes (its comment is at most 65535 bytes)
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (dv.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("找不到 ZIP 中央目录，文件可能被截断");
  let count = dv.getUint16(eocd + 10, true);
  let cdSize = dv.getUint32(eocd + 12, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || dv.getUint32(loc, true) !== ZIP64_LOCATOR) throw new ZipError("ZIP64 目录已损坏");
    const z64 = u64(dv, loc + 8);
    if (z64 + 56 > bytes.length || dv.getUint32(z64, true) !== ZIP64_EOCD) throw new ZipError("ZIP64 目录已损坏");
    count = u64(dv, z64 + 32);
    cdSize = u64(dv, z64 + 40);
    cdOffset = u64(dv, z64 + 48);
  }
  if (cdOffset + cdSize > bytes.length) throw new ZipError("ZIP 中央目录超出文件末尾，文件被截断");
  if (count > 100_000) throw new ZipError(`ZIP 声明有 ${count} 个部件，超过 100000 个的上限`, "too-large");

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || dv.getUint32(p, true) !== CENTRAL) throw new ZipError("ZIP 中央目录已损坏");
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    let compressedSize = dv.getUint32(p + 20, true);
    let size = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    let localOffset = dv.getUint32(p + 42, true);
    // a damaged length must not read past the end (a RangeError is not a refusal)
    if (p + 46 + nameLen + extraLen + commentLen > bytes.length) throw new ZipError("ZIP 中央目录已损坏");
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + p + 46, nameLen).toString(flags & 0x800 ? "utf8" : "latin1");
    // ZIP64 extra field (id 1) carries the real values of the fields set to 0xffffffff, in this order
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = dv.getUint16(e, true);
      const len = dv.getUint16(e + 2, true);
      if (id === 1) {
        let q = e + 4;
        const fieldEnd = e + 4 + len;
        if (size === 0xffffffff && q + 8 <= fieldEnd) {
          size = u64(dv, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= fieldEnd) {
          compressedSize = u64(dv, q);
          q += 8;
        }
        if (localOffset === 0xffffffff && q + 8 <= fieldEnd) localOffset = u64(dv, q);
      }
      e += 4 + len;
    }
    entries.push({ name, method, flags, compressedSize, size, localOffset });
    p = extraEnd + commentLen;
  }
  return entries;
}

export interface InflateLimits {
  /** total declared uncompressed size of the whole archive */
  maxTotal: number;
  /** declared uncompressed size of any one entry we read */
  maxEntry: number;
  /** uncompressed : compressed, beyond which an entry above minRatioCheck bytes is a bomb */
  maxRatio: number;
  minRatioCheck: number;
}

/** Refuses an archive whose directory announces more than the limits allow. */
export function checkDeclaredSizes(entries: ZipEntry[], limits: InflateLimits): void {
  const total = entries.reduce((n, e) => n + e.size, 0);
  if (total > limits.maxTotal) {
    throw new ZipError(`解压后声明有 ${formatBytes(total)}，超过 ${formatBytes(limits.maxTotal)} 的上限`, "too-large");
  }
  for (const e of entries) {
    if (e.size > limits.minRatioCheck && e.size > limits.maxRatio * Math.max(1, e.compressedSize)) {
      const ratio = Math.round(e.size / Math.max(1, e.compressedSize));
      throw new ZipError(`其中 ${e.name} 的压缩比高达 ${ratio}:1，疑似压缩炸弹`, "too-large");
    }
  }
}

/** One entry's bytes, inflated no further than its declared size and the per-entry limit. */
export function readEntry(bytes: Uint8Array, entry: ZipEntry, limits: InflateLimits): Buffer {
  if (entry.flags & 0x1) throw new ZipError(`其中 ${entry.name} 已加密`, "unsupported");
  if (entry.size > limits.maxEntry) {
    throw new ZipError(`其中 ${entry.name} 解压后声明有 ${formatBytes(entry.size)}，超过 ${formatBytes(limits.maxEntry)} 的上限`, "too-large");
  }
  const dv = view(bytes);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || dv.getUint32(at, true) !== LOCAL) throw new ZipError(`其中 ${entry.name} 缺失或已损坏`);
  const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipError(`其中 ${entry.name} 不完整，文件被截断`);
  const data = Buffer.from(bytes.buffer, bytes.byteOffset + start, entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new ZipError(`其中 ${entry.name} 使用了不支持的压缩方式（${entry.method}）`, "unsupported");
  try {
    // one byte of slack lets us tell "exactly the declared size" from "more than declared"
    const out = inflateRawSync(data, { maxOutputLength: entry.size + 1 });
    if (out.length > entry.size) throw new ZipError(`其中 ${entry.name} 解压后超过其声明的 ${formatBytes(entry.size)}，疑似压缩炸弹`, "too-large");
    return out;
  } catch (err) {
    if (err instanceof ZipError) throw err;
    if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new ZipError(`其中 ${entry.name} 解压后超过其声明的 ${formatBytes(entry.size)}，疑似压缩炸弹`, "too-large");
    }
    throw new ZipError(`其中 ${entry.name} 无法解压（${(err as Error).message}）`);
  }
}
