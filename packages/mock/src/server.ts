import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInstance } from '@stoplight/prism-http';
import { createLogger } from '@stoplight/prism-core';
import { checkCredentials, credentialValues } from './auth.js';
import { classifyBadRequest, type BodyKind, type Violation } from './classify.js';
import {
  DOCUMENT_BASE_URL,
  describeResponses,
  findExample,
  loadDocument,
  type LoadedDocument,
  type OperationCatalog,
} from './document.js';
import { prismLogSink, Redactor, requestLine } from './log.js';
import { mockErrorBody, type MockError } from './mock-error.js';
import { parsePrefer } from './prefer.js';
import { createProxy } from './proxy.js';
import { newTraceId } from './trace.js';

export interface MockOptions {
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /**
   * The tenant's signing secret. With it, `x-chert-signature` is verified (HMAC-SHA256,
   * 300-second window) and a bearer token must equal it; without it, the mock only checks
   * that credentials are present.
   */
  signingSecret?: string;
  /** Also log Prism's own lines (negotiation, validation) for every request. */
  verbose?: boolean;
  /** Where log lines go (one per request, plus Prism's with `verbose`). Default: nowhere. */
  log?: (line: string) => void;
  /**
   * Proxy mode: forward every request to this Chert base URL through Prism's validation
   * proxy and report whatever breaks the document, instead of answering from examples.
   */
  proxy?: string;
  /** Path of a bundled OpenAPI document to serve instead of `@chert/openapi`'s. */
  document?: string;
  /** Called once per request with what the mock answered and why. */
  onReport?: (report: RequestReport) => void;
}

export interface RunningMock {
  /** Base URL to hand a client, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  host: string;
  /** Stops listening and ends open connections. */
  close(): Promise<void>;
}

export interface RequestReport {
  method: string;
  path: string;
  /** The operationId, when the path and method matched one. */
  operation?: string;
  status: number;
  /** Chert's `error.code`, on an error answer. */
  code?: number;
  /** The document example the answer was rendered from. */
  example?: string;
  /** Why the answer is what it is (the violation or credential fact), for errors. */
  reason?: string;
  traceId: string;
  /** True when the answer is the mock's own (unknown route, bad Prefer…), not Chert's. */
  mockError: boolean;
  /** What broke the document: the request's violations and the response's. */
  violations: { request: string[]; response: string[] };
}

/** Bodies beyond this are refused before parsing; contact cards are a few kilobytes. */
const MAX_BODY_BYTES = 1024 * 1024;

type Prism = ReturnType<typeof createInstance>;
type PrismInput = Parameters<Prism['request']>[0];
type PrismOutput = { statusCode: number; headers?: Record<string, string>; body?: unknown };

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  example?: string;
  reason?: string;
  mockError?: boolean;
  operation?: string;
  violations: { request: string[]; response: string[] };
}

/** The client closed the connection before the body ended: there is no one to answer. */
class ClientGone extends Error {}

class HttpError extends Error {
  constructor(readonly mockError: MockError) {
    super(mockError.detail);
  }
}

export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 4010;
  const log = options.log ?? (() => {});
  const secret = options.signingSecret || undefined;
  const upstream = options.proxy !== undefined ? parseUpstream(options.proxy) : undefined;
  const document = await loadDocument(options.document);
  const redactor = new Redactor();
  const logger = createLogger(
    'chert-mock',
    { level: options.verbose ? 'info' : 'silent' },
    prismLogSink(log, redactor),
  );
  const prism = createInstance(
    {
      isProxy: false,
      mock: { dynamic: false },
      // Credentials are checked by the mock itself, as Chert checks them; Prism only
      // validates the request against the document and renders examples.
      checkSecurity: false,
      validateRequest: true,
      validateResponse: true,
      errors: false,
      upstreamProxy: undefined,
    },
    { logger },
  );

  const proxy = upstream ? createProxy(logger, upstream) : undefined;
  const note = options.verbose ? (line: string) => log(redactor.apply(`  mock  ${line}`)) : () => {};
  const context: Context = { document, prism, proxy, secret, upstream, redactor, note };

  const server = createServer((req, res) => {
    handle(context, req, res)
      .then((report) => {
        log(requestLine(report));
        if (report.violations.response.length && !upstream) {
          log(`  ! the document's own example breaks its schema: ${report.violations.response.join('; ')}`);
        }
        if (upstream) {
          for (const v of report.violations.request) log(`  ! request  ${v}`);
          for (const v of report.violations.response) log(`  ! response ${v}`);
        }
        options.onReport?.(report);
      })
      .catch((error: unknown) => {
        if (error instanceof ClientGone) {
          log(`${req.method} ${req.url} → client went away before sending the whole body`);
          return;
        }
        const message = redactor.apply(String((error as Error)?.message ?? error));
        log(`${req.method} ${req.url} → mock failure: ${message}`);
        if (res.headersSent) return void res.end();
        const traceId = newTraceId();
        const body = mockErrorBody({ status: 500, title: 'Mock failure', detail: message }, traceId);
        res.writeHead(500, { 'content-type': 'application/json', 'X-Chert-Mock-Error': 'Mock failure', 'X-Trace-ID': traceId });
        res.end(JSON.stringify(body));
      });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(listenError(error, host, port));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host });
  });

  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' || host.includes(':') ? `[${address.address}]` : host}:${address.port}`;
  return {
    url,
    port: address.port,
    host,
    close: () => closeServer(server),
  };
}

function parseUpstream(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--proxy needs an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`--proxy needs an http(s) URL, got "${value}"`);
  }
  return url;
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = `${host}:${port}`;
  const message =
    error.code === 'EADDRINUSE'
      ? `${where} is already in use; stop what is listening there or pick another --port (0 picks a free one)`
      : error.code === 'EACCES'
        ? `not allowed to listen on ${where}; pick a port above 1023`
        : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
          ? `cannot listen on ${where}: no such local address`
          : `cannot listen on ${where}: ${error.message}`;
  return Object.assign(new Error(message), { code: error.code });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) return resolve();
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

interface Context {
  document: LoadedDocument;
  prism: Prism;
  secret: string | undefined;
  proxy: ReturnType<typeof createProxy> | undefined;
  upstream: URL | undefined;
  redactor: Redactor;
  /** A verbose-only line of the mock's own reasoning, between Prism's. */
  note: (line: string) => void;
}

async function handle(ctx: Context, req: IncomingMessage, res: ServerResponse): Promise<RequestReport> {
  const traceId = newTraceId();
  const method = (req.method ?? 'GET').toUpperCase();
  const target = new URL(req.url ?? '/', 'http://mock.invalid');
  const release = ctx.redactor.add(credentialValues(req.headers, ctx.secret));
  try {
    return await respond(ctx, req, res, traceId, method, target);
  } finally {
    release();
  }
}

async function respond(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  traceId: string,
  method: string,
  target: URL,
): Promise<RequestReport> {
  let answer: Answer;
  try {
    const rawBody = await readBody(req);
    answer = ctx.proxy
      ? await ctx.proxy.handle(ctx.document, { method, target, headers: req.headers, rawBody })
      : await answerLikeChert(ctx, method, target, req.headers, rawBody);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    answer = mockAnswer(error.mockError);
  }

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    headers[name.toLowerCase() === 'content-type' ? 'content-type' : name] = value;
  }
  let body = answer.body;
  if (!ctx.upstream || answer.mockError) {
    if (isRecord(body) && 'trace_id' in body) body = { ...body, trace_id: traceId };
    setHeader(headers, 'X-Trace-ID', traceId);
    // Prism makes up a Retry-After from the header's schema example; Chert sends the one in
    // the body, and none when the body has none.
    const retryAfter = isRecord(body) && isRecord(body.error) ? body.error.retry_after : undefined;
    if (typeof retryAfter === 'number') setHeader(headers, 'Retry-After', String(retryAfter));
    else removeHeader(headers, 'Retry-After');
  }
  const payload =
    body === undefined ? undefined : typeof body === 'string' ? body : Buffer.from(JSON.stringify(body), 'utf8');
  if (payload !== undefined && !hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';
  for (const name of Object.keys(headers)) {
    if (['content-length', 'transfer-encoding', 'content-encoding', 'connection'].includes(name.toLowerCase())) {
      delete headers[name];
    }
  }
  res.writeHead(answer.status, headers);
  res.end(payload);

  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  // In proxy mode the trace id is upstream's; the mock makes none up for it.
  const shownTrace = ctx.upstream && !answer.mockError ? (headerValue(headers, 'x-trace-id') ?? 'none') : traceId;
  return {
    method,
    path: target.pathname,
    ...(answer.operation ? { operation: answer.operation } : {}),
    status: answer.status,
    ...(typeof error?.code === 'number' ? { code: error.code } : {}),
    ...(answer.example ? { example: answer.example } : {}),
    ...(answer.reason ? { reason: ctx.redactor.apply(answer.reason) } : {}),
    traceId: shownTrace,
    mockError: !!answer.mockError,
    violations: answer.violations,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name.toLowerCase());
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

function removeHeader(headers: Record<string, string>, name: string): void {
  for (const k of Object.keys(headers)) if (k.toLowerCase() === name.toLowerCase()) delete headers[k];
}

function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const k of Object.keys(headers)) if (k.toLowerCase() === name.toLowerCase()) delete headers[k];
  headers[name] = value;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        refused = true;
        reject(
          new HttpError({
            status: 413,
            title: 'Body too large for the mock',
            detail: `The mock reads request bodies up to ${MAX_BODY_BYTES} bytes; this one is larger.`,
          }),
        );
        return;
      }
      chunks.push(chunk);
    });
    let ended = false;
    req.on('end', () => {
      ended = true;
      resolve(Buffer.concat(chunks));
    });
    // An aborted request surfaces as an 'error' ("aborted") or a bare 'close'.
    req.on('error', () => {
      if (!ended && !refused) reject(new ClientGone());
    });
    req.on('close', () => {
      if (!ended && !refused) reject(new ClientGone());
    });
  });
}

export function mockAnswer(error: MockError): Answer {
  return {
    status: error.status,
    headers: { 'X-Chert-Mock-Error': error.title, ...(error.headers ?? {}) },
    body: mockErrorBody(error, ''),
    reason: `mock error: ${error.title}`,
    mockError: true,
    violations: { request: [], response: [] },
  };
}

export function routeOf(document: LoadedDocument, method: string, pathname: string): OperationCatalog {
  const onPath = document.catalog.filter((op) => op.match(pathname));
  const op = onPath.find((candidate) => candidate.method === method);
  if (op) return op;
  if (onPath.length) {
    const allow = [...new Set(onPath.map((o) => o.method))].join(', ');
    throw new HttpError({
      status: 405,
      title: 'Method not in the document',
      detail: `${method} ${pathname} is not a documented operation; this path takes ${allow}.`,
      askedFor: { method, path: pathname },
      available: onPath.map((o) => `${o.method} ${o.path}`),
      headers: { Allow: allow },
    });
  }
  throw new HttpError({
    status: 404,
    title: 'No such route in the document',
    detail: `${method} ${pathname} matches no operation of the Chert document.`,
    askedFor: { method, path: pathname },
    available: document.catalog.map((o) => `${o.method} ${o.path} (${o.id})`),
  });
}

/** Which example `Prefer` asks for, checked against the document before anything else. */
function preferredExample(
  op: OperationCatalog,
  header: string | string[] | undefined,
): { code: number; example: string } | undefined {
  const preference = parsePrefer(header);
  const available = Object.fromEntries([...op.responses].map(([code, names]) => [String(code), names]));
  if (preference.problem) {
    throw new HttpError({
      status: 422,
      title: 'Unreadable Prefer header',
      detail: `${preference.problem}. Use e.g. "Prefer: code=404" or "Prefer: code=401, example=StaleTimestamp". ${op.id} can answer ${describeResponses(op)}.`,
      askedFor: { prefer: String(header) },
      available,
    });
  }
  const { code, example } = preference;
  if (code === undefined && example === undefined) return undefined;
  const asked = [code !== undefined ? `code=${code}` : '', example !== undefined ? `example=${example}` : '']
    .filter(Boolean)
    .join(', ');
  // Prism ignores example= without code=; the mock finds the status that holds the example.
  const status = code ?? findExample(op, example as string);
  const names = status === undefined ? undefined : op.responses.get(status);
  if (status === undefined || names === undefined) {
    throw new HttpError({
      status: 422,
      title: code !== undefined ? 'No such status for this operation' : 'No such example for this operation',
      detail: `Prefer asked for ${asked}, but ${op.id} documents ${describeResponses(op)}.`,
      askedFor: { operation: op.id, ...(code !== undefined ? { code } : {}), ...(example ? { example } : {}) },
      available,
    });
  }
  const chosen = example ?? names[0];
  if (chosen === undefined || !names.includes(chosen)) {
    throw new HttpError({
      status: 422,
      title: 'No such example for this status',
      detail: `Prefer asked for ${asked}, but ${op.id} documents ${status} with ${names.length ? names.join(', ') : 'no examples'}.`,
      askedFor: { operation: op.id, code: status, ...(example ? { example } : {}) },
      available,
    });
  }
  return { code: status, example: chosen };
}

function bodyKind(op: OperationCatalog): BodyKind {
  if (op.path.endsWith('/send-contact')) return 'send-contact';
  if (op.path.endsWith('/share-contact-info')) return 'share-contact';
  return 'other';
}

function violationText(v: Violation): string {
  const path = v.path?.length ? `${v.path.join('.')}: ` : '';
  return `${path}${v.message}`;
}

async function answerLikeChert(
  ctx: Context,
  method: string,
  target: URL,
  headers: IncomingMessage['headers'],
  rawBody: Buffer,
): Promise<Answer> {
  const op = routeOf(ctx.document, method, target.pathname);
  const preferred = preferredExample(op, headers.prefer);

  const auth = checkCredentials({
    headers,
    rawBody,
    signingSecret: ctx.secret,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  if (!auth.ok) return render(ctx, op, target, 401, auth.example, auth.reason);

  let body: unknown;
  if (op.takesBody) {
    const text = decodeUtf8(rawBody);
    if (text === undefined) return render(ctx, op, target, 400, 'InvalidJson', 'body is not valid UTF-8');
    // Chert reads an empty body as {} (so send-contact answers 1001, not 1004).
    if (text.trim() === '') body = {};
    else {
      try {
        body = JSON.parse(text);
      } catch (error) {
        return render(ctx, op, target, 400, 'InvalidJson', `body is not JSON: ${(error as Error).message}`);
      }
    }
  }

  ctx.note(`${op.id}: credentials ${auth.scheme === 'signature' ? 'HMAC v1' : 'bearer'} ok${ctx.secret ? ' (verified)' : ' (present)'}; validating with Prism`);
  const input = prismInput(method, target, headers, op.takesBody ? body : undefined, op.takesBody ? rawBody.length : 0);
  const result = await ctx.prism.request(input, ctx.document.operations)();
  if (result._tag === 'Left') {
    throw new HttpError({
      status: 500,
      title: 'Prism could not answer',
      detail: `Prism failed on ${method} ${target.pathname}: ${result.left.message}`,
    });
  }
  const violations = (result.right.validations.input as Violation[]).filter(
    (v) => v.severity === undefined || v.severity === 0,
  );
  const requestViolations = violations.map(violationText);
  if (violations.length) {
    const pathProblem = violations.find((v) => v.path?.[0] === 'path');
    if (pathProblem && op.responses.get(404)?.includes('ChatNotFound')) {
      // A chat id Chert could never have issued is a chat Chert cannot find.
      return withViolations(
        await render(ctx, op, target, 404, 'ChatNotFound', violationText(pathProblem)),
        requestViolations,
      );
    }
    const verdict = classifyBadRequest(bodyKind(op), body, violations);
    const names = op.responses.get(400) ?? [];
    const example = names.includes(verdict.example) ? verdict.example : 'UnsupportedShape';
    return withViolations(await render(ctx, op, target, 400, example, verdict.reason), requestViolations);
  }

  if (preferred) {
    return render(ctx, op, target, preferred.code, preferred.example, `Prefer: code=${preferred.code}, example=${preferred.example}`);
  }
  const output = result.right.output as PrismOutput;
  if (output.statusCode >= 200 && output.statusCode < 300) {
    const success = op.responses.get(output.statusCode)?.[0];
    return {
      status: output.statusCode,
      headers: { ...(output.headers ?? {}) },
      body: withPathChatId(op, target, output.body),
      ...(success ? { example: success } : {}),
      operation: op.id,
      violations: { request: [], response: (result.right.validations.output as Violation[]).map(violationText) },
    };
  }
  throw new HttpError({
    status: 500,
    title: 'Prism chose an unexpected answer',
    detail: `Prism answered a valid ${op.id} request with ${output.statusCode}; the mock expected a documented success.`,
  });
}

/**
 * Chert answers with the chat the card went into; in the chat-id forms that is the chat in
 * the path, not the example's. (By phone, the example's id stands for the chat Chert found
 * or created.)
 */
function withPathChatId(op: OperationCatalog, target: URL, body: unknown): unknown {
  const at = op.path.split('/').indexOf('{id}');
  if (at < 0 || !isRecord(body) || typeof body.chat_id !== 'string') return body;
  const id = target.pathname.split('/')[at];
  return id ? { ...body, chat_id: decodeURIComponent(id) } : body;
}

function withViolations(answer: Answer, request: string[]): Answer {
  return { ...answer, violations: { ...answer.violations, request } };
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Prism sees redacted credentials: it never needs them (the mock checks them) and logs headers. */
function prismInput(
  method: string,
  target: URL,
  headers: IncomingMessage['headers'],
  body: unknown,
  contentLength: number,
): PrismInput {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (['authorization', 'x-chert-signature', 'host', 'connection', 'transfer-encoding'].includes(name)) continue;
    flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  if (body === undefined) {
    delete flat['content-type'];
    delete flat['content-length'];
  } else {
    flat['content-length'] = String(contentLength);
  }
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(target.searchParams.keys())) {
    const all = target.searchParams.getAll(key);
    query[key] = all.length === 1 ? (all[0] as string) : all;
  }
  return {
    method: method.toLowerCase() as PrismInput['method'],
    url: { path: target.pathname, baseUrl: DOCUMENT_BASE_URL, query },
    headers: flat,
    ...(body === undefined ? {} : { body }),
  };
}

/** Prism renders the named example; the mock only checks it rendered what was asked. */
async function render(
  ctx: Context,
  op: OperationCatalog,
  target: URL,
  code: number,
  example: string,
  reason: string,
): Promise<Answer> {
  ctx.note(`${reason} → asking Prism for ${op.id} ${code} example ${example}`);
  const input = prismInput(op.method, new URL(target.pathname, target), {}, undefined, 0);
  const result = await ctx.prism.request(input, ctx.document.operations, {
    isProxy: false,
    checkSecurity: false,
    validateRequest: false,
    validateResponse: true,
    errors: false,
    upstreamProxy: undefined,
    mock: { dynamic: false, code, exampleKey: example },
  })();
  if (result._tag === 'Left' || result.right.output.statusCode !== code) {
    throw new HttpError({
      status: 500,
      title: 'Prism could not render the example',
      detail: `The mock asked Prism for ${op.id} ${code} example ${example} and got ${
        result._tag === 'Left' ? result.left.message : `status ${result.right.output.statusCode}`
      }.`,
    });
  }
  const output = result.right.output as PrismOutput;
  return {
    status: code,
    headers: { ...(output.headers ?? {}) },
    body: output.body,
    example,
    reason,
    operation: op.id,
    violations: { request: [], response: (result.right.validations.output as Violation[]).map(violationText) },
  };
}
