/** The queue's and the parse threads' settings from the environment: read, or refused with a reason in Chinese. */
import { describe, expect, it } from "vitest";
import { parseLimitsFrom } from "./parse-threads.js";
import { DEFAULT_JOB_SETTINGS, jobSettingsFrom, workerCount } from "./queue.js";

describe("job settings", () => {
  it("reads the heartbeat and retries, the defaults when unset", () => {
    expect(jobSettingsFrom({})).toEqual(DEFAULT_JOB_SETTINGS);
    expect(jobSettingsFrom({ LUOSHI_JOB_HEARTBEAT_SECONDS: "45", LUOSHI_JOB_RETRIES: "0" })).toEqual({ heartbeatSeconds: 45, retries: 0 });
  });

  it("refuses a value it cannot use, saying in Chinese what it takes", () => {
    expect(() => jobSettingsFrom({ LUOSHI_JOB_HEARTBEAT_SECONDS: "5" })).toThrow("LUOSHI_JOB_HEARTBEAT_SECONDS 须为不小于 10 的整数（秒），而不是“5”");
    expect(() => jobSettingsFrom({ LUOSHI_JOB_RETRIES: "-1" })).toThrow("LUOSHI_JOB_RETRIES 须为不小于 0 的整数，而不是“-1”");
    expect(() => workerCount("two", "LUOSHI_WORKERS")).toThrow("LUOSHI_WORKERS 须为不小于 0 的整数，而不是“two”");
    expect(workerCount("3", "LUOSHI_WORKERS")).toBe(3);
    expect(workerCount("", "LUOSHI_WORKERS")).toBeUndefined();
    expect(() => parseLimitsFrom({ LUOSHI_PARSE_TIMEOUT_SECONDS: "0" })).toThrow("LUOSHI_PARSE_TIMEOUT_SECONDS 须为正数，而不是“0”");
  });
});
