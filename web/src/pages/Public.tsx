/**
 * 政策公开: no login. Published documents, their measures as plain reading, incentives, and search. A policy past its
 * validity is marked 已失效 and an incentive past its deadline 已截止; a cap is written as a cap (最高30万元).
 */
import { Alert, Card, Col, Descriptions, Input, List, Row, Spin, Table, Tabs, Tag } from "antd";
import { useEffect, useMemo, useState } from "react";
import { allPages, api, type DocumentDetail, type DocumentSummary, type Measure, type Page, type SearchHit } from "../api";
import { chinaToday, fmtAmount, fmtDate, fmtHeading, fmtNumber, isPast } from "../format";
import { Hits } from "../hits";
import { Link } from "../router";
import { KIND_LABEL } from "../status";

/** Which body to ask about a measure: its responsible bodies as the server names them, the lead first. */
function askOf(m: Measure): string {
  return m.responsible.map((r) => (r.role === "lead" && m.responsible.length > 1 ? `${r.name}（牵头）` : r.name)).join("、");
}

/** The day an incentive runs to: its own deadline, else its measure's. */
const incentiveUntil = (m: Measure) => m.quantities.find((q) => q.kind === "incentive" && q.deadline)?.deadline ?? m.dueDate ?? null;

/** 已失效 for a lapsed policy, 已截止 for an incentive past its day; nothing while it runs. */
function Lapsed({ validUntil, until, today }: { validUntil?: string | null; until?: string | null; today: string }) {
  if (isPast(validUntil, today)) return <Tag color="default" data-testid="lapsed">已失效</Tag>;
  if (isPast(until, today)) return <Tag color="default" data-testid="closed">已截止</Tag>;
  return null;
}

/** A quantity as the public reads it: what it measures, the amount (a cap as a cap), by when. */
function quantityLine(q: Measure["quantities"][number]): string {
  return `${q.indicator ? `${q.indicator} ` : ""}${fmtAmount(q)}${q.deadline ? `（${fmtDate(q.deadline)}前）` : ""}`;
}

function Incentives({ documentId }: { documentId?: number }) {
  const today = chinaToday();
  const [rows, setRows] = useState<Measure[] | null>(null);
  useEffect(() => {
    let live = true;
    api.measures({ kind: "incentive", document: documentId, pageSize: 100 }).then(
      (r) => live && setRows(r.items),
      () => live && setRows([]),
    );
    return () => {
      live = false;
    };
  }, [documentId]);
  return (
    <Table<Measure>
      size="small"
      loading={rows === null}
      rowKey={(m) => m.id}
      dataSource={rows ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 760 }}
      locale={{ emptyText: "暂无奖补政策" }}
      columns={[
        {
          title: "政策（谁可以申请）",
          key: "who",
          render: (_: unknown, r) => (
            <div>
              <strong>{r.title}</strong> <Lapsed validUntil={r.documentValidUntil} until={incentiveUntil(r)} today={today} />
              <div className="muted" style={{ maxWidth: 520 }}>
                {r.text.slice(0, 160)}
                {r.text.length > 160 ? "…" : ""}
              </div>
              <Link to={`/public/documents/${r.documentId}`}>《{r.documentTitle ?? "文件"}》</Link>
            </div>
          ),
        },
        {
          title: "支持内容与额度",
          key: "what",
          render: (_: unknown, r) =>
            r.quantities
              .filter((q) => q.kind === "incentive")
              .map((q) => (
                <div key={q.id} data-testid="incentive-amount">
                  {quantityLine(q)}
                </div>
              )),
        },
        { title: "截止时间", key: "until", render: (_: unknown, r) => fmtDate(incentiveUntil(r)) },
        { title: "咨询单位", key: "ask", render: (_: unknown, r) => askOf(r) || "见原文" },
      ]}
    />
  );
}

function Reading({ id }: { id: number }) {
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  const [measures, setMeasures] = useState<Measure[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.document(id).then(setDoc, () => setError("文件不存在或未公开"));
    allPages((page) => api.measures({ document: id, page, pageSize: 200 })).then(setMeasures, () => setMeasures([]));
  }, [id]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!doc || !measures) return <Spin />;
  const today = chinaToday();
  return (
    <article>
      <h2 style={{ fontSize: 20 }}>
        {doc.title ?? doc.source} <Lapsed validUntil={doc.validUntil} today={today} />
      </h2>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="文号">{doc.docNumber ?? "—"}</Descriptions.Item>
        <Descriptions.Item label="发文机关" span={{ xs: 1, md: 2 }}>{doc.issuers.join("、") || "—"}</Descriptions.Item>
        <Descriptions.Item label="成文日期">{fmtDate(doc.date)}</Descriptions.Item>
        <Descriptions.Item label="有效期至">{fmtDate(doc.validUntil)}</Descriptions.Item>
      </Descriptions>
      <Tabs
        items={[
          {
            key: "read",
            label: "政策措施",
            children: measures.map((m) => {
              const depth = m.path.length;
              const H = (depth <= 1 ? "h3" : "h4") as "h3" | "h4";
              const ask = askOf(m);
              return (
                <section key={m.id} style={{ marginLeft: (depth - 1) * 20, marginBottom: 12 }} data-testid="public-measure">
                  <H style={{ fontSize: depth <= 1 ? 17 : 15, margin: "8px 0 4px" }}>
                    {fmtHeading(m.label, m.title)}
                  </H>
                  {m.text && m.text !== m.title && <p className="measure-text" style={{ margin: 0 }}>{m.text}</p>}
                  {(m.quantities.some((q) => q.kind !== "other") || ask) && (
                    <div style={{ marginTop: 4 }}>
                      {m.quantities
                        .filter((q) => q.kind !== "other")
                        .map((q) => (
                          <Tag key={q.id} color={q.kind === "incentive" ? "gold" : "blue"} data-testid="public-quantity" style={{ whiteSpace: "normal" }}>
                            {KIND_LABEL[q.kind]}：{quantityLine(q)}
                            {q.kind === "incentive" && isPast(incentiveUntil(m), today) ? "（已截止）" : ""}
                          </Tag>
                        ))}
                      {ask && <span className="muted">负责单位（咨询）：{ask}</span>}
                    </div>
                  )}
                </section>
              );
            }),
          },
          { key: "incentives", label: "奖补政策", children: <Incentives documentId={id} /> },
        ]}
      />
    </article>
  );
}

export default function Public({ documentId }: { documentId?: number }) {
  const [page, setPage] = useState(1);
  const [docs, setDocs] = useState<Page<DocumentSummary> | null>(null);
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<Page<SearchHit> | null>(null);
  useEffect(() => {
    api.documents({ page, pageSize: 20 }).then(setDocs, () => setDocs({ items: [], page, pageSize: 20, total: 0 }));
  }, [page]);
  useEffect(() => {
    if (!q) return setHits(null);
    api.search({ q, pageSize: 20 }).then(setHits, () => setHits({ items: [], page: 1, pageSize: 20, total: 0 }));
  }, [q]);
  const list = useMemo(() => docs?.items ?? [], [docs]);
  const today = chinaToday();
  return (
    <div className="page">
      <h1>政策公开</h1>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Input.Search aria-label="检索政策" placeholder="检索政策措施，如：补贴、人才、5G" enterButton="检索" onSearch={(v) => setQ(v.trim())} allowClear />
        {hits && (
          <div style={{ marginTop: 12 }}>
            <h2>检索结果（{fmtNumber(hits.total)}）</h2>
            <Hits hits={hits.items} hrefOf={(h) => `/public/documents/${h.documentId}`} />
          </div>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={documentId ? 8 : 24}>
          <Card title={<h2>已公开文件</h2>} size="small">
            <List
              size="small"
              loading={!docs}
              dataSource={list}
              pagination={{ current: page, pageSize: 20, total: docs?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
              renderItem={(d) => (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Link to={`/public/documents/${d.id}`} aria-current={d.id === documentId ? "page" : undefined} style={{ fontWeight: d.id === documentId ? 700 : undefined }}>
                        {d.title ?? d.source}
                      </Link>
                    }
                    description={
                      <span>
                        {`${d.docNumber ?? ""} ${d.issuers.join("、")} ${fmtDate(d.date)}`} <Lapsed validUntil={d.validUntil} today={today} />
                      </span>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
          {!documentId && (
            <Card title={<h2>奖补政策一览</h2>} size="small" style={{ marginTop: 16 }}>
              <Incentives />
            </Card>
          )}
        </Col>
        {documentId && (
          <Col xs={24} lg={16}>
            <Card size="small">
              <Reading id={documentId} />
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}
