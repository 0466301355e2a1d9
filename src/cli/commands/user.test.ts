import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../store/index.js";
import { ensureAdmin, login } from "../../track/users.js";
import { resetPassword } from "./user.js";

const work = mkdtempSync(join(tmpdir(), "luoshi-user-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("luoshi user reset-password", () => {
  const store = { dataDir: join(work, "data") };

  it("sets a new password printed once; the old one no longer logs in; audited", async () => {
    const first = await openStore(store);
    const made = await ensureAdmin(first, undefined);
    await first.close();
    const fresh = await resetPassword(store, "admin");
    expect(fresh).not.toBe(made.generatedPassword);
    expect(fresh.length).toBeGreaterThanOrEqual(16);
    const db = await openStore(store);
    try {
      expect((await login(db, "admin", made.generatedPassword!, "test")).ok).toBe(false);
      expect((await login(db, "admin", fresh, "test")).ok).toBe(true);
      const a = await db.query<{ actor: string; after: { passwordChanged: boolean } }>(`select actor, after from audit_entry where action = 'user.password_reset'`);
      expect(a.rows).toHaveLength(1);
      expect(a.rows[0]!.actor).toMatch(/^cli:/);
      expect(JSON.stringify(a.rows)).not.toContain(fresh);
    } finally {
      await db.close();
    }
  });

  it("takes a chosen password, and refuses a short one or an unknown user", async () => {
    expect(await resetPassword(store, "admin", "chosen-password-1")).toBe("chosen-password-1");
    await expect(resetPassword(store, "admin", "short")).rejects.toThrow(/at least 10/);
    await expect(resetPassword(store, "nobody")).rejects.toThrow(/用户 nobody 不存在/);
  });
});
