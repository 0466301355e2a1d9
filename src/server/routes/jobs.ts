/** 解析任务: an upload's job, followed by the page that uploaded it (state, progress, then the document or the reason). */
import { createRoute, z } from "@hono/zod-openapi";
import type { Actor } from "../../track/audit.js";
import { jobsOf, requireRole, type App, type AppDeps } from "../context.js";
import { ApiError } from "../errors.js";
import { IngestJobSchema, JobIdParam } from "../schemas.js";
import { errors, json, security } from "./common.js";

/** The uploader and admins; anyone else is told no such job (a job names a file of someone else's). */
function mayRead(actor: Actor, createdBy: number | null): boolean {
  return actor.role === "admin" || actor.role === "system" || (actor.id !== null && actor.id === createdBy);
}

export function registerJobs(app: App, deps: AppDeps): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/jobs/{id}",
      tags: ["jobs"],
      security,
      summary: "An upload's job: its state and progress, then the stored document or the reason it failed (the uploader, admin)",
      request: { params: JobIdParam },
      responses: { 200: json(IngestJobSchema), ...errors(400, 401, 404, 503) },
    }),
    async (c) => {
      const actor = c.get("actor");
      if (actor.role === "public") throw new ApiError("unauthorized", "log in first");
      const { id } = c.req.valid("param");
      const job = await jobsOf(deps).ingestJob(id);
      if (!job || !mayRead(actor, job.createdBy)) throw new ApiError("not_found", `未找到上传任务 ${id}`);
      const { createdBy: _owner, ...view } = job;
      return c.json(view, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/jobs",
      tags: ["jobs"],
      security,
      summary: "The newest upload jobs, or only those still waiting or running (admin)",
      request: {
        query: z.object({
          open: z.enum(["true", "false"]).optional().openapi({ description: "only jobs still waiting or running" }),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: { 200: json(z.object({ items: z.array(IngestJobSchema) }).openapi("IngestJobList")), ...errors(400, 401, 403, 503) },
    }),
    async (c) => {
      requireRole(c.get("actor"), "admin");
      const q = c.req.valid("query");
      const jobs = await jobsOf(deps).listIngestJobs({ open: q.open === "true", limit: q.limit });
      return c.json({ items: jobs.map(({ createdBy: _owner, ...view }) => view) }, 200);
    },
  );
}
