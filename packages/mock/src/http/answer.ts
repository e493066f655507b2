import type { ServerResponse } from 'node:http';
import { mockErrorBody, type MockError } from '../mock-error.js';
import { mediaKind } from './media-type.js';

/** What the mock sends back, before the trace id and the wire format are applied. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  /** A JSON value, text, or bytes; undefined for no body. */
  body?: unknown;
  /** The media type of `body`. */
  mediaType?: string;
  operation?: string;
  /** The document example the answer was rendered from. */
  example?: string;
  /** Why the answer is what it is, for the log. */
  reason?: string;
  mockError?: boolean;
  /** The upstream answered (proxy mode): its headers and trace id are left alone. */
  proxied?: boolean;
  /**
   * A body written over time (the sandbox's event stream): called once the status and
   * headers are sent, it owns the response from then on and ends it.
   */
  stream?: (res: ServerResponse) => void;
  violations: { request: string[]; response: string[] };
}

export function mockAnswer(error: MockError): Answer {
  return {
    status: error.status,
    headers: { 'X-Chert-Mock-Error': error.title, ...(error.headers ?? {}) },
    body: mockErrorBody(error, ''),
    mediaType: 'application/json',
    reason: `mock error: ${error.title}`,
    mockError: true,
    violations: { request: [], response: [] },
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

const HOP = new Set(['content-length', 'transfer-encoding', 'content-encoding', 'connection', 'content-type']);

/**
 * Writes the answer. The mock's own answers get a fresh trace id (in `X-Trace-ID` and in the
 * body's `trace_id`) and a `Retry-After` exactly when the body's `error.retry_after` says
 * so; a proxied answer goes out as the upstream sent it.
 */
export function writeAnswer(res: ServerResponse, answer: Answer, traceId: string): { headers: Record<string, string>; body: unknown } {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) if (!HOP.has(name.toLowerCase())) headers[name] = value;
  let body = answer.body;
  if (!answer.proxied) {
    if (isRecord(body) && 'trace_id' in body) body = { ...body, trace_id: traceId };
    setHeader(headers, 'X-Trace-ID', traceId);
    // Prism makes up a Retry-After from the header's schema example; Chert sends the one in
    // the body, and none when the body has none.
    const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
    if (typeof error?.retry_after === 'number') setHeader(headers, 'Retry-After', String(error.retry_after));
    else removeHeader(headers, 'Retry-After');
  }
  if (answer.stream) {
    if (answer.mediaType) headers['content-type'] = answer.mediaType;
    res.writeHead(answer.status, headers);
    answer.stream(res);
    return { headers, body };
  }
  let payload: string | Buffer | undefined;
  let mediaType = answer.mediaType;
  if (body === undefined) payload = undefined;
  else if (Buffer.isBuffer(body)) payload = body;
  else if (typeof body === 'string' && (answer.proxied || !isJsonMedia(mediaType))) payload = body;
  else {
    payload = Buffer.from(JSON.stringify(body), 'utf8');
    mediaType ??= 'application/json';
  }
  if (payload !== undefined && mediaType) headers['content-type'] = mediaType;
  res.writeHead(answer.status, headers);
  res.end(payload);
  return { headers, body };
}

function isJsonMedia(mediaType: string | undefined): boolean {
  return mediaType !== undefined && mediaKind(mediaType.split(';')[0]!.trim().toLowerCase()) === 'json';
}

export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

function removeHeader(headers: Record<string, string>, name: string): void {
  for (const k of Object.keys(headers)) if (k.toLowerCase() === name.toLowerCase()) delete headers[k];
}

function setHeader(headers: Record<string, string>, name: string, value: string): void {
  removeHeader(headers, name);
  headers[name] = value;
}
