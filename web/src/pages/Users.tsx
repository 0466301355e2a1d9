/** 用户管理 (admin): create users, set their role and bodies, disable them, reset a password. Every change is audited. */
import { App, Alert, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from "antd";
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { useAction } from "../action";
import { api, type Role, type User } from "../api";
import { useAuth } from "../auth";
import { fmtDateTime } from "../format";
import { BodyPicker } from "../measure-bodies";
import { ROLE_NAME } from "../status";
import { FormButtons } from "../form-buttons";

const PasswordDialog = lazy(() => import("./PasswordDialog"));

const ROLES: Array<{ value: Role; label: string }> = [
  { value: "admin", label: `${ROLE_NAME.admin}（全部权限）` },
  { value: "supervisor", label: `${ROLE_NAME.supervisor}（查看、督办、审计）` },
  { value: "editor", label: `${ROLE_NAME.editor}（报送本单位任务）` },
];
const MIN_PASSWORD = 10;

/** A password for someone to change: 16 characters from an alphabet without look-alikes (0/O, 1/l). */
export function generatePassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
}

const passwordRules = [
  { required: true, message: "请输入密码" },
  { min: MIN_PASSWORD, message: `密码至少 ${MIN_PASSWORD} 个字符` },
  { max: 200, message: "密码不超过 200 个字符" },
];

interface UserForm {
  username: string;
  displayName?: string;
  role: Role;
  bodyIds?: number[];
  region?: string;
  password: string;
}

function PasswordInput({ value, onChange, id }: { value?: string; onChange?: (v: string) => void; id?: string }) {
  return (
    <Space.Compact style={{ width: "100%" }}>
      <Input id={id} value={value} onChange={(e) => onChange?.(e.target.value)} autoComplete="new-password" />
      <Button onClick={() => onChange?.(generatePassword())}>随机生成</Button>
    </Space.Compact>
  );
}

/** 限定地区: a supervisor limited to the documents of one region (地区, as documents record it); empty reads all. */
function RegionItem() {
  return (
    <Form.Item label="限定地区" name="region" rules={[{ max: 100, message: "地区不超过 100 个字" }]} extra="只督查该地区的文件和任务（如 广州市）；留空则不限">
      <Input placeholder="不限" />
    </Form.Item>
  );
}

export default function Users() {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [users, setUsers] = useState<User[] | null>(null);
  const [names, setNames] = useState(new Map<number, string>());
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [changingOwn, setChangingOwn] = useState(false);
  const [shown, setShown] = useState<{ username: string; password: string } | null>(null);
  const [createForm] = Form.useForm<UserForm>();
  const [editForm] = Form.useForm<Omit<UserForm, "password" | "username">>();
  const [resetForm] = Form.useForm<{ password: string }>();

  const load = useCallback(async () => {
    const r = await api.users();
    setUsers(r.items);
    // the names of the bodies users are bound to
    const ids = [...new Set(r.items.flatMap((u) => u.bodyIds))];
    const found = await Promise.all(ids.map((id) => api.body(id).then((b) => [id, b.name] as const, () => [id, `单位 ${id}`] as const)));
    setNames(new Map(found));
  }, []);
  useEffect(() => {
    load().catch((e: Error) => message.error(`加载失败：${e.message}`));
  }, [load, message]);

  const { busy, run } = useAction(load);
  const save = (what: () => Promise<unknown>, ok: string) => run(what, { ok });

  const role = Form.useWatch("role", createForm);
  const editRole = Form.useWatch("role", editForm);
  const known = (ids: number[] | undefined) => (ids ?? []).map((id) => ({ id, name: names.get(id) ?? `单位 ${id}` }));

  return (
    <div className="page">
      <h1>用户管理</h1>
      <Card
        size="small"
        title={<h2>用户（{users?.length ?? 0}）</h2>}
        extra={
          <Button type="primary" onClick={() => (createForm.resetFields(), setCreating(true))}>
            新建用户
          </Button>
        }
      >
        <Table<User>
          rowKey="id"
          size="small"
          loading={!users}
          dataSource={users ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 960 }}
          columns={[
            { title: "用户名", dataIndex: "username", render: (s: string, u) => <span data-user={u.username}>{s}</span> },
            { title: "姓名", dataIndex: "displayName", render: (s: string | null) => s ?? "—" },
            { title: "角色", dataIndex: "role", width: 100, render: (r: Role) => <Tag color={r === "admin" ? "red" : r === "supervisor" ? "blue" : "green"}>{ROLE_NAME[r]}</Tag> },
            {
              title: "绑定责任单位",
              key: "bodies",
              render: (_: unknown, u) => (u.bodyIds.length ? u.bodyIds.map((id) => <Tag key={id}>{names.get(id) ?? `单位 ${id}`}</Tag>) : <span className="muted">—</span>),
            },
            { title: "限定地区", dataIndex: "region", width: 100, render: (r: string | null, u) => (u.role === "supervisor" ? (r ?? "全部") : <span className="muted">—</span>) },
            { title: "状态", dataIndex: "disabled", width: 80, render: (d: boolean) => (d ? <Tag>已停用</Tag> : <Tag color="green">启用</Tag>) },
            { title: "创建时间", dataIndex: "createdAt", width: 160, render: (s: string) => fmtDateTime(s) },
            {
              title: "操作",
              key: "ops",
              width: 220,
              render: (_: unknown, u) => (
                <Space size={4} wrap>
                  <Button size="small" aria-label={`编辑${u.username}`} onClick={() => (editForm.setFieldsValue({ displayName: u.displayName ?? "", role: u.role, bodyIds: u.bodyIds, region: u.region ?? "" }), setEditing(u))}>
                    编辑
                  </Button>
                  {u.id === me?.id ? (
                    // one's own password is changed giving the current one, which keeps this session (a reset would end it)
                    <Button size="small" aria-label={`修改${u.username}的密码`} onClick={() => setChangingOwn(true)}>
                      修改密码
                    </Button>
                  ) : (
                    <Button
                      size="small"
                      aria-label={`重置${u.username}的密码`}
                      onClick={() => (resetForm.setFieldsValue({ password: generatePassword() }), setResetting(u))}
                    >
                      重置密码
                    </Button>
                  )}
                  <Popconfirm
                    title={u.disabled ? `启用“${u.username}”？` : `停用“${u.username}”？`}
                    description={u.disabled ? undefined : "停用后该用户立即退出，不能再登录。"}
                    okText={u.disabled ? "启用" : "停用"}
                    cancelText="取消"
                    onConfirm={() => save(() => api.updateUser(u.id, { disabled: !u.disabled }), u.disabled ? "已启用" : "已停用")}
                  >
                    <Button size="small" danger={!u.disabled} disabled={u.id === me?.id} aria-label={`${u.disabled ? "启用" : "停用"}${u.username}`}>
                      {u.disabled ? "启用" : "停用"}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Modal open={creating} title="新建用户" onCancel={() => setCreating(false)} footer={null} destroyOnHidden>
        <Form
          name="new-user"
          form={createForm}
          layout="vertical"
          initialValues={{ role: "editor", password: generatePassword() }}
          onFinish={async (v) => {
            const ok = await save(
              () => api.createUser({
                  username: v.username.trim(),
                  password: v.password,
                  role: v.role,
                  displayName: v.displayName?.trim() || null,
                  bodyIds: v.role === "editor" ? (v.bodyIds ?? []) : [],
                  region: v.role === "supervisor" ? v.region?.trim() || null : null,
                }),
              `已创建用户 ${v.username}`,
            );
            if (ok) {
              setCreating(false);
              setShown({ username: v.username.trim(), password: v.password });
            }
          }}
        >
          <Form.Item
            label="用户名"
            name="username"
            rules={[
              { required: true, message: "请输入用户名" },
              { min: 2, max: 64, message: "用户名 2 至 64 个字符" },
              { pattern: /^[\p{L}\p{N}_.@-]+$/u, message: "用户名只能由字母、数字和 _ . @ - 组成" },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label="姓名" name="displayName" rules={[{ max: 100, message: "姓名不超过 100 个字符" }]}>
            <Input />
          </Form.Item>
          <Form.Item label="角色" name="role" rules={[{ required: true, message: "请选择角色" }]}>
            <Select options={ROLES} />
          </Form.Item>
          {role === "editor" && (
            <Form.Item label="绑定责任单位" name="bodyIds" extra="填报单位只能报送所绑定单位的任务">
              <BodyPicker multiple />
            </Form.Item>
          )}
          {role === "supervisor" && <RegionItem />}
          <Form.Item label="初始密码" name="password" rules={passwordRules} extra="请把密码告知本人；密码只在此处显示">
            <PasswordInput />
          </Form.Item>
          <FormButtons busy={busy} submit="创建" onCancel={() => setCreating(false)} />
        </Form>
      </Modal>

      <Modal open={!!editing} title={editing ? `编辑用户：${editing.username}` : ""} onCancel={() => setEditing(null)} footer={null} destroyOnHidden forceRender>
        <Form
          name="edit-user"
          form={editForm}
          layout="vertical"
          onFinish={async (v) => {
            if (!editing) return;
            const ok = await save(
              () => api.updateUser(editing.id, {
                displayName: v.displayName?.trim() || null,
                role: v.role,
                bodyIds: v.role === "editor" ? (v.bodyIds ?? []) : [],
                region: v.role === "supervisor" ? v.region?.trim() || null : null,
              }),
              `已保存 ${editing.username}`,
            );
            if (ok) setEditing(null);
          }}
        >
          <Form.Item label="姓名" name="displayName" rules={[{ max: 100, message: "姓名不超过 100 个字符" }]}>
            <Input />
          </Form.Item>
          <Form.Item label="角色" name="role" rules={[{ required: true, message: "请选择角色" }]}>
            <Select options={ROLES} disabled={editing?.id === me?.id} />
          </Form.Item>
          {editRole === "editor" && (
            <Form.Item label="绑定责任单位" name="bodyIds">
              <BodyPicker multiple known={known(editing?.bodyIds)} />
            </Form.Item>
          )}
          {editRole === "supervisor" && <RegionItem />}
          <FormButtons busy={busy} submit="保存" onCancel={() => setEditing(null)} />
        </Form>
      </Modal>

      {changingOwn && (
        <Suspense fallback={null}>
          <PasswordDialog onClose={() => setChangingOwn(false)} />
        </Suspense>
      )}
      <Modal open={!!resetting} title={resetting ? `重置密码：${resetting.username}` : ""} onCancel={() => setResetting(null)} footer={null} destroyOnHidden forceRender>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="重置后该用户当前的登录会话全部失效，需用新密码重新登录。" />
        <Form
          name="reset-password"
          form={resetForm}
          layout="vertical"
          onFinish={async (v) => {
            if (!resetting) return;
            const ok = await save(() => api.updateUser(resetting.id, { password: v.password }), `已重置 ${resetting.username} 的密码`);
            if (ok) {
              setShown({ username: resetting.username, password: v.password });
              setResetting(null);
            }
          }}
        >
          <Form.Item label="新密码" name="password" rules={passwordRules}>
            <PasswordInput />
          </Form.Item>
          <FormButtons busy={busy} submit="重置" onCancel={() => setResetting(null)} />
        </Form>
      </Modal>

      <Modal open={!!shown} title="密码（只显示这一次）" onCancel={() => setShown(null)} onOk={() => setShown(null)} okText="我已记下" cancelButtonProps={{ style: { display: "none" } }}>
        {shown && (
          <p>
            用户 <strong>{shown.username}</strong> 的密码：
            <Typography.Text code copyable={{ text: shown.password, tooltips: ["复制", "已复制"] }} data-testid="shown-password">
              {shown.password}
            </Typography.Text>
          </p>
        )}
      </Modal>
    </div>
  );
}
