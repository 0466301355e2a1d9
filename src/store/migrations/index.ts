/** Every migration, in order. Add a new file with the next version; never edit one that has shipped. */
import * as m1 from "./0001_core.js";
import * as m2 from "./0002_search.js";
import * as m3 from "./0003_auth.js";
import * as m4 from "./0004_task_order.js";
import * as m5 from "./0005_links.js";
import * as m6 from "./0006_suggested_bodies.js";
import * as m7 from "./0007_idempotency_usernames.js";
import * as m8 from "./0008_ingest_jobs.js";
import * as m9 from "./0009_supervision.js";
import * as m13 from "./0013_administration.js";
import * as m12 from "./0012_search_terms.js";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [m1, m2, m3, m4, m5, m6, m7, m8, m9, m12, m13];
