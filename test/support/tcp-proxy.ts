/**
 * A TCP relay in front of a database server, for outage tests: `down()` stops listening and cuts every open
 * connection (as a restart or a failover would), `up()` listens again on the same port.
 */
import { createConnection, createServer, type Server, type Socket } from "node:net";

export interface TcpProxy {
  port: number;
  /** the database URL with its host and port replaced by the relay's */
  url: string;
  up(): Promise<void>;
  down(): Promise<void>;
  close(): Promise<void>;
}

/** A relay to the server of `targetUrl` on `port` (0: any free one); `startDown` leaves it closed until up(). */
export async function tcpProxy(targetUrl: string, opts: { port?: number; startDown?: boolean } = {}): Promise<TcpProxy> {
  const port = opts.port ?? (await freePort());
  const target = new URL(targetUrl);
  const targetPort = Number(target.port || 5432);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let boundPort = port;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = createConnection({ host: target.hostname, port: targetPort });
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on("close", () => sockets.delete(sock));
          sock.on("error", () => {});
        }
        client.pipe(upstream).pipe(client);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
      });
      s.once("error", reject);
      s.listen(boundPort, "127.0.0.1", () => {
        boundPort = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });

  const down = () =>
    new Promise<void>((resolve) => {
      for (const sock of sockets) sock.destroy();
      sockets.clear();
      if (!server) return resolve();
      const s = server;
      server = null;
      s.close(() => resolve());
    });

  const proxy: TcpProxy = {
    get port() {
      return boundPort;
    },
    get url() {
      const u = new URL(targetUrl);
      u.hostname = "127.0.0.1";
      u.port = String(boundPort);
      return u.toString();
    },
    up: () => (server ? Promise.resolve() : listen()),
    down,
    close: down,
  };
  if (!opts.startDown) await listen();
  return proxy;
}

/** A port nothing listens on (yet). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
