/**
 * 用户与会话: users with roles, argon2 password hashes, sessions that expire, and a login backoff kept in
 * the database per (name, address) pair (the app keeps no state of its own). Every user change writes an audit entry.
 */
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { Db, Queryable } from "../store/db.js";
import { audit, type Actor, type Role } from "./audit.js";
import { passwordMessage, passwordProblems } from "./password.js";
import { TrackError } from "./tasks.js";
import type { User } from "../model/api.js";

export type { User } from "../model/api.js";

/** The roles as the app names them. */
export const ROLE_NAMES: Record<Role, string> = { admin: "管理员", supervisor: "督查人员", editor: "填报单位" };

export const SESSION_HOURS_DEFAULT = 12;
/** failed logins a (username, client address) pair may make in the window before it backs off */
export const LOGIN_LIMIT = 5;
export const LOGIN_WINDOW_MINUTES = 15;

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

interface UserRow {
  id: number;
  username: string;
  display_name: string | null;
  role: Role;
  disabled: boolean;
  body_ids: number[] | null;
  region: string | null;
  created_at: string;
  password_hash?: string;
}

const USER_SELECT = `select u.id, u.username, u.display_name, u.role, u.disabled, u.region, u.created_at, u.password_hash,
  (select array_agg(ub.body_id order by ub.body_id) from user_body ub where ub.user_id = u.id) as body_ids
  from app_user u`;

function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    disabled: r.disabled,
    bodyIds: r.body_ids ?? [],
    region: r.region,
    createdAt: r.created_at,
  };
}

export function actorOf(u: User): Actor {
  return { id: u.id, name: u.username, role: u.role, bodyIds: u.bodyIds, region: u.region };
}

export async function listUsers(db: Queryable): Promise<User[]> {
  const r = await db.query<UserRow>(`${USER_SELECT} order by u.id`);
  return r.rows.map(toUser);
}

export async function getUser(db: Queryable, id: number): Promise<User | null> {
  const r = await db.query<UserRow>(`${USER_SELECT} where u.id = $1`, [id]);
  return r.rows[0] ? toUser(r.rows[0]) : null;
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  displayName?: string | null;
  bodyIds?: number[];
  region?: string | null;
}

async function checkBodies(tx: Queryable, bodyIds: number[]): Promise<void> {
  if (!bodyIds.length) return;
  const r = await tx.query<{ id: number }>(`select id from responsible_body where id = any($1::int[]) and merged_into is null`, [bodyIds]);
  const found = new Set(r.rows.map((x) => x.id));
  const missing = bodyIds.filter((id) => !found.has(id));
  if (missing.length) throw new TrackError("invalid", `责任单位不存在或已被合并：${missing.join("、")}`, { field: "bodyIds", missing });
}

/** Refuses a password the policy (password.ts) does not accept, naming every rule it breaks. */
export function checkPasswordPolicy(password: string, username: string, field = "password"): void {
  const problems = passwordProblems(password, username);
  if (problems.length) throw new TrackError("invalid", passwordMessage(problems), { field, problems });
}

export async function createUser(tx: Queryable, actor: Actor, u: NewUser): Promise<User> {
  const bodyIds = [...new Set(u.bodyIds ?? [])];
  if (u.role !== "editor" && bodyIds.length) throw new TrackError("invalid", "只有填报单位账号才能绑定责任单位", { field: "bodyIds" });
  checkPasswordPolicy(u.password, u.username);
  await checkBodies(tx, bodyIds);
  // names are one whatever their capitals (a unique index on lower(username) backs this up under a race)
  const exists = await tx.query<{ username: string }>(`select username from app_user where lower(username) = lower($1)`, [u.username]);
  if (exists.rows[0]) throw new TrackError("conflict", `用户名 ${u.username} 已被使用（${exists.rows[0].username}；用户名不区分大小写）`);
  const r = await tx.query<{ id: number }>(
    `insert into app_user (username, display_name, password_hash, role, region) values ($1, $2, $3, $4, $5) returning id`,
    [u.username, u.displayName ?? null, await hash(u.password), u.role, regionOf(u.role, u.region)],
  );
  const id = r.rows[0]!.id;
  for (const b of bodyIds) await tx.query(`insert into user_body (user_id, body_id) values ($1, $2)`, [id, b]);
  const user = (await getUser(tx, id))!;
  await audit(tx, actor, "user.create", "user", id, null, user);
  return user;
}

export interface UserChange {
  role?: Role;
  displayName?: string | null;
  password?: string;
  disabled?: boolean;
  bodyIds?: number[];
  region?: string | null;
}

/** Only a supervisor is limited to a region. */
function regionOf(role: Role, region: string | null | undefined): string | null {
  if (region && role !== "supervisor") throw new TrackError("invalid", "只有督查人员可以限定地区", { field: "region" });
  return region || null;
}

export async function updateUser(tx: Queryable, actor: Actor, id: number, c: UserChange): Promise<User> {
  const before = await getUser(tx, id);
  if (!before) throw new TrackError("not-found", `用户 ${id} 不存在`);
  if (c.password !== undefined) checkPasswordPolicy(c.password, before.username);
  const role = c.role ?? before.role;
  const bodyIds = c.bodyIds ? [...new Set(c.bodyIds)] : role === "editor" ? before.bodyIds : [];
  if (role !== "editor" && bodyIds.length) throw new TrackError("invalid", "只有填报单位账号才能绑定责任单位", { field: "bodyIds" });
  await checkBodies(tx, bodyIds);
  if (before.role === "admin" && (role !== "admin" || c.disabled)) {
    const admins = await tx.query<{ n: number }>(`select count(*)::int as n from app_user where role = 'admin' and not disabled and id <> $1`, [id]);
    if ((admins.rows[0]?.n ?? 0) === 0) throw new TrackError("conflict", "这是最后一个可用的管理员账号，不能降级或停用");
  }
  const region = regionOf(role, c.region === undefined ? (role === "supervisor" ? before.region : null) : c.region);
  await tx.query(`update app_user set role = $2, display_name = $3, disabled = $4, region = $5 where id = $1`, [
    id,
    role,
    c.displayName === undefined ? before.displayName : c.displayName,
    c.disabled ?? before.disabled,
    region,
  ]);
  if (c.password !== undefined) await tx.query(`update app_user set password_hash = $2 where id = $1`, [id, await hash(c.password)]);
  await tx.query(`delete from user_body where user_id = $1`, [id]);
  for (const b of bodyIds) await tx.query(`insert into user_body (user_id, body_id) values ($1, $2)`, [id, b]);
  // a changed password or a disabled account ends the user's sessions
  if (c.password !== undefined || c.disabled) await tx.query(`delete from user_session where user_id = $1`, [id]);
  const after = (await getUser(tx, id))!;
  await audit(tx, actor, "user.update", "user", id, before, { ...after, passwordChanged: c.password !== undefined });
  return after;
}

export type LoginResult =
  | { ok: true; token: string; expiresAt: string; user: User }
  | { ok: false; reason: "invalid" | "rate-limited"; retryAfterSeconds?: number };

const LOGIN_LOCK = 774_520_103;

/**
 * How long a (name, address) pair must wait after its last failure, given its failures in the window since
 * its last success: the first LOGIN_LIMIT are free, then the wait doubles from a minute up to the window.
 */
export function loginBackoffSeconds(failures: number): number {
  if (failures < LOGIN_LIMIT) return 0;
  return Math.min(BACKOFF_BASE_SECONDS * 2 ** (failures - LOGIN_LIMIT), LOGIN_WINDOW_MINUTES * 60);
}
const BACKOFF_BASE_SECONDS = 60;

/**
 * Counts an attempt before it is evaluated, atomically with the check: a transaction-scoped lock on the
 * (name, address) pair orders concurrent attempts, each sees the ones before it, and the attempt is stored as a
 * failure until its password proves right. So N concurrent guesses evaluate at most LOGIN_LIMIT passwords, and a
 * stranger's failures from another address never slow the owner down.
 */
async function admitAttempt(db: Db, name: string, client: string): Promise<{ id: number } | { waitSeconds: number }> {
  return db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock($1, hashtext($2))`, [LOGIN_LOCK, `${name}\n${client}`]);
    const r = await tx.query<{ failures: number; since: number | null }>(
      `select count(*)::int as failures, extract(epoch from now() - max(at))::float8 as since
       from login_attempt
       where username = $1 and client = $2 and not ok and at > now() - make_interval(mins => $3::int)
         and at > coalesce((select max(at) from login_attempt where username = $1 and client = $2 and ok), '-infinity')`,
      [name, client, LOGIN_WINDOW_MINUTES],
    );
    const { failures = 0, since = null } = r.rows[0] ?? {};
    const wait = loginBackoffSeconds(failures) - (since ?? 0);
    if (wait > 0) return { waitSeconds: Math.ceil(wait) };
    const ins = await tx.query<{ id: number }>(`insert into login_attempt (username, client, ok) values ($1, $2, false) returning id`, [name, client]);
    return { id: ins.rows[0]!.id };
  });
}

type Checked =
  | { ok: true; row: UserRow; attemptId: number }
  | { ok: false; reason: "invalid"; row?: UserRow }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/**
 * Checks a user's password as one attempt of the (name, address) pair: refused while the pair is backing off,
 * counted as a failure until it proves right. A name is one account whatever its capitals.
 */
async function checkAttempt(db: Db, username: string, password: string, client: string): Promise<Checked> {
  // one account however it is capitalised, so that case does not multiply the attempts
  const admitted = await admitAttempt(db, username.toLowerCase(), client);
  if ("waitSeconds" in admitted) return { ok: false, reason: "rate-limited", retryAfterSeconds: admitted.waitSeconds };
  const r = await db.query<UserRow>(`${USER_SELECT} where lower(u.username) = lower($1)`, [username]);
  const row = r.rows[0];
  // verify against a dummy hash when the user is unknown, so that timing does not tell who exists
  const ok = row && !row.disabled ? await verify(row.password_hash!, password).catch(() => false) : (await dummyVerify(password), false);
  return ok && row ? { ok: true, row, attemptId: admitted.id } : { ok: false, reason: "invalid", row };
}

/** Checks a password and opens a session; refuses while the (name, address) pair is backing off. Audited. */
export async function login(
  db: Db,
  username: string,
  password: string,
  client: string,
  opts: { sessionHours?: number } = {},
): Promise<LoginResult> {
  const checked = await checkAttempt(db, username, password, client);
  if (!checked.ok && checked.reason === "rate-limited") return checked;
  const attempt = { username: username, client };
  if (!checked.ok) {
    await audit(db, { id: null, name: "public", role: "public" }, "auth.login_failed", "user", checked.row?.id ?? null, null, attempt);
    return { ok: false, reason: "invalid" };
  }
  const { row } = checked;
  const token = randomBytes(32).toString("base64url");
  const hours = opts.sessionHours ?? SESSION_HOURS_DEFAULT;
  const user = toUser(row);
  const expiresAt = await db.transaction(async (tx) => {
    await tx.query(`update login_attempt set ok = true where id = $1`, [checked.attemptId]);
    const s = await tx.query<{ expires_at: string }>(
      `insert into user_session (token_hash, user_id, expires_at) values ($1, $2, now() + make_interval(hours => $3::int)) returning expires_at`,
      [tokenHash(token), row.id, hours],
    );
    await audit(tx, actorOf(user), "auth.login", "user", row.id, null, attempt);
    return s.rows[0]!.expires_at;
  });
  // housekeeping on each successful login: expired sessions, attempts older than any window
  await db.query(`delete from user_session where expires_at < now()`);
  await db.query(`delete from login_attempt where at < now() - interval '1 day'`);
  return { ok: true, token, expiresAt, user };
}

export type PasswordChangeResult = { ok: true } | { ok: false; reason: "invalid" | "rate-limited"; retryAfterSeconds?: number };

/**
 * A user changes their own password, proving the current one. The proof is an attempt like a login's (same
 * backoff per name and address), so a stolen session cannot be used to guess the password behind it. The user's
 * other sessions end; the one that asked stays. Audited, without the passwords.
 */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  session: string,
  current: string,
  next: string,
  client: string,
): Promise<PasswordChangeResult> {
  const user = actor.id === null ? null : await getUser(db, actor.id);
  if (!user) throw new TrackError("not-found", "用户不存在");
  checkPasswordPolicy(next, user.username, "newPassword");
  if (next === current) throw new TrackError("invalid", "新密码不能与当前密码相同", { field: "newPassword" });
  const checked = await checkAttempt(db, user.username, current, client);
  if (!checked.ok && checked.reason === "rate-limited") return checked;
  if (!checked.ok || checked.row.id !== user.id) {
    await audit(db, actor, "auth.password_failed", "user", user.id, null, { username: user.username, client });
    return { ok: false, reason: "invalid" };
  }
  const hashed = await hash(next);
  await db.transaction(async (tx) => {
    await tx.query(`update login_attempt set ok = true where id = $1`, [checked.attemptId]);
    await tx.query(`update app_user set password_hash = $2 where id = $1`, [user.id, hashed]);
    await tx.query(`delete from user_session where user_id = $1 and token_hash <> $2`, [user.id, tokenHash(session)]);
    await audit(tx, actor, "user.password", "user", user.id, null, { username: user.username, client, passwordChanged: true });
  });
  return { ok: true };
}

let dummy: string | null = null;
async function dummyVerify(password: string): Promise<void> {
  dummy ??= await hash("luoshi-dummy-password");
  await verify(dummy, password).catch(() => false);
}

/** The user of a live session, or null (unknown, expired, or disabled). */
export async function userOfSession(db: Queryable, token: string): Promise<User | null> {
  const r = await db.query<UserRow>(
    `${USER_SELECT} join user_session s on s.user_id = u.id where s.token_hash = $1 and s.expires_at > now() and not u.disabled`,
    [tokenHash(token)],
  );
  return r.rows[0] ? toUser(r.rows[0]) : null;
}

export async function logout(db: Queryable, token: string): Promise<void> {
  await db.query(`delete from user_session where token_hash = $1`, [tokenHash(token)]);
}

/** A random password the policy accepts (base64url of 15 bytes lacks a kind of character now and then: drawn again). */
export function generatePassword(username: string): string {
  for (;;) {
    const p = randomBytes(15).toString("base64url");
    if (!passwordProblems(p, username).length) return p;
  }
}

/**
 * Sets a new password for the user of this name (the CLI's `luoshi user reset-password NAME`, for an admin who lost
 * the first start's one-time password): generated unless given, returned once, never stored in the clear. The
 * user's sessions end; audited.
 */
export async function resetPasswordByName(
  tx: Queryable,
  actor: Actor,
  username: string,
  password?: string,
): Promise<{ user: User; password: string }> {
  const r = await tx.query<{ id: number; username: string }>(`select id, username from app_user where lower(username) = lower($1)`, [username]);
  const found = r.rows[0];
  if (found === undefined) throw new TrackError("not-found", `用户 ${username} 不存在`);
  const id = found.id;
  if (password !== undefined) checkPasswordPolicy(password, found.username);
  const chosen = password ?? generatePassword(found.username);
  await tx.query(`update app_user set password_hash = $2 where id = $1`, [id, await hash(chosen)]);
  await tx.query(`delete from user_session where user_id = $1`, [id]);
  const user = (await getUser(tx, id))!;
  await audit(tx, actor, "user.password_reset", "user", id, null, { username: user.username, passwordChanged: true });
  return { user, password: chosen };
}

/**
 * The first start: when no user exists, creates `admin` with LUOSHI_ADMIN_PASSWORD, or with a generated
 * password that is returned once (to be printed) and never stored in the clear.
 */
export async function ensureAdmin(db: Db, password: string | undefined): Promise<{ created: boolean; username: string; generatedPassword?: string }> {
  return db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(774520102)`);
    const n = await tx.query<{ n: number }>(`select count(*)::int as n from app_user`);
    if ((n.rows[0]?.n ?? 0) > 0) return { created: false, username: "admin" };
    if (password !== undefined) {
      const problems = passwordProblems(password, "admin");
      if (problems.length) {
        throw new Error(`LUOSHI_ADMIN_PASSWORD 不符合密码规则（${passwordMessage(problems)}）；请另选一个，或不设置它以生成一次性密码`);
      }
    }
    const generated = password === undefined ? generatePassword("admin") : undefined;
    await createUser(tx, { id: null, name: "system", role: "system" }, { username: "admin", password: password ?? generated!, role: "admin", displayName: "管理员" });
    return { created: true, username: "admin", generatedPassword: generated };
  });
}
