/**
 * 导出 Excel / Word / CSV: the 任务分工表 of what the page shows, with its filters, downloaded with the session (the
 * cookie goes with a same-origin fetch), so an error is told on the page in Chinese rather than opened as a file.
 */
import { FileExcelOutlined, FileTextOutlined, FileWordOutlined } from "@ant-design/icons";
import { App, Button, Space } from "antd";
import { useState } from "react";
import { qs } from "./api";
import { download } from "./download";

export type ExportFormat = "xlsx" | "docx" | "csv";

const FORMATS: Array<{ format: ExportFormat; label: string; icon: React.ReactNode; title: string }> = [
  { format: "xlsx", label: "导出 Excel", icon: <FileExcelOutlined />, title: "Excel 任务分工表：各单位填写最新进展、完成数值和完成情况后可导回" },
  { format: "docx", label: "导出 Word", icon: <FileWordOutlined />, title: "Word 任务分工表：公文格式，A4 横向，便于打印和印发" },
  { format: "csv", label: "导出 CSV", icon: <FileTextOutlined />, title: "CSV：每项任务一行，便于其他程序处理" },
];

/**
 * The three buttons. `path` is the route (/api/documents/1/task-table or /api/tasks/export), `filters` the page's
 * current filters as query parameters.
 */
export function ExportButtons({ path, filters = {} }: { path: string; filters?: Record<string, string | number | boolean | undefined> }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const run = async (format: ExportFormat) => {
    setBusy(format);
    try {
      await download(`${path}${qs({ ...filters, format })}`, `任务分工表.${format}`);
    } catch (e) {
      message.error(`导出失败：${(e as Error).message}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space wrap size="small" className="export-buttons" data-testid="export-buttons">
      {FORMATS.map((f) => (
        <Button key={f.format} icon={f.icon} loading={busy === f.format} disabled={busy !== null && busy !== f.format} title={f.title} onClick={() => void run(f.format)}>
          {f.label}
        </Button>
      ))}
    </Space>
  );
}
