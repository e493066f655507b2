/**
 * The request body as the operation documents it: which documented media type it is, how
 * much of it the mock reads, and its decoded value. JSON is parsed (an empty body reads as
 * `{}`, as Chert reads it), text is decoded, binary stays bytes and is never parsed. A body
 * the mock cannot read as any documented media type is a Chert error (1004 by default).
 */
import type { Operation, RequestMedia } from '../document/operation.js';
import { ERROR_CODE, expand, ownExtension, type Json } from '../document/schema.js';
import { inRange, parseMediaType } from '../http/media-type.js';
import type { LoadedDocument } from '../document/load.js';
import { CODES } from './catalogue.js';
import type { Verdict } from './violations.js';

/** Parsed bodies (JSON, text) are a few kilobytes in any sane request. */
export const PARSED_BODY_LIMIT = 1024 * 1024;
/** The mock's own memory guard for bytes it never parses, where the schema sets no maxLength. */
export const BINARY_BODY_LIMIT = 128 * 1024 * 1024;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export type DecodedBody =
  | { kind: 'none'; size: number }
  | { kind: 'json'; value: unknown; mediaType: string; size: number }
  | { kind: 'text'; text: string; mediaType: string; size: number }
  | { kind: 'binary'; bytes: Buffer; mediaType: string; size: number };

export interface BodyPlan {
  /** The documented media type the body is read as, when the operation takes one. */
  media?: RequestMedia;
  /** Why the content type is unusable, when it is. */
  problem?: string;
  limit: number;
  /** The schema's `maxLength` of a binary body, in bytes. */
  maxBytes?: number;
}

function contentTypeOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const value = headers['content-type'];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Decided from the headers alone, before a byte is read. */
export function planBody(document: LoadedDocument, op: Operation, headers: Record<string, string | string[] | undefined>): BodyPlan {
  const request = op.requestBody;
  if (!request || !request.media.length) return { limit: PARSED_BODY_LIMIT };
  const header = contentTypeOf(headers);
  let media: RequestMedia | undefined = request.media[0];
  let problem: string | undefined;
  if (header !== undefined) {
    const parsed = parseMediaType(header);
    if ('problem' in parsed) {
      problem = `content-type ${parsed.problem}`;
      media = undefined;
    } else {
      media = request.media.find((m) => inRange(parsed.essence, m.essence));
      if (!media) {
        problem = `content-type ${parsed.essence} is not ${request.media.length > 1 ? 'one of ' : ''}${request.media.map((m) => m.type).join(', ')}`;
      }
    }
  }
  if (!media || media.kind !== 'binary') return { ...(media ? { media } : {}), ...(problem ? { problem } : {}), limit: PARSED_BODY_LIMIT };
  const maxBytes = maxLengthOf(document.raw, media.schema);
  return { media, limit: maxBytes ?? BINARY_BODY_LIMIT, ...(maxBytes !== undefined ? { maxBytes } : {}) };
}

function maxLengthOf(doc: Json, schema: unknown): number | undefined {
  const limits = expand(doc, schema)
    .map((n) => n.maxLength)
    .filter((n): n is number => Number.isInteger(n));
  return limits.length ? Math.min(...limits) : undefined;
}

function unreadable(op: Operation, message: string): { verdict: Verdict } {
  const own = op.requestBody ? ownExtension([op.requestBody.node], ERROR_CODE) : undefined;
  return {
    verdict: { location: 'body', kind: 'unreadable', code: own ?? CODES.unreadableBody, message, depth: 0, order: 0 },
  };
}

export function decodeBody(op: Operation, plan: BodyPlan, bytes: Buffer): { body: DecodedBody } | { verdict: Verdict } {
  const size = bytes.length;
  if (!op.requestBody) return { body: { kind: 'none', size } };
  if (size === 0) {
    const first = plan.media ?? op.requestBody.media[0];
    // Chert reads an empty JSON body as {} (so a missing field is 1001, not 1004).
    if (first?.kind === 'json') return { body: { kind: 'json', value: {}, mediaType: first.essence, size } };
    return { body: { kind: 'none', size } };
  }
  if (plan.problem || !plan.media) return unreadable(op, plan.problem ?? 'the body has no documented media type');
  const media = plan.media;
  if (media.kind === 'binary') return { body: { kind: 'binary', bytes, mediaType: media.essence, size } };
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return unreadable(op, 'body is not valid UTF-8');
  }
  if (media.kind === 'text') return { body: { kind: 'text', text, mediaType: media.essence, size } };
  if (text.trim() === '') return { body: { kind: 'json', value: {}, mediaType: media.essence, size } };
  try {
    return { body: { kind: 'json', value: JSON.parse(text), mediaType: media.essence, size } };
  } catch (error) {
    return unreadable(op, `body is not valid JSON: ${(error as Error).message}`);
  }
}
