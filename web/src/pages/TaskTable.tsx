import { App, Breadcrumb, Button, Card, Col, List, Modal, Row, Space, Spin, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { api, type AuditEntry, type DocumentDetail, type Measure, type Page, type Suggestion, type TaskDivisionRow } from "../api";
import { useAuth } from "../auth";
import { ImportAssignmentsButton, ImportProgressButton } from "../import-dialog";
import { fmtDate, fmtDateTime, fmtHeading, fmtQuantity, fmtTarget } from "../format";
import { ExportButtons } from "../export-buttons";
import { MeasureBodiesEditor, useBodyActions } from "../measure-bodies";
import { Link, navigate, useLocation } from "../router";
import { take } from "../prefetch";
import { documentKey, PAGE_SIZE, PAGE_SIZES, pageOf, rowsKey } from "../task-table-data";
import { ROLE_LABEL, STATUS, STATUS_ORDER, StatusTag } from "../status";

/** body names a cell lists before it says how many more */
const NAMES_SHOWN = 8;

/**
 * 建议责任单位 of a measure: bodies the parser read from the prose (由X牵头, X负责…). Staff see them; an admin
 * confirms one into a task or dismisses it.
 */
function Suggestions({ items, busy, onConfirm, onDismiss }: {
  items: Suggestion[];
  busy: boolean;
  onConfirm?: (s: Suggestion) => void;
  onDismiss?: (s: Suggestion) => void;
}) {
  if (!items.length) return null;
  return (
    <div className="suggestions" data-testid="suggestions">
      <span className="muted">建议责任单位：</span>
      {items.map((s) => (
        <span key={s.id} className="suggestion" data-suggestion={s.name}>
          <Tag color="gold" title={`从原文识别（${s.rule}），尚未确认`}>
            {s.name}
            {s.role === "supporting" ? "（配合）" : s.lead ? "（牵头）" : ""}
          </Tag>
          {onConfirm && (
            <Button size="small" type="link" loading={busy} onClick={() => onConfirm(s)} aria-label={`确认${s.name}为责任单位`}>
              确认
            </Button>
          )}
          {onDismiss && (
            <Button size="small" type="link" loading={busy} onClick={() => onDismiss(s)} aria-label={`忽略建议${s.name}`}>
              忽略
            </Button>
          )}
        </span>
      ))}
    </div>
  );
}

/** The assignment entries of the document's history (GET /api/audit?document=), newest first. */
const ASSIGNMENT_ACTIONS = new Set(["task.assign", "task.update", "task.delete"]);

/** An assignment entry in words; the server names its object (the measure and the body) in `subject`. */
function describeAudit(a: AuditEntry): string {
  const after = (a.after ?? {}) as { role?: "lead" | "supporting"; dueDate?: string | null };
  const before = (a.before ?? {}) as { role?: "lead" | "supporting"; dueDate?: string | null; bodyName?: string };
  const what = a.subject ?? `任务 ${a.entityId ?? ""}`;
  if (a.action === "task.assign") return `新增分工：${what}${after.role ? `（${ROLE_LABEL[after.role]}）` : ""}`;
  if (a.action === "task.update") {
    const parts: string[] = [];
    if (before.role !== after.role && after.role) parts.push(`${before.role ? ROLE_LABEL[before.role] : "—"} → ${ROLE_LABEL[after.role]}`);
    if (before.dueDate !== after.dueDate) parts.push(`时限 ${fmtDate(before.dueDate)} → ${fmtDate(after.dueDate)}`);
    return `调整分工：${what}${parts.length ? "，" + parts.join("，") : ""}`;
  }
  if (a.action === "task.delete") return `移除单位：${what}${before.role ? `（${ROLE_LABEL[before.role]}）` : ""}`;
  return `${a.action}：${what}`;
}

/** A measure's text, three lines until the reader opens it (CSS, not measured: a page of rows renders at once). */
function MeasureText({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  const long = text.length > 120 || text.split("\n").length > 3;
  return (
    <div>
      <div className={open || !long ? "measure-text" : "measure-text clamp-3"}>{text}</div>
      {long && (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(!open)}>
          {open ? "收起" : "展开"}
        </Button>
      )}
    </div>
  );
}

/** Body names, the first few and how many in all. */
function Names({ bodies, count }: { bodies: Measure["bodies"]; count: number }) {
  return (
    <>
      {bodies.slice(0, NAMES_SHOWN).map((b) => (
        <div key={b.bodyId}>{b.bodyName}</div>
      ))}
      {count > Math.min(bodies.length, NAMES_SHOWN) && <div className="muted">等 {count} 个单位</div>}
    </>
  );
}

/** 最新进展: the tasks shown with their status, the rest counted by status, and the latest report among them. */
function Progress({ row }: { row: TaskDivisionRow }) {
  const latest = [...row.tasks].sort((a, b) => (b.lastReportDate ?? "").localeCompare(a.lastReportDate ?? ""))[0];
  const more = row.taskCount - row.tasks.length;
  return (
    <div>
      {row.tasks.map((t) => (
        <div key={t.id}>
          <Link to={`/tasks/${t.id}`}>{t.bodyName}</Link> <StatusTag status={t.status} reason={t.statusReason} />
        </div>
      ))}
      {more > 0 && (
        <div className="muted" data-testid="measure-task-counts">
          共 {row.taskCount} 个单位：
          {STATUS_ORDER.filter((s) => row.statusCounts[s])
            .map((s) => `${STATUS[s].label} ${row.statusCounts[s]}`)
            .join("，")}
        </div>
      )}
      {latest?.lastReportDate ? (
        <div className="muted">
          {fmtDate(latest.lastReportDate)} {latest.bodyName} 报送
          {latest.targets
            .filter((g) => g.latestValue !== null)
            .map((g) => `，${fmtQuantity(g.latestValue, g.unit)}/${fmtQuantity(g.value, g.unit)}`)
            .join("")}
        </div>
      ) : row.taskCount ? (
        <div className="muted">尚无报送</div>
      ) : null}
    </div>
  );
}

export default function TaskTable({ id }: { id: number }) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  // the page is in the address, so that a reload or the back button returns to it
  const { query } = useLocation();
  const { page, size } = pageOf(query);
  const [rows, setRows] = useState<Page<TaskDivisionRow> | null>(null);
  const [loading, setLoading] = useState(true);
  const [history, setHistory] = useState<AuditEntry[] | null>(null);
  // the measure whose bodies the dialog edits: its row's copy names only the first few bodies, so the dialog
  // reads the whole measure when it opens and again after each change
  const [editing, setEditing] = useState<{ row: Measure; full: Measure | null } | null>(null);
  const canAudit = me?.role === "admin" || me?.role === "supervisor";

  useEffect(() => {
    // the first load takes what main.tsx started beside the page's code (task-table-data.ts)
    take(documentKey(id), () => api.document(id)).then(setDoc, (e: Error) => message.error(`加载失败：${e.message}`));
  }, [id, message]);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      // the rows and the history at once: neither waits for the other
      const [r, a] = await Promise.all([
        take(rowsKey(id, page, size), () => api.taskTableRows(id, { page, pageSize: size })),
        // this document's entries only, removed tasks included (the server finds them by the recorded document)
        canAudit ? api.audit({ document: id, pageSize: 200 }) : Promise.resolve(null),
      ]);
      setRows(r);
      if (a) setHistory(a.items.filter((e) => ASSIGNMENT_ACTIONS.has(e.action)));
    } finally {
      setLoading(false);
    }
  }, [id, page, size, canAudit]);
  useEffect(() => {
    load().catch((e: Error) => message.error(`加载失败：${e.message}`));
  }, [load, message]);

  const readEditing = useCallback(
    (m: Measure) =>
      api.measure(m.id).then(
        (full) => setEditing((e) => (e?.row.id === m.id ? { ...e, full } : e)),
        (e: Error) => message.error(`加载失败：${e.message}`),
      ),
    [message],
  );
  const edit = (m: Measure) => {
    setEditing({ row: m, full: null });
    void readEditing(m);
  };
  const actions = useBodyActions(async () => {
    await Promise.all([load(), editing ? readEditing(editing.row) : null]);
  });
  const saving = actions.saving;
  const decide = actions.decide;
  const isAdmin = me?.role === "admin";

  return (
    <div className="page">
      <Breadcrumb
        items={[{ title: <Link to="/documents">政策文件</Link> }, { title: <Link to={`/documents/${id}`}>{doc?.title ?? "…"}</Link> }, { title: "任务分工表" }]}
        style={{ marginBottom: 8 }}
      />
      <h1>任务分工表{doc ? `：${doc.title ?? doc.source}` : ""}</h1>
      <Space style={{ marginBottom: 12 }} wrap>
        <ExportButtons path={`/api/documents/${id}/task-table`} />
        {me?.role === "admin" || me?.role === "editor" ? <ImportProgressButton documentId={id} onDone={load} /> : null}
        {me?.role === "admin" && <ImportAssignmentsButton documentId={id} onDone={load} />}
      </Space>
      <Row gutter={16}>
        <Col xs={24} xl={canAudit ? 18 : 24}>
          <Card size="small">
            <Table<TaskDivisionRow>
              bordered
              size="small"
              rowKey={(r) => r.measure.id}
              // the rows once the heading above them is known too, so that it does not push them down after they appear
              loading={loading || !doc}
              dataSource={doc ? (rows?.items ?? []) : []}
              pagination={{
                current: page,
                pageSize: size,
                total: rows?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: PAGE_SIZES,
                hideOnSinglePage: false,
                showTotal: (n) => `共 ${n} 条措施`,
                onChange: (p, ps) => {
                  // a new page size starts again from its first page
                  const q = new URLSearchParams();
                  if (ps !== PAGE_SIZE) q.set("size", String(ps));
                  if (ps === size && p > 1) q.set("page", String(p));
                  navigate(`/documents/${id}/tasks${q.size ? `?${q}` : ""}`);
                },
              }}
              scroll={{ x: 1300 }}
              columns={[
                { title: "序号", dataIndex: "no", width: 60, align: "center" },
                {
                  title: "政策措施",
                  key: "measure",
                  width: 420,
                  render: (_: unknown, r) => (
                    <div>
                      <strong>
                        {fmtHeading(r.measure.label, r.measure.title)}
                      </strong>
                      <MeasureText text={r.measure.text} />
                      <Suggestions
                        items={r.measure.suggestions}
                        busy={saving}
                        onConfirm={isAdmin ? (s) => decide(s, true) : undefined}
                        onDismiss={isAdmin ? (s) => decide(s, false) : undefined}
                      />
                    </div>
                  ),
                },
                { title: "牵头单位", key: "lead", width: 150, render: (_: unknown, r) => <Names bodies={r.measure.bodies.filter((b) => b.role === "lead")} count={r.bodyCounts.lead} /> },
                { title: "配合单位", key: "sup", width: 150, render: (_: unknown, r) => <Names bodies={r.measure.bodies.filter((b) => b.role === "supporting")} count={r.bodyCounts.supporting} /> },
                { title: "完成时限", key: "due", width: 120, render: (_: unknown, r) => fmtDate(r.measure.dueDate) },
                {
                  title: "量化目标",
                  key: "targets",
                  width: 180,
                  render: (_: unknown, r) =>
                    r.measure.quantities
                      .filter((q) => q.kind === "target")
                      .map((q) => (
                        <div key={q.id} title={q.text}>
                          {fmtTarget(q.value, q.max, q.unit)}
                          {q.deadline ? `（${fmtDate(q.deadline)}）` : ""}
                        </div>
                      )),
                },
                {
                  title: "最新进展",
                  key: "progress",
                  width: 210,
                  render: (_: unknown, r) => <Progress row={r} />,
                },
                ...(me?.role === "admin"
                  ? [
                      {
                        title: "操作",
                        key: "ops",
                        width: 96,
                        fixed: "right" as const,
                        render: (_: unknown, r: TaskDivisionRow) => (
                          <div>
                            <Button size="small" onClick={() => edit(r.measure)} aria-label={`调整第 ${r.no} 条的分工`}>
                              调整分工
                            </Button>
                            <Link to={`/documents/${id}/review?measure=${r.measure.id}`} aria-label={`校正第 ${r.no} 条的解析结果`}>
                              校正解析
                            </Link>
                          </div>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        {canAudit && (
          <Col xs={24} xl={6}>
            <Card title={<h2>分工调整记录</h2>} size="small">
              <List
                size="small"
                loading={history === null}
                dataSource={history ?? []}
                locale={{ emptyText: "暂无调整" }}
                data-testid="history"
                renderItem={(a) => (
                  <List.Item>
                    <div>
                      <div>{describeAudit(a)}</div>
                      <div className="muted">
                        {fmtDateTime(a.at)} · {a.actor}
                      </div>
                    </div>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        )}
      </Row>
      <Modal
        open={!!editing}
        title={editing ? `调整分工：${fmtHeading(editing.row.label, editing.row.title)}` : ""}
        onCancel={() => setEditing(null)}
        footer={null}
        destroyOnHidden
      >
        {editing &&
          (editing.full ? (
            <MeasureBodiesEditor measure={editing.full} actions={actions} onAssigned={() => setEditing(null)} onClose={() => setEditing(null)} />
          ) : (
            <Spin />
          ))}
      </Modal>
    </div>
  );
}
