/**
 * `luoshi align CHILD PARENT`: for each leaf measure of an implementing (child) document, the parent measure(s)
 * it carries out with a score, or "new"; the parent measures no child measure carries out; the targets of
 * aligned measures side by side (cascade); and whether the child cites the parent.
 *
 * Without PARENT the parent is found among stored documents, by citation first and similarity second
 * (align-store.ts), and the command says which one it chose and why.
 */
import type { Command } from "commander";
import { alignMeasures, type Alignment } from "../../link/align.js";
import { targetCascades, type Cascade, type TargetView } from "../../link/cascade.js";
import { citesDocument } from "../../link/citations.js";
import type { DocMeta, ParsedFile } from "../../model/exchange.js";
import { parseFile } from "./parse.js";
import { findStoredParent } from "./align-store.js";

interface AlignCliOptions {
  json?: boolean;
  threshold?: string;
  share?: string;
  data?: string;
  databaseUrl?: string;
}

function docLine(p: ParsedFile): string {
  const d: DocMeta = p.document;
  return [d.title ?? p.wrappers.find((w) => w.title)?.title ?? p.source, d.docNumber].filter(Boolean).join("  ");
}

const label = (path: string[]) => path.join("/");

function target(t: TargetView): string {
  return `${t.text}${t.deadline ? ` by ${t.deadline}` : ""}`;
}

export function formatAlignment(
  child: ParsedFile,
  parent: ParsedFile,
  al: Alignment,
  cascades: Cascade[],
  cite: ReturnType<typeof citesDocument>,
): string {
  const titleOf = new Map(al.parents.map((m) => [m.key, m.title]));
  const out: string[] = [];
  out.push(`child:  ${docLine(child)}`);
  out.push(`parent: ${docLine(parent)}`);
  if (cite) {
    const how = cite.match.by === "docNumber" ? `文号 ${cite.citation.docNumber}` : `《${cite.citation.title}》`;
    out.push(`the child cites the parent: ${how}${cite.match.by === "title-years" ? " (year range differs in form)" : ""}`);
  } else {
    out.push("the child does not cite the parent");
  }
  const linked = al.links.filter((l) => l.parents.length).length;
  out.push(
    "",
    `measures: ${al.links.length} in the child (${linked} carry out a parent measure, ${al.links.length - linked} new: best score not above the pair's level ${Number(al.threshold.toFixed(3))} or the measure's own), ${al.parents.length} in the parent`,
  );
  const width = Math.min(24, Math.max(...al.links.map((l) => label(l.child).length + l.title.length + 1), 0));
  for (const l of al.links) {
    const head = `${label(l.child)} ${l.title}`.padEnd(width);
    if (!l.parents.length) {
      // still the best candidates, so that an official can link it by hand
      const candidates = l.candidates.map((p) => `${label(p.path)} ${titleOf.get(label(p.path)) ?? ""} ${p.score}`).join("; ");
      out.push(`  ${head}  new (needs over ${l.threshold})${candidates ? `, closest: ${candidates}` : ""}`);
      continue;
    }
    const [best, ...rest] = l.parents;
    const also = rest.length ? `; also ${rest.map((p) => `${label(p.path)} ${p.score}`).join(", ")}` : "";
    out.push(`  ${head}  → ${label(best!.path)} ${titleOf.get(label(best!.path)) ?? ""} ${best!.score}${also}`);
  }
  out.push("", `not carried out by any child measure (${al.uncovered.length}):`);
  for (const p of al.uncovered) out.push(`  ${label(p)} ${titleOf.get(label(p)) ?? ""}`);
  if (!al.uncovered.length) out.push("  none");
  out.push("", `target cascade (${cascades.length}):`);
  for (const c of cascades) {
    const share = c.share !== null ? ` (${(100 * c.share).toFixed(1)}%)` : "";
    out.push(`  ${label(c.child)} ← ${label(c.parent)} ${c.metric}: ${target(c.childTarget)} vs ${target(c.parentTarget)}${share}`);
    for (const w of c.warnings) out.push(`      ! ${w.kind}: ${w.message}`);
  }
  if (!cascades.length) out.push("  none");
  return out.join("\n");
}

function parseFraction(s: string | undefined, name: string): number | undefined {
  if (s === undefined) return undefined;
  const x = s.endsWith("%") ? Number(s.slice(0, -1)) / 100 : Number(s);
  if (!Number.isFinite(x) || x < 0) throw new Error(`${name}: not a number: ${s}`);
  return x;
}

export function registerAlign(program: Command): void {
  program
    .command("align")
    .description("align the measures of an implementing (child) document with those of the document it implements")
    .argument("<child>", "the implementing document")
    .argument("[parent]", "the document it implements (default: found among stored documents)")
    .option("--json", "print {links, uncovered, cascades, citation} as JSON")
    .option("--threshold <score>", "a fixed best score at or under which a child measure counts as new (default: from the scores of unrelated measures of the pair)")
    .option("--share <fraction>", "the share of the parent's counts the child is expected to carry (0.05 or 5%)")
    .option("--data <dir>", "without PARENT: PGlite data folder (default: $LUOSHI_DATA or ./luoshi-data)")
    .option("--database-url <url>", "without PARENT: a PostgreSQL server (default: $DATABASE_URL)")
    .action(async (childPath: string, parentPath: string | undefined, opts: AlignCliOptions) => {
      const newThreshold = parseFraction(opts.threshold, "--threshold");
      const expectedShare = parseFraction(opts.share, "--share");
      // without PARENT: the parent is found in the store; its note says which and why
      const found = parentPath === undefined ? await findStoredParent(childPath, opts) : null;
      if (found && (!found.parent || !found.chosen)) {
        if (opts.json) process.stdout.write(JSON.stringify({ parent: null, note: found.note }) + "\n");
        else process.stdout.write(found.note.join("\n") + "\n");
        if (!found.parent) process.exitCode = 1;
        return;
      }
      const [child, parent] = found ? [found.child, found.parent!] : await Promise.all([parseFile(childPath), parseFile(parentPath!)]);
      const al = alignMeasures(child, parent, newThreshold === undefined ? {} : { newThreshold });
      const cascades = targetCascades(child, parent, al, expectedShare === undefined ? {} : { expectedShare });
      const cite = citesDocument(child, parent);
      if (opts.json) {
        const json = {
          // parents empty: new; candidates: the best parent measures all the same, for linking by hand
          links: al.links.map((l) => ({ child: l.child, parents: l.parents, ...(l.parents.length ? {} : { candidates: l.candidates }) })),
          uncovered: al.uncovered,
          cascades,
          citation: cite && { ...cite.match, docNumber: cite.citation.docNumber, title: cite.citation.title },
          ...(found ? { parent: found.chosen, note: found.note } : {}),
        };
        process.stdout.write(JSON.stringify(json) + "\n");
      } else {
        if (found) process.stdout.write(found.note.join("\n") + "\n\n");
        process.stdout.write(formatAlignment(child, parent, al, cascades, cite) + "\n");
      }
    });
}
