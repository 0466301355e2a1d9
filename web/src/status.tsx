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
import { STATUS_LOOK, STATUS_ORDER } from "../../src/model/charts";

export { STATUS_ORDER };

/** the tag and icon of each status; its word, colour and symbol are shared with the server's charts (STATUS_LOOK) */
const SHOWN: Record<TaskStatus, { tag: string; icon: ReactNode }> = {
  not_started: { tag: "default", icon: <MinusCircleOutlined /> },
  in_progress: { tag: "processing", icon: <SyncOutlined /> },
  pending_review: { tag: "cyan", icon: <AuditOutlined /> },
  returned: { tag: "magenta", icon: <RollbackOutlined /> },
  done: { tag: "success", icon: <CheckCircleOutlined /> },
  done_late: { tag: "lime", icon: <IssuesCloseOutlined /> },
  at_risk: { tag: "warning", icon: <ClockCircleOutlined /> },
  overdue: { tag: "error", icon: <ExclamationCircleOutlined /> },
  suspended: { tag: "default", icon: <PauseCircleOutlined /> },
};

export const STATUS = Object.fromEntries(STATUS_ORDER.map((s) => [s, { ...STATUS_LOOK[s], ...SHOWN[s] }])) as Record<
  TaskStatus,
  { label: string; color: string; tag: string; icon: ReactNode; symbol: string }
>;

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
