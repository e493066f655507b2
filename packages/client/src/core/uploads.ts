// Raw bodies (`attachments.upload`): what may be sent, and how. Loaded with the first upload
// (request.ts), so that a bundle that never uploads does not carry it.
import type { CallOptions } from './call.js';
import { check } from './chert-error.js';
import type { Operation } from './operation.js';
import type { Init } from './request.js';

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

const asIs = (body: unknown) => body;

/** Readies `init` to send its body as it is, with its Content-Type: `contentType`, the caller's header, a Blob's own type, else the document's. */
export function prepareUpload(init: Init, upload: NonNullable<Operation['upload']>, contentType: string | undefined): void {
  const data = init.body;
  checkUploadData(data);
  const headers = new Headers(init.headers as HeadersInit | undefined);
  const type = contentType ?? headers.get('content-type') ?? ((data instanceof Blob && data.type) || upload.contentType);
  check(typeof type === 'string' && /^[^\s/]+\/[^\s]+$/.test(type), 'contentType', '`contentType` must be a MIME type (`image/jpeg`)');
  headers.set('content-type', type);
  init.headers = headers;
  init.bodySerializer ??= asIs;
  // fetch sends a stream body only when told it goes one way (half duplex).
  if (!(data instanceof Blob) && typeof data === 'object' && !ArrayBuffer.isView(data) && !(data instanceof ArrayBuffer)) init.duplex = 'half';
}
