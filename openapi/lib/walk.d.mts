// Types for walk.mjs (the shared walker of a bundled document, `@chert/openapi/walk`).
type Json = Record<string, any>;

export declare const HTTP_METHODS: readonly string[];
export declare function pointer(doc: Json, ref: string): any;
export declare function deref<T = any>(doc: Json, node: T | { $ref: string }): any;
export declare function locate(node: unknown, at: string[]): string[];

export interface OperationSite {
  kind: 'path' | 'webhook';
  /** The path (`/api/v1/send`) or the webhook's name (`message.received`). */
  key: string;
  /** Lower case: `get`, `post`… */
  method: string;
  pathItem: Json;
  operation: Json;
  /** JSON pointer parts of the operation in the document. */
  at: string[];
}
export declare function operations(doc: Json, options?: { webhooks?: boolean }): OperationSite[];
export declare function parameters(doc: Json, pathItem: Json, operation: Json): Json[];

export interface MediaSite {
  /** `request`, or the response's status (`200`, `404`, `default`). */
  where: string;
  /** The media type, e.g. `application/json`. */
  type: string;
  media: Json;
  /** The request body or response object that holds the media type (its headers, description). */
  owner: Json;
  /** JSON pointer parts of the media type object in the document. */
  at: string[];
}
export declare function mediaTypes(doc: Json, operation: Json, at: string[]): MediaSite[];
export declare function examples(doc: Json, media: Json): Record<string, { summary?: string; value?: unknown; [k: string]: unknown }>;
