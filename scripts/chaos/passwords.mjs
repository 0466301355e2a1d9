// 500 concurrent logins with wrong passwords for one user from one address: the server checks no more of them
// than the login limit allows (the others are refused with 429 before their password is looked at), and none
// fails with a 500. Checked guesses are counted twice: as 401 answers and as auth.login_failed audit entries.
import { call } from "./luoshi.mjs";

const GUESSES = 500;
const LIMIT = 5; // LOGIN_LIMIT of src/track/users.ts, as docs/tracking.md states it

export async function wrongPasswords({ cluster, server, db, token, runId }) {
  const username = `chaos-${runId}`;
  const created = await call(server.base, "POST", "/api/users", {
    token,
    json: { username, password: "the-right-password-1", role: "supervisor" },
  });
  if (created.status !== 201 && created.status !== 200) throw new Error(`creating ${username}: ${created.status} ${JSON.stringify(created.body)}`);
  const results = await Promise.all(
    Array.from({ length: GUESSES }, (_, i) => call(server.base, "POST", "/api/auth/login", { json: { username, password: `wrong-guess-${i}` } })),
  );
  const statuses = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const evaluated = statuses[401] ?? 0;
  const audited = (
    await cluster.sql(db, "select count(*)::int as n from audit_entry where action = 'auth.login_failed' and after->>'username' = $1", [username])
  )[0].n;
  const fivehundreds = Object.entries(statuses).filter(([s]) => s.startsWith("5")).reduce((a, [, k]) => a + k, 0);
  return {
    violated: evaluated > LIMIT || audited > LIMIT || fivehundreds > 0 || evaluated + (statuses[429] ?? 0) !== GUESSES,
    line:
      `${GUESSES} concurrent wrong passwords: guesses evaluated ${Math.max(evaluated, audited)} (limit ${LIMIT}; ${evaluated} answered 401, ` +
      `${audited} audited), ${statuses[429] ?? 0} refused with 429, 500s ${fivehundreds}`,
  };
}
