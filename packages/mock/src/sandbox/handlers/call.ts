/**
 * What a handler gets (the validated request, the sandbox, the documented answers) and how
 * it answers: `ok` builds a success from the sandbox's state, at the operation's documented
 * success status.
 */
import { documentsCode, successStatus, type Operation } from '../../document/operation.js';
import { isObject } from '../../document/schema.js';
import type { DocumentedAnswers, ValidRequest } from '../../front/front.js';
import type { Answer } from '../../http/answer.js';
import type { Sandbox } from '../sandbox.js';

export interface Call {
  op: Operation;
  request: ValidRequest;
  /** The JSON body (`{}` for none). */
  body: Record<string, any>;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  sandbox: Sandbox;
  answers: DocumentedAnswers;
}

export type Handler = (call: Call) => Answer | Promise<Answer>;

export function ok(call: Call, body: unknown, status = successStatus(call.op) ?? 200): Answer {
  return {
    status,
    headers: {},
    ...(body === undefined ? {} : { body, mediaType: 'application/json' }),
    operation: call.op.id,
    violations: { request: [], response: [] },
  };
}

export function bodyOf(request: ValidRequest): Record<string, any> {
  return request.body.kind === 'json' && isObject(request.body.value) ? (request.body.value as Record<string, any>) : {};
}

export function queryValue(call: Call, name: string): string | undefined {
  const value = call.query[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The first of `codes` the operation answers with (its documented errors), else the last. */
export function answeredCode(op: Operation, codes: number[]): number {
  return codes.find((code) => documentsCode(op, code)) ?? codes[codes.length - 1]!;
}
