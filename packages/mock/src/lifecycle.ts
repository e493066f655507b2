/**
 * Starting and stopping the mock: load the document, wire the front (or the proxy) to a
 * `node:http` server, log and report one line per request, and close cleanly.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@stoplight/prism-core';
import { loadDocument } from './document/load.js';
import { credentialValues } from './front/credentials.js';
import { answerRequest, type FrontContext } from './front/front.js';
import { BINARY_BODY_LIMIT } from './front/request-body.js';
import { ClientGone, readBody } from './http/body.js';
import { headerValue, isRecord, mockAnswer, writeAnswer, type Answer } from './http/answer.js';
import { parseTarget } from './http/target.js';
import { prismLogSink, Redactor, requestLine } from './log.js';
import { mockErrorBody, MockRefusal } from './mock-error.js';
import { examplesAnswerer } from './modes/examples.js';
import { createProxy } from './modes/proxy.js';
import { createPrismAdapter } from './prism/adapter.js';
import { sandboxAnswerer } from './sandbox/answerer.js';
import { answerControl, isControlPath, stateView } from './sandbox/control.js';
import { MissingFact } from './sandbox/facts.js';
import { Sandbox, SANDBOX_DEFAULTS } from './sandbox/sandbox.js';
import { isSeed, SEEDS } from './sandbox/seed.js';
import { ControlInputError, simulateInbound, simulateReaction } from './sandbox/simulate.js';
import { newTraceId } from './trace.js';
import type { InboundInput, MockMode, MockOptions, ReactInput, RequestReport, RunningMock, RunningSandbox } from './types.js';

/** Where the document names no loopback server of its own. */
const FALLBACK_PORT = 4010;

const MODES: MockMode[] = ['sandbox', 'examples'];

/** Examples mode or a proxy: a mock without state. */
export function startMock(options: MockOptions & ({ mode: 'examples' } | { proxy: string })): Promise<RunningMock>;
/** The sandbox (the default mode): a stateful local Chert with the control of a test suite. */
export function startMock(options?: MockOptions): Promise<RunningSandbox>;
export async function startMock(options: MockOptions = {}): Promise<RunningMock | RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const mode = options.mode ?? 'sandbox';
  if (!MODES.includes(mode)) throw new Error(`mode must be ${MODES.join(' or ')}, got "${String(mode)}"`);
  if (options.seed !== undefined && !isSeed(options.seed)) throw new Error(`seed must be ${SEEDS.join(' or ')}, got "${String(options.seed)}"`);
  const log = options.log ?? (() => {});
  const secret = options.signingSecret || undefined;
  const upstream = options.proxy !== undefined ? parseUpstream(options.proxy) : undefined;
  const document = await loadDocument(options.document);
  const port = options.port ?? document.localPort ?? FALLBACK_PORT;
  const redactor = new Redactor();
  const logger = createLogger('chert-mock', { level: options.verbose ? 'info' : 'silent' }, prismLogSink(log, redactor));
  const note = options.verbose ? (line: string) => log(redactor.apply(`  mock  ${line}`)) : () => {};

  let answer: (req: IncomingMessage) => Promise<Answer>;
  let sandbox: Sandbox | undefined;
  if (upstream) {
    const proxy = await createProxy(document, logger, upstream);
    answer = async (req) => {
      const target = parseTarget(req.url);
      const method = (req.method ?? 'GET').toUpperCase();
      if (!target) {
        throw new MockRefusal({ status: 404, title: 'No such route in the document', detail: `${method} ${req.url} is not a request target the mock can forward.` });
      }
      const read = await readBody(req, BINARY_BODY_LIMIT);
      if (read.over) {
        throw new MockRefusal({ status: 413, title: 'Body too large for the mock', detail: `The mock forwards bodies up to ${BINARY_BODY_LIMIT} bytes; this one is larger.` });
      }
      return proxy.handle({ method, target, headers: req.headers, rawBody: read.bytes });
    };
  } else {
    if (mode === 'sandbox') sandbox = createSandbox(document, options, log);
    const prism = await createPrismAdapter(document.raw, document.operations, logger, document.security.signature ? [document.security.signature.header] : []);
    const answerer = sandbox ? sandboxAnswerer(sandbox, examplesAnswerer) : examplesAnswerer;
    const context: FrontContext = { document, prism, signingSecret: secret, answerer, note };
    const running = sandbox;
    answer = (req) => {
      const path = parseTarget(req.url)?.path;
      if (running && isControlPath(path)) return answerControl(running, req, path!);
      return answerRequest(context, req);
    };
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<RequestReport> => {
    const traceId = newTraceId();
    const method = (req.method ?? 'GET').toUpperCase();
    const release = redactor.add(credentialValues(document.security, req.headers, secret));
    try {
      let result: Answer;
      try {
        result = await answer(req);
      } catch (error) {
        if (!(error instanceof MockRefusal)) throw error;
        result = mockAnswer(error.mockError);
      }
      const written = writeAnswer(res, result, traceId);
      const body = written.body;
      const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
      return {
        method,
        path: parseTarget(req.url)?.path ?? String(req.url),
        ...(result.operation ? { operation: result.operation } : {}),
        status: result.status,
        ...(typeof error?.code === 'number' ? { code: error.code } : {}),
        ...(result.example ? { example: result.example } : {}),
        ...(result.reason ? { reason: redactor.apply(result.reason) } : {}),
        // In proxy mode the trace id is upstream's; the mock makes none up for it.
        traceId: result.proxied ? (headerValue(written.headers, 'x-trace-id') ?? 'none') : traceId,
        mockError: !!result.mockError,
        violations: result.violations,
      };
    } finally {
      release();
    }
  };

  const server = createServer((req, res) => {
    handle(req, res)
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
      // A sandbox that never served leaves nothing running (deliveries a snapshot resumed).
      sandbox?.deliverer.cancel();
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
  const close = async () => {
    // The server stops even when the state cannot be written; then close() says why.
    try {
      sandbox?.close();
    } finally {
      await closeServer(server);
    }
  };
  const running: RunningMock = { url, port: address.port, host, mode: upstream ? 'proxy' : mode, close };
  if (!sandbox) return withoutSandbox(running);
  sandbox.baseUrl = url;
  return sandboxHandle(running, sandbox, server);
}

function createSandbox(document: Awaited<ReturnType<typeof loadDocument>>, options: MockOptions, log: (line: string) => void): Sandbox {
  try {
    return new Sandbox(document, {
      lines: options.lines ?? SANDBOX_DEFAULTS.lines,
      stateFile: options.state,
      seed: options.seed,
      allowRemoteWebhooks: options.allowRemoteWebhooks ?? false,
      deliveredAfterMs: options.deliveredAfterMs ?? SANDBOX_DEFAULTS.deliveredAfterMs,
      webhookTimeoutMs: options.webhookTimeoutMs ?? SANDBOX_DEFAULTS.webhookTimeoutMs,
      webhookBackoffMs: options.webhookBackoffMs ?? SANDBOX_DEFAULTS.webhookBackoffMs,
      streamHeartbeatMs: options.streamHeartbeatMs,
      streamLifeMs: options.streamLifeMs,
      now: options.now,
      tenant: SANDBOX_DEFAULTS.tenant,
      log,
    });
  } catch (error) {
    if (!(error instanceof MissingFact)) throw error;
    throw new Error(`${error.message} (the sandbox models Chert's API; serve another document with mode "examples")`);
  }
}

/** The control of a test suite, in-process: the same as the control API over HTTP. */
function sandboxHandle(running: RunningMock, sandbox: Sandbox, server: Server): RunningSandbox {
  const control = <T>(run: () => T): Promise<T> => {
    try {
      return Promise.resolve(run());
    } catch (error) {
      return Promise.reject(error instanceof ControlInputError ? new TypeError(error.message) : error);
    }
  };
  return {
    ...running,
    mode: 'sandbox',
    inbound: (input: InboundInput) =>
      control(() => {
        const parts = input.parts?.map((p) => (p.type === 'media' ? { type: 'media', data: p.bytes, content_type: p.contentType, filename: p.filename } : p));
        return simulateInbound(sandbox, { from: input.from, chat_id: input.chatId, to: input.to, text: input.text, parts }) as never;
      }),
    react: (input: ReactInput) =>
      control(() => simulateReaction(sandbox, { message_id: input.messageId, reaction: input.reaction, from: input.from, removed: input.removed }) as never),
    reset: () => control(() => sandbox.reset()),
    advanceClock: (ms: number) => new Date(sandbox.clock.advance(ms)),
    now: () => new Date(sandbox.clock.now()),
    settle: () => sandbox.deliverer.settled(),
    stats: () =>
      new Promise((resolve, reject) =>
        server.getConnections((error, count) =>
          error ? reject(error) : resolve({ openConnections: count, streamClients: sandbox.hub.size, pendingDeliveries: sandbox.deliverer.pending }),
        ),
      ),
    snapshot: () => stateView(sandbox),
  };
}

/** Outside the sandbox, its controls say so instead of pretending. */
function withoutSandbox(running: RunningMock): RunningSandbox {
  const refuse = () => {
    throw new Error(`this mock runs in ${running.mode} mode; the sandbox controls need mode "sandbox"`);
  };
  const reject = () => Promise.reject(new Error(`this mock runs in ${running.mode} mode; the sandbox controls need mode "sandbox"`));
  return { ...running, inbound: reject, react: reject, reset: reject, advanceClock: refuse, now: refuse, settle: reject, stats: reject, snapshot: refuse } as unknown as RunningSandbox;
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
