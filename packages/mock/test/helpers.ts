import { request, type Agent, type IncomingHttpHeaders } from 'node:http';
import { signatureHeader } from '../src/index.js';

export interface Sent {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export interface SendOptions {
  /** Default POST. */
  method?: string;
  /** A JS value is serialised; a string is sent as is; undefined sends no body. */
  body?: unknown;
  headers?: Record<string, string>;
  auth?: { bearer: string } | { secret: string; tenant?: string; at?: number } | 'none';
  contentType?: string | null;
}

/** A body's JSON value, or undefined when it is not JSON. */
export function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const BEARER = 'test-token-not-a-secret';

export async function send(base: string, path: string, options: SendOptions = {}): Promise<Sent> {
  const raw =
    options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = {};
  if (raw !== undefined && options.contentType !== null) headers['content-type'] = options.contentType ?? 'application/json';
  const auth = options.auth ?? { bearer: BEARER };
  if (auth !== 'none') {
    if ('bearer' in auth) headers.authorization = `Bearer ${auth.bearer}`;
    else {
      headers['x-chert-tenant'] = auth.tenant ?? 'acme';
      headers['x-chert-signature'] = signatureHeader(auth.secret, raw ?? '', auth.at);
    }
  }
  Object.assign(headers, options.headers);
  const response = await fetch(new URL(path, base), { method: options.method ?? 'POST', headers, ...(raw !== undefined ? { body: raw } : {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: jsonOf(text) };
}

export const TO_CHAT = '/api/v1/chats/ch_8f3k2m9q/send-contact';
export const TO_PHONE = '/api/v1/chats/send-contact';
export const SHARE_CHAT = '/api/v1/chats/ch_8f3k2m9q/share-contact-info';
export const SHARE_PHONE = '/api/v1/chats/share-contact-info';

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  json: any;
}

/**
 * One request through node:http, target and bytes exactly as given (fetch would normalise
 * `//`, percent-escapes and the like).
 */
export function raw(
  base: string,
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body?: string | Uint8Array,
  agent?: Agent,
): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  // node:http frames no body of a GET or an OPTIONS by itself: say its length.
  const framed = body === undefined || Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')
    ? headers
    : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path: target, headers: framed, ...(agent ? { agent } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes, text, json: jsonOf(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
