/**
 * Attachments: a slot (its `upload_url` on the sandbox itself), the bytes PUT to it
 * (bearer only, as the document says; the registered `Content-Type`; no more than the
 * registered size), and the download. The slot expires as the example shows, 15 minutes
 * after it was made, on the sandbox's clock.
 */
import { parseMediaType } from '../../http/media-type.js';
import { ids } from '../ids.js';
import { ChertRefusal } from '../refusal.js';
import { ok, type Handler } from './call.js';

const SLOT_LIFE_MS = 15 * 60 * 1000;

const createAttachment: Handler = (call) => {
  const { sandbox, body } = call;
  const at = sandbox.now();
  const attachment = sandbox.addAttachment({
    id: ids.attachment(),
    filename: String(body.filename),
    contentType: String(body.content_type),
    size: Number(body.size_bytes),
    expiresAt: at + SLOT_LIFE_MS,
    bytes: null,
    origin: 'upload',
  });
  // The slot's upload_url is the sandbox's own upload route, on the host the client called.
  const host = String(call.request.headers.host ?? '');
  const base = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? `http://${host}` : sandbox.baseUrl;
  const upload = sandbox.document.operations.find((o) => o.id === 'uploadAttachment')!.path.replace(/\{[^}]+\}/, encodeURIComponent(attachment.id));
  return ok(call, {
    attachment_id: attachment.id,
    upload_url: `${base}${upload}`,
    required_headers: { authorization: 'Bearer <signing secret>', 'content-type': attachment.contentType },
    expires_at: sandbox.clock.iso(attachment.expiresAt),
  });
};

function essence(type: string | undefined): string | undefined {
  if (!type) return undefined;
  const parsed = parseMediaType(type);
  return 'essence' in parsed ? parsed.essence : undefined;
}

const uploadAttachment: Handler = (call) => {
  const { sandbox, request } = call;
  const id = call.params.attachment_id!;
  const attachment = sandbox.state.attachments.get(id);
  if (!attachment || attachment.origin !== 'upload') throw new ChertRefusal(5001, `attachment ${id} does not exist in the sandbox`);
  if (sandbox.now() > attachment.expiresAt && !attachment.bytes) {
    throw new ChertRefusal(5001, `the upload slot of ${id} expired at ${sandbox.clock.iso(attachment.expiresAt)}; create another`);
  }
  const header = request.headers['content-type'];
  const sent = essence(Array.isArray(header) ? header[0] : header) ?? 'application/octet-stream';
  if (sent !== essence(attachment.contentType)) {
    throw new ChertRefusal(5003, `content-type ${sent} is not ${attachment.contentType}, the type registered for ${id}`);
  }
  const bytes = request.body.kind === 'binary' ? request.body.bytes : Buffer.alloc(0);
  if (bytes.length > attachment.size) {
    throw new ChertRefusal(5002, `${bytes.length} bytes is more than the ${attachment.size} registered for ${id}`);
  }
  attachment.bytes = Buffer.from(bytes);
  attachment.size = bytes.length;
  return ok(call, undefined);
};

const getAttachmentContent: Handler = (call) => {
  const id = call.params.attachment_id!;
  const attachment = call.sandbox.state.attachments.get(id);
  if (!attachment?.bytes) throw new ChertRefusal(5001, attachment ? `attachment ${id} has no bytes yet` : `attachment ${id} does not exist in the sandbox`);
  return { ...ok(call, attachment.bytes), mediaType: attachment.contentType };
};

export const attachments: Record<string, Handler> = { createAttachment, uploadAttachment, getAttachmentContent };
