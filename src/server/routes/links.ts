/** Links between documents: citations resolved, the documents a document implements and is implemented by. */
import { createRoute, z } from "@hono/zod-openapi";
import { documentLinks, resolveCitations, staleLinks } from "../../link/store.js";
import { isStaff, type App, type AppDeps } from "../context.js";
import { ApiError } from "../errors.js";
import { IdParam } from "../schemas.js";
import { errors, json } from "./common.js";

const DocRefSchema = z
  .object({
    id: z.number().int(),
    title: z.string().nullable(),
    docNumber: z.string().nullable(),
    date: z.string().nullable(),
    level: z.string().nullable(),
    region: z.string().nullable(),
    published: z.boolean(),
  })
  .openapi("DocumentRef");

const MatchKind = z.enum(["docNumber", "title", "title-years"]);

const CitationsSchema = z
  .object({
    items: z.array(
      z.object({
        docNumber: z.string().nullable(),
        title: z.string().nullable(),
        where: z.enum(["document", "notice"]).openapi({ description: "in the main text or in a notice around it" }),
        status: z.enum(["resolved", "unresolved"]),
        documents: z.array(DocRefSchema.extend({ by: MatchKind, confidence: z.number() })),
      }),
    ),
  })
  .openapi("Citations");

const MeasureRef = z.object({ path: z.array(z.string()), label: z.string().openapi({ description: "the numbering label as written" }), title: z.string() });
const Scored = MeasureRef.extend({ score: z.number() });
const Target = z.object({
  text: z.string(),
  value: z.number(),
  max: z.number().optional(),
  unit: z.string(),
  deadline: z.string().nullable(),
  metric: z.string(),
});

const AlignmentSchema = z
  .object({
    score: z.number().openapi({ description: "mean best score of the child's measures (document similarity)" }),
    threshold: z.number(),
    linked: z.number().int(),
    childMeasures: z.number().int(),
    parentMeasures: z.number().int(),
    links: z.array(
      z.object({
        child: z.array(z.string()),
        label: z.string(),
        title: z.string(),
        parents: z.array(Scored).openapi({ description: "the parent measures it carries out, best first; empty: new (新增)" }),
        closest: Scored.nullable(),
      }),
    ),
    uncovered: z.array(MeasureRef).openapi({ description: "coverage gaps: parent measures no child measure carries out" }),
    cascades: z.array(
      z.object({
        child: z.array(z.string()),
        childLabel: z.string(),
        parent: z.array(z.string()),
        parentLabel: z.string(),
        metric: z.string(),
        childTarget: Target,
        parentTarget: Target,
        share: z.number().nullable(),
        warnings: z.array(z.object({ kind: z.enum(["weaker", "later", "basis"]), message: z.string() })),
      }),
    ),
  })
  .openapi("Alignment");

const LinkSchema = z.object({
  document: DocRefSchema,
  via: z.enum(["citation", "similarity"]),
  citation: z.object({ docNumber: z.string().nullable(), title: z.string().nullable(), by: MatchKind, confidence: z.number() }).nullable(),
  alignment: AlignmentSchema,
});

const LinksSchema = z
  .object({
    forwards: z.array(DocRefSchema).openapi({ description: "the stored document this one forwards (转发): the same policy" }),
    forwardedBy: z.array(DocRefSchema),
    implements: z.array(LinkSchema).openapi({ description: "实施: parent documents, with this document's measures aligned to theirs" }),
    implementedBy: z.array(LinkSchema).openapi({ description: "被实施: child documents, with their measures aligned to this one's" }),
    pending: z.boolean().openapi({
      description: "documents were added since the links were last computed: a recomputation is queued or running, and these links may change",
    }),
  })
  .openapi("DocumentLinks");

async function visibleDocument(deps: AppDeps, id: number, staff: boolean): Promise<void> {
  const r = await deps.db.query<{ published: boolean }>(`select published from document where id = $1 and deleted_at is null`, [id]);
  if (!r.rows[0] || (!r.rows[0].published && !staff)) throw new ApiError("not_found", `文件 ${id} 不存在或未公开`);
}

export function registerLinks(app: App, deps: AppDeps): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/documents/{id}/citations",
      tags: ["links"],
      summary: "The documents a document cites, each resolved to the stored documents it names, or unresolved",
      request: { params: IdParam },
      responses: { 200: json(CitationsSchema), ...errors(400, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const staff = isStaff(c.get("actor"));
      await visibleDocument(deps, id, staff);
      const items = await resolveCitations(deps.db, id, { publishedOnly: !staff });
      if (!items) throw new ApiError("not_found", `文件 ${id} 不存在`);
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/documents/{id}/links",
      tags: ["links"],
      summary: "What a document implements and is implemented by, with measure links, coverage gaps and target cascades",
      description:
        "A parent is found by citation first, by similarity second; a document forwarding (转发) a stored one is listed under forwards. " +
        "The public sees published documents only. Answers from the links as last computed: a job recomputes them after documents " +
        "are added, and `pending` says one is due.",
      request: { params: IdParam },
      responses: { 200: json(LinksSchema), ...errors(400, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const staff = isStaff(c.get("actor"));
      await visibleDocument(deps, id, staff);
      const links = await documentLinks(deps.db, id, { publishedOnly: !staff });
      if (!links) throw new ApiError("not_found", `文件 ${id} 不存在`);
      const pending = deps.jobs ? await deps.jobs.linksPending() : (await staleLinks(deps.db)) > 0;
      return c.json({ ...links, pending }, 200);
    },
  );
}
