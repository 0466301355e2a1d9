/** 责任单位 (admin): rename a body, set its level and region, merge two bodies the parser could not tell apart. */
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useAction } from "../action";
import { api, type Body, type Page } from "../api";
import { fmtNumber } from "../format";
import { BodyPicker } from "../measure-bodies";
import { FormButtons } from "../form-buttons";

const LEVELS = ["省", "市", "县", "区"].map((l) => ({ value: l, label: l }));
const PAGE_SIZE = 20;

export default function Bodies() {
  const { message } = App.useApp();
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<Body> | null>(null);
  const [editing, setEditing] = useState<Body | null>(null);
  const [merging, setMerging] = useState<Body | null>(null);
  const [editForm] = Form.useForm<{ name: string; level: string | null; region: string }>();
  const [mergeForm] = Form.useForm<{ into: number }>();

  const load = useCallback(() => {
    api.bodies({ q: q || undefined, page, pageSize: PAGE_SIZE }).then(setData, (e: Error) => message.error(`加载失败：${e.message}`));
  }, [q, page, message]);
  useEffect(load, [load]);

  const { busy, run } = useAction(load);
  const save = (what: () => Promise<unknown>, ok: string) => run(what, { ok });

  return (
    <div className="page">
      <h1>责任单位</h1>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label="查找责任单位"
          placeholder="输入单位名称或别名查找"
          allowClear
          enterButton="查找"
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
      </Card>
      <Card size="small" title={<h2>单位列表</h2>}>
        <Table<Body>
          rowKey="id"
          size="small"
          loading={!data}
          dataSource={data?.items ?? []}
          scroll={{ x: 820 }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${fmtNumber(t)} 个单位` }}
          columns={[
            { title: "名称", dataIndex: "name", render: (s: string) => <strong>{s}</strong> },
            { title: "层级", dataIndex: "level", width: 64, render: (s: string | null) => s ?? "—" },
            { title: "地区", dataIndex: "region", width: 80, render: (s: string | null) => s ?? "—" },
            {
              title: "原文写法",
              dataIndex: "aliases",
              render: (a: string[]) => a.filter(Boolean).slice(0, 6).map((x) => <Tag key={x}>{x}</Tag>),
            },
            { title: "任务", dataIndex: "tasks", width: 64, align: "right" },
            {
              title: "操作",
              key: "ops",
              width: 150,
              render: (_: unknown, b) => (
                <Space size={4}>
                  <Button size="small" aria-label={`编辑${b.name}`} onClick={() => (editForm.setFieldsValue({ name: b.name, level: b.level, region: b.region ?? "" }), setEditing(b))}>
                    编辑
                  </Button>
                  <Button size="small" aria-label={`合并${b.name}`} onClick={() => (mergeForm.resetFields(), setMerging(b))}>
                    合并到…
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Modal open={!!editing} title={editing ? `编辑责任单位：${editing.name}` : ""} onCancel={() => setEditing(null)} footer={null} destroyOnHidden forceRender>
        <Form
          name="edit-body"
          form={editForm}
          layout="vertical"
          onFinish={async (v) => {
            if (!editing) return;
            const ok = await save(
              () => api.updateBody(editing.id, { name: v.name.trim(), level: v.level ?? null, region: v.region.trim() || null }),
              "已保存，记入审计日志",
            );
            if (ok) setEditing(null);
          }}
        >
          <Form.Item
            label="名称"
            name="name"
            rules={[
              { required: true, whitespace: true, message: "请输入名称" },
              { min: 2, max: 100, message: "名称 2 至 100 个字" },
            ]}
            extra="改名后，新名称在以后上传的文件中也识别为本单位"
          >
            <Input />
          </Form.Item>
          <Form.Item label="层级" name="level">
            <Select allowClear placeholder="不设" options={LEVELS} />
          </Form.Item>
          <Form.Item label="地区" name="region" rules={[{ max: 50, message: "地区不超过 50 个字" }]}>
            <Input placeholder="如：广东、江门" />
          </Form.Item>
          <FormButtons busy={busy} submit="保存" onCancel={() => setEditing(null)} />
        </Form>
      </Modal>

      <Modal open={!!merging} title={merging ? `合并：${merging.name}` : ""} onCancel={() => setMerging(null)} footer={null} destroyOnHidden forceRender>
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="合并后，本单位的任务、原文写法和绑定的填报账号都转到目标单位；本单位不再单独列出。此操作记入审计日志，不能撤销。"
        />
        <Form
          name="merge-body"
          form={mergeForm}
          layout="vertical"
          onFinish={async (v) => {
            if (!merging) return;
            const ok = await save(() => api.mergeBody(merging.id, v.into), `已将 ${merging.name} 并入目标单位`);
            if (ok) setMerging(null);
          }}
        >
          <Form.Item
            label="并入"
            name="into"
            rules={[
              { required: true, message: "请选择目标单位" },
              { validator: (_, v) => (v === merging?.id ? Promise.reject(new Error("不能并入本单位自己")) : Promise.resolve()) },
            ]}
          >
            <BodyPicker />
          </Form.Item>
          <FormButtons busy={busy} submit="合并" danger onCancel={() => setMerging(null)} />
        </Form>
      </Modal>
    </div>
  );
}
