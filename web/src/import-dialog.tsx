/**
 * Importing office files: 导入进展 (a body's filled 任务分工表, .xlsx, into progress reports) and 导入分工 (an office's
 * 分工 sheet into a document's assignments, admins). Each is a button that opens a dialog: choose the file, read
 * the server's preview (nothing is written yet), then 确认导入, which sends the same file with the preview's hashes.
 * A confirmation keeps its Idempotency-Key until a new file is previewed, so a retry after a lost answer is stored
 * once. The types mirror the server's answers (src/server/routes/imports.ts).
 */
import { UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Checkbox, Modal, Space, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { api, ApiError, newIdempotencyKey } from "./api";
import { fmtDate, fmtHeading, fmtNumber } from "./format";

interface PlannedReport {
  reportDate: string;
  text: string;
  target: string | null;
  value: number | null;
  unit: string | null;
  complete: boolean;
}

interface ProgressRow {
  row: number;
  taskId: number | null;
  task: { measureLabel: string; measureTitle: string; documentTitle: string | null; bodyName: string } | null;
  outcome: "record" | "unchanged" | "refused";
  records: PlannedReport[];
  errors: string[];
}

interface ProgressPreview {
  file: string;
  sha256: string;
  planHash: string;
  sheet: string;
  headerRow: number;
  rows: ProgressRow[];
  counts: { record: number; unchanged: number; refused: number; empty: number; reports: number };
}

type Role = "lead" | "supporting";
interface MeasureChange {
  measureId: number;
  label: string;
  title: string;
  rows: number[];
  add: Array<{ bodyId: number | null; name: string; role: Role }>;
  change: Array<{ name: string; from: Role; to: Role }>;
  remove: Array<{ name: string; role: Role; blocked: string | null }>;
  keep: Array<{ name: string; role: Role }>;
}

interface AssignmentPreview {
  file: string;
  sha256: string;
  planHash: string;
  measures: MeasureChange[];
  unlisted: number;
  unknownBodies: Array<{ name: string; rows: number[] }>;
  rowErrors: Array<{ row: number; errors: string[] }>;
  counts: { add: number; change: number; remove: number; blocked: number; keep: number; unknownBodies: number; refusedRows: number };
}

const ROLE: Record<Role, string> = { lead: "牵头", supporting: "配合" };
const OUTCOME = {
  record: <Tag color="blue">将记录</Tag>,
  unchanged: <Tag>无变化</Tag>,
  refused: <Tag color="red">有误</Tag>,
};

function formOf(file: File, fields: Record<string, string | number | boolean | undefined> = {}): FormData {
  const f = new FormData();
  f.append("file", file, file.name);
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) f.append(k, String(v));
  return f;
}

const Errors = ({ errors }: { errors: string[] }) => (
  <>
    {errors.map((e, i) => (
      <div key={i} className="import-error" style={{ color: "#cf1322" }}>
        {e}
      </div>
    ))}
  </>
);

/**
 * The file step of both dialogs: the picker (one .xlsx, read by the caller: nothing is uploaded until then), the
 * chosen file's name, and why reading it failed.
 */
function PickFile({ onPick, busy, file, error }: { onPick: (f: File) => void; busy: boolean; file: File | null; error: string | null }) {
  return (
    <>
      <Upload
        accept=".xlsx"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(f) => {
          onPick(f);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy}>
          选择 Excel 文件（.xlsx）
        </Button>
      </Upload>
      {file && <span style={{ marginLeft: 12 }}>{file.name}</span>}
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} />}
    </>
  );
}

/** What the import dialogs share: the chosen file, its preview, the confirmation's key, busy and the last error. */
function useImport<P extends { sha256: string; planHash: string }>(previewPath: string) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<P | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey());
  const read = async (f: File, fields: Record<string, string | number | undefined> = {}) => {
    setFile(f);
    setPreview(null);
    setError(null);
    setBusy(true);
    try {
      setPreview(await api.postForm<P>(previewPath, formOf(f, fields)));
      setKey(newIdempotencyKey());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const reset = () => {
    setFile(null);
    setPreview(null);
    setError(null);
  };
  return { file, preview, error, setError, busy, setBusy, key, read, reset };
}

/** 导入进展（Excel）: for an editor (its bodies' rows) or an admin; `documentId` when started from a document's table. */
export function ImportProgressButton({ documentId, onDone }: { documentId?: number; onDone?: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [skip, setSkip] = useState(false);
  const im = useImport<ProgressPreview>("/api/imports/progress/preview");
  const p = im.preview;

  const confirm = async () => {
    if (!p || !im.file) return;
    im.setBusy(true);
    try {
      const r = await api.postForm<{ recorded: number; skipped: number[] }>(
        "/api/imports/progress/confirm",
        formOf(im.file, { sha256: p.sha256, planHash: p.planHash, skipRefused: skip, document: documentId }),
        im.key,
      );
      message.success(`已导入 ${fmtNumber(r.recorded)} 条进展，等待审核${r.skipped.length ? `；跳过有误的第 ${r.skipped.join("、")} 行` : ""}`);
      setOpen(false);
      im.reset();
      onDone?.();
    } catch (e) {
      const stale = e instanceof ApiError && e.status === 409;
      im.setError(stale ? `${(e as Error).message}（请点“重新预览”）` : (e as Error).message);
    } finally {
      im.setBusy(false);
    }
  };

  const canConfirm = !!p && p.counts.record > 0 && (p.counts.refused === 0 || skip);
  return (
    <>
      <Button onClick={() => setOpen(true)}>导入进展（Excel）</Button>
      <Modal
        open={open}
        title="导入进展（Excel）"
        width={1000}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        footer={
          <Space wrap>
            {p && p.counts.refused > 0 && (
              <Checkbox checked={skip} onChange={(e) => setSkip(e.target.checked)}>
                跳过有误的行（{p.counts.refused} 行），只导入无误的行
              </Checkbox>
            )}
            {im.file && (
              <Button onClick={() => im.read(im.file!, { document: documentId })} disabled={im.busy}>
                重新预览
              </Button>
            )}
            <Button type="primary" onClick={confirm} disabled={!canConfirm} loading={im.busy}>
              确认导入
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          上传填写好的任务分工表（.xlsx）。按“任务编号”对应任务（该列被删除时按“序号”和“填报单位”）；“最新进展”记为进展报告，“完成数值”记入量化目标，“完成情况”填“已完成”即申请办结。先预览，确认后才会记录。
        </Typography.Paragraph>
        <PickFile busy={im.busy} file={im.file} error={im.error} onPick={(f) => im.read(f, { document: documentId })} />
        {p && (
          <>
            <Alert
              style={{ margin: "12px 0" }}
              type={p.counts.refused ? "warning" : "info"}
              showIcon
              title={`工作表“${p.sheet}”（表头在第 ${p.headerRow} 行）：将记录 ${p.counts.record} 行（${p.counts.reports} 条进展），无变化 ${p.counts.unchanged} 行，有误 ${p.counts.refused} 行，未填写 ${p.counts.empty} 行`}
            />
            <Table<ProgressRow>
              size="small"
              rowKey="row"
              dataSource={p.rows}
              pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={{ x: 900 }}
              rowClassName={(r) => (r.outcome === "refused" ? "import-refused" : "")}
              columns={[
                { title: "行号", dataIndex: "row", width: 64 },
                {
                  title: "任务",
                  key: "task",
                  width: 280,
                  render: (_: unknown, r) =>
                    r.task ? (
                      <div>
                        <div>{fmtHeading(r.task.measureLabel, r.task.measureTitle)}</div>
                        <div className="muted">
                          {r.task.bodyName}
                          {r.taskId ? ` · 任务 ${r.taskId}` : ""}
                        </div>
                      </div>
                    ) : (
                      "—"
                    ),
                },
                {
                  title: "将记录",
                  key: "records",
                  render: (_: unknown, r) =>
                    r.records.map((x, i) => (
                      <div key={i}>
                        <Typography.Text ellipsis={{ tooltip: x.text }} style={{ maxWidth: 360 }}>
                          {fmtDate(x.reportDate)}：{x.text}
                        </Typography.Text>
                        {x.target && (
                          <div className="muted">
                            {x.target}：{x.value}
                            {x.unit ?? ""}
                          </div>
                        )}
                        {x.complete && <Tag color="green">申请办结</Tag>}
                      </div>
                    )),
                },
                {
                  title: "结果",
                  key: "outcome",
                  width: 260,
                  render: (_: unknown, r) => (
                    <div>
                      {OUTCOME[r.outcome]}
                      <Errors errors={r.errors} />
                    </div>
                  ),
                },
              ]}
            />
          </>
        )}
      </Modal>
    </>
  );
}

const names = (list: Array<{ name: string; role: Role }>) => list.map((b) => `${b.name}（${ROLE[b.role]}）`).join("、");

/** 导入分工: an office's 分工 sheet replaces the assignments of the measures it lists (admins). */
export function ImportAssignmentsButton({ documentId, onDone }: { documentId: number; onDone?: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [skip, setSkip] = useState(false);
  const [create, setCreate] = useState(false);
  const im = useImport<AssignmentPreview>(`/api/documents/${documentId}/assignments/import/preview`);
  const p = im.preview;
  const problems = p ? p.counts.refusedRows + p.counts.blocked : 0;
  const changes = p ? p.counts.add + p.counts.change + p.counts.remove : 0;

  const confirm = async () => {
    if (!p || !im.file) return;
    im.setBusy(true);
    try {
      const r = await api.postForm<{ added: number; changed: number; removed: number; kept: number[]; createdBodies: Array<{ name: string }> }>(
        `/api/documents/${documentId}/assignments/import/confirm`,
        formOf(im.file, { sha256: p.sha256, planHash: p.planHash, skipRefused: skip, createBodies: create }),
        im.key,
      );
      message.success(
        `已导入分工：新增 ${r.added} 项，调整 ${r.changed} 项，移除 ${r.removed} 项${r.kept.length ? `，保留 ${r.kept.length} 项有记录的任务` : ""}${r.createdBodies.length ? `，新建单位 ${r.createdBodies.map((b) => b.name).join("、")}` : ""}`,
      );
      setOpen(false);
      im.reset();
      onDone?.();
    } catch (e) {
      im.setError((e as Error).message);
    } finally {
      im.setBusy(false);
    }
  };

  const canConfirm = !!p && changes > 0 && (problems === 0 || skip) && (p.counts.unknownBodies === 0 || create);
  return (
    <>
      <Button onClick={() => setOpen(true)}>导入分工</Button>
      <Modal
        open={open}
        title="导入分工（Excel）"
        width={1000}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        footer={
          <Space wrap>
            {p && problems > 0 && (
              <Checkbox checked={skip} onChange={(e) => setSkip(e.target.checked)}>
                跳过有误的行，有记录的任务保留不动
              </Checkbox>
            )}
            {p && p.counts.unknownBodies > 0 && (
              <Checkbox checked={create} onChange={(e) => setCreate(e.target.checked)}>
                新建表中的 {p.counts.unknownBodies} 个新单位
              </Checkbox>
            )}
            <Button type="primary" onClick={confirm} disabled={!canConfirm} loading={im.busy}>
              确认导入
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          上传本文件的分工表（.xlsx），按表头找列：序号（或措施编号）、牵头单位、配合单位，可带具体措施用于核对。表中列出的措施，分工以表为准；未列出的措施保持不变。
        </Typography.Paragraph>
        <PickFile busy={im.busy} file={im.file} error={im.error} onPick={(f) => im.read(f)} />
        {p && (
          <>
            <Alert
              style={{ margin: "12px 0" }}
              type={problems || p.counts.unknownBodies ? "warning" : "info"}
              showIcon
              title={`新增 ${p.counts.add} 项，调整 ${p.counts.change} 项，移除 ${p.counts.remove} 项，不能移除 ${p.counts.blocked} 项；未列入表中的措施 ${p.unlisted} 条保持不变`}
            />
            {p.unknownBodies.length > 0 && (
              <Alert
                style={{ marginBottom: 12 }}
                type="warning"
                showIcon
                title={`系统中没有这些单位：${p.unknownBodies.map((u) => `${u.name}（第 ${u.rows.join("、")} 行）`).join("、")}。请核对名称；确认无误可选择新建。`}
              />
            )}
            {p.rowErrors.length > 0 && (
              <Alert style={{ marginBottom: 12 }} type="error" showIcon title="以下行有误" description={<Errors errors={p.rowErrors.flatMap((r) => r.errors)} />} />
            )}
            <Table<MeasureChange>
              size="small"
              rowKey="measureId"
              dataSource={p.measures}
              pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={{ x: 900 }}
              columns={[
                { title: "行号", key: "rows", width: 70, render: (_: unknown, m) => m.rows.join("、") },
                { title: "措施", key: "m", width: 240, render: (_: unknown, m) => fmtHeading(m.label, m.title) },
                {
                  title: "新增",
                  key: "add",
                  width: 200,
                  render: (_: unknown, m) =>
                    m.add.map((a, i) => (
                      <div key={i}>
                        {a.name}（{ROLE[a.role]}）{a.bodyId === null && <Tag color="gold">新单位</Tag>}
                      </div>
                    )),
                },
                { title: "调整", key: "change", width: 180, render: (_: unknown, m) => m.change.map((c) => `${c.name}：${ROLE[c.from]} → ${ROLE[c.to]}`).join("；") },
                {
                  title: "移除",
                  key: "remove",
                  width: 220,
                  render: (_: unknown, m) =>
                    m.remove.map((r, i) => (
                      <div key={i} style={r.blocked ? { color: "#cf1322" } : undefined}>
                        {r.name}（{ROLE[r.role]}）{r.blocked && `：${r.blocked}`}
                      </div>
                    )),
                },
                { title: "保持", key: "keep", render: (_: unknown, m) => <span className="muted">{names(m.keep)}</span> },
              ]}
            />
          </>
        )}
      </Modal>
    </>
  );
}
