// The public face of @chert/types: the generated `paths`, `components`, `operations` and
// `webhooks`, a generated alias for every schema (`Chat`, `MessagePart`, `WebhookEvent`…),
// the generated run-time tables, and a few helper types computed from them. Nothing here
// restates the document.
import type { operations, paths, webhooks } from './generated/schema.js';
import type { operationMeta } from './generated/operations.js';

export type { components, operations, paths, webhooks, $defs } from './generated/schema.js';
export type * from './generated/aliases.js';
export { operationMeta, webhookDelivery, webhookEvents, apiVersion } from './generated/operations.js';
export { headerNames, bearerScheme, productionServerUrl } from './generated/facts.js';

/** The operationIds of the document's paths: `sendMessage`, `createChat`, … (not its webhooks). */
export type OperationId = keyof typeof operationMeta;
export type Path = keyof paths;

type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Responses<O extends OperationId> = operations[O]['responses'];
type Success = 200 | 201 | 202 | 204;

/** The success body of an operation (its 2xx JSON response; `never` for a body-less 204). */
export type SuccessBody<O extends OperationId> = {
  [S in keyof Responses<O>]: S extends Success ? JsonBody<Responses<O>[S]> : never;
}[keyof Responses<O>];

/** The union of error bodies an operation is documented to return. */
export type ErrorBody<O extends OperationId> = {
  [S in keyof Responses<O>]: S extends Success ? never : JsonBody<Responses<O>[S]>;
}[keyof Responses<O>];

/** The error codes an operation is documented to return (in the envelope, or replay's legacy shape). */
export type OperationErrorCode<O extends OperationId> =
  ErrorBody<O> extends infer B ? (B extends { error: { code: infer C } } ? C : B extends { code: infer C } ? C : never) : never;

/** The HTTP statuses an operation is documented to answer with. */
export type OperationStatus<O extends OperationId> = keyof Responses<O>;

/** The webhook event types: `message.received`, `reaction.added`, `reaction.removed`, `lead_reply`. */
export type WebhookEventName = keyof webhooks;

/** The JSON body Chert delivers for one webhook event type. */
export type WebhookPayload<E extends WebhookEventName> =
  NonNullable<webhooks[E]['post']['requestBody']>['content']['application/json'];
