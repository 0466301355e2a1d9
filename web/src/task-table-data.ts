/**
 * The 任务分工表 page's first requests, shared with main.tsx: started there beside the page's code and the login
 * check, so that the rows are on their way before the page has loaded, and taken by the page once (prefetch.ts).
 */
import { api, maybeSignedIn } from "./api";
import { prefetch } from "./prefetch";
import { match } from "./router";

/**
 * measures a page of the table shows first: the server pages them, so a document of any size opens at once; a
 * page's cost is drawing its rows (each a measure with up to eight bodies), so the first is short and the reader
 * may choose a longer one
 */
export const PAGE_SIZE = 20;
export const PAGE_SIZES = [20, 50, 100];

/** The page and page size the address asks for. */
export function pageOf(query: URLSearchParams): { page: number; size: number } {
  const page = Math.max(1, Math.floor(Number(query.get("page")) || 1));
  const size = PAGE_SIZES.includes(Number(query.get("size"))) ? Number(query.get("size")) : PAGE_SIZE;
  return { page, size };
}

export const rowsKey = (id: number, page: number, size: number) => `task-table:${id}:${page}:${size}`;
export const documentKey = (id: number) => `document:${id}`;

/** Starts the table's requests when the address is a 任务分工表 and someone may be logged in (else they would 401). */
export function prefetchTaskTable(path: string, query: URLSearchParams): void {
  const m = match("/documents/:id/tasks", path);
  const id = Number(m?.id);
  if (!m || !Number.isSafeInteger(id) || !maybeSignedIn()) return;
  const { page, size } = pageOf(query);
  prefetch(rowsKey(id, page, size), () => api.taskTableRows(id, { page, pageSize: size }));
  prefetch(documentKey(id), () => api.document(id));
}
