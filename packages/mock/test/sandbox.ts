/**
 * Helpers of the sandbox tests: a client that records every answer with the operation it
 * answered, a validator of answers against the document (Ajv 2020, read independently of
 * the mock), and a loopback webhook receiver that answers as a test scripts it.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mediaTypes, operations } from '@chert/openapi/walk';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { signatureHeader, startMock, type MockOptions, type RunningSandbox } from '../src/index.js';
import { document } from './document.js';
import { jsonOf } from './helpers.js';

export const LINE = '+14155550100';
export const OTHER_LINE = '+14155550101';
export const ADA = '+14155550199';

export interface Answered {
  operation: string | undefined;
  method: string;
  path: string;
  status: number;
  headers: Headers;
  contentType: string | undefined;
  text: string;
  bytes: Buffer;
  json: any;
}

export interface CallOptions {
  headers?: Record<string, string>;
  /** Sign with HMAC v1 under this secret (and tenant) instead of a bearer token. */
  sign?: { secret: string; tenant: string };
  bearer?: string;
  /** Raw bytes, sent as they are, with this content type. */
  raw?: { bytes: Uint8Array | string; contentType: string };
}

/** Route matching from the document itself: the operation a method and path are. */
const routes = operations(document).map(({ key, method, operation }) => ({
  id: operation.operationId as string,
  method: method.toUpperCase(),
  parts: key.split('/').slice(1),
  params: (key.match(/\{/g) ?? []).length,
}));

export function operationOf(method: string, path: string): string | undefined {
  const parts = path.split('?')[0]!.split('/').slice(1);
  return routes
    .filter((r) => r.method === method && r.parts.length === parts.length && r.parts.every((p, i) => p.startsWith('{') || p === parts[i]))
    .sort((a, b) => a.params - b.params)[0]?.id;
}

export class SandboxClient {
  readonly answered: Answered[] = [];

  constructor(readonly url: string) {}

  async call(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<Answered> {
    const raw = options.raw?.bytes ?? (body === undefined ? undefined : JSON.stringify(body));
    const headers: Record<string, string> = { ...(raw !== undefined ? { 'content-type': options.raw?.contentType ?? 'application/json' } : {}) };
    if (options.sign) {
      headers['x-chert-tenant'] = options.sign.tenant;
      headers['x-chert-signature'] = signatureHeader(options.sign.secret, raw ?? '');
    } else headers.authorization = `Bearer ${options.bearer ?? 'sandbox-test-token'}`;
    Object.assign(headers, options.headers);
    const res = await fetch(this.url + path, { method, headers, ...(raw !== undefined ? { body: raw as BodyInit } : {}) });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    const json = jsonOf(text);
    const answer: Answered = {
      operation: operationOf(method, path),
      method,
      path,
      status: res.status,
      headers: res.headers,
      contentType: res.headers.get('content-type') ?? undefined,
      text,
      bytes,
      json,
    };
    this.answered.push(answer);
    return answer;
  }

  get = (path: string, options?: CallOptions) => this.call('GET', path, undefined, options);
  post = (path: string, body?: unknown, options?: CallOptions) => this.call('POST', path, body, options);
}

export async function startSandbox(options: MockOptions = {}): Promise<{ mock: RunningSandbox; api: SandboxClient }> {
  const mock = await startMock({ port: 0, ...options });
  return { mock, api: new SandboxClient(mock.url) };
}

// Answers against the document.

// Every error, so that the one exception can be told apart from anything else wrong.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document, 'doc');

/**
 * The one place a sandbox answer may differ from the document, on purpose: a webhook
 * subscription's URL may be a loopback http receiver (Chert asks for https).
 */
const LOOPBACK_HTTP = /^http:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/;
export const waived: string[] = [];

function valueAt(value: unknown, instancePath: string): unknown {
  return instancePath
    .split('/')
    .slice(1)
    .reduce<unknown>((v, t) => (v as Record<string, unknown> | undefined)?.[t.replace(/~1/g, '/').replace(/~0/g, '~')], value);
}
const validators = new Map<string, ValidateFunction>();
const pointer = (parts: string[]) => 'doc#/' + parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** operationId → status → media type → the pointer of its schema. */
const responses = new Map<string, Map<number, Map<string, string[]>>>();
for (const { operation, at } of operations(document)) {
  const byStatus = new Map<number, Map<string, string[]>>();
  for (const status of Object.keys(operation.responses)) byStatus.set(Number(status), new Map());
  for (const site of mediaTypes(document, operation, at)) {
    if (site.where === 'request') continue;
    byStatus.get(Number(site.where))!.set(site.type, [...site.at, 'schema']);
  }
  responses.set(operation.operationId, byStatus);
}

/** What is wrong with an answer against its operation's documented responses, or undefined. */
export function undocumented(answer: Answered): string | undefined {
  const where = `${answer.method} ${answer.path} → ${answer.status}`;
  if (!answer.operation) return `${where}: no operation of the document`;
  if (answer.headers.get('x-chert-mock-error')) return `${where}: a mock error: ${answer.text.slice(0, 300)}`;
  const byType = responses.get(answer.operation)?.get(answer.status);
  if (!byType) return `${where}: ${answer.status} is not documented for ${answer.operation}`;
  if (!byType.size) return answer.bytes.length ? `${where}: documents no body but got ${answer.bytes.length} bytes` : undefined;
  const essence = answer.contentType?.split(';')[0]!.trim() ?? '';
  const at = byType.get(essence) ?? byType.get(`${essence.split('/')[0]}/*`) ?? byType.get('*/*');
  if (!at) return `${where}: ${essence} is not a documented type (${[...byType.keys()].join(', ')})`;
  const key = at.join('/');
  let validate = validators.get(key);
  if (!validate) validators.set(key, (validate = ajv.compile({ $ref: pointer(at) })));
  const value = /json/.test(essence) ? answer.json : answer.text;
  if (value === undefined) return `${where}: the body does not parse`;
  if (validate(value)) return undefined;
  const errors = (validate.errors ?? []).filter((e) => {
    const exempt = e.keyword === 'pattern' && /\/url$/.test(e.instancePath) && /HttpsUrl/.test(e.schemaPath) && LOOPBACK_HTTP.test(String(valueAt(value, e.instancePath)));
    if (exempt) waived.push(`${where} ${e.instancePath}`);
    return !exempt;
  });
  return errors.length ? `${where}: breaks its schema: ${JSON.stringify(errors.slice(0, 3))} in ${answer.text.slice(0, 400)}` : undefined;
}

// A webhook receiver on loopback.

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Answers the next requests with these statuses, then 200 (or `always`). */
  script(statuses: number[], always?: number): void;
  close(): Promise<void>;
}

export async function startReceiver(path = '/hooks/chert'): Promise<Receiver> {
  const received: Received[] = [];
  let queue: number[] = [];
  let fallback = 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      res.writeHead(queue.shift() ?? fallback, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    script(statuses, always = 200) {
      queue = [...statuses];
      fallback = always;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A loopback port with nothing listening: connections are refused. */
export async function downUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hooks/chert`;
}

export function text(value: string) {
  return { type: 'text' as const, value };
}

export function firstMessage(to: string[], parts: unknown[] = [text('Hi')], extra: Record<string, unknown> = {}) {
  return { from: LINE, to, message: { parts, ...extra } };
}
