// The public face of @chert/types: the generated `paths`, `components` and `operations`,
// plus short names for the types users write by hand. Everything here points into the
// generated schema; nothing restates the document.
import type { components, operations, paths } from './generated/schema.js';

export type { components, operations, paths, webhooks, $defs } from './generated/schema.js';
export { operationMeta, apiVersion } from './generated/operations.js';
export { headerNames, bearerScheme, productionServerUrl } from './generated/facts.js';

type Schemas = components['schemas'];

export type ChatId = Schemas['ChatId'];
export type E164Phone = Schemas['E164Phone'];
export type EmailAddress = Schemas['EmailAddress'];
export type VCardText = Schemas['VCardText'];
export type Contact = Schemas['Contact'];
export type ContactPhone = Schemas['ContactPhone'];
export type ContactEmail = Schemas['ContactEmail'];

export type SendContactToChatRequest = Schemas['SendContactToChatRequest'];
export type SendContactToPhoneRequest = Schemas['SendContactToPhoneRequest'];
export type ShareContactInfoToPhoneRequest = Schemas['ShareContactInfoToPhoneRequest'];

export type SendContactResult = Schemas['SendContactResult'];
export type ShareContactResult = Schemas['ShareContactResult'];

export type ErrorEnvelope = Schemas['ErrorEnvelope'];
export type ApiError = Schemas['ApiError'];
/** Every error code the document knows. Branch on these; never on `message`. */
export type ErrorCode = Schemas['ErrorCode'];

/** The operationIds of the document: `sendContactToChat`, `sendContactToPhone`, … */
export type OperationId = keyof operations;
export type Path = keyof paths;

type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Responses<O extends OperationId> = operations[O]['responses'];

/** The success body of an operation (its 2xx JSON response). */
export type SuccessBody<O extends OperationId> = {
  [S in keyof Responses<O>]: S extends 200 | 201 | 202 ? JsonBody<Responses<O>[S]> : never;
}[keyof Responses<O>];

/** The union of error envelopes an operation is documented to return. */
export type ErrorBody<O extends OperationId> = {
  [S in keyof Responses<O>]: S extends 200 | 201 | 202 ? never : JsonBody<Responses<O>[S]>;
}[keyof Responses<O>];

/** The error codes an operation is documented to return. */
export type OperationErrorCode<O extends OperationId> =
  ErrorBody<O> extends { error: { code: infer C } } ? C : never;

/** The HTTP statuses an operation is documented to answer with. */
export type OperationStatus<O extends OperationId> = keyof Responses<O>;
