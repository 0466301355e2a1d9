import { Alert, Form, Input, Modal } from "antd";
import { useState } from "react";
import { api, ApiError } from "../api";

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码: the user's own password, given the current one. The server checks the policy and says what is wrong. */
export default function PasswordDialog({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      await api.changePassword(v.currentPassword, v.newPassword);
      setDone(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : `修改失败：${(e as Error).message}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title="修改密码"
      okText={done ? "完成" : "确认修改"}
      cancelText="取消"
      confirmLoading={saving}
      cancelButtonProps={{ style: done ? { display: "none" } : undefined }}
      onOk={() => (done ? onClose() : form.submit())}
      onCancel={onClose}
      destroyOnHidden
    >
      {done ? (
        <Alert type="success" showIcon message="密码已修改" description="其他设备上的登录已失效，需用新密码重新登录。" />
      ) : (
        <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: "请输入当前密码" }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            extra="至少 10 个字符，含大写字母、小写字母、数字、符号中的三类（或不少于 16 个字符），不含用户名，不用常见密码"
            rules={[{ required: true, message: "请输入新密码" }, { min: 10, message: "至少 10 个字符" }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="再次输入新密码"
            name="confirm"
            dependencies={["newPassword"]}
            rules={[
              { required: true, message: "请再次输入新密码" },
              ({ getFieldValue }) => ({
                validator: (_, value) => (!value || value === getFieldValue("newPassword") ? Promise.resolve() : Promise.reject(new Error("两次输入的新密码不一致"))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon message={error} />}
        </Form>
      )}
    </Modal>
  );
}
