/** Task status: always an icon and a word beside the colour, never colour alone. */
import {
  AuditOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  IssuesCloseOutlined,
  MinusCircleOutlined,
  PauseCircleOutlined,
  RollbackOutlined,
  SyncOutlined,
} from "@ant-design/icons";
import { Tag } from "antd";
import type { ReactNode } from "react";
import type { TaskStatus } from "./api";

export const STATUS_ORDER: TaskStatus[] = ["overdue", "at_risk", "returned", "pending_review", "in_progress", "not_started", "done", "done_late", "suspended"];

export const STATUS: Record<TaskStatus, { label: string; color: string; tag: string; icon: ReactNode; symbol: string }> = {
  not_started: { label: "未开始", color: "#8c8c8c", tag: "default", icon: <MinusCircleOutlined />, symbol: "○" },
  in_progress: { label: "推进中", color: "#1677ff", tag: "processing", icon: <SyncOutlined />, symbol: "◐" },
  pending_review: { label: "待审核", color: "#13a8a8", tag: "cyan", icon: <AuditOutlined />, symbol: "◇" },
  returned: { label: "已退回", color: "#c41d7f", tag: "magenta", icon: <RollbackOutlined />, symbol: "↩" },
  done: { label: "已办结", color: "#389e0d", tag: "success", icon: <CheckCircleOutlined />, symbol: "●" },
  done_late: { label: "逾期办结", color: "#7c8a00", tag: "lime", icon: <IssuesCloseOutlined />, symbol: "◍" },
  at_risk: { label: "有风险", color: "#d48806", tag: "warning", icon: <ClockCircleOutlined />, symbol: "△" },
  overdue: { label: "已逾期", color: "#cf1322", tag: "error", icon: <ExclamationCircleOutlined />, symbol: "✕" },
  suspended: { label: "已中止", color: "#595959", tag: "default", icon: <PauseCircleOutlined />, symbol: "‖" },
};

export function StatusTag({ status, reason }: { status: TaskStatus; reason?: string }) {
  const s = STATUS[status];
  return (
    <Tag color={s.tag} icon={s.icon} title={reason} data-status={status}>
      {s.label}
    </Tag>
  );
}

export const ROLE_LABEL = { lead: "牵头", supporting: "配合" } as const;
export const KIND_LABEL = { target: "量化目标", incentive: "奖补政策", other: "其他数量" } as const;
export const ROLE_NAME = { admin: "管理员", supervisor: "督查人员", editor: "填报单位" } as const;
