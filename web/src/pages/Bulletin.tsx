/**
 * 生成通报: choose a period (month, quarter, half year, year, or from–to days) and a scope, see the figures the
 * 督查通报 will carry (the server's own, format=json), and download it as Word or PDF. The files are made on the
 * server from the database as of the period's end, so the same period gives the same figures when made again.
 */
import { Alert, Button, Card, Col, DatePicker, Descriptions, Empty, Row, Segmented, Select, Space, Statistic, Table, Typography, App as AntApp } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { api, bulletinUrl, type Body, type BulletinFigures, type BulletinQuery, type DocumentSummary } from "../api";
import { useAuth } from "../auth";
import { fmtDate, fmtNumber, fmtPercent } from "../format";
import { Link } from "../router";

type Kind = "month" | "quarter" | "half" | "year" | "range";

const KINDS: Array<{ value: Kind; label: string }> = [
  { value: "month", label: "月度" },
  { value: "quarter", label: "季度" },
  { value: "half", label: "半年" },
  { value: "year", label: "年度" },
  { value: "range", label: "自定义" },
];

/** The period as the API writes it. */
function periodOf(kind: Kind, day: Dayjs, half: 1 | 2, range: [Dayjs, Dayjs] | null): Pick<BulletinQuery, "period" | "from" | "to"> | null {
  switch (kind) {
    case "month":
      return { period: day.format("YYYY-MM") };
    case "quarter":
      return { period: `${day.year()}Q${Math.floor(day.month() / 3) + 1}` };
    case "half":
      return { period: `${day.year()}H${half}` };
    case "year":
      return { period: String(day.year()) };
    case "range":
      return range ? { from: range[0].format("YYYY-MM-DD"), to: range[1].format("YYYY-MM-DD") } : null;
  }
}

/** The name in `attachment; filename*=UTF-8''…`, else the plain one. */
function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      /* a malformed name: fall back to the plain one */
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? null;
}

async function download(url: string): Promise<void> {
  const r = await fetch(url, { credentials: "same-origin" });
  if (!r.ok) {
    const e = (await r.json().catch(() => null)) as { message?: string } | null;
    throw new Error(e?.message ?? r.statusText);
  }
  const blob = await r.blob();
  const a = window.document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = filenameOf(r.headers.get("content-disposition")) ?? "督查通报";
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

function DueFigures({ title, c }: { title: string; c: BulletinFigures["inPeriod"] }) {
  return (
    <Card size="small" title={title}>
      <Space size="large" wrap>
        <Statistic title="到期任务" value={fmtNumber(c.due)} />
        <Statistic title="按期办结" value={fmtNumber(c.closedOnTime)} />
        <Statistic title="逾期办结" value={fmtNumber(c.closedLate)} />
        <Statistic title="已逾期" value={fmtNumber(c.overdue)} />
        <Statistic title="待审核" value={fmtNumber(c.pendingClose)} />
        <Statistic title="按期率" value={c.rate === null ? "—" : fmtPercent(c.rate)} />
      </Space>
    </Card>
  );
}

export default function Bulletin() {
  const { message } = AntApp.useApp();
  const { me } = useAuth();
  const [kind, setKind] = useState<Kind>("quarter");
  const [day, setDay] = useState<Dayjs>(() => dayjs());
  const [half, setHalf] = useState<1 | 2>(() => (dayjs().month() < 6 ? 1 : 2));
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [documentId, setDocumentId] = useState<number | undefined>();
  const [region, setRegion] = useState<string | undefined>(me?.region ?? undefined);
  const [body, setBody] = useState<number | undefined>();
  const [docs, setDocs] = useState<DocumentSummary[]>([]);
  const [bodies, setBodies] = useState<Body[]>([]);
  const [data, setData] = useState<BulletinFigures | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"docx" | "pdf" | null>(null);

  useEffect(() => {
    api.documents({ pageSize: 200 }).then((r) => setDocs(r.items), () => {});
    api.bodies({ pageSize: 200 }).then((r) => setBodies(r.items), () => {});
  }, []);

  // keyed by the period's own values, not by the object periodOf makes anew on each render
  const period = periodOf(kind, day, half, range);
  const periodKey = period ? `${period.period ?? ""}|${period.from ?? ""}|${period.to ?? ""}` : null;
  const query = useMemo<BulletinQuery | null>(() => (period ? { ...period, document: documentId, region, body } : null), [periodKey, documentId, region, body]);

  useEffect(() => {
    if (!query) return;
    let live = true;
    setError(null);
    setData(null);
    api.bulletin(query).then(
      (d) => live && setData(d),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [query]);

  const regions = useMemo(() => [...new Set(docs.map((d) => d.region).filter((r): r is string => !!r))].sort(), [docs]);

  const get = async (format: "docx" | "pdf") => {
    if (!query) return;
    setBusy(format);
    try {
      await download(bulletinUrl(query, format));
    } catch (e) {
      message.error(`生成失败：${(e as Error).message}`);
    } finally {
      setBusy(null);
    }
  };

  const picker =
    kind === "range" ? (
      <DatePicker.RangePicker aria-label="起止日期" value={range} onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)} />
    ) : (
      <Space>
        <DatePicker
          aria-label="期间"
          picker={kind === "half" ? "year" : kind}
          allowClear={false}
          value={day}
          onChange={(v) => v && setDay(v)}
        />
        {kind === "half" && (
          <Select
            aria-label="上半年或下半年"
            value={half}
            onChange={setHalf}
            options={[
              { value: 1, label: "上半年" },
              { value: 2, label: "下半年" },
            ]}
          />
        )}
      </Space>
    );

  return (
    <div className="page">
      <h1>生成督查通报</h1>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap align="center">
          <Segmented aria-label="期间类型" value={kind} onChange={(v) => setKind(v as Kind)} options={KINDS} />
          {picker}
        </Space>
        <Space wrap style={{ marginTop: 12 }}>
          <label>
            文件{" "}
            <Select
              aria-label="按文件"
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              placeholder="全部文件"
              style={{ width: 320, maxWidth: "calc(100vw - 80px)" }}
              value={documentId}
              onChange={setDocumentId}
              options={docs.filter((d) => !region || d.region === region).map((d) => ({ value: d.id, label: d.title ?? d.source }))}
            />
          </label>
          <label>
            地区{" "}
            <Select
              aria-label="按地区"
              allowClear={!me?.region}
              disabled={!!me?.region}
              placeholder="全部地区"
              style={{ width: 160 }}
              value={region}
              onChange={(v) => {
                setRegion(v);
                setDocumentId(undefined);
              }}
              options={regions.map((r) => ({ value: r, label: r }))}
            />
          </label>
          <label>
            责任单位{" "}
            <Select
              aria-label="按责任单位"
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              placeholder="全部单位"
              style={{ width: 240, maxWidth: "100%" }}
              value={body}
              onChange={setBody}
              options={bodies.map((b) => ({ value: b.id, label: b.name }))}
            />
          </label>
        </Space>
        <Space wrap style={{ marginTop: 12 }}>
          <Button type="primary" loading={busy === "docx"} disabled={!query || busy !== null} onClick={() => void get("docx")}>
            下载 Word（DOCX）
          </Button>
          <Button loading={busy === "pdf"} disabled={!query || busy !== null} onClick={() => void get("pdf")}>
            下载 PDF
          </Button>
        </Space>
      </Card>

      {!query && <Alert type="info" showIcon title="请选择起止日期" />}
      {error && <Alert type="error" showIcon title={`统计失败：${error}`} style={{ marginBottom: 16 }} />}
      {query && !error && (
        <Card loading={!data}>
          {data && (
            <Space direction="vertical" size="middle" style={{ width: "100%" }}>
              {/* in the card, not its title bar: a title bar cuts a long title short on a phone */}
              <h2 style={{ margin: 0 }}>关于{data.period.label}重点任务落实情况的督查通报</h2>
              <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                <Descriptions.Item label="期间">
                  {fmtDate(data.period.from)} 至 {fmtDate(data.period.to)}
                </Descriptions.Item>
                <Descriptions.Item label="统计截至">{fmtDate(data.asOf)}</Descriptions.Item>
                <Descriptions.Item label="范围">{data.scope.label}</Descriptions.Item>
              </Descriptions>
              {data.provisional && <Alert type="warning" showIcon title="本期尚未结束：以下为截至今天的数字，期末后重新生成为准。" />}
              {data.storedLater > 0 && (
                <Alert type="info" showIcon title={`另有 ${fmtNumber(data.storedLater)} 项任务在 ${fmtDate(data.asOf)} 之后才录入系统，不计入本期（通报按期末时的记录统计）。`} />
              )}
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={12}>
                  <DueFigures title={`${data.period.label}到期`} c={data.inPeriod} />
                </Col>
                <Col xs={24} xl={12}>
                  <DueFigures title={`累计（截至${fmtDate(data.asOf)}）`} c={data.cumulative} />
                </Col>
              </Row>
              <Space size="large" wrap>
                <Statistic title="任务总数" value={fmtNumber(data.tasks)} />
                <Statistic title="已逾期（期末）" value={fmtNumber(data.byStatus.overdue)} />
                <Statistic title="有风险（期末）" value={fmtNumber(data.atRisk)} />
                <Statistic title="量化目标已达到" value={`${fmtNumber(data.targets.reached)} / ${fmtNumber(data.targets.total)}`} />
              </Space>
              <Typography.Title level={3}>各单位落实情况</Typography.Title>
              <Table
                size="small"
                rowKey="bodyId"
                dataSource={data.bodies}
                pagination={{ pageSize: 10, showSizeChanger: false }}
                locale={{ emptyText: <Empty description="范围内没有任务" /> }}
                columns={[
                  { title: "排名", dataIndex: "rank", width: 64 },
                  { title: "责任单位", dataIndex: "bodyName" },
                  { title: "任务数", dataIndex: "tasks", align: "right" },
                  { title: "到期", dataIndex: "due", align: "right" },
                  { title: "按期办结", dataIndex: "closedOnTime", align: "right" },
                  { title: "逾期办结", dataIndex: "closedLate", align: "right" },
                  { title: "已逾期", dataIndex: "overdue", align: "right" },
                  { title: "按期率", dataIndex: "rate", align: "right", render: (r: number | null) => (r === null ? "—" : fmtPercent(r)) },
                ]}
              />
              <Typography.Title level={3}>逾期任务（{fmtNumber(data.overdue.total)}）</Typography.Title>
              <Table
                size="small"
                rowKey="taskId"
                dataSource={data.overdue.items}
                pagination={{ pageSize: 10, showSizeChanger: false }}
                locale={{ emptyText: "没有逾期任务" }}
                columns={[
                  { title: "任务", key: "task", render: (_: unknown, o) => <Link to={`/tasks/${o.taskId}`}>{`${o.measureLabel}${o.measureTitle}`}</Link> },
                  { title: "责任单位", dataIndex: "bodyName" },
                  { title: "完成时限", dataIndex: "dueDate", render: (d: string) => fmtDate(d) },
                  { title: "逾期天数", dataIndex: "daysOverdue", align: "right" },
                  {
                    title: "最新进展",
                    key: "latest",
                    render: (_: unknown, o) => (o.latestReport ? `${fmtDate(o.latestReport.date)}：${o.latestReport.text}` : "未报送"),
                  },
                ]}
              />
            </Space>
          )}
        </Card>
      )}
    </div>
  );
}
