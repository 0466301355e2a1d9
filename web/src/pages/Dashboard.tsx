import { Alert, Card, Col, Empty, List, Progress, Row, Select, Space, Statistic, Table, Tooltip, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { api, type Body, type Dashboard as DashboardData, type DocumentSummary, type Task } from "../api";
import { Chart, type ChartOption } from "../chart";
import { dueMonthOption, statusPieOption } from "../../../src/model/charts";
import { fmtDate, fmtDue, fmtHeading, fmtMonth, fmtNumber, fmtPercent, fmtQuantity } from "../format";
import { take } from "../prefetch";
import { useAuth } from "../auth";
import { Link } from "../router";
import { STATUS, STATUS_ORDER, StatusTag } from "../status";

declare global {
  interface Window {
    /** performance.now() when the dashboard first showed its data (read by the browser test) */
    __luoshiDashboardReady?: number;
  }
}

function TaskList({ tasks, today, empty }: { tasks: Task[] | null; today: string; empty: string }) {
  return (
    <List
      size="small"
      loading={tasks === null}
      locale={{ emptyText: empty }}
      dataSource={tasks ?? []}
      renderItem={(t) => (
        <List.Item extra={<StatusTag status={t.status} reason={t.statusReason} />}>
          <List.Item.Meta
            title={
              <Link to={`/tasks/${t.id}`}>
                {fmtHeading(t.measureLabel, t.measureTitle)}
              </Link>
            }
            description={
              <span>
                {t.bodyName} · 时限 {fmtDate(t.dueDate)}（{fmtDue(t.dueDate, today)}）
              </span>
            }
          />
        </List.Item>
      )}
    />
  );
}

export default function Dashboard() {
  const [docs, setDocs] = useState<DocumentSummary[]>([]);
  const [bodies, setBodies] = useState<Body[]>([]);
  const [document, setDocument] = useState<number | undefined>();
  const [body, setBody] = useState<number | undefined>();
  const [region, setRegion] = useState<string | undefined>();
  const [data, setData] = useState<DashboardData | null>(null);
  const [error, setError] = useState<string | null>(null);

  const { me } = useAuth();
  const editor = me?.role === "editor";
  useEffect(() => {
    api.documents({ pageSize: 200 }).then((r) => setDocs(r.items), () => {});
    // an editor's dashboard is its own bodies': it chooses among those only
    if (editor) Promise.all((me?.bodyIds ?? []).map((id) => api.body(id))).then(setBodies, () => {});
    else api.bodies({ pageSize: 200 }).then((r) => setBodies(r.items), () => {});
  }, [editor, me]);

  useEffect(() => {
    let live = true;
    setError(null);
    setData(null);
    // one request: the server derives every status once and sends each list and aggregate the page shows
    const unfiltered = document === undefined && body === undefined && region === undefined;
    const load = () => api.dashboard({ document, body, region });
    (unfiltered ? take("dashboard", load) : load()).then(
      (d) => live && setData(d),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [document, body, region]);

  useEffect(() => {
    if (data && window.__luoshiDashboardReady === undefined) {
      requestAnimationFrame(() => {
        window.__luoshiDashboardReady = performance.now();
      });
    }
  }, [data]);

  const regions = useMemo(() => [...new Set(docs.map((d) => d.region).filter((r): r is string => !!r))].sort(), [docs]);
  const docOptions = useMemo(
    () => docs.filter((d) => !region || d.region === region).map((d) => ({ value: d.id, label: d.title ?? d.source })),
    [docs, region],
  );

  const counts = data?.byStatus ?? null;
  const total = data?.tasks ?? 0;
  const overdue = data?.overdue ?? null;
  const dueSoon = data?.atRisk ?? null;

  // the option builders are the 督查通报's too (src/model/charts.ts), so the page and the printed bulletin agree
  const statusOption = useMemo<ChartOption>(() => statusPieOption(counts), [counts]);

  const months = data?.byDueMonth ?? [];

  const timelineOption = useMemo<ChartOption>(() => dueMonthOption(months), [months]);

  const bodyRows = data?.byBody ?? [];
  const targets = data?.targets ?? [];

  return (
    <div className="page">
      <h1>督查总览</h1>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <label>
            文件{" "}
            <Select
              aria-label="按文件筛选"
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              placeholder="全部文件"
              style={{ width: 320, maxWidth: "calc(100vw - 80px)" }}
              value={document}
              onChange={setDocument}
              options={docOptions}
            />
          </label>
          <label>
            责任单位{" "}
            <Select
              aria-label="按责任单位筛选"
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              placeholder={editor ? "本单位" : "全部单位"}
              style={{ width: 240, maxWidth: "100%" }}
              value={body}
              onChange={setBody}
              options={bodies.map((b) => ({ value: b.id, label: b.name }))}
            />
          </label>
          <label>
            地区{" "}
            <Select
              aria-label="按地区筛选"
              allowClear
              placeholder="全部地区"
              style={{ width: 160 }}
              value={region}
              onChange={(v) => {
                setRegion(v);
                setDocument(undefined);
              }}
              options={regions.map((r) => ({ value: r, label: r }))}
            />
          </label>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={`总览加载失败：${error}`} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={<h2>任务状态</h2>} loading={!data}>
            <Space size="large" wrap>
              <Statistic title="任务总数" value={fmtNumber(total)} />
              <Statistic
                title={
                  <Tooltip title="按期率 = 按期办结（销号）的任务 ÷ 已到期的任务（已中止的除外）">
                    <span>按期率</span>
                  </Tooltip>
                }
                value={data?.onTime.rate === null || !data ? "—" : fmtPercent(data.onTime.rate)}
                suffix={data ? <span className="muted" style={{ fontSize: 13 }}>（{data.onTime.closedOnTime}/{data.onTime.dueSoFar}）</span> : null}
              />
            </Space>
            <Chart option={statusOption} placeholder="任务状态分布图" label={`任务状态分布：${STATUS_ORDER.map((s) => `${STATUS[s].label}${counts?.[s] ?? 0}项`).join("，")}`} />
            <Space wrap data-testid="status-counts">
              {STATUS_ORDER.map((s) => (
                <span key={s} data-count={s}>
                  <StatusTag status={s} /> {fmtNumber(counts?.[s] ?? 0)} 项
                </span>
              ))}
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={7}>
          <Card title={<h2>已逾期（{overdue ? fmtNumber(overdue.total) : "…"}）</h2>}>
            <TaskList tasks={overdue?.items ?? null} today={data?.today ?? ""} empty="没有逾期任务" />
          </Card>
        </Col>
        <Col xs={24} lg={7}>
          <Card title={<h2>即将到期 · 有风险（{dueSoon ? fmtNumber(dueSoon.total) : "…"}）</h2>}>
            <TaskList tasks={dueSoon?.items ?? null} today={data?.today ?? ""} empty="近期没有到期任务" />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={<h2>责任单位任务量与按期率</h2>}
            loading={!data}
            extra={data && data.bodyTotal > bodyRows.length ? <span className="muted">任务最多的 {bodyRows.length} 个单位（共 {fmtNumber(data.bodyTotal)} 个）</span> : null}
          >
            <Table
              size="small"
              rowKey="bodyId"
              dataSource={bodyRows}
              pagination={{ pageSize: 8, showSizeChanger: false }}
              columns={[
                { title: "责任单位", dataIndex: "bodyName" },
                { title: "任务", dataIndex: "total", render: (n: number) => fmtNumber(n), align: "right" },
                { title: "已办结", key: "closed", render: (_: unknown, b) => fmtNumber(b.done + b.done_late), align: "right" },
                { title: `${STATUS.overdue.symbol} 逾期`, dataIndex: "overdue", render: (n: number) => fmtNumber(n), align: "right" },
                {
                  title: (
                    <Tooltip title="按期率 = 按期办结的任务 ÷ 已到期的任务">
                      <span>按期率</span>
                    </Tooltip>
                  ),
                  key: "rate",
                  render: (_: unknown, b) => (
                    <Progress percent={Math.round((b.onTimeRate ?? 0) * 100)} size="small" format={() => (b.onTimeRate === null ? "未到期" : fmtPercent(b.onTimeRate))} />
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={<h2>任务到期时间分布</h2>} loading={!data} extra={data?.undated ? <span className="muted">未定时限 {fmtNumber(data.undated)} 项</span> : null}>
            {months.length ? (
              <Chart
                option={timelineOption}
                height={300}
                placeholder="按月到期任务柱状图"
                label={`按月到期任务：${months.map((m) => `${fmtMonth(m.month)}${m.total}项（已办结${m.done}，已逾期${m.overdue}）`).join("，")}`}
              />
            ) : (
              <Empty description="没有带时限的任务" />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card title={<h2>量化目标进度</h2>} loading={!data} extra={<span className="muted">{body !== undefined || editor ? "按本单位审核通过的报送" : "按牵头单位审核通过的报送"}</span>}>
            <List
              size="small"
              pagination={{ pageSize: 10, showSizeChanger: false }}
              dataSource={targets}
              locale={{ emptyText: "没有量化目标" }}
              renderItem={(t) => (
                <List.Item>
                  <div style={{ width: "100%" }}>
                    <Space style={{ justifyContent: "space-between", width: "100%" }} wrap>
                      <Link to={`/documents/${t.documentId}`}>{t.measureTitle}</Link>
                      <Typography.Text type="secondary">时限 {fmtDate(t.deadline)}</Typography.Text>
                    </Space>
                    <div className="muted">
                      {t.indicator ? `${t.indicator}：` : ""}
                      {fmtQuantity(t.targetValue, t.unit)}
                    </div>
                    <Space style={{ width: "100%" }} wrap>
                      <span style={{ minWidth: 220, display: "inline-block" }}>
                        最新 {fmtQuantity(t.latestValue, t.unit)} / 目标 {fmtQuantity(t.targetValue, t.unit)}
                      </span>
                      <Progress
                        style={{ width: 320, maxWidth: "calc(100vw - 80px)" }}
                        percent={Math.min(100, Math.round((t.share ?? 0) * 100))}
                        format={() => (t.share === null ? "未报" : fmtPercent(t.share))}
                        status={t.share !== null && t.share >= 1 ? "success" : "normal"}
                        aria-label={`完成 ${fmtPercent(t.share)}`}
                      />
                    </Space>
                  </div>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
