// Raw bodies (`attachments.upload`): what may be sent, and how a stream whose size is not known
// is measured once, without a second copy of its bytes.
import type { CallOptions } from './call.js';
import { ChertInputError } from './chert-error.js';

/** Bytes to upload, sent as they are. A `ReadableStream` is sent once: it is not retried. */
export type UploadData = Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array> | string;

/** Per-call options of an upload. */
export interface UploadOptions extends CallOptions {
  /** The `Content-Type` sent: the type registered for the attachment. Default: the Blob's own type, else the document's. */
  contentType?: string | undefined;
}

export const isUploadData = (data: unknown): data is UploadData =>
  typeof data === 'string' ||
  data instanceof Blob ||
  data instanceof ArrayBuffer ||
  ArrayBuffer.isView(data) ||
  (typeof ReadableStream !== 'undefined' && data instanceof ReadableStream);

/**
 * Reads `stream` to the end to learn its size, refusing it past `maxBytes`, and gives back a
 * stream of the same chunks: each chunk is held once, and let go as it is sent.
 */
export async function measure(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<[ReadableStream<Uint8Array>, number]> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!ArrayBuffer.isView(value)) {
      await reader.cancel();
      throw new ChertInputError('data', '`data`, a ReadableStream, must give Uint8Array chunks');
    }
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new ChertInputError('data', `\`data\` holds more than ${maxBytes} bytes, the most an attachment may hold`);
    }
    chunks.push(value);
  }
  const replay = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks.shift();
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  return [replay, size];
}
