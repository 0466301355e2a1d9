/**
 * Ingests many documents with the work of one overlapping the waits of another: while a document's transaction
 * waits on the database, the next documents are read and prepared (parsed, segmented). With `prepare` running
 * in worker threads and several connections, that is several documents parsed and several stored at once.
 * Each document is still its own transaction, and the results come out in the order of the sources.
 */
import type { Db } from "../store/db.js";
import type { Actor } from "./audit.js";
import { commitPrepared, findStored, sha256, type IngestResult, type PreparedDocument } from "./ingest.js";

export interface IngestSource {
  /** the file name the document is stored under */
  name: string;
  /** its bytes; a rejection is reported as this source's failure */
  read(): Promise<Uint8Array>;
}

export type IngestOutcome<S> = { source: S; result: IngestResult; error?: undefined } | { source: S; result?: undefined; error: unknown };

export interface PipelineOptions {
  actor: Actor;
  published?: boolean;
  /** bytes to a prepared document, e.g. `(b, n) => prepareIngest(parse, b, n)`, or a worker pool's */
  prepare: (bytes: Uint8Array, name: string) => Promise<PreparedDocument>;
  /** documents read, prepared or stored at one time (default 2: one stored while the next is prepared) */
  depth?: number;
  /** transactions at one time (default 1); on PostgreSQL each takes a connection of the pool */
  connections?: number;
}

/**
 * Ingests every source, yielding each outcome in the order of the sources. Bytes already stored are reported
 * unchanged without being prepared; a source that fails (unreadable, not a policy document, refused by the
 * database) is yielded with its error and the others go on. Stopping early waits for the documents in flight.
 *
 * What one document at a time would do stays true: a copy of bytes earlier in the list waits for that one and
 * is then found unchanged (the first one's name is kept), and with one connection the documents are stored in
 * the order of the sources (their ids follow it).
 */
export async function* ingestPipelined<S extends IngestSource>(db: Db, sources: Iterable<S>, opts: PipelineOptions): AsyncGenerator<IngestOutcome<S>> {
  const depth = Math.max(1, opts.depth ?? 2);
  const connections = Math.max(1, opts.connections ?? 1);
  // settles when a source is done with: source i stores once source i - connections is done
  const done = new Map<number, Promise<void>>();
  // the latest source in flight with given bytes; sources claim their bytes in their order
  const byBytes = new Map<string, Promise<void>>();
  let claims: Promise<unknown> = Promise.resolve();

  const start = (source: S, i: number): Promise<IngestOutcome<S>> => {
    let release!: () => void;
    const finished = new Promise<void>((resolve) => (release = resolve));
    done.set(i, finished);
    const turn = done.get(i - connections);
    done.delete(i - connections);
    const read = source.read();
    read.catch(() => {}); // reported below, once it is its turn to claim
    const claim = claims.then(async () => {
      const bytes = await read;
      const sha = sha256(bytes);
      const earlier = byBytes.get(sha);
      byBytes.set(sha, finished);
      return { bytes, sha, earlier };
    });
    claims = claim.catch(() => {});
    return (async (): Promise<IngestOutcome<S>> => {
      let sha: string | undefined;
      try {
        const claimed = await claim;
        sha = claimed.sha;
        await claimed.earlier;
        const existing = await findStored(db, sha);
        if (existing) return { source, result: existing };
        const prepared = await opts.prepare(claimed.bytes, source.name);
        await turn;
        return { source, result: await commitPrepared(db, prepared, opts.actor, { published: opts.published }) };
      } catch (error) {
        return { source, error };
      } finally {
        if (sha !== undefined && byBytes.get(sha) === finished) byBytes.delete(sha);
        release();
      }
    })();
  };

  const inFlight: Array<Promise<IngestOutcome<S>>> = [];
  let i = 0;
  try {
    for (const source of sources) {
      inFlight.push(start(source, i++));
      if (inFlight.length >= depth) yield await inFlight.shift()!;
    }
    while (inFlight.length) yield await inFlight.shift()!;
  } finally {
    await Promise.all(inFlight);
  }
}
