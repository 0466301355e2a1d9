import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEngines, emptySchema } from "../../test/support/engines.js";
import { ADMIN_PASSWORD, openApi, passwordOf, type Api } from "../../test/support/api.js";
import { migrate } from "../store/migrate.js";
import { ensureAdmin, LOGIN_LIMIT } from "../track/users.js";

type Json = Record<string, any>;
const body = async (r: Response): Promise<Json> => (await r.json()) as Json;

describeEngines("accounts: password policy, own passwords, names in any case", (engine) => {
  let api: Api;
  let admin: string;
  beforeAll(async () => {
    api = await openApi(engine);
    admin = await api.login("admin", ADMIN_PASSWORD);
  });
  afterAll(async () => api?.close());

  const create = (username: string, password: string, role = "supervisor") => api.req("/api/users", { token: admin, json: { username, password, role } });
  const expectRefused = async (r: Response, field: string, problem: string) => {
    const b = await body(r);
    expect({ status: r.status, error: b.error, field: b.details?.field }).toEqual({ status: 400, error: "validation", field });
    expect(b.details.problems).toContain(problem);
    expect(b.message).toMatch(/^密码不符合要求：/);
    return b;
  };

  it("refuses weak passwords when a user is created or an admin resets one, naming each problem in Chinese", async () => {
    const weak = await expectRefused(await create("wangwu", "wangwu-2024!"), "password", "contains_username");
    expect(weak.message).toContain("不能包含用户名");
    await expectRefused(await create("wangwu", "Password123!"), "password", "common");
    const kinds = await expectRefused(await create("wangwu", "lowercaseonly"), "password", "few_kinds");
    expect(kinds.message).toMatch(/至少三类/);
    const short = await body(await create("wangwu", "Ab1!"));
    expect(short).toMatchObject({ error: "validation", message: "password：密码至少 10 个字符" });
    expect((await api.db.query(`select 1 from app_user where username = 'wangwu'`)).rows).toHaveLength(0);

    const made = await create("wangwu", passwordOf("wangwu"));
    expect(made.status).toBe(201);
    const id = (await body(made)).id;
    await expectRefused(await api.req(`/api/users/${id}`, { token: admin, method: "PATCH", json: { password: "WangWu-reset-1" } }), "password", "contains_username");
    expect((await api.req(`/api/users/${id}`, { token: admin, method: "PATCH", json: { password: "Reset-by-Admin-77" } })).status).toBe(200);
    await api.login("wangwu", "Reset-by-Admin-77");
  });

  it("lets every user change their own password with the current one; their other sessions end", async () => {
    const r = await api.req("/api/users", { token: admin, json: { username: "zhaoliu", password: passwordOf("zhaoliu"), role: "editor" } });
    expect(r.status).toBe(201);
    const here = await api.login("zhaoliu", passwordOf("zhaoliu"));
    const elsewhere = await api.login("zhaoliu", passwordOf("zhaoliu"));
    const change = (token: string | null, currentPassword: string, newPassword: string) =>
      api.req("/api/auth/password", { token, json: { currentPassword, newPassword } });

    expect((await change(null, passwordOf("zhaoliu"), "Spring-River-Flows-9")).status).toBe(401);
    await expectRefused(await change(here, passwordOf("zhaoliu"), "ZhaoLiu-2024-x"), "newPassword", "contains_username");
    const wrong = await body(await change(here, "not-the-password-1A", "Spring-River-Flows-9"));
    expect(wrong).toMatchObject({ error: "validation", message: "当前密码不正确", details: { field: "currentPassword" } });
    const same = await body(await change(here, passwordOf("zhaoliu"), passwordOf("zhaoliu")));
    expect(same.message).toBe("新密码不能与当前密码相同");

    const ok = await change(here, passwordOf("zhaoliu"), "Spring-River-Flows-9");
    expect(ok.status).toBe(200);
    expect((await api.req("/api/auth/me", { token: here })).status).toBe(200);
    expect((await api.req("/api/auth/me", { token: elsewhere })).status).toBe(401);
    await expect(api.login("zhaoliu", passwordOf("zhaoliu"))).rejects.toThrow(/401/);
    await api.login("zhaoliu", "Spring-River-Flows-9");
    const log = await body(await api.req(`/api/audit?action=user.password`, { token: admin }));
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ actor: "zhaoliu", after: { username: "zhaoliu", passwordChanged: true } });
    expect(JSON.stringify(log.items)).not.toContain("Spring-River");
  });

  it("counts a wrong current password as a failed login, so a stolen session cannot guess it", async () => {
    await api.req("/api/users", { token: admin, json: { username: "sunqi", password: passwordOf("sunqi"), role: "supervisor" } });
    const token = await api.login("sunqi", passwordOf("sunqi"));
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      const r = await api.req("/api/auth/password", { token, json: { currentPassword: `guess-${i}-Abcdef`, newPassword: "Autumn-Moon-Rises-3" } });
      expect(r.status).toBe(400);
    }
    const r = await api.req("/api/auth/password", { token, json: { currentPassword: passwordOf("sunqi"), newPassword: "Autumn-Moon-Rises-3" } });
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBeTruthy();
    // the same backoff holds the login of that name from this address
    expect((await api.req("/api/auth/login", { json: { username: "sunqi", password: passwordOf("sunqi") } })).status).toBe(429);
  });

  it("treats user names as one whatever their capitals", async () => {
    expect((await create("LiSi", passwordOf("lisi"))).status).toBe(201);
    const twin = await create("lisi", passwordOf("lisi"));
    expect(twin.status).toBe(409);
    expect((await body(twin)).message).toMatch(/已被使用.*LiSi.*不区分大小写/);
    // concurrent creations of one name in two spellings: one is stored, the other is a conflict, never a 500
    const statuses = (await Promise.all(["ZhouBa", "ZhouBa", "zhouba", "ZHOUBA"].map((n) => create(n, passwordOf("zhouba"))))).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    // one may log in in any capitals
    await api.login("LISI", passwordOf("lisi"));
    await api.login("lisi", passwordOf("lisi"));
  });

  it("refuses a weak LUOSHI_ADMIN_PASSWORD on a fresh store, saying so", async () => {
    const { db, close } = await engine.open();
    try {
      await expect(ensureAdmin(db, "admin-password-123")).rejects.toThrow(/LUOSHI_ADMIN_PASSWORD 不符合密码规则.*不能包含用户名/);
      expect((await db.query(`select 1 from app_user`)).rows).toHaveLength(0);
      const made = await ensureAdmin(db, undefined);
      expect(made.generatedPassword).toBeTruthy();
    } finally {
      await close();
    }
  });

  it("renames users that differ only in capitals when the store is upgraded, the oldest keeping its name", async () => {
    const { db, close } = await engine.open();
    try {
      await emptySchema(db);
      await migrate(db, { upTo: 6 });
      for (const name of ["Chen", "chen", "CHEN", "other"]) {
        await db.query(`insert into app_user (username, password_hash, role) values ($1, 'x', 'supervisor')`, [name]);
      }
      await migrate(db);
      const users = await db.query<{ id: number; username: string }>(`select id, username from app_user order by id`);
      const [a, b, c] = users.rows;
      expect(users.rows.map((u) => u.username)).toEqual(["Chen", `chen#${b!.id}`, `CHEN#${c!.id}`, "other"]);
      expect(a).toBeTruthy();
      const log = await db.query<{ entity_id: string; before: Json; after: Json }>(`select entity_id, before, after from audit_entry where action = 'user.rename' order by id`);
      expect(log.rows.map((r) => [r.entity_id, r.before.username, r.after.username])).toEqual([
        [String(b!.id), "chen", `chen#${b!.id}`],
        [String(c!.id), "CHEN", `CHEN#${c!.id}`],
      ]);
      await expect(db.query(`insert into app_user (username, password_hash, role) values ('OTHER', 'x', 'editor')`)).rejects.toThrow();
    } finally {
      await close();
    }
  });
});
