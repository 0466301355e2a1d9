import { InboxOutlined, LoadingOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Grid, List, Popconfirm, Space, Switch, Table, Tag, Upload, type PaginationProps } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useAction } from "../action";
import { api, ApiError, type DocumentSummary, type IngestJob, type Page } from "../api";
import { useAuth } from "../auth";
import { fmtDate, fmtNumber } from "../format";
import { Link } from "../router";

interface UploadOutcome {
  uid: string;
  name: string;
  /** uploading: the bytes are on their way; working: a worker has the job (queued, parsing, storing) */
  state: "uploading" | "working" | "stored" | "unchanged" | "error";
  message: string;
  documentId?: number;
}

/** how often a page asks after an upload's job */
const FOLLOW_MS = 700;

/** Follows an upload's job until it is over, telling each change of its progress. */
async function followJob(first: IngestJob, onChange: (job: IngestJob) => void): Promise<IngestJob> {
  let job = first;
  while (job.state === "queued" || job.state === "running") {
    await new Promise((r) => setTimeout(r, FOLLOW_MS));
    const next = await api.job(job.id);
    if (next.progress !== job.progress) onChange(next);
    job = next;
  }
  return job;
}

function outcomeOf(uid: string, name: string, job: IngestJob): UploadOutcome {
  const base = { uid, name };
  if (job.state === "failed") return { ...base, state: "error", message: job.message ?? "处理失败" };
  if (job.state === "done" && job.result) {
    const r = job.result;
    return r.status === "stored"
      ? { ...base, state: "stored", documentId: r.documentId, message: `已入库：《${r.title ?? name}》，${r.measures} 条措施，${r.tasks} 项任务` }
      : { ...base, state: "unchanged", documentId: r.documentId, message: `此前已上传过同一文件：《${r.title ?? name}》` };
  }
  const retry = job.attempts > 1 ? `（第 ${job.attempts} 次尝试）` : "";
  return { ...base, state: "working", message: `${job.progress}…${retry}` };
}

const ERROR_TEXT: Record<string, string> = {
  unsupported_type: "不支持的文件类型（可上传 txt、html、docx、pdf）",
  too_large: "文件过大",
  unparseable_document: "无法解析",
  forbidden: "没有上传权限",
};

/** The issuing authorities in a phone's line: a joint document's eight names would fill the screen. */
function issuersBrief(issuers: string[]): string {
  return issuers.length > 2 ? `${issuers[0]}等 ${issuers.length} 个机关` : issuers.join("、");
}

/**
 * Why an upload was refused, in the server's words, which already say what is wrong (文件过大（25.3 MB，上限
 * 20.0 MB）), without the file name they lead with, since the row names the file; an answer without words by its
 * code. Anything else is a request that reached no server (fetch's TypeError).
 */
function refusalOf(e: unknown, name: string): string {
  if (!(e instanceof ApiError)) return "上传失败：无法连接服务器，请检查网络后重试";
  const said = e.message.startsWith(`${name}：`) ? e.message.slice(name.length + 1) : e.message;
  return said || ERROR_TEXT[e.code] || "上传失败";
}

export default function Documents() {
  const { me } = useAuth();
  const isAdmin = me?.role === "admin";
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<DocumentSummary> | null>(null);
  const [outcomes, setOutcomes] = useState<UploadOutcome[]>([]);
  // an upload is private until an admin publishes it
  const [published, setPublished] = useState(false);
  const load = useCallback(() => {
    api.documents({ page, pageSize: 20 }).then(setData, () => setData({ items: [], page, pageSize: 20, total: 0 }));
  }, [page]);
  useEffect(load, [load]);

  const { run } = useAction(load);
  const remove = (d: DocumentSummary) => run(() => api.deleteDocument(d.id), { ok: `已删除《${d.title ?? d.source}》，可在回收站恢复`, fail: "删除失败" });
  // below md (768 px, where the navigation folds into a drawer) nine columns leave each a few characters'
  // width and rows many lines tall: a phone gets one entry a document instead, its facts on two lines
  const phone = Grid.useBreakpoint().md === false;
  const pagination: PaginationProps = {
    current: page,
    pageSize: 20,
    total: data?.total ?? 0,
    onChange: setPage,
    showSizeChanger: false,
    showTotal: (t) => `共 ${fmtNumber(t)} 件`,
  };
  const publishedTag = (p: boolean) => (p ? <Tag color="green">✓ 已公开</Tag> : <Tag>✗ 未公开</Tag>);
  const ops = (d: DocumentSummary) => (
    <Space size={8} wrap>
      <Link to={`/documents/${d.id}/tasks`}>任务分工表</Link>
      {isAdmin && <Link to={`/documents/${d.id}/review`}>校正</Link>}
      {isAdmin && (
        <Popconfirm
          title={`删除《${d.title ?? d.source}》？`}
          description="文件及其任务从所有列表、检索和统计中隐藏，保留在回收站，可以恢复。"
          okText="删除"
          cancelText="取消"
          okButtonProps={{ danger: true }}
          onConfirm={() => remove(d)}
        >
          <Button size="small" type="link" danger style={{ padding: 0 }} aria-label={`删除${d.title ?? d.source}`}>
            删除
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  const put = (o: UploadOutcome) => setOutcomes((list) => [o, ...list.filter((x) => x.uid !== o.uid)]);

  return (
    <div className="page">
      <h1>政策文件</h1>
      {me?.role === "admin" && (
        <Card title={<h2>上传文件</h2>} style={{ marginBottom: 16 }}>
          <Upload.Dragger
            multiple
            accept=".txt,.html,.htm,.docx,.pdf"
            showUploadList={false}
            aria-label="上传政策文件"
            customRequest={async (opts) => {
              const file = opts.file as File & { uid: string };
              put({ uid: file.uid, name: file.name, state: "uploading", message: "正在上传…" });
              try {
                const queued = await api.upload(file, published);
                put(outcomeOf(file.uid, file.name, queued));
                const job = await followJob(queued, (j) => put(outcomeOf(file.uid, file.name, j)));
                put(outcomeOf(file.uid, file.name, job));
                opts.onSuccess?.(job);
                if (job.state === "done") load();
              } catch (e) {
                put({ uid: file.uid, name: file.name, state: "error", message: refusalOf(e, file.name) });
                opts.onError?.(e as Error);
              }
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">将文件拖到此处，或点击选择（可多选）</p>
            <p className="ant-upload-hint">支持 txt（GBK/UTF-8）、html、docx、pdf，单个文件不超过 20MB；上传后在后台解析入库，进度显示在下方</p>
          </Upload.Dragger>
          <label style={{ display: "inline-flex", gap: 8, marginTop: 12, alignItems: "center" }}>
            <Switch checked={published} onChange={setPublished} aria-label="上传后向公众公开" /> 上传后向公众公开
          </label>
          {outcomes.length > 0 && (
            <List
              size="small"
              style={{ marginTop: 12 }}
              aria-label="上传结果"
              dataSource={outcomes}
              renderItem={(o) => (
                <List.Item data-upload-state={o.state}>
                  <Alert
                    style={{ width: "100%" }}
                    showIcon
                    type={o.state === "error" ? "error" : o.state === "uploading" || o.state === "working" ? "info" : o.state === "unchanged" ? "warning" : "success"}
                    icon={o.state === "uploading" || o.state === "working" ? <LoadingOutlined /> : undefined}
                    title={
                      <span>
                        <strong>{o.name}</strong>：{o.state === "error" ? "失败 — " : ""}
                        {o.message} {o.documentId ? <Link to={`/documents/${o.documentId}`}>查看</Link> : null}
                      </span>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
      <Card title={<h2>文件列表</h2>} extra={isAdmin ? <Link to="/admin/trash">回收站</Link> : null}>
        {phone ? (
          <List
            className="document-list"
            data-testid="document-list"
            loading={!data}
            dataSource={data?.items ?? []}
            pagination={{ ...pagination, size: "small", align: "center" }}
            renderItem={(d) => (
              <List.Item>
                <div style={{ width: "100%" }}>
                  <Link to={`/documents/${d.id}`} className="wrap">
                    {d.title ?? d.source}
                  </Link>
                  <div className="muted wrap">{[issuersBrief(d.issuers), d.docNumber, d.date ? fmtDate(d.date) : null, d.region].filter(Boolean).join(" · ") || "—"}</div>
                  <div className="document-list-facts">
                    <span className="muted">
                      措施 {fmtNumber(d.measures)} · 任务 {fmtNumber(d.tasks)}
                    </span>
                    {publishedTag(d.published)}
                    {ops(d)}
                  </div>
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table
            rowKey="id"
            scroll={{ x: 1000 }}
            loading={!data}
            dataSource={data?.items ?? []}
            pagination={pagination}
            columns={[
              { title: "标题", key: "title", width: 240, render: (_: unknown, d) => <Link to={`/documents/${d.id}`}>{d.title ?? d.source}</Link> },
              { title: "文号", dataIndex: "docNumber", render: (s: string | null) => s ?? "—" },
              { title: "发文机关", dataIndex: "issuers", render: (s: string[]) => s.join("、") || "—" },
              { title: "成文日期", dataIndex: "date", width: 130, render: (s: string | null) => fmtDate(s) },
              { title: "地区", dataIndex: "region", width: 72, render: (s: string | null) => s ?? "—" },
              { title: "措施", dataIndex: "measures", align: "right", width: 64 },
              { title: "任务", dataIndex: "tasks", align: "right", width: 64 },
              { title: "公开", dataIndex: "published", width: 96, render: publishedTag },
              { title: "操作", key: "ops", width: isAdmin ? 200 : 110, render: (_: unknown, d) => ops(d) },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
