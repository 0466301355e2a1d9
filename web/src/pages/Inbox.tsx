/** 待办 / 消息: what needs the user now — for a body, notices, reminders, tasks to acknowledge, returned reports; for a supervisor, reports to review, tasks not acknowledged, and sending notices on a set of tasks. */
import { Alert, App, Badge, Card, Col, Empty, List, Row, Space, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { api, type Inbox as InboxData, type Notice, type Task } from "../api";
import { useAuth } from "../auth";
import { fmtDate, fmtDue, fmtNumber } from "../format";
import { Link } from "../router";
import { StatusTag } from "../status";
import { Files, NoticeForm, NoticeItem, ReviewActions } from "../supervise";

function TaskItems({ tasks, today, empty, testId }: { tasks: Task[]; today: string; empty: string; testId: string }) {
  return (
    <List
      size="small"
      data-testid={testId}
      locale={{ emptyText: empty }}
      dataSource={tasks}
      renderItem={(t) => (
        <List.Item>
          <div style={{ width: "100%" }}>
            <Link to={`/tasks/${t.id}`} className="wrap">
              {t.measureLabel} {t.measureTitle}
            </Link>
            <div className="muted">
              <StatusTag status={t.status} reason={t.statusReason} /> {t.bodyName} · 时限 {fmtDate(t.dueDate)}（{fmtDue(t.dueDate, today)}）
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}

const more = (shown: number, total: number) => (total > shown ? <span className="muted">显示前 {shown} 项，共 {fmtNumber(total)} 项</span> : null);

export default function Inbox() {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [data, setData] = useState<InboxData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => api.inbox().then(setData, (e: Error) => setError(e.message)), []);
  useEffect(() => {
    void load();
  }, [load]);
  const read = (n: Notice) => api.readNotice(n.id).then(() => load(), (e: Error) => message.error(e.message));

  if (error) return <div className="page"><Alert type="error" showIcon title={error} /></div>;
  if (!data || !me) return <div className="page">加载中…</div>;
  const today = data.today;
  if (me.role === "editor")
    return (
      <div className="page">
        <h1>待办消息</h1>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Card title={<h2><Badge count={data.notices.unread} offset={[10, 0]}>督办通知</Badge></h2>} extra={more(data.notices.items.length, data.notices.total)}>
              <List locale={{ emptyText: "没有督办通知" }} dataSource={data.notices.items} renderItem={(n) => <NoticeItem notice={n} onRead={read} />} data-testid="inbox-notices" />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title={<h2>催办提醒</h2>} style={{ marginBottom: 16 }}>
              <List
                size="small"
                data-testid="reminders"
                locale={{ emptyText: `没有逾期或 ${data.settings.remindDays} 天内到期的任务` }}
                dataSource={data.reminders}
                renderItem={(r) => (
                  <List.Item>
                    <div>
                      <Tag color={r.kind === "overdue" ? "error" : "warning"}>{r.kind === "overdue" ? "已逾期" : "即将到期"}</Tag>
                      <Link to={`/tasks/${r.task.id}`} className="wrap">
                        {r.task.measureLabel} {r.task.measureTitle}
                      </Link>
                      <div className="muted">时限 {fmtDate(r.task.dueDate)}（{fmtDue(r.task.dueDate, today)}）</div>
                    </div>
                  </List.Item>
                )}
              />
            </Card>
            <Card title={<h2>待签收（{fmtNumber(data.toAcknowledge.total)}）</h2>} style={{ marginBottom: 16 }}>
              <TaskItems tasks={data.toAcknowledge.items} today={today} empty="没有待签收的任务" testId="to-acknowledge" />
            </Card>
            <Card title={<h2>被退回（{fmtNumber(data.returned.total)}）</h2>}>
              <TaskItems tasks={data.returned.items} today={today} empty="没有被退回的报送" testId="returned" />
            </Card>
          </Col>
        </Row>
      </div>
    );
  return (
    <div className="page">
      <h1>待办消息</h1>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={<h2>待审核报送（{fmtNumber(data.pendingReviews.total)}）</h2>} style={{ marginBottom: 16 }} extra={more(data.pendingReviews.items.length, data.pendingReviews.total)}>
            <List
              data-testid="pending-reviews"
              locale={{ emptyText: "没有待审核的报送" }}
              dataSource={data.pendingReviews.items}
              renderItem={({ report, task }) => (
                <List.Item>
                  <div style={{ width: "100%" }}>
                    <Space wrap>
                      {report.complete && <Tag color="cyan">申请办结</Tag>}
                      <Link to={`/tasks/${task.id}`} className="wrap">
                        {task.measureLabel} {task.measureTitle}
                      </Link>
                    </Space>
                    <div className="muted">
                      {task.bodyName} · {report.reporter} · {fmtDate(report.reportDate)} · 时限 {fmtDate(task.dueDate)}
                    </div>
                    <div className="wrap">{report.text}</div>
                    <Files report={report} />
                    <ReviewActions report={report} onDone={() => void load()} />
                  </div>
                </List.Item>
              )}
            />
          </Card>
          <Card title={<h2>超过 {data.settings.ackWorkingDays} 个工作日未签收（{fmtNumber(data.unacknowledged.total)}）</h2>} extra={more(data.unacknowledged.items.length, data.unacknowledged.total)}>
            <TaskItems tasks={data.unacknowledged.items} today={today} empty="没有超期未签收的任务" testId="unacknowledged" />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {me.role === "admin" && (
            <Card title={<h2>调整申请（{fmtNumber(data.changeRequests.total)}）</h2>} style={{ marginBottom: 16 }}>
              <TaskItems tasks={data.changeRequests.items} today={today} empty="没有待处理的调整申请" testId="change-requests" />
            </Card>
          )}
          <Card title={<h2>批量督办</h2>} style={{ marginBottom: 16 }}>
            <NoticeForm onSent={() => void load()} />
          </Card>
          <Card title={<h2>最近的督办通知</h2>}>
            {data.notices.items.length ? <List dataSource={data.notices.items} renderItem={(n) => <NoticeItem notice={n} />} /> : <Empty description="尚未发送督办通知" />}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
