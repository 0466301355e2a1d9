/**
 * What a 督查通报 says, once, for both files: its title, the four sections (一、总体情况 二、各单位落实情况
 * 三、逾期任务 四、量化目标进展) with their sentences, tables and charts, and the closing note of when and from
 * what it was made. docx.ts and pdf.ts only lay these blocks out, so the DOCX and the PDF carry the same words
 * and figures. Text from documents (titles, body names, reports) is carried as plain strings; each writer draws it
 * as text, never as markup or a formula.
 */
import type { BulletinFigures, DueCounts } from "../../model/bulletin.js";
import { zhDate } from "../../track/status.js";
import { chinaDateTime } from "../../track/workdays.js";
import type { Chart } from "./charts.js";

export type Align = "left" | "center" | "right";

export interface Column {
  header: string;
  /** share of the table's width */
  width: number;
  align?: Align;
}

export type Block =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "table"; columns: Column[]; rows: string[][] }
  | { kind: "chart"; chart: Chart; caption: string }
  | { kind: "note"; text: string };

export interface BulletinContent {
  title: string;
  /** the title in lines of even length, as a 公文 title is set (not filled to the edge) */
  titleLines: string[];
  /** the line under the title: the scope and the day the figures are read as of */
  subtitle: string;
  /** 主送 */
  addressee: string;
  blocks: Block[];
  /** for the file's properties and the footer */
  generatedAt: string;
  scope: string;
  period: string;
}

/** 0.25 → "25%", 0.6667 → "66.7%", null → "—" */
export function percent(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return "—";
  return `${Math.round(share * 1000) / 10}%`;
}

/** A number as officials write it in a table: 1200, 0.5, 33.33. */
export function amount(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return "—";
  return String(Math.round(n * 100) / 100);
}


/**
 * A title in lines of even length, each at most `perLine` characters (a Latin letter or digit counting half),
 * never breaking a number.
 */
export function titleLines(title: string, perLine = 20): string[] {
  const chars = [...title];
  const weight = (ch: string) => (/[\x20-\x7e]/.test(ch) ? 0.55 : 1);
  const total = chars.reduce((s, ch) => s + weight(ch), 0);
  const n = Math.ceil(total / perLine);
  if (n <= 1) return [title];
  const target = total / n;
  const lines: string[] = [];
  let line = "";
  let acc = 0;
  chars.forEach((ch, i) => {
    const inNumber = /[0-9A-Za-z]/.test(ch) && /[0-9A-Za-z]/.test(chars[i - 1] ?? "");
    if (line && acc + weight(ch) > target + 0.5 && !inNumber && lines.length < n - 1) {
      lines.push(line);
      line = "";
      acc = 0;
    }
    line += ch;
    acc += weight(ch);
  });
  lines.push(line);
  return lines;
}

const REVIEW = { pending: "待审核", approved: "已审核通过", returned: "已退回" } as const;

/** "甲", "甲、乙", or "甲、乙、丙等5个单位" */
function names(bodies: Array<{ bodyName: string }>): string {
  const shown = bodies.slice(0, 3).map((b) => b.bodyName).join("、");
  return bodies.length > 3 ? `${shown}等${bodies.length}个单位` : shown;
}

function dueRow(name: string, c: DueCounts): string[] {
  return [name, String(c.due), String(c.closedOnTime), String(c.closedLate), String(c.overdue), String(c.pendingClose), percent(c.rate)];
}

export function bulletinContent(f: BulletinFigures, charts: Chart[]): BulletinContent {
  const asOf = zhDate(f.asOf);
  // a period not over is read as of today: "目前", not "期末"
  const atEnd = f.provisional ? "目前" : "期末";
  const blocks: Block[] = [];
  let figure = 0;
  const chart = (key: Chart["key"]) => {
    const c = charts.find((x) => x.key === key);
    if (c) blocks.push({ kind: "chart", chart: c, caption: `图${++figure}　${c.title}` });
  };
  const scopeWords = f.scope.label === "全部任务" ? "" : `（范围：${f.scope.label}）`;

  // 一、总体情况
  blocks.push({ kind: "heading", text: "一、总体情况" });
  const p = f.inPeriod;
  const c = f.cumulative;
  blocks.push({
    kind: "paragraph",
    text:
      `截至${asOf}，纳入督查的重点任务共${f.tasks}项${scopeWords}。` +
      (p.due
        ? `${f.period.label}到期任务${p.due}项，其中按期办结${p.closedOnTime}项、逾期办结${p.closedLate}项、已逾期${p.overdue}项` +
          (p.pendingClose ? `、已申请办结待审核${p.pendingClose}项` : "") +
          `，按期率${percent(p.rate)}。`
        : `${f.period.label}没有到期任务。`) +
      (c.due ? `累计到期任务${c.due}项，按期办结${c.closedOnTime}项，按期率${percent(c.rate)}。` : "") +
      `截至${atEnd}，已逾期任务${f.byStatus.overdue}项，有风险任务${f.atRisk}项（30天内到期或进度落后于时间）。`,
  });
  blocks.push({
    kind: "table",
    columns: [
      { header: "口径", width: 28 },
      { header: "到期任务", width: 12, align: "right" },
      { header: "按期办结", width: 12, align: "right" },
      { header: "逾期办结", width: 12, align: "right" },
      { header: "已逾期", width: 11, align: "right" },
      { header: "待审核", width: 11, align: "right" },
      { header: "按期率", width: 14, align: "right" },
    ],
    rows: [dueRow(`${f.period.label}到期`, p), dueRow(`累计（截至${asOf}）`, c)],
  });
  blocks.push({ kind: "note", text: "按期率＝按期办结（销号）的任务÷已到期的任务（已中止的除外）；办结以审核通过的申请办结为准。" });
  chart("status");
  chart("months");

  // 二、各单位落实情况
  blocks.push({ kind: "heading", text: "二、各单位落实情况" });
  if (f.bodies.length) {
    const top = Math.max(...f.bodies.map((b) => b.rate ?? -1));
    const maxOverdue = Math.max(...f.bodies.map((b) => b.overdue));
    blocks.push({
      kind: "paragraph",
      text:
        `涉及责任单位${f.bodies.length}个，按按期率由高到低、已逾期任务由少到多排序如下。` +
        (top < 0 ? "各单位尚无到期任务。" : top === 0 ? "各单位均无按期办结的任务。" : `按期率最高的是${names(f.bodies.filter((b) => b.rate === top))}（${percent(top)}）。`) +
        (maxOverdue ? `已逾期任务最多的是${names(f.bodies.filter((b) => b.overdue === maxOverdue))}（${maxOverdue}项）。` : "各单位均无逾期任务。"),
    });
    blocks.push({
      kind: "table",
      columns: [
        { header: "排名", width: 7, align: "center" },
        { header: "责任单位", width: 29 },
        { header: "任务数", width: 9, align: "right" },
        { header: "到期", width: 9, align: "right" },
        { header: "按期办结", width: 11, align: "right" },
        { header: "逾期办结", width: 11, align: "right" },
        { header: "已逾期", width: 10, align: "right" },
        { header: "按期率", width: 14, align: "right" },
      ],
      rows: f.bodies.map((b) => [String(b.rank), b.bodyName, String(b.tasks), String(b.due), String(b.closedOnTime), String(b.closedLate), String(b.overdue), percent(b.rate)]),
    });
    chart("bodies");
  } else blocks.push({ kind: "paragraph", text: "范围内没有任务。" });

  // 三、逾期任务
  blocks.push({ kind: "heading", text: "三、逾期任务" });
  const listed = f.overdue.items.length;
  if (!f.overdue.total) blocks.push({ kind: "paragraph", text: `截至${asOf}，没有逾期任务。` });
  else {
    blocks.push({
      kind: "paragraph",
      text:
        `截至${asOf}，已逾期未办结的任务${f.overdue.total}项` +
        (listed < f.overdue.total ? `，下表按完成时限先后列出前${listed}项` : "，按完成时限先后列出如下") +
        "。请责任单位抓紧办理，及时报送进展。",
    });
    blocks.push({
      kind: "table",
      columns: [
        { header: "序号", width: 6, align: "center" },
        { header: "任务", width: 30 },
        { header: "责任单位", width: 17 },
        { header: "完成时限", width: 12 },
        { header: "逾期天数", width: 8, align: "right" },
        { header: "最新进展", width: 27 },
      ],
      rows: f.overdue.items.map((o, i) => [
        String(i + 1),
        `${o.documentTitle ? `《${o.documentTitle}》` : ""}${o.measureLabel}${o.measureTitle}`,
        o.bodyName,
        zhDate(o.dueDate),
        String(o.daysOverdue),
        o.latestReport ? `${zhDate(o.latestReport.date)}（${REVIEW[o.latestReport.review]}）：${o.latestReport.text}` : "未报送",
      ]),
    });
  }

  // 四、量化目标进展
  blocks.push({ kind: "heading", text: "四、量化目标进展" });
  const t = f.targets;
  if (!t.total) blocks.push({ kind: "paragraph", text: "范围内没有量化目标。" });
  else {
    blocks.push({
      kind: "paragraph",
      text:
        `纳入统计的量化目标${t.total}项，截至${asOf}已报送完成值${t.reported}项，已达到目标值${t.reached}项。` +
        (t.items.length < t.total ? `下表列出最近报送的${t.items.length}项。` : "") +
        "完成值为审核通过的最新报送值（牵头单位各报其份额的，合计计算）。",
    });
    blocks.push({
      kind: "table",
      columns: [
        { header: "序号", width: 6, align: "center" },
        { header: "指标", width: 30 },
        { header: "目标值", width: 15, align: "right" },
        { header: "完成时限", width: 15 },
        { header: "最新完成值", width: 18, align: "right" },
        { header: "完成比例", width: 16, align: "right" },
      ],
      rows: t.items.map((x, i) => [
        String(i + 1),
        `${x.indicator}（${x.measureTitle}）`,
        `${amount(x.targetValue)}${x.unit}`,
        x.deadline ? zhDate(x.deadline) : "—",
        x.latestValue === null ? "未报送" : `${amount(x.latestValue)}${x.unit}`,
        percent(x.share),
      ]),
    });
  }

  const generated = chinaDateTime(f.generatedAt);
  blocks.push({
    kind: "note",
    text:
      `本通报由洛实系统根据截至${asOf}的督查记录生成，生成时间${generated}，统计范围：${f.scope.label}。` +
      (f.provisional ? `${f.period.label}尚未结束，以上为截至生成之日的数字，期末后重新生成为准。` : "期末以后的报送、审核不影响本期数字，重新生成结果相同。"),
  });

  const title = `关于${f.period.label}重点任务落实情况的督查通报`;
  return {
    title,
    titleLines: titleLines(title),
    subtitle: `（${f.scope.label === "全部任务" ? "" : `${f.scope.label}，`}截至${asOf}）`,
    addressee: "各有关单位：",
    blocks,
    generatedAt: generated,
    scope: f.scope.label,
    period: f.period.label,
  };
}
