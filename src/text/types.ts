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
}
