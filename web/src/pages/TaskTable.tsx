import { App, Breadcrumb, Button, Card, Col, Form, List, Modal, Popconfirm, Row, Select, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { allPages, api, type AuditEntry, type Body, type DocumentDetail, type Measure, type Suggestion, type Task } from "../api";
import { useAuth } from "../auth";
import { fmtDate, fmtDateTime, fmtQuantity } from "../format";
import { Link } from "../router";
import { ROLE_LABEL, StatusTag } from "../status";

interface Row {
  no: number;
  measure: Measure;
  lead: Measure["bodies"];
  supporting: Measure["bodies"];
  tasks: Task[];
}

function BodyPicker({ value, onChange, id }: { value?: number; onChange?: (v: number) => void; id?: string }) {
  const [options, setOptions] = useState<Body[]>([]);
  const search = useCallback((q: string) => {
    api.bodies({ q: q || undefined, pageSize: 30 }).then((r) => setOptions(r.items), () => {});
  }, []);
  useEffect(() => search(""), [search]);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: search }}
      value={value}
      onChange={onChange}
      placeholder="输入单位名称查找"
      options={options.filter((b) => !b.mergedInto).map((b) => ({ value: b.id, label: b.name }))}
    />
  );
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
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ bodyId: number; role: "lead" | "supporting" }>();
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
    return t ? `${t.measureLabel} ${t.measureTitle.slice(0, 20)}（${t.bodyName}）` : `任务 ${tid}`;
  };

  const assign = async (m: Measure, bodyId: number, role: "lead" | "supporting") => {
    setSaving(true);
    try {
      // one lead: the former lead becomes supporting when another body takes the lead
      if (role === "lead") for (const b of m.bodies) if (b.role === "lead" && b.bodyId !== bodyId) await api.assign(m.id, b.bodyId, "supporting");
      await api.assign(m.id, bodyId, role);
      message.success("分工已保存并记入审计日志");
      await load();
      setEditing(null);
      form.resetFields();
    } catch (e) {
      message.error(`保存失败：${(e as Error).message}`);
    } finally {
      setSaving(false);
    }
  };

  const remove = async (taskId: number) => {
    setSaving(true);
    try {
      await api.removeTask(taskId);
      message.success("已移除该单位，记入审计日志");
      await load();
    } catch (e) {
      message.error(`移除失败：${(e as Error).message}`);
    } finally {
      setSaving(false);
    }
  };

  const decide = async (s: Suggestion, confirm: boolean) => {
    setSaving(true);
    try {
      if (confirm) {
        const r = await api.confirmSuggestion(s.id);
        message.success(r.created ? `已确认：${r.bodyName} 列入分工，记入审计日志` : `已确认：${r.bodyName} 已在分工中`);
      } else {
        await api.dismissSuggestion(s.id);
        message.success(`已忽略建议：${s.name}`);
      }
      await load();
    } catch (e) {
      message.error(`操作失败：${(e as Error).message}`);
    } finally {
      setSaving(false);
    }
  };
  const isAdmin = me?.role === "admin";

  const current = editing ? (measures?.find((m) => m.id === editing.id) ?? editing) : null;
  return (
    <div className="page">
      <Breadcrumb
        items={[{ title: <Link to="/documents">政策文件</Link> }, { title: <Link to={`/documents/${id}`}>{doc?.title ?? "…"}</Link> }, { title: "任务分工表" }]}
        style={{ marginBottom: 8 }}
      />
      <h1>任务分工表{doc ? `：${doc.title ?? doc.source}` : ""}</h1>
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
                        {r.measure.label} {r.measure.title}
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
                          {fmtQuantity(q.value, q.unit)}
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
                        width: 90,
                        fixed: "right" as const,
                        render: (_: unknown, r: Row) => (
                          <Button size="small" onClick={() => setEditing(r.measure)} aria-label={`调整第 ${r.no} 条的分工`}>
                            调整分工
                          </Button>
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
        title={current ? `调整分工：${current.label} ${current.title}` : ""}
        onCancel={() => setEditing(null)}
        footer={null}
        destroyOnHidden
      >
        {current && (
          <>
            <h3 style={{ fontSize: 15 }}>现有单位</h3>
            <List
              size="small"
              dataSource={current.bodies}
              locale={{ emptyText: "尚未分工" }}
              renderItem={(b) => (
                <List.Item
                  actions={[
                    b.role === "lead" ? (
                      <Button key="s" size="small" loading={saving} onClick={() => assign(current, b.bodyId, "supporting")}>
                        改为配合
                      </Button>
                    ) : (
                      <Button key="l" size="small" loading={saving} onClick={() => assign(current, b.bodyId, "lead")}>
                        设为牵头
                      </Button>
                    ),
                    <Popconfirm
                      key="rm"
                      title={`从本条措施移除“${b.bodyName}”？`}
                      description="已有进展报送或督办意见的任务不能移除。"
                      okText="移除"
                      cancelText="取消"
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove(b.taskId)}
                    >
                      <Button size="small" danger loading={saving} aria-label={`移除${b.bodyName}`}>
                        移除
                      </Button>
                    </Popconfirm>,
                  ]}
                >
                  {b.bodyName} <Tag>{ROLE_LABEL[b.role]}</Tag>
                </List.Item>
              )}
            />
            {current.suggestions.length > 0 && (
              <>
                <h3 style={{ fontSize: 15, marginTop: 16 }}>建议责任单位</h3>
                <div className="muted" style={{ marginBottom: 4 }}>从原文语句识别，确认后列入分工</div>
                <List
                  size="small"
                  dataSource={current.suggestions}
                  data-testid="dialog-suggestions"
                  renderItem={(s) => (
                    <List.Item
                      actions={[
                        <Button key="ok" size="small" type="primary" ghost loading={saving} onClick={() => decide(s, true)}>
                          确认
                        </Button>,
                        <Button key="no" size="small" loading={saving} onClick={() => decide(s, false)}>
                          忽略
                        </Button>,
                      ]}
                    >
                      {s.name} <Tag>{ROLE_LABEL[s.role]}</Tag>
                    </List.Item>
                  )}
                />
              </>
            )}
            <h3 style={{ fontSize: 15, marginTop: 16 }}>增加单位</h3>
            <Form form={form} layout="vertical" onFinish={(v) => assign(current, v.bodyId, v.role)} initialValues={{ role: "supporting" }}>
              <Form.Item label="责任单位" name="bodyId" rules={[{ required: true, message: "请选择单位" }]}>
                <BodyPicker />
              </Form.Item>
              <Form.Item label="角色" name="role">
                <Select options={[{ value: "lead", label: "牵头" }, { value: "supporting", label: "配合" }]} />
              </Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" loading={saving}>
                  增加
                </Button>
                <Button onClick={() => setEditing(null)}>关闭</Button>
              </Space>
            </Form>
          </>
        )}
      </Modal>
    </div>
  );
}
