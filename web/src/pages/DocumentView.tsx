import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Empty, Popconfirm, Row, Space, Spin, Switch, Tag } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { api, ApiError, type DocumentDetail } from "../api";
import { useAuth } from "../auth";
import { ImportAssignmentsButton } from "../import-dialog";
import { fmtDate, fmtHeading } from "../format";
import { Link, navigate } from "../router";
import { citationsOf, Legend, marksOf, SourceText, textOf } from "../source";
import { citeKey, LinksCard, MeasureLinkNote, useDocumentLinks, useResolvedCiteLinks } from "../links";

/** Looks up the cited 文号 that are in the system; one request per distinct 文号, at most 30. */
export function useCiteLinks(doc: DocumentDetail | null): Map<string, number> {
  const [links, setLinks] = useState(new Map<string, number>());
  useEffect(() => {
    if (!doc) return;
    let live = true;
    const numbers = [...new Set(citationsOf(doc.parsed).map((c) => c.docNumber).filter((n): n is string => !!n))].slice(0, 30);
    Promise.all(
      numbers.map((n) =>
        api.documents({ docNumber: n, pageSize: 1 }).then(
          (r) => [n, r.items[0]?.id] as const,
          () => [n, undefined] as const,
        ),
      ),
    ).then((pairs) => {
      if (!live) return;
      const m = new Map<string, number>();
      for (const [n, id] of pairs) if (id && id !== doc.id) m.set(n, id);
      setLinks(m);
    });
    return () => {
      live = false;
    };
  }, [doc]);
  return links;
}

export default function DocumentView({ id, publicView = false }: { id: number; publicView?: boolean }) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState<number | null>(null);
  const sourceRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    setDoc(null);
    setError(null);
    api.document(id).then(
      (d) => live && setDoc(d),
      (e) => live && setError(e instanceof ApiError && e.status === 404 ? "文件不存在或未公开" : (e as Error).message),
    );
    return () => {
      live = false;
    };
  }, [id]);

  // 建议责任单位 still open on this document's measures: staff are told (the server counts them with the document),
  // and the task table lets an admin decide
  const openSuggestions = publicView || !me ? 0 : (doc?.openSuggestions ?? 0);

  const citeLinks = useResolvedCiteLinks(doc); // cited documents the server resolved (links.tsx)
  const links = useDocumentLinks(doc?.id);
  const base = publicView ? "/public/documents/" : "/documents/";
  const source = useMemo(() => (doc ? textOf(doc.parsed, doc.text) : null), [doc]);
  const marks = useMemo(() => (doc ? marksOf(doc.parsed, citeLinks, (n) => base + n) : []), [doc, citeLinks, base]);
  const anchors = useMemo(
    () =>
      (doc?.parsed.outline ?? []).flatMap((n, index) => {
        const at = n.span?.start ?? n.textSpan?.start;
        return at === undefined ? [] : [{ at, index }];
      }),
    [doc],
  );

  const goTo = (i: number) => {
    setActive(i);
    const box = sourceRef.current;
    const el = box?.querySelector<HTMLElement>(`#node-${i}`);
    if (el && box) {
      box.scrollTo({ top: box.scrollTop + el.getBoundingClientRect().top - box.getBoundingClientRect().top - 8 });
      el.nextElementSibling?.classList.add("flash-node");
      setTimeout(() => el.nextElementSibling?.classList.remove("flash-node"), 1500);
    }
  };

  if (error) return <div className="page"><Alert type="error" showIcon title={error} /></div>;
  if (!doc) return <Spin size="large" style={{ display: "block", margin: "80px auto" }} />;
  const p = doc.parsed;
  const cites = citationsOf(p);
  return (
    <div className="page">
      {!publicView && <Breadcrumb items={[{ title: <Link to="/documents">政策文件</Link> }, { title: doc.title ?? doc.source }]} style={{ marginBottom: 8 }} />}
      <h1>{doc.title ?? doc.source}</h1>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="文号">{doc.docNumber ?? "—"}</Descriptions.Item>
          <Descriptions.Item label="发文机关">{doc.issuers.join("、") || "—"}</Descriptions.Item>
          <Descriptions.Item label="成文日期">{fmtDate(doc.date)}</Descriptions.Item>
          <Descriptions.Item label="有效期至">{fmtDate(doc.validUntil)}</Descriptions.Item>
          <Descriptions.Item label="地区">{doc.region ?? "—"}</Descriptions.Item>
          <Descriptions.Item label="措施">{doc.measures} 条{publicView ? "" : `，任务 ${doc.tasks} 项`}</Descriptions.Item>
        </Descriptions>
        {cites.length > 0 && (
          <div style={{ marginTop: 8 }}>
            引用文件：
            {cites.map((c, i) => {
              const to = citeLinks.get(citeKey(c));
              const label = [c.title && `《${c.title}》`, c.docNumber && `（${c.docNumber}）`].filter(Boolean).join("");
              return (
                <Tag key={i} color={to ? "purple" : undefined}>
                  {to ? <Link to={base + to}>{label} ↗</Link> : <span title="未收录">{label}</span>}
                </Tag>
              );
            })}
          </div>
        )}
        {!publicView && (
          <Space style={{ marginTop: 12 }} wrap>
            <Button type="primary" onClick={() => navigate(`/documents/${doc.id}/tasks`)}>
              任务分工表
            </Button>
            {openSuggestions > 0 && (
              <Link to={`/documents/${doc.id}/tasks`}>
                <Tag color="gold" data-testid="open-suggestions">
                  建议责任单位 {openSuggestions} 项待确认
                </Tag>
              </Link>
            )}
            {me?.role === "admin" && <Link to={`/documents/${doc.id}/review`}>校正解析结果</Link>}
            {me?.role === "admin" && <ImportAssignmentsButton documentId={doc.id} onDone={() => navigate(`/documents/${doc.id}/tasks`)} />}
            <a href={`/api/documents/${doc.id}/original`}>下载原文件</a>
            {me?.role === "admin" && (
              <span style={{ display: "inline-flex", gap: 8, alignItems: "center" }}>
                {/* publishing shows the document to anyone, withdrawing it takes it from them: either is asked once more */}
                <Popconfirm
                  title={doc.published ? "取消公开此文件？" : "公开此文件？"}
                  description={doc.published ? "取消公开后公众在政策公开专区不再看到此文件" : "公开后公众可在政策公开专区看到此文件"}
                  okText={doc.published ? "取消公开" : "公开"}
                  cancelText="不改"
                  onConfirm={async () => {
                    try {
                      const r = await api.publish(doc.id, !doc.published);
                      setDoc({ ...doc, published: r.published });
                      message.success(r.published ? "已公开" : "已取消公开");
                    } catch (e) {
                      message.error((e as Error).message);
                    }
                  }}
                >
                  <Switch aria-label="向公众公开" checked={doc.published} />
                </Popconfirm>
                {doc.published ? "已公开" : "未公开"}
              </span>
            )}
          </Space>
        )}
        {p.warnings?.length ? <Alert style={{ marginTop: 12 }} type="warning" showIcon title={`解析提示：${p.warnings.join("；")}`} /> : null}
      </Card>
      <LinksCard links={links} base={base} />
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card title={<h2>提纲</h2>} size="small">
            {p.outline.length === 0 ? (
              <Empty description="未识别出提纲" />
            ) : (
              <nav className="outline" aria-label="文件提纲">
                {p.outline.map((n, i) => (
                  <button
                    key={i}
                    type="button"
                    className="node"
                    data-node={i}
                    aria-current={active === i ? "true" : undefined}
                    style={{ paddingLeft: 6 + (n.path.length - 1) * 16, fontWeight: active === i ? 600 : undefined }}
                    onClick={() => goTo(i)}
                  >
                    <span>
                      {fmtHeading(n.label ?? n.path[n.path.length - 1], n.title)}
                    </span>
                    {(n.units.length > 0 || n.quantities.length > 0) && (
                      <div className="units">
                        {n.lead.length > 0 && <span>牵头：{n.lead.join("、")} </span>}
                        {n.units.filter((u) => !n.lead.includes(u)).length > 0 && <span>责任：{n.units.filter((u) => !n.lead.includes(u)).join("、")} </span>}
                        {n.quantities.length > 0 && <span>· {n.quantities.length} 个数量</span>}
                      </div>
                    )}
                    <MeasureLinkNote links={links} path={n.path} />
                  </button>
                ))}
              </nav>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card title={<h2>原文</h2>} size="small" extra={<Legend />}>
            <div className="source" ref={sourceRef} data-testid="source" lang="zh-CN">
              {source !== null ? <SourceText text={source} marks={marks} anchors={anchors} /> : <Empty description="此文件没有可显示的原文，请下载原文件查看" />}
            </div>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
