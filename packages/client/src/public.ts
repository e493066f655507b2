// What both entries export alike; each entry adds the functions bound to its HMAC backend.
export type { AttachmentHelpers, UploadFileParams } from './attachments.js';
export type { ChertClient } from './client.js';
export type { Card, Contacts, Recipient } from './contacts.js';
export { APIPromise, type IterablePromise, type WithResponse } from './core/api-promise.js';
export type { CallOptions } from './core/call.js';
export {
  ChertAbortError,
  ChertApiError,
  ChertError,
  ChertInputError,
  ChertNetworkError,
  ChertTimeoutError,
} from './core/errors.js';
export type { Logger, LogLevel } from './core/logger.js';
export type { Page, PagePromise } from './core/pagination.js';
export type { Answer } from './core/request.js';
export type { EventStream, StreamOptions, StreamPromise } from './core/stream.js';
export type { UploadData, UploadOptions } from './core/uploads.js';
export type * from './generated/resources/index.js';
export type { BearerAuth, ChertClientOptions, FetchLike, HmacAuth, RetryInfo } from './options.js';
export type { RawBody, SigningKey } from './sign.js';
export { version } from './version.js';
export { ChertWebhookError, type WebhookFailure } from './webhooks/error.js';
export type { VerifyWebhookParams, WebhookHeaders, Webhooks } from './webhooks/verify.js';
// The document's own types (every schema by name, `paths`, `operations`, the per-operation
// helpers), so users need not install @chert/types beside the client.
export type * from '@chert/types';
