import { signatureHeader } from '../src/index.js';

export interface Sent {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export interface SendOptions {
  /** A JS value is serialised; a string is sent as is; undefined sends no body. */
  body?: unknown;
  headers?: Record<string, string>;
  auth?: { bearer: string } | { secret: string; tenant?: string; at?: number } | 'none';
  contentType?: string | null;
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
  const response = await fetch(new URL(path, base), { method: 'POST', headers, ...(raw !== undefined ? { body: raw } : {}) });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export const TO_CHAT = '/api/v1/chats/ch_8f3k2m9q/send-contact';
export const TO_PHONE = '/api/v1/chats/send-contact';
export const SHARE_CHAT = '/api/v1/chats/ch_8f3k2m9q/share-contact-info';
export const SHARE_PHONE = '/api/v1/chats/share-contact-info';
