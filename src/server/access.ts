/**
 * Who may call each route: one row per route of the OpenAPI document, one cell per kind of caller. It is the
 * statement the handlers are held to, not their mechanism (they check roles themselves): access.test.ts calls
 * every route of /openapi.json as every caller, with real ids, and compares each answer with its cell, and a
 * route without a row fails that test. docs/tracking.md shows the table between the ACCESS_BEGIN and ACCESS_END
 * markers (`npm run docs:access` writes it; a test fails while the document is out of date).
 *
 * Adding a route is adding its row: "METHOD /path" as in the OpenAPI document, and a rule.
 */

/** the callers: nobody logged in, an editor of the body the route's record belongs to, an editor of another body */
export const CALLERS = ["anonymous", "editorOwn", "editorOther", "supervisor", "admin"] as const;
export type Caller = (typeof CALLERS)[number];

/**
 * allowed (the answer is the route's own: 2xx), or refused: 401 not logged in, 403 not for this role, 404 a record
 * that is the caller's only if they made it (it is not said to exist to anyone else)
 */
export type Outcome = "allow" | 401 | 403 | 404;

export interface Access {
  cells: Record<Caller, Outcome>;
  /** what differs between callers that are allowed (what the public sees, say) */
  note?: string;
}

type Role = "editor" | "supervisor" | "admin";

/** anyone, logged in or not */
const everyone = (note?: string): Access => ({ cells: { anonymous: "allow", editorOwn: "allow", editorOther: "allow", supervisor: "allow", admin: "allow" }, note });

/** logged-in users of these roles; the others 403, the public 401 */
function only(roles: Role[], note?: string): Access {
  const cell = (r: Role): Outcome => (roles.includes(r) ? "allow" : 403);
  return { cells: { anonymous: 401, editorOwn: cell("editor"), editorOther: cell("editor"), supervisor: cell("supervisor"), admin: cell("admin") }, note };
}

const staff = (note?: string) => only(["editor", "supervisor", "admin"], note);

/**
 * like `only`, but an editor only on records of their own bodies, and another body's record is not said to exist
 * (404): the scope of an editor's reading (LUOSHI_EDITOR_READ=own, the default)
 */
function ownBodyHidden(roles: Role[], note?: string): Access {
  const a = only(roles, note);
  return { ...a, cells: { ...a.cells, editorOther: a.cells.editorOther === "allow" ? 404 : a.cells.editorOther } };
}

/** any logged-in user may ask, but the record is read only by the user who made it and admins (the others 404) */
function madeBy(maker: Caller, note?: string): Access {
  const cell = (c: Caller): Outcome => (c === maker || c === "admin" ? "allow" : 404);
  return { cells: { anonymous: 401, editorOwn: cell("editorOwn"), editorOther: cell("editorOther"), supervisor: cell("supervisor"), admin: "allow" }, note };
}
const admin = (note?: string) => only(["admin"], note);

export const ACCESS: Record<string, Access> = {
  "POST /api/auth/login": everyone(),
  "POST /api/auth/logout": staff(),
  "POST /api/auth/password": staff("one's own password, giving the current one"),
  "GET /api/auth/me": staff(),
  "GET /api/users": admin(),
  "POST /api/users": admin(),
  "PATCH /api/users/{id}": admin(),
  "GET /api/documents": everyone("the public sees published documents only"),
  "POST /api/documents": admin(),
  "GET /api/jobs": admin(),
  "GET /api/jobs/{id}": madeBy("admin", "an upload's job: its uploader (uploads are an admin's) and admins"),
  "GET /api/documents/{id}": everyone("an unpublished document is 404 to the public"),
  "PATCH /api/documents/{id}": admin(),
  "DELETE /api/documents/{id}": admin(),
  "POST /api/documents/{id}/restore": admin(),
  "GET /api/documents/{id}/original": everyone("an unpublished document is 404 to the public"),
  "GET /api/documents/{id}/citations": everyone("the public sees published documents only"),
  "GET /api/documents/{id}/links": everyone("the public sees published documents only"),
  "GET /api/measures": everyone("the public sees published documents' measures, without tasks or suggestions"),
  "GET /api/measures/{id}": everyone("the public sees published documents' measures, without tasks or suggestions"),
  "POST /api/measures/{id}/tasks": admin(),
  "PATCH /api/measures/{id}": admin(),
  "POST /api/measures/{id}/targets": admin(),
  "PATCH /api/targets/{id}": admin(),
  "DELETE /api/targets/{id}": admin(),
  "GET /api/tasks": staff(),
  "GET /api/tasks/{id}": ownBodyHidden(["editor", "supervisor", "admin"], "an editor reads its own bodies' tasks"),
  "DELETE /api/tasks/{id}": admin(),
  "GET /api/tasks/{id}/reports": ownBodyHidden(["editor", "supervisor", "admin"], "an editor reads its own bodies' tasks"),
  "POST /api/tasks/{id}/reports": ownBodyHidden(["editor", "admin"], "an editor reports on the tasks of their own bodies"),
  "GET /api/tasks/{id}/comments": ownBodyHidden(["editor", "supervisor", "admin"], "an editor reads its own bodies' tasks"),
  "POST /api/tasks/{id}/comments": only(["supervisor", "admin"]),
  "POST /api/suggestions/{id}/confirm": admin(),
  "POST /api/suggestions/{id}/dismiss": admin(),
  "GET /api/bodies": staff(),
  "GET /api/bodies/{id}": staff(),
  "POST /api/bodies/{id}/merge": admin(),
  "PATCH /api/bodies/{id}": admin(),
  "GET /api/audit": only(["supervisor", "admin"]),
  "GET /api/audit/facets": only(["supervisor", "admin"]),
  "GET /api/dashboard": staff(),
  "GET /api/bulletin": only(["supervisor", "admin"], "督查通报: a supervisor limited to a region gets that region's"),
  "GET /api/search": everyone("the public searches published documents only"),
  "POST /api/tasks/{id}/acknowledge": ownBodyHidden(["editor"], "签收: the task's body"),
  "POST /api/tasks/{id}/change-request": ownBodyHidden(["editor"], "申请调整: the task's body"),
  "POST /api/tasks/{id}/change-decision": admin(),
  "POST /api/tasks/{id}/suspend": admin(),
  "POST /api/tasks/{id}/resume": admin(),
  "POST /api/tasks/{id}/extend": admin(),
  "POST /api/tasks/{id}/attachments": ownBodyHidden(["editor", "admin"], "evidence for the task's body's report"),
  "GET /api/attachments/{id}": ownBodyHidden(["editor", "supervisor", "admin"], "an editor reads its own bodies' files"),
  "POST /api/reports/{id}/review": only(["supervisor", "admin"], "a supervisor limited to a region reviews that region's tasks"),
  "POST /api/notices": only(["supervisor", "admin"]),
  "GET /api/notices": staff("an editor sees the notices to its own bodies"),
  "POST /api/notices/{id}/read": ownBodyHidden(["editor", "supervisor", "admin"], "only an editor of a receiving body leaves a receipt"),
  "GET /api/inbox": staff("each user's own 待办 and 消息"),
  "GET /api/documents/{id}/task-table": staff("an editor gets its own bodies' rows"),
  "GET /api/documents/{id}/task-table/rows": staff("an editor sees its own bodies' tasks; every measure is listed"),
  "GET /api/tasks/export": staff("an editor gets its own bodies' rows; a filter naming another body is 403"),
  "POST /api/imports/progress/preview": only(["editor", "admin"], "an editor's rows of another body's tasks are refused row by row"),
  "POST /api/imports/progress/confirm": only(["editor", "admin"], "an editor's rows of another body's tasks are refused row by row"),
  "POST /api/documents/{id}/assignments/import/preview": admin(),
  "POST /api/documents/{id}/assignments/import/confirm": admin(),
};

export const ACCESS_BEGIN = "<!-- access table: generated from src/server/access.ts by `npm run docs:access` -->";
export const ACCESS_END = "<!-- end of access table -->";

const HEADINGS: Record<Caller, string> = {
  anonymous: "public",
  editorOwn: "editor, own body",
  editorOther: "editor, other body",
  supervisor: "supervisor",
  admin: "admin",
};
const SHOWN: Record<string, string> = { allow: "✓", 401: "401", 403: "403", 404: "404" };

/** The table as Markdown, routes in path order. */
export function renderAccessTable(access: Record<string, Access> = ACCESS): string {
  const order = (key: string) => key.slice(key.indexOf(" ") + 1) + " " + key.slice(0, key.indexOf(" "));
  const rows = Object.keys(access)
    .sort((a, b) => (order(a) < order(b) ? -1 : 1))
    .map((key) => {
      const a = access[key]!;
      const [method, path] = key.split(" ");
      return `| \`${method} ${path}\` | ${CALLERS.map((c) => SHOWN[String(a.cells[c])]).join(" | ")} | ${a.note ?? ""} |`;
    });
  return [`| route | ${CALLERS.map((c) => HEADINGS[c]).join(" | ")} | note |`, `|---|${CALLERS.map(() => ":-:").join("|")}|---|`, ...rows].join("\n");
}

/** `doc` with the table between its markers brought up to date (unchanged when it already is). */
export function withAccessTable(doc: string, access: Record<string, Access> = ACCESS): string {
  const begin = doc.indexOf(ACCESS_BEGIN);
  const end = doc.indexOf(ACCESS_END);
  if (begin < 0 || end < begin) throw new Error(`the document has no access table markers (${ACCESS_BEGIN} … ${ACCESS_END})`);
  return `${doc.slice(0, begin + ACCESS_BEGIN.length)}\n${renderAccessTable(access)}\n${doc.slice(end)}`;
}
