// The options of createChertClient, checked once at construction so that a mistake fails
// loudly and early. Messages name the option, never its value: values may be secrets.

/** HMAC v1 (preferred): every request is signed; the secret itself never travels. */
export interface HmacAuth {
  hmac: {
    /** Your tenant slug, sent as `x-chert-tenant`. */
    tenant: string;
    /** The tenant's signing secret (32 hex characters), used as the HMAC key. */
    signingSecret: string;
  };
  bearer?: never;
}

/** Bearer: the signing secret travels as `authorization: Bearer …` on every request. */
export interface BearerAuth {
  bearer: {
    /** The tenant's signing secret. */
    token: string;
    /** Your tenant slug; required when the account has more than one tenant. */
    tenant?: string;
  };
  hmac?: never;
}

/** What the client calls to send each attempt; `globalThis.fetch` by default. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** Told before each retry: what failed and how long the client waits before sending again. */
export interface RetryInfo {
  /** The operation being retried, when the request matched one of the document's. */
  operationId: string | undefined;
  /** 1 for the first retry, 2 for the second… */
  retry: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  /** The error that caused the retry (its `retryable`, `code`, `traceId`…). */
  error: Error;
}

export interface ChertClientOptions {
  auth: HmacAuth | BearerAuth;
  /** Where the API lives. Default: production, `https://console.trychert.com`. */
  baseUrl?: string;
  /** A fetch of your own (a proxy agent, a test double). Default: `globalThis.fetch`. */
  fetch?: FetchLike;
  /**
   * Milliseconds each attempt may wait for the answer's headers (and, for an error answer, its
   * body) before it is aborted with a `ChertTimeoutError`. `0` turns the timeout off.
   * Default: 30000.
   */
  timeoutMs?: number;
  /** Headers sent with every request. They cannot replace the authentication headers. */
  headers?: Record<string, string> | Headers;
  /**
   * How many times a request is sent again after an answer that proves it safe
   * (`retryable: true`). Default: 2. `0` never retries. A 2013 (clock skew) answer is re-signed
   * once on top of this.
   */
  maxRetries?: number;
  /** The clock, in milliseconds like `Date.now` (the default); for tests and skewed hosts. */
  now?: () => number;
  /** Called before each retry, e.g. to log it. */
  onRetry?: (info: RetryInfo) => void;
}

export const PRODUCTION_BASE_URL = 'https://console.trychert.com';

export interface ResolvedOptions {
  baseUrl: string;
  fetch: FetchLike;
  timeoutMs: number;
  maxRetries: number;
  now: () => number;
  onRetry: ((info: RetryInfo) => void) | undefined;
  /** Present in HMAC mode only. */
  signingSecret: string | undefined;
  /** Headers every request carries: the user's, the user agent, tenant and bearer token. */
  headers: Record<string, string>;
}

function check(ok: unknown, problem: string): asserts ok {
  if (!ok) throw new TypeError(`@chert/client: ${problem}`);
}

// A header value cannot hold line breaks or NUL; say so here rather than let Headers throw later.
const isSlug = (v: unknown): v is string => typeof v === 'string' && v !== '' && !/[\r\n\0]/.test(v) && v.trim() === v;

export function resolveOptions(options: ChertClientOptions, userAgent: string): ResolvedOptions {
  check(typeof options === 'object' && options !== null, 'createChertClient needs options: { auth, … }');
  const auth = options.auth as unknown as
    | { hmac?: Partial<HmacAuth['hmac']>; bearer?: Partial<BearerAuth['bearer']> }
    | undefined;
  check(
    auth && (auth.hmac ?? auth.bearer),
    '`auth` needs `hmac: { tenant, signingSecret }` or `bearer: { token, tenant? }`',
  );
  check(!(auth.hmac && auth.bearer), '`auth` takes `hmac` or `bearer`, not both');

  const headers: Record<string, string> = {};
  if (options.headers !== undefined) {
    check(typeof options.headers === 'object' && options.headers !== null, '`headers` must be an object or a Headers');
    new Headers(options.headers).forEach((value, name) => {
      headers[name] = value;
    });
  }
  headers['user-agent'] = headers['user-agent'] ? `${headers['user-agent']} ${userAgent}` : userAgent;
  // The client owns these; a stray copy in `headers` must not confuse the server.
  delete headers['authorization'];
  delete headers['x-chert-signature'];

  let signingSecret: string | undefined;
  if (auth.hmac) {
    const { tenant, signingSecret: secret } = auth.hmac;
    check(isSlug(tenant), '`auth.hmac.tenant` (your tenant slug) must be a non-empty string on one line');
    check(typeof secret === 'string' && secret !== '', '`auth.hmac.signingSecret` must be a non-empty string');
    signingSecret = secret;
    headers['x-chert-tenant'] = tenant;
  } else {
    const { token, tenant } = auth.bearer!;
    check(isSlug(token), '`auth.bearer.token` must be a non-empty string on one line');
    if (tenant !== undefined) {
      check(isSlug(tenant), '`auth.bearer.tenant`, when given, must be a non-empty string on one line');
      headers['x-chert-tenant'] = tenant;
    }
    headers['authorization'] = `Bearer ${token}`;
  }

  const baseUrl = options.baseUrl ?? PRODUCTION_BASE_URL;
  let protocol = '';
  try {
    protocol = new URL(baseUrl).protocol;
  } catch {
    // reported just below
  }
  check(protocol === 'http:' || protocol === 'https:', '`baseUrl` must be an absolute http(s) URL');

  let timeoutMs = options.timeoutMs ?? 30_000;
  check(typeof timeoutMs === 'number' && timeoutMs >= 0, '`timeoutMs` must be a number of milliseconds, 0 or more');
  // Timers fire at once beyond 2^31-1 ms; anything that long means no timeout.
  if (timeoutMs > 2 ** 31 - 1) timeoutMs = 0;

  const maxRetries = options.maxRetries ?? 2;
  check(Number.isSafeInteger(maxRetries) && maxRetries >= 0, '`maxRetries` must be a whole number, 0 or more');

  for (const name of ['fetch', 'now', 'onRetry'] as const) {
    check(options[name] === undefined || typeof options[name] === 'function', `\`${name}\` must be a function`);
  }

  return {
    baseUrl,
    // Looked up on every call when not given, so a fetch patched in later (an interceptor) is used.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs,
    maxRetries,
    now: options.now ?? Date.now,
    onRetry: options.onRetry,
    signingSecret,
    headers,
  };
}
