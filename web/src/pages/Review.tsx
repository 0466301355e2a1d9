/**
 * 校正解析结果 (admin): one measure at a time — its title and text, its quantities (value, unit, kind, deadline,
 * indicator name, cap) and its responsible bodies, the parser's suggested bodies included. Each change is saved at
 * once and audited with before and after; tasks and the public page read the corrected values.
 */
import { Alert, Breadcrumb, Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Spin, Table, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useAction } from "../action";
import { allPages, api, type DocumentDetail, type Measure, type Quantity, type QuantityKind } from "../api";
import { fmtAmount, fmtDate, fmtHeading, fmtQuantity } from "../format";
import { MeasureBodiesEditor, useBodyActions } from "../measure-bodies";
import { Link, navigate, useLocation } from "../router";
import { KIND_LABEL } from "../status";
import { FormButtons } from "../form-buttons";

interface QuantityForm {
  indicator?: string;
  value: number;
  max?: number | null;
  unit: string;
  kind: QuantityKind;
  deadline?: Dayjs | null;
  cap?: boolean;
  text?: string;
}

const KINDS = (Object.keys(KIND_LABEL) as QuantityKind[]).map((k) => ({ value: k, label: KIND_LABEL[k] }));


function MeasureText({ measure, onSaved }: { measure: Measure; onSaved: () => Promise<void> }) {
  const [form] = Form.useForm<{ title: string; text: string }>();
  const { busy, run } = useAction(onSaved);
  useEffect(() => form.setFieldsValue({ title: measure.title, text: measure.text }), [measure, form]);
  return (
    <Form
      name="measure"
      form={form}
      layout="vertical"
      onFinish={(v) => run(() => api.updateMeasure(measure.id, { title: v.title.trim(), text: v.text.trim() }), { ok: "已保存，记入审计日志", fail: "保存失败" })}
    >
      <Form.Item label="标题" name="title" rules={[{ required: true, whitespace: true, message: "标题不能为空" }, { max: 500, message: "标题不超过 500 个字" }]}>
        <Input />
      </Form.Item>
      <Form.Item label="正文" name="text" rules={[{ max: 100_000, message: "正文不超过 10 万字" }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        保存标题和正文
      </Button>
    </Form>
  );
}

function QuantityDialog({
  open,
  quantity,
  docDate,
  onCancel,
  onSave,
}: {
  open: boolean;
  quantity: Quantity | null;
  docDate: string | null;
  onCancel: () => void;
  onSave: (v: QuantityForm) => Promise<boolean>;
}) {
  const [form] = Form.useForm<QuantityForm>();
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch("kind", form);
  const value = Form.useWatch("value", form);
  const unit = Form.useWatch("unit", form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (quantity) {
      form.setFieldsValue({
        indicator: quantity.indicator ?? "",
        value: quantity.value,
        max: quantity.max,
        unit: quantity.unit,
        kind: quantity.kind,
        deadline: quantity.deadline ? dayjs(quantity.deadline) : null,
        cap: quantity.cap,
        text: quantity.text,
      });
    }
  }, [open, quantity, form]);
  return (
    <Modal open={open} title={quantity ? `校正量化指标：${quantity.text || fmtAmount(quantity)}` : "新增量化指标"} onCancel={onCancel} footer={null} forceRender>
      <Form
        name="quantity"
        form={form}
        layout="vertical"
        initialValues={{ kind: "target", cap: false }}
        onFinish={async (v) => {
          setBusy(true);
          try {
            await onSave(v);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item label="指标名称" name="indicator" rules={[{ max: 40, message: "指标名称不超过 40 个字" }]} extra="数量衡量的是什么，如：5G基站、5G用户数">
          <Input />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item
            label="数值"
            name="value"
            rules={[{ required: true, message: "请输入数值" }, { type: "number", min: 0, message: "数值不能为负数" }]}
            extra={typeof value === "number" ? `即 ${fmtQuantity(value, unit ?? "")}` : undefined}
          >
            <InputNumber style={{ width: 150 }} />
          </Form.Item>
          <Form.Item
            label="区间上限"
            name="max"
            dependencies={["value"]}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v) => (v === null || v === undefined || v >= (getFieldValue("value") ?? 0) ? Promise.resolve() : Promise.reject(new Error("上限不能小于数值"))),
              }),
            ]}
          >
            <InputNumber style={{ width: 150 }} placeholder="无" />
          </Form.Item>
          <Form.Item label="单位" name="unit" rules={[{ required: true, whitespace: true, message: "请输入单位" }, { max: 20, message: "单位不超过 20 个字" }]}>
            <Input style={{ width: 100 }} placeholder="个、座、%" />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item label="类型" name="kind" rules={[{ required: true, message: "请选择类型" }]}>
            <Select style={{ width: 140 }} options={KINDS} />
          </Form.Item>
          <Form.Item
            label="完成时限"
            name="deadline"
            rules={[
              {
                validator: (_, v: Dayjs | null | undefined) =>
                  !v || !docDate || !v.isBefore(dayjs(docDate), "day") ? Promise.resolve() : Promise.reject(new Error(`不能早于成文日期 ${fmtDate(docDate)}`)),
              },
            ]}
          >
            <DatePicker disabled={kind !== "target"} disabledDate={(d) => (docDate ? d.isBefore(dayjs(docDate), "day") : false) || d.year() > 2100} />
          </Form.Item>
        </Space>
        <Form.Item name="cap" valuePropName="checked">
          <Checkbox>数值是上限（最高、不超过），不是固定额度</Checkbox>
        </Form.Item>
        <Form.Item label="原文写法" name="text" rules={[{ max: 200, message: "不超过 200 个字" }]}>
          <Input />
        </Form.Item>
        <FormButtons busy={busy} submit="保存" onCancel={onCancel} />
      </Form>
    </Modal>
  );
}

export default function Review({ id }: { id: number }) {
  const { query } = useLocation();
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  const [measures, setMeasures] = useState<Measure[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ quantity: Quantity | null } | null>(null);

  const load = useCallback(async () => {
    const [d, ms] = await Promise.all([api.document(id), allPages((page) => api.measures({ document: id, page, pageSize: 200 }))]);
    setDoc(d);
    setMeasures(ms);
  }, [id]);
  useEffect(() => {
    load().catch((e: Error) => setError(e.message));
  }, [load]);
  const actions = useBodyActions(load);
  const { run } = useAction(load);

  const chosen = Number(query.get("measure")) || measures?.[0]?.id;
  const measure = useMemo(() => measures?.find((m) => m.id === chosen) ?? null, [measures, chosen]);
  const index = measures && measure ? measures.indexOf(measure) : -1;
  const choose = (m: Measure | undefined) => m && navigate(`/documents/${id}/review?measure=${m.id}`, true);

  const saveQuantity = async (v: QuantityForm): Promise<boolean> => {
    if (!measure) return false;
    const fields = {
      indicator: v.indicator?.trim() || null,
      value: v.value,
      max: v.max ?? null,
      unit: v.unit.trim(),
      kind: v.kind,
      deadline: v.kind === "target" && v.deadline ? v.deadline.format("YYYY-MM-DD") : null,
      cap: v.cap ?? false,
      ...(v.text?.trim() ? { text: v.text.trim() } : {}),
    };
    const editing = dialog?.quantity;
    const ok = await run(() => (editing ? api.updateQuantity(editing.id, fields) : api.addQuantity(measure.id, fields)), { ok: "已保存，记入审计日志", fail: "保存失败" });
    if (ok) setDialog(null);
    return ok;
  };

  const removeQuantity = (q: Quantity) => run(() => api.deleteQuantity(q.id), { ok: "已删除，记入审计日志", fail: "删除失败" });

  if (error) return <div className="page"><Alert type="error" showIcon title={error} /></div>;
  if (!doc || !measures) return <Spin size="large" style={{ display: "block", margin: "80px auto" }} />;
  return (
    <div className="page">
      <Breadcrumb
        items={[{ title: <Link to="/documents">政策文件</Link> }, { title: <Link to={`/documents/${id}`}>{doc.title ?? doc.source}</Link> }, { title: "校正解析结果" }]}
        style={{ marginBottom: 8 }}
      />
      <h1>校正解析结果</h1>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap style={{ width: "100%" }}>
          <label htmlFor="review-measure">措施</label>
          <Select
            id="review-measure"
            showSearch={{ optionFilterProp: "label" }}
            style={{ width: 560, maxWidth: "calc(100vw - 72px)" }}
            value={measure?.id}
            onChange={(v) => choose(measures.find((m) => m.id === v))}
            options={measures.map((m) => ({ value: m.id, label: fmtHeading(m.label, m.title) }))}
          />
          <Button disabled={index <= 0} onClick={() => choose(measures[index - 1])}>
            上一条
          </Button>
          <Button disabled={index < 0 || index >= measures.length - 1} onClick={() => choose(measures[index + 1])}>
            下一条
          </Button>
        </Space>
      </Card>
      {!measure ? (
        <Empty description="此文件没有措施" />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card size="small" title={<h2>{fmtHeading(measure.label, "标题与正文")}</h2>}>
              <MeasureText measure={measure} onSaved={load} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card
              size="small"
              title={<h2>量化指标</h2>}
              extra={
                <Button size="small" onClick={() => setDialog({ quantity: null })}>
                  新增
                </Button>
              }
              style={{ marginBottom: 16 }}
            >
              <Table<Quantity>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={measure.quantities}
                locale={{ emptyText: "没有数量" }}
                scroll={{ x: 560 }}
                data-testid="review-quantities"
                columns={[
                  { title: "指标名称", dataIndex: "indicator", render: (s: string | null) => s ?? <span className="muted">未识别</span> },
                  { title: "数量", key: "amount", render: (_: unknown, q) => fmtAmount(q) },
                  { title: "类型", dataIndex: "kind", width: 90, render: (k: QuantityKind) => <Tag color={k === "target" ? "blue" : k === "incentive" ? "gold" : undefined}>{KIND_LABEL[k]}</Tag> },
                  { title: "时限", dataIndex: "deadline", width: 120, render: (s: string | null) => fmtDate(s) },
                  {
                    title: "操作",
                    key: "ops",
                    width: 120,
                    render: (_: unknown, q) => (
                      <Space size={4}>
                        <Button size="small" aria-label={`校正${q.indicator ?? q.text}`} onClick={() => setDialog({ quantity: q })}>
                          校正
                        </Button>
                        <Popconfirm title="删除这个数量？" description="已有进展报送填报的指标不能删除。" okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => removeQuantity(q)}>
                          <Button size="small" danger aria-label={`删除${q.indicator ?? q.text}`}>
                            删除
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]}
              />
              <div className="muted" style={{ marginTop: 8 }}>
                完成时限：{fmtDate(measure.dueDate)}（任务时限随量化目标的时限调整）
              </div>
            </Card>
            <Card size="small" title={<h2>责任单位</h2>}>
              <MeasureBodiesEditor measure={measure} actions={actions} />
            </Card>
          </Col>
        </Row>
      )}
      <QuantityDialog open={!!dialog} quantity={dialog?.quantity ?? null} docDate={doc.date} onCancel={() => setDialog(null)} onSave={saveQuantity} />
      <p style={{ marginTop: 16 }}>
        <Link to={`/admin/audit?document=${id}`}>查看本文件的修改记录</Link>
      </p>
    </div>
  );
}
