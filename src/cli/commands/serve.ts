/** `luoshi serve`: the HTTP API (what `npm start` runs), on the embedded store unless DATABASE_URL is set. */
import { resolve } from "node:path";
import type { Command } from "commander";
import { parseLimitsFrom } from "../../jobs/parse-threads.js";
import { workerCount } from "../../jobs/queue.js";
import { storeFromOptions } from "./ingest.js";

interface ServeFlags {
  port?: string;
  host?: string;
  data?: string;
  databaseUrl?: string;
  seed: boolean;
  workers?: string;
  parseTimeout?: string;
  parseMemory?: string;
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serve the HTTP API (PORT, default 3000); seeds an empty store with the example documents")
    .option("--port <n>", "port (default: $PORT or 3000)")
    .option("--host <host>", "address to listen on (default: $HOST or 127.0.0.1)")
    .option("--data <dir>", "PGlite data folder (default: $LUOSHI_DATA or ./luoshi-data)")
    .option("--database-url <url>", "a PostgreSQL server (default: $DATABASE_URL)")
    .option("--no-seed", "do not ingest the example documents on first start")
    .option("--workers <n>", "upload jobs run at once in this process; 0 leaves them to `luoshi worker` (default: $LUOSHI_WORKERS or 2)")
    .option("--parse-timeout <seconds>", "time one document may take to parse (default: $LUOSHI_PARSE_TIMEOUT_SECONDS or 60)")
    .option("--parse-memory <mb>", "heap one document's parse may use (default: $LUOSHI_PARSE_MEMORY_MB or 1024)")
    .action(async (o: ServeFlags) => {
      // loaded here, not at start-up: the other commands need none of the server
      const { serverOptionsFromEnv, startServer } = await import("../../server/main.js");
      const env = serverOptionsFromEnv();
      const { stop } = await startServer({
        ...env,
        workers: workerCount(o.workers, "--workers") ?? env.workers,
        parseLimits: parseLimitsFrom(process.env, o),
        port: o.port ? Number(o.port) : env.port,
        host: o.host ?? env.host,
        store: o.data || o.databaseUrl ? storeFromOptions({ data: o.data && resolve(o.data), databaseUrl: o.databaseUrl }) : env.store,
        seed: o.seed && env.seed,
      });
      await new Promise<void>((done) => {
        const shutdown = () => void stop().then(done);
        process.once("SIGINT", shutdown);
        process.once("SIGTERM", shutdown);
      });
    });
}
