import type { IncomingMessage } from 'node:http';
import { createInstance, getHttpOperationsFromSpec } from '@stoplight/prism-http';
import type { createLogger } from '@stoplight/prism-core';
import type { LoadedDocument } from '../document/load.js';
import type { Answer } from '../http/answer.js';
import { mediaKind, parseMediaType } from '../http/media-type.js';
import { PARSED_BODY_LIMIT } from '../front/request-body.js';
import { queryRecord, type RequestTarget } from '../http/target.js';
import { matchRoute } from '../front/route.js';
import type { PrismViolation } from '../front/violations.js';

type Logger = ReturnType<typeof createLogger>;
type Prism = ReturnType<typeof createInstance>;
type PrismInput = Parameters<Prism['request']>[0];

interface Upstreamed {
  rawBody: Buffer;
  headers: Record<string, string>;
  /** The path exactly as the client sent it; Prism validates a well-formed copy. */
  path: string;
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
export async function createProxy(document: LoadedDocument, logger: Logger, upstream: URL) {
  const { signature } = document.security;
  const credentialsMissing = `credentials: none of the document's schemes (${[
    ...(signature ? [`HMAC v1 in ${signature.header}`] : []),
    ...(document.security.bearer ? ['a bearer token'] : []),
  ].join(', ')})`;
  const operations = await getHttpOperationsFromSpec(structuredClone(document.raw));
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
      url.pathname = `${base.pathname.replace(/\/$/, '')}${sent?.path ?? data.url.path}`;
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
    async handle(request: { method: string; target: RequestTarget; headers: IncomingMessage['headers']; rawBody: Buffer }): Promise<Answer> {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (value === undefined || HOP_BY_HOP.has(name)) continue;
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      // What the validator sees of the body: JSON parsed, text as text, bytes as a stand-in.
      const declared = headers['content-type'] === undefined ? undefined : parseMediaType(headers['content-type']);
      const kind = declared && 'essence' in declared ? mediaKind(declared.essence) : 'json';
      let body: unknown;
      let notJson: string | undefined;
      if (kind === 'binary') {
        if (request.rawBody.length) body = request.rawBody.subarray(0, 64 * 1024).toString('latin1');
      } else if (request.rawBody.length > PARSED_BODY_LIMIT) {
        notJson = `body: ${request.rawBody.length} bytes, too large for the mock to validate`;
      } else {
        const text = request.rawBody.toString('utf8');
        if (text.trim()) {
          if (kind === 'text') body = text;
          else {
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
              notJson = 'body: is not JSON';
            }
          }
        }
      }
      // The validator cannot read every content type a client can send; it sees none then.
      const validated = { ...headers };
      const sentType = headers['content-type'];
      const unreadableType = sentType !== undefined && 'problem' in parseMediaType(sentType);
      if (unreadableType) delete validated['content-type'];
      const input: PrismInput = {
        method: request.method.toLowerCase() as PrismInput['method'],
        url: { path: wellFormed(request.target.path), query: queryRecord(request.target.query) },
        headers: { ...validated, ...(request.rawBody.length ? { 'content-length': String(request.rawBody.length) } : {}) },
        ...(body === undefined ? {} : { body }),
      };
      pending.set(input, { rawBody: request.rawBody, headers, path: request.target.path });
      const result = await prism.request(input, operations)();
      if (result._tag === 'Left') {
        return {
          status: 502,
          headers: { 'X-Chert-Mock-Error': 'Upstream did not answer' },
          body: {
            mock_error: {
              title: 'Upstream did not answer',
              detail: `Forwarding ${request.method} ${request.target.path} to ${upstream.origin} failed: ${describeError(result.left)}`,
            },
            trace_id: '',
          },
          mediaType: 'application/json',
          reason: `upstream failed: ${describeError(result.left)}`,
          mockError: true,
          violations: { request: [], response: [] },
        };
      }
      const output = result.right.output as { statusCode: number; headers?: Record<string, string>; body?: unknown };
      let operation: string | undefined;
      try {
        operation = matchRoute(document, request.method, request.target.path).op.id;
      } catch {
        // Not a documented route: reported by Prism's validation, forwarded all the same.
      }
      const show = (v: PrismViolation) =>
        v.code === 401 ? credentialsMissing : `${v.path?.length ? `${v.path.join('.')}: ` : ''}${v.message}`;
      const requestViolations = (result.right.validations.input as PrismViolation[])
        .filter((v) => v.severity === undefined || v.severity <= 1)
        .filter((v) => v.code !== 'oneOf')
        .map(show);
      if (notJson) requestViolations.unshift(notJson);
      if (unreadableType) requestViolations.unshift(`content-type: "${sentType}" is not a media type`);
      const unique = (list: string[]) => [...new Set(list)];
      const upstreamHeaders = output.headers ?? {};
      const contentType = Object.entries(upstreamHeaders).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
      return {
        status: output.statusCode,
        headers: upstreamHeaders,
        body: output.body,
        ...(contentType ? { mediaType: contentType } : {}),
        proxied: true,
        ...(operation ? { operation } : {}),
        violations: {
          request: unique(requestViolations),
          response: unique(
            (result.right.validations.output as PrismViolation[])
              .filter((v) => v.severity === undefined || v.severity <= 1)
              .map(show),
          ),
        },
      };
    },
  };
}

/** Stray `%` signs escaped, so the validator's decoder never throws on the client's path. */
function wellFormed(path: string): string {
  return path.replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
}

function describeError(error: Error): string {
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ? `${error.message} (${cause.code})` : error.message;
}
