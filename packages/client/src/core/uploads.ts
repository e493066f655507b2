// Raw bodies (`attachments.upload`): what may be sent.
import type { CallOptions } from './call.js';
import { check } from './chert-error.js';

/** Bytes to upload, sent as they are. A `ReadableStream` is sent once: it is not retried. */
export type UploadData = Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array> | string;

/** Per-call options of an upload. */
export interface UploadOptions extends CallOptions {
  /** The `Content-Type` sent: the type registered for the attachment. Default: the Blob's own type, else the document's. */
  contentType?: string | undefined;
}

/** Throws a ChertInputError naming `data` unless it can be uploaded. */
export function checkUploadData(data: unknown): asserts data is UploadData {
  check(
    typeof data === 'string' ||
      data instanceof Blob ||
      data instanceof ArrayBuffer ||
      ArrayBuffer.isView(data) ||
      (typeof ReadableStream !== 'undefined' && data instanceof ReadableStream),
    'data',
    '`data` must be a Blob, an ArrayBuffer, a typed array, a ReadableStream or a string',
  );
}
