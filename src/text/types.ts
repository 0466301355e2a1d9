/** What a reader gives the parser: the normalised text and what the container itself told about the document. */
export interface PageMeta {
  /** a title the page or file states outside the text (HTML <title>, a metadata table's 标题) */
  title?: string;
  /** 文号 from a metadata table */
  docNumber?: string;
  /** 发布机构 / 信息来源 naming a body */
  issuer?: string;
  /** 成文日期 from a metadata table (never the posting date) */
  date?: string;
  /** 发布日期 / posting time: kept for reference, never the date of issue */
  postedDate?: string;
}

export type SourceFormat = "txt" | "html" | "docx" | "pdf";

export interface ReadResult {
  /** normalised text (see normalize.ts); all spans refer to it */
  text: string;
  format: SourceFormat;
  /** the encoding the bytes were decoded from, for text and HTML */
  encoding?: string;
  meta: PageMeta;
  warnings: string[];
  /** number of pages, for PDF */
  pages?: number;
  /** true when traditional characters were converted to simplified */
  convertedFromTraditional?: boolean;
}

/** Limits that keep a hostile or absurd input from exhausting the process. Every field has a default. */
export interface ReadOptions {
  /** refuse inputs larger than this many bytes (default 20 MB, or env LUOSHI_MAX_BYTES) */
  maxBytes?: number;
  /** refuse a DOCX whose parts would inflate to more than this many bytes (default 100 MB) */
  maxUnzippedBytes?: number;
  /** give up on a PDF after this many milliseconds (default 60 s, or env LUOSHI_PDF_TIMEOUT_MS) */
  pdfTimeoutMs?: number;
  /** refuse a PDF with more pages than this (default 1000) */
  maxPdfPages?: number;
  /** leave traditional characters as they are (default: convert a mostly traditional text to simplified) */
  keepTraditional?: boolean;
}
