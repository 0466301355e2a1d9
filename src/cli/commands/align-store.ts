/**
 * `luoshi align CHILD` without PARENT: the parent is found among the stored documents (embedded store in
 * $LUOSHI_DATA or ./luoshi-data, or DATABASE_URL; --data / --database-url), by citation first and similarity
 * second (src/link/store.ts), and the command tells which one it chose and why.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { findParents, LinkContext, loadParsed, MIN_SIMILARITY, subjectOf, type DocRef } from "../../link/store.js";
import type { ParsedFile } from "../../model/exchange.js";
import { describeStore, openStore } from "../../store/index.js";
import { sha256 } from "../../track/ingest.js";
import { storeFromOptions } from "./ingest.js";
import { parseFile } from "./parse.js";

export interface StoredParent {
  child: ParsedFile;
  parent: ParsedFile | null;
  /** the parent as stored, and how it was found */
  chosen: { document: DocRef; via: "citation" | "similarity"; score: number; citation: { docNumber: string | null; title: string | null } | null } | null;
  /** lines saying which document was chosen and why (or why none) */
  note: string[];
}

const name = (d: DocRef) => `#${d.id} ${[d.title ?? "(untitled)", d.docNumber].filter(Boolean).join("  ")}`;

/** CHILD is a file, or the id of a stored document. */
export async function findStoredParent(childArg: string, o: { data?: string; databaseUrl?: string }): Promise<StoredParent> {
  const store = storeFromOptions(o);
  const db = await openStore(store);
  try {
    let child: ParsedFile;
    let id: number | null = null;
    if (!existsSync(childArg) && /^\d+$/.test(childArg)) {
      id = Number(childArg);
      const p = await loadParsed(db, id);
      if (!p) throw new Error(`no stored document ${id} in ${describeStore(store)}`);
      child = p;
    } else {
      child = await parseFile(childArg);
      const r = await db.query<{ id: number }>(`select id from document where sha256 = $1`, [sha256(new Uint8Array(await readFile(childArg)))]);
      id = r.rows[0]?.id ?? null;
    }
    const ctx = await LinkContext.load(db);
    const subject = { ...subjectOf(child, id) };
    const r = await findParents(ctx, subject);
    const note: string[] = [];
    const others = ctx.docs.size - (id === null ? 0 : 1);
    if (r.forwards) {
      note.push(`the child forwards (转发) stored document ${name(r.forwards)}: the same policy, not a child of it`);
      const parent = await loadParsed(db, r.forwards.id);
      return { child, parent, chosen: null, note };
    }
    const best = r.parents[0];
    if (!best) {
      const tried = r.tried.map((t) => `${name(t.document)} ${t.score}`).join("; ");
      note.push(
        `no parent found among ${others} stored documents (${describeStore(store)}): the child cites none of them, ` +
          `and none above it is similar enough (${MIN_SIMILARITY} needed${tried ? `; tried ${tried}` : ""})`,
      );
      return { child, parent: null, chosen: null, note };
    }
    if (best.via === "citation") {
      const c = best.citation!;
      const how = c.by === "docNumber" ? `文号 ${c.docNumber}` : `《${c.title}》${c.by === "title-years" ? " (year range differs in form)" : ""}`;
      note.push(`parent chosen by citation: ${name(best.document)} — the child cites it as ${how}`);
      for (const other of r.parents.slice(1)) note.push(`  also cited and above it: ${name(other.document)} (similarity ${other.alignment.score})`);
    } else {
      const rest = r.tried.filter((t) => t.document.id !== best.document.id).map((t) => `${name(t.document)} ${t.score}`);
      note.push(
        `parent chosen by similarity: ${name(best.document)} — the child cites no stored document; similarity ${best.alignment.score}` +
          ` (at least ${MIN_SIMILARITY} needed${rest.length ? `; others: ${rest.join("; ")}` : ""})`,
      );
    }
    const parent = await loadParsed(db, best.document.id);
    return {
      child,
      parent,
      chosen: {
        document: best.document,
        via: best.via,
        score: best.alignment.score,
        citation: best.citation && { docNumber: best.citation.docNumber, title: best.citation.title },
      },
      note,
    };
  } finally {
    await db.close();
  }
}
