// The hand-written helper of the attachments resource: a file in one call, through the three
// steps the document describes (createAttachment, uploadAttachment, then a `media` part). Loaded
// on the first call (client.ts), so that a bundle that never uploads a file does not carry it.
import type { AttachmentId } from '@chert/types';
import type { CallOptions } from './core/call.js';
import { check } from './core/chert-error.js';
import { measure } from './core/measure.js';
import { routeOf } from './core/operations.js';
import { checkUploadData, type UploadData } from './core/uploads.js';
import type { Attachments } from './generated/resources/attachments.js';

export interface UploadFileParams {
  /** The file: a `Blob` or `File` (Node: `await fs.openAsBlob(path)`), bytes, a `ReadableStream` or a string. */
  data: UploadData;
  /** Its name. Default: a `File`'s own name. */
  filename?: string | undefined;
  /** Its MIME type, registered with the slot and sent with the bytes. Default: the Blob's own type. */
  contentType?: string | undefined;
  /** Its size in bytes, when `data` is a stream and you know it; otherwise measured. */
  size?: number | undefined;
}

export interface AttachmentHelpers {
  /**
   * Creates an upload slot for the file, uploads its bytes (bearer authentication only, as
   * Chert requires: a client configured for HMAC v1 sends its signing secret as the bearer token
   * for that one request) and resolves to the attachment id, ready for a `media` part or the
   * `attachments` of `messages.send`. A `Blob` is sent as it is read; a stream of unknown size is
   * read once to measure it (up to the document's 100 MB), never copied.
   */
  uploadFile(params: UploadFileParams, options?: CallOptions): Promise<AttachmentId>;
}

const encoder = new TextEncoder();

/** `attachments.uploadFile` of the client whose generated `attachments` resource is given. */
export async function uploadFile(attachments: Attachments, params: UploadFileParams, options?: CallOptions): Promise<AttachmentId> {
  check(typeof params === 'object' && params !== null, 'params', 'uploadFile takes { data, filename, contentType }');
  let { data, size } = params;
  const file = data instanceof Blob ? (data as Blob & { name?: unknown }) : undefined;
  const filename = params.filename ?? file?.name;
  const contentType = params.contentType ?? (file?.type || undefined);
  checkUploadData(data);
  check(typeof filename === 'string' && filename !== '', 'filename', '`filename` must be a non-empty string (a File gives its own)');
  check(typeof contentType === 'string' && contentType !== '', 'contentType', '`contentType` must be the file\'s MIME type (a Blob may give its own)');
  if (typeof data === 'string') data = encoder.encode(data);
  if (size === undefined) {
    if (data instanceof Blob) size = data.size;
    else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) size = data.byteLength;
    else [data, size] = await measure(data, routeOf.uploadAttachment.upload!.maxBytes!);
  }
  check(Number.isSafeInteger(size) && size >= 0, 'size', '`size` must be a whole number of bytes');
  const slot = await attachments.create({ filename, content_type: contentType, size_bytes: size }, options);
  await attachments.upload(slot.attachment_id, data, { ...options, contentType });
  return slot.attachment_id;
}
