/** The buttons under a dialog's form: submit (busy while it saves) and cancel. */
import { Button, Space } from "antd";

export function FormButtons({ busy, submit, onCancel, danger, cancel = "取消" }: { busy: boolean; submit: string; onCancel?: () => void; danger?: boolean; cancel?: string }) {
  return (
    <Space>
      <Button type="primary" danger={danger} htmlType="submit" loading={busy}>
        {submit}
      </Button>
      {onCancel && <Button onClick={onCancel}>{cancel}</Button>}
    </Space>
  );
}
