/**
 * A measure's responsible bodies, edited by an admin: change a body's role, remove it, confirm or dismiss a body the
 * parser suggested (建议责任单位), add one. Shared by the task-division table's dialog and the correction page.
 */
import { Button, Form, List, Popconfirm, Select, Spin, Tag } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { useAction } from "./action";
import { api, type Body, type Measure, type Suggestion } from "./api";
import { ROLE_LABEL } from "./status";
import { FormButtons } from "./form-buttons";

/** Finds a responsible body by name on the server as the user types; one body, or several with `multiple`. */
export function BodyPicker({
  value,
  onChange,
  id,
  multiple,
  known = [],
}: {
  value?: number | number[];
  onChange?: (v: never) => void;
  id?: string;
  multiple?: boolean;
  /** bodies already chosen, so that their names show before any search */
  known?: Array<{ id: number; name: string }>;
}) {
  const [options, setOptions] = useState<Body[]>([]);
  const [searching, setSearching] = useState(false);
  // answers may come back out of order (the empty search on opening after the name typed since): the latest
  // search's answer alone is shown. Until it comes the list is empty with a spinner, not the previous answer, or
  // the reader would click a name that the answer then moves or removes under the pointer.
  const asked = useRef(0);
  const search = useCallback((q: string) => {
    const n = ++asked.current;
    setOptions([]);
    setSearching(true);
    const settle = (items: Body[]) => {
      if (n !== asked.current) return;
      setOptions(items);
      setSearching(false);
    };
    api.bodies({ q: q || undefined, pageSize: 30 }).then((r) => settle(r.items), () => settle([]));
  }, []);
  useEffect(() => search(""), [search]);
  const shown = new Map<number, string>(known.map((b) => [b.id, b.name]));
  for (const b of options) if (!b.mergedInto) shown.set(b.id, b.name);
  return (
    <Select
      id={id}
      mode={multiple ? "multiple" : undefined}
      showSearch={{ filterOption: false, onSearch: search }}
      value={value}
      onChange={onChange as (v: unknown) => void}
      placeholder="输入单位名称查找"
      notFoundContent={searching ? <Spin size="small" /> : "没有名称相符的单位"}
      options={[...shown].map(([v, label]) => ({ value: v, label }))}
    />
  );
}

export interface BodyActions {
  saving: boolean;
  assign: (m: Measure, bodyId: number, role: "lead" | "supporting") => Promise<boolean>;
  remove: (taskId: number) => Promise<void>;
  decide: (s: Suggestion, confirm: boolean) => Promise<void>;
}

/** What an admin does to a measure's bodies, each change followed by `reload`. */
export function useBodyActions(reload: () => Promise<void>): BodyActions {
  const { busy, run } = useAction(reload);
  return {
    saving: busy,
    assign: (m, bodyId, role) =>
      run(
        async () => {
          // one lead: the former lead becomes supporting when another body takes the lead
          if (role === "lead") for (const b of m.bodies) if (b.role === "lead" && b.bodyId !== bodyId) await api.assign(m.id, b.bodyId, "supporting");
          await api.assign(m.id, bodyId, role);
        },
        { ok: "分工已保存并记入审计日志", fail: "保存失败" },
      ),
    remove: async (taskId) => {
      await run(() => api.removeTask(taskId), { ok: "已移除该单位，记入审计日志", fail: "移除失败" });
    },
    decide: async (s, confirm) => {
      if (confirm) {
        await run(() => api.confirmSuggestion(s.id), {
          ok: (r) => (r.created ? `已确认：${r.bodyName} 列入分工，记入审计日志` : `已确认：${r.bodyName} 已在分工中`),
          fail: "操作失败",
        });
      } else {
        await run(() => api.dismissSuggestion(s.id), { ok: `已忽略建议：${s.name}`, fail: "操作失败" });
      }
    },
  };
}

/** The bodies of one measure with what an admin can do to them. `onAssigned` runs after a body was added. */
export function MeasureBodiesEditor({ measure, actions, onAssigned, onClose }: { measure: Measure; actions: BodyActions; onAssigned?: () => void; onClose?: () => void }) {
  const [form] = Form.useForm<{ bodyId: number; role: "lead" | "supporting" }>();
  const { saving, assign, remove, decide } = actions;
  return (
    <>
      <h3 style={{ fontSize: 15 }}>现有单位</h3>
      <List
        size="small"
        dataSource={measure.bodies}
        locale={{ emptyText: "尚未分工" }}
        data-testid="measure-bodies"
        renderItem={(b) => (
          <List.Item
            actions={[
              b.role === "lead" ? (
                <Button key="s" size="small" loading={saving} onClick={() => assign(measure, b.bodyId, "supporting")}>
                  改为配合
                </Button>
              ) : (
                <Button key="l" size="small" loading={saving} onClick={() => assign(measure, b.bodyId, "lead")}>
                  设为牵头
                </Button>
              ),
              <Popconfirm
                key="rm"
                title={`从本条措施移除“${b.bodyName}”？`}
                description="已有进展报送或督办意见的任务不能移除。"
                okText="移除"
                cancelText="取消"
                okButtonProps={{ danger: true }}
                onConfirm={() => remove(b.taskId)}
              >
                <Button size="small" danger loading={saving} aria-label={`移除${b.bodyName}`}>
                  移除
                </Button>
              </Popconfirm>,
            ]}
          >
            {b.bodyName} <Tag>{ROLE_LABEL[b.role]}</Tag>
          </List.Item>
        )}
      />
      {measure.suggestions.length > 0 && (
        <>
          <h3 style={{ fontSize: 15, marginTop: 16 }}>建议责任单位</h3>
          <div className="muted" style={{ marginBottom: 4 }}>从原文语句识别，确认后列入分工</div>
          <List
            size="small"
            dataSource={measure.suggestions}
            data-testid="dialog-suggestions"
            renderItem={(s) => (
              <List.Item
                actions={[
                  <Button key="ok" size="small" type="primary" ghost loading={saving} onClick={() => decide(s, true)}>
                    确认
                  </Button>,
                  <Button key="no" size="small" loading={saving} onClick={() => decide(s, false)}>
                    忽略
                  </Button>,
                ]}
              >
                {s.name} <Tag>{ROLE_LABEL[s.role]}</Tag>
              </List.Item>
            )}
          />
        </>
      )}
      <h3 style={{ fontSize: 15, marginTop: 16 }}>增加单位</h3>
      <Form
        name={`bodies-${measure.id}`}
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          if (await assign(measure, v.bodyId, v.role)) {
            form.resetFields();
            onAssigned?.();
          }
        }}
        initialValues={{ role: "supporting" }}
      >
        <Form.Item label="责任单位" name="bodyId" rules={[{ required: true, message: "请选择单位" }]}>
          <BodyPicker />
        </Form.Item>
        <Form.Item label="角色" name="role">
          <Select options={[{ value: "lead", label: "牵头" }, { value: "supporting", label: "配合" }]} />
        </Form.Item>
        <FormButtons busy={saving} submit="增加" onCancel={onClose} cancel="关闭" />
      </Form>
    </>
  );
}
