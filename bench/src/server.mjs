// The loopback node:http server the round trips talk to: it reads the request and answers the
// send-contact success body. Run in a worker thread (same process, its own event loop and
// core) so its work does not sit on the client's thread, or inline with `--server=inline`.
import { createServer } from 'node:http';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

export const successBody = JSON.stringify({ chat_id: 'ch_8f3k2m9q', status: 'sent' });

function listen() {
  const server = createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-trace-id': 'bench', 'content-length': Buffer.byteLength(successBody) });
      res.end(successBody);
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Starts the server; resolves to its URL and a close function. */
export async function startServer(where = 'worker') {
  if (where === 'inline') {
    const server = await listen();
    return {
      url: `http://127.0.0.1:${server.address().port}`,
      close: () => new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
    };
  }
  const worker = new Worker(new URL(import.meta.url));
  const port = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { url: `http://127.0.0.1:${port}`, close: () => worker.terminate() };
}

if (!isMainThread) {
  const server = await listen();
  parentPort.postMessage(server.address().port);
}
