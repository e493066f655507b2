import type { IncomingMessage } from 'node:http';
import { createInstance } from '@stoplight/prism-http';
import type { createLogger } from '@stoplight/prism-core';
import type { Violation } from './classify.js';
import { DOCUMENT_BASE_URL, type LoadedDocument } from './document.js';

type Logger = ReturnType<typeof createLogger>;
type Prism = ReturnType<typeof createInstance>;
type PrismInput = Parameters<Prism['request']>[0];

interface Upstreamed {
  rawBody: Buffer;
  headers: Record<string, string>;
}

interface ProxyAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  reason?: string;
  operation?: string;
  mockError?: boolean;
  violations: { request: string[]; response: string[] };
}

/** Request headers that describe this hop, not the request; fetch sets its own. */
const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'prefer',
]);

/**
 * Prism's validation proxy, with our own forwarding step. Prism's forwarder re-serialises
 * a parsed JSON body (which breaks `x-chert-signature`, signed over the exact bytes), logs
 * credentials, and re-mocks any upstream 501, which for Chert is a real answer (4099). Ours
 * sends the bytes as received and hands the response back to Prism for validation.
 */
export function createProxy(logger: Logger, upstream: URL) {
  const pending = new WeakMap<object, Upstreamed>();

  const forward = (
    { data }: { data: PrismInput },
    baseUrl: string,
  ) =>
    (log: Logger) =>
    async () => {
      const sent = pending.get(data);
      const base = new URL(baseUrl);
      const url = new URL(base.href);
      url.pathname = `${base.pathname.replace(/\/$/, '')}${data.url.path}`;
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(data.url.query ?? {})) {
        for (const v of Array.isArray(value) ? value : [value]) query.append(key, v);
      }
      url.search = query.toString();
      log.info(`> ${data.method.toUpperCase()} ${url.href}`);
      try {
        const method = data.method.toUpperCase();
        const response = await fetch(url, {
          method,
          headers: sent?.headers ?? {},
          ...(sent && sent.rawBody.length && method !== 'GET' && method !== 'HEAD' ? { body: new Uint8Array(sent.rawBody) } : {}),
          redirect: 'manual',
        });
        const text = await response.text();
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          if (!HOP_BY_HOP.has(name) && name !== 'content-encoding') headers[name] = value;
        });
        let body: unknown = text;
        if (/[/+]json\b/i.test(response.headers.get('content-type') ?? '') && text.length) {
          try {
            body = JSON.parse(text);
          } catch {
            body = text;
          }
        }
        log.info(`< ${response.status} from upstream`);
        return { _tag: 'Right' as const, right: { statusCode: response.status, headers, body } };
      } catch (error) {
        return { _tag: 'Left' as const, left: error as Error };
      }
    };

  const prism = createInstance(
    {
      mock: { dynamic: false },
      isProxy: true,
      upstream,
      upstreamProxy: undefined,
      checkSecurity: true,
      validateRequest: true,
      validateResponse: true,
      // Forward even a request that breaks the document: what Chert answers to it is the point.
      errors: false,
    } as Parameters<typeof createInstance>[0],
    { logger, forward } as unknown as Parameters<typeof createInstance>[1],
  );

  return {
    async handle(
      document: LoadedDocument,
      request: { method: string; target: URL; headers: IncomingMessage['headers']; rawBody: Buffer },
    ): Promise<ProxyAnswer> {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (value === undefined || HOP_BY_HOP.has(name)) continue;
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const text = request.rawBody.toString('utf8');
      let body: unknown;
      let notJson: string | undefined;
      if (text.trim()) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
          notJson = 'body: is not JSON';
        }
      }
      const query: Record<string, string | string[]> = {};
      for (const key of new Set(request.target.searchParams.keys())) {
        const all = request.target.searchParams.getAll(key);
        query[key] = all.length === 1 ? (all[0] as string) : all;
      }
      const input: PrismInput = {
        method: request.method.toLowerCase() as PrismInput['method'],
        url: { path: request.target.pathname, baseUrl: DOCUMENT_BASE_URL, query },
        headers: { ...headers, ...(request.rawBody.length ? { 'content-length': String(request.rawBody.length) } : {}) },
        ...(body === undefined ? {} : { body }),
      };
      pending.set(input, { rawBody: request.rawBody, headers });
      const result = await prism.request(input, document.operations)();
      if (result._tag === 'Left') {
        return {
          status: 502,
          headers: { 'X-Chert-Mock-Error': 'Upstream did not answer' },
          body: {
            mock_error: {
              title: 'Upstream did not answer',
              detail: `Forwarding ${request.method} ${request.target.pathname} to ${upstream.origin} failed: ${describeError(result.left)}`,
            },
            trace_id: '',
          },
          reason: `upstream failed: ${describeError(result.left)}`,
          mockError: true,
          violations: { request: [], response: [] },
        };
      }
      const output = result.right.output as { statusCode: number; headers?: Record<string, string>; body?: unknown };
      const op = document.catalog.find((o) => o.method === request.method && o.match(request.target.pathname));
      const show = (v: Violation) =>
        v.code === 401
          ? 'credentials: neither HMAC v1 (x-chert-signature with x-chert-tenant) nor a bearer token'
          : `${v.path?.length ? `${v.path.join('.')}: ` : ''}${v.message}`;
      const requestViolations = (result.right.validations.input as Violation[])
        .filter((v) => v.severity === undefined || v.severity <= 1)
        .filter((v) => v.code !== 'oneOf')
        .map(show);
      if (notJson) requestViolations.unshift(notJson);
      const unique = (list: string[]) => [...new Set(list)];
      return {
        status: output.statusCode,
        headers: output.headers ?? {},
        body: output.body,
        ...(op ? { operation: op.id } : {}),
        violations: {
          request: unique(requestViolations),
          response: unique(
            (result.right.validations.output as Violation[])
              .filter((v) => v.severity === undefined || v.severity <= 1)
              .map(show),
          ),
        },
      };
    },
  };
}

function describeError(error: Error): string {
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ? `${error.message} (${cause.code})` : error.message;
}
