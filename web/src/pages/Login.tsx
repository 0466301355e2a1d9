import { Alert, Button, Card, Form, Input } from "antd";
import { useState } from "react";
import { api, ApiError } from "../api";
import { useAuth } from "../auth";
import { Link, navigate } from "../router";

export default function Login() {
  const { refresh } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api.login(v.username, v.password);
      await refresh();
      const next = new URLSearchParams(location.search).get("next");
      navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : "/", true);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? "用户名或密码错误" : e instanceof ApiError && e.status === 429 ? "登录失败次数过多，请稍后再试" : `登录失败：${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="page" style={{ maxWidth: 420 }}>
      <Card>
        <h1>工作人员登录</h1>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: "请输入用户名" }]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: "请输入密码" }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            登录
          </Button>
        </Form>
        <p style={{ marginTop: 16 }}>
          公众可直接查看 <Link to="/public">政策公开</Link>，无需登录。
        </p>
      </Card>
    </div>
  );
}
