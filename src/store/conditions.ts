/**
 * The conditions of a WHERE clause and their values. `add("m.document_id = ?", id)` turns each `?` into the next
 * numbered parameter ($1, $2 … in the order written), so a filter is written once, condition by condition, and no
 * query counts its placeholders by hand. The same SQL then runs on PGlite and PostgreSQL.
 */
import type { SqlValue } from "./db.js";

export class Conditions {
  private readonly list: string[] = [];

  /** `params` may already hold values of the query; new ones are appended after them. */
  constructor(readonly params: SqlValue[] = []) {}

  add(condition: string, ...values: SqlValue[]): this {
    let used = 0;
    const sql = condition.replace(/\?/g, () => {
      if (used >= values.length) throw new Error(`more ? than values in: ${condition}`);
      this.params.push(values[used++] as SqlValue);
      return `$${this.params.length}`;
    });
    if (used !== values.length) throw new Error(`more values than ? in: ${condition}`);
    this.list.push(sql);
    return this;
  }

  /** "where a and b", or "" when there is no condition */
  get where(): string {
    return this.list.length ? `where ${this.list.join(" and ")}` : "";
  }
}
