/**
 * Requests a page will make, started before the login check and the page's code have arrived (the dashboard
 * is the first page most users open). A page takes a prefetched answer once; later loads fetch as usual.
 */
const pending = new Map<string, Promise<unknown>>();

export function prefetch<T>(key: string, start: () => Promise<T>): void {
  const p = start();
  p.catch(() => {}); // a failure is seen by the page that takes it
  pending.set(key, p);
}

export function take<T>(key: string, otherwise: () => Promise<T>): Promise<T> {
  const p = pending.get(key) as Promise<T> | undefined;
  pending.delete(key);
  // a prefetch that failed (not logged in yet, say) is made again by the page
  return p ? p.catch(() => otherwise()) : otherwise();
}
