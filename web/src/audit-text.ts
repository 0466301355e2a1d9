/**
 * The audit log in words: what each action and field is called, and what changed between an entry's record before
 * and after. Pure; unit-tested.
 */
import type { AuditAction } from "../../src/model/api";
import { fmtDate } from "./format";

// a Record over every action: one the server starts writing fails the type check until it is named here
export const ACTION_LABEL: Record<AuditAction, string> = {
  "document.ingest": "上传文件",
  "document.update": "修改公开状态",
  "document.publish": "公开文件",
  "document.unpublish": "取消公开",
  "document.delete": "删除文件",
  "document.restore": "恢复文件",
  "measure.update": "校正措施",
  "measure.due": "调整措施时限",
  "target.update": "校正量化指标",
  "target.create": "新增量化指标",
  "target.delete": "删除量化指标",
  "task.assign": "新增分工",
  "task.update": "调整分工",
  "task.delete": "移除单位",
  "report.create": "报送进展",
  "import.progress": "导入进展（Excel）",
  "import.assignments": "导入分工（Excel）",
  "comment.create": "督办意见",
  "suggestion.confirm": "确认建议单位",
  "suggestion.dismiss": "忽略建议单位",
  "body.merge": "合并责任单位",
  "body.update": "修改责任单位",
  "user.create": "新建用户",
  "user.update": "修改用户",
  "user.password_reset": "重置密码（命令行）",
  "auth.login": "登录",
  "auth.login_failed": "登录失败",
  "auth.password_failed": "修改密码失败",
  "notice.send": "发送督办通知",
  "report.approve": "审核通过",
  "report.close_request": "申请办结",
  "report.return": "退回报送",
  "task.acknowledge": "签收任务",
  "task.change_request": "申请调整分工",
  "task.change_refuse": "驳回调整申请",
  "task.transfer": "转交责任单位",
  "task.close": "审核通过并销号",
  "task.extend": "延期",
  "task.suspend": "中止任务",
  "task.resume": "恢复任务",
  "user.password": "修改本人密码",
  "user.rename": "用户重命名（升级）",
};

/** An entry's action in words; an action unknown to this version (a newer server) shows as written. */
export function actionLabel(action: string): string {
  return Object.hasOwn(ACTION_LABEL, action) ? ACTION_LABEL[action as AuditAction] : action;
}

export const ENTITY_LABEL: Record<string, string> = {
  document: "文件",
  measure: "措施",
  target: "量化指标",
  task: "任务",
  body: "责任单位",
  user: "用户",
  suggestion: "建议单位",
  notice: "督办通知",
  import: "导入的文件",
};

const FIELD_LABEL: Record<string, string> = {
  title: "标题",
  text: "原文",
  value: "数值",
  max: "上限值",
  unit: "单位",
  kind: "类型",
  deadline: "完成时限",
  indicator: "指标名称",
  cap: "封顶",
  published: "公开",
  deleted: "已删除",
  name: "名称",
  level: "层级",
  region: "地区",
  role: "角色",
  displayName: "姓名",
  disabled: "停用",
  bodyIds: "绑定单位",
  dueDate: "时限",
  dueSource: "时限来源",
  status: "状态",
  passwordChanged: "密码已修改",
  mergedInto: "并入单位",
  reportDate: "报送日期",
  complete: "申请办结",
  reason: "理由",
  timeLimit: "办理时限",
  closedOn: "办结日期",
  username: "用户名",
};

// ids that say where, not what: shown as the entry's object, not as a change
const CONTEXT_FIELDS = new Set(["documentId", "measureId", "targetId", "bodyId", "taskId", "id", "createdAt", "tasks", "aliases", "sha256", "bytes", "source"]);

const VALUE_LABEL: Record<string, Record<string, string>> = {
  kind: { target: "量化目标", incentive: "奖补政策", other: "其他数量" },
  role: { lead: "牵头", supporting: "配合", admin: "管理员", supervisor: "督查人员", editor: "填报单位" },
  status: { open: "待确认", confirmed: "已确认", dismissed: "已忽略" },
  dueSource: { targets: "量化目标", time: "原文时间", parent: "上级措施", validity: "有效期", period: "文件期限", none: "无" },
};

/** One value as people read it. */
export function formatValue(field: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? "是" : "否";
  if (Array.isArray(v)) return v.length ? v.map((x) => formatValue(field, x)).join("、") : "—";
  if (typeof v === "object") return JSON.stringify(v);
  const s = String(v);
  const mapped = VALUE_LABEL[field]?.[s];
  if (mapped) return mapped;
  if (/^\d{4}-\d\d-\d\d$/.test(s)) return fmtDate(s);
  return s;
}

export interface Change {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

const record = (x: unknown): Record<string, unknown> => (x && typeof x === "object" && !Array.isArray(x) ? (x as Record<string, unknown>) : {});

/**
 * The fields an entry changed, before and after, in the order the after record names them. A record made (no
 * before) lists what it holds; one removed (no after) what it held.
 */
export function changesOf(before: unknown, after: unknown): Change[] {
  const b = record(before);
  const a = record(after);
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !CONTEXT_FIELDS.has(k) && FIELD_LABEL[k]);
  const out: Change[] = [];
  for (const k of keys) {
    const bv = hasBefore ? formatValue(k, b[k]) : null;
    const av = hasAfter ? formatValue(k, a[k]) : null;
    if (hasBefore && hasAfter && (bv === av || !(k in a))) continue;
    // a step that adds what the record before it lacked (a return's reason, a closure's date) shows it as new
    out.push({ field: k, label: FIELD_LABEL[k]!, before: hasBefore && k in b ? bv : null, after: av });
  }
  return out;
}
