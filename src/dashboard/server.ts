// Listening: the dashboard app on a local port (127.0.0.1 by default: the page has no authentication).
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

/** A running dashboard server. */
export interface DashboardServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serve `app` on host:port (port 0: any free port); resolves once listening. */
export function startServer(app: Hono, port: number, host = '127.0.0.1'): Promise<DashboardServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      resolve({
        url: `http://${host}:${info.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
