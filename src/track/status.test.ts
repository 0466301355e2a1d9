import { describe, expect, it } from "vitest";
import { behindLinearPath, deriveStatus, elapsedShare, type StatusInput } from "./status.js";

const base: StatusInput = {
  due: "2020-12-31",
  start: "2020-01-01",
  reports: 0,
  latestComplete: false,
  targets: [],
  today: "2020-03-01",
};

describe("status rules", () => {
  it("not started: no report, not near the due date", () => {
    expect(deriveStatus(base).status).toBe("not_started");
  });

  it("in progress: a report, on track", () => {
    expect(deriveStatus({ ...base, reports: 1 }).status).toBe("in_progress");
    expect(deriveStatus({ ...base, reports: 2, targets: [{ target: 100, latest: 50 }] }).status).toBe("in_progress");
  });

  it("done: the latest report declares completion, even past the due date", () => {
    expect(deriveStatus({ ...base, reports: 1, latestComplete: true, today: "2021-06-01" }).status).toBe("done");
  });

  it("done: every target reached by its latest value", () => {
    const r = deriveStatus({ ...base, reports: 2, targets: [{ target: 48000, latest: 48000 }, { target: 90, latest: 95 }] });
    expect(r.status).toBe("done");
  });

  it("not done when only some targets are reached", () => {
    const r = deriveStatus({ ...base, reports: 2, targets: [{ target: 48000, latest: 48000 }, { target: 90, latest: null }] });
    expect(r.status).not.toBe("done");
  });

  it("overdue: past the due date and not done", () => {
    expect(deriveStatus({ ...base, today: "2021-01-01" }).status).toBe("overdue");
    expect(deriveStatus({ ...base, reports: 3, today: "2021-01-01" }).status).toBe("overdue");
  });

  it("not overdue on the due date itself", () => {
    expect(deriveStatus({ ...base, today: "2020-12-31" }).status).toBe("at_risk");
  });

  it("at risk: due within 30 days and incomplete", () => {
    expect(deriveStatus({ ...base, reports: 1, today: "2020-12-01" }).status).toBe("at_risk");
    expect(deriveStatus({ ...base, reports: 1, today: "2020-11-30" }).status).toBe("in_progress");
  });

  it("at risk: behind a linear path to the target", () => {
    // half the year gone, a quarter of the target built
    const r = deriveStatus({ ...base, reports: 1, today: "2020-07-01", targets: [{ target: 1000, latest: 250 }] });
    expect(r.status).toBe("at_risk");
    expect(r.reasonCode).toBe("behind_path");
    expect(r.reason).toBe("进度落后：已完成 250/1000，时间已过 50%");
    // on the line: not at risk
    expect(
      deriveStatus({ ...base, reports: 1, today: "2020-07-01", targets: [{ target: 1000, latest: 600 }] }).status,
    ).toBe("in_progress");
  });

  it("says which rule decided, in Chinese, with a stable code", () => {
    const overdue = deriveStatus({ ...base, today: "2021-01-01" });
    expect(overdue).toEqual({ status: "overdue", reasonCode: "past_due", reason: "时限 2020年12月31日，尚未完成" });
    expect(deriveStatus({ ...base, today: "2020-12-01" }).reason).toBe("30 天内到期，尚未完成");
    expect(deriveStatus({ ...base, reports: 1, latestComplete: true }).reason).toBe("最近一次报送申报已完成");
    expect(deriveStatus({ ...base, reports: 1, targets: [{ target: 5, latest: 5 }] }).reason).toBe("各项目标均已达到");
    expect(deriveStatus({ ...base, reports: 1 }).reason).toBe("已报送进展，尚未完成");
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
  it("holds for every status deriveStatus gives, over a grid of inputs", async () => {
    const { prefilterHolds } = await import("./status.js");
    const dues = [null, "2020-01-15", "2020-05-31", "2020-06-01", "2020-06-20", "2020-07-01", "2020-07-02", "2021-01-01"];
    let checked = 0;
    for (const due of dues)
      for (const reports of [0, 1, 3])
        for (const latestComplete of reports ? [false, true] : [false])
          for (const latest of reports ? [null, 0, 40, 100] : [null]) {
            const input: StatusInput = { due, start: "2020-01-01", reports, latestComplete, targets: [{ target: 100, latest }], today: "2020-06-01" };
            const s = deriveStatus(input).status;
            expect(prefilterHolds(s, input), `${s} ${JSON.stringify(input)}`).toBe(true);
            checked++;
          }
    expect(checked).toBeGreaterThan(50);
  });
});
