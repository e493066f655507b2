// What the core reads about an operation at run time. src/generated/operations.ts holds one per
// operation, generated from the document; everything else about it lives in the types.

export interface Operation {
  method: string;
  /** The document's template, `/api/v1/chats/{id}`. */
  path: string;
  /** `x-idempotent: true`: sent again after a timeout or a dropped connection. */
  idempotent?: boolean;
  /** `x-chert-idempotency-key`: the JSON pointer of the key in the body. */
  idempotencyKey?: string;
  /** Every security alternative is a bearer token alone. */
  bearerOnly?: boolean;
  /** How a success answer that is not JSON is read. */
  parseAs?: 'blob' | 'stream';
  /** A raw body: its Content-Type when the caller gives none, and the most bytes it may hold. */
  upload?: { contentType: string; maxBytes?: number };
  /** `x-chert-pagination`. */
  pagination?: { cursor: string; next: string; items: string };
  /** `x-chert-stream`, what the reader needs of it. */
  stream?: { closeEvent: string; resume: string; resumeFrom: string; itemId: string; heartbeatSeconds: number };
  /** `x-chert-sdk`, as `resource.method`, for a generated method (hand-written ones have none). */
  sdk?: string;
  /** The generated method takes a body after the path parameters. */
  body?: boolean;
  /** The generated method takes a query next. */
  query?: boolean;
}
