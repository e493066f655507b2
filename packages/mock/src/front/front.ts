/**
 * The shared front of every answering mode: route, `Prefer`, credentials, the body, Prism's
 * request validation and the mapping of its violations to Chert's documented answers. Only a
 * request that passes all of it reaches the mode's answerer (today: the document's examples,
 * modes/examples.ts). `Prefer` is honoured here, after validation, so every mode can stage
 * any documented outcome.
 */
import type { IncomingMessage } from 'node:http';
import type { LoadedDocument } from '../document/load.js';
import { successStatus, type Operation } from '../document/operation.js';
import { ERROR_CODE, expand, isObject, itemSchemas, ownExtension, propertySchemas, settle, type Json } from '../document/schema.js';
import type { Answer } from '../http/answer.js';
import { readBody } from '../http/body.js';
import { negotiate } from '../http/media-type.js';
import { parseTarget, queryRecord } from '../http/target.js';
import { MockRefusal } from '../mock-error.js';
import { violationText, type PrismAdapter, type Rendered } from '../prism/adapter.js';
import type { PrismViolation } from './violations.js';
import { CODES } from './catalogue.js';
import { checkCredentials } from './credentials.js';
import { exampleForCodes, exampleForStatuses } from './documented.js';
import { preferredExample } from './prefer.js';
import { decodeBody, planBody, type DecodedBody } from './request-body.js';
import { matchRoute } from './route.js';
import { byPrecedence, malformedParameterVerdict, mapViolations, type Verdict } from './violations.js';

/** A request the front found valid, handed to the mode's answerer. */
export interface ValidRequest {
  op: Operation;
  /** Path parameters, decoded. */
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: IncomingMessage['headers'];
  body: DecodedBody;
  /** The document's success answer, rendered by Prism in the validation pass when it could be. */
  documentSuccess?: Rendered;
}

/** What answers a valid request: one per mode. */
export interface Answerer {
  answer(request: ValidRequest, answers: DocumentedAnswers): Promise<Answer>;
  /**
   * A violation this mode accepts although the document does not (the sandbox takes
   * `http://localhost` webhook URLs where Chert requires https). Default: none.
   */
  waive?(op: Operation, violation: PrismViolation, body: DecodedBody): boolean;
}

/** Documented answers for one request, negotiated against its `Accept`. */
export interface DocumentedAnswers {
  /** The document's `status` answer (its `example`, or the first), as Prism renders it. */
  render(status: number, example: string | undefined, reason?: string): Promise<Answer>;
  /** An answer Prism already rendered, finished the way every documented answer is. */
  fromRendered(rendered: Rendered, example: string | undefined, reason?: string): Answer;
  /**
   * The operation's documented error carrying `code` (at `status`, where the code is
   * answered with several), its message replaced by `message` and `fields` added to the
   * error; an operation whose error examples carry no `error.code` (a legacy shape) is
   * answered with its first example at `status`.
   */
  error(code: number, message: string, options?: { status?: number; fields?: Record<string, unknown> }): Promise<Answer>;
}

export interface FrontContext {
  document: LoadedDocument;
  prism: PrismAdapter;
  signingSecret: string | undefined;
  answerer: Answerer;
  /** A verbose-only line of the mock's own reasoning, between Prism's. */
  note(line: string): void;
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

export async function answerRequest(ctx: FrontContext, req: IncomingMessage): Promise<Answer> {
  const { document } = ctx;
  const method = (req.method ?? 'GET').toUpperCase();
  const target = parseTarget(req.url);
  const route = matchRoute(document, method, target?.path);
  const { op, params } = route;
  const preferred = preferredExample(op, req.headers.prefer);
  const plan = planBody(document, op, req.headers);
  const read = await readBody(req, plan.limit);
  if (read.over && plan.maxBytes === undefined) {
    throw new MockRefusal({
      status: 413,
      title: 'Body too large for the mock',
      detail: `The mock reads ${plan.media?.type ?? 'request'} bodies up to ${plan.limit} bytes; this one is larger.`,
    });
  }
  const answers = documentedAnswers(ctx, op, params, one(req.headers.accept));

  const auth = checkCredentials(document.security, op, {
    headers: req.headers,
    rawBody: read.bytes,
    signingSecret: ctx.signingSecret,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  if (!auth.ok) return answerCode(ctx, answers, op, [auth.code], [401], auth.reason);

  if (read.over) {
    const media = plan.media!;
    return answerVerdict(ctx, answers, op, {
      location: 'body',
      kind: 'value',
      code: ownExtension(expand(document.raw, media.schema), ERROR_CODE) ?? CODES.invalidField,
      message: `body is larger than ${plan.maxBytes} bytes (${media.type})`,
      depth: 0,
      order: 0,
    });
  }
  const decoded = decodeBody(op, plan, read.bytes);
  if ('verdict' in decoded) return answerVerdict(ctx, answers, op, decoded.verdict);

  ctx.note(`${op.id}: credentials ${auth.scheme}${ctx.signingSecret ? ' (verified)' : ' (present)'}; validating with Prism`);
  const query = queryRecord(target!.query);
  const success = preferred ? undefined : successStatus(op);
  const successMedia = success === undefined ? undefined : mediaFor(op, success, one(req.headers.accept));
  const validated = await ctx.prism.validate({
    op,
    params,
    query,
    headers: req.headers,
    body: decoded.body,
    ...(success !== undefined && successMedia !== 'not-acceptable' ? { success: { status: success, mediaType: successMedia } } : {}),
  });
  const waive = ctx.answerer.waive;
  const violations = waive ? validated.violations.filter((v) => !waive(op, v, decoded.body)) : validated.violations;
  const verdicts = [
    ...route.malformed.map((name) => malformedParameterVerdict(document, op, name)),
    ...mapViolations(document, op, { body: decoded.body, params, query, headers: req.headers }, violations),
  ].sort(byPrecedence);
  const requestViolations = violations.filter((v) => v.severity === undefined || v.severity === 0).map(violationText);
  const first = verdicts[0];
  if (first) {
    const answer = await answerVerdict(ctx, answers, op, first);
    return { ...answer, violations: { ...answer.violations, request: requestViolations.length ? requestViolations : [first.message] } };
  }

  if (preferred) {
    return answers.render(preferred.status, preferred.example || undefined, `Prefer: code=${preferred.status}${preferred.example ? `, example=${preferred.example}` : ''}`);
  }
  return ctx.answerer.answer(
    { op, params, query, headers: req.headers, body: decoded.body, ...(validated.success ? { documentSuccess: validated.success } : {}) },
    answers,
  );
}

/** The codes to fall back on when the operation documents no example with the verdict's own. */
const FALLBACK_CODES: Record<Verdict['kind'], number[]> = {
  unreadable: [CODES.unreadableBody, CODES.invalidField],
  missing: [CODES.missingField, CODES.invalidField],
  shape: [CODES.invalidField],
  value: [CODES.invalidField],
};

async function answerVerdict(ctx: FrontContext, answers: DocumentedAnswers, op: Operation, verdict: Verdict): Promise<Answer> {
  // A path parameter no resource could have is, failing its own code, a resource not found.
  const statuses = verdict.location === 'path' ? [404, 400, 422] : [400, 422];
  const answer = await answerCode(ctx, answers, op, [verdict.code, ...FALLBACK_CODES[verdict.kind]], statuses, verdict.message, verdict.status);
  // The example's shape, status, code and retryable; the message says which field. A 404
  // keeps its own: the resource was not found, whatever its id looked like.
  if (answer.status !== 404) return withMessage(answer, verdict.message);
  return answer;
}

/** An error answer with its message (and extra error fields) replaced, in the shared envelope or the legacy flat one. */
function withMessage(answer: Answer, message: string, fields: Record<string, unknown> = {}): Answer {
  const body = answer.body;
  if (!isObject(body)) return answer;
  if (isObject(body.error)) return { ...answer, body: { ...body, error: { ...body.error, message, ...fields } } };
  if ('message' in body) return { ...answer, body: { ...body, message, ...fields } };
  return answer;
}

async function answerCode(
  ctx: FrontContext,
  answers: DocumentedAnswers,
  op: Operation,
  codes: number[],
  statuses: number[],
  reason: string,
  status?: number,
): Promise<Answer> {
  const choice = exampleForCodes(ctx.document, op, codes, status) ?? exampleForStatuses(op, statuses);
  if (!choice) {
    throw new MockRefusal({
      status: 400,
      title: 'No documented answer',
      detail: `${op.id} documents no answer for this request (${reason}): the document needs a response with an example carrying error.code ${codes[0]}.`,
      askedFor: { operation: op.id, code: codes[0] },
    });
  }
  return answers.render(choice.status, choice.example, reason);
}

/** The documented media type to answer `status` with, or `not-acceptable` when `Accept` rules them all out. */
function mediaFor(op: Operation, status: number, accept: string | undefined): string | undefined | 'not-acceptable' {
  const offered = [...(op.responses.get(status)?.media.keys() ?? [])];
  if (!offered.length) return undefined;
  return negotiate(accept, offered) ?? 'not-acceptable';
}

function documentedAnswers(ctx: FrontContext, op: Operation, params: Record<string, string>, accept: string | undefined): DocumentedAnswers {
  const fromRendered = (rendered: Rendered, example: string | undefined, reason?: string): Answer => ({
    status: rendered.status,
    headers: rendered.headers,
    body: rendered.status >= 200 && rendered.status < 300 ? withPathIds(ctx.document, op, rendered, params) : rendered.body,
    ...(rendered.mediaType ? { mediaType: rendered.mediaType } : {}),
    operation: op.id,
    ...(example ? { example } : {}),
    ...(reason ? { reason } : {}),
    violations: { request: [], response: rendered.responseViolations },
  });
  const answers: DocumentedAnswers = {
    fromRendered,
    async error(code, message, options = {}) {
      const answer = await answerCode(ctx, answers, op, [code], options.status === undefined ? [] : [options.status], message, options.status);
      return withMessage(answer, message, options.fields);
    },
    async render(status, example, reason) {
      let media = mediaFor(op, status, accept);
      if (media === 'not-acceptable') {
        // The document's answer to an Accept it cannot satisfy, if it has one (406);
        // otherwise the Accept is disregarded (RFC 9110 §12.5.1) and the documented type sent.
        const refusal = exampleForStatuses(op, [406]);
        if (refusal && refusal.status !== status) {
          ctx.note(`Accept ${accept} matches no documented ${status} media type → the documented 406`);
          return fromRendered(await ctx.prism.render(op, params, 406, refusal.example, undefined), refusal.example, `Accept: ${accept}`);
        }
        media = [...(op.responses.get(status)?.media.keys() ?? [])][0];
      }
      const chosen = example ?? op.responses.get(status)?.exampleNames[0];
      ctx.note(`${reason ?? 'valid request'} → asking Prism for ${op.id} ${status}${chosen ? ` example ${chosen}` : ''}`);
      return fromRendered(await ctx.prism.render(op, params, status, chosen, media), chosen, reason);
    },
  };
  return answers;
}

/**
 * A success names the resource in the path, not the example's: each property of the
 * success body whose schema is the very schema of a path parameter (`chat_id`: `ChatId`,
 * like `{id}`) takes that parameter's value.
 */
function withPathIds(document: LoadedDocument, op: Operation, rendered: Rendered, params: Record<string, string>): unknown {
  const byRef = new Map<string, string>();
  for (const p of op.parameters) {
    if (p.in === 'path' && typeof p.schema?.$ref === 'string' && params[p.name] !== undefined) byRef.set(p.schema.$ref, params[p.name]!);
  }
  if (!byRef.size || rendered.body === undefined || !rendered.mediaType) return rendered.body;
  const response = op.responses.get(rendered.status);
  const essence = rendered.mediaType.split(';')[0]!.trim();
  const schema = response?.node.content?.[essence]?.schema ?? response?.node.content?.[rendered.mediaType]?.schema;
  if (schema === undefined) return rendered.body;
  return replaceIds(document.raw, expand(document.raw, schema), rendered.body, byRef);
}

function replaceIds(doc: Json, nodes: Json[], value: unknown, byRef: Map<string, string>): unknown {
  const settled = settle(doc, nodes, value).nodes;
  if (Array.isArray(value)) return value.map((item, i) => replaceIds(doc, itemSchemas(doc, settled, i), item, byRef));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const child = propertySchemas(doc, settled, key);
    const ref = child.find((n) => typeof n.$ref === 'string' && byRef.has(n.$ref))?.$ref as string | undefined;
    out[key] = ref !== undefined ? byRef.get(ref) : replaceIds(doc, child, v, byRef);
  }
  return out;
}
