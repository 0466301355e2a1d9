/**
 * The exchange format of a parsed policy document (shared/gold/SCHEMA.md), as zod schemas.
 * This is the one source of truth: the parser produces it, the store, linker and web app consume it.
 *
 * Beside the fields the exchange format requires, every extracted item carries `span` (character offsets
 * [start, end) in the normalised text, `ParsedFile.text`) and `rule` (the name of the rule that found it),
 * so that a page can highlight it and a wrong answer can be traced.
 */
import { z } from "zod";

/** Where an item stands in the normalised text, and which rule found it. */
export const SpanSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  rule: z.string(),
});
export type Span = z.infer<typeof SpanSchema>;

/** 引用文件: a document cited by 文号 and/or 《title》. */
export const CitationSchema = z.object({
  docNumber: z.string().nullable(),
  title: z.string().nullable(),
  span: SpanSchema.optional(),
});
export type Citation = z.infer<typeof CitationSchema>;

/** A dated fact found in the text (成文日期, 执行期至 …), kept for tracing. */
export const DatedSpanSchema = z.object({ value: z.string(), span: SpanSchema });

/** 公文要素: title, 文号, issuers, dates of one notice or of the main text. */
export const DocMetaSchema = z.object({
  title: z.string().nullable(),
  docNumber: z.string().nullable(),
  issuers: z.array(z.string()),
  date: z.string().nullable(),
  validUntil: z.string().nullable(),
  cites: z.array(CitationSchema),
  /** the extent of this notice (or of the main text) in the normalised text */
  span: SpanSchema.optional(),
  /** where title, 文号, date and validity were read */
  spans: z
    .object({
      title: SpanSchema.optional(),
      docNumber: SpanSchema.optional(),
      date: SpanSchema.optional(),
      validUntil: SpanSchema.optional(),
      issuers: z.array(SpanSchema).optional(),
    })
    .optional(),
});
export type DocMeta = z.infer<typeof DocMetaSchema>;

export const QuantityKindSchema = z.enum(["target", "incentive", "other"]);
/** target 量化目标 / incentive 奖补 / other (specifications, thresholds, baselines, terms) */
export type QuantityKind = z.infer<typeof QuantityKindSchema>;

/** 量化指标: a number with what it counts or measures. */
export const QuantitySchema = z.object({
  text: z.string(),
  value: z.number(),
  max: z.number().optional(),
  unit: z.string(),
  kind: QuantityKindSchema,
  /** 完成时限 of a target, YYYY-MM-DD */
  deadline: z.string().nullable(),
  span: SpanSchema.optional(),
  /** the time expression the deadline was read from, or the document period it fell back to */
  deadlineSource: z.object({ text: z.string(), rule: z.string(), span: SpanSchema.optional() }).optional(),
  /** the rule that decided the kind */
  kindRule: z.string().optional(),
  /** 指标名称: the noun phrase the quantity measures, read from its sentence (5G基站, 5G用户数) */
  indicator: z.string().optional(),
  /** written as an upper bound (最高, 不超过, 以内): a cap, not a fixed amount */
  cap: z.boolean().optional(),
});
export type Quantity = z.infer<typeof QuantitySchema>;

/** 责任单位 as found in the text, with where it was found. */
export const BodyMentionSchema = z.object({
  name: z.string(),
  lead: z.boolean(),
  span: SpanSchema,
});
export type BodyMention = z.infer<typeof BodyMentionSchema>;

/** A numbered heading of the main text (一、 /（一）/ 1. / （1）/ ① / 第一条 …) and its own text. */
export const OutlineNodeSchema = z.object({
  path: z.array(z.string()),
  /** the numbering label as written: 一、 /（一）/ 1. / 第三条 */
  label: z.string().optional(),
  title: z.string(),
  /** 责任单位, normalised, in the order written */
  units: z.array(z.string()),
  /** 牵头单位 */
  lead: z.array(z.string()),
  quantities: z.array(QuantitySchema),
  /** the heading's label and title */
  span: SpanSchema.optional(),
  /** the node's own text: its heading line and every paragraph up to the next heading */
  textSpan: SpanSchema.optional(),
  bodies: z.array(BodyMentionSchema).optional(),
  /** 建议责任单位: bodies named in the prose as acting (由X牵头, X负责…), not in `units`; for an admin to confirm */
  suggestedUnits: z.array(BodyMentionSchema).optional(),
  /** time expressions in the node's own text, resolved to dates */
  times: z.array(z.object({ text: z.string(), date: z.string().nullable(), span: SpanSchema })).optional(),
});
export type OutlineNode = z.infer<typeof OutlineNodeSchema>;

export const ParsedFileSchema = z.object({
  source: z.string(),
  wrappers: z.array(DocMetaSchema),
  document: DocMetaSchema,
  outline: z.array(OutlineNodeSchema),
  /** the normalised text all spans refer to */
  text: z.string().optional(),
  /** the reader that produced the text: txt, html, docx, pdf */
  format: z.string().optional(),
  /** what the parser could not make sense of (no outline found, …); never fatal */
  warnings: z.array(z.string()).optional(),
});
export type ParsedFile = z.infer<typeof ParsedFileSchema>;
