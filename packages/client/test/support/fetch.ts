// A fetch of the test's own: it records what the client sent and answers from a prepared list.
import type { ErrorCode } from '@chert/types';

export interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  bytes: Uint8Array;
  text: string;
}

type Answer = Response | Error | ((sent: Sent) => Response | Promise<Response>);

export function recordingFetch(...answers: Answer[]) {
  const sent: Sent[] = [];
  const fetch = async (input: Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const bytes = new Uint8Array(await request.arrayBuffer());
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const record = { method: request.method, url: request.url, headers, bytes, text: new TextDecoder().decode(bytes) };
    sent.push(record);
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`recordingFetch: no answer prepared for request ${sent.length}`);
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer(record) : answer;
  };
  return { fetch, sent };
}

/** A failed fetch as undici (Node's fetch) reports it: a TypeError whose `cause` has the system's `code`. */
export const undiciFailure = (message: string, code?: string): TypeError =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(message), code ? { code } : {}) });

export function ok(body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-trace-id': 'trace-ok', ...headers },
  });
}

export function chertError(
  status: number,
  code: ErrorCode,
  extra: { retryable?: boolean; retry_after?: number; trace_id?: string; headers?: Record<string, string> } = {},
): Response {
  const { retryable = false, retry_after, trace_id = 'trace-body', headers = {} } = extra;
  const error = { status, code, message: `error ${code}`, retryable, ...(retry_after === undefined ? {} : { retry_after }) };
  return new Response(JSON.stringify({ success: false, error, trace_id }), {
    status,
    headers: { 'content-type': 'application/json', 'x-trace-id': 'trace-header', ...headers },
  });
}

/** A signing secret shaped like Chert's (32 hex characters); it must never leak. */
export const SECRET = '5f2b8c0d9e7a41f3b6c2d8e0a1f4c7b9';
export const TENANT = 'acme';
