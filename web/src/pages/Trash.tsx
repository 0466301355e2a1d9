/** 回收站 (admin): deleted documents, kept whole with their tasks and reports, each restorable (unpublished). */
import { App, Button, Card, Popconfirm, Table } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useAction } from "../action";
import { api, type DocumentSummary, type Page } from "../api";
import { fmtDate, fmtDateTime, fmtNumber } from "../format";
import { Link } from "../router";

const PAGE_SIZE = 20;

export default function Trash() {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<DocumentSummary> | null>(null);
  const load = useCallback(() => {
    api.deletedDocuments({ page, pageSize: PAGE_SIZE }).then(setData, (e: Error) => message.error(`加载失败：${e.message}`));
  }, [page, message]);
  useEffect(load, [load]);

  const { run } = useAction(load);
  const restore = (d: DocumentSummary) => run(() => api.restoreDocument(d.id), { ok: `已恢复《${d.title ?? d.source}》（未公开），记入审计日志`, fail: "恢复失败" });

  return (
    <div className="page">
      <h1>回收站</h1>
      <p className="muted">删除的文件连同其措施、任务和进展报送都保留在数据库中，不在任何列表、检索和统计中出现；恢复后为未公开状态。</p>
      <Card size="small" title={<h2>已删除文件</h2>}>
        <Table<DocumentSummary>
          rowKey="id"
          size="small"
          loading={!data}
          dataSource={data?.items ?? []}
          scroll={{ x: 720 }}
          locale={{ emptyText: "回收站是空的" }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showTotal: (t) => `共 ${fmtNumber(t)} 件` }}
          columns={[
            { title: "标题", key: "title", render: (_: unknown, d) => d.title ?? d.source },
            { title: "文号", dataIndex: "docNumber", render: (s: string | null) => s ?? "—" },
            { title: "成文日期", dataIndex: "date", width: 120, render: (s: string | null) => fmtDate(s) },
            { title: "任务", dataIndex: "tasks", width: 64, align: "right" },
            { title: "删除时间", dataIndex: "deletedAt", width: 150, render: (s: string | null) => fmtDateTime(s) },
            {
              title: "操作",
              key: "ops",
              width: 90,
              render: (_: unknown, d) => (
                <Popconfirm title={`恢复《${d.title ?? d.source}》？`} okText="恢复" cancelText="取消" onConfirm={() => restore(d)}>
                  <Button size="small" aria-label={`恢复${d.title ?? d.source}`}>
                    恢复
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <p style={{ marginTop: 12 }}>
        <Link to="/admin/audit?action=document.delete">查看删除记录</Link>
      </p>
    </div>
  );
}
