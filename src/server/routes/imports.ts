/**
 * Office files coming back: 进展导入 (a body's filled 任务分工表 into progress reports; an editor of the body, or an
 * admin) and 分工导入 (an office's 分工 sheet into a document's assignments; admin). Each is a preview that writes
 * nothing and a confirmation that sends the same file again with the preview's `planHash`: the server keeps no
 * state between the two, reads the file again, plans again inside the confirmation's transaction and refuses
 * (409) when the plan is not the one previewed. A confirmation is done once per Idempotency-Key; sent again
 * without one, the rows it recorded are the tasks' latest reports, so the plan differs and nothing is recorded twice.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { confirmAssignments, planAssignments, readAssignmentSheet, type AssignmentSheet } from "../../office/assignment-import.js";
import { ImportError } from "../../office/import-error.js";
import { confirmProgress, planProgress, readProgressSheet, type ProgressSheet } from "../../office/progress-import.js";
import { XlsxError } from "../../office/xlsx-read.js";
import { requireRole, scopeOf, todayOf, type App, type AppDeps } from "../context.js";
import { ApiError } from "../errors.js";
import { IdempotencyHeaders, respondOnce } from "../idempotency.js";
import { IdParam } from "../schemas.js";
import { DEFAULT_MAX_UPLOAD } from "./documents.js";
import { formatBytes } from "../../text/limits.js";
import { errors, guardUpload, json, security } from "./common.js";

/** POST paths that carry a file rather than JSON: app.ts leaves them to the limit set here. */
export const IMPORT_UPLOAD = /^\/api\/(?:imports\/progress|documents\/[^/]+\/assignments\/import)\/(?:preview|confirm)$/;

/** What the reading and planning throw, as the API answers it: 415, 413, 422 (with the refused rows), 409, 404. */
export function importApiError(err: unknown): unknown {
  if (err instanceof XlsxError) {
    const code = err.kind === "unsupported" ? "unsupported_type" : err.kind === "too-large" ? "too_large" : "unparseable_document";
    return new ApiError(code, err.message, { file: err.file });
  }
  if (err instanceof ImportError) {
    if (err.kind === "conflict") return new ApiError("conflict", err.message, err.details);
    if (err.kind === "refused") return new ApiError("import_refused", err.message, err.details);
    if ((err.details as { notFound?: boolean } | undefined)?.notFound) return new ApiError("not_found", err.message);
    return new ApiError("unparseable_document", err.message, err.details);
  }
  return err;
}

async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw importApiError(err);
  }
}

const hex64 = (what: string) => z.string().regex(/^[0-9a-f]{64}$/, `${what}须为 64 位十六进制（预览的答复中给出）`);
const bool = z.enum(["true", "false"]).optional();
const fileField = z.any().openapi({ type: "string", format: "binary", description: "the .xlsx file" });
const idField = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, "须为正整数")
  .refine((s) => Number(s) <= 2_147_483_647, "不能大于 2147483647")
  .optional();

const ProgressPreviewForm = z.object({
  file: fileField,
  document: idField.openapi({ description: "the document whose page the import starts from: matches rows by 序号 + 填报单位 when the file does not say" }),
});
const ProgressConfirmForm = ProgressPreviewForm.extend({
  sha256: hex64("sha256").openapi({ description: "the previewed file's SHA-256" }),
  planHash: hex64("planHash").openapi({ description: "the preview's planHash" }),
  skipRefused: bool.openapi({ description: "true: record the good rows and leave the refused ones out (default: refuse the whole file)" }),
});
const AssignmentPreviewForm = z.object({ file: fileField });
const AssignmentConfirmForm = AssignmentPreviewForm.extend({
  sha256: hex64("sha256"),
  planHash: hex64("planHash"),
  skipRefused: bool.openapi({ description: "true: leave out refused rows' measures and keep tasks that cannot be removed" }),
  createBodies: bool.openapi({ description: "true: create the bodies the sheet names that the system does not know" }),
});

const Columns = z.record(z.string(), z.string()).openapi({ description: "where each column was found: {序号: \"A\", …}" });
const PlannedReportSchema = z.object({
  reportDate: z.string(),
  text: z.string(),
  targetId: z.number().int().nullable(),
  target: z.string().nullable(),
  value: z.number().nullable(),
  unit: z.string().nullable(),
  complete: z.boolean(),
});
/** Where the table was found in the file: what both previews start with. */
const SHEET_FOUND = { file: z.string(), sha256: z.string(), sheet: z.string(), headerRow: z.number().int(), columns: Columns };
const ProgressPlanSchema = z
  .object({
    ...SHEET_FOUND,
    documentId: z.number().int().nullable(),
    rows: z.array(
      z.object({
        row: z.number().int().openapi({ description: "the row number as Excel shows it" }),
        taskId: z.number().int().nullable(),
        task: z
          .object({ measureLabel: z.string(), measureTitle: z.string(), documentId: z.number().int(), documentTitle: z.string().nullable(), bodyName: z.string(), status: z.string() })
          .nullable(),
        matchedBy: z.enum(["taskId", "hiddenSheet", "label"]).nullable(),
        outcome: z.enum(["record", "unchanged", "refused"]),
        records: z.array(PlannedReportSchema),
        errors: z.array(z.string()),
      }),
    ),
    counts: z.object({ record: z.number().int(), unchanged: z.number().int(), refused: z.number().int(), empty: z.number().int(), reports: z.number().int() }),
    planHash: z.string(),
  })
  .openapi("ProgressImportPreview");
const ProgressResultSchema = z
  .object({
    file: z.string(),
    sha256: z.string(),
    recorded: z.number().int(),
    rows: z.array(z.object({ row: z.number().int(), taskId: z.number().int(), reportIds: z.array(z.number().int()) })),
    unchanged: z.number().int(),
    skipped: z.array(z.number().int()),
  })
  .openapi("ProgressImportResult");
const Role = z.enum(["lead", "supporting"]);
const AssignmentPlanSchema = z
  .object({
    ...SHEET_FOUND,
    documentId: z.number().int(),
    measures: z.array(
      z.object({
        measureId: z.number().int(),
        label: z.string(),
        title: z.string(),
        rows: z.array(z.number().int()),
        add: z.array(z.object({ bodyId: z.number().int().nullable(), name: z.string(), role: Role })),
        change: z.array(z.object({ taskId: z.number().int(), bodyId: z.number().int(), name: z.string(), from: Role, to: Role })),
        remove: z.array(z.object({ taskId: z.number().int(), bodyId: z.number().int(), name: z.string(), role: Role, blocked: z.string().nullable() })),
        keep: z.array(z.object({ taskId: z.number().int(), bodyId: z.number().int(), name: z.string(), role: Role })),
      }),
    ),
    unlisted: z.number().int(),
    unknownBodies: z.array(z.object({ name: z.string(), rows: z.array(z.number().int()) })),
    rowErrors: z.array(z.object({ row: z.number().int(), errors: z.array(z.string()) })),
    counts: z.object({
      add: z.number().int(),
      change: z.number().int(),
      remove: z.number().int(),
      blocked: z.number().int(),
      keep: z.number().int(),
      unknownBodies: z.number().int(),
      refusedRows: z.number().int(),
    }),
    planHash: z.string(),
  })
  .openapi("AssignmentImportPreview");
const AssignmentResultSchema = z
  .object({
    file: z.string(),
    sha256: z.string(),
    documentId: z.number().int(),
    added: z.number().int(),
    changed: z.number().int(),
    removed: z.number().int(),
    kept: z.array(z.number().int()),
    createdBodies: z.array(z.object({ id: z.number().int(), name: z.string() })),
    skippedRows: z.array(z.number().int()),
  })
  .openapi("AssignmentImportResult");

const multipart = <T extends z.ZodTypeAny>(schema: T) => ({ required: true, content: { "multipart/form-data": { schema } } });

export function registerImports(app: App, deps: AppDeps): void {
  const maxBytes = deps.maxUploadBytes ?? DEFAULT_MAX_UPLOAD;
  for (const path of ["/api/imports/progress/preview", "/api/imports/progress/confirm"]) guardUpload(app, path, ["admin", "editor"], maxBytes);
  for (const path of ["/api/documents/:id/assignments/import/preview", "/api/documents/:id/assignments/import/confirm"]) guardUpload(app, path, ["admin"], maxBytes);

  /** The uploaded file's bytes and name, or a 400. */
  const fileOf = async (form: { file?: unknown }) => {
    if (!(form.file instanceof File)) throw new ApiError("validation", "表单中须有名为 file 的文件", { field: "file" });
    if (form.file.size > maxBytes) throw new ApiError("too_large", `${form.file.name}：文件过大（${formatBytes(form.file.size)}，上限 ${formatBytes(maxBytes)}）`, { maxBytes });
    return { name: form.file.name, bytes: new Uint8Array(await form.file.arrayBuffer()) };
  };
  const sameFile = (sheet: { sha256: string; file: string }, sha: string) => {
    if (sheet.sha256 !== sha) throw new ApiError("conflict", `「${sheet.file}」与预览的文件不同，请重新预览`, { sha256: sheet.sha256 });
  };

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/imports/progress/preview",
      tags: ["imports"],
      security,
      summary: "进展导入, preview: what each row of a filled 任务分工表 (.xlsx) would record, or why it is refused; writes nothing",
      description:
        "Rows are matched to tasks by 任务编号, else by 序号 + 填报单位 (the hidden sheet of the export, or `document`). " +
        "An editor reports for its own bodies' tasks only (another body's row is refused). Rows with nothing filled in are counted in `counts.empty`. " +
        "415 for a file that is not an .xlsx (a .xls, CSV, PDF…), 413 for one too large or a zip bomb, more than 20,000 rows, 422 for a sheet without the table's header.",
      request: { headers: IdempotencyHeaders, body: multipart(ProgressPreviewForm) },
      responses: { 200: json(ProgressPlanSchema, "the preview"), ...errors(400, 401, 403, 413, 415, 422) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin", "editor");
      const form = c.req.valid("form");
      const { name, bytes } = await fileOf(form);
      const opts = { today: todayOf(deps), documentId: form.document ? Number(form.document) : null, scope: scopeOf(actor, deps) };
      return mapped(async () => {
        const sheet = await readProgressSheet(bytes, name);
        return respondOnce(c, deps, {
          request: { sha256: sheet.sha256, document: opts.documentId },
          run: async (tx) => ({ status: 200 as const, body: await planProgress(tx, actor, sheet, opts) }),
        });
      });
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/imports/progress/confirm",
      tags: ["imports"],
      security,
      summary: "进展导入, confirm: record the previewed reports in one transaction (the same file, with the preview's sha256 and planHash)",
      description:
        "Every report goes through the same rules as POST /api/tasks/{id}/reports (it awaits review; 已完成 asks to close), each audited, and one " +
        "`import.progress` entry. 409 when the file or the plan is not the one previewed (a report filed in between, the file already imported): " +
        "preview again. 422 `import_refused` when rows are refused and `skipRefused` is not true: nothing is recorded, `details.rows` lists them.",
      request: { headers: IdempotencyHeaders, body: multipart(ProgressConfirmForm) },
      responses: { 200: json(ProgressResultSchema, "recorded"), ...errors(400, 401, 403, 409, 413, 415, 422) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin", "editor");
      const form = c.req.valid("form");
      const { name, bytes } = await fileOf(form);
      const opts = {
        today: todayOf(deps),
        documentId: form.document ? Number(form.document) : null,
        scope: scopeOf(actor, deps),
        planHash: form.planHash,
        skipRefused: form.skipRefused === "true",
      };
      return mapped(() =>
        respondOnce(c, deps, {
          request: { sha256: form.sha256, planHash: form.planHash, skipRefused: opts.skipRefused, document: opts.documentId },
          prepare: async (): Promise<ProgressSheet> => {
            const sheet = await readProgressSheet(bytes, name);
            sameFile(sheet, form.sha256);
            return sheet;
          },
          run: async (tx, sheet) => ({ status: 200 as const, body: await confirmProgress(tx, actor, sheet, opts) }),
        }),
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/documents/{id}/assignments/import/preview",
      tags: ["imports"],
      security,
      summary: "分工导入, preview (admin): what an office's 分工 sheet (.xlsx) changes in the document's assignments; writes nothing",
      description:
        "Columns by header: 序号 (or 措施编号), 牵头单位, 配合单位, optionally 具体措施. Per listed measure: tasks to add, roles to change, tasks to remove, " +
        "and those that cannot be removed (they hold reports, comments or other records). Measures not listed keep their tasks. Names no body answers to are listed.",
      request: { params: IdParam, headers: IdempotencyHeaders, body: multipart(AssignmentPreviewForm) },
      responses: { 200: json(AssignmentPlanSchema, "the preview"), ...errors(400, 401, 403, 404, 413, 415, 422) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin");
      const { id } = c.req.valid("param");
      const { name, bytes } = await fileOf(c.req.valid("form"));
      return mapped(async () => {
        const sheet = await readAssignmentSheet(bytes, name);
        return respondOnce(c, deps, {
          request: { sha256: sheet.sha256 },
          run: async (tx) => ({ status: 200 as const, body: await planAssignments(tx, sheet, id) }),
        });
      });
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/documents/{id}/assignments/import/confirm",
      tags: ["imports"],
      security,
      summary: "分工导入, confirm (admin): apply the previewed assignments in one transaction, audited",
      description:
        "409 when the file or the plan is not the one previewed. 422 `import_refused` while rows are refused or tasks with records would be removed " +
        "(unless `skipRefused`: those measures and tasks are left as they are), or while names are unknown (unless `createBodies`).",
      request: { params: IdParam, headers: IdempotencyHeaders, body: multipart(AssignmentConfirmForm) },
      responses: { 200: json(AssignmentResultSchema, "applied"), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin");
      const { id } = c.req.valid("param");
      const form = c.req.valid("form");
      const { name, bytes } = await fileOf(form);
      const opts = { documentId: id, planHash: form.planHash, skipRefused: form.skipRefused === "true", createBodies: form.createBodies === "true" };
      return mapped(() =>
        respondOnce(c, deps, {
          request: { sha256: form.sha256, ...opts },
          prepare: async (): Promise<AssignmentSheet> => {
            const sheet = await readAssignmentSheet(bytes, name);
            sameFile(sheet, form.sha256);
            return sheet;
          },
          run: async (tx, sheet) => ({ status: 200 as const, body: await confirmAssignments(tx, actor, sheet, opts) }),
        }),
      );
    },
  );
}
