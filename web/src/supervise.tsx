/**
 * The supervision loop's pieces of the task page and the inbox: a reason dialog, a report's review and files,
 * a task's history, the notice form and list with read receipts, and an admin's actions on a task.
 */
import { App, Button, DatePicker, Form, Input, List, Modal, Popconfirm, Radio, Select, Space, Tag, Timeline, Typography } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { api, type Body, type Notice, type Report, type TaskDetail, type TaskEvent } from "./api";
import { fmtDate, fmtDateTime } from "./format";
import { Link } from "./router";

/** A button that asks for a reason (and optionally more fields) before it acts. */
export function ReasonButton({
  label,
  title,
  reasonLabel,
  onSubmit,
  danger,
  type,
  extra,
  okText = "提交",
  testId,
}: {
  label: string;
  title: string;
  reasonLabel: string;
  onSubmit: (values: { reason: string } & Record<string, unknown>) => Promise<unknown>;
  danger?: boolean;
  type?: "primary" | "default" | "link";
  extra?: ReactNode;
  okText?: string;
  testId?: string;
}) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await onSubmit(v);
      setOpen(false);
      form.resetFields();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button danger={danger} type={type} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      <Modal title={title} open={open} onOk={submit} onCancel={() => setOpen(false)} confirmLoading={busy} okText={okText} cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical">
          {extra}
          <Form.Item label={reasonLabel} name="reason" rules={[{ required: true, whitespace: true, message: `请填写${reasonLabel}` }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function ReviewTag({ report }: { report: Report }) {
  if (!report.review) return <Tag color="cyan">待审核</Tag>;
  return report.review.decision === "approved" ? <Tag color="success">已通过</Tag> : <Tag color="magenta">已退回</Tag>;
}

/** A report's files, each downloaded as an attachment. */
export function Files({ report }: { report: Report }) {
  return (
    <>
      {report.attachments.map((a) => (
        <div key={a.id}>
          附件：
          <a href={`/api/attachments/${a.id}`} download={a.name}>
            {a.name}
          </a>{" "}
          <span className="muted">（{Math.max(1, Math.round(a.size / 1024))} KB）</span>
        </div>
      ))}
      {report.evidence.map((u) => (
        <div key={u} className="wrap">
          佐证链接：
          <a href={u} target="_blank" rel="noopener noreferrer nofollow">
            {u}
          </a>
        </div>
      ))}
    </>
  );
}

/** A supervisor's or admin's decision on a pending report. */
export function ReviewActions({ report, onDone }: { report: Report; onDone: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const approve = async () => {
    setBusy(true);
    try {
      await api.review(report.id, "approve");
      message.success(report.complete ? "已通过，任务已销号" : "已通过");
      onDone();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap>
      {report.complete ? (
        // 销号 ends the task and is written to the audit log: a click by mistake is asked about once more
        <Popconfirm
          title="通过并销号？"
          description="销号后任务视为办结，记入审计日志"
          okText="销号"
          cancelText="取消"
          onConfirm={approve}
        >
          <Button type="primary" size="small" loading={busy} data-testid={`approve-${report.id}`}>
            通过并销号
          </Button>
        </Popconfirm>
      ) : (
        <Button type="primary" size="small" loading={busy} onClick={approve} data-testid={`approve-${report.id}`}>
          审核通过
        </Button>
      )}
      <ReasonButton
        label="退回"
        title="退回报送"
        reasonLabel="退回理由（报送单位可见）"
        okText="退回"
        danger
        testId={`return-${report.id}`}
        onSubmit={async (v) => {
          await api.review(report.id, "return", v.reason);
          message.success("已退回");
          onDone();
        }}
      />
    </Space>
  );
}

const EVENT_TEXT: Record<TaskEvent["kind"], (e: TaskEvent) => string> = {
  acknowledge: () => "签收任务",
  change_request: (e) => `申请调整：${e.reason ?? ""}${e.data?.proposedBody ? `（建议由 ${String(e.data.proposedBody)} 承担）` : ""}`,
  change_accept: (e) => `同意调整，转交 ${String(e.data?.toBodyName ?? "")}：${e.reason ?? ""}`,
  change_refuse: (e) => `不同意调整：${e.reason ?? ""}`,
  suspend: (e) => `中止任务：${e.reason ?? ""}`,
  resume: (e) => `恢复任务：${e.reason ?? ""}`,
  extend: (e) => `延期：${fmtDate(String(e.data?.from ?? ""))} → ${fmtDate(String(e.data?.to ?? ""))}，${e.reason ?? ""}`,
};

/** 交办 and everything after it, oldest first: events, reports, reviews and notices in one line. */
export function History({ task }: { task: TaskDetail }) {
  const items: Array<{ at: string; text: string; who: string }> = [{ at: task.assignedAt, text: `交办给 ${task.bodyName}`, who: "" }];
  for (const e of task.events) items.push({ at: e.at, text: EVENT_TEXT[e.kind](e), who: e.actor });
  for (const r of task.progressReports) {
    items.push({ at: r.createdAt, text: r.complete ? "报送进展并申请办结" : "报送进展", who: r.reporter ?? "" });
    if (r.review)
      items.push({
        at: r.review.at,
        text: r.review.decision === "approved" ? (r.complete ? "审核通过，销号" : "审核通过") : `退回：${r.review.reason ?? ""}`,
        who: r.review.reviewer ?? "",
      });
  }
  for (const n of task.notices) items.push({ at: n.createdAt, text: `督办通知：${n.text}`, who: n.sender });
  items.sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline
      data-testid="history"
      items={items.map((i) => ({
        content: (
          <div className="wrap">
            <span className="muted">{fmtDateTime(i.at)}</span> {i.who && <strong>{i.who}</strong>} {i.text}
          </div>
        ),
      }))}
    />
  );
}

/** Who of each receiving body read a notice. */
export function Receipts({ notice }: { notice: Notice }) {
  return (
    <div className="muted">
      {notice.bodies.map((b) => (
        <div key={b.bodyId}>
          {b.bodyName}（{b.tasks} 项）：
          {b.readBy.length ? b.readBy.map((r) => `${r.username} ${fmtDateTime(r.readAt)} 已读`).join("；") : <Typography.Text type="warning">未读</Typography.Text>}
        </div>
      ))}
    </div>
  );
}

export function NoticeItem({ notice, onRead }: { notice: Notice; onRead?: (n: Notice) => void }) {
  return (
    <List.Item
      data-testid="notice"
      actions={onRead && !notice.read ? [<Button key="read" size="small" onClick={() => onRead(notice)}>标记已读</Button>] : undefined}
    >
      <List.Item.Meta
        title={
          <Space wrap>
            {!notice.read && onRead && <Tag color="red">未读</Tag>}
            <span>督办通知</span>
            <span className="muted">{fmtDateTime(notice.createdAt)} · {notice.sender}</span>
          </Space>
        }
        description={
          <div>
            <div className="wrap" style={{ color: "#000" }}>{notice.text}</div>
            <div>
              办理时限：{fmtDate(notice.timeLimit)} · 涉及任务 {notice.taskIds.length} 项
              {notice.taskIds.length <= 5 && notice.taskIds.map((id) => (
                <Link key={id} to={`/tasks/${id}`} style={{ marginLeft: 6 }}>任务 {id}</Link>
              ))}
            </div>
            <Receipts notice={notice} />
          </div>
        }
      />
    </List.Item>
  );
}

/** Send a 督办通知 on one task (taskId) or on a set chosen here (a body's overdue tasks, a document's tasks). */
export function NoticeForm({ taskId, onSent }: { taskId?: number; onSent: (n: Notice) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: "body_overdue" | "document"; bodyId?: number; documentId?: number; text: string; timeLimit?: Dayjs }>();
  const kind = Form.useWatch("kind", form);
  const [bodies, setBodies] = useState<Body[]>([]);
  const [docs, setDocs] = useState<Array<{ id: number; title: string | null; source: string }>>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (taskId !== undefined) return;
    api.bodies({ pageSize: 200 }).then((r) => setBodies(r.items), () => {});
    api.documents({ pageSize: 200 }).then((r) => setDocs(r.items), () => {});
  }, [taskId]);
  const submit = async (v: { kind?: "body_overdue" | "document"; bodyId?: number; documentId?: number; text: string; timeLimit?: Dayjs }) => {
    setBusy(true);
    try {
      const scope =
        taskId !== undefined
          ? ({ kind: "task", taskId } as const)
          : v.kind === "document"
            ? ({ kind: "document", documentId: v.documentId!, ...(v.bodyId ? { bodyId: v.bodyId } : {}) } as const)
            : ({ kind: "body_overdue", bodyId: v.bodyId! } as const);
      const n = await api.sendNotice({ scope, text: v.text, timeLimit: v.timeLimit ? v.timeLimit.format("YYYY-MM-DD") : null });
      message.success(`督办通知已发送（${n.taskIds.length} 项任务）`);
      form.resetFields();
      onSent(n);
    } catch (e) {
      message.error(`发送失败：${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: "body_overdue" }} data-testid="notice-form">
      {taskId === undefined && (
        <>
          <Form.Item label="督办范围" name="kind">
            <Radio.Group options={[{ value: "body_overdue", label: "某单位全部逾期任务" }, { value: "document", label: "某文件全部未办结任务" }]} />
          </Form.Item>
          {kind === "document" && (
            <Form.Item label="文件" name="documentId" rules={[{ required: true, message: "请选择文件" }]}>
              <Select showSearch={{ optionFilterProp: "label" }} options={docs.map((d) => ({ value: d.id, label: d.title ?? d.source }))} />
            </Form.Item>
          )}
          <Form.Item label={kind === "document" ? "责任单位（可选）" : "责任单位"} name="bodyId" rules={kind === "document" ? [] : [{ required: true, message: "请选择责任单位" }]}>
            <Select allowClear showSearch={{ optionFilterProp: "label" }} options={bodies.map((b) => ({ value: b.id, label: b.name }))} />
          </Form.Item>
        </>
      )}
      <Form.Item label="督办内容" name="text" rules={[{ required: true, whitespace: true, message: "请填写督办内容" }]}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <Form.Item label="办理时限" name="timeLimit">
        <DatePicker style={{ width: "100%" }} format="YYYY年M月D日" disabledDate={(d) => d.isBefore(dayjs(), "day")} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        发送督办通知
      </Button>
    </Form>
  );
}

/** An admin's actions on a task: decide a request to change it, suspend or resume, extend. */
export function AdminActions({ task, onDone }: { task: TaskDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const [bodies, setBodies] = useState<Body[]>([]);
  const searchBodies = useCallback((q: string) => {
    api.bodies({ q: q || undefined, pageSize: 30 }).then((r) => setBodies(r.items.filter((b) => !b.mergedInto && b.id !== task.bodyId)), () => {});
  }, [task.bodyId]);
  useEffect(() => searchBodies(""), [searchBodies]);
  const done = (text: string) => () => {
    message.success(text);
    onDone();
  };
  const open = task.status !== "done" && task.status !== "done_late";
  return (
    <Space wrap>
      {task.changeRequestOpen && (
        <>
          <ReasonButton
            label="同意调整"
            title="同意调整分工"
            reasonLabel="处理意见"
            type="primary"
            extra={
              <Form.Item label="转交给" name="bodyId" rules={[{ required: true, message: "请选择接手单位" }]}>
                <Select showSearch={{ filterOption: false, onSearch: searchBodies }} options={bodies.map((b) => ({ value: b.id, label: b.name }))} placeholder="输入单位名称查找" />
              </Form.Item>
            }
            onSubmit={(v) => api.decideChange(task.id, { accept: true, reason: v.reason, bodyId: v.bodyId as number }).then(done("已转交"))}
          />
          <ReasonButton label="不同意调整" title="不同意调整" reasonLabel="理由" onSubmit={(v) => api.decideChange(task.id, { accept: false, reason: v.reason }).then(done("已答复"))} />
        </>
      )}
      {task.status === "suspended" ? (
        <ReasonButton label="恢复任务" title="恢复任务" reasonLabel="恢复理由" onSubmit={(v) => api.resume(task.id, v.reason).then(done("任务已恢复"))} />
      ) : (
        open && <ReasonButton label="中止任务" title="中止任务" reasonLabel="中止理由" danger onSubmit={(v) => api.suspend(task.id, v.reason).then(done("任务已中止"))} />
      )}
      {open && task.status !== "suspended" && (
        <ReasonButton
          label="延期"
          title="调整完成时限"
          reasonLabel="延期理由"
          extra={
            <Form.Item label="新的完成时限" name="dueDate" rules={[{ required: true, message: "请选择日期" }]}>
              <DatePicker style={{ width: "100%" }} format="YYYY年M月D日" disabledDate={(d) => d.isBefore(dayjs(), "day")} />
            </Form.Item>
          }
          onSubmit={(v) => api.extend(task.id, (v.dueDate as Dayjs).format("YYYY-MM-DD"), v.reason).then(done("完成时限已调整"))}
        />
      )}
    </Space>
  );
}
