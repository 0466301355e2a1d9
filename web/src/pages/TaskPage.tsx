import { UploadOutlined } from "@ant-design/icons";
import { Alert, App, Breadcrumb, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, InputNumber, List, Progress, Row, Select, Space, Timeline, Upload } from "antd";
import type { UploadFile } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useCallback, useEffect, useRef, useState } from "react";
import { api, newIdempotencyKey, type ReportInput, type TaskDetail } from "../api";
import { useAuth } from "../auth";
import { chinaToday, fmtDate, fmtDateTime, fmtDue, fmtHeading, fmtQuantity, fmtTarget } from "../format";
import { Link } from "../router";
import { ROLE_LABEL, StatusTag } from "../status";
import { AdminActions, Files, History, NoticeForm, NoticeItem, ReasonButton, ReviewActions, ReviewTag } from "../supervise";

interface ReportForm {
  text: string;
  targetId?: number;
  value?: number | null;
  complete?: boolean;
  evidence?: string[];
  reportDate?: Dayjs;
}

const FILE_TYPES = ".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx";

export default function TaskPage({ id }: { id: number }) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [task, setTask] = useState<TaskDetail | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [files, setFiles] = useState<Array<UploadFile & { attachmentId?: number }>>([]);
  const [form] = Form.useForm<ReportForm>();
  const chosenTarget = Form.useWatch("targetId", form);
  // one key per report: sent again with the same report after a failure (the server may have stored it before
  // the answer was lost), so that it is stored once; a changed report, or the next one, gets a new key
  const attempt = useRef<{ key: string; report: string } | null>(null);
  // the latest reading wins: an earlier one answered late (a slow reading from before a change) would put the
  // task back as it was, the change's outcome gone from the page
  const readings = useRef(0);
  const load = useCallback(() => {
    const reading = ++readings.current;
    return api.task(id).then(
      (t) => {
        if (reading !== readings.current) return;
        setTask(t);
        // a notice to the reader's body is read once the task is opened
        for (const n of t.notices) if (!n.read && me?.role === "editor" && me.bodyIds.includes(t.bodyId)) void api.readNotice(n.id).catch(() => {});
      },
      (e: Error) => reading === readings.current && setMissing(e.message),
    );
  }, [id, me]);
  useEffect(() => {
    void load();
  }, [load]);

  const finished = task ? ["done", "done_late", "suspended"].includes(task.status) : true;
  const ownBody = !!task && me?.role === "editor" && me.bodyIds.includes(task.bodyId);
  const canReport = !finished && (me?.role === "admin" || ownBody);
  const reviewer = me?.role === "admin" || me?.role === "supervisor";
  const submit = async (v: ReportForm) => {
    setSaving(true);
    const report: ReportInput = {
      text: v.text,
      targetId: v.value === undefined || v.value === null ? null : (v.targetId ?? null),
      value: v.value ?? null,
      complete: !!v.complete,
      evidence: (v.evidence ?? []).map((s) => s.trim()).filter(Boolean),
      reportDate: v.reportDate ? v.reportDate.format("YYYY-MM-DD") : undefined,
      attachmentIds: files.flatMap((f) => (f.attachmentId ? [f.attachmentId] : [])),
    };
    const same = JSON.stringify([id, report]);
    if (attempt.current?.report !== same) attempt.current = { key: newIdempotencyKey(), report: same };
    try {
      await api.report(id, report, attempt.current.key);
      attempt.current = null;
      message.success(v.complete ? "已报送并申请办结，等待审核" : "进展已报送，等待审核");
      form.resetFields();
      setFiles([]);
      await load();
    } catch (e) {
      message.error(`报送失败：${(e as Error).message}`);
    } finally {
      setSaving(false);
    }
  };

  if (missing) return <div className="page"><Alert type="error" showIcon title={missing} /></div>;
  if (!task) return <div className="page">加载中…</div>;
  const negativeAllowed = (targetId: number | undefined) => (task.targets.find((g) => g.id === targetId)?.value ?? 0) < 0;
  return (
    <div className="page">
      <Breadcrumb items={[{ title: <Link to="/my">我的任务</Link> }, { title: `任务 ${task.id}` }]} style={{ marginBottom: 8 }} />
      <h1 className="wrap">
        {fmtHeading(task.measureLabel, task.measureTitle)}
      </h1>
      {ownBody && !task.acknowledgedAt && !finished && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`本任务于 ${fmtDate(task.assignedAt)} 交办给 ${task.bodyName}，尚未签收。`}
          action={
            <Space wrap>
              <Button
                type="primary"
                onClick={() => api.acknowledge(task.id).then(() => { message.success("已签收"); void load(); }, (e: Error) => message.error(e.message))}
              >
                签收
              </Button>
            </Space>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={<h2>任务信息</h2>} size="small" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="文件">
                <Link to={`/documents/${task.documentId}`}>{task.documentTitle ?? `文件 ${task.documentId}`}</Link>
              </Descriptions.Item>
              <Descriptions.Item label="责任单位">
                {task.bodyName}（{ROLE_LABEL[task.role]}）
              </Descriptions.Item>
              <Descriptions.Item label="交办 / 签收">
                {fmtDate(task.assignedAt)} 交办 · {task.acknowledgedAt ? `${fmtDateTime(task.acknowledgedAt)} 已签收` : "未签收"}
                {task.changeRequestOpen && <span className="muted"> · 调整申请待处理</span>}
              </Descriptions.Item>
              <Descriptions.Item label="完成时限">
                {fmtDate(task.dueDate)}（{task.closedOn ? `${fmtDate(task.closedOn)} 办结` : fmtDue(task.dueDate, chinaToday())}）
              </Descriptions.Item>
              <Descriptions.Item label="状态">
                <span data-testid="task-status">
                  <StatusTag status={task.status} /> <span className="muted">{task.statusReason}</span>
                </span>
              </Descriptions.Item>
            </Descriptions>
            {ownBody && !finished && !task.changeRequestOpen && (
              <ReasonButton
                label="申请调整"
                title="申请调整分工"
                reasonLabel="申请理由"
                extra={
                  <Form.Item label="建议承担单位（可选）" name="proposedBody">
                    <Input maxLength={200} />
                  </Form.Item>
                }
                onSubmit={(v) => api.requestChange(task.id, v.reason, v.proposedBody as string | undefined).then(() => { message.success("已提交调整申请"); void load(); })}
              />
            )}
            {me?.role === "admin" && (
              <div style={{ marginTop: 8 }}>
                <AdminActions task={task} onDone={() => void load()} />
              </div>
            )}
            {task.targets.length > 0 && (
              <>
                <h3 style={{ fontSize: 15, marginTop: 12 }}>量化目标（按审核通过的报送）</h3>
                <List
                  size="small"
                  dataSource={task.targets}
                  renderItem={(g) => (
                    <List.Item>
                      <div style={{ width: "100%" }}>
                        <div className="wrap">{g.text}</div>
                        <Space wrap>
                          <span>
                            最新 {fmtQuantity(g.latestValue, g.unit)} / 目标 {fmtTarget(g.value, g.max, g.unit)}（时限 {fmtDate(g.deadline)}）
                          </span>
                          <Progress
                            style={{ width: 160 }}
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
          <Card title={<h2>进展记录</h2>} size="small" style={{ marginBottom: 16 }}>
            {task.progressReports.length === 0 ? (
              <p className="muted">尚无报送。</p>
            ) : (
              <Timeline
                items={[...task.progressReports].reverse().map((r) => ({
                  content: (
                    <div data-testid="report" data-review={r.review?.decision ?? "pending"}>
                      <Space wrap>
                        <strong>{fmtDate(r.reportDate)}</strong>
                        <span>{r.reporter ?? ""}</span>
                        {r.complete && <span>（申请办结）</span>}
                        <ReviewTag report={r} />
                      </Space>
                      <div className="wrap">{r.text}</div>
                      {r.value !== null && <div>报送数值：{fmtQuantity(r.value, task.targets.find((g) => g.id === r.targetId)?.unit ?? "")}</div>}
                      <Files report={r} />
                      {r.review && (
                        <div className={r.review.decision === "returned" ? "returned-reason" : "muted"}>
                          {r.review.decision === "returned" ? `退回理由：${r.review.reason ?? ""}` : `审核通过${r.review.reason ? `：${r.review.reason}` : ""}`}（{r.review.reviewer}，
                          {fmtDateTime(r.review.at)}）
                        </div>
                      )}
                      <div className="muted">录入于 {fmtDateTime(r.createdAt)}</div>
                      {!r.review && reviewer && <ReviewActions report={r} onDone={() => void load()} />}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
          <Card title={<h2>办理过程</h2>} size="small">
            <History task={task} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={<h2 id="report">填报进展</h2>} size="small" style={{ marginBottom: 16 }}>
            {!canReport ? (
              <p className="muted">{finished ? "任务已办结或中止，不再报送。" : "只有本单位的填报人员或管理员可以报送进展。"}</p>
            ) : (
              <Form<ReportForm> form={form} layout="vertical" onFinish={submit} initialValues={{ evidence: [""], targetId: task.targets[0]?.id }}>
                <Form.Item label="进展情况" name="text" rules={[{ required: true, whitespace: true, message: "请填写进展情况" }]}>
                  <Input.TextArea rows={4} maxLength={20000} />
                </Form.Item>
                {task.targets.length > 0 && (
                  <Form.Item label="对应目标" name="targetId" hidden={task.targets.length === 1}>
                    <Select options={task.targets.map((g) => ({ value: g.id, label: `${g.text}（目标 ${fmtTarget(g.value, g.max, g.unit)}）` }))} />
                  </Form.Item>
                )}
                <Form.Item
                  label={(() => {
                    const g = task.targets.find((x) => x.id === chosenTarget);
                    return g ? `完成数值（${g.unit}，目标 ${fmtTarget(g.value, g.max, g.unit)}）` : "完成数值";
                  })()}
                  name="value"
                  extra={task.targets.length === 0 ? "本任务没有量化目标，可不填" : undefined}
                  rules={[{ type: "number", min: negativeAllowed(chosenTarget) ? undefined : 0, message: "完成数值不能为负数" }]}
                >
                  <InputNumber style={{ width: "100%" }} min={negativeAllowed(chosenTarget) ? undefined : 0} disabled={task.targets.length === 0} />
                </Form.Item>
                <Form.Item label="报送日期（默认今天，不能晚于今天）" name="reportDate">
                  <DatePicker style={{ width: "100%" }} format="YYYY年M月D日" disabledDate={(d) => d.isAfter(dayjs(), "day")} />
                </Form.Item>
                <Form.Item label="佐证材料（PDF、图片、DOCX、XLSX）" extra="按文件内容识别类型；单个文件不超过 10 MB">
                  <Upload
                    accept={FILE_TYPES}
                    multiple
                    fileList={files}
                    onRemove={(f) => setFiles((list) => list.filter((x) => x.uid !== f.uid))}
                    customRequest={({ file, onSuccess, onError }) => {
                      const f = file as File & { uid: string };
                      setFiles((list) => [...list, { uid: f.uid, name: f.name, status: "uploading" }]);
                      api.attach(task.id, f).then(
                        (a) => {
                          setFiles((list) => list.map((x) => (x.uid === f.uid ? { ...x, status: "done", attachmentId: a.id, name: a.name } : x)));
                          onSuccess?.(a);
                        },
                        (e: Error) => {
                          setFiles((list) => list.map((x) => (x.uid === f.uid ? { ...x, status: "error", response: e.message } : x)));
                          message.error(`${f.name}：${e.message}`);
                          onError?.(e);
                        },
                      );
                    }}
                  >
                    <Button icon={<UploadOutlined />}>上传文件</Button>
                  </Upload>
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
                <Form.Item name="complete" valuePropName="checked" extra="勾选后，督查人员审核通过即销号办结">
                  <Checkbox>申请办结</Checkbox>
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={saving} disabled={files.some((f) => f.status === "uploading")}>
                  报送
                </Button>
              </Form>
            )}
          </Card>
          <Card title={<h2>督办通知</h2>} size="small">
            {task.notices.length === 0 ? (
              <p className="muted">尚无督办通知。</p>
            ) : (
              <List dataSource={task.notices} renderItem={(n) => <NoticeItem notice={n} />} />
            )}
            {reviewer && !finished && (
              <>
                <h3 style={{ fontSize: 15 }}>发送督办通知</h3>
                <NoticeForm taskId={task.id} onSent={() => void load()} />
              </>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
