/**
 * 督查通报: GET /api/bulletin, the figures of a period (JSON, for the page's preview) or the bulletin itself as a
 * Word file or a PDF. Issuing a bulletin is the supervisors' (as sending 督办通知 is): supervisors and admins; a
 * supervisor limited to a region gets that region's. Editors read their own bodies' figures on the dashboard.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { makeBulletin, parsePeriod, PERIOD_HELP, rangePeriod, ScopeError, type BulletinFormat } from "../../office/bulletin/index.js";
import { requireRole, scopeOf, todayOf, type App, type AppDeps } from "../context.js";
import { ApiError } from "../errors.js";
import { idQuery, isoDate, StatusCounts, text } from "../schemas.js";
import { errors, security } from "./common.js";

const DueCounts = z
  .object({
    due: z.number().int(),
    closedOnTime: z.number().int(),
    closedLate: z.number().int(),
    overdue: z.number().int(),
    pendingClose: z.number().int(),
    rate: z.number().nullable().openapi({ description: "按期率: closedOnTime ÷ due; null when nothing is due" }),
  })
  .openapi("BulletinDueCounts");

export const BulletinSchema = z
  .object({
    period: z.object({ key: z.string(), label: z.string(), from: z.string(), to: z.string() }),
    asOf: z.string().openapi({ description: "the last day whose records count: the period's end, or today while it runs" }),
    statusDay: z.string().openapi({ description: "the day the status rules are applied on (the day after asOf for a period that is over)" }),
    provisional: z.boolean().openapi({ description: "the period is not over: its figures may still change" }),
    scope: z.object({
      documentId: z.number().int().optional(),
      documentTitle: z.string().nullable().optional(),
      region: z.string().optional(),
      bodyId: z.number().int().optional(),
      bodyName: z.string().optional(),
      label: z.string(),
    }),
    generatedAt: z.string(),
    tasks: z.number().int(),
    storedLater: z.number().int().openapi({ description: "tasks in scope stored after asOf, not counted" }),
    byStatus: StatusCounts,
    inPeriod: DueCounts.openapi({ description: "tasks due within the period" }),
    cumulative: DueCounts.openapi({ description: "every task due by asOf (the dashboard's 按期率)" }),
    atRisk: z.number().int(),
    bodies: z.array(
      DueCounts.extend({
        rank: z.number().int(),
        bodyId: z.number().int(),
        bodyName: z.string(),
        tasks: z.number().int(),
        atRisk: z.number().int(),
        dueInPeriod: z.number().int(),
      }),
    ),
    overdue: z.object({
      total: z.number().int(),
      items: z.array(
        z.object({
          taskId: z.number().int(),
          documentId: z.number().int(),
          documentTitle: z.string().nullable(),
          measureLabel: z.string(),
          measureTitle: z.string(),
          bodyName: z.string(),
          dueDate: z.string(),
          daysOverdue: z.number().int(),
          latestReport: z.object({ date: z.string(), text: z.string(), review: z.enum(["pending", "approved", "returned"]) }).nullable(),
        }),
      ),
    }),
    targets: z.object({
      total: z.number().int(),
      reported: z.number().int(),
      reached: z.number().int(),
      items: z.array(
        z.object({
          targetId: z.number().int(),
          measureTitle: z.string(),
          documentId: z.number().int(),
          indicator: z.string(),
          targetValue: z.number(),
          unit: z.string(),
          deadline: z.string().nullable(),
          latestValue: z.number().nullable(),
          latestReportDate: z.string().nullable(),
          share: z.number().nullable(),
        }),
      ),
    }),
    byDueMonth: z.array(z.object({ month: z.string(), total: z.number().int(), done: z.number().int(), overdue: z.number().int() })),
  })
  .openapi("Bulletin");

/** The quarter `today` falls in. */
function currentQuarter(today: string) {
  return parsePeriod(`${today.slice(0, 4)}Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`);
}

/** `attachment; filename*=UTF-8''…` with an ASCII name beside it for clients that do not read the other. */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function registerBulletin(app: App, deps: AppDeps): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/bulletin",
      tags: ["dashboard"],
      security,
      summary: "督查通报 of a period: its figures (JSON), or the bulletin as DOCX or PDF",
      description:
        "A period is a month (2026-10), a quarter (2026Q3), a half year (2026H1), a year (2026), or from–to days. The figures are read as " +
        "of the period's end (reports dated and reviewed by then, events recorded by then), so a past period issued again gives the same " +
        "figures; a period not over is read as of today. Supervisors and admins; a supervisor limited to a region gets that region's (403 for another).",
      request: {
        query: z.object({
          period: text().trim().max(40).optional().openapi({ description: "2026-10, 2026Q3, 2026H1 or 2026; or give from and to; neither: this quarter", example: "2026Q3" }),
          from: isoDate.optional().openapi({ description: "first day (with to, instead of period)" }),
          to: isoDate.optional().openapi({ description: "last day (with from)" }),
          format: z.enum(["json", "docx", "pdf"]).default("json"),
          document: idQuery().optional(),
          region: text().trim().min(1).max(100).optional().openapi({ description: "the document's region (地区)" }),
          body: idQuery().optional(),
        }),
      },
      responses: {
        200: {
          description: "the figures, or the file as an attachment with a Chinese file name",
          content: {
            "application/json": { schema: BulletinSchema },
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { schema: z.string().openapi({ format: "binary" }) },
            "application/pdf": { schema: z.string().openapi({ format: "binary" }) },
          },
        },
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const actor = c.get("actor");
      requireRole(actor, "admin", "supervisor");
      const q = c.req.valid("query");
      if (q.period !== undefined && (q.from !== undefined || q.to !== undefined)) {
        throw new ApiError("validation", "请给出期间（period）或起止日期（from、to），不要同时给出", { field: "period" });
      }
      const today = todayOf(deps);
      const period =
        q.period !== undefined
          ? parsePeriod(q.period)
          : q.from !== undefined || q.to !== undefined
            ? rangePeriod(q.from ?? "", q.to ?? "")
            : currentQuarter(today);
      if (!period) {
        const why = q.from !== undefined && q.to !== undefined ? "起始日期不能晚于截止日期" : q.period === undefined ? "起止日期须同时给出" : PERIOD_HELP;
        throw new ApiError("validation", why, { field: q.period !== undefined ? "period" : "from" });
      }
      const scope = scopeOf(actor, deps);
      if (q.region !== undefined && scope.region !== undefined && q.region !== scope.region) throw new ApiError("forbidden", "只能生成所辖地区的督查通报");
      const format = q.format as BulletinFormat;
      let file;
      try {
        file = await makeBulletin(deps.db, period, { documentId: q.document, bodyId: q.body, region: scope.region ?? q.region }, format, {
          today,
          now: deps.now?.(),
        });
      } catch (err) {
        if (err instanceof ScopeError) throw new ApiError("not_found", err.message, { field: err.field });
        throw err;
      }
      if (format === "json") return c.json(file.figures, 200);
      return c.body(new Uint8Array(file.bytes!), 200, {
        "content-type": file.mediaType,
        "content-disposition": attachment(file.filename),
      });
    },
  );
}
