/**
 * The public types of `startMock`. Every optional field also takes an explicit `undefined`
 * (`signingSecret: process.env.X`), so options compile under `exactOptionalPropertyTypes`.
 */
export interface MockOptions {
  /** Port to listen on; 0 picks a free one. Default: the port of the document's local server (4010). */
  port?: number | undefined;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string | undefined;
  /**
   * The tenant's signing secret. With it, the HMAC v1 signature is verified (HMAC-SHA256,
   * within the clock window the document declares) and a bearer token must equal it;
   * without it, the mock only checks that credentials are present.
   */
  signingSecret?: string | undefined;
  /** Also log Prism's own lines (negotiation, validation) for every request. */
  verbose?: boolean | undefined;
  /** Where log lines go (one per request, plus Prism's with `verbose`). Default: nowhere. */
  log?: ((line: string) => void) | undefined;
  /**
   * Proxy mode: forward every request to this Chert base URL through Prism's validation
   * proxy and report whatever breaks the document, instead of answering from examples.
   */
  proxy?: string | undefined;
  /** Path of a bundled OpenAPI document (JSON or YAML) to serve instead of `@chert/openapi`'s. */
  document?: string | undefined;
  /** Called once per request with what the mock answered and why. */
  onReport?: ((report: RequestReport) => void) | undefined;
}

export interface RunningMock {
  /** Base URL to hand a client, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  host: string;
  /** Stops listening and ends open connections. */
  close(): Promise<void>;
}

export interface RequestReport {
  method: string;
  path: string;
  /** The operationId, when the path and method matched one. */
  operation?: string;
  status: number;
  /** Chert's `error.code`, on an error answer. */
  code?: number;
  /** The document example the answer was rendered from. */
  example?: string;
  /** Why the answer is what it is (the violation or credential fact), for errors. */
  reason?: string;
  traceId: string;
  /** True when the answer is the mock's own (unknown route, bad Prefer…), not Chert's. */
  mockError: boolean;
  /** What broke the document: the request's violations and the response's. */
  violations: { request: string[]; response: string[] };
}
