/**
 * 督查通报: the figures of a period and a scope (figures.ts), as JSON, a Word file or a PDF. The API route and
 * the CLI both come here, so both give the same file for the same period, scope and moment.
 */
import type { Queryable } from "../../store/db.js";
import { bulletinCharts } from "./charts.js";
import { bulletinContent } from "./content.js";
import { bulletinDocx } from "./docx.js";
import { bulletinFigures, type BulletinFigures, type BulletinFilter, type FigureOptions } from "./figures.js";
import { bulletinPdf } from "./pdf.js";
import type { Period } from "./period.js";

export { bulletinFigures, ScopeError, type BulletinFilter } from "./figures.js";
export { parsePeriod, rangePeriod, PERIOD_HELP, type Period } from "./period.js";

export type BulletinFormat = "docx" | "pdf" | "json";

export const MEDIA_TYPES: Record<BulletinFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  json: "application/json",
};

/** The file as written: its bytes (or the figures, for JSON), type and a Chinese file name. */
export interface BulletinFile {
  figures: BulletinFigures;
  bytes: Buffer | null;
  mediaType: string;
  filename: string;
}

/** "2026年第三季度督查通报（广东省通信管理局）.pdf", with what a file system refuses replaced. */
export function bulletinFilename(f: BulletinFigures, format: BulletinFormat): string {
  const scope = f.scope.label === "全部任务" ? "" : `（${f.scope.label.replace(/[《》]/g, "")}）`;
  const name = `${f.period.label}督查通报${scope}`.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, "_");
  return `${[...name].slice(0, 80).join("")}.${format}`;
}

/** Writes an already computed bulletin as DOCX or PDF. */
export async function renderBulletin(figures: BulletinFigures, format: "docx" | "pdf"): Promise<Buffer> {
  const content = bulletinContent(figures, bulletinCharts(figures));
  return format === "docx" ? bulletinDocx(content) : bulletinPdf(content);
}

export async function makeBulletin(db: Queryable, period: Period, filter: BulletinFilter, format: BulletinFormat, opts: FigureOptions): Promise<BulletinFile> {
  const figures = await bulletinFigures(db, period, filter, opts);
  return {
    figures,
    bytes: format === "json" ? null : await renderBulletin(figures, format),
    mediaType: MEDIA_TYPES[format],
    filename: bulletinFilename(figures, format),
  };
}
