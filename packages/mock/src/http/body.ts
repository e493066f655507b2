import type { IncomingMessage } from 'node:http';

/** The client closed the connection before the body ended: there is no one to answer. */
export class ClientGone extends Error {}

export interface ReadBody {
  bytes: Buffer;
  /** Bytes received before reading stopped (the whole body unless `over`). */
  size: number;
  /** The body went past the limit; `bytes` holds only its first `limit` bytes. */
  over: boolean;
}

/**
 * Reads the body up to `limit` bytes. Past the limit it stops buffering and resolves at once
 * (the rest is drained and dropped), so a body too large for its media type is refused
 * without being held in memory.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      if (size + chunk.length > limit) {
        chunks.push(chunk.subarray(0, limit - size));
        settled = true;
        resolve({ bytes: Buffer.concat(chunks), size: size + chunk.length, over: true });
        return;
      }
      size += chunk.length;
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      resolve({ bytes: Buffer.concat(chunks), size, over: false });
    });
    // An aborted request surfaces as an 'error' ("aborted") or a bare 'close'.
    const gone = () => {
      if (settled) return;
      settled = true;
      reject(new ClientGone());
    };
    req.on('error', gone);
    req.on('close', gone);
  });
}
