import { App, Breadcrumb, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, InputNumber, List, Progress, Row, Select, Space, Timeline } from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useEffect, useRef, useState } from "react";
import { api, newIdempotencyKey, type ReportInput, type TaskDetail } from "../api";
import { useAuth } from "../auth";
import { chinaToday, fmtDate, fmtDateTime, fmtDue, fmtQuantity } from "../format";
import { Link } from "../router";
import { ROLE_LABEL, StatusTag } from "../status";

interface ReportForm {
  text: string;
  targetId?: number;
  value?: number | null;
  complete?: boolean;
  evidence?: string[];
  reportDate?: Dayjs;
}

export default function TaskPage({ id }: { id: number }) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [task, setTask] = useState<TaskDetail | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<ReportForm>();
  const chosenTarget = Form.useWatch("targetId", form);
  // one key per report: sent again with the same report after a failure (the server may have stored it before
  // the answer was lost), so that it is stored once; a changed report, or the next one, gets a new key
  const attempt = useRef<{ key: string; report: string } | null>(null);
  const load = useCallback(() => api.task(id).then(setTask, (e: Error) => message.error(e.message)), [id, message]);
  useEffect(() => {
    void load();
  }, [load]);

  const canReport = me?.role === "admin" || (me?.role === "editor" && !!task && me.bodyIds.includes(task.bodyId));
  const submit = async (v: ReportForm) => {
    setSaving(true);
    const report: ReportInput = {
      text: v.text,
      targetId: v.value === undefined || v.value === null ? null : (v.targetId ?? null),
      value: v.value ?? null,
      complete: !!v.complete,
      evidence: (v.evidence ?? []).map((s) => s.trim()).filter(Boolean),
      reportDate: v.reportDate ? v.reportDate.format("YYYY-MM-DD") : undefined,
    };
    const same = JSON.stringify([id, report]);
    if (attempt.current?.report !== same) attempt.current = { key: newIdempotencyKey(), report: same };
    try {
      await api.report(id, report, attempt.current.key);
      attempt.current = null;
      message.success("进展已报送");
      form.resetFields();
      await load();
    } catch (e) {
      message.error(`报送失败：${(e as Error).message}`);
    } finally {
      setSaving(false);
    }
  };

  if (!task) return <div className="page">加载中…</div>;
  return (
    <div className="page">
      <Breadcrumb items={[{ title: <Link to="/my">我的任务</Link> }, { title: `任务 ${task.id}` }]} style={{ marginBottom: 8 }} />
      <h1>
        {task.measureLabel} {task.measureTitle}
      </h1>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={<h2>任务信息</h2>} size="small" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="文件">
                <Link to={`/documents/${task.documentId}`}>{task.documentTitle ?? `文件 ${task.documentId}`}</Link>
              </Descriptions.Item>
              <Descriptions.Item label="责任单位">
                {task.bodyName}（{ROLE_LABEL[task.role]}）
              </Descriptions.Item>
              <Descriptions.Item label="完成时限">
                {fmtDate(task.dueDate)}（{fmtDue(task.dueDate, chinaToday())}）
              </Descriptions.Item>
              <Descriptions.Item label="状态">
                <StatusTag status={task.status} /> <span className="muted">{task.statusReason}</span>
              </Descriptions.Item>
            </Descriptions>
            {task.targets.length > 0 && (
              <>
                <h3 style={{ fontSize: 15 }}>量化目标</h3>
                <List
                  size="small"
                  dataSource={task.targets}
                  renderItem={(g) => (
                    <List.Item>
                      <div style={{ width: "100%" }}>
                        <div>{g.text}</div>
                        <Space>
                          <span>
                            最新 {fmtQuantity(g.latestValue, g.unit)} / 目标 {fmtQuantity(g.value, g.unit)}（时限 {fmtDate(g.deadline)}）
                          </span>
                          <Progress
                            style={{ width: 200 }}
                            size="small"
                            percent={g.latestValue === null ? 0 : Math.min(100, Math.round((g.latestValue / g.value) * 100))}
                          />
                        </Space>
                      </div>
                    </List.Item>
                  )}
                />
              </>
            )}
          </Card>
          <Card title={<h2>进展记录</h2>} size="small">
            {task.progressReports.length === 0 ? (
              <p className="muted">尚无报送。</p>
            ) : (
              <Timeline
                items={[...task.progressReports].reverse().map((r) => ({
                  content: (
                    <div data-testid="report">
                      <strong>{fmtDate(r.reportDate)}</strong> {r.reporter ?? ""}
                      {r.complete ? "（申报完成）" : ""}
                      <div style={{ whiteSpace: "pre-wrap" }}>{r.text}</div>
                      {r.value !== null && (
                        <div>
                          报送数值：{fmtQuantity(r.value, task.targets.find((g) => g.id === r.targetId)?.unit ?? "")}
                        </div>
                      )}
                      {r.evidence.map((u) => (
                        <div key={u}>
                          佐证：
                          <a href={u} target="_blank" rel="noopener noreferrer nofollow">
                            {u}
                          </a>
                        </div>
                      ))}
                      <div className="muted">录入于 {fmtDateTime(r.createdAt)}</div>
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={<h2 id="report">填报进展</h2>} size="small">
            {!canReport ? (
              <p className="muted">只有本单位的填报人员或管理员可以报送进展。</p>
            ) : (
              <Form<ReportForm> form={form} layout="vertical" onFinish={submit} initialValues={{ evidence: [""], targetId: task.targets[0]?.id }}>
                <Form.Item label="进展情况" name="text" rules={[{ required: true, whitespace: true, message: "请填写进展情况" }]}>
                  <Input.TextArea rows={4} maxLength={20000} />
                </Form.Item>
                {task.targets.length > 0 && (
                  <Form.Item label="对应目标" name="targetId" hidden={task.targets.length === 1}>
                    <Select options={task.targets.map((g) => ({ value: g.id, label: `${g.text}（目标 ${fmtQuantity(g.value, g.unit)}）` }))} />
                  </Form.Item>
                )}
                <Form.Item
                  label={(() => {
                    const g = task.targets.find((x) => x.id === chosenTarget);
                    return g ? `完成数值（${g.unit}，目标 ${fmtQuantity(g.value, g.unit)}）` : "完成数值";
                  })()}
                  name="value"
                  extra={task.targets.length === 0 ? "本任务没有量化目标，可不填" : undefined}
                >
                  <InputNumber style={{ width: "100%" }} min={0} disabled={task.targets.length === 0} />
                </Form.Item>
                <Form.Item label="报送日期（默认今天）" name="reportDate">
                  <DatePicker style={{ width: "100%" }} format="YYYY年M月D日" />
                </Form.Item>
                <Form.List name="evidence">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f, i) => (
                        <Form.Item
                          key={f.key}
                          label={`佐证链接 ${i + 1}`}
                          name={f.name}
                          rules={[{ type: "url", message: "请填写以 http:// 或 https:// 开头的链接" }]}
                          extra={fields.length > 1 ? <a onClick={() => remove(f.name)}>删除此链接</a> : undefined}
                        >
                          <Input placeholder="https://" inputMode="url" />
                        </Form.Item>
                      ))}
                      {fields.length < 20 && (
                        <Button type="dashed" onClick={() => add("")} style={{ marginBottom: 16 }}>
                          增加佐证链接
                        </Button>
                      )}
                    </>
                  )}
                </Form.List>
                <Form.Item name="complete" valuePropName="checked">
                  <Checkbox>申报任务已完成</Checkbox>
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={saving}>
                  报送
                </Button>
              </Form>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
