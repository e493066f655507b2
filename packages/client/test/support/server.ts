// A loopback HTTP server of the test's own: it records what arrived, byte for byte, and answers
// (or misbehaves) the way the current test tells it to.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Arrived {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** performance.now() when the whole request had arrived. */
  at: number;
}

export type Handler = (arrived: Arrived, req: IncomingMessage, res: ServerResponse) => void;

export async function startServer() {
  const arrived: Arrived[] = [];
  let handler: Handler = (_a, _req, res) => res.writeHead(500).end();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const a = { method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks), at: performance.now() };
      arrived.push(a);
      handler(a, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrived,
    handle(next: Handler) {
      arrived.length = 0;
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'x-trace-id': 'loopback', ...headers });
  res.end(JSON.stringify(body));
}

export const envelope = (status: number, code: number, retryable: boolean) => ({
  success: false,
  error: { status, code, message: `error ${code}`, retryable },
  trace_id: 'loopback',
});
