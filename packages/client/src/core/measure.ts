// How a stream whose size is not known is measured once (`attachments.uploadFile`), without a
// second copy of its bytes.
import { ChertInputError } from './chert-error.js';

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
