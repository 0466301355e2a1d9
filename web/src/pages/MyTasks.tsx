import { Alert, Card, Progress, Select, Space, Table } from "antd";
import { useEffect, useState } from "react";
import { api, type Body, type Page, type Task, type TaskStatus } from "../api";
import { useAuth } from "../auth";
import { ExportButtons } from "../export-buttons";
import { ImportProgressButton } from "../import-dialog";
import { chinaToday, fmtDate, fmtDue, fmtHeading, fmtNumber, fmtQuantity } from "../format";
import { Link } from "../router";
import { ROLE_LABEL, STATUS, STATUS_ORDER, StatusTag } from "../status";

export default function MyTasks() {
  const { me } = useAuth();
  const [bodies, setBodies] = useState<Body[]>([]);
  const [body, setBody] = useState<number | undefined>(me?.bodyIds[0]);
  const [status, setStatus] = useState<TaskStatus | undefined>();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<Task> | null>(null);
  // bumped after an import, to read the list again
  const [imported, setImported] = useState(0);
  const today = chinaToday();

  useEffect(() => {
    if (!me) return;
    if (me.role === "editor") Promise.all(me.bodyIds.map((id) => api.body(id))).then(setBodies, () => {});
    else api.bodies({ pageSize: 200 }).then((r) => setBodies(r.items), () => {});
  }, [me]);

  useEffect(() => {
    setData(null);
    api.tasks({ body, status, page, pageSize: 20 }).then(setData, () => setData({ items: [], page, pageSize: 20, total: 0 }));
  }, [body, status, page, imported]);

  const isEditor = me?.role === "editor";
  return (
    <div className="page">
      <h1>我的任务</h1>
      {isEditor && me.bodyIds.length === 0 && <Alert type="warning" showIcon title="您的账号尚未绑定责任单位，请联系管理员。" style={{ marginBottom: 16 }} />}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <label>
            责任单位{" "}
            <Select
              aria-label="责任单位"
              allowClear={!isEditor}
              showSearch={{ optionFilterProp: "label" }}
              placeholder={isEditor ? "本单位" : "全部单位"}
              style={{ width: 260, maxWidth: "calc(100vw - 120px)" }}
              value={body}
              onChange={(v) => {
                setBody(v);
                setPage(1);
              }}
              options={bodies.map((b) => ({ value: b.id, label: `${b.name}（${b.tasks}）` }))}
            />
          </label>
          <label>
            状态{" "}
            <Select
              aria-label="状态"
              allowClear
              placeholder="全部状态"
              style={{ width: 140 }}
              value={status}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
              options={STATUS_ORDER.map((s) => ({ value: s, label: `${STATUS[s].symbol} ${STATUS[s].label}` }))}
            />
          </label>
          <ExportButtons path="/api/tasks/export" filters={{ body, status }} />
          {(isEditor || me?.role === "admin") && <ImportProgressButton onDone={() => setImported((n) => n + 1)} />}
        </Space>
      </Card>
      <Card size="small">
        <Table<Task>
          rowKey="id"
          size="small"
          loading={!data}
          scroll={{ x: 900 }}
          dataSource={data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${fmtNumber(t)} 项` }}
          columns={[
            {
              title: "任务",
              key: "m",
              render: (_: unknown, t) => (
                <div>
                  <Link to={`/tasks/${t.id}`}>
                    {fmtHeading(t.measureLabel, t.measureTitle)}
                  </Link>
                  <div className="muted">{t.documentTitle}</div>
                </div>
              ),
            },
            { title: "单位", key: "b", render: (_: unknown, t) => `${t.bodyName}（${ROLE_LABEL[t.role]}）` },
            {
              title: "完成时限",
              dataIndex: "dueDate",
              render: (d: string | null) => (
                <div>
                  {fmtDate(d)}
                  <div className="muted">{fmtDue(d, today)}</div>
                </div>
              ),
            },
            {
              title: "量化目标",
              key: "targets",
              render: (_: unknown, t) =>
                t.targets.map((g) => (
                  <div key={g.id} title={g.text}>
                    {fmtQuantity(g.latestValue, g.unit)} / {fmtQuantity(g.value, g.unit)}
                    <Progress size="small" percent={g.latestValue === null ? 0 : Math.min(100, Math.round((g.latestValue / g.value) * 100))} />
                  </div>
                )),
            },
            { title: "状态", dataIndex: "status", render: (s: TaskStatus, t) => <StatusTag status={s} reason={t.statusReason} /> },
            { title: "最近报送", dataIndex: "lastReportDate", render: (d: string | null) => fmtDate(d) },
            { title: "操作", key: "op", render: (_: unknown, t) => <Link to={`/tasks/${t.id}#report`}>填报进展</Link> },
          ]}
        />
      </Card>
    </div>
  );
}
