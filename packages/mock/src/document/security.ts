/**
 * The credential schemes as the document declares them: which header carries the HMAC v1
 * signature (the apiKey scheme with `x-chert-signature-window-seconds`) and its clock window,
 * which scheme is the bearer token, and the other headers (the tenant) a requirement pairs
 * with them.
 */
import { deref } from '@chert/openapi/walk';
import { isObject, type Json } from './schema.js';

export interface SecurityModel {
  signature?: { scheme: string; header: string; windowSeconds: number };
  bearer?: { scheme: string };
  /** apiKey-in-header schemes: scheme name → lower-case header name. */
  headers: Map<string, string>;
}

export const SIGNATURE_WINDOW_EXTENSION = 'x-chert-signature-window-seconds';

export function securityModel(doc: Json): SecurityModel {
  const model: SecurityModel = { headers: new Map() };
  for (const [name, raw] of Object.entries<Json>(doc.components?.securitySchemes ?? {})) {
    const scheme = deref(doc, raw);
    if (!isObject(scheme)) continue;
    if (scheme.type === 'apiKey' && scheme.in === 'header' && typeof scheme.name === 'string') {
      const header = scheme.name.toLowerCase();
      model.headers.set(name, header);
      const window: unknown = scheme[SIGNATURE_WINDOW_EXTENSION];
      if (typeof window === 'number' && Number.isInteger(window) && window > 0 && !model.signature) {
        model.signature = { scheme: name, header, windowSeconds: window };
      }
    } else if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer' && !model.bearer) {
      model.bearer = { scheme: name };
    }
  }
  return model;
}

/** The signature window of a document, or undefined when it declares no HMAC scheme. */
export function signatureWindow(doc: Json): number | undefined {
  return securityModel(doc).signature?.windowSeconds;
}
