/**
 * 审计日志 (admin, supervisor): every change, newest first, filtered by who, what, document, body and date; each entry
 * says what changed, before and after. The filters live in the address, so a filtered view can be linked to.
 */
import { Button, Card, DatePicker, Form, Select, Space, Table, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { api, type AuditEntry, type DocumentSummary, type Page } from "../api";
import { actionLabel, changesOf, ENTITY_LABEL } from "../audit-text";
import { fmtDateTime, fmtNumber } from "../format";
import { BodyPicker } from "../measure-bodies";
import { Link, navigate, useLocation } from "../router";

const PAGE_SIZE = 30;

interface Filters {
  actor?: string;
  action?: string;
  document?: number;
  body?: number;
  from?: string;
  to?: string;
}

function filtersOf(q: URLSearchParams): Filters & { page: number } {
  const num = (k: string) => (q.get(k) && /^\d+$/.test(q.get(k)!) ? Number(q.get(k)) : undefined);
  const day = (k: string) => (/^\d{4}-\d\d-\d\d$/.test(q.get(k) ?? "") ? q.get(k)! : undefined);
  return {
    actor: q.get("actor") || undefined,
    action: q.get("action") || undefined,
    document: num("document"),
    body: num("body"),
    from: day("from"),
    to: day("to"),
    page: num("page") ?? 1,
  };
}

function toQuery(f: Filters & { page?: number }): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== "" && !(k === "page" && v === 1)) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** Where an entry's object is seen: its document, task or measure. */
function objectOf(e: AuditEntry): { text: string; to?: string } {
  const a = { ...((e.before ?? {}) as Record<string, unknown>), ...((e.after ?? {}) as Record<string, unknown>) };
  const documentId = typeof a.documentId === "number" ? a.documentId : e.entity === "document" ? Number(e.entityId) : undefined;
  // the object in words when the server knows it (a task's measure and body), else its kind and number
  const label = e.subject ? `${ENTITY_LABEL[e.entity] ?? e.entity}：${e.subject}` : `${ENTITY_LABEL[e.entity] ?? e.entity} ${e.entityId ?? ""}`.trim();
  if (e.entity === "task" && e.action !== "task.delete") return { text: label, to: `/tasks/${e.entityId}` };
  if ((e.entity === "measure" || e.entity === "target") && documentId) return { text: label, to: `/documents/${documentId}/review?measure=${a.measureId}` };
  if (documentId && e.action !== "document.delete") return { text: label, to: `/documents/${documentId}` };
  return { text: label };
}

function Changes({ e }: { e: AuditEntry }) {
  const list = changesOf(e.before, e.after);
  if (!list.length) return <span className="muted">—</span>;
  return (
    <div>
      {list.map((c) => (
        <div key={c.field}>
          <span className="muted">{c.label}：</span>
          {c.before !== null && <span className="diff-before" title={c.before}>{c.before.length > 60 ? `${c.before.slice(0, 60)}…` : c.before}</span>}
          {c.before !== null && c.after !== null && " → "}
          {c.after !== null && <span className="diff-after" title={c.after}>{c.after.length > 60 ? `${c.after.slice(0, 60)}…` : c.after}</span>}
        </div>
      ))}
    </div>
  );
}

export default function AuditLog() {
  const { query } = useLocation();
  // a new URLSearchParams comes with every render: the filters change only when the address does
  const search = query.toString();
  const f = useMemo(() => filtersOf(new URLSearchParams(search)), [search]);
  const [facets, setFacets] = useState<{ actions: string[]; actors: Array<{ id: number | null; name: string }> } | null>(null);
  const [docs, setDocs] = useState<DocumentSummary[]>([]);
  const [data, setData] = useState<Page<AuditEntry> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.auditFacets().then(setFacets, () => setFacets({ actions: [], actors: [] }));
    api.documents({ pageSize: 200 }).then((r) => setDocs(r.items), () => {});
  }, []);
  useEffect(() => {
    let live = true;
    setData(null);
    setError(null);
    const { page, ...rest } = f;
    api.audit({ ...rest, page, pageSize: PAGE_SIZE }).then(
      (r) => live && setData(r),
      (e: Error) => live && (setError(e.message), setData({ items: [], page, pageSize: PAGE_SIZE, total: 0 })),
    );
    return () => {
      live = false;
    };
  }, [f]);

  const set = (change: Partial<Filters>) => navigate(`/admin/audit${toQuery({ ...f, ...change, page: 1 })}`, true);
  const range: [Dayjs, Dayjs] | null = f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null;

  return (
    <div className="page">
      <h1>审计日志</h1>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" className="filters">
          <Space wrap align="end">
            <Form.Item label="操作人" htmlFor="audit-actor" style={{ marginBottom: 0 }}>
              <Select
                id="audit-actor"
                allowClear
                showSearch
                placeholder="全部"
                style={{ width: 160 }}
                value={f.actor}
                onChange={(v) => set({ actor: v })}
                options={(facets?.actors ?? []).map((a) => ({ value: a.name, label: a.name }))}
              />
            </Form.Item>
            <Form.Item label="操作" htmlFor="audit-action" style={{ marginBottom: 0 }}>
              <Select
                id="audit-action"
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                placeholder="全部"
                style={{ width: 180 }}
                value={f.action}
                onChange={(v) => set({ action: v })}
                options={(facets?.actions ?? []).map((a) => ({ value: a, label: actionLabel(a) }))}
              />
            </Form.Item>
            <Form.Item label="文件" htmlFor="audit-document" style={{ marginBottom: 0 }}>
              <Select
                id="audit-document"
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                placeholder="全部"
                style={{ width: 260, maxWidth: "calc(100vw - 64px)" }}
                value={f.document}
                onChange={(v) => set({ document: v })}
                options={docs.map((d) => ({ value: d.id, label: d.title ?? d.source }))}
              />
            </Form.Item>
            <Form.Item label="责任单位" htmlFor="audit-body" style={{ marginBottom: 0, width: 220 }}>
              <BodyPicker id="audit-body" value={f.body} onChange={((v: number | undefined) => set({ body: v })) as never} />
            </Form.Item>
            <Form.Item label="日期" htmlFor="audit-dates" style={{ marginBottom: 0 }}>
              <DatePicker.RangePicker
                id="audit-dates"
                value={range}
                disabledDate={(d) => d.isAfter(dayjs(), "day")}
                onChange={(v) => set({ from: v?.[0]?.format("YYYY-MM-DD"), to: v?.[1]?.format("YYYY-MM-DD") })}
                style={{ maxWidth: "calc(100vw - 64px)" }}
              />
            </Form.Item>
            <Button onClick={() => navigate("/admin/audit", true)}>清除筛选</Button>
          </Space>
        </Form>
      </Card>
      <Card size="small" title={<h2>记录（{fmtNumber(data?.total ?? 0)}）</h2>}>
        {error && <div role="alert" className="muted">{error}</div>}
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          loading={!data}
          dataSource={data?.items ?? []}
          scroll={{ x: 900 }}
          data-testid="audit-table"
          pagination={{
            current: f.page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            onChange: (page) => navigate(`/admin/audit${toQuery({ ...f, page })}`, true),
          }}
          columns={[
            { title: "时间", dataIndex: "at", width: 168, render: (s: string) => fmtDateTime(s) },
            { title: "操作人", dataIndex: "actor", width: 110 },
            {
              title: "操作",
              dataIndex: "action",
              width: 130,
              render: (a: string) => <Tag color={a.startsWith("auth.") ? "default" : a.endsWith("delete") ? "red" : "blue"}>{actionLabel(a)}</Tag>,
            },
            {
              title: "对象",
              key: "object",
              width: 220,
              render: (_: unknown, e) => {
                const o = objectOf(e);
                const text = <span className="audit-object" title={o.text}>{o.text}</span>;
                return o.to ? <Link to={o.to}>{text}</Link> : text;
              },
            },
            { title: "变更（前 → 后）", key: "changes", render: (_: unknown, e) => <Changes e={e} /> },
          ]}
        />
      </Card>
    </div>
  );
}
