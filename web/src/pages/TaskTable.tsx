import { App, Breadcrumb, Button, Card, Col, List, Modal, Row, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { allPages, api, type AuditEntry, type DocumentDetail, type Measure, type Suggestion, type Task } from "../api";
import { useAuth } from "../auth";
import { ImportAssignmentsButton, ImportProgressButton } from "../import-dialog";
import { fmtDate, fmtDateTime, fmtHeading, fmtQuantity, fmtTarget } from "../format";
import { ExportButtons } from "../export-buttons";
import { MeasureBodiesEditor, useBodyActions } from "../measure-bodies";
import { Link } from "../router";
import { ROLE_LABEL, StatusTag } from "../status";

interface Row {
  no: number;
  measure: Measure;
  lead: Measure["bodies"];
  supporting: Measure["bodies"];
  tasks: Task[];
}

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

function describeAudit(a: AuditEntry, bodyName: (id: number) => string, measureOf: (taskId: number) => string): string {
  const after = (a.after ?? {}) as { bodyId?: number; role?: "lead" | "supporting"; dueDate?: string | null; measureId?: number };
  const before = (a.before ?? {}) as { role?: "lead" | "supporting"; dueDate?: string | null; bodyName?: string };
  const what = measureOf(Number(a.entityId));
  if (a.action === "task.assign") return `新增分工：${what} ← ${after.bodyId ? bodyName(after.bodyId) : "单位"}（${after.role ? ROLE_LABEL[after.role] : ""}）`;
  if (a.action === "task.update") {
    const parts: string[] = [];
    if (before.role !== after.role && after.role) parts.push(`${before.role ? ROLE_LABEL[before.role] : "—"} → ${ROLE_LABEL[after.role]}`);
    if (before.dueDate !== after.dueDate) parts.push(`时限 ${fmtDate(before.dueDate)} → ${fmtDate(after.dueDate)}`);
    return `调整分工：${what}${parts.length ? "，" + parts.join("，") : ""}`;
  }
  if (a.action === "task.delete")
    return `移除单位：${before.bodyName ?? (after.bodyId ? bodyName(after.bodyId) : "单位")}（${before.role ? ROLE_LABEL[before.role] : ""}）`;
  return `${a.action}：${what}`;
}

export default function TaskTable({ id }: { id: number }) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  const [measures, setMeasures] = useState<Measure[] | null>(null);
  const [tasks, setTasks] = useState<Task[]>([]);
  const [history, setHistory] = useState<AuditEntry[] | null>(null);
  const [editing, setEditing] = useState<Measure | null>(null);
  const canAudit = me?.role === "admin" || me?.role === "supervisor";

  const load = useCallback(async () => {
    const [d, m, t] = await Promise.all([
      api.document(id),
      allPages((page) => api.measures({ document: id, page, pageSize: 200 })),
      allPages((page) => api.tasks({ document: id, page, pageSize: 200 })),
    ]);
    setDoc(d);
    setMeasures(m);
    setTasks(t);
    if (canAudit) {
      // this document's entries only, removed tasks included (the server finds them by the recorded document)
      const a = await api.audit({ document: id, pageSize: 200 });
      setHistory(a.items.filter((e) => ASSIGNMENT_ACTIONS.has(e.action)));
    }
  }, [id, canAudit]);
  useEffect(() => {
    load().catch((e: Error) => message.error(`加载失败：${e.message}`));
  }, [load, message]);

  const rows = useMemo<Row[]>(() => {
    if (!measures) return [];
    const byMeasure = new Map<number, Task[]>();
    for (const t of tasks) byMeasure.set(t.measureId, [...(byMeasure.get(t.measureId) ?? []), t]);
    return measures.map((m, i) => ({
      no: i + 1,
      measure: m,
      lead: m.bodies.filter((b) => b.role === "lead"),
      supporting: m.bodies.filter((b) => b.role === "supporting"),
      tasks: byMeasure.get(m.id) ?? [],
    }));
  }, [measures, tasks]);

  const bodyName = (bid: number) => tasks.find((t) => t.bodyId === bid)?.bodyName ?? `单位 ${bid}`;
  const measureOf = (tid: number) => {
    const t = tasks.find((x) => x.id === tid);
    return t ? `${fmtHeading(t.measureLabel, t.measureTitle.slice(0, 20))}（${t.bodyName}）` : `任务 ${tid}`;
  };

  const actions = useBodyActions(load);
  const saving = actions.saving;
  const decide = actions.decide;
  const isAdmin = me?.role === "admin";

  const current = editing ? (measures?.find((m) => m.id === editing.id) ?? editing) : null;
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
            <Table<Row>
              bordered
              size="small"
              rowKey={(r) => r.measure.id}
              loading={!measures}
              dataSource={rows}
              pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
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
                      <Typography.Paragraph className="measure-text" ellipsis={{ rows: 3, expandable: true, symbol: "展开" }} style={{ margin: 0 }}>
                        {r.measure.text}
                      </Typography.Paragraph>
                      <Suggestions
                        items={r.measure.suggestions}
                        busy={saving}
                        onConfirm={isAdmin ? (s) => decide(s, true) : undefined}
                        onDismiss={isAdmin ? (s) => decide(s, false) : undefined}
                      />
                    </div>
                  ),
                },
                { title: "牵头单位", key: "lead", width: 150, render: (_: unknown, r) => r.lead.map((b) => <div key={b.bodyId}>{b.bodyName}</div>) },
                { title: "配合单位", key: "sup", width: 150, render: (_: unknown, r) => r.supporting.map((b) => <div key={b.bodyId}>{b.bodyName}</div>) },
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
                  render: (_: unknown, r) => {
                    const latest = [...r.tasks].sort((a, b) => (b.lastReportDate ?? "").localeCompare(a.lastReportDate ?? ""))[0];
                    return (
                      <div>
                        {r.tasks.map((t) => (
                          <div key={t.id}>
                            <Link to={`/tasks/${t.id}`}>{t.bodyName}</Link> <StatusTag status={t.status} reason={t.statusReason} />
                          </div>
                        ))}
                        {latest?.lastReportDate ? (
                          <div className="muted">
                            {fmtDate(latest.lastReportDate)} {latest.bodyName} 报送
                            {latest.targets
                              .filter((g) => g.latestValue !== null)
                              .map((g) => `，${fmtQuantity(g.latestValue, g.unit)}/${fmtQuantity(g.value, g.unit)}`)
                              .join("")}
                          </div>
                        ) : (
                          <div className="muted">尚无报送</div>
                        )}
                      </div>
                    );
                  },
                },
                ...(me?.role === "admin"
                  ? [
                      {
                        title: "操作",
                        key: "ops",
                        width: 96,
                        fixed: "right" as const,
                        render: (_: unknown, r: Row) => (
                          <div>
                            <Button size="small" onClick={() => setEditing(r.measure)} aria-label={`调整第 ${r.no} 条的分工`}>
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
                      <div>{describeAudit(a, bodyName, measureOf)}</div>
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
        open={!!current}
        title={current ? `调整分工：${fmtHeading(current.label, current.title)}` : ""}
        onCancel={() => setEditing(null)}
        footer={null}
        destroyOnHidden
      >
        {current && <MeasureBodiesEditor measure={current} actions={actions} onAssigned={() => setEditing(null)} onClose={() => setEditing(null)} />}
      </Modal>
    </div>
  );
}
