/**
 * Links between documents in the document view: 实施（上级文件）, 被实施（下级文件）, 转发, each outline node's
 * parent measure (or 新增), coverage gaps and target cascades; and the cited documents the server resolved.
 * Data: GET /api/documents/{id}/links and /citations.
 */
import { Alert, Card, Collapse, Empty, Space, Table, Tag, Tooltip } from "antd";
import { useEffect, useState } from "react";
import { api, type DocumentDetail } from "./api";
import { fmtHeading } from "./format";
import { Link } from "./router";
import type { Cascade, DocRef, MeasureRef } from "../../src/model/api";

export type { DocRef } from "../../src/model/api";

interface Scored extends MeasureRef {
  score: number;
}
export interface Alignment {
  score: number;
  threshold: number;
  linked: number;
  childMeasures: number;
  parentMeasures: number;
  links: Array<{ child: string[]; title: string; parents: Scored[]; closest: Scored | null }>;
  uncovered: MeasureRef[];
  cascades: Cascade[];
}
export interface DocLink {
  document: DocRef;
  via: "citation" | "similarity";
  citation: { docNumber: string | null; title: string | null; by: string; confidence: number } | null;
  alignment: Alignment;
}
export interface DocumentLinks {
  forwards: DocRef[];
  forwardedBy: DocRef[];
  implements: DocLink[];
  implementedBy: DocLink[];
  /** documents were added since these were computed: a recomputation is queued or running */
  pending: boolean;
}
export interface Citations {
  items: Array<{ docNumber: string | null; title: string | null; where: string; status: "resolved" | "unresolved"; documents: DocRef[] }>;
}

/** How a citation is looked up in the map of resolved citations. */
export const citeKey = (c: { docNumber: string | null; title: string | null }) => c.docNumber ?? `《${c.title ?? ""}》`;

/** how often, and how many times, the page asks again while a recomputation of the links is pending */
const PENDING_RETRY_MS = 3000;
const PENDING_RETRIES = 40;

/** The document's links (null while loading or when they cannot be had), asked again while they are pending. */
export function useDocumentLinks(id: number | undefined): DocumentLinks | null {
  const [links, setLinks] = useState<DocumentLinks | null>(null);
  useEffect(() => {
    setLinks(null);
    if (id === undefined) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = (left: number) =>
      api.links(id).then(
        (l) => {
          if (!live) return;
          setLinks(l);
          if (l.pending && left > 0) timer = setTimeout(() => ask(left - 1), PENDING_RETRY_MS);
        },
        () => {},
      );
    ask(PENDING_RETRIES);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [id]);
  return links;
}

/** Cited documents the server resolved (by 文号 or by title), keyed by citeKey. */
export function useResolvedCiteLinks(doc: DocumentDetail | null): Map<string, number> {
  const [links, setLinks] = useState(new Map<string, number>());
  useEffect(() => {
    if (!doc) return;
    let live = true;
    api.citations(doc.id).then(
      (r) => {
        if (!live) return;
        const m = new Map<string, number>();
        for (const c of r.items) {
          const to = c.documents.find((d) => d.id !== doc.id);
          if (to) m.set(citeKey(c), to.id);
        }
        setLinks(m);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [doc]);
  return links;
}

/** A measure's identity within its document (its path), for matching; never shown: people read the label as written. */
const pathKey = (path: string[]) => path.join("/");
const docName = (d: DocRef) => d.title ?? `文件 ${d.id}`;

function DocLinkLine({ l, base }: { l: DocLink; base: string }) {
  const a = l.alignment;
  const how =
    l.via === "citation"
      ? `依据引用（${l.citation?.by === "docNumber" ? `文号 ${l.citation.docNumber}` : `《${l.citation?.title ?? ""}》`}）`
      : `依据内容相似（${a.score}）`;
  return (
    <span>
      <Link to={base + l.document.id}>{docName(l.document)}</Link>
      {l.document.docNumber && <span className="muted">（{l.document.docNumber}）</span>}{" "}
      <Tag color={l.via === "citation" ? "purple" : "blue"}>{how}</Tag>
      <span className="muted">
        {a.linked}/{a.childMeasures} 条下级措施对应上级措施，上级 {a.parentMeasures - a.uncovered.length}/{a.parentMeasures} 条已落实
      </span>
    </span>
  );
}

function Gaps({ a, who }: { a: Alignment; who: string }) {
  if (!a.uncovered.length) return <div>覆盖缺口：无（{who}的每条措施都有对应）</div>;
  return (
    <div data-testid="gaps">
      覆盖缺口（{who}中没有下级措施落实的 {a.uncovered.length} 条）：
      {a.uncovered.map((m) => (
        <Tag key={pathKey(m.path)} color="orange">
          {fmtHeading(m.label, m.title)}
        </Tag>
      ))}
    </div>
  );
}

function Cascades({ a }: { a: Alignment }) {
  if (!a.cascades.length) return null;
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(c) => `${pathKey(c.child)}|${pathKey(c.parent)}|${c.childTarget.text}`}
      scroll={{ x: 760 }}
      dataSource={a.cascades}
      data-testid="cascades"
      columns={[
        { title: "指标", dataIndex: "metric" },
        { title: "下级措施", render: (_, c) => c.childLabel },
        { title: "下级目标", render: (_, c) => `${c.childTarget.text}${c.childTarget.deadline ? `（${c.childTarget.deadline}）` : ""}` },
        { title: "上级目标", render: (_, c) => `${c.parentLabel}：${c.parentTarget.text}${c.parentTarget.deadline ? `（${c.parentTarget.deadline}）` : ""}` },
        { title: "占比", render: (_, c) => (c.share === null ? "—" : `${(100 * c.share).toFixed(1)}%`) },
        {
          title: "提示",
          render: (_, c) =>
            c.warnings.map((w, i) => (
              <Tag key={i} color={w.kind === "basis" ? "default" : "red"}>
                {{ weaker: "偏弱", later: "晚于上级", basis: "口径不同" }[w.kind]}：{w.message}
              </Tag>
            )),
        },
      ]}
    />
  );
}

/** 实施 / 被实施 / 转发, with coverage gaps and cascades. */
export function LinksCard({ links, base }: { links: DocumentLinks | null; base: string }) {
  if (!links) return null;
  const none = !links.implements.length && !links.implementedBy.length && !links.forwards.length && !links.forwardedBy.length;
  return (
    <Card size="small" title={<h2>文件关联</h2>} style={{ marginBottom: 16 }} data-testid="links">
      {links.pending && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} title="有文件新入库，文件关联正在重新计算，完成后自动更新" data-testid="links-pending" />
      )}
      {none && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={links.pending ? "尚未计算出上级或下级文件" : "未找到上级或下级文件"} />}
      <Space direction="vertical" style={{ width: "100%" }}>
        {links.forwards.map((d) => (
          <div key={d.id}>
            转发：<Link to={base + d.id}>{docName(d)}</Link>（同一政策，见原文件）
          </div>
        ))}
        {links.forwardedBy.length > 0 && (
          <div>
            被转发：
            {links.forwardedBy.map((d) => (
              <Link key={d.id} to={base + d.id}>
                {docName(d)}{" "}
              </Link>
            ))}
          </div>
        )}
        {links.implements.length > 0 && (
          <div data-testid="implements">
            <strong>实施（上级文件）：</strong>
            {links.implements.map((l) => (
              <div key={l.document.id}>
                <DocLinkLine l={l} base={base} />
              </div>
            ))}
          </div>
        )}
        {links.implementedBy.length > 0 && (
          <div data-testid="implemented-by">
            <strong>被实施（下级文件）：</strong>
            {links.implementedBy.map((l) => (
              <div key={l.document.id}>
                <DocLinkLine l={l} base={base} />
              </div>
            ))}
          </div>
        )}
        {[...links.implements.map((l) => ({ l, who: "上级文件" })), ...links.implementedBy.map((l) => ({ l, who: "本文件" }))].length > 0 && (
          <Collapse
            size="small"
            items={[
              ...links.implements.map((l) => ({ l, who: "上级文件", head: `与上级《${docName(l.document)}》的对应` })),
              ...links.implementedBy.map((l) => ({ l, who: "本文件", head: `下级《${docName(l.document)}》的落实情况` })),
            ].map(({ l, who, head }, i) => ({
              key: String(i),
              label: `${head}：覆盖缺口 ${l.alignment.uncovered.length} 条，指标分解 ${l.alignment.cascades.length} 项${
                l.alignment.cascades.some((c) => c.warnings.some((w) => w.kind !== "basis")) ? "（有预警）" : ""
              }`,
              children: (
                <Space direction="vertical" style={{ width: "100%" }}>
                  <Gaps a={l.alignment} who={who} />
                  <Cascades a={l.alignment} />
                </Space>
              ),
            }))}
            defaultActiveKey={["0"]}
          />
        )}
      </Space>
    </Card>
  );
}

/** Under an outline node: the parent measure it carries out, or 新增. */
export function MeasureLinkNote({ links, path }: { links: DocumentLinks | null; path: string[] }) {
  const parent = links?.implements[0];
  if (!parent) return null;
  const key = pathKey(path);
  const l = parent.alignment.links.find((x) => pathKey(x.child) === key);
  if (!l) return null;
  if (!l.parents.length)
    return (
      <div className="units" data-testid="measure-link">
        <Tag color="green">新增</Tag>
      </div>
    );
  const [best, ...rest] = l.parents;
  return (
    <div className="units" data-testid="measure-link">
      <Tooltip title={`对应得分 ${best!.score}${rest.length ? `；另对应 ${rest.map((p) => `${p.label}（${p.score}）`).join("、")}` : ""}`}>
        <span>
          落实上级 {fmtHeading(best!.label, best!.title)}
        </span>
      </Tooltip>
    </div>
  );
}
