// What both entries export alike; each entry adds the three functions bound to its HMAC backend.
export type { ChertClient } from './client.js';
export type { Card, Contacts, Recipient } from './contacts.js';
export { APIPromise, type WithResponse } from './core/api-promise.js';
export type { CallOptions } from './core/call.js';
export {
  ChertAbortError,
  ChertApiError,
  ChertError,
  ChertNetworkError,
  ChertTimeoutError,
} from './core/errors.js';
export type { Logger, LogLevel } from './core/logger.js';
export type { BearerAuth, ChertClientOptions, FetchLike, HmacAuth, RetryInfo } from './options.js';
export type { RawBody, SigningKey } from './sign.js';
export { version } from './version.js';
// The document's own types, so users need not install @chert/types beside the client.
export type {
  ApiError,
  ChatId,
  Contact,
  ContactEmail,
  ContactPhone,
  E164Phone,
  ErrorCode,
  ErrorEnvelope,
  OperationId,
  SendContactResult,
  ShareContactResult,
  VCardText,
  components,
  operations,
  paths,
} from '@chert/types';
