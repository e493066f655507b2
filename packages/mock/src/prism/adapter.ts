/**
 * Prism's engine as the mock uses it: request validation against the document, and example
 * rendering. Every call gets its own config object: Prism writes into the config it is
 * given (the first request's `Accept` once stuck in a shared one and broke every later
 * answer), so nothing is shared between requests.
 */
import { createInstance, getHttpOperationsFromSpec } from '@stoplight/prism-http';
import type { createLogger } from '@stoplight/prism-core';
import type { Operation } from '../document/operation.js';
import type { Json } from '../document/schema.js';
import type { DecodedBody } from '../front/request-body.js';
import type { PrismViolation } from '../front/violations.js';

type Logger = ReturnType<typeof createLogger>;
type Prism = ReturnType<typeof createInstance>;
type PrismInput = Parameters<Prism['request']>[0];
export type HttpOperation = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>[number];
type PrismOutput = { statusCode: number; headers?: Record<string, unknown>; body?: unknown };

/** An answer Prism rendered from the document. */
export interface Rendered {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** The media type of `body`, when it has one. */
  mediaType?: string;
  /** Where the document's own example breaks its schema. */
  responseViolations: string[];
}

export interface ValidationInput {
  op: Operation;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  body: DecodedBody;
  /** The documented success to render in the same pass, if the request turns out valid. */
  success?: { status: number; mediaType?: string | undefined };
}

export interface PrismAdapter {
  validate(input: ValidationInput): Promise<{ violations: PrismViolation[]; success?: Rendered }>;
  render(op: Operation, params: Record<string, string>, status: number, example: string | undefined, mediaType: string | undefined): Promise<Rendered>;
}

/** Headers Prism never needs: credentials (the mock checks them, and Prism logs headers), hop-by-hop, and what the front decides itself. */
const WITHHELD = new Set(['authorization', 'host', 'connection', 'transfer-encoding', 'content-type', 'content-length', 'accept', 'prefer']);
/** Enough of a binary body for the validator to see a string of the right media type. */
const BINARY_STAND_IN = 64 * 1024;

export async function createPrismAdapter(raw: Json, operations: Operation[], logger: Logger, withheld: string[]): Promise<PrismAdapter> {
  // Prism dereferences the document it is given in place: give it a copy.
  const prismOps = await getHttpOperationsFromSpec(structuredClone(raw));
  const byRoute = new Map(prismOps.map((p) => [`${p.method.toUpperCase()} ${p.path}`, p]));
  const prismOf = (op: Operation): HttpOperation => {
    const found = byRoute.get(`${op.method} ${op.path}`);
    if (!found) throw new Error(`Prism has no operation ${op.method} ${op.path}`);
    return found;
  };
  const hidden = new Set([...WITHHELD, ...withheld]);
  const prism = createInstance(config({ dynamic: false }, false), { logger });
  // Validation alone, for when Prism cannot also mock an answer to an invalid request (an
  // operation without a 400 or 422): a proxy whose forwarding step does nothing.
  const validator = createInstance(
    { ...config({ dynamic: false }, true), isProxy: true, upstream: new URL('http://validator.invalid'), validateResponse: false } as Parameters<typeof createInstance>[0],
    { logger, forward: () => () => async () => ({ _tag: 'Right', right: { statusCode: 204, headers: {} } }) } as unknown as Parameters<typeof createInstance>[1],
  );

  return {
    async validate(input) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(input.headers)) {
        if (value === undefined || hidden.has(name.toLowerCase())) continue;
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const { body } = input;
      let prismBody: unknown;
      if (body.kind !== 'none') {
        headers['content-type'] = body.mediaType;
        headers['content-length'] = String(body.size);
        prismBody =
          body.kind === 'json' ? body.value : body.kind === 'text' ? body.text : body.bytes.subarray(0, BINARY_STAND_IN).toString('latin1');
      }
      const request: PrismInput = {
        method: input.op.method.toLowerCase() as PrismInput['method'],
        url: { path: pathOf(input.op, input.params), query: input.query },
        headers,
        ...(prismBody === undefined ? {} : { body: prismBody }),
      };
      const success = input.success;
      const mock: MockConfig = { dynamic: false, ...(success ? { code: success.status } : {}), ...(success?.mediaType ? { mediaTypes: [success.mediaType] } : {}) };
      const result = await prism.request(request, [prismOf(input.op)], config(mock, true))();
      if (result._tag === 'Left') {
        const checked = await validator.request(request, [prismOf(input.op)])();
        if (checked._tag === 'Left') throw new Error(`Prism could not validate ${input.op.id}: ${checked.left.message}`);
        return { violations: checked.right.validations.input as PrismViolation[] };
      }
      const violations = result.right.validations.input as PrismViolation[];
      const valid = !violations.some((v) => v.severity === undefined || v.severity === 0);
      const output = result.right.output as PrismOutput;
      return {
        violations,
        ...(valid && success && output.statusCode === success.status
          ? { success: rendered(output, result.right.validations.output as PrismViolation[]) }
          : {}),
      };
    },

    async render(op, params, status, example, mediaType) {
      const request: PrismInput = {
        method: op.method.toLowerCase() as PrismInput['method'],
        url: { path: pathOf(op, params), query: {} },
        headers: {},
      };
      const mock: MockConfig = { dynamic: false, code: status, ...(example ? { exampleKey: example } : {}), ...(mediaType ? { mediaTypes: [mediaType] } : {}) };
      const result = await prism.request(request, [prismOf(op)], config(mock, false))();
      if (result._tag === 'Left' || result.right.output.statusCode !== status) {
        throw new Error(
          `The mock asked Prism for ${op.id} ${status}${example ? ` example ${example}` : ''} and got ${
            result._tag === 'Left' ? result.left.message : `status ${result.right.output.statusCode}`
          }.`,
        );
      }
      return rendered(result.right.output as PrismOutput, result.right.validations.output as PrismViolation[]);
    },
  };
}

type MockConfig = { dynamic: false; code?: number; exampleKey?: string; mediaTypes?: string[] };

function config(mock: MockConfig, validateRequest: boolean) {
  return {
    isProxy: false as const,
    mock,
    // Credentials are checked by the mock itself, as Chert checks them.
    checkSecurity: false,
    validateRequest,
    validateResponse: true,
    errors: false,
    upstreamProxy: undefined,
  };
}

/** The path Prism routes and validates: each parameter re-encoded from its decoded value. */
function pathOf(op: Operation, params: Record<string, string>): string {
  return `/${op.segments.map((s) => ('literal' in s ? s.literal : encodeURIComponent(params[s.param] ?? ''))).join('/')}`;
}

function rendered(output: PrismOutput, validations: PrismViolation[]): Rendered {
  const headers: Record<string, string> = {};
  let mediaType: string | undefined;
  for (const [name, value] of Object.entries(output.headers ?? {})) {
    if (value === undefined) continue;
    if (name.toLowerCase() === 'content-type') mediaType = String(value);
    else headers[name] = String(value);
  }
  return {
    status: output.statusCode,
    headers,
    body: output.body,
    ...(output.body !== undefined && mediaType ? { mediaType } : {}),
    responseViolations: validations.map(violationText),
  };
}

export function violationText(v: PrismViolation): string {
  return `${v.path?.length ? `${v.path.join('.')}: ` : ''}${v.message}`;
}
