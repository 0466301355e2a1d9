/**
 * A survey of a folder of documents nobody has annotated: per file and in total, what the parser found (nodes,
 * bodies, leads, quantities by kind, warnings) and the anomalies no right answer has. Its snapshot of counts is
 * checked in, so that a change to the parser that makes real text look worse fails a test (test/corpus.test.ts).
 */
import { relative } from "node:path";
import type { ParsedFile } from "../model/exchange.js";
import { parseDocumentFile } from "../parse/index.js";
import { ANOMALY_KINDS, anomalies, type Anomaly, type AnomalyKind } from "../parse/anomalies.js";
import { DocumentError } from "../text/errors.js";
import { expandPaths } from "./commands/parse.js";

export interface Counts {
  nodes: number;
  /** unit entries over all nodes */
  bodies: number;
  leads: number;
  quantities: { target: number; incentive: number; other: number };
  warnings: number;
}

export interface FileReport extends Counts {
  /** the file's path relative to the surveyed folder */
  file: string;
  anomalies: Anomaly[];
}

export type KindCounts = Partial<Record<AnomalyKind, number>>;

/** What is checked in: totals, anomalies per kind, and per file. Only anomaly counts are guarded. */
export interface Snapshot {
  totals: Counts & { files: number; unreadable: number; anomalies: number };
  anomalies: KindCounts;
  files: Record<string, { anomalies: number; kinds: KindCounts }>;
}

const emptyCounts = (): Counts => ({ nodes: 0, bodies: 0, leads: 0, quantities: { target: 0, incentive: 0, other: 0 }, warnings: 0 });

export function reportOf(file: string, parsed: ParsedFile, today?: string): FileReport {
  const r: FileReport = { file, ...emptyCounts(), anomalies: anomalies(parsed, { today }) };
  r.nodes = parsed.outline.length;
  r.warnings = parsed.warnings?.length ?? 0;
  for (const n of parsed.outline) {
    r.bodies += n.units.length;
    r.leads += n.lead.length;
    for (const q of n.quantities) r.quantities[q.kind]++;
  }
  return r;
}

/** A file that could not be read (or made the parser throw) is one anomaly, and the survey goes on. */
export function failedReport(file: string, err: unknown): FileReport {
  const kind: AnomalyKind = err instanceof DocumentError ? "unreadable" : "crash";
  const text = err instanceof DocumentError ? err.problem : err instanceof Error ? err.message.split("\n")[0] ?? "" : String(err);
  return { file, ...emptyCounts(), anomalies: [{ kind, where: "file", text }] };
}

/** Parses every document of a folder (recursively, in name order), one at a time. */
export async function surveyFolder(dir: string, today?: string): Promise<FileReport[]> {
  const out: FileReport[] = [];
  for (const path of await expandPaths([dir])) {
    const file = relative(dir, path) || path;
    try {
      out.push(reportOf(file, await parseDocumentFile(path, file), today));
    } catch (err) {
      out.push(failedReport(file, err));
    }
  }
  return out;
}

function kindCounts(list: Anomaly[]): KindCounts {
  const counts: KindCounts = {};
  for (const a of list) counts[a.kind] = (counts[a.kind] ?? 0) + 1;
  // in the declared order, so that the checked-in snapshot diffs line by line
  return Object.fromEntries(ANOMALY_KINDS.filter((k) => counts[k]).map((k) => [k, counts[k]]));
}

export function snapshotOf(reports: FileReport[]): Snapshot {
  const totals: Snapshot["totals"] = { files: reports.length, unreadable: 0, ...emptyCounts(), anomalies: 0 };
  const files: Snapshot["files"] = {};
  for (const r of reports) {
    totals.nodes += r.nodes;
    totals.bodies += r.bodies;
    totals.leads += r.leads;
    totals.warnings += r.warnings;
    for (const k of ["target", "incentive", "other"] as const) totals.quantities[k] += r.quantities[k];
    if (r.anomalies.some((a) => a.kind === "unreadable" || a.kind === "crash")) totals.unreadable++;
    totals.anomalies += r.anomalies.length;
    files[r.file] = { anomalies: r.anomalies.length, kinds: kindCounts(r.anomalies) };
  }
  return { totals, anomalies: kindCounts(reports.flatMap((r) => r.anomalies)), files };
}

/** The snapshot as checked in: indented, with one line per file so that a change to one file is one line of diff. */
export function snapshotJson(s: Snapshot): string {
  const head = JSON.stringify({ totals: s.totals, anomalies: s.anomalies }, null, 2).replace(/\n}$/, "");
  const files = Object.entries(s.files).map(([f, c]) => `    ${JSON.stringify(f)}: ${JSON.stringify(c)}`);
  return `${head},\n  "files": {\n${files.join(",\n")}\n  }\n}\n`;
}

export interface Growth {
  what: string;
  before: number;
  after: number;
}

export interface Comparison {
  /** the total or a kind's count grew: the parser got worse on this corpus */
  worse: boolean;
  /** the total and kinds that grew */
  grown: Growth[];
  /** the total and kinds that fell: the snapshot should be rewritten to keep the gain */
  fallen: Growth[];
  /** files whose anomaly count grew (or that are new), with the kinds that grew in each */
  worseFiles: Array<Growth & { kinds: Growth[] }>;
}

export function compareSnapshots(before: Snapshot, after: Snapshot): Comparison {
  const total = (a: Snapshot, b: Snapshot): Growth[] =>
    b.totals.anomalies > a.totals.anomalies ? [{ what: "total", before: a.totals.anomalies, after: b.totals.anomalies }] : [];
  const grown = [...total(before, after), ...kindGrowth(before.anomalies, after.anomalies)];
  // what fell is what grew from the new counts to the old ones, told the right way round
  const fallen = [...total(after, before), ...kindGrowth(after.anomalies, before.anomalies)].map((g) => ({ ...g, before: g.after, after: g.before }));
  const worseFiles: Comparison["worseFiles"] = [];
  for (const [file, now] of Object.entries(after.files)) {
    const was = before.files[file] ?? { anomalies: 0, kinds: {} };
    const kinds = kindGrowth(was.kinds, now.kinds);
    if (now.anomalies > was.anomalies || kinds.length) worseFiles.push({ what: file, before: was.anomalies, after: now.anomalies, kinds });
  }
  return { worse: grown.length > 0, grown, fallen, worseFiles };
}

function kindGrowth(before: KindCounts, after: KindCounts): Growth[] {
  return ANOMALY_KINDS.filter((k) => (after[k] ?? 0) > (before[k] ?? 0)).map((k) => ({ what: k, before: before[k] ?? 0, after: after[k] ?? 0 }));
}

const growthList = (list: Growth[]): string => list.map((g) => `${g.what} ${g.before} → ${g.after}`).join(", ");

/** What a run says about the snapshot: worse (with the files that got worse), better, or as before. */
export function formatComparison(c: Comparison): string {
  if (c.worse) {
    const lines = [`anomalies grew beyond the snapshot: ${growthList(c.grown)}`];
    if (c.worseFiles.length) lines.push("files that got worse:");
    for (const f of c.worseFiles) lines.push(`  ${f.what}: ${f.before} → ${f.after}${f.kinds.length ? ` (${growthList(f.kinds)})` : ""}`);
    return lines.join("\n");
  }
  if (c.fallen.length) return `anomalies fell (${growthList(c.fallen)}): run \`npm run corpus -- --update\` to keep the gain`;
  return "anomalies as in the snapshot";
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const COLUMNS = "nodes bodies leads target incent other warn anomalies";

function countsRow(c: Counts, anomalyCount: number): string {
  const q = c.quantities;
  return [c.nodes, c.bodies, c.leads, q.target, q.incentive, q.other, c.warnings, anomalyCount].map((v, i) => pad(v, COLUMNS.split(" ")[i]!.length)).join(" ");
}

/** The readable report: a row of counts per file, its anomalies under it, then totals and counts per kind. */
export function formatSurvey(reports: FileReport[], snapshot: Snapshot): string {
  const width = Math.max(8, ...reports.map((r) => r.file.length));
  const out = [`${"file".padEnd(width)} ${COLUMNS}`];
  for (const r of reports) {
    out.push(`${r.file.padEnd(width)} ${countsRow(r, r.anomalies.length)}`);
    for (const a of r.anomalies) {
      const at = a.at === undefined ? "" : ` @${a.at}`;
      out.push(`    ${r.file}  ${a.kind}  ${a.where}${at}  「${clip(a.text)}」${a.note ? `  (${a.note})` : ""}`);
    }
  }
  const t = snapshot.totals;
  out.push(`${"total".padEnd(width)} ${countsRow(t, t.anomalies)}`);
  out.push(`${t.files} files, ${t.unreadable} unreadable, ${t.anomalies} anomalies`);
  for (const [kind, n] of Object.entries(snapshot.anomalies)) out.push(`  ${kind.padEnd(22)} ${pad(n, 5)}`);
  return out.join("\n");
}

function clip(s: string): string {
  const chars = [...s];
  return chars.length > 80 ? `${chars.slice(0, 80).join("")}…` : s;
}
