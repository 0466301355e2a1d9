import { Alert, Card, Input, InputNumber, Select, Space } from "antd";
import { useEffect, useState } from "react";
import { api, type Body, type DocumentSummary, type Page, type SearchHit } from "../api";
import { fmtNumber } from "../format";
import { Hits } from "../hits";
import { navigate, useLocation } from "../router";
import { KIND_LABEL } from "../status";

export default function Search() {
  const { query } = useLocation();
  const q = query.get("q") ?? "";
  const document = query.get("document") ? Number(query.get("document")) : undefined;
  const body = query.get("body") ? Number(query.get("body")) : undefined;
  const year = query.get("year") ? Number(query.get("year")) : undefined;
  const kind = query.get("kind") ?? undefined;
  const page = Number(query.get("page") ?? 1) || 1;
  const [docs, setDocs] = useState<DocumentSummary[]>([]);
  const [bodies, setBodies] = useState<Body[]>([]);
  const [result, setResult] = useState<Page<SearchHit> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const go = (change: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries({ page: undefined, ...change })) {
      if (v === undefined || v === "") next.delete(k);
      else next.set(k, String(v));
    }
    navigate(`/search?${next.toString()}`);
  };

  useEffect(() => {
    api.documents({ pageSize: 200 }).then((r) => setDocs(r.items), () => {});
    api.bodies({ pageSize: 200 }).then((r) => setBodies(r.items), () => {});
  }, []);

  useEffect(() => {
    if (!q.trim()) {
      setResult(null);
      return;
    }
    setLoading(true);
    setError(null);
    api
      .search({ q, document, body, year, kind, page, pageSize: 20 })
      .then(setResult, (e: Error) => setError(e.message))
      .finally(() => setLoading(false));
  }, [q, document, body, year, kind, page]);

  return (
    <div className="page">
      <h1>检索</h1>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label="检索词"
          placeholder="输入关键词，如：5G基站、中小企业、奖励"
          enterButton="检索"
          size="large"
          defaultValue={q}
          key={q}
          onSearch={(v) => go({ q: v.trim() })}
        />
        <Space wrap style={{ marginTop: 12 }}>
          <label>
            文件{" "}
            <Select aria-label="文件" allowClear placeholder="全部文件" style={{ width: 280 }} value={document} onChange={(v) => go({ document: v })}
              showSearch={{ optionFilterProp: "label" }} options={docs.map((d) => ({ value: d.id, label: d.title ?? d.source }))} />
          </label>
          <label>
            责任单位{" "}
            <Select aria-label="责任单位" allowClear placeholder="全部单位" style={{ width: 220 }} value={body} onChange={(v) => go({ body: v })}
              showSearch={{ optionFilterProp: "label" }} options={bodies.map((b) => ({ value: b.id, label: b.name }))} />
          </label>
          <label>
            年份 <InputNumber aria-label="年份" min={1949} max={2100} value={year} onChange={(v) => go({ year: v ?? undefined })} placeholder="如 2020" />
          </label>
          <label>
            类型{" "}
            <Select aria-label="类型" allowClear placeholder="全部" style={{ width: 140 }} value={kind} onChange={(v) => go({ kind: v })}
              options={(["target", "incentive"] as const).map((k) => ({ value: k, label: `含${KIND_LABEL[k]}` }))} />
          </label>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={`检索失败：${error}`} />}
      {result && (
        <Card size="small" title={<h2>找到 {fmtNumber(result.total)}{result.totalIsLowerBound ? "+" : ""} 条措施</h2>}>
          <Hits hits={result.items} loading={loading} hrefOf={(h) => `/documents/${h.documentId}`} />
          {result.total > result.page * result.pageSize && (
            <a onClick={() => go({ q, page: page + 1 })} href="#next">
              下一页
            </a>
          )}
        </Card>
      )}
    </div>
  );
}
