import { describe, expect, it } from "vitest";
import { behindLinearPath, deriveStatus, elapsedShare, prefilterHolds, type ReviewState, type StatusInput } from "./status.js";

const base: StatusInput = {
  due: "2020-12-31",
  start: "2020-01-01",
  reports: 0,
  latest: null,
  closedOn: null,
  suspended: false,
  targets: [],
  today: "2020-03-01",
};
/** one report that counts, reviewed as given */
const reported = (review: ReviewState, complete = false): Partial<StatusInput> => ({ reports: review === "returned" ? 0 : 1, latest: { complete, review } });

describe("status rules", () => {
  it("not started: no report, not near the due date", () => {
    expect(deriveStatus(base).status).toBe("not_started");
  });

  it("in progress: an approved report, on track", () => {
    expect(deriveStatus({ ...base, ...reported("approved") }).status).toBe("in_progress");
    expect(deriveStatus({ ...base, ...reported("approved"), targets: [{ target: 100, latest: 50 }] }).status).toBe("in_progress");
  });

  it("suspended: before every other rule, even past the due date", () => {
    const r = deriveStatus({ ...base, suspended: true, today: "2021-06-01", ...reported("pending", true) });
    expect(r).toEqual({ status: "suspended", reasonCode: "suspended", reason: "管理员已中止此任务" });
  });

  it("done: an approved request to close, on or before the due date", () => {
    const r = deriveStatus({ ...base, ...reported("approved", true), closedOn: "2020-12-31", today: "2021-06-01" });
    expect(r).toEqual({ status: "done", reasonCode: "closed", reason: "2020年12月31日办结，已销号" });
    expect(deriveStatus({ ...base, due: null, closedOn: "2020-05-01" }).status).toBe("done");
  });

  it("done late (逾期办结): an approved request to close dated after the due date", () => {
    const r = deriveStatus({ ...base, ...reported("approved", true), closedOn: "2021-01-05", today: "2021-02-01" });
    expect(r).toEqual({ status: "done_late", reasonCode: "closed_late", reason: "2021年1月5日办结，晚于时限 2020年12月31日" });
  });

  it("a request to close is not done until it is approved: pending review, even once the due date passed", () => {
    const r = deriveStatus({ ...base, ...reported("pending", true), today: "2021-01-10" });
    expect(r).toEqual({ status: "pending_review", reasonCode: "close_requested", reason: "已申请办结，待审核" });
  });

  it("a returned request to close is not done; past the due date the task is overdue", () => {
    expect(deriveStatus({ ...base, ...reported("returned", true) }).status).toBe("returned");
    expect(deriveStatus({ ...base, ...reported("returned", true), today: "2021-01-10" }).status).toBe("overdue");
  });

  it("overdue: past the due date and not closed", () => {
    expect(deriveStatus({ ...base, today: "2021-01-01" }).status).toBe("overdue");
    expect(deriveStatus({ ...base, ...reported("approved"), today: "2021-01-01" }).status).toBe("overdue");
  });

  it("overdue before an ordinary report awaiting review", () => {
    expect(deriveStatus({ ...base, ...reported("pending"), today: "2021-01-01" }).status).toBe("overdue");
  });

  it("pending review: the latest report is not reviewed yet", () => {
    const r = deriveStatus({ ...base, ...reported("pending") });
    expect(r).toEqual({ status: "pending_review", reasonCode: "report_pending", reason: "最近一次报送待审核" });
  });

  it("returned: the latest report was returned and nothing was reported since", () => {
    const r = deriveStatus({ ...base, ...reported("returned") });
    expect(r).toEqual({ status: "returned", reasonCode: "report_returned", reason: "最近一次报送被退回，请重新报送" });
  });

  it("a returned report counts for nothing: with no other report, nothing counts toward in progress", () => {
    // returned and then a new report that is approved: in progress again
    expect(deriveStatus({ ...base, reports: 1, latest: { complete: false, review: "approved" } }).status).toBe("in_progress");
  });

  it("not overdue on the due date itself", () => {
    expect(deriveStatus({ ...base, today: "2020-12-31" }).status).toBe("at_risk");
  });

  it("at risk: due within 30 days and not closed", () => {
    expect(deriveStatus({ ...base, ...reported("approved"), today: "2020-12-01" }).status).toBe("at_risk");
    expect(deriveStatus({ ...base, ...reported("approved"), today: "2020-11-30" }).status).toBe("in_progress");
  });

  it("every target reached by approved values: in progress, to be closed, not at risk", () => {
    const r = deriveStatus({ ...base, ...reported("approved"), today: "2020-12-20", targets: [{ target: 48000, latest: 48000 }, { target: 90, latest: 95 }] });
    expect(r).toEqual({ status: "in_progress", reasonCode: "targets_reached", reason: "各项目标均已达到，可申请办结" });
    const some = deriveStatus({ ...base, ...reported("approved"), targets: [{ target: 48000, latest: 48000 }, { target: 90, latest: null }] });
    expect(some.reasonCode).not.toBe("targets_reached");
  });

  it("at risk: behind a linear path to the target", () => {
    // half the year gone, a quarter of the target built
    const r = deriveStatus({ ...base, ...reported("approved"), today: "2020-07-01", targets: [{ target: 1000, latest: 250 }] });
    expect(r.status).toBe("at_risk");
    expect(r.reasonCode).toBe("behind_path");
    expect(r.reason).toBe("进度落后：已完成 250/1000，时间已过 50%");
    // on the line: not at risk
    expect(deriveStatus({ ...base, ...reported("approved"), today: "2020-07-01", targets: [{ target: 1000, latest: 600 }] }).status).toBe("in_progress");
  });

  it("says which rule decided, in Chinese, with a stable code", () => {
    expect(deriveStatus({ ...base, today: "2021-01-01" })).toEqual({ status: "overdue", reasonCode: "past_due", reason: "时限 2020年12月31日，尚未办结" });
    expect(deriveStatus({ ...base, today: "2020-12-01" }).reason).toBe("30 天内到期，尚未办结");
    expect(deriveStatus({ ...base, ...reported("approved") }).reason).toBe("已报送进展，尚未办结");
    expect(deriveStatus(base).reason).toBe("尚未报送");
  });

  it("no due date: never overdue nor at risk by time", () => {
    expect(deriveStatus({ ...base, due: null, today: "2030-01-01" }).status).toBe("not_started");
  });

  it("elapsed share is clamped and needs both ends", () => {
    expect(elapsedShare("2020-01-01", "2020-12-31", "2019-01-01")).toBe(0);
    expect(elapsedShare("2020-01-01", "2020-12-31", "2022-01-01")).toBe(1);
    expect(elapsedShare(null, "2020-12-31", "2020-06-01")).toBeNull();
    expect(behindLinearPath({ target: 10, latest: null }, 0.9)).toBe(false);
  });
});

describe("status prefilter (the SQL shortcut of a status filter)", () => {
  it("holds for every status deriveStatus gives, over a grid of inputs", () => {
    const dues = [null, "2020-01-15", "2020-05-31", "2020-06-01", "2020-06-20", "2020-07-01", "2020-07-02", "2021-01-01"];
    const latests: StatusInput["latest"][] = [null];
    for (const review of ["pending", "approved", "returned"] as const) for (const complete of [false, true]) latests.push({ complete, review });
    const seen = new Set<string>();
    let checked = 0;
    for (const due of dues)
      for (const latest of latests)
        for (const closedOn of latest?.complete && latest.review === "approved" ? [null, "2020-05-01", "2020-12-01"] : [null])
          for (const suspended of [false, true])
            for (const value of latest ? [null, 0, 40, 100] : [null]) {
              const reports = latest ? (latest.review === "returned" ? 0 : 1) : 0;
              const input = { due, start: "2020-01-01", reports, latest, closedOn, suspended, targets: [{ target: 100, latest: value }], today: "2020-06-01", anyReport: latest !== null };
              const s = deriveStatus(input).status;
              seen.add(s);
              expect(prefilterHolds(s, input), `${s} ${JSON.stringify(input)}`).toBe(true);
              checked++;
            }
    expect(checked).toBeGreaterThan(200);
    expect(seen.size).toBe(9);
  });
});
